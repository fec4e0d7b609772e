// Spaces as one variant: dispatch and listing.

#include "grammar/space.hpp"

#include <string>

#include "grammar/error.hpp"

namespace actsearch::grammar {

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

}  // namespace actsearch::grammar
