#include "search/tools/inspect.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "grammar/canonical.hpp"
#include "grammar/derivative.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/known.hpp"
#include "grammar/nearest/nearest.hpp"
#include "grammar/print.hpp"
#include "search/data/record.hpp"
#include "search/report/nearest_format.hpp"
#include "search/stats/format.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;

nlohmann::json parameters_json(const grammar::Expr& e) {
  nlohmann::json out = nlohmann::json::array();
  const std::vector<double> inits = grammar::param_inits(e);
  for (std::size_t k = 0; k < inits.size(); ++k) {
    out.push_back({{"name", grammar::param_name(static_cast<int>(k))}, {"init", inits[k]}});
  }
  return out;
}

nlohmann::json samples_json(const grammar::Expr& e) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = -10; i <= 10; ++i) {
    const double x = 0.5 * i;
    const grammar::NaiveResult r = grammar::eval_naive_with_derivatives(e, x);
    out.push_back({{"x", x}, {"f", real_to_json(r.f)}, {"df", real_to_json(r.dfdx)}});
  }
  return out;
}

std::string sample_value(const nlohmann::json& v) {
  return v.is_number() ? grammar::print_number(v.get<double>(), rf::kDisplayDigits)
                       : v.get<std::string>();
}

// "swish (beta 1.7) at distance 0.000", or "none" when undefined.
std::string nearest_text(const nlohmann::json& j) {
  const nlohmann::json& d = j["distance"];
  if (!d.is_number()) return j["name"].get<std::string>();
  std::string out = j["name"].get<std::string>();
  std::vector<std::string> params;
  for (const auto& [name, value] : j["params"].items()) {
    params.push_back(
        name + " " +
        (value.is_number() ? format_fitted(value.get<double>()) : sample_value(value)));
  }
  if (!params.empty()) out += fmt::format(" ({})", fmt::join(params, ", "));
  return out + " at distance " + rf::fixed(d.get<double>(), 4);
}

}  // namespace

nlohmann::json inspect_json(std::string_view text) {
  const grammar::CanonicalForm form = grammar::canonical_form(grammar::parse_activation(text));
  const grammar::Expr& canonical = form.expr;
  const grammar::Nearest nearest = grammar::nearest_known(canonical);
  return {{"input", std::string(text)},
          {"canonical", form.text},
          {"derivative", grammar::print(grammar::derivative(canonical))},
          {"complexity", grammar::complexity(canonical)},
          {"parameters", parameters_json(canonical)},
          {"valid", form.verdict.valid},
          {"reason", form.verdict.reason},
          {"fingerprint", format_hex64(form.fingerprint.key)},
          {"nearest", to_json(nearest)},
          {"family", grammar::family_of(canonical, nearest)},
          {"samples", samples_json(canonical)}};
}

std::string inspect_text(const nlohmann::json& r) {
  std::string out;
  out += fmt::format("input        {}\n", rf::expression(r["input"].get<std::string>()));
  out += fmt::format("canonical    {}\n", rf::expression(r["canonical"].get<std::string>()));
  out += fmt::format("derivative   {}\n", rf::expression(r["derivative"].get<std::string>()));
  out += fmt::format("complexity   {}\n", r["complexity"].get<std::size_t>());
  for (const auto& p : r["parameters"]) {
    out += fmt::format("parameter    {} (initial value {})\n", p["name"].get<std::string>(),
                       grammar::print_number(p["init"].get<double>(), rf::kDisplayDigits));
  }
  out += r["valid"].get<bool>()
             ? std::string("valid        yes\n")
             : fmt::format("valid        no: {}\n", r["reason"].get<std::string>());
  out += fmt::format("fingerprint  {}\n", r["fingerprint"].get<std::string>());
  out += fmt::format("nearest      {}\n", nearest_text(r["nearest"]));
  out += fmt::format("family       {}\n", r["family"].get<std::string>());
  out += "samples      x      f(x)          f'(x)\n";
  for (const auto& s : r["samples"]) {
    out += fmt::format("             {:<6} {:<13} {}\n", s["x"].get<double>(), sample_value(s["f"]),
                       sample_value(s["df"]));
  }
  return out;
}

}  // namespace actsearch::search
