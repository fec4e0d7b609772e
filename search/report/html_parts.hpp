#pragma once
// Internals of report/html.cpp: the plot sections, in report/html_plots.cpp. Each returns
// well-formed XHTML (a <section> or empty).

#include <string>
#include <string_view>

#include "search/report/model.hpp"

namespace actsearch::search::html {

/// The page's CSS (report/html_style.cpp).
extern const std::string_view kStyle;

/// One plot of f and f' per ranked function, ReLU and Swish faintly behind.
std::string function_plots(const ReportModel& model);

/// The learned shape per hidden layer of the best seed, for functions with parameters.
std::string learned_shape_plots(const ReportModel& model);

/// Best-so-far against evaluations and accuracy against complexity with the Pareto front.
std::string search_plots(const ReportModel& model);

/// `text` escaped for XHTML, with `backquoted` spans turned into <code> elements.
std::string inline_code(std::string_view text);

/// The CSS class of a family label: "fam-swish-like", "fam-relu-like-smooth", ...
std::string family_class(std::string_view family);

}  // namespace actsearch::search::html
