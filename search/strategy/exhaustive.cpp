// Exhaustive search: the members of a space in index order.

#include "grammar/base/error.hpp"
#include "search/strategy/strategy.hpp"

namespace actsearch::search {
namespace {

class Exhaustive final : public Strategy {
 public:
  explicit Exhaustive(const grammar::Space& space) : space_(space) {
    const grammar::SpaceCount c = grammar::count(space_);
    ACTSEARCH_ASSERT(!c.overflow, "validate(StrategyConfig, Space) admits only indexable spaces");
    count_ = c.exact;
  }

  std::vector<grammar::Expr> propose(std::size_t n) override {
    std::vector<grammar::Expr> out;
    for (; next_ < count_ && out.size() < n; ++next_) out.push_back(grammar::at(space_, next_));
    return out;
  }

  void observe(std::span<const double>) override {}

  bool exhausted() const override { return next_ >= count_; }

 private:
  grammar::Space space_;
  std::uint64_t count_ = 0;
  std::uint64_t next_ = 0;
};

}  // namespace

std::unique_ptr<Strategy> make_exhaustive(const grammar::Space& space) {
  return std::make_unique<Exhaustive>(space);
}

}  // namespace actsearch::search
