#pragma once
// A candidate activation as the search and `actsearch eval` see it: canonical text,
// functional fingerprint and screen verdict of a grammar expression, or a built-in nn
// activation called by name.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/expr.hpp"

namespace actsearch::search {

struct Candidate {
  std::string input;              // as typed or proposed
  std::string canonical;          // grammar::print(simplify(expr)), or the built-in's name
  std::uint64_t fingerprint = 0;  // grammar::fingerprint key, or builtin_fingerprint(name)
  bool builtin = false;           // an nn built-in (relu, pwlu, ...): no expression
  grammar::Expr expr;             // the canonical expression; empty for built-ins
  std::vector<double> values;     // the fingerprint's sample values; empty for built-ins
  bool valid = true;              // the screen's verdict (built-ins always pass)
  std::string reason;             // why not valid; empty when valid
};

/// The fingerprint of built-in `name`: a stable 64-bit hash (FNV-1a) of "builtin:" + name,
/// the same on every platform and in every version, so journals stay comparable.
std::uint64_t builtin_fingerprint(std::string_view name);

/// A name of nn::builtin_names() gives a built-in candidate. Anything else goes through
/// grammar::parse_activation (known names such as "swish" become their expression), then
/// simplify, print (canonical), fingerprint and screen. Throws actsearch::ParseError (or the
/// "unknown activation" Error) for text that does not parse; an invalid function is not an
/// error but a candidate with valid = false and the screen's reason.
Candidate prepare_candidate(std::string_view text_or_name);

/// A candidate for an already parsed expression (search strategies propose Exprs): as
/// prepare_candidate with `input` = grammar::print(e).
Candidate prepare_candidate(const grammar::Expr& e);

}  // namespace actsearch::search
