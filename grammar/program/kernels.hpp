#pragma once
// Internals of Program shared by its compile and run files: the block kernels of each
// operator and the chain rule over blocks. Not part of the public API.

#include <cstddef>

#include "grammar/program/program.hpp"

namespace actsearch::grammar::program_detail {

/// Values per block: 256 floats are 1 KiB, so a program's live registers and derivative
/// channels stay in L1 while each instruction runs over the whole block.
inline constexpr std::size_t kBlock = 256;

/// A partial derivative of one step over a block: a block of values or one constant.
template <class T>
struct Partial {
  const T* block = nullptr;  // when null, the partial is `constant` everywhere
  T constant = 0;
};

template <class T>
struct OpPartials {
  Partial<T> a, b;  // d op / d a and d op / d b (b unused by unary operators)
};

/// Writes op(a, b) over one block to `out` (kBlock values; b is ignored by unary operators).
/// With `partials`, also returns d op/da and d op/db, which may point into out, a, b, pa or pb
/// (pa, pb: kBlock scratch values each). Float runs vectorised kernels; double applies
/// apply() and partials() element by element. Leaves are not operators (ACTSEARCH_ASSERT).
OpPartials<float> eval_block(Op op, const float* a, const float* b, float* out, float* pa,
                             float* pb, bool partials);
OpPartials<double> eval_block(Op op, const double* a, const double* b, double* out, double* pa,
                              double* pb, bool partials);

/// An inner derivative: one of Source's kinds resolved for this call.
template <class T>
struct Inner {
  Source::Kind kind = Source::Kind::One;
  T scalar = 0;              // Kind::Scalar
  const T* block = nullptr;  // Kind::Block
};

/// out = term(pa, da) + term(pb, db) over one block, where term(p, d) = p == 0 ? 0 : p * d
/// as in eval_naive's chain rule (a zero partial contributes zero even where the inner
/// derivative is Inf or NaN) and a Kind::Zero inner derivative contributes nothing; at
/// least one of da, db is not Zero.
template <class T>
void chain(const Partial<T>& pa, const Inner<T>& da, const Partial<T>& pb, const Inner<T>& db,
           T* out);

/// Lowers e (well formed) to a register program.
Code compile(const Expr& e);

}  // namespace actsearch::grammar::program_detail
