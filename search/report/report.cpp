#include "search/report/report.hpp"

#include <cmath>
#include <fstream>
#include <system_error>

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/report/csv.hpp"
#include "search/report/html.hpp"
#include "search/report/markdown.hpp"
#include "search/report/nearest_format.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;

// The run folder's name: "x" for "runs/x", "runs/x/" and "." inside it.
std::string run_name(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return p.filename().string();
}

// The run's configured top K, or `fallback` when config.json does not say.
std::size_t configured_top(const nlohmann::json& config, std::size_t fallback) {
  const auto it = config.find("top");
  return it != config.end() && it->is_number_unsigned() ? it->get<std::size_t>() : fallback;
}

// summary.json's "nearest" and "family", which the engine leaves to the reports.
void add_analysis(nlohmann::json& summary, const ReportModel& m) {
  if (!summary.contains("top")) return;
  for (std::size_t i = 0; i < summary["top"].size() && i < m.finals.size(); ++i) {
    summary["top"][i]["nearest"] = to_json(m.finals[i].nearest);
    summary["top"][i]["family"] = m.finals[i].family;
  }
}

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw Error("cannot write " + path.string() + ": write failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error("cannot write " + path.string() + ": " + ec.message());
}

}  // namespace

ReportFormat parse_report_format(std::string_view text) {
  if (text == "md") return ReportFormat::Markdown;
  if (text == "html") return ReportFormat::Html;
  if (text == "csv") return ReportFormat::Csv;
  if (text == "json") return ReportFormat::Json;
  throw Error("unknown report format '" + std::string(text) + "' (expected md, html, csv or json)");
}

RunReport load_run_report(const fs::path& dir, std::size_t top_k) {
  const nlohmann::json config = read_config(dir);
  const std::vector<EvalRecord> records =
      records_from_json(read_journal(dir).records, journal_path(dir).string());
  RunReport out;
  out.summary = summarize_run(dir);
  const std::size_t k = top_k > 0 ? top_k : configured_top(config, 10);
  out.model = build_report_model(run_name(dir), config, records, out.summary, k);
  if (out.summary["wall_seconds"].is_null() && std::isfinite(out.model.timing.wall_seconds)) {
    out.summary["wall_seconds"] = out.model.timing.wall_seconds;
  }
  add_analysis(out.summary, out.model);
  return out;
}

std::string render(const RunReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::Markdown:
      return render_markdown(report.model);
    case ReportFormat::Html:
      return render_html(report.model);
    case ReportFormat::Csv:
      return render_csv(report.model);
    case ReportFormat::Json:
      return report.summary.dump(2) + "\n";
  }
  return "";
}

void write_reports(const fs::path& dir, const RunReport& report) {
  write_atomically(dir / "report.md", render(report, ReportFormat::Markdown));
  write_atomically(dir / "report.html", render(report, ReportFormat::Html));
  write_atomically(dir / "candidates.csv", render(report, ReportFormat::Csv));
  write_atomically(summary_path(dir), render(report, ReportFormat::Json));
}

void write_reports(const std::string& run_dir, int top_k) {
  const RunReport report =
      load_run_report(run_dir, top_k > 0 ? static_cast<std::size_t>(top_k) : 0);
  write_reports(fs::path(run_dir), report);
}

}  // namespace actsearch::search
