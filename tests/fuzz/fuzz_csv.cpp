// Fuzz target: the CSV reader, as classification and as regression. Any text either throws
// actsearch::Error or gives a consistent data set of finite values.

#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "grammar/base/error.hpp"
#include "nn/data/csv.hpp"

namespace {

using actsearch::fuzz::require;
using actsearch::nn::Dataset;

void check(const Dataset& d, bool regression) {
  require(d.size() > 0 && d.features() >= 1, "empty data set accepted");
  require(d.x.allFinite(), "non-finite feature accepted");
  if (regression) {
    require(!d.is_classification(), "regression data set has classes");
    require(d.targets.rows() == 1 && d.targets.cols() == d.size(), "targets misshaped");
    require(d.targets.allFinite(), "non-finite target accepted");
    return;
  }
  require(d.classes >= 1 && d.classes <= actsearch::nn::kCsvMaxClass + 1, "classes out of range");
  require(d.labels.size() == static_cast<std::size_t>(d.size()), "labels misshaped");
  for (const auto label : d.labels) require(label >= 0 && label < d.classes, "label out of range");
}

void parse_as(std::string_view text, bool regression) {
  try {
    check(actsearch::nn::parse_csv(text, "fuzz.csv", regression), regression);
  } catch (const actsearch::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse_as(text, false);
  parse_as(text, true);
  return 0;
}
