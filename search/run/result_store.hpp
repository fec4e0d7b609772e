#pragma once
// The training results of a run: the records its journal already held (the memo that makes a
// resumed run replay without retraining) and those this process adds, each appended to the
// journal the moment it arrives.

#include <cstddef>
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
  ResultStore(const std::vector<EvalRecord>& journal_records, JournalWriter journal);

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

 private:
  using Key = std::tuple<std::string, std::string, int, int, RecordKind>;
  void remember(const EvalRecord& record);

  mutable std::mutex mutex_;
  JournalWriter journal_;
  std::map<Key, EvalRecord> trained_;
  std::set<int> untrained_;  // proposals with a Rejected or Duplicate record
  std::size_t appended_ = 0;
};

}  // namespace actsearch::search
