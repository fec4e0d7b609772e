// Lowering an Expr to a Program: postfix nodes become registers (constant operators folded,
// identical subtrees shared), x-independent registers become the uniform prologue, and the
// x-dependent ones become block steps whose values and derivative channels live in scratch
// slots, reused once their register is dead.
#include <bit>
#include <cstdint>
#include <map>
#include <tuple>

#include "grammar/base/error.hpp"
#include "grammar/program/kernels.hpp"

namespace actsearch::grammar {
namespace program_detail {
namespace {

struct Reg {
  Op op = Op::X;
  int a = -1;
  int b = -1;
  std::uint8_t k = 0;      // Param
  double value = 0.0;      // Const
  bool on_x = false;       // depends on x: a block register
  std::vector<bool> on_p;  // depends on beta_k
};

// Registers in creation order, which is a topological order: operands come first.
class Lowering {
 public:
  explicit Lowering(int num_params) : num_params_(num_params) {}

  // The register of node n whose operands are the registers a and b (-1 when absent).
  int add(const Node& n, int a, int b) {
    Reg r{n.op, a, b, 0, 0.0, false, std::vector<bool>(static_cast<std::size_t>(num_params_))};
    switch (n.op) {
      case Op::X:
        r.on_x = true;
        return intern(r);  // placeholders x1, x2 are x too
      case Op::Const:
        r.value = n.value;
        return intern(r);
      case Op::Param:
        r.k = n.index;
        r.on_p[n.index] = true;
        return intern(r);
      default:
        break;
    }
    const Reg& ra = regs_[a];
    const bool binary = b >= 0;
    if (ra.op == Op::Const && (!binary || regs_[b].op == Op::Const)) {
      r.value = apply(n.op, ra.value, binary ? regs_[b].value : 0.0);
      r.op = Op::Const;
      r.a = r.b = -1;
      return intern(r);
    }
    r.on_x = ra.on_x || (binary && regs_[b].on_x);
    for (std::size_t k = 0; k < r.on_p.size(); ++k) {
      r.on_p[k] = ra.on_p[k] || (binary && regs_[b].on_p[k]);
    }
    return intern(r);
  }

  const std::vector<Reg>& regs() const { return regs_; }

 private:
  // Structural identity: operator, operand registers, parameter index, constant bits.
  using Key = std::tuple<Op, int, int, int, std::uint64_t>;

  int intern(const Reg& r) {
    int a = r.a;
    int b = r.b;
    // Only + and * are commutative bit for bit; max/min differ on ties and NaN.
    if ((r.op == Op::Add || r.op == Op::Mul) && b < a) std::swap(a, b);
    const Key key{r.op, a, b, r.k, std::bit_cast<std::uint64_t>(r.value)};
    const auto [it, inserted] = index_.try_emplace(key, static_cast<int>(regs_.size()));
    if (inserted) regs_.push_back(r);
    return it->second;
  }

  int num_params_;
  std::vector<Reg> regs_;
  std::map<Key, int> index_;
};

std::vector<bool> mark_live(const std::vector<Reg>& regs, int root) {
  std::vector<bool> live(regs.size(), false);
  live[root] = true;
  for (int i = root; i >= 0; --i) {
    if (!live[i]) continue;
    if (regs[i].a >= 0) live[regs[i].a] = true;
    if (regs[i].b >= 0) live[regs[i].b] = true;
  }
  return live;
}

// Assigns uniform indices and scratch slots, and writes the Code. Channel c of a register is
// its derivative w.r.t. x (c = 0) or beta_{c-1}.
class Emitter {
 public:
  Emitter(const std::vector<Reg>& regs, int root)
      : regs_(regs), root_(root), live_(mark_live(regs, root)) {}

  Code emit(int num_params) {
    code_.num_params = num_params;
    width_ = 1 + static_cast<std::uint32_t>(num_params);
    emit_uniforms();
    emit_blocks();
    code_.root = value_source(root_);
    for (std::uint32_t c = 0; c < width_; ++c) code_.root_channels.push_back(source(root_, c));
    return std::move(code_);
  }

 private:
  bool block(int r) const { return regs_[r].on_x; }
  bool leaf(int r) const { return arity(regs_[r].op) == 0; }

  void emit_uniforms() {
    uniform_.assign(regs_.size(), 0);
    for (std::size_t i = 0; i < regs_.size(); ++i) {
      const Reg& r = regs_[i];
      if (!live_[i] || r.on_x) continue;
      uniform_[i] = static_cast<std::uint32_t>(code_.uniforms.size());
      code_.uniforms.push_back(UniformStep{r.op, r.k, r.value, r.a >= 0 ? uniform_[r.a] : 0,
                                           r.b >= 0 ? uniform_[r.b] : 0});
      for (const bool d : r.on_p) code_.uniform_deps.push_back(d ? 1 : 0);
      if (!leaf(static_cast<int>(i))) ++code_.num_instructions;
    }
  }

