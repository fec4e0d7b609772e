#pragma once
// Every proposal of a run passes here first: it becomes a candidate (canonical form,
// fingerprint, screen verdict), and a function seen before is a duplicate that costs no
// training. "Evaluate once" lives here.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "grammar/expr.hpp"
#include "search/data/record.hpp"
#include "search/train/candidate.hpp"

namespace actsearch::search {

/// What became of one proposal.
struct Registration {
  int proposal = 0;  // its index in the run, from 0
  /// Eval: a new function that passed the screen (to be trained); Rejected: a new function
  /// that failed it; Duplicate: a function seen before (valid or not).
  RecordKind kind = RecordKind::Eval;
  std::size_t function_index = 0;  // in the registry (the original's for a duplicate)
  /// Rejected and Duplicate: the proposal's journal record, which trains nothing: its text,
  /// canonical form, fingerprint and reason (the screen's, or "same function as
  /// <original's canonical form>"). Eval: unused.
  EvalRecord record;
};

/// The distinct functions of a run in order of first proposal.
class Registry {
 public:
  /// Prepares `proposal` (prepare_candidate) and registers it under the next proposal
  /// index. Two proposals are one function when their fingerprints agree
  /// (grammar::same_function on the fingerprint values), whatever their text.
  Registration add(const grammar::Expr& proposal);

  /// Function `i`; the reference stays valid while the registry lives.
  const Candidate& function(std::size_t i) const { return functions_[i]; }
  /// The proposal that introduced function `i`.
  int first_proposal(std::size_t i) const { return first_proposal_[i]; }

  std::size_t functions() const { return functions_.size(); }  // distinct, valid or not
  int proposals() const { return proposals_; }

 private:
  std::deque<Candidate> functions_;  // a deque keeps references stable as it grows
  std::vector<int> first_proposal_;
  std::unordered_multimap<std::uint64_t, std::size_t> by_fingerprint_;
  int proposals_ = 0;
};

}  // namespace actsearch::search
