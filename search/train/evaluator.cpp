#include "search/train/evaluator.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "nn/model.hpp"
#include "nn/trainer.hpp"
#include "search/data/seed.hpp"
#include "search/train/program_activation.hpp"

namespace actsearch::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::unique_ptr<nn::Activation> make_activation(const std::string& canonical) {
  if (nn::is_builtin(canonical)) return nn::make_builtin(canonical);
  const grammar::Expr e = grammar::parse(canonical);
  // Canonical text parses back to the very expression it was printed from; anything else
  // would train another function than the one the request names.
  if (grammar::print(e) != canonical) {
    throw std::runtime_error("'" + canonical + "' does not print back to itself");
  }
  return std::make_unique<ProgramActivation>(e, canonical);
}

nn::TrainConfig train_config(const EvalRequest& request, const TaskConfig& config) {
  nn::TrainConfig t;
  t.epochs = request.epochs;
  t.batch = config.batch;
  t.lr = settings_for(config, request.rung).lr;
  t.optimizer.kind = config.optimizer;
  t.optimizer.momentum = config.momentum;
  t.optimizer.nesterov = config.nesterov;
  t.optimizer.weight_decay = config.weight_decay;
  t.cosine = config.cosine;
  t.warmup_epochs = config.warmup;
  t.seed = request.seed;
  t.init = nn::Init::TorchDefault;
  t.evaluate_every_epoch = request.rung >= 1;
  return t;
}

EvalRecord record_for(const EvalJob& job) {
  const EvalRequest& request = job.request;
  EvalRecord r;
  r.kind = job.kind;
  r.proposal = request.proposal;
  r.expr = job.input;
  r.canonical = request.expr;
  r.fingerprint = request.fingerprint;
  r.task = request.task;
  r.rung = request.rung;
  r.epochs = request.epochs;
  r.seed_index = request.seed_index;
  r.seed = request.seed;
  return r;
}

void fill_results(const nn::TrainResult& result, bool curve, EvalRecord& r) {
  r.train_seconds = result.train_seconds;
  if (curve) {
    for (const nn::EpochRecord& e : result.epochs) r.val_loss_curve.push_back(e.val_loss);
  }
  for (const nn::LearnedActivation& a : result.activations) {
    r.params_per_layer.emplace_back(a.params.begin(), a.params.end());
  }
  const bool finite = result.status == nn::TrainStatus::Ok && std::isfinite(result.val_loss);
  if (finite) {
    r.status = EvalStatus::Ok;
    r.val_loss = result.val_loss;
    r.val_accuracy = result.val_accuracy;
    r.train_loss = result.epochs.empty() ? kInf : result.epochs.back().train_loss;
    return;
  }
  r.status = EvalStatus::Diverged;
  r.reason = result.status == nn::TrainStatus::Diverged
                 ? "diverged in epoch " + std::to_string(result.epochs.size() + 1)
                 : "validation loss not finite";
  r.val_loss = kInf;
  r.val_accuracy = 0.0;
  r.train_loss = kInf;
}

}  // namespace

const TrainSettings& settings_for(const TaskConfig& config, int rung) {
  return rung == 0 ? config.screen : config.full;
}

EvalRequest make_request(const Candidate& candidate, const TaskConfig& task, int rung,
                         int seed_index, std::uint64_t run_seed) {
  EvalRequest r;
  r.expr = candidate.canonical;
  r.fingerprint = candidate.fingerprint;
  r.task = task.id;
  r.rung = rung;
  r.epochs = settings_for(task, rung).epochs;
  r.seed_index = seed_index;
  r.seed = derive_seed(run_seed, candidate.fingerprint, seed_index, rung);
  return r;
}

nn::ModelConfig model_config(const TaskConfig& config, const nn::Dataset& train) {
  nn::ModelConfig m;
  m.inputs = train.features();
  m.outputs = train.outputs();
  m.net = config.net;
  m.norm = config.norm;
  m.depth = config.depth;
  m.width = config.width;
  m.residual = config.residual;
  m.channels = config.channels;
  m.blocks = config.blocks;
  m.image = train.image;
  return m;
}

EvalRecord evaluate(const EvalJob& job, const TaskConfig& config, const nn::Split& data) {
  nn::Model model(model_config(config, data.train), *make_activation(job.request.expr));
  const nn::TrainConfig t = train_config(job.request, config);
  const nn::TrainResult result = nn::train(model, data.train, data.val, t);

  EvalRecord r = record_for(job);
  fill_results(result, t.evaluate_every_epoch, r);
  if (job.measure_test) {
    r.test_accuracy =
        r.status == EvalStatus::Ok
            ? nn::evaluate(model, data.test, nn::LossKind::Auto, t.eval_chunk).accuracy
            : 0.0;
  }
  return r;
}

}  // namespace actsearch::search
