// The chain rule over one block, term(p, d) = p == 0 ? 0 : p * d, as eval_naive applies it:
// the select keeps an exactly-zero partial (an unused max/min branch, a step) from turning
// an infinite inner derivative into NaN.
#include "grammar/error.hpp"
#include "grammar/program_kernels.hpp"
#include "grammar/program_math.hpp"

namespace actsearch::grammar::program_detail {
namespace {

template <bool kAdd, class T, class F>
void accumulate(T* dst, F term) {
  for (int i = 0; i < kN; i += kLanes<T>) {
    Packet<T> t = term(i);
    if constexpr (kAdd) t = ei::padd(load(dst + i), t);
    ei::pstore(dst + i, t);
  }
}

template <bool kAdd, class T>
void constant_partial(T c, const Inner<T>& d, T* dst) {
  using Kind = Source::Kind;
  if (c != 0 && d.kind == Kind::Block) {
    const Packet<T> cv = splat(c);
    accumulate<kAdd>(dst, [&](int i) { return ei::pmul(cv, load(d.block + i)); });
    return;
  }
  T t = 0;
  if (c != 0) t = d.kind == Kind::One ? c : c * d.scalar;
  const Packet<T> tv = splat(t);
  accumulate<kAdd>(dst, [&](int) { return tv; });
}

template <bool kAdd, class T>
void chain_into(const Partial<T>& p, const Inner<T>& d, T* dst) {
  using Kind = Source::Kind;
  if (p.block == nullptr) {
    constant_partial<kAdd>(p.constant, d, dst);
    return;
  }
  const Packet<T> zero = splat(T(0));
  const auto masked = [&](int i, Packet<T> inner) {
    const Packet<T> pv = load(p.block + i);
    return ei::pandnot(ei::pmul(pv, inner), ei::pcmp_eq(pv, zero));
  };
  switch (d.kind) {
    case Kind::One:  // p * 1 is p, and already 0 where p is
      accumulate<kAdd>(dst, [&](int i) { return load(p.block + i); });
      return;
    case Kind::Scalar: {
      const Packet<T> s = splat(d.scalar);
      accumulate<kAdd>(dst, [&](int i) { return masked(i, s); });
      return;
    }
    case Kind::Block:
      accumulate<kAdd>(dst, [&](int i) { return masked(i, load(d.block + i)); });
      return;
    case Kind::Zero:
      break;
  }
  ACTSEARCH_ASSERT(false, "a structurally zero inner derivative is skipped, not chained");
}

}  // namespace

template <class T>
void chain(const Partial<T>& p, const Inner<T>& d, T* out, bool add) {
  if (add) {
    chain_into<true>(p, d, out);
  } else {
    chain_into<false>(p, d, out);
  }
}

template void chain(const Partial<float>&, const Inner<float>&, float*, bool);
template void chain(const Partial<double>&, const Inner<double>&, double*, bool);

}  // namespace actsearch::grammar::program_detail
