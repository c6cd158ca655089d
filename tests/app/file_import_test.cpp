#include "file_import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/scenario_json.h"
#include "default_scenario.h"

namespace echelon::app {
namespace {

TEST(FileImport, RecognisesFormatsFromContent) {
  EXPECT_EQ(detect_file_kind("x.txt", "  {\"format\": 1}"), FileKind::scenario_json);
  EXPECT_EQ(detect_file_kind("x.json", "/chain,,\n"), FileKind::willems_csv);
  EXPECT_EQ(detect_file_kind("x.json", "sku,location,period,qty\n"), FileKind::history_csv);
  EXPECT_EQ(detect_file_kind("x", "\xEF\xBB\xBF{}"), FileKind::scenario_json);
}

TEST(FileImport, SavedDefaultScenarioOpensUnchanged) {
  const Scenario original = default_scenario();
  auto opened = scenario_from_file("a.json", write_scenario_json(original));
  ASSERT_TRUE(opened.ok()) << describe(opened.problems());
  EXPECT_EQ(opened.value(), original);
}

TEST(FileImport, MalformedJsonNamesTheLine) {
  auto opened = scenario_from_file("a.json", "{\n  \"format\": \"echelon-scenario\",\n  oops\n}");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.problems()[0].path.find("line"), std::string::npos) << opened.problems()[0].path;
}

TEST(FileImport, WillemsChainFromSharedData) {
  std::ifstream in(std::string(ECHELON_SHARED_DATA_DIR) + "/willems/willems_01.csv");
  if (!in) GTEST_SKIP() << "reference data not present";
  std::stringstream text;
  text << in.rdbuf();
  auto opened = scenario_from_file("willems_01.csv", text.str());
  ASSERT_TRUE(opened.ok()) << describe(opened.problems());
  EXPECT_EQ(opened->nodes.size(), 8u);
}

}  // namespace
}  // namespace echelon::app
