// Running a Program: the uniform prologue once per call (in double, as the oracle does it),
// then a tight loop over blocks of x in which each step writes its value and, forward mode,
// each derivative channel its result depends on.
#include "grammar/base/eigen.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/program/kernels.hpp"

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

// Block copies and fills through Eigen's vector loops: as std::copy_n/fill_n they become
// memmove/memset calls, which on this project's Zen machines are three times slower for
// 1 KiB blocks than the loop itself.
template <class T>
void copy(const T* src, std::size_t len, T* dst) {
  using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
  Eigen::Map<Array>(dst, static_cast<Eigen::Index>(len)) =
      Eigen::Map<const Array>(src, static_cast<Eigen::Index>(len));
}

template <class T>
void fill(T* dst, std::size_t len, T value) {
  using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
  Eigen::Map<Array>(dst, static_cast<Eigen::Index>(len)).setConstant(value);
}

template <class T>
bool overlap(std::span<const T> a, std::span<const T> b) {
  const std::less<const T*> before;
  return !a.empty() && !b.empty() && before(a.data(), b.data() + b.size()) &&
         before(b.data(), a.data() + a.size());
}

// One call of run(). Slots are blocks of scratch memory, except in full blocks, where the
// root's value and derivative slots are the output arrays themselves and the x slot is x
// (unless an output is x, as in f = x in place, when x is copied block by block before it
// is overwritten): no copies in or out.
template <class T>
class Runner {
 public:
  Runner(const Code& code, std::span<const T> x, std::span<const T> params, std::span<T> f,
         std::span<T> dfdx, std::span<T> dfdp)
      : code_(code), x_(x), params_(params), f_(f), dfdx_(dfdx), dfdp_(dfdp) {}

  void run() {
    // Per-thread scratch: runs on many threads never share it, and a thread reuses it.
    thread_local std::vector<T, Eigen::aligned_allocator<T>> scratch;
    thread_local std::vector<double> table;
    thread_local std::vector<const T*> reads;
    thread_local std::vector<T*> writes;
    scratch.resize(static_cast<std::size_t>(code_.num_slots) * kBlock);
    reads.resize(code_.num_slots);
    writes.resize(code_.num_slots);
    for (std::size_t s = 0; s < code_.num_slots; ++s) reads[s] = writes[s] = &scratch[s * kBlock];
    scratch_ = scratch.data();
    reads_ = reads.data();
    writes_ = writes.data();
    eval_uniforms(code_, params_, table);
    table_ = table.data();
    const std::size_t w = 1 + static_cast<std::size_t>(code_.num_params);
    for (const Broadcast& b : code_.broadcasts) {
      fill(writes_[b.slot], kBlock, static_cast<T>(table_[b.uniform * w]));
    }
    const bool x_in_place = !overlap<T>(x_, f_) && !overlap<T>(x_, dfdx_) && !overlap<T>(x_, dfdp_);
    for (std::size_t begin = 0; begin < x_.size(); begin += kBlock) {
      const std::size_t len = std::min(kBlock, x_.size() - begin);
      aim(begin, len == kBlock, x_in_place);
      for (const Step& s : code_.steps) step(s);
      write_outputs(begin, len);
    }
  }

 private:
  bool wanted(std::uint32_t channel) const {
    return channel == 0 ? !dfdx_.empty() : !dfdp_.empty();
  }

  // Points the x slot and the root's slots at this block of the arrays (full blocks) or at
  // scratch (the last, partial block, whose x is copied in and padded with zeros).
  void aim(std::size_t begin, bool full, bool x_in_place) {
    const auto at = [&](std::uint32_t slot, T* where) {
      if (where == nullptr) where = scratch_ + static_cast<std::size_t>(slot) * kBlock;
      reads_[slot] = writes_[slot] = where;
    };
    const Source& root = code_.root;
    if (root.kind == Source::Kind::Block && root.index != code_.x_slot) {
      at(root.index, full ? f_.data() + begin : nullptr);
    }
    for (std::size_t c = 0; c < code_.root_channels.size(); ++c) {
      const Source& s = code_.root_channels[c];
      if (s.kind != Source::Kind::Block || !wanted(static_cast<std::uint32_t>(c))) continue;
      T* out = c == 0 ? dfdx_.data() + begin : dfdp_.data() + (c - 1) * x_.size() + begin;
      at(s.index, full ? out : nullptr);
    }
    if (code_.x_slot == kNoSlot) return;
    if (full && x_in_place) {
      reads_[code_.x_slot] = x_.data() + begin;
      return;
    }
    T* xs = scratch_ + static_cast<std::size_t>(code_.x_slot) * kBlock;
    reads_[code_.x_slot] = xs;
    copy(x_.data() + begin, std::min(kBlock, x_.size() - begin), xs);
    if (!full) fill(xs + (x_.size() - begin), kBlock - (x_.size() - begin), T(0));
  }

  Inner<T> inner(const Source& s) const {
    if (s.kind == Source::Kind::Scalar) return {s.kind, static_cast<T>(table_[s.index]), nullptr};
    if (s.kind == Source::Kind::Block) return {s.kind, T(0), reads_[s.index]};
    return {s.kind, T(0), nullptr};
  }

  void step(const Step& s) const {
    const bool derivatives = !dfdx_.empty() || !dfdp_.empty();
    // Where channel x of the result is op'(x) itself (the operand is x, the other operand,
    // if any, does not depend on x), the kernel writes its partial straight there.
    const ChannelStep* first =
        s.channels_begin < s.channels_end ? &code_.channels[s.channels_begin] : nullptr;
    const bool in_place = first != nullptr && first->channel == 0 && !dfdx_.empty() &&
                          first->a.kind == Source::Kind::One && first->b.kind == Source::Kind::Zero;
    T* pa = writes_[in_place ? first->out : code_.pa_slot];
    const OpPartials<T> p = eval_block(s.op, reads_[s.a], reads_[s.b], writes_[s.out], pa,
                                       writes_[code_.pb_slot], derivatives);
    for (std::uint32_t i = s.channels_begin; i < s.channels_end; ++i) {
      const ChannelStep& c = code_.channels[i];
      if (!wanted(c.channel) || (in_place && i == s.channels_begin && p.a.block == pa)) continue;
      chain(p.a, inner(c.a), p.b, inner(c.b), writes_[c.out]);
    }
  }

  void write(const Source& s, T* dst, std::size_t len) const {
    switch (s.kind) {
      case Source::Kind::Zero:
        fill(dst, len, T(0));
        return;
      case Source::Kind::One:
        fill(dst, len, T(1));
        return;
      case Source::Kind::Scalar:
        fill(dst, len, static_cast<T>(table_[s.index]));
        return;
      case Source::Kind::Block:
        if (reads_[s.index] != dst) copy(reads_[s.index], len, dst);  // else written in place
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
  T* scratch_ = nullptr;
  const T** reads_ = nullptr;  // slot -> where operands read it
  T** writes_ = nullptr;       // slot -> where results are written
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
  ACTSEARCH_ASSERT(!overlap<T>(f, dfdx) && !overlap<T>(f, dfdp) && !overlap<T>(dfdx, dfdp),
                   "the outputs of run() must not overlap");
  const auto in_place_or_apart = [x](std::span<T> out) {
    return out.data() == x.data() || !overlap<T>(x, out);
  };
  ACTSEARCH_ASSERT(in_place_or_apart(f) && in_place_or_apart(dfdx) && in_place_or_apart(dfdp),
                   "an output of run() must be x itself or not overlap it");
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
