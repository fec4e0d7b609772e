// Comma-separated primitive lists (--unary, --binary) resolved to units or operators, with
// one-line errors that name the offending entry and suggest a near name.

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "grammar/space/space.hpp"

namespace actsearch::grammar {
namespace {

// Appends the parts: GCC 12 warns falsely (-Wrestrict) on chains of "literal" + string.
template <class... Parts>
std::string concat(const Parts&... parts) {
  std::string s;
  (s.append(std::string_view(parts)), ...);
  return s;
}

std::string_view arity_word(int arity) {
  return arity == 1 ? "unary" : "binary";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

// How far `candidate` is from what the user typed; a name with the typed word as one of
// its underscore-separated parts ("log" -> "safe_log") counts as a one-letter slip.
std::size_t distance(std::string_view typed, std::string_view candidate) {
  const std::size_t edits = edit_distance(typed, candidate);
  for (std::size_t start = 0;;) {
    const std::size_t underscore = candidate.find('_', start);
    if (candidate.substr(start, underscore - start) == typed)
      return std::min<std::size_t>(edits, 1);
    if (underscore == std::string_view::npos) return edits;
    start = underscore + 1;
  }
}

// " (did you mean 'sin'?)" for the nearest candidate, else "". Near means one edit per
// three letters typed (at least one), so short names are not matched to anything.
std::string suggestion(std::string_view typed, const std::vector<std::string_view>& names) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(1, typed.size() / 3) + 1;
  for (std::string_view n : names) {
    const std::size_t d = distance(typed, n);
    if (d < best_distance) {
      best = n;
      best_distance = d;
    }
  }
  return best ? concat(" (did you mean '", *best, "'?)") : "";
}

std::vector<std::string_view> split(std::string_view list, int arity) {
  const std::vector<std::string_view> names =
      split_list(list, concat(arity_word(arity), " primitive list"));
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (std::find(names.begin(), it, *it) != it) {
      throw Error(concat(arity_word(arity), " primitive '", *it, "' listed twice"));
    }
  }
  return names;
}

// Resolves every name of `list` with `find`; `explain` produces the error for a name that
// `find` rejects.
template <class T>
std::vector<T> resolve(std::string_view list, int arity,
                       const std::function<std::optional<T>(std::string_view)>& find,
                       const std::function<std::string(std::string_view)>& explain) {
  std::vector<T> out;
  for (std::string_view n : split(list, arity)) {
    const std::optional<T> found = find(n);
    if (!found) throw Error(explain(n));
    out.push_back(*found);
  }
  return out;
}

std::string unknown(std::string_view typed, int arity, const std::vector<std::string_view>& names) {
  return concat("unknown ", arity_word(arity), " primitive '", typed, "'",
                suggestion(typed, names));
}

std::string wrong_arity(std::string_view typed, int arity) {
  return concat("'", typed, "' is a ", arity_word(3 - arity), " primitive, not ",
                arity_word(arity));
}

}  // namespace

std::vector<Unit> parse_units(std::string_view list, int arity) {
  ACTSEARCH_ASSERT(arity == 1 || arity == 2, "units are unary or binary");
  std::vector<std::string_view> names;
  for (const Unit& u :
       arity == 1 ? std::span<const Unit>(kUnaryUnits) : std::span<const Unit>(kBinaryUnits)) {
    names.push_back(u.name);
  }
  return resolve<Unit>(
      list, arity, [arity](std::string_view n) { return unit_by_name(n, arity); },
      [&](std::string_view n) {
        return unit_by_name(n, 3 - arity) ? wrong_arity(n, arity) : unknown(n, arity, names);
      });
}

std::vector<Op> parse_ops(std::string_view list, int arity) {
  ACTSEARCH_ASSERT(arity == 1 || arity == 2, "operators are unary or binary");
  std::vector<std::string_view> names;
  for (Op op : searchable_ops(arity)) names.push_back(name(op));
  auto find = [arity](std::string_view n) -> std::optional<Op> {
    const std::optional<Op> op = op_by_name(n);
    if (!op || grammar::arity(*op) != arity || !info(*op).searchable) return std::nullopt;
    return op;
  };
  auto explain = [&](std::string_view n) {
    const std::optional<Op> op = op_by_name(n);
    if (!op) return unknown(n, arity, names);
    if (grammar::arity(*op) != arity) return wrong_arity(n, arity);
    return concat(arity_word(arity), " primitive '", n, "' is not searchable",
                  suggestion(n, names));
  };
  return resolve<Op>(list, arity, find, explain);
}

}  // namespace actsearch::grammar
