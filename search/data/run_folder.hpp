#pragma once
// A run folder's files by name, and the one way a run writes a whole file: every file but
// the append-only journal (search/data/journal.hpp) is replaced atomically, so a reader or
// a crash sees the old file or the new one, never half of one.

#include <filesystem>
#include <string_view>
#include <vector>

#include "search/data/record.hpp"

namespace actsearch::search {

/// DIR/config.json, DIR/journal.jsonl, DIR/summary.json.
std::filesystem::path config_path(const std::filesystem::path& run_dir);
std::filesystem::path journal_path(const std::filesystem::path& run_dir);
std::filesystem::path summary_path(const std::filesystem::path& run_dir);

/// The reports beside summary.json.
inline constexpr std::string_view kMarkdownReport = "report.md";
inline constexpr std::string_view kHtmlReport = "report.html";
inline constexpr std::string_view kCandidatesCsv = "candidates.csv";

/// Replaces `path` by `text`: writes PATH.tmp, fsyncs it, renames it over `path` and fsyncs
/// the folder, so after a crash `path` holds the old text or the new. Throws Error "cannot
/// write PATH: <reason>" (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

/// Writes all of `data` to `fd`, retrying short writes; 0 on success, else the errno that
/// stopped it (a short write that hits a size limit is followed by one failing with
/// EFBIG/ENOSPC).
int write_all(int fd, std::string_view data);

/// Makes a new or renamed entry of `dir` durable. Best effort: some file systems refuse
/// fsync on a directory, and the data itself is already synced.
void sync_directory(const std::filesystem::path& dir);

/// The complete records of DIR/journal.jsonl (a torn last line ignored). Throws
/// read_journal's errors and records_from_json's "journal PATH line N: ...".
std::vector<EvalRecord> read_records(const std::filesystem::path& run_dir);

}  // namespace actsearch::search
