// The rediscovery paragraph: did the search find Swish-like and piecewise-linear functions,
// where do the best of them rank, and how do they compare with ReLU.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "search/report/model.hpp"
#include "search/report/nearest_format.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;

std::string versus_relu(const RankedFunction& f) {
  if (!std::isfinite(f.delta_relu)) return "";
  std::string out = fmt::format(", {} against ReLU", rf::points(f.delta_relu));
  if (std::isfinite(f.p_vs_relu)) {
    const bool significant = f.p_vs_relu < 0.05;
    out += fmt::format(" (score difference {}significant: p = {}, Holm-corrected)",
                       significant ? "" : "not ", rf::p_value(f.p_vs_relu));
  }
  return out;
}

std::string nearest_phrase(const grammar::Nearest& n) {
  return fmt::format("nearest {} at distance {}", describe(n), rf::distance(n.distance));
}

// The best ranked row of `family`, or null.
const RankedFunction* best_ranked(const ReportModel& m, const std::string& family) {
  for (const RankedFunction& f : m.top) {
    if (f.family == family) return &f;
  }
  return nullptr;
}

// Position of the best row of `family` by screening accuracy among all trained functions.
std::pair<const CandidateRow*, std::size_t> best_screened(const ReportModel& m,
                                                          const std::string& family) {
  std::vector<const CandidateRow*> trained;
  for (const CandidateRow& c : m.candidates) {
    if (c.screen_accuracy.n > 0) trained.push_back(&c);
  }
  std::stable_sort(trained.begin(), trained.end(), [](const auto* a, const auto* b) {
    return a->screen_accuracy.mean > b->screen_accuracy.mean;
  });
  for (std::size_t i = 0; i < trained.size(); ++i) {
    if (trained[i]->family == family) return {trained[i], i + 1};
  }
  return {nullptr, 0};
}

std::string family_sentence(const ReportModel& m, const std::string& family) {
  const std::size_t found = static_cast<std::size_t>(
      std::count_if(m.candidates.begin(), m.candidates.end(), [&](const CandidateRow& c) {
        return c.family == family && c.status != EvalStatus::Rejected;
      }));
  if (found == 0) {
    return fmt::format("No {} function was found among the {} functions trained.", family,
                       m.summary.counts.distinct);
  }
  std::string out = fmt::format("{} {} function{} found among the {} trained. ", found, family,
                                found == 1 ? " was" : "s were", m.summary.counts.distinct);
  const std::string stage = m.final_stage_done ? "final ranking" : "provisional ranking";
  if (const RankedFunction* f = best_ranked(m, family)) {
    return out + fmt::format(
                     "The best, `{}` ({}), is #{} in the {} with validation accuracy "
                     "{}{}.",
                     rf::expression(f->expr), nearest_phrase(f->nearest), f->rank, stage,
                     rf::percent_ci(f->val_accuracy), versus_relu(*f));
  }
  const auto [c, position] = best_screened(m, family);
  if (c == nullptr) return out + fmt::format("None of them finished a training.");
  return out + fmt::format(
                   "None reached the top {} of the {}; the best, `{}` ({}), is #{} of {} by "
                   "screening accuracy ({}; ReLU {}).",
                   m.top.size(), stage, rf::expression(c->expr), nearest_phrase(c->nearest),
                   position, m.progress.size(), rf::percent(c->screen_accuracy.mean),
                   rf::percent(m.relu_screen_accuracy));
}

std::string relu_sentence(const ReportModel& m) {
  if (!m.final_stage_done) {
    return fmt::format(
        "The final stage has not run yet: ranks are provisional (accuracy at the highest rung "
        "reached), without test accuracy or p-values; ReLU's screening accuracy is {}.",
        rf::percent(m.relu_screen_accuracy));
  }
  for (const RankedFunction& b : m.baselines) {
    if (b.name != "relu") continue;
    return fmt::format("ReLU itself is #{} of {} in the final ranking with validation accuracy {}.",
                       b.rank, m.top.size() + m.baselines.size(), rf::percent_ci(b.val_accuracy));
  }
  return "ReLU has no complete final-stage training, so no comparison with it is possible yet.";
}

}  // namespace

std::vector<std::string> rediscovery_sentences(const ReportModel& m) {
  return {family_sentence(m, "swish-like"), family_sentence(m, "piecewise-linear"),
          relu_sentence(m)};
}

}  // namespace actsearch::search
