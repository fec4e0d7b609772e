// Running a Program: the uniform prologue once per call (in double, as the oracle does it),
// then a tight loop over blocks of x in which each step writes its value and, forward mode,
// each derivative channel its result depends on.
#include <Eigen/Core>
#include <algorithm>
#include <vector>

#include "grammar/error.hpp"
#include "grammar/program_kernels.hpp"

namespace actsearch::grammar {
namespace {

using namespace program_detail;

// eval_naive's chain rule on scalars: a term is zero when the operand does not depend on
// the variable or the partial is exactly zero.
double term(double partial, double inner, bool depends) {
  return depends && partial != 0.0 ? partial * inner : 0.0;
}

// Value and d/dbeta_k of every uniform register (see Code for the layout).
template <class T>
void eval_uniforms(const Code& code, std::span<const T> params, std::vector<double>& table) {
  const std::size_t np = static_cast<std::size_t>(code.num_params);
  const std::size_t w = 1 + np;
  table.assign(code.uniforms.size() * w, 0.0);
  const auto depends = [&](std::size_t u, std::size_t k) {
    return code.uniform_deps[u * np + k] != 0;
  };
  for (std::size_t u = 0; u < code.uniforms.size(); ++u) {
    const UniformStep& s = code.uniforms[u];
    double* out = table.data() + u * w;
    if (s.op == Op::Const || s.op == Op::Param) {
      out[0] = s.op == Op::Const ? s.value : static_cast<double>(params[s.k]);
      if (s.op == Op::Param) out[1 + s.k] = 1.0;
      continue;
    }
    const bool binary = arity(s.op) == 2;
    const double* a = table.data() + s.a * w;
    const double* b = table.data() + s.b * w;  // s.b is 0 for unary: read, then ignored
    const double bv = binary ? b[0] : 0.0;
    out[0] = apply(s.op, a[0], bv);
    const Partials p = partials(s.op, a[0], bv);
    for (std::size_t k = 0; k < np; ++k) {
      out[1 + k] =
          term(p.da, a[1 + k], depends(s.a, k)) + term(p.db, b[1 + k], binary && depends(s.b, k));
    }
  }
}

template <class T>
class Runner {
 public:
  Runner(const Code& code, std::span<const T> x, std::span<const T> params, std::span<T> f,
         std::span<T> dfdx, std::span<T> dfdp)
      : code_(code), x_(x), params_(params), f_(f), dfdx_(dfdx), dfdp_(dfdp) {}

  void run() {
    // Per-thread scratch: runs on many threads never share it, and a thread reuses it.
    thread_local std::vector<T, Eigen::aligned_allocator<T>> slots;
    thread_local std::vector<double> table;
    slots.resize(static_cast<std::size_t>(code_.num_slots) * kBlock);
    slots_ = slots.data();
    eval_uniforms(code_, params_, table);
    table_ = table.data();
    const std::size_t w = 1 + static_cast<std::size_t>(code_.num_params);
    for (const Broadcast& b : code_.broadcasts) {
      std::fill_n(slot(b.slot), kBlock, static_cast<T>(table_[b.uniform * w]));
    }
    for (std::size_t begin = 0; begin < x_.size(); begin += kBlock) {
      const std::size_t len = std::min(kBlock, x_.size() - begin);
      if (code_.x_slot != kNoSlot) {
        T* xs = slot(code_.x_slot);
        std::copy_n(x_.data() + begin, len, xs);
        std::fill(xs + len, xs + kBlock, T(0));  // the tail of the last block
      }
      for (const Step& s : code_.steps) step(s);
      write_outputs(begin, len);
    }
  }

 private:
  T* slot(std::uint32_t s) const { return slots_ + static_cast<std::size_t>(s) * kBlock; }
  bool wanted(std::uint32_t channel) const {
    return channel == 0 ? !dfdx_.empty() : !dfdp_.empty();
  }

  Inner<T> inner(const Source& s) const {
    if (s.kind == Source::Kind::Scalar) return {s.kind, static_cast<T>(table_[s.index]), nullptr};
    if (s.kind == Source::Kind::Block) return {s.kind, T(0), slot(s.index)};
    return {s.kind, T(0), nullptr};
  }

  void step(const Step& s) const {
    const bool derivatives = !dfdx_.empty() || !dfdp_.empty();
    const OpPartials<T> p = eval_block(s.op, slot(s.a), slot(s.b), slot(s.out), slot(code_.pa_slot),
                                       slot(code_.pb_slot), derivatives);
    for (std::uint32_t i = s.channels_begin; i < s.channels_end; ++i) {
      const ChannelStep& c = code_.channels[i];
      if (!wanted(c.channel)) continue;
      const bool has_a = c.a.kind != Source::Kind::Zero;
      if (has_a) chain(p.a, inner(c.a), slot(c.out), false);
      if (c.b.kind != Source::Kind::Zero) chain(p.b, inner(c.b), slot(c.out), has_a);
    }
  }

  void write(const Source& s, T* dst, std::size_t len) const {
    switch (s.kind) {
      case Source::Kind::Zero:
        std::fill_n(dst, len, T(0));
        return;
      case Source::Kind::One:
        std::fill_n(dst, len, T(1));
        return;
      case Source::Kind::Scalar:
        std::fill_n(dst, len, static_cast<T>(table_[s.index]));
        return;
      case Source::Kind::Block:
        std::copy_n(slot(s.index), len, dst);
        return;
    }
  }

  void write_outputs(std::size_t begin, std::size_t len) const {
    write(code_.root, f_.data() + begin, len);
    if (!dfdx_.empty()) write(code_.root_channels[0], dfdx_.data() + begin, len);
    if (dfdp_.empty()) return;
    for (std::size_t k = 0; k < static_cast<std::size_t>(code_.num_params); ++k) {
      write(code_.root_channels[1 + k], dfdp_.data() + k * x_.size() + begin, len);
    }
  }

  const Code& code_;
  std::span<const T> x_, params_;
  std::span<T> f_, dfdx_, dfdp_;
  T* slots_ = nullptr;
  const double* table_ = nullptr;
};

template <class T>
void run_program(const Code& code, std::span<const T> x, std::span<const T> params, std::span<T> f,
                 std::span<T> dfdx, std::span<T> dfdp) {
  const std::size_t n = x.size();
  const std::size_t np = static_cast<std::size_t>(code.num_params);
  ACTSEARCH_ASSERT(params.size() == np, "run() needs one value per parameter");
  ACTSEARCH_ASSERT(f.size() == n, "run() needs f of the size of x");
  ACTSEARCH_ASSERT(dfdx.empty() || dfdx.size() == n, "dfdx must be empty or of the size of x");
  ACTSEARCH_ASSERT(dfdp.empty() || dfdp.size() == np * n,
                   "dfdp must be empty or num_params() * x.size()");
  if (n == 0) return;
  Runner<T>(code, x, params, f, dfdx, dfdp).run();
}

}  // namespace

void Program::run(std::span<const float> x, std::span<const float> params, std::span<float> f,
                  std::span<float> dfdx, std::span<float> dfdp) const {
  run_program(code_, x, params, f, dfdx, dfdp);
}

void Program::run(std::span<const double> x, std::span<const double> params, std::span<double> f,
                  std::span<double> dfdx, std::span<double> dfdp) const {
  run_program(code_, x, params, f, dfdx, dfdp);
}

}  // namespace actsearch::grammar
