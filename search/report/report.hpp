#pragma once
// The reports of a run folder: report.md, report.html, candidates.csv and summary.json,
// made from config.json and journal.jsonl alone, so they can be rebuilt at any time, also
// while a run is going (a torn last journal line is ignored) or after it stopped early. A
// finished search writes them once from its records in memory (search/run/run.hpp).

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "search/data/record.hpp"
#include "search/report/model.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {

/// The formats of `actsearch report --format`.
enum class ReportFormat { Markdown, Html, Csv, Json };

/// "md", "html", "csv" or "json"; anything else throws actsearch::Error "unknown report
/// format 'X' (expected md, html, csv or json)".
ReportFormat parse_report_format(std::string_view text);

/// The model of the run in `dir` from what a caller already holds: config.json's content,
/// the records in journal order and their summary (summarize_run). `top_k` is the number of
/// functions to rank and plot; 0 means the run's configured top K.
ReportModel run_report(const std::filesystem::path& dir, const nlohmann::json& config,
                       std::span<const EvalRecord> records, RunSummary summary,
                       std::size_t top_k = 0);

/// run_report of the run folder `dir`, reading config.json and journal.jsonl once each.
/// Throws actsearch::Error when DIR is not a run ("DIR is not an actsearch run: no
/// config.json") or its files are damaged.
ReportModel load_run_report(const std::filesystem::path& dir, std::size_t top_k = 0);

/// The report in one format: report.md, report.html, candidates.csv or summary.json text.
std::string render(const ReportModel& model, ReportFormat format);

/// Writes DIR/report.md, report.html, candidates.csv and summary.json, each with
/// write_file_atomically. Throws actsearch::Error "cannot write PATH: <reason>".
void write_reports(const std::filesystem::path& dir, const ReportModel& model);

}  // namespace actsearch::search
