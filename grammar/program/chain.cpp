// The chain rule over one block, term(p, d) = p == 0 ? 0 : p * d, as eval_naive applies it:
// the select keeps an exactly-zero partial (an unused max/min branch, a step) from turning
// an infinite inner derivative into NaN. Both terms of a binary step go in one pass.
#include "grammar/base/error.hpp"
#include "grammar/program/kernels.hpp"
#include "grammar/program/math.hpp"

namespace actsearch::grammar::program_detail {
namespace {

using Kind = Source::Kind;

// Calls use(term), where term(i) is the packet of term(p, d) at offset i.
template <class T, class F>
void with_term(const Partial<T>& p, const Inner<T>& d, F&& use) {
  const Packet<T> zero = splat(T(0));
  if (p.block == nullptr) {
    const T c = p.constant;
    if (c != 0 && d.kind == Kind::Block) {
      const Packet<T> cv = splat(c);
      return use([cv, inner = d.block](int i) { return ei::pmul(cv, load(inner + i)); });
    }
    T t = 0;
    if (c != 0) t = d.kind == Kind::One ? c : c * d.scalar;
    return use([tv = splat(t)](int) { return tv; });
  }
  const T* partial = p.block;
  const auto masked = [zero](Packet<T> pv, Packet<T> inner) {
    return ei::pandnot(ei::pmul(pv, inner), ei::pcmp_eq(pv, zero));
  };
  switch (d.kind) {
    case Kind::One:  // p * 1 is p, and already 0 where p is
      return use([partial](int i) { return load(partial + i); });
    case Kind::Scalar:
      return use([=, s = splat(d.scalar)](int i) { return masked(load(partial + i), s); });
    case Kind::Block:
      return use(
          [=, inner = d.block](int i) { return masked(load(partial + i), load(inner + i)); });
    case Kind::Zero:
      break;
  }
  ACTSEARCH_ASSERT(false, "a structurally zero inner derivative has no term");
}

}  // namespace

template <class T>
void chain(const Partial<T>& pa, const Inner<T>& da, const Partial<T>& pb, const Inner<T>& db,
           T* out) {
  const bool has_a = da.kind != Kind::Zero;
  const bool has_b = db.kind != Kind::Zero;
  ACTSEARCH_ASSERT(has_a || has_b, "a derivative channel depends on an operand");
  if (has_a && has_b) {
    with_term(pa, da, [&](auto ta) {
      with_term(pb, db, [&](auto tb) {
        for (int i = 0; i < kN; i += kLanes<T>) ei::pstoreu(out + i, ei::padd(ta(i), tb(i)));
      });
    });
    return;
  }
  with_term(has_a ? pa : pb, has_a ? da : db, [&](auto t) {
    for (int i = 0; i < kN; i += kLanes<T>) ei::pstoreu(out + i, t(i));
  });
}

template void chain(const Partial<float>&, const Inner<float>&, const Partial<float>&,
                    const Inner<float>&, float*);
template void chain(const Partial<double>&, const Inner<double>&, const Partial<double>&,
                    const Inner<double>&, double*);

}  // namespace actsearch::grammar::program_detail
