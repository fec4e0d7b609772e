#pragma once
// report.md: the report of a run as GitHub-flavoured Markdown (tables, no plots).

#include <string>

#include "search/report/model.hpp"

namespace actsearch::search {

/// The whole report.md.
std::string render_markdown(const ReportModel& model);

}  // namespace actsearch::search
