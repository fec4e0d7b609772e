#pragma once
// The comma-separated lists of the command line (--unary, --baselines, --only) read one way,
// and name lists written back for messages and config files.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actsearch {

/// The items of a comma-separated list, each trimmed of spaces and tabs ("a, b" and "a,b"
/// are the same list). Every item must be non-empty, so "a,,b", "a," and "" are refused
/// with actsearch::Error "empty name in WHAT 'LIST'".
std::vector<std::string_view> split_list(std::string_view list, std::string_view what);

/// The items with `separator` between them: joined({"a", "b"}, ", ") is "a, b".
std::string joined(std::span<const std::string> items, std::string_view separator);

}  // namespace actsearch
