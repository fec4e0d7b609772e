#include "search/tools/space_summary.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "grammar/canonical.hpp"

namespace actsearch::search {

SpaceSummary summarize_space(const grammar::Space& space, std::uint64_t limit) {
  SpaceSummary s;
  s.members = grammar::count(space);
  if (s.members.overflow || s.members.exact > limit) return s;
  s.enumerated = true;
  std::unordered_set<std::uint64_t> seen;
  for (const grammar::Expr& member : grammar::members(space, limit)) {
    const grammar::CanonicalExpr canonical = grammar::canonical_expr(member);
    if (!seen.insert(canonical.fingerprint.key).second) continue;
    ++s.distinct;
    const grammar::Verdict verdict = grammar::screen(canonical.expr);
    if (verdict.valid) {
      ++s.valid;
    } else {
      ++s.rejected[verdict.reason];
    }
  }
  return s;
}

nlohmann::json to_json(const SpaceSummary& s) {
  nlohmann::json j{{"members_approx", s.members.approx}, {"enumerated", s.enumerated}};
  j["members"] = s.members.overflow ? nlohmann::json(nullptr) : nlohmann::json(s.members.exact);
  if (s.enumerated) {
    j["distinct"] = s.distinct;
    j["valid"] = s.valid;
    j["rejected"] = s.rejected;
  }
  return j;
}

std::string summary_text(const SpaceSummary& s, std::uint64_t limit) {
  std::string out = s.members.overflow
                        ? fmt::format("members (before dedupe): about {:.4g}\n", s.members.approx)
                        : fmt::format("members (before dedupe): {}\n", s.members.exact);
  if (!s.enumerated) {
    return out + fmt::format("not enumerated: more than --limit {} members\n", limit);
  }
  out += fmt::format("distinct functions:      {}\n", s.distinct);
  out += fmt::format("valid (pass the screen): {}\n", s.valid);
  for (const auto& [reason, n] : s.rejected) out += fmt::format("  rejected, {}: {}\n", reason, n);
  return out;
}

}  // namespace actsearch::search
