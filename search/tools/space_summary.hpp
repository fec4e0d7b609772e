#pragma once
// `actsearch space`: how large a search space is before and after dedupe and screening.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "grammar/space/space.hpp"

namespace actsearch::search {

struct SpaceSummary {
  grammar::SpaceCount members;  // before dedupe
  bool enumerated = false;      // false when members exceed the limit: only the count is known
  std::uint64_t distinct = 0;   // distinct functions (functional fingerprints)
  std::uint64_t valid = 0;      // distinct functions that pass the validity screen
  std::map<std::string, std::uint64_t> rejected;  // distinct functions rejected, by reason
};

/// Counts the space; when it has at most `limit` members, also simplifies, fingerprints and
/// screens every member. Throws actsearch::Error for a malformed space.
SpaceSummary summarize_space(const grammar::Space& space, std::uint64_t limit);

/// {"members", "members_approx", "enumerated", "distinct", "valid", "rejected": {reason: n}}
nlohmann::json to_json(const SpaceSummary& s);
std::string summary_text(const SpaceSummary& s, std::uint64_t limit);

}  // namespace actsearch::search
