// summary.json as files pin it down: its shape against a committed golden file, and a run
// folder written by an older build (tests/data/old_run: config.json, a journal cut short
// and the summary.json its uninterrupted run wrote) resumed by this one to the same summary.
// Times are left out; numbers compare to 1e-9 relative, so only a change of meaning fails:
// a renamed key, a changed journal format, different seeds or a different ranking.
//
// After an intended change of the shape: ACTSEARCH_UPDATE_GOLDEN=1 ctest -R SummaryFile
// rewrites tests/data/summary_golden.json; review its diff.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "grammar/space/space.hpp"
#include "search/data/run_folder.hpp"
#include "search/run/run.hpp"
#include "tests/search/engine_fake.hpp"
#include "tests/support/cli_runner.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kData = fs::path(ACTSEARCH_SOURCE_DIR) / "tests" / "data";

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(ACTSEARCH_TEST_TMP) / "summary_file" / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  return dir;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return json::parse(in);
}

// The summary with its one time, "wall_seconds", present but blanked.
json without_wall_time(json summary) {
  summary.at("wall_seconds") = nullptr;
  return summary;
}

// `actual` has the keys, types, strings and integers of `expected`, its reals to 1e-9.
void expect_like(const json& expected, const json& actual, const std::string& where) {
  ASSERT_EQ(actual.type_name(), std::string(expected.type_name())) << where;
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      ASSERT_TRUE(actual.contains(key)) << where << "." << key << " missing";
      expect_like(value, actual.at(key), where + "." + key);
    }
    for (const auto& [key, value] : actual.items()) {
      EXPECT_TRUE(expected.contains(key)) << where << "." << key << " is new";
    }
  } else if (expected.is_array()) {
    ASSERT_EQ(actual.size(), expected.size()) << where;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      expect_like(expected[i], actual[i], where + "[" + std::to_string(i) + "]");
    }
  } else if (expected.is_number_float()) {
    const double e = expected.get<double>();
    EXPECT_NEAR(actual.get<double>(), e, 1e-9 * std::max(1.0, std::abs(e))) << where;
  } else {
    EXPECT_EQ(actual, expected) << where;
  }
}

// A fake-trained exhaustive search small enough to read: 18 proposals, 5 distinct
// functions, the top 3 and two baselines retrained with 3 seeds.
TEST(SummaryFile, MatchesTheGoldenShape) {
  SearchConfig c;
  c.tasks = testing::fake_tasks();
  grammar::UnitSpace space;
  space.unary = grammar::parse_units("identity, neg, tanh", 1);
  space.binary = grammar::parse_units("add, sub", 2);
  c.space = space;
  c.strategy.name = "exhaustive";
  c.top = 3;
  c.final_seeds = 3;
  c.baselines = {"relu", "tanh"};
  c.seed = 5;
  testing::FakeTraining fake;
  const fs::path dir = fresh_dir("golden");
  ASSERT_TRUE(run_search(c, testing::run_in(dir), testing::fake_trainer(fake)).finished);
  const json actual = without_wall_time(read_json(summary_path(dir)));
  const fs::path golden = kData / "summary_golden.json";
  if (std::getenv("ACTSEARCH_UPDATE_GOLDEN") != nullptr) {
    write_file_atomically(golden, actual.dump(2) + "\n");
  }
  expect_like(read_json(golden), actual, "summary");
}

// The old run was `actsearch search --task xor --budget 12 --top 3 --final-seeds 2 --rungs 2
// --units 1 --seed 5 --threads 2`, its journal then cut after 20 records.
TEST(SummaryFile, AnOldRunResumesToItsSummary) {
  const fs::path dir = fresh_dir("old_run");
  fs::create_directories(dir);
  for (const char* file : {"config.json", "journal.jsonl"}) {
    fs::copy_file(kData / "old_run" / file, dir / file);
  }
  const actsearch::testing::CliResult r =
      actsearch::testing::run_cli("search --out '" + dir.string() + "' --resume --quiet");
  ASSERT_EQ(r.status, 0) << r.err;
  expect_like(without_wall_time(read_json(kData / "old_run" / "summary.json")),
              without_wall_time(read_json(summary_path(dir))), "summary");
}

}  // namespace
}  // namespace actsearch::search
