#pragma once
// Mutation and subtree crossover for evolutionary search. Every result is valid
// (within_limits): a kind that cannot apply is retried a bounded number of times, then the
// parent is perturbed instead, and as a last resort a fresh random tree is returned.

#include <cstddef>
#include <random>
#include <vector>

#include "grammar/expr.hpp"
#include "grammar/space/space.hpp"

namespace actsearch::grammar {

enum class Mutation {
  Point,    // one operator becomes another of the same arity, or x <-> beta (a constant
            // becomes x or beta); a new beta gets a fresh parameter
  Subtree,  // a random subtree becomes a random tree (random_tree: size uniform, then
            // uniform shape) that fits the limits
  Hoist,    // the whole tree becomes one of its proper subtrees that uses x
  Perturb,  // one constant node or one parameter (drawn uniformly among them) gets value
            // v * exp(u) + w, u uniform in [-0.5, 0.5), w in [-0.1, 0.1); a parameter's
            // initial value changes at all its uses
};

/// What offspring must respect; operators and sizes for the trees that mutation grows.
/// Parents need not respect the limits: their offspring do.
struct MutationLimits {
  std::size_t max_size = 7;
  std::size_t max_depth = 5;
  std::vector<Op> unary = searchable_ops(1);
  std::vector<Op> binary = searchable_ops(2);
};

/// The limits matching a tree space: offspring stay in its size, depth and operators.
MutationLimits mutation_limits(const TreeSpace& space);

/// True for a valid offspring: well_formed, uses x, at most max_size nodes and max_depth
/// levels, parameters numbered exactly 0..P-1.
bool within_limits(const Expr& e, const MutationLimits& limits);

/// A mutant of `parent` of a kind drawn with weights Point 3, Subtree 3, Hoist 1, Perturb 1.
/// Always within_limits and, unless the fresh-tree fallback was needed, different from the
/// parent. Parameters are renumbered by first appearance. Throws actsearch::Error only for
/// malformed limits (as validate does for a TreeSpace).
Expr mutate(const Expr& parent, const MutationLimits& limits, std::mt19937_64& rng);

/// A mutant of the given kind, with the same fallbacks (Perturb, then a fresh tree).
Expr mutate(const Expr& parent, Mutation kind, const MutationLimits& limits, std::mt19937_64& rng);

/// Subtree crossover: `a` with one of its subtrees replaced by a subtree of `b` chosen
/// among those that fit the limits; b's parameters become new parameters of the child.
/// Always within_limits and different from `a`; falls back to mutate(a).
Expr crossover(const Expr& a, const Expr& b, const MutationLimits& limits, std::mt19937_64& rng);

}  // namespace actsearch::grammar
