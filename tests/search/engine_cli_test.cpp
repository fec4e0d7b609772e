// `actsearch search` through the real binary: a run killed with SIGKILL mid-way, from the
// command line or from a preset file, and resumed with the README's line (`actsearch search
// --out DIR --resume`, nothing else) ends with the summary of an uninterrupted run (timing
// aside), also after a torn last line; options given on resume must match the run, except
// those --help lists; an incompatible resume and bad options exit 2 with one line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/display_digits.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A small search on spirals: random proposals, halving, a final stage; about 60 records.
// `changes` replace options of the same name (--unary, --budget, --task) or add options.
std::string search_args(const std::string& changes = "") {
  const auto option = [&](const std::string& name, const std::string& value) {
    return changes.find(name + " ") == std::string::npos ? name + " " + value + " " : "";
  };
  return "search " +
         option("--task",
                "'spirals train=600 val=600 test=300 epochs=4 full-epochs=6 depth=2 width=16 "
                "batch=64 lr=3e-3'") +
         "--units 1 " + option("--unary", "identity,tanh,relu,sin,sigmoid") +
         "--binary add,mul,max --strategy random " + option("--budget", "24") +
         "--generation 8 --top 4 --final-seeds 2 --baselines relu,tanh --threads 2 --seed 3 "
         "--quiet " +
         changes;
}

