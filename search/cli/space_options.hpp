#pragma once
// The search-space options shared by `space` and `search`.

#include "grammar/space.hpp"
#include "search/cli/command.hpp"

namespace actsearch::cli {

/// --units N | --max-size N [--max-depth D], --unary LIST, --binary LIST.
po::options_description space_options();

/// The space those options describe: core units (default, 1 unit) or free trees when
/// --max-size is given. Throws actsearch::Error for conflicting or bad values.
grammar::Space space_from(const po::variables_map& vm);

}  // namespace actsearch::cli
