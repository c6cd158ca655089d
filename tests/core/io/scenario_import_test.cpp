#include "core/io/scenario_import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/io/scenario_json.h"
#include "support/test_scenarios.h"
#include "support/test_support.h"

namespace echelon {
namespace {

TEST(ScenarioImport, RecognisesFormatsFromContent) {
  EXPECT_EQ(detect_file_format("  {\"format\": 1}"), FileFormat::scenario_json);
  EXPECT_EQ(detect_file_format("/chain,,\n"), FileFormat::willems_csv);
  EXPECT_EQ(detect_file_format("sku,location,period,qty\n"), FileFormat::history_csv);
  EXPECT_EQ(detect_file_format("\xEF\xBB\xBF{}"), FileFormat::scenario_json);
  EXPECT_EQ(detect_file_format(""), FileFormat::history_csv);
}

TEST(ScenarioImport, FormatNamesRoundTrip) {
  for (FileFormat f : {FileFormat::scenario_json, FileFormat::willems_csv, FileFormat::history_csv}) {
    EXPECT_EQ(file_format_from_name(file_format_name(f)), f);
  }
  EXPECT_FALSE(file_format_from_name("xml"));
}

TEST(ScenarioImport, SavedScenarioOpensUnchanged) {
  const Scenario original = fixtures::serial_two_stage();
  auto opened = import_scenario_file("a.json", write_scenario_json(original));
  ASSERT_TRUE(opened.ok()) << describe(opened.problems());
  EXPECT_EQ(opened.value(), original);
}

TEST(ScenarioImport, MalformedJsonNamesTheLine) {
  auto opened = import_scenario("{\n  \"format\": \"echelon-scenario\",\n  oops\n}");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.problems()[0].path.find("line"), std::string::npos) << opened.problems()[0].path;
}

TEST(ScenarioImport, HistoryIsNamedAfterTheFile) {
  auto opened = import_scenario_file("dir/shop_sales.csv", "item,period,qty\na,1,3\na,2,4\n");
  ASSERT_TRUE(opened.ok()) << describe(opened.problems());
  EXPECT_EQ(opened->name, "shop_sales");
  EXPECT_EQ(opened->items.size(), 1u);
}

TEST(ScenarioImport, AGivenFormatOverridesDetection) {
  ImportOptions options;
  options.format = FileFormat::willems_csv;
  auto opened = import_scenario("item,period,qty\na,1,3\n", options);
  EXPECT_FALSE(opened.ok());  // not a Willems chain, and not silently read as a history
}

TEST(ScenarioImport, WillemsChainFromSharedData) {
  std::ifstream in(std::string(ECHELON_SHARED_DATA_DIR) + "/willems/willems_01.csv");
  if (!in) GTEST_SKIP() << "reference data not present";
  std::stringstream text;
  text << in.rdbuf();
  auto opened = import_scenario_file("willems_01.csv", text.str());
  ASSERT_TRUE(opened.ok()) << describe(opened.problems());
  EXPECT_EQ(opened->nodes.size(), 8u);
  EXPECT_EQ(opened->name, "willems_01");
}

}  // namespace
}  // namespace echelon