std::size_t journal_lines(const fs::path& dir) {
  std::ifstream in(dir / "journal.jsonl");
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

nlohmann::json summary_without_timing(const fs::path& dir) {
  nlohmann::json s = nlohmann::json::parse(std::ifstream(dir / "summary.json"));
  s.erase("wall_seconds");
  return s;
}

// Starts `actsearch args` in the background (the shell execs it, so the pid is its own),
// waits until its journal holds `lines` lines and sends `signal`. Returns the wait status,
// or -1 when the run ended before that.
int signal_after(const std::string& args, const fs::path& dir, std::size_t lines, int signal) {
  const std::string command =
      "exec " + std::string(ACTSEARCH_BIN) + " " + args + " >/dev/null 2>" + dir.string() + ".err";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (journal_lines(dir) < lines) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return -1;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  ::kill(pid, signal);
  ::waitpid(pid, &status, 0);
  return status;
}

bool kill_after(const std::string& args, const fs::path& dir, std::size_t lines) {
  const int status = signal_after(args, dir, lines, SIGKILL);
  return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

class SearchCli : public ::testing::Test {
 protected:
  // One uninterrupted run shared by the tests of this suite. Its failure is checked in SetUp:
  // a failed assertion in SetUpTestSuite would only skip the tests.
  static void SetUpTestSuite() {
    // ctest runs each test in its own process, possibly at once: one folder per process.
    reference_ = fresh_dir("search_cli", "reference_" + std::to_string(::getpid()));
    reference_run_ = run_cli(search_args() + " --out '" + reference_.string() + "'");
  }

  void SetUp() override {
    ASSERT_EQ(reference_run_.status, 0) << reference_run_.err;
    ASSERT_THAT(reference_run_.out, HasSubstr("relu (baseline)"));
    ASSERT_THAT(reference_run_.out, HasSubstr("run folder: " + reference_.string()));
  }

  static fs::path reference_;
  static CliResult reference_run_;
};
fs::path SearchCli::reference_;
CliResult SearchCli::reference_run_;

TEST_F(SearchCli, AFinishedSearchWritesItsReports) {
  for (const char* name : {"report.md", "report.html", "candidates.csv", "summary.json"}) {
    EXPECT_GT(fs::file_size(reference_ / name), 0u) << name;
  }
  EXPECT_TRUE(summary_without_timing(reference_)["top"][0].contains("family"));
  // The ranking printed at the end is for reading: at most 4 significant digits.
  const std::string table = reference_run_.out.substr(0, reference_run_.out.find("run folder:"));
  EXPECT_EQ(long_numbers(table), std::vector<std::string>{}) << table;
}

TEST_F(SearchCli, KilledAndResumedEndsWithTheUninterruptedSummary) {
  const nlohmann::json expected = summary_without_timing(reference_);
  const std::size_t total = journal_lines(reference_);
  for (const std::size_t at : {std::size_t{3}, total / 3, 2 * total / 3}) {
    const fs::path dir = fresh_dir("search_cli", "killed_" + std::to_string(at));
    ASSERT_TRUE(kill_after(search_args() + " --out '" + dir.string() + "'", dir, at)) << at;
    EXPECT_FALSE(fs::exists(dir / "summary.json"));
    const CliResult r = run_cli("search --out '" + dir.string() + "' --resume");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(summary_without_timing(dir), expected) << "killed after " << at << " records";
    EXPECT_EQ(journal_lines(dir), total) << "killed after " << at << " records";
  }
}

TEST_F(SearchCli, ATornLastLineIsIgnoredOnResume) {
  const fs::path dir = fresh_dir("search_cli", "torn");
  ASSERT_TRUE(kill_after(search_args() + " --out '" + dir.string() + "'", dir, 20));
  std::ofstream(dir / "journal.jsonl", std::ios::app) << R"({"kind":"eval","status":"o)";
  const CliResult r = run_cli(search_args() + " --out '" + dir.string() + "' --resume");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(summary_without_timing(dir), summary_without_timing(reference_));
}

TEST_F(SearchCli, CtrlCStopsCleanlyAndTheRunResumes) {
  const fs::path dir = fresh_dir("search_cli", "interrupted");
  const int status = signal_after(search_args() + " --out '" + dir.string() + "'", dir, 10, SIGINT);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  std::ifstream err(dir.string() + ".err");
  const std::string message((std::istreambuf_iterator<char>(err)), {});
  EXPECT_EQ(message, "interrupted: the finished trainings are in " + dir.string() +
                         "/journal.jsonl; continue with --out " + dir.string() + " --resume\n");
  const CliResult r = run_cli(search_args() + " --out '" + dir.string() + "' --resume");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(summary_without_timing(dir), summary_without_timing(reference_));
}

TEST_F(SearchCli, ResumingAChangedSearchIsRefused) {
  const std::string dir = reference_.string();
  const CliResult space =
      run_cli(search_args("--unary identity,tanh") + " --out '" + dir + "' --resume");
  EXPECT_EQ(space.status, 2);
  EXPECT_EQ(space.err, "error: cannot resume " + dir +
                           ": --unary differs (run has identity,tanh,relu,sin,sigmoid, command "
                           "has identity,tanh)\n");
  const CliResult task = run_cli(search_args("--task moons") + " --out '" + dir + "' --resume");
  EXPECT_EQ(task.status, 2);
  EXPECT_EQ(task.err, "error: cannot resume " + dir +
                          ": --task differs (run has 1 task (spirals), command has 1 task "
                          "(moons))\n");
  // A global task option given is compared with each task's value, not its own default.
  const CliResult epochs = run_cli("search --out '" + dir + "' --resume --epochs 5");
  EXPECT_EQ(epochs.status, 2);
  EXPECT_EQ(epochs.err, "error: cannot resume " + dir +
                            ": --epochs differs (run has spirals epochs=4, command has --epochs "
                            "5)\n");
  const CliResult spec =
      run_cli("search --out '" + dir + "' --resume --task 'spirals train=600 width=32'");
  EXPECT_EQ(spec.status, 2);
  EXPECT_EQ(spec.err, "error: cannot resume " + dir +
                          ": --task differs (run has spirals width=16, command has spirals "
                          "width=32)\n");
  const CliResult again = run_cli(search_args() + " --out '" + dir + "'");
  EXPECT_EQ(again.status, 2);
  EXPECT_EQ(again.err, "error: " + dir + " already holds a run; use --resume to continue it\n");
}

TEST_F(SearchCli, ALargerBudgetContinuesTheRun) {
  const fs::path dir = fresh_dir("search_cli", "larger");
  fs::copy(reference_, dir);
  const CliResult r =
      run_cli(search_args("--budget 30") + " --out '" + dir.string() + "' --resume");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(summary_without_timing(dir).at("distinct"), 30);
}

TEST_F(SearchCli, OptionsThatMayChangeOnResumeChangeOnlyThemselves) {
  const fs::path config = reference_ / "config.json";
  const nlohmann::json run = nlohmann::json::parse(std::ifstream(config));
  const CliResult r =
      run_cli("search --out '" + reference_.string() +
              "' --resume --dry-run --threads 1 --time-limit 900 --budget 30 --top 2");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json resumed = nlohmann::json::parse(r.out);
  EXPECT_EQ(resumed.at("threads"), 1);
  EXPECT_EQ(resumed.at("time_limit"), 900.0);
  EXPECT_EQ(resumed.at("budget"), 30);
  EXPECT_EQ(resumed.at("top"), 2);
  for (const char* key : {"threads", "time_limit", "budget", "top"}) resumed[key] = run.at(key);
  nlohmann::json stored = run;
  stored.erase("format");
  stored.erase("chance_loss");
  EXPECT_EQ(resumed, stored);
}

void expect_usage_error(const std::string& options, const std::string& error) {
  // Inside the fresh folder: the refused command must not create its own.
  const fs::path dir = fresh_dir("search_cli", "bad_options") / "run";
  const CliResult r = run_cli("search " + options + " --out '" + dir.string() + "'");
  EXPECT_EQ(r.status, 2) << options;
  EXPECT_EQ(r.err, "error: " + error + "\n") << options;
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(dir)) << options;
}

