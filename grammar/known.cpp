#include "grammar/known.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/callables.hpp"
#include "grammar/parse.hpp"

namespace actsearch::grammar {
namespace {

// elu, selu and celu take exp of min(x, 0) so that they never overflow, and group
// (exp(...) - 1) so that the positive side is exactly x.
// clang-format off
constexpr std::array<KnownActivation, 19> kKnown{{
  {"identity",    "x",                                                                 "linear"},
  {"relu",        "max(x, 0)",                                                         "relu-like"},
  {"leaky_relu",  "max(x, 0.01*x)",                                                    "relu-like"},
  {"prelu",       "max(x, beta=0.25*x)",                                               "relu-like"},
  {"elu",         "max(x, 0) + (exp(min(x, 0)) - 1)",                                  "smooth relu-like"},
  {"selu",        "1.0507009873554805*(max(x, 0) + 1.6732632423543772*(exp(min(x, 0)) - 1))", "smooth relu-like"},
  {"celu",        "max(x, 0) + (exp(min(x, 0)) - 1)",                                  "smooth relu-like"},
  {"softplus",    "softplus(x)",                                                       "smooth relu-like"},
  {"gelu",        "x*0.5*(1 + erf(x*0.7071067811865476))",                             "swish-like"},
  {"gelu_tanh",   "0.5*x*(1 + tanh(0.7978845608028654*(x + 0.044715*x^3)))",           "swish-like"},
  {"silu",        "x*sigmoid(x)",                                                      "swish-like"},
  {"swish",       "x*sigmoid(beta*x)",                                                 "swish-like"},
  {"mish",        "x*tanh(softplus(x))",                                               "swish-like"},
  {"hardswish",   "x*min(max(x + 3, 0), 6)/6",                                         "swish-like"},
  {"tanh",        "tanh(x)",                                                           "saturating"},
  {"sigmoid",     "sigmoid(x)",                                                        "saturating"},
  {"hardtanh",    "min(max(x, -1), 1)",                                                "saturating"},
  {"hardsigmoid", "min(max(x + 3, 0), 6)/6",                                           "saturating"},
  {"softsign",    "x/(1 + abs(x))",                                                    "saturating"},
}};

struct Alias {
  std::string_view alias;
  std::string_view name;
};
constexpr std::array<Alias, 6> kAliases{{
  {"linear", "identity"}, {"lrelu", "leaky_relu"}, {"gelu_erf", "gelu"},
  {"gelu_approx", "gelu_tanh"}, {"swish1", "silu"}, {"logistic", "sigmoid"},
}};
// clang-format on

// Lower case without '_', '-' and spaces, so "Leaky-ReLU" and "leaky_relu" meet.
std::string normalized(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '_' || c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool bare_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::optional<std::string_view> closest_known(std::string_view word) {
  const std::string key = normalized(word);
  const std::size_t limit = key.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const KnownActivation& k : kKnown) {
    const std::string candidate = normalized(k.name);
    const std::size_t gap =
        std::max(key.size(), candidate.size()) - std::min(key.size(), candidate.size());
    if (gap > limit) continue;  // the distance is at least the gap; skip the table
    const std::size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best = k.name;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace

std::span<const KnownActivation> known_activations() {
  return kKnown;
}

std::optional<KnownActivation> known_by_name(std::string_view name) {
  std::string key = normalized(name);
  for (const Alias& a : kAliases) {
    if (normalized(a.alias) == key) key = normalized(a.name);
  }
  for (const KnownActivation& k : kKnown) {
    if (normalized(k.name) == key) return k;
  }
  return std::nullopt;
}

Expr parse_activation(std::string_view text_or_name) {
  if (const std::optional<KnownActivation> k = known_by_name(text_or_name)) {
    return parse(k->expression);
  }
  try {
    return parse(text_or_name);
  } catch (const ParseError&) {
    if (!bare_word(text_or_name)) throw;
    const std::optional<std::string_view> guess = closest_known(text_or_name);
    if (!guess) throw;
    throw ParseError(1, "unknown activation '" + std::string(text_or_name) + "' (did you mean '" +
                            std::string(*guess) + "'?)");
  }
}

}  // namespace actsearch::grammar
