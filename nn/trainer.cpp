#include "nn/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <utility>

#include "grammar/base/error.hpp"
#include "nn/loss.hpp"

namespace actsearch::nn {
namespace {

constexpr std::uint64_t kShuffleStream = 2;  // the init stream is Model's
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Clock = std::chrono::steady_clock;

/// The columns of one batch, either gathered or viewed in place.
struct BatchView {
  ConstMatrixView x;
  std::span<const std::int32_t> labels;  // classification
  ConstMatrixView targets;               // regression (0 rows otherwise)
};

LossKind resolve(LossKind kind, const Dataset& d) {
  if (kind != LossKind::Auto) return kind;
  return d.is_classification() ? LossKind::CrossEntropy : LossKind::MeanSquared;
}

void check_data(const Model& model, const Dataset& d, LossKind loss) {
  const std::string what = "data set '" + d.name + "': ";
  const ModelConfig& m = model.config();
  if (d.features() != m.inputs) {
    throw Error(what + std::to_string(d.features()) + " features but the model takes " +
                std::to_string(m.inputs));
  }
  if (d.outputs() != m.outputs) {
    throw Error(what + std::to_string(d.outputs()) + " outputs but the model has " +
                std::to_string(m.outputs));
  }
  if (loss == LossKind::CrossEntropy && !d.is_classification()) {
    throw Error(what + "cross-entropy needs class labels");
  }
  if (d.is_classification()) {
    if (static_cast<Eigen::Index>(d.labels.size()) != d.size()) {
      throw Error(what + "the number of labels differs from the number of samples");
    }
    for (const std::int32_t label : d.labels) {
      if (label < 0 || label >= d.classes) {
        throw Error(what + "label " + std::to_string(label) + " outside [0, " +
                    std::to_string(d.classes) + ")");
      }
    }
  } else if (d.targets.cols() != d.size()) {
    throw Error(what + "the number of targets differs from the number of samples");
  }
}

void check_config(const TrainConfig& c) {
  if (c.epochs < 0) throw Error("train: epochs must be non-negative");
  if (c.warmup_epochs < 0) throw Error("train: warmup epochs must be non-negative");
  if (c.batch < 1) throw Error("train: batch must be positive");
  if (!(c.lr > 0)) throw Error("train: learning rate must be positive");
  if (c.eval_chunk < 1) throw Error("train: evaluation chunk must be positive");
}

/// Mean loss of a batch; gradient into `grad` and the number of correct predictions into
/// `correct` when those are non-null.
double batch_loss(LossKind loss, ConstMatrixView out, const BatchView& b, MatrixView* grad,
                  std::int64_t* correct) {
  switch (loss) {
    case LossKind::CrossEntropy:
      return softmax_cross_entropy(out, b.labels, grad, correct);
    case LossKind::MeanSquared:
      if (!b.labels.empty()) return mean_squared_error_one_hot(out, b.labels, grad, correct);
      return mean_squared_error(out, b.targets, grad);
    case LossKind::Auto:
      break;
  }
  ACTSEARCH_ASSERT(false, "loss kind not resolved");
  return kNaN;
}

/// Columns [begin, begin + len) of `d`, viewed in place.
BatchView view_columns(const Dataset& d, Eigen::Index begin, Eigen::Index len) {
  const std::span<const std::int32_t> labels =
      d.is_classification() ? std::span<const std::int32_t>(d.labels).subspan(
                                  static_cast<std::size_t>(begin), static_cast<std::size_t>(len))
                            : std::span<const std::int32_t>();
  const Eigen::Index target_rows = d.is_classification() ? 0 : d.targets.rows();
  const float* target_data =
      d.is_classification() ? nullptr : d.targets.data() + begin * target_rows;
  return {ConstMatrixView(d.x.data() + begin * d.features(), d.features(), len), labels,
          ConstMatrixView(target_data, target_rows, len)};
}

/// Preallocated storage for shuffled batches, filled without allocating.
class BatchBuffer {
 public:
  BatchBuffer(const Dataset& d, Eigen::Index batch)
      : x_(d.features(), batch),
        targets_(d.is_classification() ? 0 : d.targets.rows(), batch),
        labels_(d.is_classification() ? static_cast<std::size_t>(batch) : 0) {}

  BatchView gather(const Dataset& d, std::span<const std::int64_t> indices) {
    const auto len = static_cast<Eigen::Index>(indices.size());
    for (Eigen::Index j = 0; j < len; ++j) {
      const Eigen::Index src = indices[static_cast<std::size_t>(j)];
      x_.col(j) = d.x.col(src);
      if (d.is_classification()) {
        labels_[static_cast<std::size_t>(j)] = d.labels[static_cast<std::size_t>(src)];
      } else {
        targets_.col(j) = d.targets.col(src);
      }
    }
    return {leading_cols(std::as_const(x_), len),
            std::span<const std::int32_t>(labels_).first(labels_.empty() ? 0 : indices.size()),
            leading_cols(std::as_const(targets_), len)};
  }

 private:
  Eigen::MatrixXf x_;                 // (features, batch)
  Eigen::MatrixXf targets_;           // (outputs, batch), regression only
  std::vector<std::int32_t> labels_;  // (batch), classification only
};

/// The training loop's state: everything a step needs, allocated once.
class Session {
 public:
  Session(Model& model, const Dataset& data, const TrainConfig& config)
      : model_(model),
        data_(data),
        config_(config),
        loss_(resolve(config.loss, data)),
        optimizer_(config.optimizer, model.params().size()),
        shuffle_(config.seed, kShuffleStream),
        order_(static_cast<std::size_t>(data.size())),
        batch_(data, config.batch),
        grad_(model.config().outputs, config.batch),
        steps_per_epoch_((data.size() + config.batch - 1) / config.batch) {}

