#pragma once
// The message of the error a call throws: tests check messages word for word, as they are
// part of the contract (STYLE: errors in three tiers).

#include <string>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::testing {

/// Runs `f` and returns the what() of the actsearch::Error it throws (ParseError and the
/// rest of the family included), or a text that no expected message equals when it throws
/// none. Any other exception escapes and fails the test.
template <class F>
std::string error_of(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no actsearch::Error thrown>";
}

}  // namespace actsearch::testing
