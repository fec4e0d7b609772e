#pragma once
// Number formats shared by the report renderers, so report.md, report.html and the
// rediscovery sentences print the same values the same way. NaN prints as "–" (en dash).

#include <string>

#include "search/stats.hpp"

namespace actsearch::search::report_format {

/// "–": what every formatter prints for an undefined value.
inline constexpr const char* kMissing = "\u2013";

/// A fraction in [0, 1] as a percentage with two decimals: 0.87123 -> "87.12%".
std::string percent(double fraction);

/// "87.12% ± 0.31" (half-width of the 95% CI in percentage points), or "87.12%" when the
/// interval is undefined (one seed: the seeds column says so). Equal seeds give "± 0.00".
std::string percent_ci(const Summary& s);

/// "[86.81, 87.43]": the 95% CI in percent.
std::string ci_range(const Summary& s);

/// A difference of fractions in percentage points with its sign: 0.0084 -> "+0.84 pp".
std::string points(double difference);

/// A p-value: "0.031", "< 0.001", or the missing mark.
std::string p_value(double p);

/// A real to `digits` significant digits ("1.62").
std::string real(double v, int digits = 3);

/// A distance of the nearest-known analysis: "0.042" (three decimals).
std::string distance(double d);

/// Seconds as "42 s", "3 min 12 s", "2 h 05 min".
std::string duration(double seconds);

}  // namespace actsearch::search::report_format
