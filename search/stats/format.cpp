#include "search/stats/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"

namespace actsearch::search::report_format {

std::string expression(std::string_view text) {
  grammar::Expr e;
  try {
    e = grammar::parse(text);
  } catch (const Error&) {
    return std::string(text);
  }
  // Unchanged text keeps the spelling it was given ("relu(x)" rather than "max(x, 0)").
  std::string rounded = grammar::print(e, {.digits = kDisplayDigits});
  return rounded == grammar::print(e) ? std::string(text) : rounded;
}

nlohmann::json rounded(const nlohmann::json& j) {
  if (j.is_number_float()) {
    return std::stod(grammar::print_number(j.get<double>(), kDisplayDigits));
  }
  if (!j.is_structured()) return j;
  nlohmann::json out = j;
  for (nlohmann::json& value : out) value = rounded(value);
  return out;
}

std::string rounding_note() {
  return fmt::format(
      "Numbers in expressions are rounded to {} significant digits; candidates.csv and "
      "summary.json hold them exactly, and `actsearch export DIR:RANK` writes the exact "
      "function.",
      kDisplayDigits);
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  // The decimal exponent of v once rounded to kDisplayDigits digits: 99.996 -> 1.000e+02.
  // Zero has no significant digits, so it takes all `decimals` as values below 1 do.
  const std::string scientific = fmt::format("{:.{}e}", v, kDisplayDigits - 1);
  const int exponent = v == 0.0 ? -1 : std::stoi(scientific.substr(scientific.find('e') + 1));
  return fmt::format("{:.{}f}", v, std::clamp(kDisplayDigits - 1 - exponent, 0, decimals));
}

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return kMissing;
  return fixed(100.0 * fraction, 2) + "%";
}

std::string percent_ci(const MeanCI& s) {
  const double half = 0.5 * (s.ci95.hi - s.ci95.lo);
  if (s.n < 2 || !std::isfinite(half)) return percent(s.mean);
  return fmt::format("{} \u00b1 {}", percent(s.mean), fixed(100.0 * half, 2));
}

std::string ci_range(const MeanCI& s) {
  if (!std::isfinite(s.ci95.lo) || !std::isfinite(s.ci95.hi)) return kMissing;
  return fmt::format("[{}, {}]", fixed(100.0 * s.ci95.lo, 2), fixed(100.0 * s.ci95.hi, 2));
}

std::string points(double difference) {
  if (!std::isfinite(difference)) return kMissing;
  return fmt::format("{}{} pp", std::signbit(difference) ? "" : "+", fixed(100.0 * difference, 2));
}

std::string p_value(double p) {
  if (!std::isfinite(p)) return kMissing;
  if (p < 0.001) return "< 0.001";
  return fmt::format("{:.3f}", p);
}

std::string real(double v, int digits) {
  if (!std::isfinite(v)) return kMissing;
  return grammar::print_number(std::abs(v) < 1e-9 ? 0.0 : v, digits);
}

std::string distance(double d) {
  if (!std::isfinite(d)) return kMissing;
  return fixed(d, 3);
}

std::string duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) return kMissing;
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

}  // namespace actsearch::search::report_format
