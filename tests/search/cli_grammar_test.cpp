// The grammar subcommands of the CLI, run as a user runs them: primitives, inspect, space.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/display_digits.hpp"

namespace actsearch::testing {
namespace {

TEST(CliPrimitives, JsonListsOperatorsAndUnits) {
  const CliResult r = run_cli("primitives --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["operators"].size(), 30u);
  EXPECT_EQ(j["unary"].size(), 26u);
  EXPECT_EQ(j["binary"].size(), 10u);
}

TEST(CliInspect, JsonHasTheContractKeys) {
  const CliResult r = run_cli("inspect 'sigmoid(x)*x' --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"input", "canonical", "derivative", "complexity", "parameters", "valid",
                          "reason", "fingerprint", "samples"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["canonical"], "x*sigmoid(x)");
  EXPECT_TRUE(j["valid"].get<bool>());
  ASSERT_EQ(j["samples"].size(), 21u);
  EXPECT_DOUBLE_EQ(j["samples"][0]["x"].get<double>(), -5.0);
  EXPECT_NEAR(j["samples"][20]["f"].get<double>(), 5.0 / (1.0 + std::exp(-5.0)), 1e-12);
}

TEST(CliInspect, EquivalentSpellingsShareAFingerprint) {
  const auto a = nlohmann::json::parse(run_cli("inspect 'x*sigmoid(x)' --json").out);
  const auto b = nlohmann::json::parse(run_cli("inspect 'x/(1 + exp(-x))' --json").out);
  EXPECT_EQ(a["fingerprint"], b["fingerprint"]);
}

TEST(CliInspect, ParametersAndVerdicts) {
  const auto swish = nlohmann::json::parse(run_cli("inspect 'x*sigmoid(beta=1.5*x)' --json").out);
  ASSERT_EQ(swish["parameters"].size(), 1u);
  EXPECT_EQ(swish["parameters"][0]["name"], "beta");
  EXPECT_DOUBLE_EQ(swish["parameters"][0]["init"].get<double>(), 1.5);
  const auto linear = nlohmann::json::parse(run_cli("inspect '2*x + 1' --json").out);
  EXPECT_FALSE(linear["valid"].get<bool>());
  EXPECT_EQ(linear["reason"], "linear");
}

// The text is for reading: at most 4 significant digits in every line (initial values,
// constants of the derivative, samples); the JSON keeps every digit.
TEST(CliInspect, TextRoundsWhatJsonKeepsExact) {
  const std::string expr = "'abs(beta=1.9061209042851535)*sin(min(beta1=1.3815938488968647, x))'";
  const CliResult text = run_cli("inspect " + expr);
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(long_numbers(text.out), std::vector<std::string>{}) << text.out;
  EXPECT_NE(text.out.find("canonical    abs(beta=1.906)*sin(min(beta1=1.382, x))\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("parameter    beta (initial value 1.906)\n"), std::string::npos)
      << text.out;
  const auto json = nlohmann::json::parse(run_cli("inspect " + expr + " --json").out);
  EXPECT_EQ(json["canonical"],
            "abs(beta=1.9061209042851535)*sin(min(beta1=1.3815938488968647, x))");
  EXPECT_EQ(json["parameters"][1]["init"].get<double>(), 1.3815938488968647);
}

TEST(CliInspect, BadExpressionsExitTwoWithOneLine) {
  const CliResult r = run_cli("inspect 'tanh(x'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "error: column 7: expected ')' but found end of input\n");
  EXPECT_TRUE(r.out.empty());
  const CliResult missing = run_cli("inspect");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("error: "), std::string::npos);
}

TEST(CliSpace, CountsTheOneUnitSpaceAndDedupes) {
  const CliResult r = run_cli("space --unary identity,neg,tanh --binary add,mul --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["members"], 18);  // 3 * 3 * 2
  EXPECT_TRUE(j["enumerated"].get<bool>());
  // x+x = 2x (linear) and x*x are distinct; x + -x and -x + x collapse, etc.
  EXPECT_LT(j["distinct"].get<int>(), 18);
  EXPECT_GT(j["valid"].get<int>(), 0);
}

TEST(CliSpace, BadOptionsExitTwo) {
  EXPECT_EQ(run_cli("space --units 4").status, 2);
  EXPECT_EQ(run_cli("space --unary sinn").err,
            "error: unknown unary primitive 'sinn' (did you mean 'sin'?)\n");
  EXPECT_EQ(run_cli("space --units 2 --max-size 5").status, 2);
  EXPECT_EQ(run_cli("space --bogus").status, 2);
}

TEST(CliMain, UnknownCommandAndHelp) {
  EXPECT_EQ(run_cli("frobnicate").status, 2);
  EXPECT_EQ(run_cli("--help").status, 0);
  const CliResult help = run_cli("inspect --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("usage: actsearch inspect"), std::string::npos);
}

}  // namespace
}  // namespace actsearch::testing