  void emit_blocks() {
    std::vector<int> steps;
    for (std::size_t i = 0; i < regs_.size(); ++i) {
      if (live_[i] && block(static_cast<int>(i)) && !leaf(static_cast<int>(i))) {
        steps.push_back(static_cast<int>(i));
      }
    }
    code_.num_instructions += steps.size();
    value_slot_.assign(regs_.size(), kNoSlot);
    channel_slot_.assign(regs_.size(), std::vector<std::uint32_t>(width_, kNoSlot));
    reserve_slots(steps);
    const std::vector<std::size_t> last = last_uses(steps);
    for (std::size_t j = 0; j < steps.size(); ++j) {
      emit_step(steps[j]);
      const Reg& r = regs_[steps[j]];
      for (const int o : {r.a, r.b == r.a ? -1 : r.b}) {
        if (o >= 0 && block(o) && !leaf(o) && last[o] == j) release(o);
      }
    }
  }

  // Slots that live for the whole call: x, the two partials, broadcast uniforms.
  void reserve_slots(const std::vector<int>& steps) {
    for (std::size_t i = 0; i < regs_.size(); ++i) {
      if (live_[i] && regs_[i].op == Op::X) code_.x_slot = value_slot_[i] = allocate();
    }
    if (!steps.empty()) {
      code_.pa_slot = allocate();
      code_.pb_slot = allocate();
    }
    for (const int s : steps) {
      for (const int o : {regs_[s].a, regs_[s].b}) {
        if (o < 0 || block(o) || value_slot_[o] != kNoSlot) continue;
        value_slot_[o] = allocate();
        code_.broadcasts.push_back(Broadcast{uniform_[o], value_slot_[o]});
      }
    }
  }

  // Index in `steps` of the last step reading each register; the root is never dead.
  std::vector<std::size_t> last_uses(const std::vector<int>& steps) const {
    std::vector<std::size_t> last(regs_.size(), 0);
    for (std::size_t j = 0; j < steps.size(); ++j) {
      for (const int o : {regs_[steps[j]].a, regs_[steps[j]].b}) {
        if (o >= 0) last[o] = j;
      }
    }
    last[root_] = static_cast<std::size_t>(-1);
    return last;
  }

  void emit_step(int r) {
    const Reg& g = regs_[r];
    // The root's slots are its own: in full blocks they are the caller's output arrays.
    const auto allocate = [&] { return r == root_ ? code_.num_slots++ : this->allocate(); };
    value_slot_[r] = allocate();
    Step step{g.op, value_slot_[g.a], value_slot_[g.b >= 0 ? g.b : g.a], value_slot_[r], 0, 0};
    step.channels_begin = static_cast<std::uint32_t>(code_.channels.size());
    for (std::uint32_t c = 0; c < width_; ++c) {
      if (c > 0 && !g.on_p[c - 1]) continue;
      channel_slot_[r][c] = allocate();
      const Source b = g.b >= 0 ? source(g.b, c) : Source{};
      code_.channels.push_back(ChannelStep{c, channel_slot_[r][c], source(g.a, c), b});
    }
    step.channels_end = static_cast<std::uint32_t>(code_.channels.size());
    code_.steps.push_back(step);
  }

  Source source(int r, std::uint32_t c) const {
    const Reg& g = regs_[r];
    if (!g.on_x) {
      if (c == 0 || !g.on_p[c - 1]) return {};
      return {Source::Kind::Scalar, uniform_[r] * width_ + c};
    }
    if (g.op == Op::X) return c == 0 ? Source{Source::Kind::One, 0} : Source{};
    const std::uint32_t slot = channel_slot_[r][c];
    return slot == kNoSlot ? Source{} : Source{Source::Kind::Block, slot};
  }

  Source value_source(int r) const {
    if (!regs_[r].on_x) return {Source::Kind::Scalar, uniform_[r] * width_};
    return {Source::Kind::Block, value_slot_[r]};
  }

  std::uint32_t allocate() {
    if (free_.empty()) return code_.num_slots++;
    const std::uint32_t s = free_.back();
    free_.pop_back();
    return s;
  }

  void release(int r) {
    free_.push_back(value_slot_[r]);
    for (const std::uint32_t s : channel_slot_[r]) {
      if (s != kNoSlot) free_.push_back(s);
    }
  }

  const std::vector<Reg>& regs_;
  int root_;
  std::vector<bool> live_;
  std::uint32_t width_ = 1;
  Code code_;
  std::vector<std::uint32_t> uniform_;                    // register -> uniform index
  std::vector<std::uint32_t> value_slot_;                 // register -> slot of its value
  std::vector<std::vector<std::uint32_t>> channel_slot_;  // register -> channel -> slot
  std::vector<std::uint32_t> free_;
};

}  // namespace

Code compile(const Expr& e) {
  ACTSEARCH_ASSERT(well_formed(e), "Program needs a well-formed expression");
  const int np = num_params(e);
  Lowering lowering(np);
  std::vector<int> stack;
  for (const Node& n : e.nodes) {
    int b = -1;
    int a = -1;
    if (arity(n.op) == 2) {
      b = stack.back();
      stack.pop_back();
    }
    if (arity(n.op) >= 1) {
      a = stack.back();
      stack.pop_back();
    }
    stack.push_back(lowering.add(n, a, b));
  }
  return Emitter(lowering.regs(), stack.back()).emit(np);
}

}  // namespace program_detail

Program::Program(const Expr& e) : code_(program_detail::compile(e)) {}

}  // namespace actsearch::grammar
