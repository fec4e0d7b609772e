// Sampled curves and the nearest-known analysis of report rows.
#include <memory>

#include "grammar/base/error.hpp"
#include "grammar/known.hpp"
#include "grammar/nearest/nearest.hpp"
#include "grammar/parse.hpp"
#include "grammar/program/program.hpp"
#include "nn/activation.hpp"
#include "search/report/detail.hpp"
#include "search/train/parallel.hpp"

namespace actsearch::search::report_detail {
namespace {

constexpr int kCurvePoints = 201;  // x = -5 .. 5 step 0.05

std::vector<double> make_curve_x() {
  std::vector<double> x;
  for (int i = 0; i < kCurvePoints; ++i) x.push_back(-5.0 + 10.0 * i / (kCurvePoints - 1));
  return x;
}

void analyse(CandidateRow& row) {
  grammar::Expr e;
  if (!expression_of(row.expr, e)) return;
  row.complexity = grammar::complexity(e);
  std::vector<double> params = values_of(row.params);
  if (params.size() != static_cast<std::size_t>(grammar::num_params(e))) params.clear();
  row.nearest = grammar::nearest_known(e, params);
  row.family = grammar::family_of(e, row.nearest, params);
}

}  // namespace

std::span<const double> curve_x() {
  static const std::vector<double> x = make_curve_x();
  return x;
}

bool expression_of(const std::string& text, grammar::Expr& out) {
  try {
    out = grammar::parse_activation(text);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::vector<double> values_of(const std::vector<std::pair<std::string, double>>& params) {
  std::vector<double> out;
  for (const auto& p : params) out.push_back(p.second);
  return out;
}

Curve sample_curve(const grammar::Expr& e, std::span<const double> params, bool derivative) {
  const std::vector<double> inits = grammar::param_inits(e);
  if (params.size() != inits.size()) params = inits;
  Curve c;
  c.x.assign(curve_x().begin(), curve_x().end());
  c.f.resize(c.x.size());
  if (derivative) c.df.resize(c.x.size());
  grammar::Program(e).run(c.x, params, c.f, c.df);
  return c;
}

Curve sample_builtin(const std::string& name, std::span<const double> params, bool derivative) {
  const std::unique_ptr<nn::Activation> a = nn::make_builtin(name);
  std::vector<float> p = a->initial_params();
  if (params.size() == p.size()) p.assign(params.begin(), params.end());
  const std::vector<float> x(curve_x().begin(), curve_x().end());
  std::vector<float> y(x.size()), dydx(x.size()), dydp(p.size() * x.size());
  a->forward(x, p, y, dydx, dydp);
  Curve c;
  c.x.assign(curve_x().begin(), curve_x().end());
  c.f.assign(y.begin(), y.end());
  if (derivative) c.df.assign(dydx.begin(), dydx.end());
  return c;
}

std::vector<std::string> builtin_param_names(const std::string& name) {
  return nn::make_builtin(name)->param_names();
}

void analyse_candidates(std::vector<CandidateRow>& rows) {
  parallel_for_each_index(rows.size(), [&](std::size_t i) { analyse(rows[i]); });
}

}  // namespace actsearch::search::report_detail
