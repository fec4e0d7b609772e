#pragma once
// A fast stand-in for training, for testing the search engine's logic: the "validation
// loss" of a candidate is a deterministic function of its fingerprint values (distance to a
// known best function) plus a small seed-dependent jitter, so the best function is known in
// advance and a run of hundreds of candidates takes milliseconds.

#include <atomic>
#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

#include "grammar/base/random.hpp"
#include "grammar/fingerprint.hpp"
#include "grammar/parse.hpp"
#include "grammar/simplify.hpp"
#include "search/run/run.hpp"
#include "search/train/candidate.hpp"

namespace actsearch::search::testing {

struct FakeTraining {
  std::string best = "max(x, 0) + tanh(x)";  // the function with the lowest loss
  double relu_loss = 1.0;                    // what built-in relu scores
  /// Throw after this many trainings (a crash: the journal keeps what was finished); -1: never.
  int crash_after = -1;
  /// Set `cancel` after this many trainings (Ctrl-C); -1: never.
  int cancel_after = -1;
  std::atomic<bool>* cancel = nullptr;
  int trained = 0;  // trainings run so far
};

inline constexpr double kFakeChance = 2.302585092994046;  // ln 10

// Jitter in [-0.005, 0.005) from the seed, so seeds differ and statistics have spread.
inline double fake_jitter(std::uint64_t seed) {
  return (static_cast<double>(grammar::splitmix64(seed) >> 11) * 0x1.0p-53 - 0.5) * 0.01;
}

inline double fake_loss(const FakeTraining& fake, const Candidate& c, std::uint64_t seed) {
  if (c.builtin) {
    const double offset =
        c.canonical == "relu" ? 0.0 : 0.02 * static_cast<double>(c.canonical.size() % 7);
    return fake.relu_loss + offset + fake_jitter(seed);
  }
  const std::vector<double> target =
      grammar::fingerprint(grammar::simplify(grammar::parse(fake.best))).values;
  double d = 0.0;
  for (std::size_t i = 0; i < grammar::kFingerprintPoints; ++i) {
    const double diff = c.values[i] - target[i];
    d += diff * diff;
  }
  d /= static_cast<double>(grammar::kFingerprintPoints);
  if (!std::isfinite(d)) return INFINITY;
  return 0.3 + std::min(d, 20.0) * 0.1 + fake_jitter(seed);
}

inline EvalRecord fake_record(const FakeTraining& fake, const EvalJob& job) {
  EvalRecord r;
  r.kind = job.kind;
  r.proposal = job.request.proposal;
  r.expr = job.input;
  r.canonical = job.request.expr;
  r.fingerprint = job.request.fingerprint;
  r.task = job.request.task;
  r.rung = job.request.rung;
  r.epochs = job.request.epochs;
  r.seed_index = job.request.seed_index;
  r.seed = job.request.seed;
  r.val_loss = fake_loss(fake, prepare_candidate(job.request.expr), job.request.seed) +
               (r.task == "b" ? 0.05 : 0.0);
  if (!std::isfinite(r.val_loss)) {
    r.status = EvalStatus::Diverged;
    r.reason = "fake divergence";
  }
  r.val_accuracy = std::isfinite(r.val_loss) ? 1.0 - r.val_loss / 3.0 : 0.0;
  if (job.measure_test) r.test_accuracy = r.val_accuracy - 0.01;
  return r;
}

/// A Trainer whose trainings are fake_record; `fake` must outlive it.
inline Trainer fake_trainer(FakeTraining& fake) {
  Trainer t;
  t.chance_loss = [](const TaskConfig&) { return kFakeChance; };
  t.run = [&fake](std::span<const EvalJob> jobs, const RecordSink& sink,
                  const std::atomic<bool>& cancel) {
    for (const EvalJob& job : jobs) {
      if (cancel.load()) return;
      if (fake.trained == fake.crash_after) throw std::runtime_error("fake crash");
      sink(fake_record(fake, job));
      ++fake.trained;
      if (fake.trained == fake.cancel_after) fake.cancel->store(true);
    }
  };
  return t;
}

/// Options of a run in `dir`.
inline RunOptions run_in(const std::filesystem::path& dir, bool resume = false) {
  RunOptions o;
  o.dir = dir;
  o.resume = resume;
  return o;
}

/// Two tasks "a" and "b" (the fake ignores their data).
inline std::vector<TaskConfig> fake_tasks() {
  TaskConfig a;
  a.id = "a";
  TaskConfig b;
  b.id = "b";
  return {a, b};
}

}  // namespace actsearch::search::testing
