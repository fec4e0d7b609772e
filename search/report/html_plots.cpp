// The plot sections of report.html.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "search/report/html_parts.hpp"
#include "search/report/svg.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search::html {
namespace {

namespace rf = report_format;

svg::Series series(const std::vector<double>& x, const std::vector<double>& y,
                   std::string css_class, std::string color = "") {
  return {x, y, std::move(css_class), std::move(color)};
}

// All of f, and f' without its most extreme 2% at each end: the derivative of a function
// with a near-kink (safe_log near 0) spikes to hundreds and would flatten f.
svg::Range function_range(const Curve& c) {
  std::vector<double> df;
  for (const double v : c.df) {
    if (std::isfinite(v)) df.push_back(v);
  }
  std::sort(df.begin(), df.end());
  std::vector<double> shown = c.f;
  if (!df.empty()) {
    shown.push_back(df[df.size() / 50]);
    shown.push_back(df[df.size() - 1 - df.size() / 50]);
  }
  return svg::fit_range({&shown}, true, 1.0);
}

// f and f' of one function over ReLU and Swish.
std::string function_plot(const ReportModel& m, const RankedFunction& f, int index) {
  svg::Plot p;
  p.id = fmt::format("fn{}", index);
  p.x_min = -5.0, p.x_max = 5.0;
  const svg::Range r = function_range(f.curve);
  p.y_min = r.lo, p.y_max = r.hi;
  p.lines = {series(m.relu_curve.x, m.relu_curve.f, "ref relu"),
             series(m.swish_curve.x, m.swish_curve.f, "ref swish"),
             series(f.curve.x, f.curve.df, "df"), series(f.curve.x, f.curve.f, "f")};
  p.aria_label = fmt::format("f and its derivative for {}", rf::expression(f.expr));
  return svg::render(p);
}

std::string figure(const std::string& plot, const std::string& caption) {
  return fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", plot, caption);
}

// "; beta by layer: 1.3, 1.7" for functions with one or two parameters (PWLU's 21 would
// not read).
std::string layer_values(const RankedFunction& f) {
  constexpr std::size_t kListed = 2;
  if (f.params.empty() || f.params.size() > kListed) return "";
  std::string out;
  for (std::size_t k = 0; k < f.params.size(); ++k) {
    std::string values;
    for (const std::vector<double>& layer : f.layer_params) {
      if (!values.empty()) values += ", ";
      values += k < layer.size() ? rf::real(layer[k]) : rf::kMissing;
    }
    out += fmt::format("; {} by layer: {}", svg::escape(f.params[k].first), values);
  }
  return out;
}

// Light to dark: shallow layers light, deep layers dark.
std::string layer_color(std::size_t layer, std::size_t layers) {
  const double t = layers <= 1 ? 1.0 : static_cast<double>(layer) / (layers - 1);
  const auto mix = [&](int light, int dark) {
    return static_cast<int>(std::lround(light + t * (dark - light)));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0x9e, 0x08), mix(0xca, 0x30), mix(0xe1, 0x6b));
}

std::string layer_plot(const ReportModel& m, const RankedFunction& f, int index) {
  svg::Plot p;
  p.id = fmt::format("layers{}", index);
  p.x_min = -5.0, p.x_max = 5.0;
  std::vector<const std::vector<double>*> ys;
  for (const Curve& c : f.layers) ys.push_back(&c.f);
  const svg::Range r = svg::fit_range(ys, true, 1.0);
  p.y_min = r.lo, p.y_max = r.hi;
  p.lines.push_back(series(m.relu_curve.x, m.relu_curve.f, "ref relu"));
  for (std::size_t i = 0; i < f.layers.size(); ++i) {
    p.lines.push_back(
        series(f.layers[i].x, f.layers[i].f, "layer", layer_color(i, f.layers.size())));
  }
  p.aria_label = fmt::format("learned shape per layer of {}", rf::expression(f.name));
  return svg::render(p);
}

// The lowest accuracy to show: below most of the points and ReLU, so a few diverged
// functions near chance do not squash the interesting range. Points below are counted.
double accuracy_floor(const ReportModel& m) {
  std::vector<double> acc;
  for (const ProgressPoint& p : m.progress) {
    if (std::isfinite(p.accuracy)) acc.push_back(p.accuracy);
  }
  if (acc.empty()) return 0.0;
  std::sort(acc.begin(), acc.end());
  double floor = acc[acc.size() / 10];
  if (std::isfinite(m.relu_screen_accuracy)) floor = std::min(floor, m.relu_screen_accuracy);
  return floor;
}

svg::Series relu_line(const ReportModel& m, double x_min, double x_max) {
  return series({x_min, x_max}, {m.relu_screen_accuracy, m.relu_screen_accuracy}, "relu-line");
}

std::string progress_plot(const ReportModel& m, double floor, double top) {
  svg::Plot p;
  p.id = "progress";
  p.width = 460, p.height = 260;
  p.x_label = "distinct functions evaluated";
  p.y_label = "screening accuracy";
  p.x_min = 0.0, p.x_max = std::max<double>(1.0, m.progress.size());
  p.y_min = floor, p.y_max = top;
  std::vector<double> x, best;
  for (const ProgressPoint& pt : m.progress) {
    p.points.push_back({static_cast<double>(pt.evaluation), pt.accuracy, "pt", ""});
    x.push_back(static_cast<double>(pt.evaluation));
    best.push_back(pt.best);
  }
  p.lines = {relu_line(m, p.x_min, p.x_max), series(x, best, "best")};
  p.aria_label = "best screening accuracy so far against the number of functions evaluated";
  return svg::render(p);
}

