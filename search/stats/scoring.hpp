#pragma once
// The normalised score of a candidate: per task, validation loss mapped so that chance is 0
// and ReLU is 1, then averaged over tasks (one task alone rewards its quirks).
//
//   s_t = (C_t - L) / (C_t - R_t)
//
// C_t is the chance loss of task t (ln K for K classes; for regression the mean squared
// error of predicting the validation targets' mean), L the candidate's mean validation loss
// over its seeds and R_t ReLU's, under the same protocol and seeds. Each seed's loss is
// first clamped to C_t, a non-finite one (diverged) counting as C_t, so a diverged seed
// scores 0 and the score is the mean of the per-seed scores.

#include <span>
#include <vector>

#include "nn/data/dataset.hpp"

namespace actsearch::search {

/// Chance and ReLU losses of one task: the two ends of its scale.
struct TaskScale {
  double chance = 0.0;  // C_t
  double relu = 0.0;    // R_t: ReLU's mean clamped loss over its seeds
};

/// C_t of a task from its validation set: ln(classes), or for regression the mean over
/// outputs of the targets' (population) variance, the loss of predicting their mean.
double chance_loss(const nn::Dataset& val);

/// A loss clamped to [.., chance]; non-finite losses give `chance`.
double clamp_loss(double loss, double chance);

/// The scale of a task from ReLU's losses over seeds (clamped before averaging).
TaskScale task_scale(double chance, std::span<const double> relu_losses);

/// The scale of every task: task_scale(chance[t], relu_losses[t]). The one place scales
/// are made (the search per rung, the final stage, `eval`), so every score shares them.
/// Without ReLU's losses (an empty list) a task's scale, and so every score on it, is NaN.
/// Precondition (asserted): as many loss lists as chance losses.
std::vector<TaskScale> task_scales(std::span<const double> chance,
                                   std::span<const std::vector<double>> relu_losses);

/// s_t for a candidate's per-seed losses on one task: the mean clamped loss mapped by
/// `scale`. NaN when ReLU is no better than chance on the task (the scale is undefined) or
/// when `losses` is empty.
double task_score(std::span<const double> losses, const TaskScale& scale);

/// The candidate's score: the mean over tasks of task_score(losses[t], scales[t]).
/// Precondition (asserted): one scale per task.
double score(std::span<const std::vector<double>> losses, std::span<const TaskScale> scales);

/// Per seed i, the mean over tasks of s_t(losses[t][i]): the samples for statistics (their
/// mean is score()). Preconditions (asserted): one scale per task, the same seed count on
/// every task.
std::vector<double> per_seed_scores(std::span<const std::vector<double>> losses,
                                    std::span<const TaskScale> scales);

}  // namespace actsearch::search
