#pragma once
// The search-space options shared by `space` and `search`.

#include "grammar/space/space.hpp"
#include "search/cli/command.hpp"

namespace actsearch::cli {

/// --units N | --max-size N [--max-depth D], --unary LIST, --binary LIST.
po::options_description space_options();

/// The space those options describe: core units or free trees when --max-size is given,
/// the options not given being those of `base` (a resumed run's space) when it is of that
/// kind, else the defaults (1 unit; depth 5). Without --units and --max-size the space is of
/// base's kind. Throws actsearch::Error for conflicting or bad values.
grammar::Space space_from(const po::variables_map& vm,
                          const grammar::Space& base = grammar::UnitSpace{});

}  // namespace actsearch::cli
