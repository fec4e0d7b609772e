#include "search/data/version.hpp"

namespace actsearch::search {

std::string_view version() {
  return "0.1.0";
}

}  // namespace actsearch::search
