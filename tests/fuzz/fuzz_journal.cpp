// Fuzz target: the journal reader and the record decoder. Any text either throws
// actsearch::Error (damage before the last line) or yields JSON objects whose lines make up
// exactly the good prefix; those objects either throw actsearch::Error as records or decode
// to records whose JSON form decodes back to the same JSON.

#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/data/record.hpp"

namespace {

using actsearch::fuzz::require;
namespace search = actsearch::search;

void check_records(const std::vector<nlohmann::json>& lines) {
  std::vector<search::EvalRecord> records;
  try {
    records = search::records_from_json(lines, "fuzz");
  } catch (const actsearch::Error&) {
    return;
  }
  require(records.size() == lines.size(), "records lost in decoding");
  for (const auto& r : records) {
    const nlohmann::json j = search::to_json(r);
    require(search::to_json(search::record_from_json(j)) == j, "record does not round-trip");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  actsearch::search::JournalContents contents;
  try {
    contents = actsearch::search::parse_journal(text, "fuzz");
  } catch (const actsearch::Error&) {
    return 0;
  }
  require(contents.good_bytes <= text.size(), "good prefix longer than the text");
  require(contents.ignored_lines <= 1, "more than one ignored line");
  const std::string_view good = text.substr(0, contents.good_bytes);
  require(good.empty() || good.back() == '\n', "good prefix does not end a line");
  std::size_t lines = 0;
  for (const char c : good) lines += c == '\n' ? 1 : 0;
  require(lines == contents.records.size(), "records do not match the good prefix's lines");
  for (const auto& record : contents.records) require(record.is_object(), "record not an object");
  // Whatever was kept reads back the same: a writer reopening the journal sees these records.
  const auto again = actsearch::search::parse_journal(good, "fuzz");
  require(again.records == contents.records && again.ignored_lines == 0,
          "the good prefix does not read back unchanged");
  check_records(contents.records);
  return 0;
}
