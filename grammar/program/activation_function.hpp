#pragma once
// ActivationFunction: the entry point for C++ projects that use actsearch as a library
// (find_package(actsearch CONFIG), target actsearch::grammar). Parse an expression or a
// known name once, set the parameter values (say, those a run learned), then apply the
// function and its derivative to numbers, spans of float or double, or Eigen arrays.
//
//   actsearch::grammar::ActivationFunction swish("x*sigmoid(beta*x)");
//   swish.set_params(std::vector{1.7});
//   Eigen::ArrayXf y = swish.value(x), dy = swish.derivative(x);
//
// The compiled library's interface takes spans only: the Eigen overloads are templates in
// this header, so every Eigen object is made and freed by the caller's code, whatever its
// compile flags. Evaluation is grammar::Program (the compiled block evaluator); semantics
// are the grammar's (primitives.hpp), derivatives its forward mode (eval_naive's conventions).

#include "grammar/base/eigen.hpp"

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grammar/expr.hpp"
#include "grammar/program/program.hpp"

namespace actsearch::grammar {

class ActivationFunction {
 public:
  /// Parses an expression ("x*sigmoid(beta*x)") or a known name ("swish", "gelu"); the
  /// parameters start at their initial values. Throws ParseError / Error for bad text.
  explicit ActivationFunction(std::string_view text_or_name);

  /// The expression as grammar text.
  std::string text() const;
  const Expr& expr() const { return expr_; }

  /// The learnable parameters: beta, beta1, ... and their current values.
  int num_params() const { return static_cast<int>(params_.size()); }
  std::vector<std::string> param_names() const;
  std::span<const double> params() const { return params_; }

  /// Sets every parameter. Throws Error "expected N parameter values, got M".
  void set_params(std::span<const double> values);

  /// f(x) and f'(x) at one point.
  double value(double x) const;
  double derivative(double x) const;

  /// f and f' at each element of x, written to f / df (each x.size() long, else Error
  /// "x has N values but f has M"). Non-finite results are values, never exceptions.
  void value(std::span<const double> x, std::span<double> f) const;
  void value(std::span<const float> x, std::span<float> f) const;
  void derivative(std::span<const double> x, std::span<double> df) const;
  void derivative(std::span<const float> x, std::span<float> df) const;
  void value_and_derivative(std::span<const double> x, std::span<double> f,
                            std::span<double> df) const;
  void value_and_derivative(std::span<const float> x, std::span<float> f,
                            std::span<float> df) const;

  /// f and f' of each element of an Eigen array or array expression of float or double;
  /// the result has x's shape.
  template <class Derived>
  typename Derived::PlainObject value(const Eigen::ArrayBase<Derived>& x) const {
    return apply(x, [this](auto in, auto out) { value(in, out); });
  }
  template <class Derived>
  typename Derived::PlainObject derivative(const Eigen::ArrayBase<Derived>& x) const {
    return apply(x, [this](auto in, auto out) { derivative(in, out); });
  }

 private:
  template <class Derived, class Run>
  typename Derived::PlainObject apply(const Eigen::ArrayBase<Derived>& x, Run run) const {
    using Scalar = typename Derived::Scalar;
    static_assert(std::is_same_v<Scalar, float> || std::is_same_v<Scalar, double>,
                  "ActivationFunction takes arrays of float or double");
    const typename Derived::PlainObject in = x;  // contiguous, whatever x is
    typename Derived::PlainObject out(in.rows(), in.cols());
    const auto n = static_cast<std::size_t>(in.size());
    run(std::span<const Scalar>(in.data(), n), std::span<Scalar>(out.data(), n));
    return out;
  }

  Expr expr_;
  Program program_;
  std::vector<double> params_;
  std::vector<float> params_float_;  // params_ for float runs
};

}  // namespace actsearch::grammar
