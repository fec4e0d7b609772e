#pragma once
// Mini-batch training of a Model on a Dataset, and evaluation.

#include <cstdint>
#include <vector>

#include "nn/data/dataset.hpp"
#include "nn/model.hpp"
#include "nn/optimizer.hpp"

namespace actsearch::nn {

enum class LossKind {
  Auto,          // cross-entropy for classification, MSE for regression
  CrossEntropy,  // softmax cross-entropy (classification only)
  MeanSquared,   // MSE; against one-hot labels for classification
};

struct TrainConfig {
  int epochs = 5;
  Eigen::Index batch = 128;  // the last, partial batch of an epoch is kept
  double lr = 1e-3;
  OptimizerConfig optimizer{};  // Adam with torch's defaults unless changed
  bool cosine = false;          // cosine-anneal the learning rate to 0 after the warmup
  int warmup_epochs = 0;        // linear warmup of the learning rate over these epochs' steps
  std::uint64_t seed = 0;       // initialisation and shuffling
  Init init = Init::TorchDefault;
  LossKind loss = LossKind::Auto;
  bool evaluate_every_epoch = true;  // else the validation set is scored after the last only
  Eigen::Index eval_chunk = 512;     // at most this many samples per forward pass in evaluation
};

enum class TrainStatus { Ok, Diverged };

/// One epoch. Training loss and accuracy are averaged over the epoch's batches as they were
/// trained (no separate pass); validation figures are NaN when not evaluated that epoch.
struct EpochRecord {
  double train_loss = 0;
  double train_accuracy = 0;
  double val_loss = 0;
  double val_accuracy = 0;
  double seconds = 0;  // training steps only, evaluation excluded
};

struct TrainResult {
  TrainStatus status = TrainStatus::Ok;
  std::vector<EpochRecord> epochs;  // completed epochs (a diverged one is not recorded)
  double val_loss = 0;              // final; +inf when diverged
  double val_accuracy = 0;          // final; 0 when diverged; NaN for regression
  double train_seconds = 0;         // sum of the epochs' seconds (including a diverged one's part)
  std::int64_t steps = 0;
  std::vector<LearnedActivation> activations;  // per hidden layer, at the end
};

/// Loss and accuracy of a model on a data set.
struct Evaluation {
  double loss = 0;
  double accuracy = 0;  // NaN for regression
};

/// Trains `model` from a fresh initialisation. Same config and data: the same result bit
/// for bit. The first epoch is a statistics epoch when the model asks for one (PWLU) and
/// more epochs follow. A non-finite loss or parameter stops training at once with status
/// Diverged. Throws actsearch::Error for a bad config (non-positive batch, lr or eval
/// chunk, negative epochs or warmup, optimizer settings that Optimizer refuses), an empty
/// training set, a data set that does not fit the model or a loss that does not fit the
/// data.
TrainResult train(Model& model, const Dataset& train_set, const Dataset& val_set,
                  const TrainConfig& config);

/// Scores `model` on `data` in chunks of `chunk` samples, or of the model's reserved batch
/// when that is smaller, with `loss` (Auto as in TrainConfig), in evaluation mode
/// (Model::set_training), where it leaves the model.
Evaluation evaluate(Model& model, const Dataset& data, LossKind loss, Eigen::Index chunk);

}  // namespace actsearch::nn
