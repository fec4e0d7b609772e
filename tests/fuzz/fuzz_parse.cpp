// Fuzz target: the expression parser. Whatever parses is well formed, prints to text that
// parses back to the identical Expr, and simplifies to an expression with the same values
// wherever the original is defined (the same "defined" as grammar_simplify_test.cpp).

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "expr_testing.hpp"
#include "fuzz_check.hpp"
#include "grammar/error.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"

namespace {

using namespace actsearch::grammar;
using actsearch::fuzz::require;

// The value check evaluates every subtree at every point (quadratic in the size): larger
// inputs get the round trip only, which keeps executions fast.
constexpr std::size_t kMaxValueCheckedSize = 64;
constexpr double kSamplePoints[] = {-3.7, -1.0, -0.3, 0.0, 0.45, 1.0, 2.5};

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
  if (e.size() > kMaxValueCheckedSize) return;
  for (const double x : kSamplePoints) {
    const double scale = testing::max_intermediate(e, x);
    if (!(scale < 1e6) || testing::zero_safe_div_denominator(e, x)) continue;
    const double want = eval_naive(e, x);
    const double got = eval_naive(s, x);
    require(std::abs(got - want) <= 1e-9 * (1.0 + scale),
            "simplify changed the value of " + print(e) + " -> " + print(s) + " at x = " +
                print_number(x) + ": " + print_number(want) + " vs " + print_number(got));
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
