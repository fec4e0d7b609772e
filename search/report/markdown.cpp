#include "search/report/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "search/report/nearest_format.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;

// A table cell: '|' would end the cell and a newline the row.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

// An expression (or a built-in's name) as inline code, rounded for reading.
std::string code(std::string_view text) {
  return text.empty() ? "" : fmt::format("`{}`", cell(rf::expression(text)));
}

std::string params_cell(const std::vector<std::pair<std::string, double>>& params) {
  const std::string text = params_text(params);
  return text.empty() ? rf::kMissing : cell(text);
}

std::string header(const ReportModel& m) {
  std::string out = fmt::format("# actsearch run `{}`\n\n", m.run_name);
  out += m.final_stage_done
             ? "Final stage complete: ranks, confidence intervals and test accuracy are final.\n\n"
             : "**The final stage has not run** (the search is still going or stopped early): "
               "the ranking below is provisional, from the highest rung each function reached.\n\n";
  const RunCounts& c = m.summary.counts;
  out += fmt::format(
      "- {} proposals: {} distinct functions trained, {} duplicates, {} rejected by the screen, "
      "{} diverged\n",
      c.proposals, c.distinct, c.duplicates, c.rejected, c.diverged);
  for (const auto& [reason, n] : c.rejected_by_reason) {
    out += fmt::format("  - rejected, {}: {}\n", reason.empty() ? "no reason given" : reason, n);
  }
  out += fmt::format("- {} trainings in {} wall time ({} trainings/min, {} of training)\n\n",
                     c.trainings, rf::duration(m.summary.timing.wall_seconds),
                     rf::real(m.summary.timing.trainings_per_minute),
                     rf::duration(m.summary.timing.train_seconds));
  return out;
}

std::string rediscovery(const ReportModel& m) {
  std::string out = "## Rediscovery\n\n";
  for (const std::string& s : rediscovery_sentences(m)) out += s + "\n";
  return out + "\n";
}

std::string nearest_cell(const RankedFunction& f) {
  return f.nearest.name == "none" ? rf::kMissing : cell(describe(f.nearest));
}

std::string ranked_table(const ReportModel& m) {
  std::string out = fmt::format("## Top {} functions\n\n", m.top.size());
  if (m.top.empty()) return out + "No function has finished a training yet.\n\n";
  out +=
      "| Rank | Expression | Complexity | Val. accuracy ± 95% CI | Seeds | Δ vs ReLU | p (Holm) "
      "| Test accuracy | Learned parameters | Nearest known | Distance | Family |\n"
      "|---:|---|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n";
  for (const RankedFunction& f : m.top) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", f.rank,
                       code(f.expr), f.complexity, rf::percent_ci(f.val_accuracy), f.seeds,
                       rf::points(f.delta_relu), rf::p_value(f.p_vs_relu),
                       rf::percent_ci(f.test_accuracy), params_cell(f.params), nearest_cell(f),
                       rf::distance(f.nearest.distance), f.family);
  }
  return out + "\n" + rf::rounding_note() + "\n\n";
}

std::string baselines_table(const ReportModel& m) {
  std::string out = "## Baselines\n\n";
  if (m.baselines.empty()) return out + "No baseline has a complete final stage yet.\n\n";
  out +=
      "| Rank | Baseline | Val. accuracy ± 95% CI | Seeds | Δ vs ReLU | p | Test accuracy | "
      "Learned parameters |\n|---:|---|---:|---:|---:|---:|---:|---|\n";
  for (const RankedFunction& b : m.baselines) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", b.rank, cell(b.name),
                       rf::percent_ci(b.val_accuracy), b.seeds, rf::points(b.delta_relu),
                       rf::p_value(b.p_vs_relu), rf::percent_ci(b.test_accuracy),
                       params_cell(b.params));
  }
  return out + "\n";
}

std::string progress(const ReportModel& m) {
  std::string out = "## Best so far\n\n";
  if (m.progress.empty()) return out + "No screening result yet.\n\n";
  out += "| Evaluation | Best screening accuracy |\n|---:|---:|\n";
  double last = -INFINITY;
  for (const ProgressPoint& p : m.progress) {
    if (p.best > last) out += fmt::format("| {} | {} |\n", p.evaluation, rf::percent(p.best));
    last = std::max(last, p.best);
  }
  return out +
         fmt::format("\nReLU's screening accuracy: {}.\n\n", rf::percent(m.relu_screen_accuracy));
}

std::string pareto(const ReportModel& m) {
  std::string out = "## Accuracy against complexity: Pareto front\n\n";
  if (m.pareto.empty()) return out + "No screening result yet.\n\n";
  out += "| Complexity | Screening accuracy | Expression | Family |\n|---:|---:|---|---|\n";
  for (const std::size_t i : m.pareto) {
    const CandidateRow& c = m.candidates[i];
    out += fmt::format("| {} | {} | {} | {} |\n", c.complexity, rf::percent(c.screen_accuracy.mean),
                       code(c.expr), c.family);
  }
  return out + "\n";
}

std::string learned_shapes(const ReportModel& m) {
  std::string out;
  const auto add = [&](const RankedFunction& f) {
    if (f.params.empty()) return;
    out += fmt::format("- {}: {}\n", code(f.baseline ? f.name : f.expr), params_cell(f.params));
  };
  for (const RankedFunction& f : m.top) add(f);
  for (const RankedFunction& b : m.baselines) add(b);
  if (out.empty()) return "";
  return fmt::format(
      "## Learned parameters (mean over seeds and layers; per-layer shapes in report.html)\n\n{}\n",
      out);
}

std::string configuration(const ReportModel& m) {
  return fmt::format("## Configuration\n\n```json\n{}\n```\n", rf::rounded(m.config).dump(2));
}

}  // namespace

std::string render_markdown(const ReportModel& m) {
  return header(m) + rediscovery(m) + ranked_table(m) + baselines_table(m) + progress(m) +
         pareto(m) + learned_shapes(m) + configuration(m);
}

}  // namespace actsearch::search
