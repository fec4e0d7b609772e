#include "search/report_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace actsearch::search::report_format {

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return kMissing;
  return fmt::format("{:.2f}%", 100.0 * fraction);
}

std::string percent_ci(const Summary& s) {
  const double half = 0.5 * (s.ci95.hi - s.ci95.lo);
  if (s.n < 2 || !std::isfinite(half)) return percent(s.mean);
  return fmt::format("{} \u00b1 {:.2f}", percent(s.mean), 100.0 * half);
}

std::string ci_range(const Summary& s) {
  if (!std::isfinite(s.ci95.lo) || !std::isfinite(s.ci95.hi)) return kMissing;
  return fmt::format("[{:.2f}, {:.2f}]", 100.0 * s.ci95.lo, 100.0 * s.ci95.hi);
}

std::string points(double difference) {
  if (!std::isfinite(difference)) return kMissing;
  return fmt::format("{:+.2f} pp", 100.0 * difference);
}

std::string p_value(double p) {
  if (!std::isfinite(p)) return kMissing;
  if (p < 0.001) return "< 0.001";
  return fmt::format("{:.3f}", p);
}

std::string real(double v, int digits) {
  if (!std::isfinite(v)) return kMissing;
  return fmt::format("{:.{}g}", std::abs(v) < 1e-9 ? 0.0 : v, digits);
}

std::string distance(double d) {
  if (!std::isfinite(d)) return kMissing;
  return fmt::format("{:.3f}", d);
}

std::string duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) return kMissing;
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

}  // namespace actsearch::search::report_format
