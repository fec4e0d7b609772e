#include "search/train/program_activation.hpp"

#include <utility>

namespace actsearch::search {

ProgramActivation::ProgramActivation(const grammar::Expr& e, std::string name)
    : program_(std::make_shared<const grammar::Program>(e)), name_(std::move(name)) {
  for (const double init : grammar::param_inits(e)) initial_.push_back(static_cast<float>(init));
}

std::vector<std::string> ProgramActivation::param_names() const {
  std::vector<std::string> names;
  for (int k = 0; k < num_params(); ++k) names.push_back(grammar::param_name(k));
  return names;
}

void ProgramActivation::forward(std::span<const float> x, std::span<const float> params,
                                std::span<float> y, std::span<float> dydx,
                                std::span<float> dydp) const {
  program_->run(x, params, y, dydx, dydp);
}

std::unique_ptr<nn::Activation> ProgramActivation::clone() const {
  return std::make_unique<ProgramActivation>(*this);
}

}  // namespace actsearch::search
