// Candidates: canonical text and fingerprint of expressions, built-ins by name, the screen's
// verdict, and parse errors passed through.
#include <gtest/gtest.h>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"
#include "search/train/candidate.hpp"

namespace actsearch::search {
namespace {

TEST(Candidate, OneFunctionWrittenTwoWaysSharesItsFingerprint) {
  const Candidate a = prepare_candidate("x*sigmoid(x)");
  const Candidate b = prepare_candidate("sigmoid(x)*x");
  EXPECT_FALSE(a.builtin);
  EXPECT_TRUE(a.valid);
  EXPECT_EQ(a.input, "x*sigmoid(x)");
  EXPECT_EQ(b.input, "sigmoid(x)*x");
  EXPECT_EQ(a.canonical, b.canonical);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.values.size(), b.values.size());
  EXPECT_FALSE(a.values.empty());
  EXPECT_NE(a.fingerprint, prepare_candidate("x*sigmoid(beta*x)").fingerprint);
}

TEST(Candidate, BuiltinNamesAreNnActivations) {
  const Candidate relu = prepare_candidate("relu");
  EXPECT_TRUE(relu.builtin);
  EXPECT_TRUE(relu.valid);
  EXPECT_EQ(relu.canonical, "relu");
  EXPECT_TRUE(relu.expr.nodes.empty());
  EXPECT_EQ(relu.fingerprint, builtin_fingerprint("relu"));
  EXPECT_TRUE(prepare_candidate("pwlu").builtin);
  // FNV-1a of "builtin:relu": pinned, since journals store it.
  EXPECT_EQ(builtin_fingerprint("relu"), 0xf9edc7116c6e9f78ull);
  EXPECT_NE(builtin_fingerprint("relu"), builtin_fingerprint("pwlu"));
}

TEST(Candidate, KnownNamesThatAreNotBuiltinsBecomeExpressions) {
  const Candidate logistic = prepare_candidate("logistic");
  EXPECT_FALSE(logistic.builtin);
  EXPECT_EQ(logistic.canonical, prepare_candidate("sigmoid(x)").canonical);
  EXPECT_EQ(logistic.fingerprint, prepare_candidate("sigmoid(x)").fingerprint);
}

TEST(Candidate, ScreenFailuresAreCandidatesWithAReason) {
  const Candidate linear = prepare_candidate("2*x + 1");
  EXPECT_FALSE(linear.valid);
  EXPECT_EQ(linear.reason, "linear");
  const Candidate constant = prepare_candidate("sin(3)");
  EXPECT_FALSE(constant.valid);
  EXPECT_EQ(constant.reason, "does not depend on x");
  EXPECT_TRUE(prepare_candidate("max(x, 0)").reason.empty());
}

TEST(Candidate, ParseErrorsPropagate) {
  try {
    prepare_candidate("x*");
    ADD_FAILURE() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.column(), 3u);
  }
  EXPECT_THROW(prepare_candidate("rellu"), Error);
}

TEST(Candidate, FromAnExpressionAsFromItsText) {
  const Candidate from_text = prepare_candidate("x*tanh(x) + x");
  const Candidate from_expr = prepare_candidate(grammar::parse("x*tanh(x) + x"));
  EXPECT_EQ(from_expr.canonical, from_text.canonical);
  EXPECT_EQ(from_expr.fingerprint, from_text.fingerprint);
  EXPECT_EQ(from_expr.expr, from_text.expr);
}

}  // namespace
}  // namespace actsearch::search
