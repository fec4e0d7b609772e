// Spaces as one variant (dispatch, listing) and the conventions all spaces share.

#include "grammar/space/space.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {

std::vector<Op> searchable_ops(int arity) {
  std::vector<Op> ops;
  for (const OpInfo& i : kOps) {
    if (i.searchable && i.arity == arity) ops.push_back(i.op);
  }
  return ops;
}

void validate(const Space& space) {
  std::visit([](const auto& s) { validate(s); }, space);
}

SpaceCount count(const Space& space) {
  return std::visit([](const auto& s) { return count(s); }, space);
}

Expr at(const Space& space, std::uint64_t index) {
  return std::visit([index](const auto& s) { return at(s, index); }, space);
}

Expr sample(const Space& space, std::mt19937_64& rng) {
  return std::visit([&rng](const auto& s) { return sample(s, rng); }, space);
}

std::vector<Expr> members(const Space& space, std::uint64_t limit) {
  const SpaceCount c = count(space);
  if (c.overflow || c.exact > limit) {
    throw Error("the search space has " +
                (c.overflow ? std::string("more than 2^64") : std::to_string(c.exact)) +
                " members, more than the limit of " + std::to_string(limit));
  }
  std::vector<Expr> out;
  out.reserve(c.exact);
  for (std::uint64_t i = 0; i < c.exact; ++i) out.push_back(at(space, i));
  return out;
}

void renumber_params(Expr& e) {
  std::array<int, 256> map;
  map.fill(-1);
  int next = 0;
  for (Node& n : e.nodes) {
    if (n.op != Op::Param) continue;
    if (map[n.index] < 0) map[n.index] = next++;
    n.index = static_cast<std::uint8_t>(map[n.index]);
  }
}

bool params_contiguous(const Expr& e) {
  std::array<bool, 256> used{};
  for (const Node& n : e.nodes) {
    if (n.op == Op::Param) used[n.index] = true;
  }
  const int p = num_params(e);
  return std::all_of(used.begin(), used.begin() + p, [](bool u) { return u; });
}

}  // namespace actsearch::grammar
