#pragma once
// The one way a proposal becomes what the search keeps of it: the canonical expression, its
// text, its functional fingerprint and the validity screen's verdict. Two proposals are one
// function when their fingerprint keys agree; the verdict decides whether it is trained.

#include <string>

#include "grammar/expr.hpp"
#include "grammar/fingerprint.hpp"
#include "grammar/validity.hpp"

namespace actsearch::grammar {

/// What identifies a function.
struct CanonicalExpr {
  Expr expr;                // simplify(e)
  std::string text;         // print(expr)
  Fingerprint fingerprint;  // fingerprint(expr): key and sample values
};

/// ... and whether it is worth training.
struct CanonicalForm : CanonicalExpr {
  Verdict verdict;  // screen(expr)
};

/// simplify, print and fingerprint e. Apart from canonical_form for callers that screen only
/// the functions they have not seen (the screen costs more than the rest together).
CanonicalExpr canonical_expr(const Expr& e);

/// canonical_expr(e), then the screen; never throws for a well-formed e.
CanonicalForm canonical_form(const Expr& e);

}  // namespace actsearch::grammar
