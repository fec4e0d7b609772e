// Resume over a fake trainer: a run that crashes or is cancelled at any point and is then
// resumed ends with the summary of an uninterrupted run, retrains nothing the journal
// holds, and leaves no duplicate record; a torn last line is ignored; an incompatible
// command is refused naming the difference; a larger budget is allowed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/run/run.hpp"
#include "search/stats/summary.hpp"
#include "tests/search/engine_fake.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::fresh_dir;
using actsearch::testing::test_name;
using testing::FakeTraining;
using ::testing::HasSubstr;

// Random search over small trees with halving: promotions, duplicates and rejections all
// happen, and proposals depend on the strategy's state.
SearchConfig config() {
  SearchConfig c;
  c.tasks = testing::fake_tasks();
  grammar::TreeSpace space;
  space.max_size = 5;
  space.max_depth = 4;
  space.unary = grammar::parse_ops("tanh, sin, exp, abs", 1);
  space.binary = grammar::parse_ops("add, mul, max", 2);
  c.space = space;
  c.strategy = {"evolution", 12, 3, 0.3};
  c.budget = 40;
  c.generation = 6;
  c.top = 4;
  c.final_seeds = 3;
  c.baselines = {"relu", "tanh", "silu"};
  c.seed = 99;
  return c;
}

nlohmann::json without_timing(const RunSummary& summary) {
  nlohmann::json j = to_json(summary);
  j.erase("wall_seconds");
  return j;
}

nlohmann::json uninterrupted(const SearchConfig& c, const fs::path& dir) {
  FakeTraining fake;
  const RunResult r = run_search(c, testing::run_in(dir), testing::fake_trainer(fake));
  EXPECT_TRUE(r.finished);
  return without_timing(r.summary);
}

// Every trained record appears once per (canonical, task, rung, seed, kind), every
// proposal record once per proposal.
void expect_no_duplicate_records(const fs::path& dir) {
  std::set<std::tuple<std::string, std::string, int, int, RecordKind>> trained;
  std::set<int> proposals;
  for (const EvalRecord& r : read_records(dir)) {
    if (is_trained(r.kind)) {
      EXPECT_TRUE(trained.insert({r.canonical, r.task, r.rung, r.seed_index, r.kind}).second)
          << r.canonical << " " << r.task << " rung " << r.rung;
    } else {
      EXPECT_TRUE(proposals.insert(r.proposal).second) << "proposal " << r.proposal;
    }
  }
}

TEST(Resume, AfterACrashAnywhereEndsWithTheUninterruptedSummary) {
  const nlohmann::json expected =
      uninterrupted(config(), fresh_dir("resume", test_name() + "-reference"));
  for (int crash_after : {0, 1, 7, 30, 61, 95, 140}) {
    const fs::path dir = fresh_dir("resume", test_name() + std::to_string(crash_after));
    FakeTraining crashing;
    crashing.crash_after = crash_after;
    EXPECT_THROW(run_search(config(), testing::run_in(dir), testing::fake_trainer(crashing)),
                 std::runtime_error);
    FakeTraining resumed;
    const RunResult r =
        run_search(config(), testing::run_in(dir, true), testing::fake_trainer(resumed));
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(without_timing(r.summary), expected) << "crash after " << crash_after;
    expect_no_duplicate_records(dir);
  }
}

TEST(Resume, ResumingRetrainsNothingTheJournalHolds) {
  const fs::path dir = fresh_dir("resume");
  FakeTraining first;
  first.crash_after = 50;
  EXPECT_THROW(run_search(config(), testing::run_in(dir), testing::fake_trainer(first)),
               std::runtime_error);
  FakeTraining second;
  run_search(config(), testing::run_in(dir, true), testing::fake_trainer(second));
  FakeTraining reference;
  run_search(config(), testing::run_in(fresh_dir("resume", test_name() + "-count")),
             testing::fake_trainer(reference));
  EXPECT_EQ(first.trained + second.trained, reference.trained);
}

TEST(Resume, AfterCancelTheRunIsResumable) {
  const nlohmann::json expected =
      uninterrupted(config(), fresh_dir("resume", test_name() + "-reference"));
  const fs::path dir = fresh_dir("resume");
  std::atomic<bool> cancel{false};
  FakeTraining cancelled;
  cancelled.cancel_after = 25;
  cancelled.cancel = &cancel;
  RunOptions options = testing::run_in(dir);
  options.cancel = &cancel;
  const RunResult stopped = run_search(config(), options, testing::fake_trainer(cancelled));
  EXPECT_FALSE(stopped.finished);
  EXPECT_EQ(cancelled.trained, 25);
  EXPECT_FALSE(fs::exists(summary_path(dir)));
  FakeTraining resumed;
  const RunResult r =
      run_search(config(), testing::run_in(dir, true), testing::fake_trainer(resumed));
  EXPECT_EQ(without_timing(r.summary), expected);
}

