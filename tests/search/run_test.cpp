// The run loop over a fake trainer: exhaustive search finds the known best first, dedupe
// counts on a space with known duplicates, successive halving promotes exactly the top
// 1/eta, and the configuration round trips through config.json.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"
#include "search/data/journal.hpp"
#include "search/run/run.hpp"
#include "search/stats/summary.hpp"
#include "tests/search/engine_fake.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::fresh_dir;
using testing::FakeTraining;
using ::testing::HasSubstr;

// b(u1(x), u2(x)) over identity, neg, tanh and add, sub: 18 members, 8 distinct functions,
// 3 of them refused by the screen (2x and -2x are linear, 0 has no x).
grammar::UnitSpace sign_space() {
  grammar::UnitSpace space;
  space.unary = grammar::parse_units("identity, neg, tanh", 1);
  space.binary = grammar::parse_units("add, sub", 2);
  return space;
}

// 72 members with relu among the units: max(x, 0) + tanh(x) (the fake's best) is one.
grammar::UnitSpace best_space() {
  grammar::UnitSpace space;
  space.unary = grammar::parse_units("identity, tanh, relu, sin", 1);
  space.binary = grammar::parse_units("add, mul, max, min", 2);
  return space;
}

SearchConfig exhaustive_config(grammar::UnitSpace space) {
  SearchConfig c;
  c.tasks = testing::fake_tasks();
  c.space = space;
  c.strategy.name = "exhaustive";
  c.budget = 1000;
  c.top = 3;
  c.final_seeds = 3;
  c.baselines = {"relu", "tanh"};
  c.seed = 5;
  return c;
}

std::vector<EvalRecord> journal_of(const fs::path& dir) { return read_records(dir); }

std::string canonical(std::string_view text) {
  return grammar::print(grammar::simplify(grammar::parse(text)));
}

TEST(Run, ExhaustiveSearchRanksTheKnownBestFirst) {
  FakeTraining fake;
  const fs::path dir = fresh_dir("run");
  const RunResult result = run_search(exhaustive_config(best_space()), testing::run_in(dir),
                                      testing::fake_trainer(fake));
  ASSERT_TRUE(result.finished);
  const std::vector<FinalStanding>& top = result.summary.top;
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].expr, canonical(fake.best));
  EXPECT_EQ(top[0].rank, 1);
  std::ifstream written(summary_path(dir));
  ASSERT_TRUE(written.good());
  EXPECT_EQ(nlohmann::json::parse(written), to_json(result.summary));
}

TEST(Run, DedupeCountsOnASpaceWithKnownDuplicates) {
  FakeTraining fake;
  const RunResult result =
      run_search(exhaustive_config(sign_space()), testing::run_in(fresh_dir("run")),
                 testing::fake_trainer(fake));
  ASSERT_TRUE(result.finished);
  EXPECT_EQ(result.proposals, 18u);
  EXPECT_EQ(result.summary.counts.proposals, 18u);
  EXPECT_EQ(result.summary.counts.distinct, 5u);
  EXPECT_EQ(result.summary.counts.rejected, 3u);
  EXPECT_EQ(result.summary.counts.duplicates, 10u);
  EXPECT_EQ(result.summary.counts.diverged, 0u);
}

TEST(Run, DuplicatesAndRejectionsAreJournaledWithTheirReason) {
  FakeTraining fake;
  const fs::path dir = fresh_dir("run");
  run_search(exhaustive_config(sign_space()), testing::run_in(dir), testing::fake_trainer(fake));
  std::map<std::string, int> reasons;
  for (const EvalRecord& r : journal_of(dir)) {
    if (r.kind == RecordKind::Rejected) ++reasons[r.reason];
    if (r.kind == RecordKind::Duplicate) {
      EXPECT_THAT(r.reason, HasSubstr("same function as "));
    }
  }
  EXPECT_EQ(reasons["linear"], 2);
  EXPECT_EQ(reasons["does not depend on x"], 1);
}

TEST(Run, BudgetCountsDistinctTrainedCandidates) {
  FakeTraining fake;
  SearchConfig c = exhaustive_config(best_space());
  c.budget = 7;
  c.generation = 4;
  const RunResult result =
      run_search(c, testing::run_in(fresh_dir("run")), testing::fake_trainer(fake));
  EXPECT_EQ(result.summary.counts.distinct, 7u);
}

// Scores at `rung` from the journal alone: per candidate, the mean over tasks and seeds of
// the scaled loss, ReLU's Baseline records at that rung giving the scale.
std::map<std::string, double> scores_at(const std::vector<EvalRecord>& records, int rung) {
  std::map<std::string, double> relu;
  for (const EvalRecord& r : records) {
    if (r.kind == RecordKind::Baseline && r.rung == rung) relu[r.task] = r.val_loss;
  }
  std::map<std::string, std::vector<double>> per;
  for (const EvalRecord& r : records) {
    if (r.kind != RecordKind::Eval || r.rung != rung) continue;
    const double c = testing::kFakeChance;
    per[r.canonical].push_back((c - std::min(r.val_loss, c)) / (c - relu.at(r.task)));
  }
  std::map<std::string, double> out;
  for (const auto& [name, s] : per) out[name] = std::accumulate(s.begin(), s.end(), 0.0) / 2.0;
  return out;
}

