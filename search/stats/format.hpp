#pragma once
// Number formats shared by the report renderers and the CLI tables, so report.md,
// report.html, the rediscovery sentences and the terminal print the same values the same
// way. NaN prints as "–" (en dash). What people read shows at most kDisplayDigits
// significant digits; what programs read (journal, summary.json, candidates.csv, --json,
// export) keeps every digit and does not use these.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "search/stats/stats.hpp"

namespace actsearch::search::report_format {

/// "–": what every formatter prints for an undefined value.
inline constexpr const char* kMissing = "\u2013";

/// Significant digits of the numbers people read: 1.9061209042851535 shows as 1.906.
inline constexpr int kDisplayDigits = 4;

/// An expression for reading: when one of its constants or initial values has more than
/// kDisplayDigits significant digits, the expression printed with each of them rounded
/// ("abs(beta=1.906)*sin(x)"); otherwise, and for text that is not an expression (a
/// built-in's name such as "pwlu"), `text` as it is.
std::string expression(std::string_view text);

/// A copy of `j` with every floating-point number in it rounded to kDisplayDigits
/// significant digits, for showing a configuration: 2.302585092994046 -> 2.303.
nlohmann::json rounded(const nlohmann::json& j);

/// The sentence under a table of expressions saying they are rounded and where the exact
/// ones are (plain text; backquotes mark code).
std::string rounding_note();

/// `v` with `decimals` decimals, fewer where more would show over kDisplayDigits significant
/// digits: (87.123, 2) -> "87.12", (99.996, 2) -> "100.0", (1234.56, 2) -> "1235"; an integer
/// part longer than that keeps its digits. Not finite: "nan", "inf", "-inf".
std::string fixed(double v, int decimals);

/// A fraction in [0, 1] as a percentage with two decimals (fixed): 0.87123 -> "87.12%",
/// 1 -> "100.0%".
std::string percent(double fraction);

/// "87.12% ± 0.31" (half-width of the 95% CI in percentage points), or "87.12%" when the
/// interval is undefined (one seed: the seeds column says so). Equal seeds give "± 0.00".
std::string percent_ci(const MeanCI& s);

/// "[86.81, 87.43]": the 95% CI in percent.
std::string ci_range(const MeanCI& s);

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
