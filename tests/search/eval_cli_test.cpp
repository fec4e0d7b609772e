// `actsearch eval` and `actsearch baselines` through the built binary: exit statuses, the
// one-line error messages, and the JSON lines of DESIGN.md.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "nn/data/task.hpp"
#include "tests/support/display_digits.hpp"
#include "tests/support/oracles.hpp"

namespace {

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the binary with `args` (shell syntax), capturing stdout and stderr.
Outcome run(const std::string& args) {
  std::filesystem::create_directories(ACTSEARCH_TEST_TMP);
  // One file per process: ctest runs the tests of this file in parallel.
  const std::string err_path =
      std::string(ACTSEARCH_TEST_TMP) + "/eval_cli_stderr_" + std::to_string(getpid()) + ".txt";
  const std::string command = std::string(ACTSEARCH_BIN) + " " + args + " 2>" + err_path;
  FILE* pipe = popen(command.c_str(), "r");
  Outcome o;
  if (pipe == nullptr) return o;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    o.out.append(buffer, n);
  const int raw = pclose(pipe);
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.err = read_file(err_path);
  return o;
}

// Trains in milliseconds, yet well enough for relu to beat chance (so scores are defined).
constexpr const char* kTiny =
    "--task 'moons train=200 val=100 depth=2 width=16 epochs=20 lr=0.01' ";

TEST(EvalCli, ParseErrorNamesTheColumn) {
  const Outcome o = run("eval 'x*' --task moons --epochs 1");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "error: column 3: expected an expression but found end of input\n");
  EXPECT_TRUE(o.out.empty());
}

TEST(EvalCli, BadUsageExitsTwo) {
  Outcome o = run("eval relu --no-such-option");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err.rfind("error: ", 0), 0u);
  EXPECT_NE(o.err.find("no-such-option"), std::string::npos) << o.err;
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1);

  o = run("eval relu --task moons --threads 0");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "error: --threads must be at least 1\n");

  o = run("eval relu --task 'moons epochs=zero'");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "error: task 'moons epochs=zero': bad value 'zero' for epochs (expected a positive "
            "integer)\n");

  o = run("eval");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "error: eval needs at least one expression (see 'actsearch eval --help')\n");

  o = run("baselines --only relu,nosuch --task moons");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err.rfind("error: unknown baseline 'nosuch' (valid: identity, relu", 0), 0u) << o.err;
}

// The README's tour: a function on a small residual conv net with batch norm (on 256 images,
// one epoch, so it takes about a second), and the settings that do not go together.
TEST(EvalCli, ConvNetsTrainOnImagesOnly) {
  if (!std::filesystem::is_directory(actsearch::nn::kFashionMnistDir)) {
    ACTSEARCH_SKIP_OR_FAIL_WITHOUT(
        "Fashion-MNIST (Debian: dataset-fashion-mnist)",
        std::string(actsearch::nn::kFashionMnistDir) + " is not a folder");
  }
  Outcome o =
      run("eval swish relu --json --seeds 1 --task 'fashion-mnist net=cnn channels=4 blocks=2 "
          "norm=batch train=256 val=128 epochs=1'");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 2) << o.out;
  EXPECT_NE(o.out.find("\"status\":\"ok\""), std::string::npos) << o.out;
  o = run("eval relu --task 'spirals net=cnn'");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "error: task 'spirals net=cnn': net=cnn needs images (fashion-mnist or mnist), not "
            "spirals\n");
  o = run("eval relu --task 'fashion-mnist net=cnn blocks=0'");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "error: task 'fashion-mnist net=cnn blocks=0': bad value '0' for blocks (expected a "
            "positive integer)\n");
  o = run("eval relu --task 'moons norm=group'");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "error: task 'moons norm=group': bad value 'group' for norm (expected none, batch or "
            "layer)\n");
}

TEST(EvalCli, ListsRefuseEmptyNames) {
  Outcome o = run("baselines --only relu,,tanh --task moons");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "error: empty name in --only 'relu,,tanh'\n");
  o = run("baselines --only '' --task moons");
  EXPECT_EQ(o.err, "error: empty name in --only ''\n");
  o = run("search --task moons --baselines 'relu, tanh,' --out /nonexistent --dry-run");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "error: empty name in --baselines 'relu, tanh,'\n");
}

// The text between "(=" and ")" after `option` in a --help.
std::string help_default(const std::string& help, const std::string& option) {
  const std::size_t at = help.find("(=", help.find(option));
  return help.substr(at + 2, help.find(')', at) - at - 2);
}

TEST(EvalCli, BaselinesAndSearchCompareAgainstTheSameFamily) {
  const Outcome baselines = run("baselines --help");
  const Outcome search = run("search --help");
  ASSERT_EQ(baselines.status, 0);
  ASSERT_EQ(search.status, 0);
  const std::string family =
      "relu,leaky_relu,prelu,elu,selu,gelu,silu,swish,mish,softplus,hardswish,tanh,sigmoid,pwlu";
  EXPECT_EQ(help_default(baselines.out, "--only"), family);
  EXPECT_EQ(help_default(search.out, "--baselines"), family);
}

