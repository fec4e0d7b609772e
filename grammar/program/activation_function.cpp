#include "grammar/program/activation_function.hpp"

#include "grammar/base/error.hpp"
#include "grammar/known.hpp"
#include "grammar/print.hpp"

namespace actsearch::grammar {
namespace {

void check_sizes(std::size_t x, std::size_t out, const char* name) {
  if (x != out) {
    throw Error("x has " + std::to_string(x) + " values but " + name + " has " +
                std::to_string(out));
  }
}

// Runs `program` with a scratch buffer for whichever output the caller does not want.
template <class T>
void run(const Program& program, std::span<const T> x, std::span<const T> params, std::span<T> f,
         std::span<T> df) {
  std::vector<T> scratch;
  if (f.empty() && !x.empty()) {
    scratch.resize(x.size());
    f = scratch;
  }
  program.run(x, params, f, df);
}

}  // namespace

ActivationFunction::ActivationFunction(std::string_view text_or_name)
    : expr_(parse_activation(text_or_name)), program_(expr_), params_(param_inits(expr_)) {
  params_float_.assign(params_.begin(), params_.end());
}

std::string ActivationFunction::text() const { return print(expr_); }

std::vector<std::string> ActivationFunction::param_names() const {
  std::vector<std::string> names;
  for (int k = 0; k < num_params(); ++k) names.push_back(param_name(k));
  return names;
}

void ActivationFunction::set_params(std::span<const double> values) {
  if (values.size() != params_.size()) {
    throw Error("expected " + std::to_string(params_.size()) + " parameter values, got " +
                std::to_string(values.size()));
  }
  params_.assign(values.begin(), values.end());
  params_float_.assign(values.begin(), values.end());
}

double ActivationFunction::value(double x) const {
  double f = 0.0;
  value(std::span<const double>(&x, 1), std::span<double>(&f, 1));
  return f;
}

double ActivationFunction::derivative(double x) const {
  double df = 0.0;
  derivative(std::span<const double>(&x, 1), std::span<double>(&df, 1));
  return df;
}

void ActivationFunction::value(std::span<const double> x, std::span<double> f) const {
  check_sizes(x.size(), f.size(), "f");
  run<double>(program_, x, params_, f, {});
}

void ActivationFunction::value(std::span<const float> x, std::span<float> f) const {
  check_sizes(x.size(), f.size(), "f");
  run<float>(program_, x, params_float_, f, {});
}

void ActivationFunction::derivative(std::span<const double> x, std::span<double> df) const {
  check_sizes(x.size(), df.size(), "df");
  run<double>(program_, x, params_, {}, df);
}

void ActivationFunction::derivative(std::span<const float> x, std::span<float> df) const {
  check_sizes(x.size(), df.size(), "df");
  run<float>(program_, x, params_float_, {}, df);
}

void ActivationFunction::value_and_derivative(std::span<const double> x, std::span<double> f,
                                              std::span<double> df) const {
  check_sizes(x.size(), f.size(), "f");
  check_sizes(x.size(), df.size(), "df");
  run<double>(program_, x, params_, f, df);
}

void ActivationFunction::value_and_derivative(std::span<const float> x, std::span<float> f,
                                              std::span<float> df) const {
  check_sizes(x.size(), f.size(), "f");
  check_sizes(x.size(), df.size(), "df");
  run<float>(program_, x, params_float_, f, df);
}

}  // namespace actsearch::grammar
