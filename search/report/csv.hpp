#pragma once
// candidates.csv: one row per distinct function of a run (search candidates, including
// those the screen rejected, then the baselines) with every metric, for pandas and
// spreadsheets. RFC 4180: CRLF line ends, a header row, fields holding a comma, a quote or
// a line break quoted with quotes doubled. Reals are written shortest-round-trip, infinite
// ones (a diverged loss) as inf or -inf, undefined ones (NaN) as empty fields.

#include <string>
#include <string_view>
#include <vector>

#include "search/report/model.hpp"

namespace actsearch::search {

/// The column names, in order.
const std::vector<std::string_view>& csv_columns();

/// The whole candidates.csv.
std::string render_csv(const ReportModel& model);

/// One field, quoted when RFC 4180 requires it.
std::string csv_field(std::string_view text);

}  // namespace actsearch::search
