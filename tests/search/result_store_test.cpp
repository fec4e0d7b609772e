// ResultStore: the memo a resumed run replays from (the first of equal keys wins, looked up
// by expression, task, rung, seed and kind), and records added while running, which reach
// the journal before the memo.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/data/journal.hpp"
#include "search/run/result_store.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

using actsearch::testing::fresh_dir;

EvalRecord trained(const std::string& canonical, int seed_index, double val_loss,
                   RecordKind kind = RecordKind::Eval) {
  EvalRecord r;
  r.kind = kind;
  r.expr = canonical;
  r.canonical = canonical;
  r.task = "moons";
  r.rung = 1;
  r.epochs = 3;
  r.seed_index = seed_index;
  r.val_loss = val_loss;
  r.unix_time = 1.0;
  return r;
}

EvalRequest request(const std::string& expr, int seed_index) {
  EvalRequest q;
  q.expr = expr;
  q.task = "moons";
  q.rung = 1;
  q.seed_index = seed_index;
  return q;
}

TEST(ResultStore, TheJournalsRecordsAreFoundByTheirKey) {
  const auto dir = fresh_dir("result_store");
  const ResultStore store({trained("tanh(x)", 0, 0.5), trained("tanh(x)", 0, 0.9),
                           trained("tanh(x)", 1, 0.7), trained("relu", 0, 0.3, RecordKind::Final)},
                          JournalWriter(dir));
  const EvalRecord* first = store.find(request("tanh(x)", 0), RecordKind::Eval);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->val_loss, 0.5);  // the first of equal keys
  ASSERT_NE(store.find(request("tanh(x)", 1), RecordKind::Eval), nullptr);
  EXPECT_EQ(store.find(request("tanh(x)", 1), RecordKind::Eval)->val_loss, 0.7);
  EXPECT_EQ(store.find(request("tanh(x)", 2), RecordKind::Eval), nullptr);
  EXPECT_EQ(store.find(request("tanh(x)", 0), RecordKind::Final), nullptr);
  EXPECT_NE(store.find(request("relu", 0), RecordKind::Final), nullptr);
  EXPECT_EQ(store.find(request("relu", 0), RecordKind::Eval), nullptr);
  EvalRequest other_task = request("tanh(x)", 0);
  other_task.task = "xor";
  EXPECT_EQ(store.find(other_task, RecordKind::Eval), nullptr);
  EXPECT_EQ(store.appended(), 0u);
}

TEST(ResultStore, UntrainedRecordsMarkTheirProposal) {
  const auto dir = fresh_dir("result_store");
  EvalRecord duplicate;
  duplicate.kind = RecordKind::Duplicate;
  duplicate.status = EvalStatus::Duplicate;
  duplicate.proposal = 7;
  ResultStore store({duplicate}, JournalWriter(dir));
  EXPECT_TRUE(store.has_untrained(7));
  EXPECT_FALSE(store.has_untrained(8));
  EvalRecord rejected = duplicate;
  rejected.kind = RecordKind::Rejected;
  rejected.status = EvalStatus::Rejected;
  rejected.proposal = 8;
  store.add(rejected);
  EXPECT_TRUE(store.has_untrained(8));
}

TEST(ResultStore, AddedRecordsAreJournaledStampedAndFound) {
  const auto dir = fresh_dir("result_store");
  ResultStore store({}, JournalWriter(dir));
  EvalRecord unstamped = trained("tanh(x)", 0, 0.5);
  unstamped.unix_time = 0.0;
  store.add(unstamped);
  store.add(trained("tanh(x)", 1, 0.6));
  EXPECT_EQ(store.appended(), 2u);
  const EvalRecord* found = store.find(request("tanh(x)", 0), RecordKind::Eval);
  ASSERT_NE(found, nullptr);
  EXPECT_GT(found->unix_time, 1.0e9);  // stamped with the wall clock (after 2001)
  const JournalContents journal = read_journal(dir);
  ASSERT_EQ(journal.records.size(), 2u);
  const std::vector<EvalRecord> records = records_from_json(journal.records, "journal");
  EXPECT_EQ(records[0], *found);
  EXPECT_EQ(records[1].unix_time, 1.0);  // a record's own time is kept
  EXPECT_EQ(records[1].seed_index, 1);
}

}  // namespace
}  // namespace actsearch::search
