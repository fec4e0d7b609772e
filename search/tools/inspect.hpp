#pragma once
// `actsearch inspect`: everything the grammar knows about one expression.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace actsearch::search {

/// The inspect report of DESIGN.md: {"input", "canonical", "derivative", "complexity",
/// "parameters": [{"name", "init"}], "valid", "reason", "fingerprint", "nearest": {"name",
/// "params": {name: value}, "distance"}, "family", "samples": [{"x", "f", "df"}]} with
/// samples at x = -5, -4.5, ..., 5; parameters, nearest and family at the initial values
/// (grammar/nearest/nearest.hpp). `text` may be a known activation name (swish, gelu, ...). Throws
/// ParseError for text that does not parse.
nlohmann::json inspect_json(std::string_view text);

/// The same report as readable text, its numbers rounded for reading (stats/format.hpp):
/// the JSON keeps them exact.
std::string inspect_text(const nlohmann::json& report);

}  // namespace actsearch::search
