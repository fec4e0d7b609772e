#include "grammar/canonical.hpp"

#include <utility>

#include "grammar/print.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar {

CanonicalExpr canonical_expr(const Expr& e) {
  CanonicalExpr c;
  c.expr = simplify(e);
  c.text = print(c.expr);
  c.fingerprint = fingerprint(c.expr);
  return c;
}

CanonicalForm canonical_form(const Expr& e) {
  CanonicalForm c{canonical_expr(e), {}};
  c.verdict = screen(c.expr);
  return c;
}

}  // namespace actsearch::grammar
