#include "search/tools/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <utility>

#include "grammar/base/clock.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search {
namespace {

constexpr std::size_t kBarWidth = 12;
constexpr std::string_view kEraseToEnd = "\x1b[K";

std::string fit(std::string_view text, std::size_t budget) {
  if (text.size() <= budget) return std::string(text);
  if (budget < 4) return "";
  std::string out(text.substr(0, budget - 3));
  out.append("...");
  return out;
}

std::string bar(std::size_t done, std::size_t total) {
  const std::size_t filled = std::min(kBarWidth, done * kBarWidth / total);
  std::string out(kBarWidth + 2, '-');
  out.front() = '[';
  out.back() = ']';
  std::fill_n(out.begin() + 1, filled, '#');
  return out;
}

}  // namespace

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) return "?";
  const auto s = static_cast<long long>(seconds);
  if (s < 3600) return fmt::format("{}:{:02}", s / 60, s % 60);
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::size_t total, bool tty, bool quiet, std::ostream& out,
                   ProgressOptions options)
    : total_(total),
      tty_(tty),
      quiet_(quiet),
      out_(out),
      options_(std::move(options)),
      done_(options_.initial_done),
      best_score_(std::numeric_limits<double>::quiet_NaN()) {
  start_ = now();
  last_print_ = start_;
}

Progress::~Progress() {
  if (tty_ && drawn_ && !finished_) out_ << '\n' << std::flush;
}

double Progress::now() const { return options_.clock ? options_.clock() : steady_seconds(); }

void Progress::update(std::size_t done, double best_score, std::string_view best_expr) {
  if (quiet_ || finished_) return;
  done_ = done;
  best_score_ = best_score;
  best_expr_ = best_expr;
  const double t = now();
  const bool due = tty_ ? (!drawn_ || t - last_print_ >= options_.redraw_seconds)
                        : t - last_print_ >= options_.interval_seconds;
  if (due) print(t);
}

void Progress::finish() {
  if (quiet_ || finished_) return;
  print(now());
  if (tty_) out_ << '\n' << std::flush;
  finished_ = true;
}

void Progress::print(double t) {
  if (tty_) {
    out_ << '\r' << status_line(t, true) << kEraseToEnd << std::flush;
  } else {
    out_ << status_line(t, false) << '\n' << std::flush;
  }
  drawn_ = true;
  last_print_ = t;
}

std::string Progress::status_line(double t, bool for_terminal) const {
  const double elapsed = t - start_;
  const std::size_t new_done = done_ > options_.initial_done ? done_ - options_.initial_done : 0;
  const double rate = elapsed > 0.0 ? static_cast<double>(new_done) / elapsed : 0.0;
  const std::string since = format_duration(elapsed);
  std::string count;
  std::string timing;
  if (total_ > 0) {
    const double remaining = static_cast<double>(total_ - std::min(done_, total_));
    const std::string eta = format_duration(remaining == 0.0 ? 0.0
                                            : rate > 0.0     ? remaining / rate
                                                             : -1.0);
    count = for_terminal
                ? fmt::format("{} {}/{}", bar(done_, total_), done_, total_)
                : fmt::format("{}/{} ({}%)", done_, total_, std::min(done_, total_) * 100 / total_);
    timing =
        fmt::format(fmt::runtime(for_terminal ? "{} ETA {}" : "elapsed {}, ETA {}"), since, eta);
  } else {
    count = fmt::format("{} done", done_);
    timing = fmt::format(fmt::runtime(for_terminal ? "{} {:.1f}/s" : "elapsed {}, {:.1f}/s"), since,
                         rate);
  }
  const bool scored = !std::isnan(best_score_);
  const std::string best = scored ? "best " + report_format::fixed(best_score_, 4) : "best -";
  std::string expr = scored ? best_expr_ : "";
  if (!for_terminal) {
    return fmt::format("progress: {}, {}{}{}, {}", count, best, expr.empty() ? "" : " ", expr,
                       timing);
  }
  // Leave the last column free: writing into it makes some terminals wrap, breaking '\r'.
  const std::size_t fixed = count.size() + best.size() + timing.size() + 4 + 1;
  expr = fit(expr, options_.width > fixed + 1 ? options_.width - fixed - 1 : 0);
  return fmt::format("{} {}{}{} | {}", count, best, expr.empty() ? "" : " ", expr, timing);
}

}  // namespace actsearch::search
