#pragma once
// CSV data sets: one sample per line, numeric features, the label or target last.

#include <string>
#include <string_view>

#include "nn/data/dataset.hpp"

namespace actsearch::nn {

/// Largest class index a classification CSV may use.
inline constexpr int kCsvMaxClass = 9999;

/// Parses CSV text called `name` (for messages). Fields are separated by commas, spaces and
/// tabs around a field are ignored, lines may end in CRLF, blank lines are skipped. The first
/// non-blank line is a header, and skipped, when any of its fields is not a number. Every line
/// has the same number of fields, at least 2: the features, then the label. Classification
/// (`regression` false): the label is a class index 0..kCsvMaxClass written as an integer
/// ("3" or "3.0") and `classes` is the largest label + 1. Regression: the last field is a
/// float target, `targets` is (1, n). Values are parsed as double and stored as float; they
/// are not rescaled. Throws actsearch::Error "<name>: empty file", "<name>: no data rows" or
/// "<name>:<line>: <problem>" for a ragged line, a field that is not a number or not a
/// finite float, and a label that is not a class index.
Dataset parse_csv(std::string_view text, const std::string& name, bool regression);

/// Reads the file at `path` (plain or gzip) and parses it with parse_csv; errors name `path`.
Dataset load_csv(const std::string& path, bool regression = false);

}  // namespace actsearch::nn
