#pragma once
// report.html: the report of a run as ONE self-contained page (inline CSS and SVG, no
// scripts, nothing fetched from the network), written as well-formed XHTML so any XML
// parser reads it.

#include <string>

#include "search/report/model.hpp"

namespace actsearch::search {

/// The whole report.html.
std::string render_html(const ReportModel& model);

}  // namespace actsearch::search
