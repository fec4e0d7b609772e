#include "search/run/registry.hpp"

#include "grammar/fingerprint.hpp"

namespace actsearch::search {
namespace {

grammar::Fingerprint fingerprint_of(const Candidate& c) { return {c.fingerprint, c.values}; }

EvalRecord untrained_record(const Candidate& c, int proposal, RecordKind kind) {
  EvalRecord r;
  r.kind = kind;
  r.status = kind == RecordKind::Rejected ? EvalStatus::Rejected : EvalStatus::Duplicate;
  r.proposal = proposal;
  r.expr = c.input;
  r.canonical = c.canonical;
  r.fingerprint = c.fingerprint;
  r.reason = c.reason;
  return r;
}

}  // namespace

Registration Registry::add(const grammar::Expr& proposal) {
  const int index = proposals_++;
  Candidate c = prepare_candidate(proposal);
  const grammar::Fingerprint fp = fingerprint_of(c);
  const auto [begin, end] = by_fingerprint_.equal_range(c.fingerprint);
  for (auto it = begin; it != end; ++it) {
    const Candidate& original = functions_[it->second];
    if (grammar::same_function(fingerprint_of(original), fp)) {
      Registration r{index, RecordKind::Duplicate, it->second, {}};
      r.record = untrained_record(c, index, RecordKind::Duplicate);
      r.record.reason = "same function as " + original.canonical;
      return r;
    }
  }
  Registration r{index, c.valid ? RecordKind::Eval : RecordKind::Rejected, functions_.size(), {}};
  if (!c.valid) r.record = untrained_record(c, index, RecordKind::Rejected);
  by_fingerprint_.emplace(c.fingerprint, r.function_index);
  functions_.push_back(std::move(c));
  first_proposal_.push_back(index);
  return r;
}

}  // namespace actsearch::search
