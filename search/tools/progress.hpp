#pragma once
// Progress of a long run on stderr: a redrawn bar on a terminal, a plain line every few
// seconds in a log file, nothing with --quiet.

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace actsearch::search {

struct ProgressOptions {
  double interval_seconds = 5.0;  // plain output: at most one line per interval
  double redraw_seconds = 0.1;    // terminal: at most one redraw per interval
  std::size_t width = 80;         // terminal columns; the best expression is cut to fit
  std::size_t initial_done = 0;   // done before this process started (resume): not in the rate
  std::function<double()> clock;  // monotonic seconds; empty means std::chrono::steady_clock
};

/// "m:ss" below an hour, "h:mm:ss" above; "?" when not finite or negative.
std::string format_duration(double seconds);

/// True when stderr is a terminal (isatty), the usual `tty` argument of Progress.
bool stderr_is_terminal();

/// Reports `done` of `total` units (0 = unknown total: no bar, no ETA) with the best score so
/// far, elapsed time since construction and an ETA from the rate since construction.
/// tty: one line redrawn with '\r' and erase-to-end-of-line; otherwise plain lines.
/// quiet: prints nothing at all. Not thread-safe: call from the thread that owns `out`.
class Progress {
 public:
  Progress(std::size_t total, bool tty, bool quiet, std::ostream& out,
           ProgressOptions options = {});
  /// Ends a drawn terminal line with '\n' if finish() was not called (e.g. on an error), so
  /// the next message starts on its own line.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Records the state and prints it if the rate limit allows. best_score is NaN while
  /// nothing has been scored yet.
  void update(std::size_t done, double best_score, std::string_view best_expr);

  /// Prints the final state (a terminal line is completed with '\n'). Later calls and
  /// updates print nothing.
  void finish();

 private:
  double now() const;
  std::string status_line(double now, bool for_terminal) const;
  void print(double now);

  std::size_t total_;
  bool tty_;
  bool quiet_;
  std::ostream& out_;
  ProgressOptions options_;
  double start_ = 0.0;
  double last_print_ = 0.0;
  bool drawn_ = false;
  bool finished_ = false;
  std::size_t done_ = 0;
  double best_score_;
  std::string best_expr_;
};

}  // namespace actsearch::search
