// The engine with the real evaluator on a small generated task: an exhaustive search ranks a
// known good function above known bad ones, and the summary does not depend on --threads.
#include <gtest/gtest.h>

#include <filesystem>

#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"
#include "search/data/task_config.hpp"
#include "search/run/run.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::fresh_dir;
using actsearch::testing::test_name;

// Spirals, small and short: about 30 ms per training.
SearchConfig spirals_config() {
  SearchConfig c;
  c.tasks = {parse_task_config(
      "spirals train=800 val=800 test=300 epochs=15 full-epochs=15 depth=2 width=32 batch=64 "
      "lr=3e-3",
      TaskConfig{})};
  grammar::UnitSpace space;
  space.unary = grammar::parse_units("identity, relu, sigmoid", 1);
  space.binary = grammar::parse_units("mul, add", 2);
  c.space = space;
  c.strategy.name = "exhaustive";
  c.ladder = {2, 3};
  c.top = 20;
  c.final_seeds = 3;
  c.baselines = {"relu"};
  return c;
}

nlohmann::json run(const SearchConfig& c, const fs::path& dir) {
  RunOptions options;
  options.dir = dir;
  const RunResult r = run_search(c, options, make_trainer(c.tasks, c.threads));
  EXPECT_TRUE(r.finished);
  nlohmann::json summary = to_json(r.summary);
  summary.erase("wall_seconds");
  return summary;
}

double final_score(const nlohmann::json& summary, std::string_view text) {
  const std::string canonical = grammar::print(grammar::simplify(grammar::parse(text)));
  for (const nlohmann::json& e : summary.at("top")) {
    if (e.at("expr") == canonical) return e.at("score").at("mean").get<double>();
  }
  ADD_FAILURE() << canonical << " is not in the final stage";
  return NAN;
}

// Spirals rewards a piecewise-linear unit and punishes saturating ones: 2*relu(x) scores
// about 1.9, sigmoid(x)^2 and 2*sigmoid(x) about 0.4 (chance 0, ReLU 1).
TEST(EngineRealTraining, ExhaustiveSearchRanksAGoodFunctionAboveSaturatingOnes) {
  SearchConfig c = spirals_config();
  c.threads = 2;
  const nlohmann::json summary = run(c, fresh_dir("engine_real"));
  const double good = final_score(summary, "max(x, 0) + max(x, 0)");
  EXPECT_GT(good, final_score(summary, "sigmoid(x)*sigmoid(x)") + 0.5);
  EXPECT_GT(good, final_score(summary, "sigmoid(x) + sigmoid(x)") + 0.5);
  // 18 members, 12 functions: x + x is linear (rejected), and x*relu(x) is relu(x)^2.
  EXPECT_EQ(summary.at("distinct"), 10);
  EXPECT_EQ(summary.at("rejected"), 1);
}

TEST(EngineRealTraining, TheSummaryDoesNotDependOnTheThreadCount) {
  SearchConfig c = spirals_config();
  c.space = grammar::UnitSpace{1, grammar::parse_units("identity, relu, tanh, sin", 1),
                               grammar::parse_units("add, max", 2)};
  c.strategy.name = "random";
  c.budget = 8;
  c.generation = 5;
  c.ladder = {3, 2};
  c.top = 3;
  c.baselines = {"relu", "tanh", "silu"};
  c.threads = 1;
  const nlohmann::json one = run(c, fresh_dir("engine_real", test_name() + "-1"));
  c.threads = 2;
  EXPECT_EQ(one, run(c, fresh_dir("engine_real", test_name() + "-2")));
}

}  // namespace
}  // namespace actsearch::search
