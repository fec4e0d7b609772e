// Progress output with a fake clock: exact lines, rate limits, ETA (also after a resume),
// terminal redraws that fit the width, and silence with --quiet.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "search/tools/progress.hpp"

namespace actsearch::search {
namespace {

constexpr double kNoScore = NAN;

struct FakeClock {
  double now = 100.0;  // an arbitrary origin: elapsed time counts from construction
  ProgressOptions options() {
    ProgressOptions o;
    o.clock = [this] { return now; };
    return o;
  }
};

TEST(Progress, FormatsDurations) {
  EXPECT_EQ(format_duration(0.0), "0:00");
  EXPECT_EQ(format_duration(65.9), "1:05");
  EXPECT_EQ(format_duration(3725.0), "1:02:05");
  EXPECT_EQ(format_duration(NAN), "?");
  EXPECT_EQ(format_duration(-1.0), "?");
}

TEST(Progress, QuietPrintsNothing) {
  FakeClock clock;
  std::ostringstream out;
  {
    Progress p(10, true, true, out, clock.options());
    clock.now += 60;
    p.update(5, 0.5, "x");
    p.finish();
  }
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, PlainLinesAtMostEveryInterval) {
  FakeClock clock;
  std::ostringstream out;
  Progress p(100, false, false, out, clock.options());
  clock.now += 1;
  p.update(2, kNoScore, "");
  EXPECT_EQ(out.str(), "");  // too early
  clock.now += 4;
  p.update(10, 0.95, "x*sigmoid(x)");
  EXPECT_EQ(out.str(),
            "progress: 10/100 (10%), best 0.9500 x*sigmoid(x), elapsed 0:05, ETA 0:45\n");
  out.str("");
  clock.now += 4.9;
  p.update(11, 0.95, "x*sigmoid(x)");
  EXPECT_EQ(out.str(), "");
  clock.now += 0.1;
  p.update(20, 1.25, "max(x,0)");
  EXPECT_EQ(out.str(), "progress: 20/100 (20%), best 1.250 max(x,0), elapsed 0:10, ETA 0:40\n");
  out.str("");
  clock.now += 1;
  p.update(100, 1.25, "max(x,0)");
  p.finish();
  p.finish();
  p.update(100, 1.25, "max(x,0)");
  EXPECT_EQ(out.str(), "progress: 100/100 (100%), best 1.250 max(x,0), elapsed 0:11, ETA 0:00\n");
}

TEST(Progress, IntervalIsConfigurableAndTotalMayBeUnknown) {
  FakeClock clock;
  ProgressOptions o = clock.options();
  o.interval_seconds = 1.0;
  std::ostringstream out;
  Progress p(0, false, false, out, o);
  clock.now += 1;
  p.update(7, kNoScore, "");
  clock.now += 1;
  p.update(14, 0.5, "x");
  EXPECT_EQ(out.str(),
            "progress: 7 done, best -, elapsed 0:01, 7.0/s\n"
            "progress: 14 done, best 0.5000 x, elapsed 0:02, 7.0/s\n");
}

TEST(Progress, EtaAfterResumeCountsOnlyNewWork) {
  FakeClock clock;
  ProgressOptions o = clock.options();
  o.initial_done = 500;
  std::ostringstream out;
  Progress p(1000, false, false, out, o);
  clock.now += 10;
  p.update(600, 2.0, "x");  // 100 new in 10 s: 400 left take 40 s
  EXPECT_EQ(out.str(), "progress: 600/1000 (60%), best 2.000 x, elapsed 0:10, ETA 0:40\n");
  std::ostringstream early;
  Progress q(1000, false, false, early, o);
  clock.now += 5;
  q.update(500, 2.0, "x");  // nothing new yet: no rate, no ETA
  EXPECT_EQ(early.str(), "progress: 500/1000 (50%), best 2.000 x, elapsed 0:05, ETA ?\n");
}

TEST(Progress, TerminalRedrawsOneLine) {
  FakeClock clock;
  std::ostringstream out;
  Progress p(100, true, false, out, clock.options());
  clock.now += 5;
  p.update(10, 0.95, "x*sigmoid(x)");
  const std::string first =
      "\r[#-----------] 10/100 best 0.9500 x*sigmoid(x) | 0:05 ETA 0:45\x1b[K";
  EXPECT_EQ(out.str(), first);
  clock.now += 0.05;
  p.update(11, 0.95, "x*sigmoid(x)");
  EXPECT_EQ(out.str(), first);  // redraws are rate-limited
  clock.now += 4.95;
  p.update(100, 1.0, "x");
  p.finish();
  const std::string last = "\r[############] 100/100 best 1.000 x | 0:10 ETA 0:00\x1b[K";
  EXPECT_EQ(out.str(), first + last + last + "\n");
}

TEST(Progress, TerminalLineFitsTheWidth) {
  FakeClock clock;
  ProgressOptions o = clock.options();
  o.width = 80;
  std::ostringstream out;
  Progress p(5000, true, false, out, o);
  const std::string long_expr(200, 'x');
  clock.now += 3600;
  p.update(1234, 0.123, long_expr);
  std::string line = out.str();
  ASSERT_EQ(line.front(), '\r');
  ASSERT_EQ(line.substr(line.size() - 3), "\x1b[K");
  line = line.substr(1, line.size() - 4);
  EXPECT_EQ(line.size(), 79u);
  EXPECT_NE(line.find("best 0.1230 xxxxxxxxxxxxxxxxx... | 1:00:00 ETA 3:03:06"), std::string::npos)
      << line;
  ProgressOptions narrow = clock.options();
  narrow.width = 10;  // too narrow for the expression: it is left out, nothing breaks
  std::ostringstream small;
  Progress q(5000, true, false, small, narrow);
  q.update(1, 0.5, long_expr);
  EXPECT_EQ(small.str(), "\r[------------] 1/5000 best 0.5000 | 0:00 ETA ?\x1b[K");
}

TEST(Progress, UnfinishedTerminalLineIsEndedOnDestruction) {
  FakeClock clock;
  std::ostringstream out;
  {
    Progress p(10, true, false, out, clock.options());
    p.update(1, kNoScore, "");
  }
  EXPECT_EQ(out.str(), "\r[#-----------] 1/10 best - | 0:00 ETA ?\x1b[K\n");
}

}  // namespace
}  // namespace actsearch::search
