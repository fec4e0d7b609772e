#pragma once
// The error family of actsearch (tier 2: bad input) and the bug check (tier 1).
// Numeric failure (tier 3) is never an exception: it is a status or a value.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace actsearch {

/// Bad input from a user: an expression, an option, a file. `main` catches it, prints
/// "error: <what>" on one line and exits 2. The message is part of the contract.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An expression that does not parse. `column` is 1-based; the message names the column
/// and what was expected, e.g. "column 7: expected ')' but found end of input".
class ParseError : public Error {
 public:
  ParseError(std::size_t column, const std::string& detail)
      : Error("column " + std::to_string(column) + ": " + detail), column_(column) {}
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

[[noreturn]] void assertion_failed(const char* condition, const char* why, const char* file,
                                   int line);

}  // namespace actsearch

// Bugs, not bad input: active in Debug builds and in builds with tests.
#if !defined(NDEBUG) || defined(ACTSEARCH_CHECKED)
#define ACTSEARCH_ASSERT(cond, why) \
  ((cond) ? void(0) : ::actsearch::assertion_failed(#cond, why, __FILE__, __LINE__))
#else
#define ACTSEARCH_ASSERT(cond, why) void(0)
#endif
