#pragma once
// Internals of report/model.cpp: the search-stage view of a journal and the curves, split
// into files of one job each. Not a public API.

#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "grammar/expr.hpp"
#include "search/data/record.hpp"
#include "search/report/model.hpp"

namespace actsearch::search::report_detail {

/// Per seed index, the mean over tasks of `value` of `records` (seed indices in order).
std::vector<double> per_seed_means(std::span<const EvalRecord* const> records,
                                   double (*value)(const EvalRecord&));

/// Mean over records, layers and seeds of each learned parameter; names beta, beta1, ...
/// Records without parameters are skipped; empty when none has any.
std::vector<std::pair<std::string, double>> mean_params(std::span<const EvalRecord* const> records);

/// The search stage of a journal.
struct SearchView {
  std::vector<CandidateRow> candidates;  // by first proposal
  std::vector<ProgressPoint> progress;
  std::map<int, double> relu_accuracy;  // rung -> ReLU's mean val accuracy at that rung
  int screen_rung = 0;                  // the lowest rung of the search (0, or 1 without halving)
};

/// Aggregates Eval and Rejected records by function (the counts are the summary's).
/// Leaves nearest and family of the rows at their defaults (see analyse_candidates).
SearchView search_view(std::span<const EvalRecord> records);

/// Fills nearest and family of every row from its expression at its learned parameters,
/// in parallel (the analysis takes milliseconds per function).
void analyse_candidates(std::vector<CandidateRow>& rows);

/// x = -5, -4.95, ..., 5: the plotting grid.
std::span<const double> curve_x();

/// f and f' of `e` on the plotting grid at `params` (empty or of the wrong size: its
/// initial values).
Curve sample_curve(const grammar::Expr& e, std::span<const double> params, bool derivative);

/// f and f' of the nn built-in `name` on the plotting grid at `params` (empty or of the
/// wrong size: its initial values), computed in float as training does.
Curve sample_builtin(const std::string& name, std::span<const double> params, bool derivative);

/// The built-in's parameter names ("a", "beta", "left", ...).
std::vector<std::string> builtin_param_names(const std::string& name);

/// The expression of a canonical text or baseline name, or false when there is none (a
/// built-in outside the grammar such as pwlu).
bool expression_of(const std::string& text, grammar::Expr& out);

/// Parameter values of a named list in index order (for Program::run).
std::vector<double> values_of(const std::vector<std::pair<std::string, double>>& params);

}  // namespace actsearch::search::report_detail