TEST(SearchCliOptions, BadOptionsExitTwoWithOneLine) {
  expect_usage_error("--budget 0", "--budget must be at least 1");
  expect_usage_error("--budget=-5", "--budget must be at least 1");
  expect_usage_error("--strategy anneal",
                     "unknown strategy 'anneal' (expected exhaustive, random or evolution)");
  expect_usage_error("--unary tanh,sinn", "unknown unary primitive 'sinn' (did you mean 'sin'?)");
  expect_usage_error("--units 4", "--units must be 1, 2 or 3");
  expect_usage_error("--rungs 9", "--rungs must be between 1 and 4, not 9");
  expect_usage_error("--time-limit -1", "--time-limit must be a number of seconds, 0 or more");
  expect_usage_error("--threads 0", "--threads must be at least 1");
}

TEST(SearchCliOptions, OutMustBeGivenAndNotAFile) {
  const CliResult missing = run_cli("search --budget 3");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err, "error: --out DIR is required\n");
  const fs::path file = fresh_dir("search_cli", "a_file") / "file";
  std::ofstream(file) << "x";
  const CliResult r = run_cli("search --out '" + file.string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "error: " + file.string() + " is a file, not a run folder\n");
  const fs::path empty = fresh_dir("search_cli", "not_a_run");
  const CliResult resume = run_cli("search --out '" + empty.string() + "' --resume");
  EXPECT_EQ(resume.status, 2);
  EXPECT_EQ(resume.err, "error: " + empty.string() + " is not an actsearch run\n");
}

TEST(SearchCliOptions, HelpListsTheOptionsThatMayChangeOnResume) {
  const CliResult help = run_cli("search --help");
  ASSERT_EQ(help.status, 0);
  std::string words;  // the help's words, line wrapping undone
  std::istringstream in(help.out);
  for (std::string w; in >> w;) words += (words.empty() ? "" : " ") + w;
  EXPECT_THAT(words, HasSubstr("may change on resume: --threads, --time-limit, --budget, --top, "
                               "--quiet (and the number of MPI ranks)"));
}

// A preset in miniature, written as runs/presets/*.ini are: tasks with their own settings
// and the search options, all from the file.
constexpr const char* kPreset = R"(# two tiny tasks, a small random search
task = moons train=200 val=200 test=100 epochs=2 full-epochs=3 depth=1 width=8
task = spirals train=200 val=200 test=100 epochs=3 lr=3e-3 full-epochs=4 depth=2 width=8 batch=64
units = 1
unary = identity,tanh,relu,sin,sigmoid
binary = add,mul,max
strategy = random
budget = 16
generation = 4
top = 3
final-seeds = 2
baselines = relu,tanh
seed = 7
)";

fs::path write_preset(const std::string& name, const std::string& text) {
  const fs::path path =
      fresh_dir("search_cli", name + "_" + std::to_string(::getpid())) / "preset.ini";
  std::ofstream(path) << text;
  return path;
}

class SearchPreset : public ::testing::Test {
 protected:
  // As SearchCli: one uninterrupted run per process, checked in SetUp.
  static void SetUpTestSuite() {
    preset_ = write_preset("preset", kPreset);
    reference_ = fresh_dir("search_cli", "preset_reference_" + std::to_string(::getpid()));
    reference_run_ = run_cli("search --config '" + preset_.string() + "' --quiet --out '" +
                             reference_.string() + "'");
  }

  void SetUp() override { ASSERT_EQ(reference_run_.status, 0) << reference_run_.err; }

  static fs::path preset_;
  static fs::path reference_;
  static CliResult reference_run_;
};
fs::path SearchPreset::preset_;
fs::path SearchPreset::reference_;
CliResult SearchPreset::reference_run_;

TEST_F(SearchPreset, KilledAndResumedWithTheReadmeLineEndsWithTheUninterruptedSummary) {
  const fs::path dir = fresh_dir("search_cli", "preset_killed");
  const std::size_t total = journal_lines(reference_);
  ASSERT_TRUE(kill_after("search --config '" + preset_.string() + "' --out '" + dir.string() + "'",
                         dir, total / 2));
  ASSERT_FALSE(fs::exists(dir / "summary.json"));
  const CliResult r = run_cli("search --out '" + dir.string() + "' --resume");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(summary_without_timing(dir), summary_without_timing(reference_));
  EXPECT_EQ(journal_lines(dir), total);
}

