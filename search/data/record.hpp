#pragma once
// Evaluation jobs, requests and results as plain data. They are the journal's lines and the
// messages between MPI ranks, so they hold no pointers and their JSON form is their
// identity: to_json(x) then *_from_json gives back x exactly.
//
// JSON conventions (journal format 1):
// - Reals are JSON numbers written shortest-round-trip, so a double comes back bit for bit.
//   JSON has no inf/NaN: non-finite reals are the strings "inf", "-inf" and "nan".
// - 64-bit hashes and seeds (fingerprint, seed) are 16-digit lowercase hex strings, because
//   many JSON readers (JavaScript, jq) turn integers above 2^53 into doubles.
// - Decoding is strict: a missing or mistyped key throws actsearch::Error naming the key.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/data/json_read.hpp"

namespace actsearch::search {

/// What produced a journal record.
enum class RecordKind {
  Eval,       // a search candidate trained at one rung of the fidelity schedule
  Final,      // a top-K candidate retrained in the final stage (test split measured)
  Baseline,   // a ReLU-family reference trained under the same protocol
  Rejected,   // a proposal refused by the validity screen: no training
  Duplicate,  // a proposal whose fingerprint was already seen: no training
};

/// The outcome. Trained kinds are Ok or Diverged; Rejected and Duplicate kinds carry the
/// status of the same name (kept so `eval --json` can print one "status" key).
enum class EvalStatus { Ok, Diverged, Rejected, Duplicate };

std::string_view to_string(RecordKind kind);
std::string_view to_string(EvalStatus status);

/// True for the kinds that trained a network (Eval, Final, Baseline).
bool is_trained(RecordKind kind);

/// One training to run: a canonical expression on one task with one seed. `seed` comes from
/// derive_seed(run seed, fingerprint, seed_index, rung) (search/data/seed.hpp).
struct EvalRequest {
  std::string expr;               // canonical text, or a built-in name for baselines
  std::uint64_t fingerprint = 0;  // functional fingerprint of expr (0 for built-ins)
  std::string task;               // task id, as in the run's config.json
  int rung = 0;
  int epochs = 0;
  int seed_index = 0;
  std::uint64_t seed = 0;
  int proposal = -1;  // index of the proposal in the run; -1 when not proposed (baselines)

  friend bool operator==(const EvalRequest&, const EvalRequest&) = default;
};

/// One training as a trainer receives it, on every path (threads, MPI ranks): the request,
/// the text the candidate was proposed as (the record's expr), and what the record needs
/// besides. Plain data, so it crosses processes as JSON.
struct EvalJob {
  EvalRequest request;
  std::string input;                   // as proposed or typed, e.g. "swish" or "x*sigmoid(x)"
  RecordKind kind = RecordKind::Eval;  // Eval, Final or Baseline: the record's kind
  bool measure_test = false;           // the final stage measures test accuracy

  friend bool operator==(const EvalJob&, const EvalJob&) = default;
};

/// One journal record: a finished training, or a proposal that cost no training.
/// The training fields (task .. val_loss_curve) are meaningful only when is_trained(kind);
/// to_json omits them otherwise and record_from_json leaves them at their defaults.
struct EvalRecord {
  RecordKind kind = RecordKind::Eval;
  EvalStatus status = EvalStatus::Ok;
  int proposal = -1;      // index of the proposal in the run (best-so-far plots); -1: none
  std::string expr;       // as proposed or typed (e.g. "swish", "x*sigmoid(x)")
  std::string canonical;  // canonical text after simplification
  std::uint64_t fingerprint = 0;
  std::string reason;      // why rejected, duplicate or diverged; empty when ok
  double unix_time = 0.0;  // wall clock when the record was made (s since 1970); 0 = unknown

  std::string task;
  int rung = 0;
  int epochs = 0;
  int seed_index = 0;
  std::uint64_t seed = 0;
  double val_loss = 0.0;  // may be inf or NaN when diverged
  double val_accuracy = 0.0;
  double train_loss = 0.0;
  double train_seconds = 0.0;           // training only, data loading excluded
  std::optional<double> test_accuracy;  // measured in the final stage only
  // Learned activation parameters: params_per_layer[layer][k] is beta_k (param index k of
  // the expression) in hidden layer `layer`; a built-in's own parameters for baselines.
  std::vector<std::vector<double>> params_per_layer;
  std::vector<double> val_loss_curve;  // validation loss after each epoch; may be empty

  // Field-wise; a NaN field compares unequal, as doubles do.
  friend bool operator==(const EvalRecord&, const EvalRecord&) = default;
};

/// `v` as "%016x", the text parse_hex64 (search/data/json_read.hpp) reads back.
std::string format_hex64(std::uint64_t v);

/// A real as JSON: a number when finite, else "inf", "-inf" or "nan"; real_from_json
/// (search/data/json_read.hpp) reads it back.
nlohmann::json real_to_json(double v);

nlohmann::json to_json(const EvalRequest& r);
nlohmann::json to_json(const EvalRecord& r);
/// {"request": to_json(request), "input", "kind", "measure_test"}.
nlohmann::json to_json(const EvalJob& job);

/// Decoders: throw actsearch::Error "key 'NAME' missing" / "key 'NAME' is not ..." on bad
/// input, including an inconsistent kind/status pair.
EvalRequest request_from_json(const nlohmann::json& j);
EvalRecord record_from_json(const nlohmann::json& j);
/// The kind must be a trained one (Eval, Final, Baseline).
EvalJob job_from_json(const nlohmann::json& j);

/// Decodes journal lines (lines[i] is line i + 1 of the journal called `journal_name`);
/// errors read "journal NAME line N: <what>".
std::vector<EvalRecord> records_from_json(const std::vector<nlohmann::json>& lines,
                                          std::string_view journal_name);

}  // namespace actsearch::search
