#pragma once
// Search spaces: the core-unit spaces of the Swish search and free expression trees. Each
// space has an exact member count, an index bijection 0..count-1 (exhaustive search walks
// the indices) and a uniform sampler (random search). Counts are before any dedupe: tree
// members are structurally distinct, but two unit choices can spell the same expression
// (sigmul(identity(x), u(x)) and mul(sigmoid(x), u(x))), and many members are equal as
// functions; the fingerprint dedupe handles both.
//
// Parameters: every `beta` of a member is its own learnable scalar, initial value 1, and
// members number them 0..P-1 by first appearance in postfix order (renumber_params).

#include <cstddef>
#include <cstdint>
#include <random>
#include <string_view>
#include <variant>
#include <vector>

#include "grammar/expr.hpp"
#include "grammar/primitives.hpp"
#include "grammar/units.hpp"

namespace actsearch::grammar {

/// All searchable operators of kOps with the given arity (1 or 2), in table order.
std::vector<Op> searchable_ops(int arity);

/// The core-unit spaces of Ramachandran, Zoph, Le 2017 ("Searching for Activation
/// Functions"). Unit 1 is o_1 = b(u1(x), u2(x)). Unit k >= 2 is o_k = b(u1(o_{k-1}), u2(z))
/// where z is x or any earlier output o_1..o_{k-1}: the chain always feeds the previous
/// unit, so no unit is dead, and the second input picks among the k values available.
/// The member is o_N. An output used twice is one subexpression written twice with the same
/// parameters (the paper's graph as a tree). Members: (|binary| |unary|^2)^N * N!. Some
/// members do not use x (b(const, const)): the validity screen rejects them.
struct UnitSpace {
  int units = 1;  // N: 1, 2 or 3
  std::vector<Unit> unary{kUnaryUnits.begin(), kUnaryUnits.end()};
  std::vector<Unit> binary{kBinaryUnits.begin(), kBinaryUnits.end()};
};

/// Free expression trees: every tree of at most max_size nodes and depth at most max_depth
/// (a leaf has depth 1) over the given operators whose leaves are x or a learnable `beta`,
/// and which uses x at least once (a tree without x is a constant: never a candidate).
struct TreeSpace {
  std::size_t max_size = 7;
  std::size_t max_depth = 5;
  std::vector<Op> unary = searchable_ops(1);
  std::vector<Op> binary = searchable_ops(2);
};

/// Generated trees are activation functions: a few dozen nodes at most.
inline constexpr std::size_t kMaxTreeSize = 64;

using Space = std::variant<UnitSpace, TreeSpace>;

/// The number of members of a space before any dedupe.
struct SpaceCount {
  std::uint64_t exact = 0;  // the count; meaningful only when !overflow
  bool overflow = false;    // at least 2^64 - 1 members: indices cannot address them all
  double approx = 0.0;      // the count as a double, rounded above 2^53; always set
};

/// Throws actsearch::Error for a malformed space: units outside 1..3, max_size outside
/// 1..kMaxTreeSize, max_depth 0, or an operator of the wrong arity.
void validate(const UnitSpace& space);
void validate(const TreeSpace& space);
void validate(const Space& space);

/// Exact number of members (closed form for units, a counting DP for trees). Validates.
SpaceCount count(const UnitSpace& space);
SpaceCount count(const TreeSpace& space);
SpaceCount count(const Space& space);

/// The index-th member, a bijection of 0..count-1 onto the members. Throws actsearch::Error
/// when the count overflows; index < count is a precondition (ACTSEARCH_ASSERT).
/// Unit order: the fastest-changing choice is unit 1's u1, then its u2, b, then unit 2's
/// u1, u2, b, z and so on. Tree order: by size, then by root choice (x, beta, unary ops,
/// binary ops by left size), then children.
Expr at(const UnitSpace& space, std::uint64_t index);
Expr at(const TreeSpace& space, std::uint64_t index);
Expr at(const Space& space, std::uint64_t index);

/// A member drawn uniformly. Throws actsearch::Error for an empty space. Trees are drawn
/// by the counting DP one decision at a time, so spaces whose count overflows are sampled
/// uniformly too (to double rounding of the weights).
Expr sample(const UnitSpace& space, std::mt19937_64& rng);
Expr sample(const TreeSpace& space, std::mt19937_64& rng);
Expr sample(const Space& space, std::mt19937_64& rng);

/// A random tree of `space` whose size is uniform over the sizes that hold one, then
/// uniform among the trees of that size. Uniform member sampling nearly always yields the
/// largest size (each node multiplies the count); mutation uses this instead so offspring
/// do not all grow to the limit. With require_x false, trees without x are included.
Expr random_tree(const TreeSpace& space, std::mt19937_64& rng, bool require_x = true);

/// The radices of a core-unit member's index, least significant first, in the order of `at`:
/// for each unit k = 1..units, |unary| (u1), |unary| (u2), |binary| (b) and k (its second
/// input: x or an earlier unit's output). A member's choices are the digits of its index.
std::vector<std::uint64_t> unit_radices(const UnitSpace& space);

/// Every member in index order. Throws actsearch::Error when there are more than `limit`.
std::vector<Expr> members(const Space& space, std::uint64_t limit);

/// Renumbers the parameters 0..P-1 by first appearance in postfix order; shared indices
/// stay shared and initial values are kept.
void renumber_params(Expr& e);

/// True when the parameter indices used are exactly 0..P-1 for some P.
bool params_contiguous(const Expr& e);

/// Units named in a comma-separated list such as "tanh, relu" (arity 1: unary units, 2:
/// binary units), in the order given. Throws actsearch::Error naming an unknown, duplicate
/// or missing name, e.g. "unknown unary primitive 'sinn' (did you mean 'sin'?)".
std::vector<Unit> parse_units(std::string_view list, int arity);

/// Searchable operators named in a comma-separated list such as "sin, safe_log" with the
/// given arity. Throws actsearch::Error as parse_units does; an operator that exists but is
/// not searchable is named as such, e.g. "unary primitive 'log' is not searchable (did you
/// mean 'safe_log'?)".
std::vector<Op> parse_ops(std::string_view list, int arity);

}  // namespace actsearch::grammar
