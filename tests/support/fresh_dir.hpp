#pragma once
// Scratch folders for tests that write files, all under ACTSEARCH_TEST_TMP (the build's
// tests/tmp), so a test never writes into the source tree.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace actsearch::testing {

/// "Suite.Test" of the running test; empty outside a test body (in SetUpTestSuite, say). A
/// scratch name no other test uses: ctest runs each test in its own process, possibly at
/// the same time as the others.
inline std::string test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info == nullptr ? "" : std::string(info->test_suite_name()) + "." + info->name();
}

/// ACTSEARCH_TEST_TMP/<area>/<name> as an empty folder: whatever an earlier run left there
/// is removed first. A test of a command that must create (or must refuse to create) its
/// output asks for a path inside it, `fresh_dir(area, name) / "run"`.
inline std::filesystem::path fresh_dir(std::string_view area, std::string_view name = "") {
  const std::filesystem::path dir = std::filesystem::path(ACTSEARCH_TEST_TMP) / area /
                                    (name.empty() ? test_name() : std::string(name));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace actsearch::testing
