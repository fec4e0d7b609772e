#pragma once
// What `actsearch export` exports: an expression typed by the user, or a function a run
// found, with the parameter values that run learned.
//
// A run folder (config.json, journal.jsonl, summary.json; see journal.hpp and DESIGN.md)
// ranks its final stage in summary.json: "top" (found functions, best first) and
// "baselines", each entry with its "rank" in the combined ranking and its "expr". The
// learned values come from the journal's final-stage records of that function
// (params_per_layer of every training, every hidden layer): their mean per parameter.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/expr.hpp"

namespace actsearch::search {

struct ExportSource {
  grammar::Expr expr;
  std::vector<double> params;  // one value per parameter of expr; empty: its initial values
  std::string provenance;      // where it came from, for the generated code's header comment
};

/// The function of `rank` in the run in `dir`; without a rank, the best found function
/// (the first entry of "top"). A baseline's rank exports the baseline (with its initial
/// values) when the grammar can express it. Throws Error for a folder that is not a run
/// (read_config's errors), "run DIR has no summary.json (has it finished?)", "run DIR:
/// summary.json is not valid JSON", "run DIR has no rank 9 (ranks 1 to 6)", "run DIR has no
/// found functions", "rank 3 of run DIR is the baseline 'pwlu', which the grammar cannot
/// express", or a damaged journal.
ExportSource run_function(const std::filesystem::path& dir, std::optional<int> rank = {});

/// The source named by the command-line argument `arg`: DIR or DIR:RANK when DIR is an
/// existing folder (RANK a positive integer, else Error "bad rank 'x' in 'DIR:x' (a
/// positive integer)"), else an expression or a known activation name
/// (grammar::parse_activation and its errors).
ExportSource resolve_export_source(std::string_view arg);

}  // namespace actsearch::search
