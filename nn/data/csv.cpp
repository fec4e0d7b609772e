#include "nn/data/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/data/file_bytes.hpp"

namespace actsearch::nn {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  for (;;) {
    const std::size_t comma = line.find(',');
    fields.push_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) return;
    line.remove_prefix(comma + 1);
  }
}

// from_chars takes no leading '+', which other tools write.
bool to_double(std::string_view s, double& value) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc{} && end == s.data() + s.size() && !s.empty();
}

// A field as an error message shows it: quoted, at most 40 characters, control and non-ASCII
// bytes escaped, so that a binary file given as CSV still yields one readable line.
std::string quoted(std::string_view field) {
  constexpr std::size_t kShown = 40;
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "'";
  for (const char c : field.substr(0, kShown)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  out += field.size() > kShown ? "...'" : "'";
  return out;
}

bool all_numbers(const std::vector<std::string_view>& fields) {
  double ignored = 0;
  for (std::string_view f : fields) {
    if (!to_double(f, ignored)) return false;
  }
  return true;
}

class Parser {
 public:
  Parser(const std::string& name, bool regression) : name_(name), regression_(regression) {}

  // The first non-blank line fixes the number of fields; it is data unless it has a word.
  void first_line(std::size_t line_no, const std::vector<std::string_view>& fields) {
    columns_ = fields.size();
    columns_line_ = line_no;
    if (columns_ < 2) {
      fail(line_no, "1 field; need the features and then the label (at least 2 fields)");
    }
    if (all_numbers(fields)) row(line_no, fields);
  }

  void row(std::size_t line_no, const std::vector<std::string_view>& fields) {
    if (fields.size() != columns_) {
      fail(line_no, std::to_string(fields.size()) + " fields, expected " +
                        std::to_string(columns_) + " as on line " + std::to_string(columns_line_));
    }
    for (std::size_t k = 0; k + 1 < columns_; ++k)
      features_.push_back(finite_float(line_no, fields, k));
    if (regression_) {
      targets_.push_back(finite_float(line_no, fields, columns_ - 1));
    } else {
      labels_.push_back(class_index(line_no, fields, columns_ - 1));
    }
  }

  Dataset finish() {
    if (columns_ == 0) throw Error(name_ + ": empty file");
    const auto n = static_cast<Eigen::Index>(regression_ ? targets_.size() : labels_.size());
    if (n == 0) throw Error(name_ + ": no data rows");
    Dataset d;
    d.name = name_;
    d.x = Eigen::Map<const Eigen::MatrixXf>(features_.data(),
                                            static_cast<Eigen::Index>(columns_ - 1), n);
    if (regression_) {
      d.targets = Eigen::Map<const Eigen::MatrixXf>(targets_.data(), 1, n);
    } else {
      d.labels = std::move(labels_);
      for (std::int32_t label : d.labels) d.classes = std::max(d.classes, label + 1);
    }
    return d;
  }

  bool started() const { return columns_ > 0; }

 private:
  [[noreturn]] void fail(std::size_t line_no, const std::string& problem) const {
    throw Error(name_ + ":" + std::to_string(line_no) + ": " + problem);
  }

  double number(std::size_t line_no, const std::vector<std::string_view>& fields,
                std::size_t k) const {
    double value = 0;
    if (!to_double(fields[k], value)) {
      fail(line_no, "field " + std::to_string(k + 1) + " is not a number: " + quoted(fields[k]));
    }
    return value;
  }

  float finite_float(std::size_t line_no, const std::vector<std::string_view>& fields,
                     std::size_t k) const {
    const double value = number(line_no, fields, k);
    if (!(std::abs(value) <= std::numeric_limits<float>::max())) {
      fail(line_no,
           "field " + std::to_string(k + 1) + " is not a finite float: " + quoted(fields[k]));
    }
    return static_cast<float>(value);
  }

  std::int32_t class_index(std::size_t line_no, const std::vector<std::string_view>& fields,
                           std::size_t k) const {
    const double value = number(line_no, fields, k);
    if (!(value >= 0 && value <= kCsvMaxClass && value == std::floor(value))) {
      fail(line_no, "label " + quoted(fields[k]) + " is not a class index (an integer from 0 to " +
                        std::to_string(kCsvMaxClass) + ")");
    }
    return static_cast<std::int32_t>(value);
  }

  const std::string& name_;
  bool regression_;
  std::size_t columns_ = 0;
  std::size_t columns_line_ = 0;
  std::vector<float> features_;  // row after row: the (features, n) column-major layout
  std::vector<std::int32_t> labels_;
  std::vector<float> targets_;
};

}  // namespace

Dataset parse_csv(std::string_view text, const std::string& name, bool regression) {
  Parser parser(name, regression);
  std::vector<std::string_view> fields;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_no;
    if (line.empty()) continue;
    split_fields(line, fields);
    if (parser.started()) {
      parser.row(line_no, fields);
    } else {
      parser.first_line(line_no, fields);
    }
  }
  return parser.finish();
}

Dataset load_csv(const std::string& path, bool regression) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return parse_csv(text, path, regression);
}

}  // namespace actsearch::nn
