#include "search/data/record.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kKindNames = {"eval", "final", "baseline", "rejected",
                                                        "duplicate"};
constexpr std::array<std::string_view, 4> kStatusNames = {"ok", "diverged", "rejected",
                                                          "duplicate"};

json reals_to_json(const std::vector<double>& xs) {
  json out = json::array();
  for (double x : xs) out.push_back(real_to_json(x));
  return out;
}

// The status a kind allows: trained kinds end ok or diverged, the others carry their own.
bool consistent(RecordKind kind, EvalStatus status) {
  switch (kind) {
    case RecordKind::Rejected:
      return status == EvalStatus::Rejected;
    case RecordKind::Duplicate:
      return status == EvalStatus::Duplicate;
    default:
      return status == EvalStatus::Ok || status == EvalStatus::Diverged;
  }
}

void put_training(json& j, const EvalRecord& r) {
  j["task"] = r.task;
  j["rung"] = r.rung;
  j["epochs"] = r.epochs;
  j["seed_index"] = r.seed_index;
  j["seed"] = format_hex64(r.seed);
  j["val_loss"] = real_to_json(r.val_loss);
  j["val_accuracy"] = real_to_json(r.val_accuracy);
  j["train_loss"] = real_to_json(r.train_loss);
  j["train_seconds"] = real_to_json(r.train_seconds);
  if (r.test_accuracy) j["test_accuracy"] = real_to_json(*r.test_accuracy);
  json layers = json::array();
  for (const auto& layer : r.params_per_layer) layers.push_back(reals_to_json(layer));
  j["params"] = std::move(layers);
  j["val_loss_curve"] = reals_to_json(r.val_loss_curve);
}

void get_training(const json& j, EvalRecord& r) {
  r.task = get_string(j, "task");
  r.rung = get_int(j, "rung");
  r.epochs = get_int(j, "epochs");
  r.seed_index = get_int(j, "seed_index");
  r.seed = get_hex64(j, "seed");
  r.val_loss = get_real(j, "val_loss");
  r.val_accuracy = get_real(j, "val_accuracy");
  r.train_loss = get_real(j, "train_loss");
  r.train_seconds = get_real(j, "train_seconds");
  if (j.contains("test_accuracy")) r.test_accuracy = get_real(j, "test_accuracy");
  for (const json& layer : get_array(j, "params")) {
    r.params_per_layer.push_back(reals_from_json(layer, "params"));
  }
  if (j.contains("val_loss_curve")) {
    r.val_loss_curve = reals_from_json(j["val_loss_curve"], "val_loss_curve");
  }
}

}  // namespace

std::string_view to_string(RecordKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::string_view to_string(EvalStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

bool is_trained(RecordKind kind) {
  return kind == RecordKind::Eval || kind == RecordKind::Final || kind == RecordKind::Baseline;
}

std::string format_hex64(std::uint64_t v) { return fmt::format("{:016x}", v); }

json real_to_json(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

json to_json(const EvalRequest& r) {
  return json{{"expr", r.expr},
              {"fingerprint", format_hex64(r.fingerprint)},
              {"task", r.task},
              {"rung", r.rung},
              {"epochs", r.epochs},
              {"seed_index", r.seed_index},
              {"seed", format_hex64(r.seed)},
              {"proposal", r.proposal}};
}

json to_json(const EvalRecord& r) {
  json j{{"kind", to_string(r.kind)}, {"status", to_string(r.status)},
         {"proposal", r.proposal},    {"expr", r.expr},
         {"canonical", r.canonical},  {"fingerprint", format_hex64(r.fingerprint)}};
  if (!r.reason.empty()) j["reason"] = r.reason;
  if (r.unix_time != 0.0) j["unix_time"] = real_to_json(r.unix_time);
  if (is_trained(r.kind)) put_training(j, r);
  return j;
}

json to_json(const EvalJob& job) {
  return {{"request", to_json(job.request)},
          {"input", job.input},
          {"kind", to_string(job.kind)},
          {"measure_test", job.measure_test}};
}

EvalRequest request_from_json(const json& j) {
  require_object(j);
  EvalRequest r;
  r.expr = get_string(j, "expr");
  r.fingerprint = get_hex64(j, "fingerprint");
  r.task = get_string(j, "task");
  r.rung = get_int(j, "rung");
  r.epochs = get_int(j, "epochs");
  r.seed_index = get_int(j, "seed_index");
  r.seed = get_hex64(j, "seed");
  r.proposal = get_int(j, "proposal");
  return r;
}

EvalRecord record_from_json(const json& j) {
  require_object(j);
  EvalRecord r;
  r.kind = static_cast<RecordKind>(get_enum(j, "kind", kKindNames));
  r.status = static_cast<EvalStatus>(get_enum(j, "status", kStatusNames));
  if (!consistent(r.kind, r.status)) {
    throw Error(
        fmt::format("kind '{}' cannot have status '{}'", to_string(r.kind), to_string(r.status)));
  }
  r.proposal = get_int(j, "proposal");
  r.expr = get_string(j, "expr");
  r.canonical = get_string(j, "canonical");
  r.fingerprint = get_hex64(j, "fingerprint");
  if (j.contains("reason")) r.reason = get_string(j, "reason");
  if (j.contains("unix_time")) r.unix_time = get_real(j, "unix_time");
  if (is_trained(r.kind)) get_training(j, r);
  return r;
}

EvalJob job_from_json(const json& j) {
  require_object(j);
  EvalJob job;
  job.request = request_from_json(member(j, "request"));
  job.input = get_string(j, "input");
  job.kind = static_cast<RecordKind>(get_enum(j, "kind", kKindNames));
  if (!is_trained(job.kind)) {
    throw Error(fmt::format("key 'kind' is '{}', not a trained kind", to_string(job.kind)));
  }
  job.measure_test = get_bool(j, "measure_test");
  return job;
}

std::vector<EvalRecord> records_from_json(const std::vector<json>& lines,
                                          std::string_view journal_name) {
  std::vector<EvalRecord> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    try {
      out.push_back(record_from_json(lines[i]));
    } catch (const Error& e) {
      throw Error(fmt::format("journal {} line {}: {}", journal_name, i + 1, e.what()));
    }
  }
  return out;
}

}  // namespace actsearch::search
