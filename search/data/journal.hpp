#pragma once
// A run folder's files: journal.jsonl, the append-only record of a run (one JSON object per
// line, each flushed and fsync'd before append returns), and config.json, what the run was
// asked to do. Reports are derived from the journal alone, and --resume continues from it.
//
// Crash model: a record counts once its line, newline included, is in the file. A killed
// process can leave one torn last line (no newline, or unparsable); readers ignore it and a
// new writer truncates it away before appending. Anything wrong before the last line is
// damage, not a crash, and is an error naming the line.

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "search/data/run_folder.hpp"

namespace actsearch::search {

/// The run-folder format this build writes and reads. Bump it when a change would make an
/// older build misread a run (renamed or retyped keys), not when keys are only added.
inline constexpr int kRunFormat = 1;

/// The complete records of a journal.
struct JournalContents {
  std::vector<nlohmann::json> records;  // records[i] is line i + 1, always a JSON object
  std::size_t ignored_lines = 0;        // 1 when a torn last line was ignored, else 0
  std::size_t good_bytes = 0;           // length of the prefix that holds `records`
};

/// Parses journal text. `name` only labels errors: a bad line before the last throws
/// Error "journal NAME line N: not a JSON object"; a bad or unterminated last line is
/// ignored and counted.
JournalContents parse_journal(std::string_view text, std::string_view name);

/// Reads DIR/journal.jsonl. Throws Error "DIR is not an actsearch run: no journal.jsonl"
/// when it does not exist, "cannot read journal PATH: <reason>" when it cannot be read.
/// Safe while a writer appends (a line being written reads as torn).
JournalContents read_journal(const std::filesystem::path& run_dir);

/// The single writer of a run's journal. Opening takes an exclusive lock on the journal
/// (one writer per run, across processes) and truncates a torn last line away. Not for
/// concurrent use from several threads: append from one thread.
class JournalWriter {
 public:
  /// Opens (creating it if needed) DIR/journal.jsonl; DIR must exist. Throws Error
  /// "cannot open journal PATH: <reason>", "run DIR is in use by another actsearch
  /// process", or parse_journal's error when the existing journal is damaged.
  explicit JournalWriter(const std::filesystem::path& run_dir);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;

  /// Writes `record` as one line, then fsyncs. `record` must be a JSON object; invalid
  /// UTF-8 in its strings is replaced by U+FFFD. On failure (disk full, file size limit,
  /// I/O error) throws Error "cannot write journal PATH: <reason>" after cutting the file
  /// back to its last complete record; if even that fails, every later append throws too.
  void append(const nlohmann::json& record);

  /// The records the journal held when it was opened, handed over once (then empty), so
  /// a resumed run reads its journal once.
  std::vector<nlohmann::json> take_existing();

  /// Complete records in the journal (those found at open plus those appended).
  std::size_t records() const { return records_; }
  /// Bytes of a torn last line that opening removed (0 when the journal was intact).
  std::size_t repaired_bytes() const { return repaired_bytes_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  void fail(int error_number);

  std::filesystem::path path_;
  int fd_ = -1;
  std::size_t good_bytes_ = 0;
  std::size_t records_ = 0;
  std::size_t repaired_bytes_ = 0;
  bool broken_ = false;  // a failed write could not be cut back: the tail may be torn
  std::vector<nlohmann::json> existing_;
};

/// Writes DIR/config.json (write_file_atomically), adding "format": kRunFormat to `config`
/// (a JSON object), and returns that object, the content of the file. Throws
/// Error "cannot write PATH: ...".
nlohmann::json write_config(const std::filesystem::path& run_dir, const nlohmann::json& config);

/// Reads DIR/config.json. Throws Error "DIR is not an actsearch run: no config.json",
/// "config PATH: not a JSON object", or, for another format, "run DIR was written by an
/// incompatible actsearch (format 3, this is format 1)".
nlohmann::json read_config(const std::filesystem::path& run_dir);

}  // namespace actsearch::search
