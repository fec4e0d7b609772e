#include "search/cli/search_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace actsearch::cli {
namespace {

std::string cell(const nlohmann::json& stats, int digits) {
  const nlohmann::json& m = stats.at("mean");
  const nlohmann::json& sd = stats.at("std");
  if (m.is_null()) return "-";
  if (sd.is_null()) return fmt::format("{:.{}f}", m.get<double>(), digits);
  return fmt::format("{:.{}f} ± {:.{}f}", m.get<double>(), digits, sd.get<double>(), digits);
}

std::string p_value(const nlohmann::json& p) {
  return p.is_null() ? "-" : fmt::format("{:.3g}", p.get<double>());
}

}  // namespace

ProgressDisplay::ProgressDisplay(bool quiet) : quiet_(quiet), tty_(search::stderr_is_terminal()) {}

void ProgressDisplay::update(const search::RunProgress& p) {
  if (quiet_) return;
  if (progress_ && p.phase != phase_) finish();
  if (!progress_) {
    if (p.phase == search::RunProgress::Phase::Final) std::cerr << "final stage\n";
    search::ProgressOptions options;
    options.initial_done = p.replayed;
    progress_ = std::make_unique<search::Progress>(p.total, tty_, false, std::cerr, options);
    phase_ = p.phase;
  }
  progress_->update(p.done, p.best_score, p.best_expr);
}

void ProgressDisplay::finish() {
  if (progress_) progress_->finish();
  progress_.reset();
}

void print_ranking(std::ostream& out, const nlohmann::json& summary, std::size_t candidates) {
  struct Row {
    int rank;
    std::string name;
    const nlohmann::json* entry;
  };
  std::vector<Row> rows;
  const nlohmann::json& top = summary.at("top");
  for (std::size_t i = 0; i < top.size() && i < candidates; ++i) {
    rows.push_back({top[i].at("rank").get<int>(), top[i].at("expr").get<std::string>(), &top[i]});
  }
  for (const nlohmann::json& b : summary.at("baselines")) {
    rows.push_back({b.at("rank").get<int>(), b.at("name").get<std::string>() + " (baseline)", &b});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.rank < b.rank; });
  out << fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", "rank", "score", "val accuracy",
                     "test accuracy", "p vs relu", "function");
  for (const Row& r : rows) {
    const nlohmann::json& e = *r.entry;
    out << fmt::format("{:>4}  {:<15}  {:<15}  {:<15}  {:>9}  {}\n", r.rank, cell(e.at("score"), 3),
                       cell(e.at("val_accuracy"), 4), cell(e.at("test_accuracy"), 4),
                       p_value(e.at("p_vs_relu")), r.name);
  }
}

}  // namespace actsearch::cli
