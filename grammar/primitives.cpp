#include "grammar/primitives.hpp"

#include <cmath>
#include <numbers>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {
namespace {

constexpr bool table_is_in_enum_order() {
  for (std::size_t i = 0; i < kOpCount; ++i) {
    if (static_cast<std::size_t>(kOps[i].op) != i) return false;
  }
  return true;
}
static_assert(table_is_in_enum_order(), "kOps must list operators in the order of enum Op");

double sign(double a) {
  return a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0);
}

double sigmoid(double a) {
  if (a >= 0) return 1.0 / (1.0 + std::exp(-a));
  const double e = std::exp(a);
  return e / (1.0 + e);
}

double softplus(double a) {
  return std::max(a, 0.0) + std::log1p(std::exp(-std::abs(a)));
}

// Below these magnitudes the closed forms lose all digits to cancellation; the Taylor
// series are exact to double precision there.
constexpr double kSincSeries = 1e-4;
constexpr double kDSincSeries = 1e-3;

double sinc(double a) {
  return std::abs(a) < kSincSeries ? 1.0 - a * a / 6.0 : std::sin(a) / a;
}

double dsinc(double a) {
  if (std::abs(a) < kDSincSeries) return -a / 3.0 + a * a * a / 30.0;
  return (a * std::cos(a) - std::sin(a)) / (a * a);
}

double d_dsinc(double a) {
  if (std::abs(a) < kDSincSeries) return -1.0 / 3.0 + a * a / 10.0;
  return (2.0 * std::sin(a) - 2.0 * a * std::cos(a) - a * a * std::sin(a)) / (a * a * a);
}

double protected_denominator(double b) {
  return b + std::copysign(kEps, b);
}

}  // namespace

std::optional<Op> op_by_name(std::string_view name) {
  for (const OpInfo& i : kOps) {
    if (i.arity > 0 && i.name == name) return i.op;
  }
  return std::nullopt;
}

double apply(Op op, double a, double b) {
  switch (op) {
    case Op::Const:
    case Op::X:
    case Op::Param:
      break;
    case Op::Neg:
      return -a;
    case Op::Abs:
      return std::abs(a);
    case Op::Square:
      return a * a;
    case Op::Cube:
      return a * a * a;
    case Op::Sqrt:
      return std::sqrt(a);
    case Op::SafeSqrt:
      return std::sqrt(std::abs(a) + kEps);
    case Op::Exp:
      return std::exp(a);
    case Op::Log:
      return std::log(a);
    case Op::SafeLog:
      return std::log(std::abs(a) + kEps);
    case Op::Sin:
      return std::sin(a);
    case Op::Cos:
      return std::cos(a);
    case Op::Sinh:
      return std::sinh(a);
    case Op::Cosh:
      return std::cosh(a);
    case Op::Tanh:
      return std::tanh(a);
    case Op::Asinh:
      return std::asinh(a);
    case Op::Atan:
      return std::atan(a);
    case Op::Sinc:
      return sinc(a);
    case Op::Sigmoid:
      return sigmoid(a);
    case Op::Softplus:
      return softplus(a);
    case Op::Erf:
      return std::erf(a);
    case Op::Sign:
      return sign(a);
    case Op::Step:
      return a > 0 ? 1.0 : 0.0;
    case Op::DSinc:
      return dsinc(a);
    case Op::Add:
      return a + b;
    case Op::Sub:
      return a - b;
    case Op::Mul:
      return a * b;
    case Op::Div:
      return a / b;
    case Op::SafeDiv:
      return a / protected_denominator(b);
    case Op::Max:
      return a >= b ? a : b;
    case Op::Min:
      return a <= b ? a : b;
  }
  ACTSEARCH_ASSERT(false, "apply() takes operators, not leaves");
  return 0.0;
}

Partials partials(Op op, double a, double b) {
  switch (op) {
    case Op::Const:
    case Op::X:
    case Op::Param:
      break;
    case Op::Neg:
      return {-1.0};
    case Op::Abs:
      return {sign(a)};
    case Op::Square:
      return {2.0 * a};
    case Op::Cube:
      return {3.0 * a * a};
    case Op::Sqrt:
      return {0.5 / std::sqrt(a)};
    case Op::SafeSqrt:
      return {sign(a) * 0.5 / std::sqrt(std::abs(a) + kEps)};
    case Op::Exp:
      return {std::exp(a)};
    case Op::Log:
      return {1.0 / a};
    case Op::SafeLog:
      return {sign(a) / (std::abs(a) + kEps)};
    case Op::Sin:
      return {std::cos(a)};
    case Op::Cos:
      return {-std::sin(a)};
    case Op::Sinh:
      return {std::cosh(a)};
    case Op::Cosh:
      return {std::sinh(a)};
    case Op::Tanh:
      return {1.0 - std::tanh(a) * std::tanh(a)};
    case Op::Asinh:
      return {1.0 / std::sqrt(a * a + 1.0)};
    case Op::Atan:
      return {1.0 / (1.0 + a * a)};
    case Op::Sinc:
      return {dsinc(a)};
    case Op::Sigmoid:
      return {sigmoid(a) * (1.0 - sigmoid(a))};
    case Op::Softplus:
      return {sigmoid(a)};
    case Op::Erf:
      return {2.0 / std::sqrt(std::numbers::pi) * std::exp(-a * a)};
    case Op::Sign:
    case Op::Step:
      return {0.0};
    case Op::DSinc:
      return {d_dsinc(a)};
    case Op::Add:
      return {1.0, 1.0};
    case Op::Sub:
      return {1.0, -1.0};
    case Op::Mul:
      return {b, a};
    case Op::Div:
      return {1.0 / b, -a / (b * b)};
    case Op::SafeDiv: {
      const double d = protected_denominator(b);
      return {1.0 / d, -a / (d * d)};
    }
    case Op::Max:
      return a >= b ? Partials{1.0, 0.0} : Partials{0.0, 1.0};
    case Op::Min:
      return a <= b ? Partials{1.0, 0.0} : Partials{0.0, 1.0};
  }
  ACTSEARCH_ASSERT(false, "partials() takes operators, not leaves");
  return {};
}

}  // namespace actsearch::grammar
