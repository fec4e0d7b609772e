#pragma once
// Data sets loaded once per run and shared read-only by every training thread.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "nn/data/dataset.hpp"
#include "nn/data/task.hpp"

namespace actsearch::search {

class DataCache {
 public:
  /// The split described by `spec`, loaded (nn::load_task) on first use. Thread-safe; the
  /// reference stays valid and unchanged for the cache's lifetime. Tasks that differ only
  /// in their network share one split. Throws what nn::load_task throws (nothing is cached
  /// then).
  const nn::Split& get(const nn::TaskSpec& spec);

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<const nn::Split>> splits_;  // by the spec's fields
};

}  // namespace actsearch::search
