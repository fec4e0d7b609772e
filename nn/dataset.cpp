#include "nn/dataset.hpp"

namespace actsearch::nn {

Dataset select(const Dataset& d, const std::vector<Eigen::Index>& indices) {
  Dataset out;
  out.name = d.name;
  out.classes = d.classes;
  const auto n = static_cast<Eigen::Index>(indices.size());
  out.x.resize(d.x.rows(), n);
  if (d.targets.size() > 0) out.targets.resize(d.targets.rows(), n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Eigen::Index src = indices[static_cast<std::size_t>(j)];
    out.x.col(j) = d.x.col(src);
    if (d.targets.size() > 0) out.targets.col(j) = d.targets.col(src);
    if (d.is_classification()) out.labels.push_back(d.labels[static_cast<std::size_t>(src)]);
  }
  return out;
}

}  // namespace actsearch::nn
