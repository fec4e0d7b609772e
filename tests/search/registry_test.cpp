// Registry: a proposal becomes a function the first time its function is seen, a duplicate
// (whatever its text) after that, and a rejection when the screen refuses it.
#include <gtest/gtest.h>

#include <string>

#include "grammar/parse.hpp"
#include "search/run/registry.hpp"

namespace actsearch::search {
namespace {

Registration add(Registry& registry, std::string_view text) {
  return registry.add(grammar::parse(text));
}

TEST(Registry, NewFunctionsAreNumberedInOrderOfFirstProposal) {
  Registry registry;
  const Registration a = add(registry, "tanh(x)");
  const Registration b = add(registry, "x*sigmoid(x)");
  EXPECT_EQ(a.kind, RecordKind::Eval);
  EXPECT_EQ(b.kind, RecordKind::Eval);
  EXPECT_EQ(a.proposal, 0);
  EXPECT_EQ(b.proposal, 1);
  EXPECT_EQ(a.function_index, 0u);
  EXPECT_EQ(b.function_index, 1u);
  EXPECT_EQ(registry.functions(), 2u);
  EXPECT_EQ(registry.proposals(), 2);
  EXPECT_EQ(registry.function(1).input, "x*sigmoid(x)");
  EXPECT_EQ(registry.first_proposal(1), 1);
}

// The same function written otherwise costs no training: its record names the original.
TEST(Registry, TheSameFunctionInOtherWordsIsADuplicate) {
  Registry registry;
  add(registry, "tanh(x)");
  add(registry, "x*sigmoid(x)");
  const Registration d = add(registry, "sigmoid(x)*x + 0*tanh(x)");
  EXPECT_EQ(d.kind, RecordKind::Duplicate);
  EXPECT_EQ(d.proposal, 2);
  EXPECT_EQ(d.function_index, 1u);
  EXPECT_EQ(d.record.kind, RecordKind::Duplicate);
  EXPECT_EQ(d.record.status, EvalStatus::Duplicate);
  EXPECT_EQ(d.record.proposal, 2);
  EXPECT_EQ(d.record.reason, "same function as " + registry.function(1).canonical);
  EXPECT_EQ(d.record.fingerprint, registry.function(1).fingerprint);
  EXPECT_EQ(registry.functions(), 2u);
  EXPECT_EQ(registry.proposals(), 3);
}

TEST(Registry, ScreenedOutFunctionsAreRejectedOnceThenDuplicates) {
  Registry registry;
  const Registration r = add(registry, "2*x");  // linear
  EXPECT_EQ(r.kind, RecordKind::Rejected);
  EXPECT_EQ(r.record.status, EvalStatus::Rejected);
  EXPECT_EQ(r.record.proposal, 0);
  EXPECT_FALSE(r.record.reason.empty());
  EXPECT_EQ(r.record.reason, registry.function(r.function_index).reason);
  EXPECT_FALSE(registry.function(r.function_index).valid);
  const Registration again = add(registry, "x + x");
  EXPECT_EQ(again.kind, RecordKind::Duplicate);
  EXPECT_EQ(again.function_index, r.function_index);
  EXPECT_EQ(registry.functions(), 1u);
}

// Strategies and the engine keep references to functions while the run proposes more.
TEST(Registry, FunctionReferencesSurviveGrowth) {
  Registry registry;
  add(registry, "tanh(x)");
  const Candidate* first = &registry.function(0);
  for (int k = 2; k < 200; ++k) add(registry, "x*tanh(x) + " + std::to_string(k) + "*x");
  EXPECT_EQ(registry.functions(), 199u);
  EXPECT_EQ(&registry.function(0), first);
  EXPECT_EQ(first->input, "tanh(x)");
}

}  // namespace
}  // namespace actsearch::search
