// The ranking of a summary as `actsearch search` prints it when a run ends.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/stats/format.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;

// "mean ± std" of a {"mean", "std"} statistic; "-" when the mean is undefined.
std::string cell(const nlohmann::json& stats, int decimals) {
  const nlohmann::json& m = stats.at("mean");
  const nlohmann::json& sd = stats.at("std");
  if (m.is_null()) return "-";
  if (sd.is_null()) return rf::fixed(m.get<double>(), decimals);
  return fmt::format("{} ± {}", rf::fixed(m.get<double>(), decimals),
                     rf::fixed(sd.get<double>(), decimals));
}

std::string p_value(const nlohmann::json& p) {
  return p.is_null() ? "-" : fmt::format("{:.3g}", p.get<double>());
}

}  // namespace

std::string format_ranking(const nlohmann::json& summary, std::size_t candidates) {
  struct Row {
    int rank;
    std::string name;
    const nlohmann::json* entry;
  };
  std::vector<Row> rows;
  const nlohmann::json& top = summary.at("top");
  for (std::size_t i = 0; i < top.size() && i < candidates; ++i) {
    rows.push_back({top[i].at("rank").get<int>(),
                    rf::expression(top[i].at("expr").get<std::string>()), &top[i]});
  }
  for (const nlohmann::json& b : summary.at("baselines")) {
    rows.push_back({b.at("rank").get<int>(), b.at("name").get<std::string>() + " (baseline)", &b});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.rank < b.rank; });
  std::string out = fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", "rank", "score",
                                "val accuracy", "test accuracy", "p vs relu", "function");
  for (const Row& r : rows) {
    const nlohmann::json& e = *r.entry;
    out += fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", r.rank, cell(e.at("score"), 3),
                       cell(e.at("val_accuracy"), 4), cell(e.at("test_accuracy"), 4),
                       p_value(e.at("p_vs_relu")), r.name);
  }
  return out;
}

}  // namespace actsearch::search
