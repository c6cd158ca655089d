#include "core/base/version.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace echelon {
namespace {

// The version comes from project(... VERSION x.y.z) in CMakeLists.txt: three numbers, never the
// "unknown" fallback of a build that forgot to pass it.
TEST(Version, IsTheProjectsSemanticVersion) {
  const std::string version = version_string();
  EXPECT_TRUE(std::regex_match(version, std::regex(R"(\d+\.\d+\.\d+)"))) << version;
}

}  // namespace
}  // namespace echelon
