// Regularised (aging) evolution (Real, Aggarwal, Huang, Le 2019, "Regularized Evolution for
// Image Classifier Architecture Search"): tournament selection over a population that keeps
// the most recent proposals, so an old lucky score cannot dominate forever. Children of one
// generation are all proposed before any is scored, which makes generations trainable in
// parallel and the run independent of thread count.

#include <cmath>
#include <deque>
#include <numeric>
#include <random>

#include "grammar/mutate.hpp"
#include "grammar/random.hpp"
#include "search/strategy.hpp"

namespace actsearch::search {
namespace {

struct Member {
  grammar::Expr expr;
  double score = 0.0;
};

// NaN ranks as the worst score.
double rank_value(double score) { return std::isnan(score) ? -INFINITY : score; }

class Evolution final : public Strategy {
 public:
  Evolution(const grammar::TreeSpace& space, const StrategyConfig& config, std::uint64_t seed)
      : space_(space), limits_(grammar::mutation_limits(space)), config_(config), rng_(seed) {}

  std::vector<grammar::Expr> propose(std::size_t n) override {
    pending_.clear();
    for (std::size_t i = 0; i < n; ++i) pending_.push_back(next_proposal());
    return pending_;
  }

  void observe(std::span<const double> scores) override {
    for (std::size_t i = 0; i < scores.size() && i < pending_.size(); ++i) {
      population_.push_back({pending_[i], scores[i]});
      if (population_.size() > config_.population) population_.pop_front();
    }
    pending_.clear();
  }

  bool exhausted() const override { return false; }

 private:
  // The first P proposals seed the population; a child needs a scored population.
  grammar::Expr next_proposal() {
    const bool seeding = issued_ < config_.population || population_.empty();
    ++issued_;
    if (seeding) return grammar::sample(space_, rng_);
    if (grammar::uniform01(rng_) < config_.crossover) {
      const grammar::Expr& a = tournament();
      const grammar::Expr& b = tournament();
      return grammar::crossover(a, b, limits_, rng_);
    }
    return grammar::mutate(tournament(), limits_, rng_);
  }

  // The best of S members drawn without replacement; ties go to the earliest drawn.
  const grammar::Expr& tournament() {
    std::vector<std::size_t> index(population_.size());
    std::iota(index.begin(), index.end(), std::size_t{0});
    const std::size_t draws = std::min(config_.tournament, index.size());
    std::size_t best = 0;
    for (std::size_t i = 0; i < draws; ++i) {
      const std::size_t j = i + grammar::uniform_below(rng_, index.size() - i);
      std::swap(index[i], index[j]);
      if (i == 0 || rank_value(population_[index[i]].score) > rank_value(population_[best].score)) {
        best = index[i];
      }
    }
    return population_[best].expr;
  }

  grammar::TreeSpace space_;
  grammar::MutationLimits limits_;
  StrategyConfig config_;
  std::mt19937_64 rng_;
  std::deque<Member> population_;  // oldest first
  std::vector<grammar::Expr> pending_;
  std::size_t issued_ = 0;
};

}  // namespace

std::unique_ptr<Strategy> make_evolution(const grammar::TreeSpace& space,
                                         const StrategyConfig& config, std::uint64_t seed) {
  validate(config);
  grammar::validate(space);
  return std::make_unique<Evolution>(space, config, seed);
}

}  // namespace actsearch::search
