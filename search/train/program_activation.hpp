#pragma once
// The adapter that lets a network run a grammar expression as its activation: a compiled
// grammar::Program behind the nn::Activation interface (nn/ does not know grammar/).

#include <memory>

#include "grammar/expr.hpp"
#include "grammar/program/program.hpp"
#include "nn/activation.hpp"

namespace actsearch::search {

/// f(x; beta, beta1, ...) of an expression. Value, d/dx and d/dbeta_k come from one
/// Program::run, whose d/dbeta layout (k * n + i) is the interface's. The compiled program
/// is immutable and shared by all clones; run() is re-entrant, so clones may run on
/// different threads.
class ProgramActivation final : public nn::Activation {
 public:
  /// Compiles e (well formed, ACTSEARCH_ASSERT). `name` labels it in reports: usually the
  /// canonical text.
  ProgramActivation(const grammar::Expr& e, std::string name);

  std::string name() const override { return name_; }
  int num_params() const override { return program_->num_params(); }
  /// The expression's initial parameter values (beta=0.5 -> 0.5; default 1).
  std::vector<float> initial_params() const override { return initial_; }
  /// beta, beta1, beta2, ...
  std::vector<std::string> param_names() const override;

  void forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
               std::span<float> dydx, std::span<float> dydp) const override;

  std::unique_ptr<nn::Activation> clone() const override;

 private:
  std::shared_ptr<const grammar::Program> program_;
  std::vector<float> initial_;
  std::string name_;
};

}  // namespace actsearch::search
