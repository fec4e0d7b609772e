#pragma once
// Strict reading of the JSON that actsearch writes (journal lines, config.json, MPI
// messages): a missing or mistyped key is an actsearch::Error naming the key, always in the
// same words, "key 'NAME' missing" and "key 'NAME' is not <what was expected>", so a damaged
// file reads the same whichever reader meets it first.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actsearch::search {

/// Throws "not a JSON object" unless `j` is one.
void require_object(const nlohmann::json& j);

/// The value of `key`; "key 'KEY' missing" when `j` is not an object or lacks it.
const nlohmann::json& member(const nlohmann::json& j, std::string_view key);

/// Typed members; each throws "key 'KEY' missing" or "key 'KEY' is not <type>".
const nlohmann::json& get_object(const nlohmann::json& j, std::string_view key);
const nlohmann::json& get_array(const nlohmann::json& j, std::string_view key);
std::string get_string(const nlohmann::json& j, std::string_view key);
bool get_bool(const nlohmann::json& j, std::string_view key);
std::vector<std::string> get_strings(const nlohmann::json& j, std::string_view key);

/// An integer within the range of Int (int, std::int64_t or std::uint64_t); a number with a
/// fraction or out of range is "key 'KEY' is not an integer in the range of int" (or int64,
/// uint64).
template <typename Int>
Int get_integer(const nlohmann::json& j, std::string_view key);
inline int get_int(const nlohmann::json& j, std::string_view key) {
  return get_integer<int>(j, key);
}

/// A real as real_to_json writes it (search/data/record.hpp): any JSON number, or the
/// strings "inf", "-inf" and "nan".
double get_real(const nlohmann::json& j, std::string_view key);
/// The same for a value already taken out of its object; `key` names it in the message.
double real_from_json(const nlohmann::json& v, std::string_view key);
/// An array of reals; "key 'KEY' is not an array of numbers".
std::vector<double> reals_from_json(const nlohmann::json& v, std::string_view key);

/// Exactly 16 hex digits (format_hex64's text); throws Error otherwise.
std::uint64_t parse_hex64(std::string_view text);
/// A 16-digit hex string; "key 'KEY' is not a 16-digit hex string".
std::uint64_t get_hex64(const nlohmann::json& j, std::string_view key);

/// The index of the string value in `names`; "key 'KEY' has unknown value 'V'".
std::size_t get_enum(const nlohmann::json& j, std::string_view key,
                     std::span<const std::string_view> names);

}  // namespace actsearch::search