// Options read from --config are given options: on resume they must equal the run's.
TEST_F(SearchPreset, OptionsFromTheConfigFileMustMatchTheRun) {
  const std::string resume = " --out '" + reference_.string() + "' --resume --dry-run";
  const CliResult same = run_cli("search --config '" + preset_.string() + "'" + resume);
  EXPECT_EQ(same.status, 0) << same.err;
  std::string text = kPreset;
  const fs::path seed = write_preset("seed", text.replace(text.find("seed = 7"), 8, "seed = 8"));
  const CliResult changed = run_cli("search --config '" + seed.string() + "'" + resume);
  EXPECT_EQ(changed.status, 2);
  EXPECT_EQ(changed.err, "error: cannot resume " + reference_.string() +
                             ": --seed differs (run has 7, command has 8)\n");
  text = kPreset;
  const std::size_t spirals = text.find("task = spirals");
  text.erase(spirals, text.find('\n', spirals) + 1 - spirals);
  const fs::path one_task = write_preset("one_task", text);
  const CliResult fewer = run_cli("search --config '" + one_task.string() + "'" + resume);
  EXPECT_EQ(fewer.status, 2);
  EXPECT_EQ(fewer.err, "error: cannot resume " + reference_.string() +
                           ": --task differs (run has 2 tasks (moons, spirals), command has 1 "
                           "task (moons))\n");
}

nlohmann::json preset(const std::string& name) {
  const CliResult r = run_cli("search --config '" + std::string(ACTSEARCH_SOURCE_DIR) +
                              "/runs/presets/" + name + ".ini' --dry-run");
  EXPECT_EQ(r.status, 0) << name << ": " << r.err;
  return r.status == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

TEST(SearchPresets, EveryPresetIsAValidSearch) {
  std::size_t presets = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(ACTSEARCH_SOURCE_DIR) / "runs/presets")) {
    if (entry.path().extension() != ".ini") continue;
    const std::string name = entry.path().stem().string();
    EXPECT_EQ(preset(name).at("tasks").size(), 2u) << name;
    ++presets;
  }
  EXPECT_GE(presets, 5u);
  EXPECT_EQ(preset("swish-paper").at("space").at("units"), 2);
  EXPECT_EQ(preset("pwl").at("strategy").at("name"), "exhaustive");
  EXPECT_EQ(preset("evolution").at("space").at("kind"), "trees");
  EXPECT_EQ(preset("showcase").at("budget"), 1000);
}

// The protocol of issue 4, measured to rank activations reliably on 2 cores.
TEST(SearchPresets, QuickHoldsTheTwoTaskProtocol) {
  const nlohmann::json c = preset("quick");
  const nlohmann::json& fashion = c.at("tasks").at(0);
  EXPECT_EQ(fashion.at("data").at("kind"), "fashion-mnist");
  EXPECT_EQ(fashion.at("data").at("train"), 20000);
  EXPECT_EQ(fashion.at("data").at("val"), 10000);
  EXPECT_EQ(fashion.at("screen"), (nlohmann::json{{"epochs", 3}, {"lr", 1e-3}}));
  EXPECT_EQ(fashion.at("full"), (nlohmann::json{{"epochs", 5}, {"lr", 1e-3}}));
  EXPECT_EQ(fashion.at("depth"), 4);
  EXPECT_EQ(fashion.at("width"), 128);
  EXPECT_EQ(fashion.at("batch"), 128);
  const nlohmann::json& spirals = c.at("tasks").at(1);
  EXPECT_EQ(spirals.at("data").at("kind"), "spirals");
  EXPECT_EQ(spirals.at("data").at("train"), 2000);
  EXPECT_EQ(spirals.at("data").at("val"), 5000);
  EXPECT_EQ(spirals.at("screen"), (nlohmann::json{{"epochs", 30}, {"lr", 3e-3}}));
  EXPECT_EQ(spirals.at("full"), (nlohmann::json{{"epochs", 80}, {"lr", 1e-3}}));
  EXPECT_EQ(spirals.at("depth"), 3);
  EXPECT_EQ(spirals.at("width"), 32);
  EXPECT_EQ(spirals.at("batch"), 64);
  EXPECT_EQ(c.at("top"), 10);
  EXPECT_EQ(c.at("final_seeds"), 3);
  EXPECT_EQ(c.at("baselines").size(), 10u);
}

}  // namespace
}  // namespace actsearch::testing
