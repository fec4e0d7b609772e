// `actsearch export`: sources (expressions, known names, run folders DIR[:RANK] with learned
// parameters), through the library and through the binary as a user runs it. The run
// folder is written by hand in the run-folder format (config.json, journal.jsonl of
// records, summary.json as DESIGN.md gives it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"
#include "search/data/journal.hpp"
#include "search/data/record.hpp"
#include "search/tools/export_source.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::error_of;
using actsearch::testing::fresh_dir;
using nlohmann::json;

EvalRecord final_record(const std::string& canonical, std::vector<std::vector<double>> params,
                        EvalStatus status = EvalStatus::Ok, RecordKind kind = RecordKind::Final) {
  EvalRecord r;
  r.kind = kind;
  r.status = status;
  r.expr = canonical;
  r.canonical = canonical;
  r.reason = status == EvalStatus::Diverged ? "loss not finite" : "";
  r.task = "moons";
  r.rung = 2;
  r.epochs = 5;
  r.params_per_layer = std::move(params);
  return r;
}

// A finished run: two found functions (ranks 1 and 3) and two baselines (2 and 4). Swish's
// final trainings learned beta = 1.5, 2.5 and 1.0 in their layers; a NaN from a diverged
// layer, a diverged training and a search-stage record must not count.
fs::path write_run(const std::string& name) {
  const fs::path dir = fresh_dir("export_runs", name);
  write_config(dir, json{{"tasks", json::array({"moons"})}});
  {
    JournalWriter journal(dir);
    journal.append(
        to_json(final_record("x*sigmoid(beta*x)", {{100.0}}, EvalStatus::Ok, RecordKind::Eval)));
    journal.append(to_json(final_record("x*sigmoid(beta*x)", {{1.5}, {2.5}})));
    journal.append(to_json(final_record("x*sigmoid(beta*x)", {{1.0}, {std::nan("")}})));
    journal.append(to_json(final_record("x*sigmoid(beta*x)", {{50.0}}, EvalStatus::Diverged)));
  }
  const json summary = {{"evaluations", 4},
                        {"top",
                         {{{"rank", 1}, {"expr", "x*sigmoid(beta*x)"}},
                          {{"rank", 3}, {"expr", "max(x, beta*x) + beta1"}}}},
                        {"baselines",
                         {{{"rank", 2}, {"name", "relu"}, {"expr", "max(x, 0)"}},
                          {{"rank", 4}, {"name", "pwlu"}, {"expr", "pwlu"}}}}};
  std::ofstream(dir / "summary.json") << summary.dump(2);
  return dir;
}

TEST(ExportSource, ARunFolderGivesItsBestFunctionWithTheMeanLearnedParameters) {
  const fs::path dir = write_run("best");
  const ExportSource s = run_function(dir);
  EXPECT_EQ(s.expr, grammar::parse("x*sigmoid(beta*x)"));
  ASSERT_EQ(s.params.size(), 1u);
  EXPECT_DOUBLE_EQ(s.params[0], 5.0 / 3.0);
  EXPECT_EQ(s.provenance, "from run " + dir.string() +
                              ", rank 1; parameters: mean of the 3 values learned (final "
                              "trainings x hidden layers)");
  const ExportSource same = resolve_export_source(dir.string());
  EXPECT_EQ(same.params, s.params);
  EXPECT_EQ(resolve_export_source(dir.string() + ":1").params, s.params);
}

TEST(ExportSource, RanksNameFoundFunctionsAndExpressibleBaselines) {
  const fs::path dir = write_run("ranks");
  const ExportSource third = resolve_export_source(dir.string() + ":3");
  EXPECT_EQ(third.expr, grammar::parse("max(x, beta*x) + beta1"));
  EXPECT_TRUE(third.params.empty());  // nothing learned in the journal: initial values
  EXPECT_EQ(third.provenance, "from run " + dir.string() +
                                  ", rank 3; no learned parameter values in its journal: "
                                  "initial values");
  const ExportSource relu = resolve_export_source(dir.string() + ":2");
  EXPECT_EQ(relu.expr, grammar::parse("max(x, 0)"));
  EXPECT_EQ(relu.provenance, "from run " + dir.string() + ", rank 2: the baseline relu");
  EXPECT_EQ(error_of([&] { run_function(dir, 4); }),
            "rank 4 of run " + dir.string() + " is the baseline 'pwlu', which the grammar " +
                "cannot express");
  EXPECT_EQ(error_of([&] { run_function(dir, 9); }),
            "run " + dir.string() + " has no rank 9 (ranks 1 to 4)");
  EXPECT_EQ(error_of([&] { resolve_export_source(dir.string() + ":0"); }),
            "bad rank '0' in '" + dir.string() + ":0' (a positive integer)");
  EXPECT_EQ(error_of([&] { resolve_export_source(dir.string() + ":two"); }),
            "bad rank 'two' in '" + dir.string() + ":two' (a positive integer)");
}

