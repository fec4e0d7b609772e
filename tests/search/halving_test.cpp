// Successive halving: the rung ladder (seeds per rung, reuse of full trainings, the final
// rung) and the promotion rule (exactly the top 1/eta, ties by proposal, asynchronous).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "grammar/base/error.hpp"
#include "search/data/run_config.hpp"
#include "search/run/halving.hpp"

namespace actsearch::search {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(Ladder, ThreeRungsScreenThenFullThenEtaSeeds) {
  const Ladder ladder{3, 3};
  EXPECT_EQ(first_rung(ladder), 0);
  EXPECT_EQ(last_rung(ladder), 2);
  EXPECT_EQ(final_rung(ladder), 3);
  EXPECT_EQ(seeds_at(ladder, 0), 1);
  EXPECT_EQ(seeds_at(ladder, 1), 1);
  EXPECT_EQ(seeds_at(ladder, 2), 3);
}

TEST(Ladder, OneRungTrainsFullWithoutHalving) {
  const Ladder ladder{1, 3};
  EXPECT_EQ(first_rung(ladder), 1);
  EXPECT_EQ(last_rung(ladder), 1);
  EXPECT_EQ(final_rung(ladder), 2);
}

TEST(Ladder, FullRungsReuseTheSeedsOfTheRungsBelow) {
  const Ladder ladder{4, 2};
  EXPECT_EQ(seeds_at(ladder, 3), 4);
  EXPECT_EQ(source_rung(ladder, 0, 0), 0);
  EXPECT_EQ(source_rung(ladder, 1, 0), 1);
  EXPECT_EQ(source_rung(ladder, 3, 0), 1);
  EXPECT_EQ(source_rung(ladder, 3, 1), 2);
  EXPECT_EQ(source_rung(ladder, 3, 2), 3);
  EXPECT_EQ(source_rung(ladder, 3, 3), 3);
}

TEST(Ladder, ValidateNamesTheOption) {
  EXPECT_NO_THROW(validate(Ladder{4, 2}));
  try {
    validate(Ladder{5, 3});
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("--rungs must be between 1 and 4"));
  }
  try {
    validate(Ladder{3, 1});
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("--eta must be at least 2"));
  }
}

TEST(Promotions, ExactlyTheTopThirdBestFirst) {
  std::vector<RungEntry> entries;
  const double scores[] = {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4};
  for (int i = 0; i < 9; ++i) entries.push_back({scores[i], i, false});
  EXPECT_THAT(promotions(entries, 3), ElementsAre(1u, 5u, 3u));
}

TEST(Promotions, FewerThanEtaPromoteNothing) {
  const std::vector<RungEntry> entries{{0.9, 0, false}, {0.8, 1, false}};
  EXPECT_THAT(promotions(entries, 3), IsEmpty());
}

TEST(Promotions, TiesGoToTheEarlierProposalAndNaNRanksLast) {
  const std::vector<RungEntry> entries{
      {NAN, 0, false}, {0.5, 7, false}, {0.5, 3, false}, {0.1, 1, false}};
  EXPECT_THAT(promotions(entries, 2), ElementsAre(2u, 1u));
}

TEST(Promotions, AlreadyPromotedAreSkippedAndLaterArrivalsCanEnter) {
  // After a first batch promoted entry 0, a better newcomer joins the top third.
  const std::vector<RungEntry> entries{{0.5, 0, true},  {0.2, 1, false}, {0.1, 2, false},
                                       {0.9, 3, false}, {0.3, 4, false}, {0.0, 5, false}};
  EXPECT_THAT(promotions(entries, 3), ElementsAre(3u));
}

}  // namespace
}  // namespace actsearch::search
