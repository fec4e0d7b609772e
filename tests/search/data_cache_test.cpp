// DataCache: one load per data set, whichever network trains on it and however many threads
// ask at once; a failed load leaves nothing behind.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/data/dataset.hpp"
#include "search/train/data_cache.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

using actsearch::testing::fresh_dir;

nn::TaskSpec moons() {
  nn::TaskSpec s = nn::parse_task("moons");
  s.train = 100;
  s.val = 50;
  s.test = 50;
  return s;
}

TEST(DataCache, EveryFieldOfTheSpecNamesItsOwnSplit) {
  DataCache cache;
  const nn::Split& base = cache.get(moons());
  EXPECT_EQ(base.train.size(), 100);
  EXPECT_EQ(base.val.size(), 50);
  nn::TaskSpec bigger = moons();
  bigger.train = 120;
  nn::TaskSpec reseeded = moons();
  reseeded.data_seed = 9;
  nn::TaskSpec other_kind = moons();
  other_kind.kind = "circles";
  for (const nn::TaskSpec& s : {bigger, reseeded, other_kind}) {
    EXPECT_NE(&cache.get(s), &base) << s.kind << " " << s.train << " " << s.data_seed;
  }
  EXPECT_EQ(cache.get(bigger).train.size(), 120);
  EXPECT_EQ(&cache.get(moons()), &base);
}

TEST(DataCache, ThreadsAskingAtOnceShareOneLoad) {
  DataCache cache;
  std::vector<const nn::Split*> got(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = &cache.get(moons()); });
  }
  for (std::thread& t : threads) t.join();
  for (const nn::Split* s : got) EXPECT_EQ(s, got[0]);
}

TEST(DataCache, AFailedLoadIsNotCached) {
  DataCache cache;
  const auto dir = fresh_dir("data_cache");
  nn::TaskSpec csv = nn::parse_task("csv:" + (dir / "rows.csv").string());
  EXPECT_THROW(cache.get(csv), Error);
  std::ofstream out(dir / "rows.csv");
  for (int i = 0; i < 20; ++i) out << i * 0.1 << "," << (i % 2) << "\n";
  out.close();
  EXPECT_EQ(cache.get(csv).train.size() + cache.get(csv).val.size() + cache.get(csv).test.size(),
            20);
}

}  // namespace
}  // namespace actsearch::search
