#include "search/report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace actsearch::search::svg {
namespace {

constexpr double kLeft = 46.0, kRight = 10.0, kTop = 10.0, kBottom = 34.0;

// Maps data to pixels. Values far outside the visible range are pulled to its edge plus a
// margin, so coordinates stay short numbers; the clip path hides the margin.
struct Frame {
  double x0, x1, y0, y1;  // pixel box
  double xa, xb, ya, yb;  // data range

  double px(double x) const {
    const double span = xb - xa;
    const double t = (std::clamp(x, xa - span, xb + span) - xa) / span;
    return x0 + t * (x1 - x0);
  }
  double py(double y) const {
    const double span = yb - ya;
    const double t = (std::clamp(y, ya - span, yb + span) - ya) / span;
    return y1 - t * (y1 - y0);
  }
};

std::string path_data(const Frame& f, const Series& s) {
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
    if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
      pen_down = false;
      continue;
    }
    d += fmt::format("{}{:.1f},{:.1f}", pen_down ? " L" : (d.empty() ? "M" : " M"), f.px(s.x[i]),
                     f.py(s.y[i]));
    pen_down = true;
  }
  return d;
}

std::string tick_label(double v) { return fmt::format("{:.4g}", std::abs(v) < 1e-12 ? 0.0 : v); }

std::string axes(const Plot& p, const Frame& f) {
  std::string out;
  for (const double t : ticks(p.x_min, p.x_max)) {
    out += fmt::format(
        R"svg(<line class="grid" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)svg",
        f.px(t), f.y0, f.y1);
    out += fmt::format(
        R"svg(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)svg", f.px(t),
        f.y1 + 13, tick_label(t));
  }
  for (const double t : ticks(p.y_min, p.y_max)) {
    out += fmt::format(
        R"svg(<line class="grid" x1="{1:.1f}" y1="{0:.1f}" x2="{2:.1f}" y2="{0:.1f}"/>)svg",
        f.py(t), f.x0, f.x1);
    out +=
        fmt::format(R"svg(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)svg",
                    f.x0 - 4, f.py(t) + 3.5, tick_label(t));
  }
  if (p.y_min < 0.0 && p.y_max > 0.0) {
    out += fmt::format(
        R"svg(<line class="zero" x1="{0:.1f}" y1="{2:.1f}" x2="{1:.1f}" y2="{2:.1f}"/>)svg", f.x0,
        f.x1, f.py(0.0));
  }
  if (p.x_min < 0.0 && p.x_max > 0.0) {
    out += fmt::format(
        R"svg(<line class="zero" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)svg",
        f.px(0.0), f.y0, f.y1);
  }
  out += fmt::format(
      R"svg(<rect class="frame" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>)svg", f.x0,
      f.y0, f.x1 - f.x0, f.y1 - f.y0);
  return out;
}

std::string labels(const Plot& p, const Frame& f) {
  std::string out;
  if (!p.x_label.empty()) {
    out += fmt::format(
        R"svg(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)svg",
        0.5 * (f.x0 + f.x1), p.height - 4.0, escape(p.x_label));
  }
  if (!p.y_label.empty()) {
    const double cy = 0.5 * (f.y0 + f.y1);
    out += fmt::format(
        R"svg(<text class="label" x="12" y="{0:.1f}" text-anchor="middle" transform="rotate(-90 12 {0:.1f})">{1}</text>)svg",
        cy, escape(p.y_label));
  }
  return out;
}

std::string content(const Plot& p, const Frame& f) {
  std::string out = fmt::format(R"svg(<g clip-path="url(#{}-clip)">)svg", escape(p.id));
  for (const Series& s : p.lines) {
    const std::string d = path_data(f, s);
    if (d.empty()) continue;
    out += fmt::format(R"svg(<path class="{}" d="{}")svg", escape(s.css_class), d);
    if (!s.color.empty()) out += fmt::format(R"svg( style="stroke:{}")svg", escape(s.color));
    out += "/>";
  }
  for (const Point& pt : p.points) {
    if (!std::isfinite(pt.x) || !std::isfinite(pt.y)) continue;
    out += fmt::format(R"svg(<circle class="{}" cx="{:.1f}" cy="{:.1f}" r="2.6">)svg",
                       escape(pt.css_class), f.px(pt.x), f.py(pt.y));
    if (!pt.title.empty()) out += "<title>" + escape(pt.title) + "</title>";
    out += "</circle>";
  }
  return out + "</g>";
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Range fit_range(const std::vector<const std::vector<double>*>& ys, bool include_zero,
                double min_span) {
  double lo = INFINITY, hi = -INFINITY;
  for (const std::vector<double>* v : ys) {
    for (const double y : *v) {
      if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
    }
  }
  if (!std::isfinite(lo)) return {0.0, 1.0};
  if (include_zero) lo = std::min(lo, 0.0), hi = std::max(hi, 0.0);
  if (hi - lo < min_span) {
    const double mid = 0.5 * (lo + hi);
    lo = mid - 0.5 * min_span, hi = mid + 0.5 * min_span;
  }
  const double pad = 0.05 * (hi - lo);
  return {lo - pad, hi + pad};
}

std::vector<double> ticks(double lo, double hi, int target) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {};
  // step = m * 10^e; tick k is k * m * 10^e, computed as a division by 10^-e when e < 0 so
  // that 0.85 prints as 0.85 and not 0.8500000000000001.
  const double raw = (hi - lo) / target;
  const int e = static_cast<int>(std::floor(std::log10(raw)));
  double m = 1.0;
  for (const double candidate : {1.0, 2.0, 5.0, 10.0}) {
    m = candidate;
    if (m * std::pow(10.0, e) >= raw) break;
  }
  const auto value = [&](double k) {
    return e < 0 ? k * m / std::pow(10.0, -e) : k * m * std::pow(10.0, e);
  };
  const double step = value(1.0);
  std::vector<double> out;
  for (double k = std::ceil(lo / step); value(k) <= hi + 1e-9 * step; k += 1.0) {
    out.push_back(k == 0.0 ? 0.0 : value(k));
  }
  return out;
}

std::string render(const Plot& p) {
  const Frame f{kLeft,   p.width - kRight, kTop,    p.height - kBottom,
                p.x_min, p.x_max,          p.y_min, p.y_max};
  std::string out = fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" class="plot" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)svg",
      p.width, p.height, escape(p.aria_label));
  out += fmt::format(
      R"svg(<defs><clipPath id="{}-clip"><rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/></clipPath></defs>)svg",
      escape(p.id), f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
  out += axes(p, f) + content(p, f) + labels(p, f);
  return out + "</svg>";
}

}  // namespace actsearch::search::svg
