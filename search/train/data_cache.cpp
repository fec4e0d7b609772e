#include "search/train/data_cache.hpp"

namespace actsearch::search {
namespace {

std::string key_of(const nn::TaskSpec& s) {
  // '\n' cannot occur in a kind and only in a path that has it, so the key is unambiguous.
  return s.kind + '\n' + s.path + '\n' + std::to_string(s.train) + ' ' + std::to_string(s.val) +
         ' ' + std::to_string(s.test) + ' ' + std::to_string(s.data_seed) + ' ' +
         (s.regression ? "r" : "c");
}

}  // namespace

const nn::Split& DataCache::get(const nn::TaskSpec& spec) {
  const std::string key = key_of(spec);
  // Loading under the lock: a run has a few tasks, each loaded once, usually before the
  // first batch.
  const std::lock_guard lock(mutex_);
  auto it = splits_.find(key);
  if (it == splits_.end()) {
    it = splits_.emplace(key, std::make_unique<const nn::Split>(nn::load_task(spec))).first;
  }
  return *it->second;
}

}  // namespace actsearch::search