TEST(EvalCli, HelpListsTheTaskOptions) {
  const Outcome o = run("eval --help");
  EXPECT_EQ(o.status, 0);
  for (const char* option : {"--task", "--seeds", "--json", "--threads", "--full-epochs"}) {
    EXPECT_NE(o.out.find(option), std::string::npos) << option;
  }
}

TEST(EvalCli, JsonLineOfOneFunction) {
  const Outcome o = run("eval relu --task moons --epochs 1 --seeds 1 --json");
  ASSERT_EQ(o.status, 0) << o.err;
  ASSERT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << o.out;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["expr"], "relu");
  EXPECT_EQ(j["canonical"], "relu");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["seeds"], 1);
  for (const char* key : {"val_accuracy", "val_loss"}) {
    ASSERT_TRUE(j[key].is_object()) << key;
    EXPECT_TRUE(j[key]["mean"].is_number()) << key;
    EXPECT_TRUE(j[key]["std"].is_number()) << key;
    ASSERT_EQ(j[key]["ci95"].size(), 2u) << key;
  }
  EXPECT_TRUE(j["params"].is_object());
  EXPECT_TRUE(j["params"].empty());
  EXPECT_GT(j["train_seconds"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 1.0);  // relu against itself
  EXPECT_FALSE(j.contains("tasks"));
}

TEST(EvalCli, SeveralFunctionsAndTasks) {
  const Outcome o =
      run(std::string("eval relu 'x*sigmoid(beta*x)' '2*x' ") + kTiny +
          "--task 'xor train=200 val=100 depth=2 width=16 epochs=20 lr=0.01' --seeds 2 --threads 2 "
          "--json");
  ASSERT_EQ(o.status, 0) << o.err;
  std::istringstream lines(o.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_EQ(objects[0]["tasks"].size(), 2u);
  EXPECT_TRUE(objects[0]["tasks"].contains("moons"));
  EXPECT_TRUE(objects[0]["tasks"]["xor"]["score"].is_number());
  EXPECT_EQ(objects[1]["seeds"], 2);
  EXPECT_TRUE(objects[1]["params"]["beta"].is_number());
  EXPECT_TRUE(objects[1]["score"].is_number());
  EXPECT_EQ(objects[2]["status"], "rejected");
  EXPECT_EQ(objects[2]["reason"], "linear");
  EXPECT_FALSE(objects[2].contains("val_loss"));
}

TEST(EvalCli, TasksFromAConfigFileAddUp) {
  const std::string ini = std::string(ACTSEARCH_TEST_TMP) + "/eval_cli_tasks.ini";
  std::ofstream(ini) << "task = moons train=200 val=100 depth=2 width=16 epochs=20 lr=0.01\n"
                        "task = xor train=200 val=100 depth=2 width=16 epochs=20 lr=0.01\n"
                        "seeds = 1\n";
  const Outcome o = run("eval 'x*tanh(x)' --json --config " + ini);
  ASSERT_EQ(o.status, 0) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["seeds"], 1);
  EXPECT_EQ(j["tasks"].size(), 2u);
  EXPECT_TRUE(j["tasks"].contains("xor"));
}

TEST(EvalCli, TableAndBaselines) {
  Outcome o = run(std::string("eval 'x*tanh(x)' ") + kTiny + "--seeds 1");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("x*tanh(x)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("val accuracy"), std::string::npos) << o.out;

  o = run(std::string("baselines --only relu,tanh,pwlu ") + kTiny + "--seeds 1 --json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 3) << o.out;
  EXPECT_NE(o.out.find("\"canonical\":\"pwlu\""), std::string::npos) << o.out;
}

// The tables people read round what --json keeps exact: expressions (input and canonical),
// losses, scores, seconds and learned values show at most 4 significant digits.
TEST(EvalCli, TablesShowAtMostFourDigitsAndJsonKeepsThemAll) {
  const std::string eval = std::string("eval relu 'x*sigmoid(beta=1.9061209042851535*x)' ") +
                           "'max(x, 0.21834567890123457*x)' " + kTiny + "--seeds 2 ";
  Outcome o = run(eval);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(actsearch::testing::long_numbers(o.out), std::vector<std::string>{}) << o.out;
  EXPECT_NE(o.out.find("x*sigmoid(beta=1.906*x)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("max(x, 0.2183*x)"), std::string::npos) << o.out;

  o = run(eval + "--json");
  ASSERT_EQ(o.status, 0) << o.err;
  std::istringstream lines(o.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  const nlohmann::json swish = nlohmann::json::parse(line);
  EXPECT_EQ(swish["canonical"], "x*sigmoid(beta=1.9061209042851535*x)");

  o = run(std::string("baselines --only relu,prelu,pwlu ") + kTiny + "--seeds 2");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(actsearch::testing::long_numbers(o.out), std::vector<std::string>{}) << o.out;
}

}  // namespace
