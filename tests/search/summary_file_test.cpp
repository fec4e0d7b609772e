// summary.json as files pin it down: its shape against a committed golden file, and a run
// folder written by an older build (tests/data/old_run: config.json, the journal and the
// summary.json of a finished run of f13ee2b's program). This build summarises that journal
// to the same summary, and resumes it cut short. Times are left out; numbers compare to 1e-9
// relative, so only a change of meaning fails: a renamed key, a changed journal format,
// different seeds or a different ranking. A resumed run trains again, and trainings differ
// in the last bits between CPUs and compiler flags (SIMD width, FMA), so there only what
// the journal already held and the summary's shape are compared.
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
#include <vector>

#include "grammar/space/space.hpp"
#include "search/data/run_folder.hpp"
#include "search/run/run.hpp"
#include "tests/search/engine_fake.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kData = fs::path(ACTSEARCH_SOURCE_DIR) / "tests" / "data";

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

// `actual` has the keys, types and array sizes of `expected`, and with `values` its
// strings, integers and booleans, and its reals to 1e-9.
void expect_like(const json& expected, const json& actual, const std::string& where,
                 bool values = true) {
  ASSERT_EQ(actual.type_name(), std::string(expected.type_name())) << where;
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      ASSERT_TRUE(actual.contains(key)) << where << "." << key << " missing";
      expect_like(value, actual.at(key), where + "." + key, values);
    }
    for (const auto& [key, value] : actual.items()) {
      EXPECT_TRUE(expected.contains(key)) << where << "." << key << " is new";
    }
  } else if (expected.is_array()) {
    ASSERT_EQ(actual.size(), expected.size()) << where;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      expect_like(expected[i], actual[i], where + "[" + std::to_string(i) + "]", values);
    }
  } else if (!values) {
    return;
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
  const fs::path dir = actsearch::testing::fresh_dir("summary_file") / "golden";
  ASSERT_TRUE(run_search(c, testing::run_in(dir), testing::fake_trainer(fake)).finished);
  const json actual = without_wall_time(read_json(summary_path(dir)));
  const fs::path golden = kData / "summary_golden.json";
  if (std::getenv("ACTSEARCH_UPDATE_GOLDEN") != nullptr) {
    write_file_atomically(golden, actual.dump(2) + "\n");
  }
  expect_like(read_json(golden), actual, "summary");
}

// The old run: `actsearch search --task xor --budget 12 --top 3 --final-seeds 2 --rungs 2
// --units 1 --seed 5 --threads 2` of f13ee2b. Its first `records` journal lines (all when 0)
// go into a fresh run folder, which this build then resumes.
fs::path resume_old_run(std::size_t records) {
  const fs::path dir = actsearch::testing::fresh_dir("summary_file");
  fs::copy_file(kData / "old_run" / "config.json", dir / "config.json");
  std::ifstream in(kData / "old_run" / "journal.jsonl");
  std::ofstream out(dir / "journal.jsonl");
  std::string line;
  for (std::size_t n = 0; std::getline(in, line) && (records == 0 || n < records); ++n) {
    out << line << '\n';
  }
  out.close();
  const actsearch::testing::CliResult r =
      actsearch::testing::run_cli("search --out '" + dir.string() + "' --resume --quiet");
  EXPECT_EQ(r.status, 0) << r.err;
  return dir;
}

std::vector<std::string> journal_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(SummaryFile, AnOldJournalSummarisesAsItDid) {
  const fs::path dir = resume_old_run(0);
  EXPECT_EQ(journal_lines(dir / "journal.jsonl"),
            journal_lines(kData / "old_run" / "journal.jsonl"))
      << "a finished run trains nothing more";
  expect_like(without_wall_time(read_json(kData / "old_run" / "summary.json")),
              without_wall_time(read_json(summary_path(dir))), "summary");
}

TEST(SummaryFile, AnOldJournalCutShortResumes) {
  const fs::path dir = resume_old_run(20);
  const std::vector<std::string> old = journal_lines(kData / "old_run" / "journal.jsonl");
  const std::vector<std::string> resumed = journal_lines(dir / "journal.jsonl");
  ASSERT_GT(resumed.size(), 20u);
  EXPECT_EQ(std::vector<std::string>(resumed.begin(), resumed.begin() + 20),
            std::vector<std::string>(old.begin(), old.begin() + 20));
  expect_like(without_wall_time(read_json(kData / "old_run" / "summary.json")),
              without_wall_time(read_json(summary_path(dir))), "summary", false);
}

}  // namespace
}  // namespace actsearch::search
