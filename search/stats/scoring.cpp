#include "search/stats/scoring.hpp"

#include <cmath>
#include <limits>

#include "grammar/base/error.hpp"

namespace actsearch::search {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_clamped(std::span<const double> losses, double chance) {
  if (losses.empty()) return kNaN;
  double sum = 0.0;
  for (const double l : losses) sum += clamp_loss(l, chance);
  return sum / static_cast<double>(losses.size());
}

double scaled(double clamped_loss, const TaskScale& scale) {
  const double span = scale.chance - scale.relu;
  if (!(span > 0.0)) return kNaN;
  return (scale.chance - clamped_loss) / span;
}

}  // namespace

double chance_loss(const nn::Dataset& val) {
  if (val.is_classification()) return std::log(static_cast<double>(val.classes));
  ACTSEARCH_ASSERT(val.targets.rows() > 0 && val.targets.cols() > 0, "regression targets");
  const Eigen::MatrixXd t = val.targets.cast<double>();
  const Eigen::VectorXd mean = t.rowwise().mean();
  const double sum_squares = (t.colwise() - mean).squaredNorm();
  return sum_squares / static_cast<double>(t.size());
}

double clamp_loss(double loss, double chance) {
  return std::isfinite(loss) && loss < chance ? loss : chance;
}

TaskScale task_scale(double chance, std::span<const double> relu_losses) {
  return {chance, mean_clamped(relu_losses, chance)};
}

std::vector<TaskScale> task_scales(std::span<const double> chance,
                                   std::span<const std::vector<double>> relu_losses) {
  ACTSEARCH_ASSERT(chance.size() == relu_losses.size(), "one loss list per task");
  std::vector<TaskScale> out;
  for (std::size_t t = 0; t < chance.size(); ++t) {
    out.push_back(task_scale(chance[t], relu_losses[t]));
  }
  return out;
}

double task_score(std::span<const double> losses, const TaskScale& scale) {
  return scaled(mean_clamped(losses, scale.chance), scale);
}

double score(std::span<const std::vector<double>> losses, std::span<const TaskScale> scales) {
  ACTSEARCH_ASSERT(losses.size() == scales.size(), "one scale per task");
  if (losses.empty()) return kNaN;
  double sum = 0.0;
  for (std::size_t t = 0; t < losses.size(); ++t) sum += task_score(losses[t], scales[t]);
  return sum / static_cast<double>(losses.size());
}

std::vector<double> per_seed_scores(std::span<const std::vector<double>> losses,
                                    std::span<const TaskScale> scales) {
  ACTSEARCH_ASSERT(losses.size() == scales.size(), "one scale per task");
  if (losses.empty()) return {};
  const std::size_t seeds = losses[0].size();
  std::vector<double> out(seeds, 0.0);
  for (std::size_t t = 0; t < losses.size(); ++t) {
    ACTSEARCH_ASSERT(losses[t].size() == seeds, "the same seeds on every task");
    for (std::size_t i = 0; i < seeds; ++i) {
      out[i] += scaled(clamp_loss(losses[t][i], scales[t].chance), scales[t]);
    }
  }
  for (double& s : out) s /= static_cast<double>(losses.size());
  return out;
}

}  // namespace actsearch::search
