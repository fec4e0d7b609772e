#pragma once
// One training of one candidate on one task: the unit of work of every search, of
// `actsearch eval` and of `actsearch baselines`.

#include <cstdint>

#include "nn/data/dataset.hpp"
#include "nn/model.hpp"
#include "search/data/record.hpp"
#include "search/data/task_config.hpp"
#include "search/train/candidate.hpp"

namespace actsearch::search {

/// The protocol of a rung: rung 0 screens (config.screen), every later rung trains fully
/// (config.full). Final and baseline trainings of the final stage use a rung >= 1.
const TrainSettings& settings_for(const TaskConfig& config, int rung);

/// The request to train `candidate` on `task` at `rung` with seed number `seed_index`:
/// epochs from settings_for(task, rung), seed = derive_seed(run_seed, candidate.fingerprint,
/// seed_index, rung), proposal -1.
EvalRequest make_request(const Candidate& candidate, const TaskConfig& task, int rung,
                         int seed_index, std::uint64_t run_seed);

/// The child network of `config` for data like `train`: its net, norm and sizes, and the
/// data's features, outputs and image shape.
nn::ModelConfig model_config(const TaskConfig& config, const nn::Dataset& train);

/// Trains the network of model_config (PyTorch's default init) whose hidden layers run
/// the job's function, single-threaded, on data.train for request.epochs epochs at
/// settings_for(config, request.rung).lr with request.seed. The function is request.expr: a
/// built-in by name (nn::make_builtin), else a canonical expression, parsed (it must print
/// back to itself) and run as a ProgramActivation. The record has the job's kind, its input
/// as expr, the request's fields, the final validation loss and accuracy, the last epoch's
/// training loss, the training seconds, the learned activation parameters per hidden layer
/// and, at rungs >= 1, the validation loss after every epoch (rung 0 scores the validation
/// set once, after the last epoch). With measure_test, test_accuracy is measured on
/// data.test (0 when diverged). A non-finite loss or parameter gives status Diverged with
/// val_loss +inf, accuracy 0 and a reason; this is never an exception. Deterministic: the
/// same arguments give the same record bit for bit, except train_seconds. Throws
/// actsearch::Error when the data does not fit the task's network (as nn::train), and
/// std::runtime_error when request.expr does not print back to itself.
EvalRecord evaluate(const EvalJob& job, const TaskConfig& config, const nn::Split& data);

}  // namespace actsearch::search