  /// One epoch; false when training diverged.
  bool epoch(EpochRecord& record) {
    const auto start = Clock::now();
    model_.set_training(true);
    random_permutation(shuffle_, order_);
    const Eigen::Index n = data_.size();
    double loss_sum = 0;
    std::int64_t correct = 0;
    bool ok = true;
    for (Eigen::Index s = 0; s < n && ok; s += config_.batch) {
      const Eigen::Index len = std::min(config_.batch, n - s);
      std::int64_t hits = 0;
      const double loss = step(std::span<const std::int64_t>(order_).subspan(
                                   static_cast<std::size_t>(s), static_cast<std::size_t>(len)),
                               hits, ok);
      loss_sum += loss * static_cast<double>(len);
      correct += hits;
    }
    record.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    record.train_loss = loss_sum / static_cast<double>(n);
    record.train_accuracy =
        data_.is_classification() ? static_cast<double>(correct) / static_cast<double>(n) : kNaN;
    return ok;
  }

  std::int64_t steps() const { return steps_; }

 private:
  // Forward, loss, backward, update. `ok` turns false on a non-finite loss or parameter.
  double step(std::span<const std::int64_t> indices, std::int64_t& hits, bool& ok) {
    const BatchView b = batch_.gather(data_, indices);
    const ConstMatrixView out = model_.forward(b.x);
    MatrixView grad = leading_cols(grad_, b.x.cols());
    const double loss = batch_loss(loss_, out, b, &grad, &hits);
    if (!std::isfinite(loss)) {
      ok = false;
      return loss;
    }
    model_.zero_grad();
    model_.backward(read_only(grad));
    const Schedule schedule{config_.cosine, steps_per_epoch_ * config_.warmup_epochs};
    const double lr = scheduled_lr(config_.lr, schedule, steps_, steps_per_epoch_ * config_.epochs);
    ++steps_;
    ok = optimizer_.step(model_.params(), model_.grads(), lr);
    return loss;
  }

  Model& model_;
  const Dataset& data_;
  const TrainConfig& config_;
  LossKind loss_;
  Optimizer optimizer_;
  Rng shuffle_;
  std::vector<std::int64_t> order_;
  BatchBuffer batch_;
  Eigen::MatrixXf grad_;  // (outputs, batch): dLoss/doutputs
  Eigen::Index steps_per_epoch_;
  std::int64_t steps_ = 0;
};

}  // namespace

TrainResult train(Model& model, const Dataset& train_set, const Dataset& val_set,
                  const TrainConfig& config) {
  check_config(config);
  if (train_set.size() == 0) {
    throw Error("train: the training set '" + train_set.name + "' is empty");
  }
  const LossKind loss = resolve(config.loss, train_set);
  check_data(model, train_set, loss);
  if (val_set.size() > 0) check_data(model, val_set, resolve(config.loss, val_set));

  model.initialize(config.init, config.seed);
  model.reserve(config.batch);
  Session session(model, train_set, config);
  const bool statistics = model.uses_input_statistics() && config.epochs > 1;
  TrainResult result;
  for (int e = 0; e < config.epochs; ++e) {
    if (statistics && e == 0) model.begin_statistics();
    EpochRecord record;
    const bool ok = session.epoch(record);
    result.train_seconds += record.seconds;
    if (!ok) {
      result.status = TrainStatus::Diverged;
      break;
    }
    if (statistics && e == 0) model.end_statistics();
    const bool last = e + 1 == config.epochs;
    const Evaluation v = (config.evaluate_every_epoch || last)
                             ? evaluate(model, val_set, config.loss, config.eval_chunk)
                             : Evaluation{kNaN, kNaN};
    record.val_loss = v.loss;
    record.val_accuracy = v.accuracy;
    result.epochs.push_back(record);
  }
  result.steps = session.steps();
  if (result.status == TrainStatus::Diverged) {
    result.val_loss = std::numeric_limits<double>::infinity();
    result.val_accuracy = 0;
  } else if (config.epochs == 0) {
    const Evaluation v = evaluate(model, val_set, config.loss, config.eval_chunk);
    result.val_loss = v.loss;
    result.val_accuracy = v.accuracy;
  } else {
    result.val_loss = result.epochs.back().val_loss;
    result.val_accuracy = result.epochs.back().val_accuracy;
  }
  result.activations = model.learned_activations();
  return result;
}

Evaluation evaluate(Model& model, const Dataset& data, LossKind loss, Eigen::Index chunk) {
  if (chunk < 1) throw Error("evaluate: chunk must be positive");
  const Eigen::Index n = data.size();
  if (n == 0) return {kNaN, kNaN};
  loss = resolve(loss, data);
  check_data(model, data, loss);
  model.set_training(false);
  // A trained model evaluates in chunks of its training batch, which its buffers already
  // hold: a conv net's buffers for 512 samples would take hundreds of MiB more.
  if (model.reserved_batch() == 0) model.reserve(std::min(chunk, n));
  chunk = std::min(chunk, model.reserved_batch());
  double loss_sum = 0;
  std::int64_t correct = 0;
  for (Eigen::Index s = 0; s < n; s += chunk) {
    const Eigen::Index len = std::min(chunk, n - s);
    const BatchView b = view_columns(data, s, len);
    std::int64_t hits = 0;
    loss_sum += batch_loss(loss, model.forward(b.x), b, nullptr, &hits) * static_cast<double>(len);
    correct += hits;
  }
  const double accuracy =
      data.is_classification() ? static_cast<double>(correct) / static_cast<double>(n) : kNaN;
  return {loss_sum / static_cast<double>(n), accuracy};
}

}  // namespace actsearch::nn
