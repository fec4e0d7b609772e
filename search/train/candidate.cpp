#include "search/train/candidate.hpp"

#include "grammar/canonical.hpp"
#include "grammar/known.hpp"
#include "grammar/print.hpp"
#include "nn/activation.hpp"

namespace actsearch::search {
namespace {

Candidate from_expr(std::string input, const grammar::Expr& e) {
  grammar::CanonicalForm form = grammar::canonical_form(e);
  Candidate c;
  c.input = std::move(input);
  c.expr = std::move(form.expr);
  c.canonical = std::move(form.text);
  c.fingerprint = form.fingerprint.key;
  c.values = std::move(form.fingerprint.values);
  c.valid = form.verdict.valid;
  c.reason = std::move(form.verdict.reason);
  return c;
}

}  // namespace

std::uint64_t builtin_fingerprint(std::string_view name) {
  constexpr std::uint64_t kOffset = 14695981039346656037ull;
  constexpr std::uint64_t kPrime = 1099511628211ull;
  std::uint64_t h = kOffset;
  for (const char ch : std::string("builtin:") + std::string(name)) {
    h = (h ^ static_cast<unsigned char>(ch)) * kPrime;
  }
  return h;
}

Candidate prepare_candidate(std::string_view text_or_name) {
  if (nn::is_builtin(text_or_name)) {
    Candidate c;
    c.input = std::string(text_or_name);
    c.canonical = c.input;
    c.fingerprint = builtin_fingerprint(text_or_name);
    c.builtin = true;
    return c;
  }
  return from_expr(std::string(text_or_name), grammar::parse_activation(text_or_name));
}

Candidate prepare_candidate(const grammar::Expr& e) { return from_expr(grammar::print(e), e); }

}  // namespace actsearch::search
