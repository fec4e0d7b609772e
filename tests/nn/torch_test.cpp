// The built-in activations against PyTorch 1.13 itself (values and autograd derivatives,
// float32), through tests/bench/torch_activations.py run by $ACTSEARCH_PYTHON or
// /usr/bin/python3. Skipped, with the reason, when that interpreter cannot import torch
// (failed where ACTSEARCH_REQUIRE_ORACLES is set).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "nn/activation.hpp"
#include "tests/support/oracles.hpp"

namespace actsearch::nn {
namespace {

struct Sample {
  float x;
  double y, dydx;
};

// Output of the reference script, or the reason it gave none.
std::string run_reference() {
  const std::string cmd = actsearch::testing::python() + " " +
                          ACTSEARCH_SOURCE_DIR "/tests/bench/torch_activations.py 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return "SKIP: cannot run " + cmd;
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  return out;
}

TEST(Torch, BuiltinsMatchPyTorch) {
  const std::string out = run_reference();
  if (out.rfind("SKIP: ", 0) == 0) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("PyTorch", out.substr(6));
  ASSERT_EQ(out.rfind("torch 1.13", 0), 0u)
      << "unexpected reference output: " << out.substr(0, 300);
  std::map<std::string, std::vector<Sample>> ref;
  std::istringstream lines(out);
  std::string line;
  std::getline(lines, line);  // version
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string name;
    Sample s{};
    ASSERT_TRUE(fields >> name >> s.x >> s.y >> s.dydx) << line;
    ref[name].push_back(s);
  }
  for (const std::string& name : builtin_names()) {
    if (name == "pwlu") continue;  // not part of PyTorch
    ASSERT_TRUE(ref.count(name)) << name << " missing from the reference";
    const std::vector<Sample>& samples = ref[name];
    const auto act = make_builtin(name);
    std::vector<float> x, p = act->initial_params();
    for (const Sample& s : samples) x.push_back(s.x);
    std::vector<float> y(x.size()), d(x.size()), dp(x.size() * p.size());
    act->forward(x, p, y, d, dp);
    for (std::size_t i = 0; i < x.size(); ++i) {
      // Relative 1e-6, with an absolute floor where PyTorch's own float kernels cancel
      // toward 0 (1 + erf(x) and 1 + tanh(u) for x << 0 in the GELUs: torch gives 0 for
      // gelu_tanh'(-5.06) = -1.03e-6).
      EXPECT_NEAR(y[i], samples[i].y, 1e-6 * std::abs(samples[i].y) + 1e-6)
          << name << " x=" << x[i];
      EXPECT_NEAR(d[i], samples[i].dydx, 1e-5 * std::abs(samples[i].dydx) + 2e-6)
          << name << " derivative x=" << x[i];
    }
  }
}

}  // namespace
}  // namespace actsearch::nn
