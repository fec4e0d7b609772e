#include "nn/data/dataset.hpp"

#include "grammar/base/error.hpp"

namespace actsearch::nn {

Dataset select(const Dataset& d, const std::vector<Eigen::Index>& indices) {
  Dataset out;
  out.name = d.name;
  out.classes = d.classes;
  const auto n = static_cast<Eigen::Index>(indices.size());
  out.x.resize(d.x.rows(), n);
  if (d.targets.rows() > 0) out.targets.resize(d.targets.rows(), n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Eigen::Index src = indices[static_cast<std::size_t>(j)];
    out.x.col(j) = d.x.col(src);
    if (d.targets.rows() > 0) out.targets.col(j) = d.targets.col(src);
    if (d.is_classification()) out.labels.push_back(d.labels[static_cast<std::size_t>(src)]);
  }
  return out;
}

Dataset slice(const Dataset& d, Eigen::Index first, Eigen::Index count) {
  ACTSEARCH_ASSERT(first >= 0 && count >= 0 && first + count <= d.size(), "slice outside data");
  Dataset out;
  out.name = d.name;
  out.classes = d.classes;
  out.x = d.x.middleCols(first, count);
  if (d.targets.rows() > 0) out.targets = d.targets.middleCols(first, count);
  if (d.is_classification()) {
    const auto begin = d.labels.begin() + first;
    out.labels.assign(begin, begin + count);
  }
  return out;
}

}  // namespace actsearch::nn
