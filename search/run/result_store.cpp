#include "search/run/result_store.hpp"

#include <chrono>

namespace actsearch::search {

ResultStore::ResultStore(std::vector<EvalRecord> journal_records, JournalWriter journal)
    : journal_(std::move(journal)) {
  for (EvalRecord& r : journal_records) remember(std::move(r));
}

void ResultStore::remember(EvalRecord record) {
  const EvalRecord& r = records_.emplace_back(std::move(record));
  if (is_trained(r.kind)) {
    trained_.try_emplace(Key{r.canonical, r.task, r.rung, r.seed_index, r.kind}, &r);
  } else {
    untrained_.insert(r.proposal);
  }
}

const EvalRecord* ResultStore::find(const EvalRequest& request, RecordKind kind) const {
  const std::lock_guard lock(mutex_);
  const auto it =
      trained_.find(Key{request.expr, request.task, request.rung, request.seed_index, kind});
  return it == trained_.end() ? nullptr : it->second;
}

bool ResultStore::has_untrained(int proposal) const {
  const std::lock_guard lock(mutex_);
  return untrained_.count(proposal) > 0;
}

void ResultStore::add(const EvalRecord& record) {
  EvalRecord stamped = record;
  if (stamped.unix_time == 0.0) {
    stamped.unix_time =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  const std::lock_guard lock(mutex_);
  journal_.append(to_json(stamped));
  ++appended_;
  remember(std::move(stamped));
}

std::size_t ResultStore::appended() const {
  const std::lock_guard lock(mutex_);
  return appended_;
}

std::vector<EvalRecord> ResultStore::records() const {
  const std::lock_guard lock(mutex_);
  return {records_.begin(), records_.end()};
}

}  // namespace actsearch::search
