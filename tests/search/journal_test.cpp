// The run folder: crash recovery (torn last line), damage detection (garbage middle line),
// the single-writer lock, a real disk-full failure in a child process, and config.json.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/data/record.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::fresh_dir;
using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

// A fresh, empty folder per test (ctest runs tests in parallel processes).
void append_raw(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

TEST(ParseJournal, SplitsCompleteLinesAndIgnoresATornTail) {
  EXPECT_EQ(parse_journal("", "j").records.size(), 0u);
  const JournalContents c = parse_journal("{\"a\":1}\n{\"b\":2}\n{\"c\":", "j");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[1]["b"], 2);
  EXPECT_EQ(c.ignored_lines, 1u);
  EXPECT_EQ(c.good_bytes, 16u);
  // Parsable but unterminated: the newline is what makes a record complete.
  EXPECT_EQ(parse_journal("{}\n{}", "j").records.size(), 1u);
  EXPECT_EQ(parse_journal("{}\nnot json\n", "j").ignored_lines, 1u);
}

TEST(ParseJournal, DamageBeforeTheLastLineIsAnError) {
  EXPECT_THROW(
      {
        try {
          parse_journal("{}\n[1,2]\n{}\n", "runs/x/journal.jsonl");
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "journal runs/x/journal.jsonl line 2: not a JSON object");
          throw;
        }
      },
      Error);
  EXPECT_THROW(parse_journal("{}\n\n{}\n", "j"), Error);  // blank lines are never written
  EXPECT_THROW(parse_journal("garbage\n{}", "j"), Error);
}

json line(int i) {
  return json{{"i", i}, {"text", std::string(static_cast<std::size_t>(i), 'x')}};
}

TEST(Journal, AppendedRecordsReadBack) {
  const fs::path dir = fresh_dir("journal");
  {
    JournalWriter w(dir);
    for (int i = 0; i < 5; ++i) w.append(line(i));
    EXPECT_EQ(w.records(), 5u);
  }
  JournalWriter again(dir);  // reopening appends after what is there
  EXPECT_EQ(again.records(), 5u);
  EXPECT_EQ(again.repaired_bytes(), 0u);
  again.append(line(5));
  const JournalContents c = read_journal(dir);
  ASSERT_EQ(c.records.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(c.records[static_cast<std::size_t>(i)], line(i));
  EXPECT_EQ(c.ignored_lines, 0u);
  EXPECT_EQ(c.good_bytes, fs::file_size(journal_path(dir)));
}

TEST(Journal, RecordsAreStoredAsTheyEncode) {
  const fs::path dir = fresh_dir("journal");
  EvalRecord r;
  r.expr = r.canonical = "exp(exp(x))";
  r.status = EvalStatus::Diverged;
  r.reason = "non-finite loss";
  r.task = "spirals";
  r.seed = 0xfedcba9876543210ULL;
  r.val_loss = kInf;
  JournalWriter(dir).append(to_json(r));
  const std::vector<EvalRecord> back =
      records_from_json(read_journal(dir).records, journal_path(dir).string());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0], r);
}

TEST(Journal, InvalidUtf8IsReplacedNotFatal) {
  const fs::path dir = fresh_dir("journal");
  JournalWriter(dir).append(json{{"expr", "x\xff"}});
  EXPECT_EQ(read_journal(dir).records.at(0)["expr"], "x\xEF\xBF\xBD");
}

TEST(Journal, TornLastLineIsIgnoredThenRepairedOnReopen) {
  const fs::path dir = fresh_dir("journal");
  {
    JournalWriter w(dir);
    for (int i = 0; i < 3; ++i) w.append(line(i + 10));
  }
  const fs::path path = journal_path(dir);
  const auto full = fs::file_size(path);
  fs::resize_file(path, full - 6);  // a kill in the middle of the third write
  const JournalContents c = read_journal(dir);
  EXPECT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.ignored_lines, 1u);

  JournalWriter w(dir);
  EXPECT_EQ(w.records(), 2u);
  EXPECT_EQ(w.repaired_bytes(), full - 6 - c.good_bytes);
  EXPECT_EQ(fs::file_size(path), c.good_bytes);
  w.append(line(99));
  const JournalContents after = read_journal(dir);
  ASSERT_EQ(after.records.size(), 3u);
  EXPECT_EQ(after.records[2], line(99));
  EXPECT_EQ(after.ignored_lines, 0u);
}

TEST(Journal, GarbageMiddleLineIsReportedWithItsNumber) {
  const fs::path dir = fresh_dir("journal");
  JournalWriter(dir).append(line(1));
  append_raw(journal_path(dir), "{\"half\": tr\n");
  JournalWriter(dir).append(line(2));  // the bad line was last: repaired away
  append_raw(journal_path(dir), "12345\n{\"i\":3}\n");
  const std::string expected =
      "journal " + journal_path(dir).string() + " line 3: not a JSON object";
  const auto error_of = [](const std::function<void()>& open) -> std::string {
    try {
      open();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of([&] { read_journal(dir); }), expected);
  EXPECT_EQ(error_of([&] { JournalWriter w(dir); }), expected);
}

TEST(Journal, MissingJournalIsNotARun) {
  const fs::path dir = fresh_dir("journal");
  try {
    read_journal(dir);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), dir.string() + " is not an actsearch run: no journal.jsonl");
  }
}

