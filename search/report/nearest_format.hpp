#pragma once
// The nearest-known analysis (grammar/nearest/nearest.hpp) as text, shared by `inspect` and
// the reports; its JSON form is in search/stats/summary.hpp.

#include <string>

#include "grammar/nearest/nearest.hpp"

namespace actsearch::search {

/// A fitted parameter to 3 significant digits; below 1e-6 in magnitude it is "0", so a
/// fit's rounding noise does not read as "-2.1e-09".
std::string format_fitted(double value);

/// "swish (beta 1.7)", "tanh", "piecewise_linear (t1 0.00, s1 0.10, s2 1.00)": the name with
/// its fitted parameters (format_fitted).
std::string describe(const grammar::Nearest& nearest);

}  // namespace actsearch::search
