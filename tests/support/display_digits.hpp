#pragma once
// Finds numbers in text people read (reports, CLI tables) that show more digits than a
// person reads: the check behind "no displayed number has more than 4 significant digits".

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace actsearch::testing {

/// Significant digits of a decimal literal ("1.9061209042851535", "1e-07", "87.12"):
/// from the first to the last nonzero digit of its mantissa, so "100.0", "0.0500" and
/// "12350" count as they read (1, 1 and 4), and "1.9061209042851535" as 17.
inline int significant_digits(std::string_view literal) {
  std::string digits;
  for (const char c : literal.substr(0, literal.find_first_of("eE"))) {
    if (c != '.') digits += c;
  }
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  return static_cast<int>(digits.find_last_not_of('0') - first + 1);
}

/// The numbers in `text` with more than `max_digits` significant digits. A word that mixes
/// letters and digits (beta1, x2, a fingerprint such as 00000000000000a0, a path) or has
/// two dots (a version, 0.1.0) is not a number; a dot ending a sentence is not part of one.
inline std::vector<std::string> long_numbers(const std::string& text, int max_digits = 4) {
  static const std::regex word(
      R"([A-Za-z_][A-Za-z0-9_]*|[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?[A-Za-z0-9_.]*)");
  static const std::regex number(R"([0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator();
       ++it) {
    std::string w = it->str();
    while (!w.empty() && w.back() == '.') w.pop_back();
    if (std::regex_match(w, number) && significant_digits(w) > max_digits) out.push_back(w);
  }
  return out;
}

/// What a browser shows of an XHTML page: its text without the style sheet, tags and
/// attributes (SVG tick labels and tooltips stay: they are text). Tags become spaces.
inline std::string visible_text(std::string_view html) {
  const std::size_t style = html.find("<style>");
  const std::size_t style_end = html.find("</style>");
  std::string out;
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (i == style && style_end != std::string_view::npos) i = style_end;
    if (html[i] == '<' || html[i] == '>') {
      in_tag = html[i] == '<';
      out += ' ';
    } else if (!in_tag) {
      out += html[i];
    }
  }
  return out;
}

}  // namespace actsearch::testing
