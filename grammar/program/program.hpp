#pragma once
// Program: an expression compiled to a linear register program and evaluated over arrays in
// cache-sized blocks, giving the value and the first derivatives (d/dx and d/dbeta_k) in one
// forward-mode pass. eval_naive is its specification.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

namespace program_detail {

/// Where a value or a derivative comes from at run time.
struct Source {
  enum class Kind : std::uint8_t {
    Zero,    // structurally zero: does not depend on the variable
    One,     // the variable itself (d x/dx)
    Scalar,  // one number for the whole call: an entry of the uniform table
    Block,   // a block register: a slot of the scratch memory
  };
  Kind kind = Kind::Zero;
  std::uint32_t index = 0;  // Scalar: uniform-table entry; Block: slot
};

/// One x-dependent operation over a block: slots of its operands and of its value, and the
/// range of its derivative channels in Code::channels.
struct Step {
  Op op = Op::X;
  std::uint32_t a = 0, b = 0, out = 0;
  std::uint32_t channels_begin = 0, channels_end = 0;
};

/// Channel c (0 = x, 1 + k = beta_k) of a step's derivative, written to slot `out`:
/// term(d op/d a, a's channel c) + term(d op/d b, b's channel c).
struct ChannelStep {
  std::uint32_t channel = 0;
  std::uint32_t out = 0;
  Source a, b;
};

/// An x-independent register (constant or parameter-only subtree), evaluated once per call
/// in double. Operands are indices of earlier uniform registers.
struct UniformStep {
  Op op = Op::Const;
  std::uint8_t k = 0;  // Param: its index
  double value = 0.0;  // Const: the number
  std::uint32_t a = 0, b = 0;
};

/// A uniform register that block steps read: its value is copied into `slot` once per call.
struct Broadcast {
  std::uint32_t uniform = 0;
  std::uint32_t slot = 0;
};

inline constexpr std::uint32_t kNoSlot = static_cast<std::uint32_t>(-1);

/// The compiled program. The uniform table holds (1 + num_params) doubles per uniform
/// register u: its value at [u * (1 + num_params)], d/dbeta_k at [... + 1 + k].
struct Code {
  int num_params = 0;
  std::size_t num_instructions = 0;
  std::vector<UniformStep> uniforms;
  std::vector<std::uint8_t> uniform_deps;  // [u * num_params + k]: u depends on beta_k
  std::vector<Broadcast> broadcasts;
  std::vector<Step> steps;
  std::vector<ChannelStep> channels;
  std::uint32_t num_slots = 0;
  std::uint32_t x_slot = kNoSlot;                      // receives each block of x
  std::uint32_t pa_slot = kNoSlot, pb_slot = kNoSlot;  // partial derivatives of one step
  Source root;                                         // the value of the expression
  std::vector<Source> root_channels;  // its derivatives: x, then beta_0 .. beta_{n-1}
};

}  // namespace program_detail

/// An expression compiled for fast evaluation over arrays: constant subtrees folded,
/// identical subtrees computed once, parameter-only subtrees evaluated once per call.
/// Immutable after construction; run() is const and re-entrant, so many threads may run one
/// Program at once. Matches eval_naive_with_derivatives: double to rounding, float to float
/// accuracy, NaN where the oracle has NaN.
class Program {
 public:
  /// Compiles e, which must be well_formed (ACTSEARCH_ASSERT).
  explicit Program(const Expr& e);

  /// Number of parameters beta_k run() expects: grammar::num_params(e).
  int num_params() const { return code_.num_params; }

  /// Operations left after folding and sharing (leaves x, constants and parameters are not
  /// counted): the per-element cost of the program.
  std::size_t num_instructions() const { return code_.num_instructions; }

  /// Evaluates at the n = x.size() points x, all sharing `params` (size num_params()).
  /// f: size n. dfdx: size n, or empty to skip d/dx. dfdp: empty, or size num_params() * n
  /// with dfdp[k * n + i] = d f(x_i) / d beta_k. Derivatives that are structurally zero
  /// (f does not depend on the variable) are written as 0. An output may be x itself (in
  /// place) but must not otherwise overlap x or another output. Never throws on values: NaN and Inf
  /// propagate as values. Span sizes and overlaps are checked with ACTSEARCH_ASSERT.
  void run(std::span<const float> x, std::span<const float> params, std::span<float> f,
           std::span<float> dfdx = {}, std::span<float> dfdp = {}) const;
  void run(std::span<const double> x, std::span<const double> params, std::span<double> f,
           std::span<double> dfdx = {}, std::span<double> dfdp = {}) const;

 private:
  program_detail::Code code_;
};

}  // namespace actsearch::grammar
