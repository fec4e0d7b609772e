#include "search/tools/export_source.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grammar/base/error.hpp"
#include "grammar/known.hpp"
#include "search/data/journal.hpp"
#include "search/data/record.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_summary(const fs::path& dir) {
  std::ifstream in(summary_path(dir));
  if (!in) throw Error("run " + dir.string() + " has no summary.json (has it finished?)");
  std::stringstream text;
  text << in.rdbuf();
  json summary = json::parse(text.str(), nullptr, false);
  if (!summary.is_object()) throw Error("run " + dir.string() + ": summary.json is not valid JSON");
  return summary;
}

// The entries of one list of the summary ("top" or "baselines"); a missing list is empty.
std::vector<json> entries(const json& summary, const char* list) {
  const auto it = summary.find(list);
  if (it == summary.end() || !it->is_array()) return {};
  return {it->begin(), it->end()};
}

std::optional<int> rank_of(const json& entry) {
  const auto it = entry.find("rank");
  if (it == entry.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

std::string text_of(const json& entry, const char* key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

[[noreturn]] void no_such_rank(const fs::path& dir, int rank, const json& summary) {
  std::vector<int> ranks;
  for (const char* list : {"top", "baselines"}) {
    for (const json& e : entries(summary, list)) {
      if (const auto r = rank_of(e)) ranks.push_back(*r);
    }
  }
  std::string message = "run " + dir.string() + " has no rank " + std::to_string(rank);
  if (!ranks.empty()) {
    message += " (ranks " + std::to_string(*std::min_element(ranks.begin(), ranks.end())) + " to " +
               std::to_string(*std::max_element(ranks.begin(), ranks.end())) + ")";
  }
  throw Error(message);
}

// Mean of each parameter over the final-stage trainings of `canonical` and their layers.
// Non-finite values (a diverged training) and records of another shape are left out.
struct Learned {
  std::vector<double> mean;
  std::size_t values = 0;  // values averaged per parameter
};
Learned learned_params(const fs::path& dir, const std::string& canonical, std::size_t n) {
  const std::vector<EvalRecord> records = read_records(dir);
  Learned out{std::vector<double>(n, 0.0), 0};
  for (const EvalRecord& r : records) {
    if (r.kind != RecordKind::Final || r.status != EvalStatus::Ok || r.canonical != canonical) {
      continue;
    }
    for (const std::vector<double>& layer : r.params_per_layer) {
      if (layer.size() != n ||
          !std::all_of(layer.begin(), layer.end(), [](double v) { return std::isfinite(v); })) {
        continue;
      }
      for (std::size_t k = 0; k < n; ++k) out.mean[k] += layer[k];
      ++out.values;
    }
  }
  for (double& v : out.mean) v /= static_cast<double>(std::max<std::size_t>(out.values, 1));
  if (out.values == 0) out.mean.clear();
  return out;
}

ExportSource found_function(const fs::path& dir, const json& entry, int rank) {
  const std::string text = text_of(entry, "expr");
  ExportSource s{grammar::parse_activation(text), {}, {}};
  const auto n = static_cast<std::size_t>(grammar::num_params(s.expr));
  s.provenance = "from run " + dir.string() + ", rank " + std::to_string(rank);
  if (n == 0) return s;
  const Learned learned = learned_params(dir, text, n);
  s.params = learned.mean;
  s.provenance += learned.values == 0
                      ? "; no learned parameter values in its journal: initial values"
                      : "; parameters: mean of the " + std::to_string(learned.values) +
                            " values learned (final trainings x hidden layers)";
  return s;
}

// Baselines are named (relu, swish, pwlu, ...): the known activations have an expression.
ExportSource baseline(const fs::path& dir, const json& entry, int rank) {
  const std::string name = text_of(entry, "name");
  const std::optional<grammar::KnownActivation> known = grammar::known_by_name(name);
  if (!known) {
    throw Error("rank " + std::to_string(rank) + " of run " + dir.string() + " is the baseline '" +
                name + "', which the grammar cannot express");
  }
  return {grammar::parse_activation(known->name),
          {},
          "from run " + dir.string() + ", rank " + std::to_string(rank) + ": the baseline " +
              std::string(known->name)};
}

std::optional<int> parse_rank(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

ExportSource run_function(const fs::path& dir, std::optional<int> rank) {
  read_config(dir);  // a run folder of a format this build reads
  const json summary = read_summary(dir);
  const std::vector<json> top = entries(summary, "top");
  if (!rank) {
    if (top.empty()) throw Error("run " + dir.string() + " has no found functions");
    return found_function(dir, top.front(), rank_of(top.front()).value_or(1));
  }
  for (const json& e : top) {
    if (rank_of(e) == rank) return found_function(dir, e, *rank);
  }
  for (const json& e : entries(summary, "baselines")) {
    if (rank_of(e) == rank) return baseline(dir, e, *rank);
  }
  no_such_rank(dir, *rank, summary);
}

ExportSource resolve_export_source(std::string_view arg) {
  std::error_code ec;
  if (fs::is_directory(fs::path(arg), ec)) return run_function(fs::path(arg));
  const std::size_t colon = arg.rfind(':');
  if (colon != std::string_view::npos && fs::is_directory(fs::path(arg.substr(0, colon)), ec)) {
    const std::string_view rank = arg.substr(colon + 1);
    const std::optional<int> r = parse_rank(rank);
    if (!r) {
      throw Error("bad rank '" + std::string(rank) + "' in '" + std::string(arg) +
                  "' (a positive integer)");
    }
    return run_function(fs::path(arg.substr(0, colon)), r);
  }
  return {grammar::parse_activation(arg), {}, {}};
}

}  // namespace actsearch::search
