#include "search/report/html.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "search/data/version.hpp"
#include "search/report/html_parts.hpp"
#include "search/report/nearest_format.hpp"
#include "search/report/svg.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search {
namespace {

namespace rf = report_format;
using svg::escape;

std::string card(const std::string& value, const std::string& label) {
  return fmt::format("<div class=\"card\"><b>{}</b><span>{}</span></div>", escape(value),
                     escape(label));
}

std::string params_cell(const std::vector<std::pair<std::string, double>>& params) {
  const std::string text = params_text(params);
  return text.empty() ? rf::kMissing : text;
}

std::string header(const ReportModel& m) {
  const RunCounts& c = m.summary.counts;
  std::string cards = card(std::to_string(c.proposals), "proposals") +
                      card(std::to_string(c.distinct), "distinct trained") +
                      card(std::to_string(c.duplicates), "duplicates") +
                      card(std::to_string(c.rejected), "rejected") +
                      card(std::to_string(c.diverged), "diverged") +
                      card(std::to_string(c.trainings), "trainings") +
                      card(rf::duration(m.summary.timing.wall_seconds), "wall time") +
                      card(rf::real(m.summary.timing.trainings_per_minute), "trainings / min");
  const std::string status =
      m.final_stage_done
          ? "<p class=\"status done\">Final stage complete: ranks, confidence intervals and test "
            "accuracy are final.</p>"
          : "<p class=\"status partial\">The final stage has not run (the search is still going "
            "or stopped early): the ranking is provisional, from the highest rung each function "
            "reached.</p>";
  return fmt::format(
      "<header><h1>actsearch run <code>{}</code></h1>\n{}\n<div "
      "class=\"cards\">{}</div></header>\n",
      escape(m.run_name), status, cards);
}

std::string rediscovery(const ReportModel& m) {
  std::string out = "<section id=\"rediscovery\"><h2>Rediscovery</h2>\n";
  for (const std::string& s : rediscovery_sentences(m)) {
    out += fmt::format("<p>{}</p>\n", html::inline_code(s));
  }
  return out + "</section>\n";
}

std::string family_pill(const std::string& family) {
  return fmt::format("<span class=\"pill {}\">{}</span>", html::family_class(family),
                     escape(family));
}

// Expressions up to this length stay on one line in the ranked table.
constexpr std::size_t kShortExpression = 28;

std::string ranked_row(const RankedFunction& f) {
  const std::string expr = rf::expression(f.expr);
  return fmt::format(
      "<tr><td class=\"num\">{}</td><td class=\"{}\"><code>{}</code></td><td class=\"num\">{}</td>"
      "<td class=\"num\" title=\"95% CI {}\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
      f.rank, expr.size() > kShortExpression ? "expr long" : "expr", escape(expr), f.complexity,
      rf::ci_range(f.val_accuracy), escape(rf::percent_ci(f.val_accuracy)), f.seeds,
      escape(rf::points(f.delta_relu)), escape(rf::p_value(f.p_vs_relu)),
      escape(rf::percent_ci(f.test_accuracy)), escape(params_cell(f.params)),
      f.nearest.name == "none" ? rf::kMissing : escape(describe(f.nearest)),
      rf::distance(f.nearest.distance), family_pill(f.family));
}

std::string ranked_table(const ReportModel& m) {
  std::string out =
      fmt::format("<section id=\"ranking\"><h2>Top {} functions</h2>\n", m.top.size());
  if (m.top.empty()) return out + "<p>No function has finished a training yet.</p></section>\n";
  out +=
      "<div class=\"scroll\"><table><thead><tr><th>Rank</th><th>Expression</th><th>Size</th>"
      "<th>Val. accuracy ± 95% CI</th><th>Seeds</th><th>Δ vs ReLU</th><th>p (Holm)</th>"
      "<th>Test accuracy</th><th>Learned parameters</th><th>Nearest known</th><th>Distance</th>"
      "<th>Family</th></tr></thead>\n<tbody>\n";
  for (const RankedFunction& f : m.top) out += ranked_row(f);
  out += "</tbody></table></div>\n";
  out +=
      "<p class=\"note\">Rank: position among candidates and baselines together by mean final "
      "score (validation loss normalised per task: chance 0, ReLU 1). Accuracies are means over "
      "seeds of the mean over tasks. p: Welch's t-test of the per-seed scores against ReLU, "
      "Holm-corrected over this table. Distance: normalised weighted RMS to the nearest known "
      "activation up to a positive scale (0 = same shape). " +
      html::inline_code(rf::rounding_note()) + "</p>\n";
  return out + "</section>\n";
}

std::string baselines_table(const ReportModel& m) {
  std::string out = "<section id=\"baselines\"><h2>Baselines</h2>\n";
  if (m.baselines.empty()) {
    return out + "<p>No baseline has a complete final stage yet.</p></section>\n";
  }
  out +=
      "<div class=\"scroll\"><table><thead><tr><th>Rank</th><th>Baseline</th>"
      "<th>Val. accuracy ± 95% CI</th><th>Seeds</th><th>Δ vs ReLU</th><th>p</th>"
      "<th>Test accuracy</th><th>Learned parameters</th></tr></thead>\n<tbody>\n";
  for (const RankedFunction& b : m.baselines) {
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td><code>{}</code></td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
        b.rank, escape(b.name), escape(rf::percent_ci(b.val_accuracy)), b.seeds,
        escape(rf::points(b.delta_relu)), escape(rf::p_value(b.p_vs_relu)),
        escape(rf::percent_ci(b.test_accuracy)), escape(params_cell(b.params)));
  }
  return out + "</tbody></table></div></section>\n";
}

