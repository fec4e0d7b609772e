#pragma once
// Small inline SVG plots for report.html: line plots and scatter plots with axes and nice
// ticks, written as well-formed XML (text escaped, no external references). Colours come
// from CSS classes that report.html styles, or an explicit colour per series.

#include <string>
#include <string_view>
#include <vector>

namespace actsearch::search::svg {

/// A polyline. Non-finite y values break the line; values outside the plot are clipped.
struct Series {
  std::vector<double> x, y;
  std::string css_class;  // e.g. "f", "df", "ref"
  std::string color;      // explicit stroke colour ("#336699"); empty: from the class
};

/// A marker of a scatter plot; `title` becomes its tooltip.
struct Point {
  double x = 0.0, y = 0.0;
  std::string css_class;  // e.g. "pt", "pareto"
  std::string title;
};

struct Plot {
  std::string id;  // unique within the page: names the clip path
  int width = 260, height = 180;
  std::string x_label = "x", y_label;
  double x_min = 0.0, x_max = 1.0;
  double y_min = 0.0, y_max = 1.0;  // the visible range; see fit_range
  std::vector<Series> lines;        // drawn first, in order
  std::vector<Point> points;        // drawn over the lines
  std::string aria_label;           // what the plot shows, for screen readers
};

/// A visible range covering the finite values of `ys`, padded by 5% and widened to at
/// least `min_span`; `include_zero` stretches it to contain 0. {0, 1} when nothing is finite.
struct Range {
  double lo = 0.0, hi = 1.0;
};
Range fit_range(const std::vector<const std::vector<double>*>& ys, bool include_zero,
                double min_span = 1e-6);

/// About `target` round tick values (1, 2 or 5 times a power of ten) within [lo, hi].
std::vector<double> ticks(double lo, double hi, int target = 5);

/// The plot as one <svg> element.
std::string render(const Plot& plot);

/// `text` with &, <, >, " and ' escaped for XML content and attributes.
std::string escape(std::string_view text);

}  // namespace actsearch::search::svg
