#pragma once
#include <string_view>

namespace actsearch::search {

/// The actsearch version, as in CMakeLists.txt's project().
std::string_view version();

}  // namespace actsearch::search
