#include "search/report/report.hpp"

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/data/run_config.hpp"
#include "search/data/run_folder.hpp"
#include "search/report/csv.hpp"
#include "search/report/html.hpp"
#include "search/report/markdown.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;

// The run folder's name: "x" for "runs/x", "runs/x/" and "." inside it.
std::string run_name(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return p.filename().string();
}

}  // namespace

ReportFormat parse_report_format(std::string_view text) {
  if (text == "md") return ReportFormat::Markdown;
  if (text == "html") return ReportFormat::Html;
  if (text == "csv") return ReportFormat::Csv;
  if (text == "json") return ReportFormat::Json;
  throw Error("unknown report format '" + std::string(text) + "' (expected md, html, csv or json)");
}

ReportModel run_report(const fs::path& dir, const nlohmann::json& config,
                       std::span<const EvalRecord> records, RunSummary summary, std::size_t top_k) {
  const auto top = config.find("top");
  const std::size_t configured = top != config.end() && top->is_number_unsigned()
                                     ? top->get<std::size_t>()
                                     : summary.top.size();
  return build_report_model(run_name(dir), config, records, std::move(summary),
                            top_k > 0 ? top_k : configured);
}

ReportModel load_run_report(const fs::path& dir, std::size_t top_k) {
  const nlohmann::json config = read_config(dir);
  const SearchConfig search = search_config_from_json(config);
  const std::vector<EvalRecord> records = read_records(dir);
  RunSummary summary = summarize_run(search, chance_from_json(config, search), records);
  return run_report(dir, config, records, std::move(summary), top_k);
}

std::string render(const ReportModel& model, ReportFormat format) {
  switch (format) {
    case ReportFormat::Markdown:
      return render_markdown(model);
    case ReportFormat::Html:
      return render_html(model);
    case ReportFormat::Csv:
      return render_csv(model);
    case ReportFormat::Json:
      return to_json(model.summary).dump(2) + "\n";
  }
  return "";
}

void write_reports(const fs::path& dir, const ReportModel& model) {
  write_file_atomically(dir / kMarkdownReport, render(model, ReportFormat::Markdown));
  write_file_atomically(dir / kHtmlReport, render(model, ReportFormat::Html));
  write_file_atomically(dir / kCandidatesCsv, render(model, ReportFormat::Csv));
  write_file_atomically(summary_path(dir), render(model, ReportFormat::Json));
}

}  // namespace actsearch::search
