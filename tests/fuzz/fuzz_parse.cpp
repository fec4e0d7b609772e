// Fuzz target: the expression parser. Whatever parses is well formed, prints to text that
// parses back to the identical Expr, and simplifies to an expression with the same values
// wherever the original is defined (the same "defined" as tests/grammar/simplify_test.cpp).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "grammar/base/error.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"

namespace {

using namespace actsearch::grammar;
using actsearch::fuzz::require;

constexpr double kSamplePoints[] = {-3.7, -1.0, -0.3, 0.0, 0.45, 1.0, 2.5};

// The value of every node of e at x, in one pass over the postfix nodes: the values of all
// subtrees, as testing::max_intermediate computes them one subtree at a time (quadratic,
// too slow for the long chains the fuzzer builds).
std::vector<double> node_values(const Expr& e, double x) {
  const std::vector<double> params = param_inits(e);
  std::vector<double> v(e.size());
  for (std::size_t i = 0; i < e.size(); ++i) {
    const Node& n = e[i];
    if (n.op == Op::Const) v[i] = n.value;
    if (n.op == Op::X) v[i] = x;
    if (n.op == Op::Param) v[i] = params[n.index];
    if (arity(n.op) == 1) v[i] = apply(n.op, v[i - 1]);
    if (arity(n.op) == 2) {
      const Children c = children(e, i);
      v[i] = apply(n.op, v[c.left], v[c.right]);
    }
  }
  return v;
}

// Where every subtree is finite and moderate and no safe_div sits exactly on its
// denominator's zero, e is "defined" at x (the predicates of tests/support/expr_testing.hpp).
bool defined_at(const Expr& e, const std::vector<double>& values, double& scale) {
  scale = 0.0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (!(std::abs(values[i]) < 1e6)) return false;
    if (e[i].op == Op::SafeDiv && values[children(e, i).right] == 0.0) return false;
    scale = std::max(scale, std::abs(values[i]));
  }
  return true;
}

void check_round_trip(const Expr& e) {
  const std::string text = print(e);
  Expr again;
  try {
    again = parse(text);
  } catch (const actsearch::ParseError& error) {
    require(false, "printed text does not parse: " + text + " (" + error.what() + ")");
  }
  require(identical(again, e), "parse(print(e)) differs from e: " + text);
}

void check_simplify_preserves_values(const Expr& e) {
  const Expr s = simplify(e);
  require(well_formed(s), "simplify gave a malformed expression for " + print(e));
  for (const double x : kSamplePoints) {
    const std::vector<double> values = node_values(e, x);
    double scale = 0.0;
    if (!defined_at(e, values, scale)) continue;
    require(values.back() == eval_naive(e, x), "node_values disagrees with eval_naive");
    const double got = eval_naive(s, x);
    require(std::abs(got - values.back()) <= 1e-9 * (1.0 + scale),
            "simplify changed the value of " + print(e) + " -> " + print(s) + " at x = " +
                print_number(x) + ": " + print_number(values.back()) + " vs " + print_number(got));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Expr e;
  try {
    e = parse(text);
  } catch (const actsearch::ParseError&) {
    return 0;  // bad input, reported as such: the contract
  }
  require(well_formed(e), "parse gave a malformed expression");
  check_round_trip(e);
  check_simplify_preserves_values(e);
  return 0;
}
