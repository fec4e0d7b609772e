// Regularised (aging) evolution (Real, Aggarwal, Huang, Le 2019, "Regularized Evolution for
// Image Classifier Architecture Search"): tournament selection over a population that keeps
// the most recent proposals, so an old lucky score cannot dominate forever. Children of one
// generation are all proposed before any is scored, which makes generations trainable in
// parallel and the run independent of thread count.

#include <cmath>
#include <deque>
#include <numeric>
#include <random>
#include <variant>

#include "grammar/base/random.hpp"
#include "grammar/space/mutate.hpp"
#include "search/strategy/strategy.hpp"

namespace actsearch::search {
namespace {

// Free trees: subtree mutation and crossover that keep offspring in the space's limits.
class TreeVariation {
 public:
  using Genome = grammar::Expr;

  explicit TreeVariation(const grammar::TreeSpace& space)
      : space_(space), limits_(grammar::mutation_limits(space)) {}

  Genome sample(std::mt19937_64& rng) const { return grammar::sample(space_, rng); }
  Genome mutate(const Genome& parent, std::mt19937_64& rng) const {
    return grammar::mutate(parent, limits_, rng);
  }
  Genome crossover(const Genome& a, const Genome& b, std::mt19937_64& rng) const {
    return grammar::crossover(a, b, limits_, rng);
  }
  grammar::Expr express(const Genome& genome) const { return genome; }

 private:
  grammar::TreeSpace space_;
  grammar::MutationLimits limits_;
};

// Core units (the Swish paper's space): a member is its choices, the digits of its index
// (grammar::unit_radices). A mutation changes one choice; a crossover takes each choice from
// either parent. Every offspring is a member of the space.
class UnitVariation {
 public:
  using Genome = std::vector<std::uint64_t>;  // digits, least significant first

  explicit UnitVariation(const grammar::UnitSpace& space)
      : space_(space), radices_(grammar::unit_radices(space)) {
    for (std::size_t i = 0; i < radices_.size(); ++i) {
      if (radices_[i] > 1) free_.push_back(i);
    }
  }

  // Independent uniform digits: a uniform member.
  Genome sample(std::mt19937_64& rng) const {
    Genome g;
    for (const std::uint64_t radix : radices_) g.push_back(grammar::uniform_below(rng, radix));
    return g;
  }
  Genome mutate(const Genome& parent, std::mt19937_64& rng) const {
    if (free_.empty()) return parent;  // a space of one member
    Genome child = parent;
    const std::size_t i = free_[grammar::uniform_below(rng, free_.size())];
    child[i] = (parent[i] + 1 + grammar::uniform_below(rng, radices_[i] - 1)) % radices_[i];
    return child;
  }
  Genome crossover(const Genome& a, const Genome& b, std::mt19937_64& rng) const {
    Genome child = a;
    for (std::size_t i = 0; i < child.size(); ++i) {
      if (grammar::uniform01(rng) < 0.5) child[i] = b[i];
    }
    return child;
  }
  grammar::Expr express(const Genome& genome) const {
    std::uint64_t index = 0;
    for (std::size_t i = genome.size(); i-- > 0;) index = index * radices_[i] + genome[i];
    return grammar::at(space_, index);
  }

 private:
  grammar::UnitSpace space_;
  std::vector<std::uint64_t> radices_;
  std::vector<std::size_t> free_;  // digits with more than one choice
};

// NaN ranks as the worst score.
double rank_value(double score) { return std::isnan(score) ? -INFINITY : score; }

template <class Variation>
class Evolution final : public Strategy {
 public:
  using Genome = typename Variation::Genome;

  Evolution(Variation variation, const StrategyConfig& config, std::uint64_t seed)
      : variation_(std::move(variation)), config_(config), rng_(seed) {}

  std::vector<grammar::Expr> propose(std::size_t n) override {
    pending_.clear();
    std::vector<grammar::Expr> out;
    for (std::size_t i = 0; i < n; ++i) {
      pending_.push_back(next_proposal());
      out.push_back(variation_.express(pending_.back()));
    }
    return out;
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
  struct Member {
    Genome genome;
    double score = 0.0;
  };

  // The first P proposals seed the population; a child needs a scored population.
  Genome next_proposal() {
    const bool seeding = issued_ < config_.population || population_.empty();
    ++issued_;
    if (seeding) return variation_.sample(rng_);
    if (grammar::uniform01(rng_) < config_.crossover) {
      const Genome& a = tournament();
      const Genome& b = tournament();
      return variation_.crossover(a, b, rng_);
    }
    return variation_.mutate(tournament(), rng_);
  }

  // The best of S members drawn without replacement; ties go to the earliest drawn.
  const Genome& tournament() {
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
    return population_[best].genome;
  }

  Variation variation_;
  StrategyConfig config_;
  std::mt19937_64 rng_;
  std::deque<Member> population_;  // oldest first
  std::vector<Genome> pending_;
  std::size_t issued_ = 0;
};

template <class Variation, class Space>
std::unique_ptr<Strategy> evolution_over(const Space& space, const StrategyConfig& config,
                                         std::uint64_t seed) {
  return std::make_unique<Evolution<Variation>>(Variation(space), config, seed);
}

}  // namespace

std::unique_ptr<Strategy> make_evolution(const grammar::Space& space, const StrategyConfig& config,
                                         std::uint64_t seed) {
  validate(config, space);
  if (const auto* units = std::get_if<grammar::UnitSpace>(&space)) {
    return evolution_over<UnitVariation>(*units, config, seed);
  }
  return evolution_over<TreeVariation>(std::get<grammar::TreeSpace>(space), config, seed);
}

}  // namespace actsearch::search
