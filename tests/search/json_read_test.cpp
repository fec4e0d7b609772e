// The strict JSON reader every file reader shares: one wording for a missing key and one for
// each expected type, so the journal, config.json and MPI messages fail alike.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "grammar/base/error.hpp"
#include "search/data/json_read.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

const json kDoc = json::parse(R"({"s": "text", "i": -3, "u": 18446744073709551615, "f": 1.5,
  "b": true, "inf": "-inf", "hex": "00000000000000ff", "a": ["x", "y"], "n": [1, "nan"],
  "o": {}, "mixed": ["x", 1]})");

constexpr std::string_view kNames[] = {"other", "text"};

TEST(JsonRead, ReadsEachType) {
  EXPECT_EQ(get_string(kDoc, "s"), "text");
  EXPECT_EQ(get_int(kDoc, "i"), -3);
  EXPECT_EQ(get_integer<std::uint64_t>(kDoc, "u"), 18446744073709551615u);
  EXPECT_EQ(get_integer<std::int64_t>(kDoc, "i"), -3);
  EXPECT_EQ(get_real(kDoc, "f"), 1.5);
  EXPECT_EQ(get_real(kDoc, "i"), -3.0);
  EXPECT_EQ(get_real(kDoc, "inf"), -INFINITY);
  EXPECT_TRUE(get_bool(kDoc, "b"));
  EXPECT_EQ(get_hex64(kDoc, "hex"), 255u);
  EXPECT_EQ(get_strings(kDoc, "a"), (std::vector<std::string>{"x", "y"}));
  const std::vector<double> n = reals_from_json(kDoc["n"], "n");
  EXPECT_EQ(n[0], 1.0);
  EXPECT_TRUE(std::isnan(n[1]));
  EXPECT_TRUE(get_object(kDoc, "o").empty());
  EXPECT_EQ(get_array(kDoc, "a").size(), 2u);
  EXPECT_EQ(get_enum(kDoc, "s", kNames), 1u);
}

TEST(JsonRead, OneWordingPerMistake) {
  EXPECT_EQ(error_of([] { member(kDoc, "absent"); }), "key 'absent' missing");
  EXPECT_EQ(error_of([] { member(json::array(), "s"); }), "key 's' missing");
  EXPECT_EQ(error_of([] { require_object(json::array()); }), "not a JSON object");
  EXPECT_EQ(error_of([] { get_string(kDoc, "i"); }), "key 'i' is not a string");
  EXPECT_EQ(error_of([] { get_bool(kDoc, "s"); }), "key 's' is not a boolean");
  EXPECT_EQ(error_of([] { get_object(kDoc, "a"); }), "key 'a' is not an object");
  EXPECT_EQ(error_of([] { get_array(kDoc, "o"); }), "key 'o' is not an array");
  EXPECT_EQ(error_of([] { get_strings(kDoc, "mixed"); }), "key 'mixed' is not an array of strings");
  EXPECT_EQ(error_of([] { reals_from_json(kDoc["o"], "o"); }),
            "key 'o' is not an array of numbers");
  EXPECT_EQ(error_of([] { get_int(kDoc, "f"); }), "key 'f' is not an integer in the range of int");
  EXPECT_EQ(error_of([] { get_int(kDoc, "u"); }), "key 'u' is not an integer in the range of int");
  EXPECT_EQ(error_of([] { get_integer<std::uint64_t>(kDoc, "i"); }),
            "key 'i' is not an integer in the range of uint64");
  EXPECT_EQ(error_of([] { get_integer<std::int64_t>(kDoc, "u"); }),
            "key 'u' is not an integer in the range of int64");
  EXPECT_EQ(error_of([] { get_real(kDoc, "s"); }),
            "key 's' is not a number (or \"inf\", \"-inf\", \"nan\")");
  EXPECT_EQ(error_of([] { get_hex64(kDoc, "s"); }), "key 's' is not a 16-digit hex string");
  EXPECT_EQ(error_of([] { get_hex64(kDoc, "i"); }), "key 'i' is not a 16-digit hex string");
  EXPECT_EQ(error_of([] { get_enum(kDoc, "a", kNames); }), "key 'a' is not a string");
  EXPECT_EQ(error_of([] { get_enum(kDoc, "hex", kNames); }),
            "key 'hex' has unknown value '00000000000000ff'");
  EXPECT_EQ(error_of([] { parse_hex64("ff"); }), "'ff' is not a 16-digit hex number");
}

}  // namespace
}  // namespace actsearch::search
