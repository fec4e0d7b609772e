// Random search: uniform samples of a space.

#include <random>

#include "search/strategy/strategy.hpp"

namespace actsearch::search {
namespace {

class RandomSearch final : public Strategy {
 public:
  RandomSearch(const grammar::Space& space, std::uint64_t seed) : space_(space), rng_(seed) {}

  std::vector<grammar::Expr> propose(std::size_t n) override {
    std::vector<grammar::Expr> out;
    out.reserve(n);
    while (out.size() < n) out.push_back(grammar::sample(space_, rng_));
    return out;
  }

  void observe(std::span<const double>) override {}

  bool exhausted() const override { return false; }

 private:
  grammar::Space space_;
  std::mt19937_64 rng_;
};

}  // namespace

std::unique_ptr<Strategy> make_random(const grammar::Space& space, std::uint64_t seed) {
  return std::make_unique<RandomSearch>(space, seed);
}

}  // namespace actsearch::search
