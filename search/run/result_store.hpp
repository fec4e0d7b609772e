#pragma once
// The training results of a run: the records its journal already held (the memo that makes a
// resumed run replay without retraining) and those this process adds, each appended to the
// journal the moment it arrives.

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "search/data/journal.hpp"
#include "search/data/record.hpp"

namespace actsearch::search {

class ResultStore {
 public:
  /// `journal_records` become the memo (the first of equal keys wins); `journal` receives
  /// every added record.
  ResultStore(std::vector<EvalRecord> journal_records, JournalWriter journal);

  /// The trained record of `kind` answering `request` (same canonical expression, task,
  /// rung and seed index), or null. The pointer stays valid while the store lives.
  const EvalRecord* find(const EvalRequest& request, RecordKind kind) const;

  /// Whether proposal `proposal` already has its Rejected or Duplicate record.
  bool has_untrained(int proposal) const;

  /// Appends `record` to the journal (fsync'd), stamped with the wall-clock time unless it
  /// carries one, then remembers it. Safe to call from
  /// several threads at once. Throws what JournalWriter::append throws (nothing is
  /// remembered then).
  void add(const EvalRecord& record);

  /// Records appended by this process.
  std::size_t appended() const;

  /// Every record, the journal's first, in journal order. Not while records are added.
  std::vector<EvalRecord> records() const;

 private:
  using Key = std::tuple<std::string, std::string, int, int, RecordKind>;
  void remember(EvalRecord record);

  mutable std::mutex mutex_;
  JournalWriter journal_;
  std::deque<EvalRecord> records_;  // in journal order; a deque keeps find's pointers valid
  std::map<Key, const EvalRecord*> trained_;
  std::set<int> untrained_;  // proposals with a Rejected or Duplicate record
  std::size_t appended_ = 0;
};

}  // namespace actsearch::search
