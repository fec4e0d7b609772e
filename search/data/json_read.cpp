#include "search/data/json_read.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

[[noreturn]] void not_a(std::string_view key, std::string_view what) {
  throw Error(fmt::format("key '{}' is not {}", key, what));
}

template <typename Int>
constexpr std::string_view range_name() {
  if constexpr (std::is_same_v<Int, int>) return "int";
  if constexpr (std::is_same_v<Int, std::int64_t>) return "int64";
  if constexpr (std::is_same_v<Int, std::uint64_t>) return "uint64";
}

}  // namespace

void require_object(const json& j) {
  if (!j.is_object()) throw Error("not a JSON object");
}

const json& member(const json& j, std::string_view key) {
  const auto it = j.is_object() ? j.find(std::string(key)) : j.end();
  if (it == j.end()) throw Error(fmt::format("key '{}' missing", key));
  return *it;
}

const json& get_object(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (!v.is_object()) not_a(key, "an object");
  return v;
}

const json& get_array(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (!v.is_array()) not_a(key, "an array");
  return v;
}

std::string get_string(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (!v.is_string()) not_a(key, "a string");
  return v.get<std::string>();
}

bool get_bool(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (!v.is_boolean()) not_a(key, "a boolean");
  return v.get<bool>();
}

std::vector<std::string> get_strings(const json& j, std::string_view key) {
  const json& v = member(j, key);
  std::vector<std::string> out;
  if (!v.is_array()) not_a(key, "an array of strings");
  for (const json& item : v) {
    if (!item.is_string()) not_a(key, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

template <typename Int>
Int get_integer(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (std::in_range<Int>(u)) return static_cast<Int>(u);
  } else if (v.is_number_integer()) {
    const auto s = v.get<std::int64_t>();
    if (std::in_range<Int>(s)) return static_cast<Int>(s);
  }
  not_a(key, fmt::format("an integer in the range of {}", range_name<Int>()));
}

template int get_integer<int>(const json&, std::string_view);
template std::int64_t get_integer<std::int64_t>(const json&, std::string_view);
template std::uint64_t get_integer<std::uint64_t>(const json&, std::string_view);

double get_real(const json& j, std::string_view key) { return real_from_json(member(j, key), key); }

double real_from_json(const json& v, std::string_view key) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
  }
  not_a(key, "a number (or \"inf\", \"-inf\", \"nan\")");
}

std::vector<double> reals_from_json(const json& v, std::string_view key) {
  if (!v.is_array()) not_a(key, "an array of numbers");
  std::vector<double> out;
  out.reserve(v.size());
  for (const json& x : v) out.push_back(real_from_json(x, key));
  return out;
}

std::uint64_t parse_hex64(std::string_view text) {
  std::uint64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v, 16);
  // from_chars accepts a leading '-' for unsigned types on some libraries; digits only here.
  if (text.size() != 16 || ec != std::errc() || ptr != end || text.front() == '-') {
    throw Error(fmt::format("'{}' is not a 16-digit hex number", text));
  }
  return v;
}

std::uint64_t get_hex64(const json& j, std::string_view key) {
  const json& v = member(j, key);
  if (!v.is_string()) not_a(key, "a 16-digit hex string");
  try {
    return parse_hex64(v.get_ref<const std::string&>());
  } catch (const Error&) {
    not_a(key, "a 16-digit hex string");
  }
}

std::size_t get_enum(const json& j, std::string_view key, std::span<const std::string_view> names) {
  const std::string text = get_string(j, key);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return i;
  }
  throw Error(fmt::format("key '{}' has unknown value '{}'", key, text));
}

}  // namespace actsearch::search