std::set<std::string> best_of(const std::map<std::string, double>& scores, std::size_t n) {
  std::vector<std::pair<double, std::string>> sorted;
  for (const auto& [name, s] : scores) sorted.push_back({-s, name});
  std::sort(sorted.begin(), sorted.end());
  std::set<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.insert(sorted[i].second);
  return out;
}

TEST(Run, SuccessiveHalvingPromotesExactlyTheTopThird) {
  FakeTraining fake;
  SearchConfig c = exhaustive_config(best_space());
  c.generation = 100;  // one generation: promotions see every candidate at once
  c.ladder = {2, 3};   // rung 0 screens, rung 1 trains fully: one seed each
  const fs::path dir = fresh_dir("run");
  run_search(c, testing::run_in(dir), testing::fake_trainer(fake));
  const std::vector<EvalRecord> records = journal_of(dir);
  const std::map<std::string, double> rung0 = scores_at(records, 0);
  std::set<std::string> rung1;
  for (const auto& [name, score] : scores_at(records, 1)) rung1.insert(name);
  ASSERT_GE(rung0.size(), 9u);
  EXPECT_EQ(rung1, best_of(rung0, rung0.size() / 3));
}

TEST(Run, ATimeLimitStopsProposingAndTheFinalStageStillRuns) {
  FakeTraining fake;
  SearchConfig c = exhaustive_config(best_space());
  c.generation = 4;
  c.time_limit = 2.5;
  RunOptions options = testing::run_in(fresh_dir("run"));
  double now = 0.0;
  options.clock = [&now] { return now += 1.0; };  // each look at the clock is one second on
  const RunResult r = run_search(c, options, testing::fake_trainer(fake));
  ASSERT_TRUE(r.finished);
  EXPECT_EQ(r.summary.counts.proposals, 8u);  // two generations, then the limit
  EXPECT_EQ(r.summary.top.size(), 3u);
}

// A space with fewer distinct functions than the budget: random search stops once a long
// run of proposals brings nothing new. In memory-backed /dev/shm when there is one, since
// each of those proposals is a journal record and an fsync.
TEST(Run, RandomSearchStopsWhenProposalsBringNothingNew) {
  const fs::path shm = "/dev/shm";
  const fs::path dir = fs::is_directory(shm)
                           ? shm / ("actsearch_stall_" + std::to_string(::getpid()))
                           : fresh_dir("run");
  fs::remove_all(dir);
  FakeTraining fake;
  SearchConfig c = exhaustive_config(sign_space());
  c.strategy.name = "random";
  c.budget = 50;
  const RunResult r = run_search(c, testing::run_in(dir), testing::fake_trainer(fake));
  fs::remove_all(dir);
  ASSERT_TRUE(r.finished);
  EXPECT_EQ(r.summary.counts.distinct, 5u);
  EXPECT_GE(r.summary.counts.duplicates, 1000u);
}

TEST(Run, ProgressCountsEachPhaseUpToItsTotal) {
  FakeTraining fake;
  SearchConfig c = exhaustive_config(best_space());
  c.budget = 10;
  std::vector<RunProgress> seen;
  RunOptions options = testing::run_in(fresh_dir("run"));
  options.on_progress = [&](const RunProgress& p) { seen.push_back(p); };
  run_search(c, options, testing::fake_trainer(fake));
  ASSERT_FALSE(seen.empty());
  const auto last_of = [&](RunProgress::Phase phase) {
    RunProgress last;
    for (const RunProgress& p : seen) {
      if (p.phase == phase) last = p;
    }
    return last;
  };
  const RunProgress search = last_of(RunProgress::Phase::Search);
  EXPECT_EQ(search.total, 10u * 2);  // budget x tasks x 1 seed
  EXPECT_EQ(search.done, search.total);
  EXPECT_FALSE(std::isnan(search.best_score));
  EXPECT_FALSE(search.best_expr.empty());
  const RunProgress final = last_of(RunProgress::Phase::Final);
  EXPECT_EQ(final.total, (3u + 2) * 2 * 3);  // (top + baselines) x tasks x final seeds
  EXPECT_EQ(final.done, final.total);
  EXPECT_EQ(seen.back().phase, RunProgress::Phase::Final);
}

TEST(Run, RecordsAreStampedWithTheTimeTheyWereMade) {
  FakeTraining fake;
  const fs::path dir = fresh_dir("run");
  run_search(exhaustive_config(sign_space()), testing::run_in(dir), testing::fake_trainer(fake));
  for (const EvalRecord& r : journal_of(dir)) EXPECT_GT(r.unix_time, 1.6e9);
}

}  // namespace
}  // namespace actsearch::search
