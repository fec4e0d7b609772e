// Evaluation records as JSON: exact round trips (non-finite values and random bit patterns
// included) and strict decoding whose errors name the key or the journal line.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

#include "grammar/base/error.hpp"
#include "search/data/record.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Same double, bit for bit; any NaN matches any NaN (JSON keeps no payload).
bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

EvalRecord trained_record(double loss) {
  EvalRecord r;
  r.kind = RecordKind::Final;
  r.proposal = 41;
  r.expr = "x * sigmoid(beta * x)";
  r.canonical = "x*sigmoid(beta*x)";
  r.fingerprint = 0xfedcba9876543210ULL;
  r.task = "fashion-mnist";
  r.rung = 2;
  r.epochs = 5;
  r.seed_index = 3;
  r.seed = 0x8000000000000001ULL;
  r.val_loss = loss;
  r.val_accuracy = 0.1 + 0.2;
  r.train_loss = 1.0 / 3.0;
  r.train_seconds = 1.5;
  r.test_accuracy = 0.875;
  r.params_per_layer = {{1.25, -0.0}, {kInf, 4.9e-324}};
  r.val_loss_curve = {2.3, 0.7, 0.65};
  return r;
}

EvalRecord through_text(const EvalRecord& r) {
  return record_from_json(json::parse(to_json(r).dump()));
}

TEST(Record, TrainedRecordRoundTripsExactly) {
  const EvalRecord r = trained_record(0.123456789012345678);
  EXPECT_EQ(through_text(r), r);
}

TEST(Record, RandomDoublesRoundTripBitForBit) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const double v = std::bit_cast<double>(rng());
    EvalRecord r = trained_record(v);
    r.train_loss = std::ldexp(static_cast<double>(rng() >> 11), -53);
    const EvalRecord back = through_text(r);
    EXPECT_TRUE(same(back.val_loss, v)) << v;
    EXPECT_TRUE(same(back.train_loss, r.train_loss)) << r.train_loss;
  }
}

TEST(Record, NonFiniteValuesAreStrings) {
  EXPECT_EQ(real_to_json(kInf), "inf");
  EXPECT_EQ(real_to_json(-kInf), "-inf");
  EXPECT_EQ(real_to_json(kNaN), "nan");
  EXPECT_EQ(real_to_json(2.5), 2.5);
  EvalRecord r = trained_record(-kInf);
  r.val_loss_curve[2] = kNaN;
  const EvalRecord back = through_text(r);
  EXPECT_EQ(back.val_loss, -kInf);
  EXPECT_EQ(back.params_per_layer[1][0], kInf);
  EXPECT_TRUE(std::isnan(back.val_loss_curve[2]));
  EXPECT_TRUE(std::signbit(back.params_per_layer[0][1]));
  EXPECT_EQ(to_json(trained_record(kNaN))["val_loss"], "nan");
}

TEST(Record, UntrainedKindsCarryNoTrainingFields) {
  EvalRecord r;
  r.kind = RecordKind::Rejected;
  r.status = EvalStatus::Rejected;
  r.proposal = 7;
  r.expr = r.canonical = "x - x";
  r.reason = "constant function";
  r.unix_time = 1790000000.25;
  const json j = to_json(r);
  EXPECT_EQ(j["kind"], "rejected");
  EXPECT_EQ(j["reason"], "constant function");
  EXPECT_EQ(j["fingerprint"], "0000000000000000");
  EXPECT_FALSE(j.contains("val_loss"));
  EXPECT_FALSE(j.contains("task"));
  EXPECT_EQ(through_text(r), r);
  r.unix_time = 0.0;  // unknown: left out
  EXPECT_FALSE(to_json(r).contains("unix_time"));
  EXPECT_EQ(through_text(r), r);
}

TEST(Record, RequestRoundTrips) {
  const EvalRequest q{"max(x,0.1*x)", 0x0123456789abcdefULL, "spirals", 1, 30, 2, ~0ULL, 12};
  EXPECT_EQ(request_from_json(json::parse(to_json(q).dump())), q);
  EXPECT_EQ(to_json(q)["seed"], "ffffffffffffffff");
}

TEST(Record, JobRoundTripsAndIsStrict) {
  const EvalJob job{{"x*tanh(x)", 7, "xor", 2, 30, 1, 9, 4}, "tanh(x)*x", RecordKind::Final, true};
  EXPECT_EQ(job_from_json(json::parse(to_json(job).dump())), job);
  json untrained = to_json(job);
  untrained["kind"] = "rejected";
  EXPECT_THROW(job_from_json(untrained), Error);
  json no_input = to_json(job);
  no_input.erase("input");
  try {
    job_from_json(no_input);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "key 'input' missing");
  }
}

void expect_error(const json& j, const std::string& message) {
  try {
    record_from_json(j);
    ADD_FAILURE() << "no error for " << j.dump();
  } catch (const Error& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(Record, DecodingIsStrictAndNamesTheKey) {
  const json good = to_json(trained_record(1.0));
  auto without = [&](const char* key) {
    json j = good;
    j.erase(key);
    return j;
  };
  auto with = [&](const char* key, json v) {
    json j = good;
    j[key] = std::move(v);
    return j;
  };
  expect_error(without("task"), "key 'task' missing");
  expect_error(without("params"), "key 'params' missing");
  expect_error(with("rung", 1.5), "key 'rung' is not an integer in the range of int");
  expect_error(with("rung", 1ULL << 40), "key 'rung' is not an integer in the range of int");
  expect_error(with("seed", "12"), "key 'seed' is not a 16-digit hex string");
  expect_error(with("seed", "-000000000000001"), "key 'seed' is not a 16-digit hex string");
  expect_error(with("fingerprint", 5), "key 'fingerprint' is not a 16-digit hex string");
  expect_error(with("val_loss", "infinity"),
               "key 'val_loss' is not a number (or \"inf\", \"-inf\", \"nan\")");
  expect_error(with("val_loss", nullptr),
               "key 'val_loss' is not a number (or \"inf\", \"-inf\", \"nan\")");
  expect_error(with("kind", "evaluation"), "key 'kind' has unknown value 'evaluation'");
  expect_error(with("status", "rejected"), "kind 'final' cannot have status 'rejected'");
  expect_error(json::array(), "not a JSON object");
  EXPECT_EQ(record_from_json(without("val_loss_curve")).val_loss_curve.size(), 0u);
  EXPECT_FALSE(record_from_json(without("test_accuracy")).test_accuracy.has_value());
}

TEST(Record, JournalDecodingNamesTheLine) {
  const std::vector<json> lines = {to_json(trained_record(1.0)), json{{"kind", "eval"}}};
  try {
    records_from_json(lines, "runs/a/journal.jsonl");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "journal runs/a/journal.jsonl line 2: key 'status' missing");
  }
}

}  // namespace
}  // namespace actsearch::search