TEST(Resume, ATornLastLineIsIgnored) {
  const nlohmann::json expected =
      uninterrupted(config(), fresh_dir("resume", test_name() + "-reference"));
  const fs::path dir = fresh_dir("resume");
  FakeTraining crashing;
  crashing.crash_after = 40;
  EXPECT_THROW(run_search(config(), testing::run_in(dir), testing::fake_trainer(crashing)),
               std::runtime_error);
  std::ofstream(journal_path(dir), std::ios::app) << R"({"kind":"eval","status":"ok","propos)";
  FakeTraining resumed;
  const RunResult r =
      run_search(config(), testing::run_in(dir, true), testing::fake_trainer(resumed));
  EXPECT_EQ(without_timing(r.summary), expected);
  expect_no_duplicate_records(dir);
}

TEST(Resume, SameSeedSameRunOtherSeedAnotherRun) {
  const nlohmann::json a = uninterrupted(config(), fresh_dir("resume", test_name() + "-a"));
  EXPECT_EQ(a, uninterrupted(config(), fresh_dir("resume", test_name() + "-b")));
  SearchConfig other = config();
  other.seed = 100;
  EXPECT_NE(a, uninterrupted(other, fresh_dir("resume", test_name() + "-c")));
}

std::string resume_error(const SearchConfig& changed, const fs::path& dir) {
  FakeTraining fake;
  try {
    run_search(changed, testing::run_in(dir, true), testing::fake_trainer(fake));
  } catch (const Error& e) {
    EXPECT_EQ(fake.trained, 0);
    return e.what();
  }
  return "no error";
}

TEST(Resume, AChangedSpaceOrTaskIsRefusedNamingTheDifference) {
  const fs::path dir = fresh_dir("resume");
  uninterrupted(config(), dir);
  SearchConfig space = config();
  std::get<grammar::TreeSpace>(space.space).unary = grammar::parse_ops("tanh, sin", 1);
  EXPECT_EQ(resume_error(space, dir),
            "cannot resume " + dir.string() +
                ": --unary differs (run has tanh,sin,exp,abs, command has tanh,sin)");
  SearchConfig task = config();
  task.tasks[1].full.epochs = 9;
  EXPECT_EQ(resume_error(task, dir), "cannot resume " + dir.string() +
                                         ": --task differs (run has b full-epochs=5, command "
                                         "has b full-epochs=9)");
  SearchConfig fewer = config();
  fewer.tasks.pop_back();
  EXPECT_THAT(resume_error(fewer, dir),
              HasSubstr("--task differs (run has 2 tasks (a, b), command has 1 task (a))"));
  SearchConfig strategy = config();
  strategy.strategy.name = "random";
  EXPECT_THAT(resume_error(strategy, dir),
              HasSubstr("--strategy differs (run has evolution, command has random)"));
  SearchConfig seed = config();
  seed.seed = 1;
  EXPECT_THAT(resume_error(seed, dir), HasSubstr("--seed differs (run has 99, command has 1)"));
  SearchConfig units = config();
  units.space = grammar::UnitSpace{};
  EXPECT_THAT(resume_error(units, dir),
              HasSubstr("the search space differs (run has free trees (--max-size), command has "
                        "core units (--units))"));
  SearchConfig reordered = config();
  std::swap(reordered.tasks[0], reordered.tasks[1]);
  EXPECT_THAT(resume_error(reordered, dir),
              HasSubstr("--task differs (run has 2 tasks (a, b), command has 2 tasks (b, a))"));
}

TEST(Resume, ALargerBudgetContinuesTheSearch) {
  const fs::path dir = fresh_dir("resume");
  const nlohmann::json small = uninterrupted(config(), dir);
  SearchConfig larger = config();
  larger.budget = 60;
  larger.threads = 3;
  FakeTraining more;
  const RunResult r = run_search(larger, testing::run_in(dir, true), testing::fake_trainer(more));
  ASSERT_TRUE(r.finished);
  EXPECT_EQ(r.summary.counts.distinct, 60u);
  EXPECT_GT(more.trained, 0);
  expect_no_duplicate_records(dir);
  EXPECT_EQ(search_config_from_json(read_config(dir)).budget, 60u);
}

TEST(RunFolder, RefusesAFileAnExistingRunAndANonRun) {
  const fs::path dir = fresh_dir("resume");
  uninterrupted(config(), dir);
  FakeTraining fake;
  try {
    run_search(config(), testing::run_in(dir), testing::fake_trainer(fake));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.string() + " already holds a run; use --resume to continue it");
  }
  const fs::path empty = fresh_dir("resume", test_name() + "-empty");
  try {
    run_search(config(), testing::run_in(empty, true), testing::fake_trainer(fake));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), empty.string() + " is not an actsearch run");
  }
  const fs::path file = fresh_dir("resume", test_name() + "-file") / "file";
  std::ofstream(file) << "not a folder";
  try {
    run_search(config(), testing::run_in(file), testing::fake_trainer(fake));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), file.string() + " is a file, not a run folder");
  }
  EXPECT_EQ(fake.trained, 0);
}

}  // namespace
}  // namespace actsearch::search
