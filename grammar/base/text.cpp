#include "grammar/base/text.hpp"

#include "grammar/base/error.hpp"

namespace actsearch {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") + 1 - first);
}

}  // namespace

std::vector<std::string_view> split_list(std::string_view list, std::string_view what) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = list.find(',', start);
    const std::string_view item = trim(list.substr(start, comma - start));
    if (item.empty()) {
      std::string message = "empty name in ";
      message.append(what).append(" '").append(list).append("'");
      throw Error(message);
    }
    items.push_back(item);
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

std::string joined(std::span<const std::string> items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.append(separator);
    out.append(item);
  }
  return out;
}

}  // namespace actsearch