TEST(Journal, OneWriterPerRun) {
  const fs::path dir = fresh_dir("journal");
  JournalWriter first(dir);
  try {
    JournalWriter second(dir);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), "run " + dir.string() + " is in use by another actsearch process");
  }
  JournalWriter moved = std::move(first);
  moved.append(line(1));
  EXPECT_EQ(moved.records(), 1u);
}

TEST(Journal, UnopenableJournalIsAClearError) {
  const fs::path dir = fresh_dir("journal");
  try {
    JournalWriter w(dir / "missing");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), "cannot open journal " + (dir / "missing" / "journal.jsonl").string() +
                            ": No such file or directory");
  }
  fs::create_directory(journal_path(dir));
  EXPECT_THROW(JournalWriter w(dir), Error);
  EXPECT_THROW(read_journal(dir), Error);
}

// Runs in a forked child with a 4 KiB file-size limit: appends until the kernel refuses
// (a short write, then EFBIG), and reports "count\nmessage" through `fd`.
[[noreturn]] void fill_journal_child(const fs::path& dir, int fd) {
  std::signal(SIGXFSZ, SIG_IGN);
  const rlimit limit{4096, 4096};
  std::string report = "setrlimit failed";
  if (::setrlimit(RLIMIT_FSIZE, &limit) == 0) {
    std::size_t appended = 0;
    report = "no error";
    try {
      JournalWriter w(dir);
      for (int i = 0; i < 1000; ++i, ++appended) w.append(line(100 + i % 37));
    } catch (const Error& e) {
      report = e.what();
    }
    report = std::to_string(appended) + "\n" + report;
  }
  const bool ok = ::write(fd, report.data(), report.size()) == static_cast<ssize_t>(report.size());
  ::_exit(ok ? 0 : 1);
}

TEST(Journal, DiskFullIsAClearErrorAndKeepsCompleteRecords) {
  const fs::path dir = fresh_dir("journal");
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    fill_journal_child(dir, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  std::string report;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) report.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << report;

  const std::size_t newline = report.find('\n');
  ASSERT_NE(newline, std::string::npos) << report;
  const std::size_t appended = std::stoul(report.substr(0, newline));
  EXPECT_EQ(report.substr(newline + 1),
            "cannot write journal " + journal_path(dir).string() + ": File too large");
  EXPECT_GT(appended, 10u);
  const JournalContents c = read_journal(dir);
  EXPECT_EQ(c.records.size(), appended);
  EXPECT_EQ(c.ignored_lines, 0u);
  EXPECT_EQ(fs::file_size(journal_path(dir)), c.good_bytes);
  EXPECT_LT(c.good_bytes, 4096u);  // the failed record was partly written, then cut back
  JournalWriter w(dir);            // with space again, the run continues
  w.append(line(1));
  EXPECT_EQ(read_journal(dir).records.size(), appended + 1);
}

TEST(Config, WrittenAtomicallyWithFormat) {
  const fs::path dir = fresh_dir("journal");
  write_config(dir, json{{"strategy", "random"}, {"budget", 100}});
  write_config(dir, json{{"strategy", "evolution"}, {"budget", 200}});
  const json c = read_config(dir);
  EXPECT_EQ(c["strategy"], "evolution");
  EXPECT_EQ(c["format"], kRunFormat);
  EXPECT_FALSE(fs::exists(dir / "config.json.tmp"));
}

std::string config_error(const fs::path& dir) {
  try {
    read_config(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Config, MissingGarbledOrIncompatibleIsRefused) {
  const fs::path dir = fresh_dir("journal");
  EXPECT_EQ(config_error(dir), dir.string() + " is not an actsearch run: no config.json");
  std::ofstream(config_path(dir)) << "{\"format\": 3}";
  EXPECT_EQ(config_error(dir), "run " + dir.string() +
                                   " was written by an incompatible actsearch (format 3, this "
                                   "is format 1)");
  std::ofstream(config_path(dir)) << "{\"budget\": 3}";
  EXPECT_EQ(config_error(dir), "run " + dir.string() +
                                   " was written by an incompatible actsearch (no format, this "
                                   "is format 1)");
  std::ofstream(config_path(dir)) << "{\"format\": 1";
  EXPECT_EQ(config_error(dir), "config " + config_path(dir).string() + ": not a JSON object");
}

TEST(Config, UnwritableFolderIsAClearError) {
  const fs::path dir = fresh_dir("journal") / "missing";
  try {
    write_config(dir, json::object());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.what(),
              "cannot write " + config_path(dir).string() + ": No such file or directory");
  }
}

}  // namespace
}  // namespace actsearch::search
