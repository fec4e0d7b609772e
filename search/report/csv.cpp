#include "search/report/csv.hpp"

#include <fmt/format.h>

#include <cmath>

#include "search/report/nearest_format.hpp"

namespace actsearch::search {
namespace {

// Shortest round trip; "inf"/"-inf" as pandas reads them (a diverged loss); NaN empty.
std::string number(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{}", v);
}

std::string count(std::size_t n, bool known = true) { return known ? std::to_string(n) : ""; }

std::string params_field(const std::vector<std::pair<std::string, double>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += ';';
    out += fmt::format("{}={}", name, value);
  }
  return out;
}

// The columns shared by candidates and baselines: final stage, parameters, nearest.
void final_fields(const RankedFunction* f, std::vector<std::string>& out) {
  if (f == nullptr) {
    out.insert(out.end(), 9, "");
    return;
  }
  out.insert(out.end(), {std::to_string(f->rank), count(f->seeds), number(f->val_accuracy.mean),
                         number(f->val_accuracy.ci95.lo), number(f->val_accuracy.ci95.hi),
                         number(f->test_accuracy.mean), number(f->score.mean),
                         number(f->delta_relu), number(f->p_vs_relu)});
}

void analysis_fields(const std::vector<std::pair<std::string, double>>& params,
                     const grammar::Nearest& nearest, const std::string& family, double seconds,
                     std::vector<std::string>& out) {
  out.insert(out.end(), {params_field(params), nearest.name, params_field(nearest.params),
                         number(nearest.distance), family, number(seconds)});
}

std::vector<std::string> candidate_fields(const ReportModel& m, const CandidateRow& c) {
  const bool screened = c.screen_accuracy.n > 0;
  std::vector<std::string> out{"candidate",
                               c.expr,
                               c.complexity > 0 ? count(c.complexity) : "",
                               std::to_string(c.proposal),
                               std::string(to_string(c.status)),
                               c.reason,
                               c.rung >= 0 ? std::to_string(c.rung) : "",
                               count(c.trainings),
                               count(c.screen_accuracy.n, screened),
                               number(c.screen_accuracy.mean),
                               number(c.screen_loss.mean),
                               number(c.rung_accuracy.mean)};
  final_fields(c.final_index >= 0 ? &m.finals[static_cast<std::size_t>(c.final_index)] : nullptr,
               out);
  analysis_fields(c.params, c.nearest, c.family, c.train_seconds, out);
  return out;
}

std::vector<std::string> baseline_fields(const RankedFunction& b) {
  std::vector<std::string> out{
      "baseline", b.name, b.complexity > 0 ? count(b.complexity) : "", "", "ok", "", "", "", "", "",
      "",         ""};
  final_fields(&b, out);
  analysis_fields(b.params, b.nearest, b.family, NAN, out);
  return out;
}

std::string line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace

const std::vector<std::string_view>& csv_columns() {
  static const std::vector<std::string_view> columns{"kind",
                                                     "expr",
                                                     "complexity",
                                                     "proposal",
                                                     "status",
                                                     "reason",
                                                     "highest_rung",
                                                     "search_trainings",
                                                     "screen_seeds",
                                                     "screen_val_accuracy",
                                                     "screen_val_loss",
                                                     "highest_rung_val_accuracy",
                                                     "final_rank",
                                                     "final_seeds",
                                                     "final_val_accuracy",
                                                     "final_val_accuracy_ci_lo",
                                                     "final_val_accuracy_ci_hi",
                                                     "final_test_accuracy",
                                                     "final_score",
                                                     "delta_val_accuracy_vs_relu",
                                                     "p_vs_relu",
                                                     "learned_params",
                                                     "nearest",
                                                     "nearest_params",
                                                     "nearest_distance",
                                                     "family",
                                                     "train_seconds"};
  return columns;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string render_csv(const ReportModel& m) {
  std::string out = line(std::vector<std::string>(csv_columns().begin(), csv_columns().end()));
  for (const CandidateRow& c : m.candidates) out += line(candidate_fields(m, c));
  for (const RankedFunction& b : m.baselines) out += line(baseline_fields(b));
  return out;
}

}  // namespace actsearch::search
