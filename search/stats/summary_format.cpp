// The ranking of a summary as `actsearch search` prints it when a run ends.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "search/stats/format.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;

// "mean ± std"; "-" when the mean is undefined.
std::string cell(const MeanCI& stats, int decimals) {
  if (!std::isfinite(stats.mean)) return "-";
  if (!std::isfinite(stats.std)) return rf::fixed(stats.mean, decimals);
  return fmt::format("{} ± {}", rf::fixed(stats.mean, decimals), rf::fixed(stats.std, decimals));
}

std::string p_value(double p) { return std::isfinite(p) ? fmt::format("{:.3g}", p) : "-"; }

}  // namespace

std::string format_ranking(const RunSummary& summary, std::size_t candidates) {
  struct Row {
    std::string name;
    const FinalStanding* entry;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < summary.top.size() && i < candidates; ++i) {
    rows.push_back({rf::expression(summary.top[i].expr), &summary.top[i]});
  }
  for (const FinalStanding& b : summary.baselines) rows.push_back({b.name + " (baseline)", &b});
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.entry->rank < b.entry->rank; });
  std::string out = fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", "rank", "score",
                                "val accuracy", "test accuracy", "p vs relu", "function");
  for (const Row& r : rows) {
    const FinalStanding& e = *r.entry;
    out += fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", e.rank, cell(e.score, 3),
                       cell(e.val_accuracy, 4), cell(e.test_accuracy, 4), p_value(e.p_vs_relu),
                       r.name);
  }
  return out;
}

}  // namespace actsearch::search
