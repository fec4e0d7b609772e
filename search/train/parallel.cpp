#include "search/train/parallel.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#if defined(__SANITIZE_THREAD__)
#define ACTSEARCH_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ACTSEARCH_TSAN 1
#endif
#endif

#ifdef ACTSEARCH_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace actsearch::search {
namespace {

// Debian's libtbb is not built with ThreadSanitizer, so TSan cannot see that TBB orders each
// task after the code before the loop and the code after the loop after every task: without
// these edges it reports every hand-off as a race, and with them it still checks the tasks
// against each other. Two addresses, so that tasks do not synchronise with one another.
class ForkJoinEdges {
 public:
  void fork() { release(&fork_); }
  void task_begins() { acquire(&fork_); }
  void task_ends() { release(&join_); }
  void join() { acquire(&join_); }

 private:
#ifdef ACTSEARCH_TSAN
  static void release(void* address) { __tsan_release(address); }
  static void acquire(void* address) { __tsan_acquire(address); }
#else
  static void release(void*) {}
  static void acquire(void*) {}
#endif
  char fork_ = 0;
  char join_ = 0;
};

}  // namespace

void parallel_for_each_index(std::size_t n, const std::function<void(std::size_t)>& body) {
  ForkJoinEdges edges;
  edges.fork();
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, n, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        edges.task_begins();
        for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
        edges.task_ends();
      },
      tbb::simple_partitioner());
  edges.join();
}

}  // namespace actsearch::search