std::string pareto_plot(const ReportModel& m, double floor, double top) {
  svg::Plot p;
  p.id = "pareto";
  p.width = 460, p.height = 260;
  p.x_label = "complexity (nodes)";
  p.y_label = "screening accuracy";
  double max_complexity = 1.0;
  for (const CandidateRow& c : m.candidates) {
    if (c.screen_accuracy.n == 0 || c.complexity == 0) continue;
    max_complexity = std::max(max_complexity, static_cast<double>(c.complexity));
    p.points.push_back(
        {static_cast<double>(c.complexity), c.screen_accuracy.mean, "pt",
         fmt::format("{} ({})", rf::expression(c.expr), rf::percent(c.screen_accuracy.mean))});
  }
  p.x_min = 0.0, p.x_max = max_complexity + 1.0;
  p.y_min = floor, p.y_max = top;
  std::vector<double> fx, fy;
  for (const std::size_t i : m.pareto) {
    const CandidateRow& c = m.candidates[i];
    if (!fx.empty()) fx.push_back(static_cast<double>(c.complexity)), fy.push_back(fy.back());
    fx.push_back(static_cast<double>(c.complexity));
    fy.push_back(c.screen_accuracy.mean);
    p.points.push_back(
        {fx.back(), fy.back(), "pareto",
         fmt::format("Pareto: {} ({})", rf::expression(c.expr), rf::percent(fy.back()))});
  }
  p.lines = {relu_line(m, p.x_min, p.x_max), series(fx, fy, "front")};
  p.aria_label = "screening accuracy against complexity with the Pareto front";
  return svg::render(p);
}

}  // namespace

std::string function_plots(const ReportModel& m) {
  std::string figures;
  int index = 0;
  for (const RankedFunction& f : m.top) {
    ++index;
    if (f.curve.x.empty()) continue;
    figures += figure(function_plot(m, f, index),
                      fmt::format("<span class=\"rank\">#{}</span> <code>{}</code>", f.rank,
                                  svg::escape(rf::expression(f.expr))));
  }
  if (figures.empty()) return "";
  return "<section id=\"shapes\"><h2>What they look like</h2>\n"
         "<p class=\"legend\"><span class=\"key f\"></span>f(x) <span class=\"key df\"></span>"
         "f\u2032(x) <span class=\"key relu\"></span>ReLU <span class=\"key swish\"></span>"
         "Swish (x\u00b7sigmoid(x)) \u2014 on x \u2208 [\u22125, 5], at the learned parameters "
         "(mean over seeds and layers)</p>\n"
         "<div class=\"plots\">\n" +
         std::move(figures).append("</div></section>\n");
}

std::string learned_shape_plots(const ReportModel& m) {
  std::string figures;
  int index = 0;
  const auto add = [&](const RankedFunction& f) {
    ++index;
    if (f.layers.empty()) return;
    figures += figure(layer_plot(m, f, index),
                      fmt::format("<code>{}</code> \u2014 {} layers{}",
                                  svg::escape(rf::expression(f.baseline ? f.name : f.expr)),
                                  f.layers.size(), layer_values(f)));
  };
  for (const RankedFunction& f : m.top) add(f);
  for (const RankedFunction& b : m.baselines) add(b);
  if (figures.empty()) return "";
  return "<section id=\"learned\"><h2>Learned shapes per layer (best seed)</h2>\n"
         "<p class=\"legend\">One line per hidden layer: <span class=\"key shallow\"></span>"
         "first (shallow) to <span class=\"key deep\"></span>last (deep); ReLU faintly behind."
         "</p>\n<div class=\"plots\">\n" +
         std::move(figures).append("</div></section>\n");
}

std::string search_plots(const ReportModel& m) {
  if (m.progress.empty()) return "";
  const double floor = accuracy_floor(m);
  double top = floor;
  for (const ProgressPoint& p : m.progress) top = std::max(top, p.accuracy);
  const double pad = 0.05 * std::max(top - floor, 1e-3);
  const double lo = floor - pad, hi = top + pad;
  std::size_t hidden = 0;
  for (const ProgressPoint& p : m.progress) hidden += p.accuracy < lo ? 1 : 0;
  std::string note = hidden == 0 ? ""
                                 : fmt::format(" {} function{} below {} not shown.", hidden,
                                               hidden == 1 ? "" : "s", rf::percent(lo));
  return fmt::format(
      "<section id=\"search\"><h2>Search</h2>\n<div class=\"plots wide\">\n{}{}</div></section>\n",
      figure(progress_plot(m, lo, hi),
             fmt::format("Best so far (line) against distinct functions evaluated, in proposal "
                         "order; dots: each function\u2019s screening accuracy; dashed: ReLU.{}",
                         note)),
      figure(pareto_plot(m, lo, hi),
             fmt::format("Screening accuracy against complexity; the Pareto front (fewest nodes "
                         "for the accuracy) is marked; hover a dot for its expression.{}",
                         note)));
}

}  // namespace actsearch::search::html
