#include "search/cli/space_options.hpp"

#include "grammar/base/error.hpp"

namespace actsearch::cli {

po::options_description space_options() {
  po::options_description options("search space");
  options.add_options()("units", po::value<int>(),
                        "core-unit space b(u1(x1), u2(x2)) with N units (1-3; the default, 1)")(
      "max-size", po::value<int>(), "free trees of at most N nodes instead of core units")(
      "max-depth", po::value<int>(), "free trees: depth limit (default 5)")(
      "unary", po::value<std::string>(),
      "comma-separated unary primitives (units, or operators for free trees)")(
      "binary", po::value<std::string>(), "comma-separated binary primitives");
  return options;
}

namespace {

grammar::UnitSpace unit_space(const po::variables_map& vm, grammar::UnitSpace s) {
  if (vm.count("units")) s.units = vm["units"].as<int>();
  if (vm.count("unary")) s.unary = grammar::parse_units(vm["unary"].as<std::string>(), 1);
  if (vm.count("binary")) s.binary = grammar::parse_units(vm["binary"].as<std::string>(), 2);
  if (s.units < 1 || s.units > 3) throw Error("--units must be 1, 2 or 3");
  return s;
}

grammar::TreeSpace tree_space(const po::variables_map& vm, grammar::TreeSpace s) {
  if (vm.count("max-size")) {
    const int size = vm["max-size"].as<int>();
    if (size < 1 || static_cast<std::size_t>(size) > grammar::kMaxTreeSize) {
      throw Error("--max-size must be between 1 and " + std::to_string(grammar::kMaxTreeSize));
    }
    s.max_size = static_cast<std::size_t>(size);
  }
  if (vm.count("max-depth")) {
    const int depth = vm["max-depth"].as<int>();
    if (depth < 1) throw Error("--max-depth must be at least 1");
    s.max_depth = static_cast<std::size_t>(depth);
  }
  if (vm.count("unary")) s.unary = grammar::parse_ops(vm["unary"].as<std::string>(), 1);
  if (vm.count("binary")) s.binary = grammar::parse_ops(vm["binary"].as<std::string>(), 2);
  return s;
}

}  // namespace

grammar::Space space_from(const po::variables_map& vm, const grammar::Space& base) {
  if (vm.count("units") && vm.count("max-size")) {
    throw Error("--units and --max-size exclude each other: core units or free trees");
  }
  const auto* base_trees = std::get_if<grammar::TreeSpace>(&base);
  const bool trees = vm.count("max-size") || (!vm.count("units") && base_trees != nullptr);
  if (vm.count("max-depth") && !trees) {
    throw Error("--max-depth needs --max-size (it limits free trees)");
  }
  if (trees) return tree_space(vm, base_trees != nullptr ? *base_trees : grammar::TreeSpace{});
  const auto* base_units = std::get_if<grammar::UnitSpace>(&base);
  return unit_space(vm, base_units != nullptr ? *base_units : grammar::UnitSpace{});
}

}  // namespace actsearch::cli
