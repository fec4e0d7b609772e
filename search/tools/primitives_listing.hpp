#pragma once
// What `actsearch primitives` shows: the operators of the grammar and the units that
// generated search spaces combine.

#include <nlohmann/json.hpp>
#include <string>

namespace actsearch::search {

/// {"operators": [{name, arity, notation, definition, total, searchable}],
///  "unary": [{name, definition}], "binary": [{name, definition}], "eps": 1e-3}
nlohmann::json primitives_json();

/// The same as aligned text tables for a terminal.
std::string primitives_text();

}  // namespace actsearch::search
