// Faults during a real `actsearch search`: SIGKILL at random moments (drawn from a fixed
// seed: after a random number of journal lines plus a random delay) then --resume, possibly killed
// again, always ends with the summary of the uninterrupted run; every record written before a kill
// survives unchanged; after recovery the journal holds no duplicate and no half record. A full disk
// (RLIMIT_FSIZE) stops the run with a clear error and leaves a readable, resumable journal.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "search/data/journal.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// About 20 proposals on a tiny generated task: two rungs, a final stage, two threads;
// around a second of training in a Release build.
std::vector<std::string> search_args(const fs::path& out, bool resume = false) {
  std::vector<std::string> args = {
      "search",
      "--task",
      "moons train=128 val=128 test=64 epochs=2 full-epochs=3 depth=1 width=8",
      "--units",
      "1",
      "--unary",
      "identity,tanh,relu,sin,sigmoid,exp",
      "--binary",
      "add,mul,max",
      "--strategy",
      "random",
      "--budget",
      "20",
      "--generation",
      "5",
      "--rungs",
      "2",
      "--top",
      "3",
      "--final-seeds",
      "2",
      "--baselines",
      "relu,tanh",
      "--threads",
      "2",
      "--seed",
      "11",
      "--quiet",
      "--out",
      out.string()};
  if (resume) args.push_back("--resume");
  return args;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

json summary_without_timing(const fs::path& run) {
  json s = json::parse(read_text(run / "summary.json"));
  s.erase("wall_seconds");
  return s;
}

// A record without the fields that depend on the clock.
json timeless(json record) {
  record.erase("train_seconds");
  record.erase("unix_time");
  return record;
}

// What makes a record unique in a run: a training is (kind, function, task, rung, seed);
// a proposal that trained nothing is (kind, proposal index).
std::string identity(const json& r) {
  const std::string kind = r.at("kind");
  if (kind == "rejected" || kind == "duplicate") return kind + "#" + r.at("proposal").dump();
  return kind + "|" + r.at("canonical").get<std::string>() + "|" + r.at("task").get<std::string>() +
         "|" + r.at("rung").dump() + "|" + r.at("seed_index").dump();
}

// The journal after recovery: every line a complete record, none twice.
std::vector<json> checked_journal(const fs::path& run) {
  const search::JournalContents j = search::read_journal(run);
  EXPECT_EQ(j.ignored_lines, 0u) << "a half record in " << run;
  std::set<std::string> seen;
  for (const json& r : j.records) EXPECT_TRUE(seen.insert(identity(r)).second) << r.dump();
  return j.records;
}

std::multiset<std::string> timeless_dumps(const std::vector<json>& records) {
  std::multiset<std::string> out;
  for (const json& r : records) out.insert(timeless(r).dump());
  return out;
}

class SearchFaults : public ::testing::Test {
 protected:
  // One uninterrupted run shared by the tests; one folder per process, as ctest runs each
  // test in its own process, possibly at once.
  // A failure here is checked in SetUp: a failing SetUpTestSuite would only skip the tests.
  static void SetUpTestSuite() {
    reference_ = fresh_dir("search_fault", "reference_" + std::to_string(::getpid()));
    ChildProcess run(search_args(reference_), reference_.string() + ".log");
    reference_status_ = run.wait();
  }

  void SetUp() override {
    ASSERT_EQ(reference_status_, 0) << read_text(reference_.string() + ".log");
  }

  static fs::path reference_;
  static int reference_status_;
};
fs::path SearchFaults::reference_;
int SearchFaults::reference_status_ = -1;

std::size_t complete_lines(const fs::path& run) {
  const std::string text = read_text(search::journal_path(run));
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Runs `args`, waits until the journal of `run` holds `lines` complete lines and then
// `delay` seconds more, and SIGKILLs it: a moment tied to the run's progress, so it falls
// inside the run however fast the machine is. True when the kill hit a running process.
bool kill_at(const std::vector<std::string>& args, const fs::path& run, std::size_t lines,
             double delay) {
  ChildProcess child(args, run.string() + ".log");
  while (complete_lines(run) < lines) {
    if (child.ended()) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(delay));
  child.kill();
  return child.wait() == 128 + SIGKILL;
}

TEST_F(SearchFaults, KilledAtRandomMomentsAndResumedLosesNothing) {
  const json expected_summary = summary_without_timing(reference_);
  const std::vector<json> expected = checked_journal(reference_);
  ASSERT_GT(expected.size(), 30u);
  constexpr int kTrials = 24;
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> delay(0.0, 0.02);
  int kills = 0;
  std::size_t lost = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const fs::path run = fresh_dir("search_fault", "trial_" + std::to_string(trial));
    // One or two kills: the second hits a resumed run, which has repaired a torn line.
    const int attempts = 1 + static_cast<int>(rng() % 2);
    for (int a = 0; a < attempts; ++a) {
      const bool resume = fs::exists(run / "config.json");
      const std::string before = resume ? read_text(search::journal_path(run)) : "";
      const std::size_t done = std::min(resume ? complete_lines(run) : 0, expected.size() - 1);
      std::uniform_int_distribution<std::size_t> lines(done, expected.size() - 1);
      kills += kill_at(search_args(run, resume), run, lines(rng), delay(rng)) ? 1 : 0;
      // Whatever was complete before this process started is still there, byte for byte.
      const std::string good = before.substr(0, search::parse_journal(before, "").good_bytes);
      EXPECT_EQ(read_text(search::journal_path(run)).compare(0, good.size(), good), 0);
    }
    const bool resume = fs::exists(run / "config.json");
    const std::string killed = resume ? read_text(search::journal_path(run)) : "";
    const std::size_t kept = search::parse_journal(killed, "").good_bytes;
    ChildProcess finish(search_args(run, resume), run.string() + ".log");
    ASSERT_EQ(finish.wait(), 0) << read_text(run.string() + ".log");
    EXPECT_EQ(summary_without_timing(run), expected_summary);
    const std::string journal = read_text(search::journal_path(run));
    EXPECT_EQ(journal.compare(0, kept, killed, 0, kept), 0) << "records before the kill changed";
    const std::vector<json> records = checked_journal(run);
    const std::multiset<std::string> want = timeless_dumps(expected);
    const std::multiset<std::string> got = timeless_dumps(records);
    for (const std::string& r : want) lost += got.count(r) == 0 ? 1 : 0;
    EXPECT_EQ(got, want);
  }
  std::printf("%d trials, %d SIGKILLs mid-run, %zu records lost\n", kTrials, kills, lost);
  EXPECT_EQ(lost, 0u);
  EXPECT_GE(kills, kTrials);  // every first kill, and most second ones, hit a running search
}

TEST_F(SearchFaults, DiskFullStopsWithAClearErrorAndTheRunResumes) {
  const fs::path run = fresh_dir("search_fault", "disk_full");
  const std::string log = run.string() + ".log";
  // Room for config.json and about a third of the journal.
  const std::uint64_t limit = fs::file_size(search::journal_path(reference_)) / 3;
  ChildProcess full(search_args(run), log, limit);
  EXPECT_NE(full.wait(), 0);
  const std::string error = read_text(log);
  EXPECT_EQ(error, "error: cannot write journal " + search::journal_path(run).string() +
                       ": File too large\n");
  const search::JournalContents j = search::read_journal(run);  // readable, nothing torn
  EXPECT_EQ(j.ignored_lines, 0u);
  EXPECT_GT(j.records.size(), 0u);
  EXPECT_LE(fs::file_size(search::journal_path(run)), limit);
  ChildProcess resumed(search_args(run, true), log);
  ASSERT_EQ(resumed.wait(), 0) << read_text(log);
  EXPECT_EQ(summary_without_timing(run), summary_without_timing(reference_));
  checked_journal(run);
}

}  // namespace
}  // namespace actsearch::testing
