#pragma once
// Block-wide math for Program's float kernels and the chain rule: fixed-size Eigen maps over
// one block, the transcendental functions, and the selects, done packet by packet because
// Eigen 3.4's array select() does not vectorise. Internal to grammar/program_*.cpp.

#include "grammar/base/eigen.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <unsupported/Eigen/SpecialFunctions>

#include "grammar/program/kernels.hpp"

namespace actsearch::grammar::program_detail {

namespace ei = Eigen::internal;

inline constexpr int kN = static_cast<int>(kBlock);
template <class T>
using Packet = typename ei::packet_traits<T>::type;
template <class T>
inline constexpr int kLanes = ei::unpacket_traits<Packet<T>>::size;
static_assert(kN % kLanes<float> == 0 && kN % kLanes<double> == 0);

template <class T>
Packet<T> splat(T v) {
  return ei::pset1<Packet<T>>(v);
}
template <class T>
Packet<T> load(const T* p) {
  return ei::ploadu<Packet<T>>(p);
}

/// dst = f(packets of src...) over one block of kBlock values.
template <class T, class F, class... Src>
void for_packets(T* dst, F f, const Src*... src) {
  for (int i = 0; i < kN; i += kLanes<T>) ei::pstoreu(dst + i, f(load(src + i)...));
}

using Arr = Eigen::Array<float, kN, 1>;
// Unaligned: a block may be a slice of the caller's arrays.
using In = Eigen::Map<const Arr>;
using Out = Eigen::Map<Arr>;
using PacketF = Packet<float>;

inline In in(const float* p) {
  return In(p);
}
inline Out out(float* p) {
  return Out(p);
}

// Eigen's vectorised functions (a few ulp) where Eigen 3.4 has them; sinh, cosh and asinh
// are built from them below; atan is libm's, element by element.

/// e^a. Eigen clamps a at -88.72, giving 2.9e-39 where float's e^a is 0; flushed here so
/// that step, sign and safe_div see the zero the oracle sees.
inline Arr v_exp(const Arr& a) {
  Arr r = a.exp();
  const PacketF underflow = splat(-104.0f);  // below ln(2^-150), e^a rounds to 0
  for_packets(
      r.data(), [&](PacketF v, PacketF x) { return ei::pandnot(v, ei::pcmp_lt(x, underflow)); },
      r.data(), a.data());
  return r;
}
inline Arr v_log(const Arr& a) {
  return a.log();
}
inline Arr v_log1p(const Arr& a) {
  return a.log1p();
}
inline Arr v_sin(const Arr& a) {
  return a.sin();
}
inline Arr v_cos(const Arr& a) {
  return a.cos();
}
inline Arr v_tanh(const Arr& a) {
  return a.tanh();
}
inline Arr v_erf(const Arr& a) {
  return a.erf();
}
inline Arr v_atan(const Arr& a) {
  return a.unaryExpr([](float v) { return std::atan(v); });
}

/// Square root. Eigen's fast float sqrt (rsqrt and a Newton step, 2-3 ulp) maps +inf to NaN
/// and -0 to +0, which is put right here; it flushes denormal inputs to 0.
inline Arr v_sqrt(const Arr& a) {
  Arr r = a.sqrt();
  const PacketF inf = splat(std::numeric_limits<float>::infinity());
  const PacketF zero = splat(0.0f);
  for_packets(
      r.data(),
      [&](PacketF v, PacketF x) {
        return ei::pselect(ei::por(ei::pcmp_eq(x, inf), ei::pcmp_eq(x, zero)), x, v);
      },
      r.data(), a.data());
  return r;
}

/// -a, flipping the sign of zero too: Eigen 3.4's negation computes 0 - a, so -(+0) = +0.
inline Arr negated(const Arr& a) {
  Arr r;
  const PacketF sign_bit = splat(-0.0f);
  for_packets(
      r.data(), [&](PacketF v) { return ei::pxor(v, sign_bit); }, a.data());
  return r;
}

/// sinh(a) and cosh(a) (either output may be null), vectorised: glibc's float sinh and cosh
/// cost some 90 ns each here. With h = q (q/2) = e^|a|/2, q = e^(|a|/2): cosh = h + 1/(4h),
/// which overflows exactly where cosh does, and sinh = h - 1/(4h) for |a| >= 1; below,
/// where that difference cancels, sinh = (m + m/(m + 1))/2 with m = e^|a| - 1. sinh takes
/// a's sign (and sinh(-0) = -0).
inline void hyperbolic(const float* a, float* sinh, float* cosh) {
  const Arr abs = in(a).abs();
  const Arr q = (0.5f * abs).exp();
  const Arr h = (0.5f * q) * q;
  const Arr tail = 0.25f / h;
  if (cosh != nullptr) out(cosh) = h + tail;
  if (sinh == nullptr) return;
  const Arr m = abs.expm1();
  const Arr small = 0.5f * (m + m / (m + 1.0f));
  const Arr large = h - tail;
  const PacketF one = splat(1.0f);
  const PacketF sign_bit = splat(-0.0f);
  for_packets(
      sinh,
      [&](PacketF x, PacketF sv, PacketF lv) {
        const PacketF r = ei::pselect(ei::pcmp_lt(ei::pabs(x), one), sv, lv);
        return ei::por(r, ei::pand(x, sign_bit));
      },
      a, small.data(), large.data());
}

/// asinh(a) = sign(a) log1p(|a| + a^2/(1 + sqrt(a^2 + 1))), which does not cancel near 0;
/// from 1e18 on, where a^2 overflows, sign(a) (log|a| + ln 2). Vectorised: glibc's float
/// asinh costs some 35 ns here.
inline Arr v_asinh(const Arr& a) {
  const Arr abs = a.abs();
  const Arr a2 = abs * abs;
  const Arr near = (abs + a2 / (1.0f + v_sqrt(a2 + 1.0f))).log1p();
  const Arr far = abs.log() + std::numbers::ln2_v<float>;
  const PacketF limit = splat(1e18f);
  const PacketF sign_bit = splat(-0.0f);
  Arr r;
  for_packets(
      r.data(),
      [&](PacketF x, PacketF nv, PacketF fv) {
        const PacketF v = ei::pselect(ei::pcmp_lt(ei::pabs(x), limit), nv, fv);
        return ei::por(v, ei::pand(x, sign_bit));
      },
      a.data(), near.data(), far.data());
  return r;
}

/// s = sigmoid(a) from e = e^-|a|: 1/(1 + e) for a >= 0, e/(1 + e) below; one division.
inline void sigmoid_from(const float* a, const Arr& e, float* s) {
  const PacketF zero = splat(0.0f);
  const PacketF one = splat(1.0f);
  for_packets(
      s,
      [&](PacketF x, PacketF ev) {
        const PacketF r = ei::pdiv(one, ei::padd(one, ev));
        return ei::pselect(ei::pcmp_le(zero, x), r, ei::pmul(ev, r));
      },
      a, e.data());
}

/// dst = sign(a): -1, 0 or 1, and 0 for NaN, as apply(Op::Sign).
inline void sign(const float* a, float* dst) {
  const PacketF zero = splat(0.0f);
  const PacketF one = splat(1.0f);
  for_packets(
      dst,
      [&](PacketF v) {
        return ei::psub(ei::pand(ei::pcmp_lt(zero, v), one), ei::pand(ei::pcmp_lt(v, zero), one));
      },
      a);
}

/// dst = a > 0 ? 1 : 0 (0 for NaN), as apply(Op::Step).
inline void step(const float* a, float* dst) {
  const PacketF zero = splat(0.0f);
  const PacketF one = splat(1.0f);
  for_packets(
      dst, [&](PacketF v) { return ei::pand(ei::pcmp_lt(zero, v), one); }, a);
}

/// max(a, b) = a >= b ? a : b, min(a, b) = a <= b ? a : b, exactly as apply (so NaN in a
/// selects b); with pa/pb non-null, the partials 1/0 or 0/1 of the chosen operand.
inline void select_first(bool is_max, const float* a, const float* b, float* v, float* pa,
                         float* pb) {
  const PacketF one = splat(1.0f);
  for (int i = 0; i < kN; i += kLanes<float>) {
    const PacketF av = load(a + i);
    const PacketF bv = load(b + i);
    const PacketF first = is_max ? ei::pcmp_le(bv, av) : ei::pcmp_le(av, bv);
    ei::pstoreu(v + i, ei::pselect(first, av, bv));
    if (pa != nullptr) {
      ei::pstoreu(pa + i, ei::pand(first, one));
      ei::pstoreu(pb + i, ei::pandnot(one, first));
    }
  }
}

/// dst = b + copysign(eps, b): the denominator of safe_div, |d| >= eps.
inline void protected_denominator(const float* b, float* dst) {
  const PacketF sign_bit = splat(-0.0f);
  const PacketF eps = splat(static_cast<float>(kEps));
  for_packets(
      dst, [&](PacketF v) { return ei::padd(v, ei::por(ei::pand(v, sign_bit), eps)); }, b);
}

/// dst = |a| < threshold ? series : closed (NaN takes the closed form).
inline void select_small(const float* a, float threshold, const Arr& series, const Arr& closed,
                         float* dst) {
  const PacketF t = splat(threshold);
  for_packets(
      dst,
      [&](PacketF x, PacketF s, PacketF c) {
        return ei::pselect(ei::pcmp_lt(ei::pabs(x), t), s, c);
      },
      a, series.data(), closed.data());
}

/// s = sigmoid(a) = 1/(1 + e^-a), which saturates to 0 and 1 without NaN. With ds
/// non-null, also sigmoid'(a) = e s^2 (e = e^-a capped at the largest float, so that a very
/// negative a gives 0, not inf * 0): unlike s (1 - s) it keeps its digits for large a.
/// One pass with Eigen's packet exp: sigmoid is the hot operator of the Swish family.
inline void sigmoid(const float* a, float* s, float* ds) {
  const PacketF one = splat(1.0f);
  const PacketF big = splat(std::numeric_limits<float>::max());
  for (int i = 0; i < kN; i += kLanes<float>) {
    const PacketF e = ei::pexp(ei::pnegate(load(a + i)));
    const PacketF sv = ei::pdiv(one, ei::padd(one, e));
    ei::pstoreu(s + i, sv);
    if (ds != nullptr) ei::pstoreu(ds + i, ei::pmul(ei::pmul(ei::pmin(e, big), sv), sv));
  }
}

// Below |a| = 1e-4 sinc takes apply's series. dsinc and its derivative cancel in float far
// sooner than in double (apply switches at 1e-3): below 0.5 they take series long enough
// for float precision there.
inline constexpr float kSincSeries = 1e-4f;
inline constexpr float kDSincSeries = 0.5f;

inline void sinc_value(const float* a, float* dst) {
  const In x = in(a);
  const Arr series = 1.0f - x * x / 6.0f;
  const Arr closed = v_sin(x) / x;
  select_small(a, kSincSeries, series, closed, dst);
}

inline void dsinc_value(const float* a, float* dst) {
  const In x = in(a);
  const Arr x2 = x * x;
  // -x/3 first, as apply's series, so that dsinc(+-0) = +0 (safe_div reads the sign of 0).
  const Arr series =
      negated(x) / 3.0f + x * x2 * (1.0f / 30 + x2 * (-1.0f / 840 + x2 * (1.0f / 45360)));
  const Arr closed = (x * v_cos(x) - v_sin(x)) / x2;
  select_small(a, kDSincSeries, series, closed, dst);
}

inline void d_dsinc_value(const float* a, float* dst) {
  const In x = in(a);
  const Arr x2 = x * x;
  const Arr series =
      -1.0f / 3 + x2 * (1.0f / 10 + x2 * (-1.0f / 168 + x2 * (1.0f / 6480 - x2 / 443520)));
  const Arr s = v_sin(x);
  const Arr closed = (2.0f * s - 2.0f * x * v_cos(x) - x2 * s) / (x2 * x);
  select_small(a, kDSincSeries, series, closed, dst);
}

}  // namespace actsearch::grammar::program_detail