TEST(ExportSource, FoldersThatAreNotFinishedRunsAreRefused) {
  const fs::path empty = fresh_dir("export_runs", "empty");
  EXPECT_EQ(error_of([&] { run_function(empty); }),
            empty.string() + " is not an actsearch run: no config.json");
  const fs::path unfinished = write_run("unfinished");
  fs::remove(unfinished / "summary.json");
  EXPECT_EQ(error_of([&] { run_function(unfinished); }),
            "run " + unfinished.string() + " has no summary.json (has it finished?)");
  std::ofstream(unfinished / "summary.json") << "{\"top\": [";
  EXPECT_EQ(error_of([&] { run_function(unfinished); }),
            "run " + unfinished.string() + ": summary.json is not valid JSON");
  std::ofstream(unfinished / "summary.json") << "{\"top\": []}";
  EXPECT_EQ(error_of([&] { run_function(unfinished); }),
            "run " + unfinished.string() + " has no found functions");
}

TEST(ExportSource, AnythingElseIsAnExpressionOrAKnownName) {
  EXPECT_EQ(resolve_export_source("swish").expr, grammar::parse("x*sigmoid(beta*x)"));
  EXPECT_EQ(resolve_export_source("x*tanh(x)").expr, grammar::parse("x*tanh(x)"));
  EXPECT_EQ(resolve_export_source("x*tanh(x)").provenance, "");
  EXPECT_EQ(error_of([] { resolve_export_source("rellu"); }),
            "column 1: unknown activation 'rellu' (did you mean 'relu'?)");
}

TEST(CliExport, PrintsCodeForAnExpression) {
  const testing::CliResult r = testing::run_cli("export swish --to numpy");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("def activation(x, beta=1.0):"), std::string::npos);
  EXPECT_NE(r.out.find("def activation_derivative(x, beta=1.0):"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(CliExport, ExportsARunsFunctionWithItsLearnedValuesToAFile) {
  const fs::path dir = write_run("cli");
  const fs::path file = dir / "found.py";
  const testing::CliResult r = testing::run_cli(
      "export '" + dir.string() + "' --to pytorch --name Found -o '" + file.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::stringstream code;
  code << std::ifstream(file).rdbuf();
  EXPECT_NE(code.str().find("class Found(torch.nn.Module):"), std::string::npos);
  EXPECT_NE(code.str().find("def __init__(self, beta=1.6666666666666667):"), std::string::npos);
  EXPECT_NE(code.str().find("# from run " + dir.string() + ", rank 1;"), std::string::npos);
}

TEST(CliExport, BadInputExitsTwoWithOneLine) {
  auto expect = [](const std::string& args, const std::string& error) {
    const testing::CliResult r = testing::run_cli(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(r.err, "error: " + error + "\n") << args;
    EXPECT_EQ(r.out, "") << args;
  };
  expect("export x --to fortran",
         "unknown export target 'fortran' (choose cpp, pytorch, jax, numpy, tensorflow, latex or "
         "sympy)");
  expect("export x --to pytorch --name class", "'class' is not a valid Python identifier");
  expect("export 'tanh(x' --to cpp", "column 7: expected ')' but found end of input");
  expect("export x --to cpp -o /nonexistent/dir/f.hpp",
         "cannot write /nonexistent/dir/f.hpp: No such file or directory");
  const testing::CliResult missing = testing::run_cli("export x");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("error: the option '--to' is required"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace actsearch::search
