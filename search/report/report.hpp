#pragma once
// The reports of a run folder: report.md, report.html, candidates.csv and summary.json,
// rebuilt from config.json and journal.jsonl alone, so they can be made at any time, also
// while a run is going (a torn last journal line is ignored) or after it stopped early.

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "search/report/model.hpp"

namespace actsearch::search {

/// The formats of `actsearch report --format`.
enum class ReportFormat { Markdown, Html, Csv, Json };

/// "md", "html", "csv" or "json"; anything else throws actsearch::Error "unknown report
/// format 'X' (expected md, html, csv or json)".
ReportFormat parse_report_format(std::string_view text);

/// Everything the reports of one run show.
struct RunReport {
  nlohmann::json summary;  // the engine's summary (search/stats/summary.hpp), nearest
                           // and family filled
  ReportModel model;
};

/// Reads DIR/config.json and DIR/journal.jsonl. `top_k` is the number of functions to rank
/// and plot; 0 means the run's configured top K. Throws actsearch::Error when DIR is not a
/// run ("DIR is not an actsearch run: no config.json") or its files are damaged.
RunReport load_run_report(const std::filesystem::path& dir, std::size_t top_k = 0);

/// The report in one format: report.md, report.html, candidates.csv or summary.json text.
std::string render(const RunReport& report, ReportFormat format);

/// Writes DIR/report.md, report.html, candidates.csv and summary.json, each atomically
/// (temporary file, then rename). Throws actsearch::Error "cannot write PATH: <reason>".
void write_reports(const std::filesystem::path& dir, const RunReport& report);

/// load_run_report then write_reports: what a search calls when it ends. `top_k` <= 0 means
/// the run's configured top K.
void write_reports(const std::string& run_dir, int top_k);

}  // namespace actsearch::search
