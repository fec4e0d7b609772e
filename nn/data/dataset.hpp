#pragma once
// Data sets: one sample per column, in float, as the networks consume them.

#include "grammar/base/eigen.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace actsearch::nn {

/// A labelled data set. Classification: `labels` holds the class of each sample and
/// `classes` their number; regression: `targets` holds the outputs and `classes` is 0.
/// The shape of image samples: channels * height * width features, channel after channel,
/// each a row-major image. height 0: the samples are not images.
struct ImageShape {
  Eigen::Index channels = 1, height = 0, width = 0;

  bool is_image() const { return height > 0; }
  friend bool operator==(const ImageShape&, const ImageShape&) = default;
};

struct Dataset {
  std::string name;
  Eigen::MatrixXf x;                 // (features, n)
  std::vector<std::int32_t> labels;  // (n), classification only
  Eigen::MatrixXf targets;           // (outputs, n), regression only
  int classes = 0;
  ImageShape image{};  // the IDX tasks' images; not images otherwise

  Eigen::Index size() const { return x.cols(); }
  Eigen::Index features() const { return x.rows(); }
  bool is_classification() const { return classes > 0; }
  /// Width of the network's output layer: classes, or regression outputs.
  Eigen::Index outputs() const { return is_classification() ? classes : targets.rows(); }
};

/// Training, validation and held-out test parts of one task.
struct Split {
  Dataset train;
  Dataset val;
  Dataset test;
};

/// The columns `indices` of `d`, in that order.
Dataset select(const Dataset& d, const std::vector<Eigen::Index>& indices);

/// The consecutive columns [first, first + count) of `d`; keeps its name and classes.
/// Precondition (asserted): the range lies inside `d`.
Dataset slice(const Dataset& d, Eigen::Index first, Eigen::Index count);

}  // namespace actsearch::nn
