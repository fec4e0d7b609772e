// Bad input through the real binary, one case each: the exact one-line "error: ..." on
// stderr, exit status 2 and nothing on stdout; a search refused for its options creates no
// run folder. Expressions and options here; data files and run folders in
// tests/search/bad_files_test.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/cli_runner.hpp"

namespace actsearch::testing {
namespace {

void expect_bad_input(const std::string& args, const std::string& error) {
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.status, 2) << args.substr(0, 200);
  EXPECT_EQ(r.err, "error: " + error + "\n") << args.substr(0, 200);
  EXPECT_EQ(r.out, "");
}

// A file under the test folder holding `text`; its path.
std::string write_temp(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::path(ACTSEARCH_TEST_TMP) / "bad_input";
  std::filesystem::create_directories(dir);
  const std::filesystem::path path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

// `actsearch search OPTIONS --out DIR` must fail with `error` and leave no DIR behind.
void expect_search_refused(const std::string& options, const std::string& error) {
  const std::filesystem::path out = std::filesystem::path(ACTSEARCH_TEST_TMP) / "bad_input" /
                                    ("run_" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  expect_bad_input("search " + options + " --out '" + out.string() + "'", error);
  EXPECT_FALSE(std::filesystem::exists(out)) << options;
}

std::string nested(std::size_t pairs) {
  return std::string(pairs, '(') + "x" + std::string(pairs, ')');
}

TEST(BadExpression, Empty) {
  expect_bad_input("inspect ''", "column 1: expected an expression but found end of input");
}

TEST(BadExpression, Blank) {
  expect_bad_input("inspect '   '", "column 4: expected an expression but found end of input");
}

TEST(BadExpression, UnclosedParenthesis) {
  expect_bad_input("inspect '(x + 1'", "column 7: expected ')' but found end of input");
}

TEST(BadExpression, UnopenedParenthesis) {
  expect_bad_input("inspect 'x + 1)'",
                   "column 6: expected an operator or end of input but found ')'");
}

TEST(BadExpression, UnknownFunction) {
  expect_bad_input("inspect 'x*foo(x)'", "column 3: unknown function 'foo'");
}

// A command line cannot hold 1 MB (Linux limits one argument to 128 KiB): the expression
// comes from a config file, as a user with a generated expression would pass it.
TEST(BadExpression, OneMegabyte) {
  std::string text = "x";
  while (text.size() < (1u << 20)) text += "+x";
  const std::string config = write_temp("one_megabyte.ini", "expr = " + text + "\n");
  expect_bad_input("inspect --config '" + config + "'",
                   "column 100001: input longer than 100000 characters");
}

// 100,000 parentheses are over the length limit before any nesting is looked at.
TEST(BadExpression, HundredThousandParentheses) {
  expect_bad_input("inspect '" + nested(50'000) + "'",
                   "column 100001: input longer than 100000 characters");
}

// Within the length limit, nesting is limited so the parser's recursion cannot overflow.
TEST(BadExpression, DeeplyNested) {
  expect_bad_input("inspect '" + nested(49'000) + "'",
                   "column 201: expression nested deeper than 200 levels");
}

TEST(BadExpression, NanLiteral) {
  expect_bad_input(
      "inspect 'x*nan'",
      "column 3: unknown name 'nan' (the input is x; parameters are beta, beta1, ...)");
}

TEST(BadExpression, InfLiteral) {
  expect_bad_input(
      "inspect 'max(x, -inf)'",
      "column 9: unknown name 'inf' (the input is x; parameters are beta, beta1, ...)");
}

TEST(BadExpression, LiteralOverflowingToInf) {
  expect_bad_input("inspect 'x + 1e999'", "column 5: number '1e999' out of range");
}

TEST(BadOption, UnknownOnCommandLine) {
  expect_bad_input("inspect x --bogus",
                   "unrecognised option '--bogus' (see 'actsearch inspect --help')");
}

TEST(BadOption, UnknownInConfigFile) {
  const std::string config = write_temp("unknown_option.ini", "bogus = 1\n");
  expect_bad_input("inspect x --config '" + config + "'",
                   "config file '" + config + "': unrecognised option 'bogus'");
}

TEST(BadOption, MissingConfigFile) {
  expect_bad_input("inspect x --config /nonexistent/run.ini",
                   "cannot read config file '/nonexistent/run.ini'");
}

// A folder opens as a stream that reads nothing: it must not pass for an empty config.
TEST(BadOption, ConfigFileIsAFolder) {
  expect_bad_input("inspect x --config /tmp", "cannot read config file '/tmp'");
}

TEST(BadOption, ZeroBudget) { expect_search_refused("--budget 0", "--budget must be at least 1"); }

TEST(BadOption, NegativeBudget) {
  expect_search_refused("--budget=-3", "--budget must be at least 1");
}

TEST(BadOption, ZeroThreads) {
  expect_search_refused("--threads 0", "--threads must be at least 1");
}

// "inf" reads as a double, and task specs already refuse lr=inf.
TEST(BadOption, InfiniteLearningRate) {
  expect_search_refused("--lr inf", "bad value 'inf' for --lr (expected a positive number)");
}

TEST(BadOption, NanLearningRate) {
  expect_search_refused("--full-lr nan",
                        "bad value 'nan' for --full-lr (expected a positive number)");
}

// Found by fuzz_config: a name with bytes that are not UTF-8 made writing the configuration
// as JSON throw, a runtime failure (exit status 1) instead of bad input.
TEST(BadOption, BaselineNotUtf8) {
  const std::string config = write_temp("not_utf8.ini", "baselines = relu,\xfa\xff\n");
  expect_search_refused("--config '" + config + "'", "--baselines is not valid UTF-8");
}

TEST(BadOption, TaskNotUtf8InADryRun) {
  const std::string config = write_temp("not_utf8_task.ini", "task = xor id=\xfa\n");
  expect_bad_input("search --dry-run --config '" + config + "'", "--task is not valid UTF-8");
}

// Found by fuzz_config: Boost.Program_options' error message for a value or an option name
// holding one of its own %placeholders% never finished.
TEST(BadOption, PlaceholderOnCommandLine) {
  expect_bad_input("search --budget '%value%' --dry-run", "'%value%' is not allowed in options");
}

TEST(BadOption, PlaceholderInConfigFile) {
  const std::string config = write_temp("placeholder.ini", "%canonical_option% = 1\n");
  expect_bad_input("inspect x --config '" + config + "'",
                   "config file '" + config + "': '%canonical_option%' is not allowed in options");
}

TEST(BadOption, UnknownCommand) {
  expect_bad_input("serach", "unknown command 'serach' (see 'actsearch --help')");
}

}  // namespace
}  // namespace actsearch::testing
