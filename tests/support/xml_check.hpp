#pragma once
// A tiny XML well-formedness check for the report tests: balanced and properly nested
// tags, quoted attributes, known entities only, one root element. Enough to prove
// report.html parses as XHTML without an XML library.

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace actsearch::testing {

namespace xml_detail {

inline bool valid_entity(std::string_view text, std::size_t amp, std::size_t& end) {
  end = text.find(';', amp);
  if (end == std::string_view::npos || end - amp > 10) return false;
  const std::string_view name = text.substr(amp + 1, end - amp - 1);
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
    return true;
  if (name.size() < 2 || name[0] != '#') return false;
  const bool hex = name[1] == 'x';
  for (std::size_t i = hex ? 2 : 1; i < name.size(); ++i) {
    if (!(hex ? std::isxdigit(static_cast<unsigned char>(name[i]))
              : std::isdigit(static_cast<unsigned char>(name[i])))) {
      return false;
    }
  }
  return name.size() > (hex ? 2u : 1u);
}

inline std::string check_text(std::string_view text, std::size_t offset) {
  for (std::size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    std::size_t end = 0;
    if (!valid_entity(text, i, end)) return "bad entity at " + std::to_string(offset + i);
  }
  return "";
}

// Attributes of a start tag: name="value" pairs.
inline std::string check_attributes(std::string_view attrs, std::size_t offset) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    if (std::isspace(static_cast<unsigned char>(attrs[i]))) {
      ++i;
      continue;
    }
    const std::size_t eq = attrs.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= attrs.size()) {
      return "attribute without value at " + std::to_string(offset + i);
    }
    const char quote = attrs[eq + 1];
    const std::size_t close = attrs.find(quote, eq + 2);
    if ((quote != '"' && quote != '\'') || close == std::string_view::npos) {
      return "unquoted attribute at " + std::to_string(offset + i);
    }
    const std::string_view value = attrs.substr(eq + 2, close - eq - 2);
    if (value.find('<') != std::string_view::npos) return "'<' in attribute";
    if (std::string e = check_text(value, offset + eq + 2); !e.empty()) return e;
    i = close + 1;
  }
  return "";
}

}  // namespace xml_detail

/// "" when `doc` is well-formed XML (a DOCTYPE and comments allowed), else what is wrong.
inline std::string xml_error(std::string_view doc) {
  std::vector<std::string> open;
  std::size_t roots = 0, i = 0;
  while (i < doc.size()) {
    const std::size_t lt = doc.find('<', i);
    const std::string_view text =
        doc.substr(i, lt == std::string_view::npos ? doc.size() - i : lt - i);
    if (std::string e = xml_detail::check_text(text, i); !e.empty()) return e;
    if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      return "text outside the root at " + std::to_string(i);
    }
    if (lt == std::string_view::npos) break;
    if (doc.substr(lt, 4) == "<!--") {
      const std::size_t end = doc.find("-->", lt);
      if (end == std::string_view::npos) return "unterminated comment";
      i = end + 3;
      continue;
    }
    const std::size_t gt = doc.find('>', lt);
    if (gt == std::string_view::npos) return "unterminated tag at " + std::to_string(lt);
    std::string_view tag = doc.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.starts_with("!DOCTYPE") || tag.starts_with('?')) continue;
    if (tag.starts_with('/')) {
      const std::string name(tag.substr(1));
      if (open.empty() || open.back() != name) return "unexpected </" + name + ">";
      open.pop_back();
      continue;
    }
    const bool empty = tag.ends_with('/');
    if (empty) tag.remove_suffix(1);
    const std::size_t space = tag.find_first_of(" \t\r\n");
    const std::string name(tag.substr(0, space));
    if (name.empty()) return "empty tag name at " + std::to_string(lt);
    if (space != std::string_view::npos) {
      if (std::string e = xml_detail::check_attributes(tag.substr(space), lt); !e.empty()) return e;
    }
    if (open.empty() && ++roots > 1) return "more than one root element";
    if (!empty) open.push_back(name);
  }
  if (!open.empty()) return "<" + open.back() + "> not closed";
  return roots == 1 ? "" : "no root element";
}

}  // namespace actsearch::testing