std::string rejections(const ReportModel& m) {
  if (m.summary.counts.rejected_by_reason.empty()) return "";
  std::string out =
      "<section id=\"rejections\"><h2>Rejected by the screen</h2>\n<table class=\"narrow\">"
      "<thead><tr><th>Reason</th><th>Proposals</th></tr></thead><tbody>\n";
  for (const auto& [reason, n] : m.summary.counts.rejected_by_reason) {
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
                       escape(reason.empty() ? "no reason given" : reason), n);
  }
  return out + "</tbody></table></section>\n";
}

// config.json as key/value rows: nested keys joined with '.', arrays of scalars as lists.
void flatten(const nlohmann::json& j, const std::string& key, std::string& rows) {
  const bool scalars = j.is_array() && std::none_of(j.begin(), j.end(), [](const auto& v) {
                         return v.is_structured();
                       });
  if (j.is_object() || (j.is_array() && !scalars)) {
    for (const auto& [k, v] : j.items()) {
      const std::string sub = key.empty()    ? k
                              : j.is_array() ? fmt::format("{}[{}]", key, k)
                                             : fmt::format("{}.{}", key, k);
      flatten(v, sub, rows);
    }
    return;
  }
  std::string value = j.is_string() ? j.get<std::string>() : j.dump();
  if (scalars) {
    value.clear();
    for (const auto& v : j) {
      if (!value.empty()) value += ", ";
      value += v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  rows += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", escape(key), escape(value));
}

std::string configuration(const ReportModel& m) {
  std::string rows;
  flatten(rf::rounded(m.config), "", rows);
  return fmt::format(
      "<section id=\"config\"><h2>Configuration</h2>\n<table class=\"config\"><tbody>\n{}"
      "</tbody></table></section>\n",
      rows);
}

}  // namespace

namespace html {

std::string inline_code(std::string_view text) {
  std::string out;
  bool open = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '`') continue;
    out += escape(text.substr(start, i - start));
    if (i < text.size()) out += open ? "</code>" : "<code>", open = !open;
    start = i + 1;
  }
  return open ? out + "</code>" : out;
}

std::string family_class(std::string_view family) {
  std::string out = "fam-";
  for (const char c : family) out += c == ' ' ? '-' : c;
  return out;
}

}  // namespace html

std::string render_html(const ReportModel& m) {
  return fmt::format(
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>"
      "<meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"/>\n<title>actsearch run {}</title>\n<style>{}</style></head>\n<body>\n"
      "{}{}{}{}{}{}{}{}{}<footer>Generated by actsearch {} from config.json and journal.jsonl; "
      "rebuild with <code>actsearch report DIR</code>.</footer>\n</body>\n</html>\n",
      escape(m.run_name), html::kStyle, header(m), rediscovery(m), ranked_table(m),
      html::function_plots(m), html::learned_shape_plots(m), baselines_table(m),
      html::search_plots(m), rejections(m), configuration(m), escape(version()));
}

}  // namespace actsearch::search
