#include "core/io/willems.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace echelon {
namespace {

const std::filesystem::path kWillemsDir = std::filesystem::path(ECHELON_SHARED_DATA_DIR) / "willems";

// Independent count: split each row on commas (the published files have no quotes) and look
// at the column whose header path names the field.
struct RowCounts {
  std::size_t stages = 0, arcs = 0, demand_stages = 0;
};
RowCounts count_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream cells(line);
    while (std::getline(cells, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  RowCounts counts;
  if (rows.size() < 2) return counts;
  auto column = [&](const std::string& name) {
    for (std::size_t i = 0; i < rows[1].size(); ++i)
      if (rows[1][i] == name) return i;
    return rows[1].size();
  };
  const std::size_t from = column("/arcs/arc/@from");
  const std::size_t stage = column("/stages/stage/@stageName");
  const std::size_t demand = column("/stages/stage/@avgDemand");
  for (std::size_t r = 2; r < rows.size(); ++r) {
    auto filled = [&](std::size_t c) { return c < rows[r].size() && !rows[r][c].empty(); };
    counts.arcs += filled(from) ? 1 : 0;
    counts.stages += filled(stage) ? 1 : 0;
    counts.demand_stages += filled(demand) ? 1 : 0;
  }
  return counts;
}

TEST(Willems, AllNineteenChainsParseWithTheirCounts) {
  if (!std::filesystem::is_directory(kWillemsDir)) GTEST_SKIP() << "no reference data at " << kWillemsDir;
  int files = 0;
  for (int chain = 1; chain <= 37; chain += 2) {
    char name[32];
    std::snprintf(name, sizeof name, "willems_%02d.csv", chain);
    const auto path = kWillemsDir / name;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const std::string text = fixtures::read_text(path);
    const auto parsed = parse_willems_csv(text);
    ASSERT_TRUE(parsed.ok()) << name << "\n" << describe(parsed.problems());
    const RowCounts expected = count_rows(text);
    EXPECT_GT(expected.stages, 0u) << name;
    EXPECT_EQ(parsed->stages.size(), expected.stages) << name;
    EXPECT_EQ(parsed->arcs.size(), expected.arcs) << name;
    EXPECT_EQ(parsed->demand_stage_count(), expected.demand_stages) << name;
    ++files;
  }
  EXPECT_EQ(files, 19);
}

// Stage and arc counts stated in the data folder's README (from Willems 2008).
TEST(Willems, CountsStatedForKnownChains) {
  if (!std::filesystem::is_directory(kWillemsDir)) GTEST_SKIP() << "no reference data at " << kWillemsDir;
  const struct {
    const char* file;
    std::size_t stages, arcs;
  } known[] = {{"willems_01.csv", 8, 10},     {"willems_13.csv", 108, 452},   {"willems_17.csv", 152, 211},
               {"willems_23.csv", 271, 524},  {"willems_25.csv", 409, 853},   {"willems_35.csv", 1386, 1857},
               {"willems_37.csv", 1479, 2069}};
  for (const auto& k : known) {
    const auto parsed = parse_willems_csv(fixtures::read_text(kWillemsDir / k.file));
    ASSERT_TRUE(parsed.ok()) << k.file;
    EXPECT_EQ(parsed->stages.size(), k.stages) << k.file;
    EXPECT_EQ(parsed->arcs.size(), k.arcs) << k.file;
  }
}

// Values read off willems_01.csv by eye.
TEST(Willems, ChainOneFieldValues) {
  if (!std::filesystem::is_directory(kWillemsDir)) GTEST_SKIP() << "no reference data at " << kWillemsDir;
  const auto parsed = parse_willems_csv(fixtures::read_text(kWillemsDir / "willems_01.csv"));
  ASSERT_TRUE(parsed.ok()) << describe(parsed.problems());
  const WillemsChain& c = *parsed;
  auto find = [&](const std::string& name) -> const WillemsStage& {
    for (const auto& s : c.stages)
      if (s.name == name) return s;
    static const WillemsStage none;
    ADD_FAILURE() << "no stage " << name;
    return none;
  };
  const WillemsStage& part = find("Part_0001");
  EXPECT_EQ(part.classification, "Part");
  EXPECT_DOUBLE_EQ(part.stage_time_mean_days, 28.0);
  EXPECT_DOUBLE_EQ(part.stage_time_sd_days, 11.22497216);
  ASSERT_EQ(part.stage_time_distribution.size(), 3u);
  EXPECT_DOUBLE_EQ(part.stage_time_distribution[0].probability, 0.4);
  EXPECT_DOUBLE_EQ(part.stage_time_distribution[0].value_days, 20.0);
  EXPECT_DOUBLE_EQ(part.stage_time_distribution[2].probability, 0.2);
  EXPECT_DOUBLE_EQ(part.stage_time_distribution[2].value_days, 50.0);
  EXPECT_DOUBLE_EQ(part.stage_cost, 12.0);
  EXPECT_DOUBLE_EQ(part.rel_depth, 2.0);
  EXPECT_FALSE(part.is_demand_stage);
  EXPECT_FALSE(part.max_service_time_days.has_value());
  EXPECT_DOUBLE_EQ(part.x_pos, 32.0);
  EXPECT_DOUBLE_EQ(part.y_pos, 32.0);

  const WillemsStage& retail = find("Retail_0001");
  EXPECT_TRUE(retail.is_demand_stage);
  EXPECT_DOUBLE_EQ(retail.avg_demand_per_day, 253.0);
  EXPECT_DOUBLE_EQ(retail.sd_demand_per_day, 36.62);
  EXPECT_DOUBLE_EQ(retail.service_level, 0.95);
  ASSERT_TRUE(retail.max_service_time_days.has_value());
  EXPECT_DOUBLE_EQ(*retail.max_service_time_days, 0.0);
  EXPECT_DOUBLE_EQ(retail.x_pos, 304.0);

  // First arc row: Manuf_0001 -> Retail_0001.
  ASSERT_FALSE(c.arcs.empty());
  EXPECT_EQ(c.stages[c.arcs[0].from].name, "Manuf_0001");
  EXPECT_EQ(c.stages[c.arcs[0].to].name, "Retail_0001");
  // Chain 01 is ideal for the (mean) Part_0001 check: 0.4*20 + 0.4*25 + 0.2*50 = 28 = stageTime.
  double mean = 0.0;
  for (const auto& o : part.stage_time_distribution) mean += o.probability * o.value_days;
  EXPECT_NEAR(mean, part.stage_time_mean_days, 1e-12);
}

const char* kHeader =
    "/chain,,,,,,,,,,,\n"
    "/arcs/arc/@from,/arcs/arc/@to,/stages/stage/@stageName,/stages/stage/@stageTime,"
    "/stages/stage/@stageCost,/stages/stage/@avgDemand,/stages/stage/@stDevDemand,"
    "/stages/stage/@serviceLevel,/stages/stage/@StageTime_1_p,/stages/stage/@StageTime_1_v,"
    "/stages/stage/@StageTime_2_p,/stages/stage/@StageTime_2_v\n";

TEST(Willems, SmallChainWithQuotesAndCrLf) {
  const std::string text = std::string(kHeader) +
                           "A,B,,,,,,,,,,\r\n"
                           ",,A,3,1,,,,0.5,2,0.5,4\r\n"
                           ",,\"B\",1,2,10,3,0.9,,,,\r\n";
  const auto parsed = parse_willems_csv(text);
  ASSERT_TRUE(parsed.ok()) << describe(parsed.problems());
  ASSERT_EQ(parsed->stages.size(), 2u);
  ASSERT_EQ(parsed->arcs.size(), 1u);
  EXPECT_EQ(parsed->arcs[0].from, 0u);
  EXPECT_EQ(parsed->arcs[0].to, 1u);
  EXPECT_EQ(parsed->stages[1].name, "B");
  EXPECT_EQ(parsed->demand_stage_count(), 1u);
  EXPECT_EQ(parsed->stages[0].stage_time_distribution.size(), 2u);
}

bool has_problem(const Problems& problems, const std::string& path) {
  for (const auto& p : problems)
    if (p.path == path) return true;
  return false;
}

TEST(Willems, ErrorsNameTheirLines) {
  const std::string text = std::string(kHeader) +
                           "A,Z,,,,,,,,,,\n"               // line 3: Z does not exist
                           ",,A,abc,1,,,,,,,\n"            // line 4: stageTime not a number
                           ",,B,1,-2,,,,,,,\n"             // line 5: negative cost
                           ",,C,1,1,5,1,1.5,,,,\n"         // line 6: service level above 1
                           ",,D,1,1,,,,0.5,2,0.2,3\n"      // line 7: probabilities sum to 0.7
                           ",,A,1,1,,,,,,,\n"              // line 8: duplicate A
                           "B,B,,,,,,,,,,\n"               // line 9: self arc
                           ",,\"E,1,1,,,,,,,\n";          // line 10: open quote
  const auto parsed = parse_willems_csv(text);
  ASSERT_FALSE(parsed.ok());
  const Problems& p = parsed.problems();
  EXPECT_TRUE(has_problem(p, "line 3, to")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 4, stageTime")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 5, stageCost")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 6, serviceLevel")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 7, StageTime_1_p")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 8, stageName")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 9")) << describe(p);
  EXPECT_TRUE(has_problem(p, "line 10")) << describe(p);
}

TEST(Willems, RefusesOtherFiles) {
  EXPECT_FALSE(parse_willems_csv("").ok());
  EXPECT_FALSE(parse_willems_csv("item,location,period,qty\n").ok());
  EXPECT_FALSE(parse_willems_csv("/chain\n").ok());
  const auto no_stage_column = parse_willems_csv("/chain\n/arcs/arc/@from,/arcs/arc/@to\n");
  ASSERT_FALSE(no_stage_column.ok());
  EXPECT_EQ(no_stage_column.problems()[0].path, "line 2");
}

TEST(Willems, InvalidUtf8IsRefusedWithItsLineAndColumn) {
  // Line 3 is "A,B\xFF,...": the bad byte is the fourth of the line.
  const std::string text = std::string(kHeader) + "A,B\xFF,,,,,,,,,,\n,,A,1,1,,,,,,,\n";
  const auto parsed = parse_willems_csv(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problems()[0].path, "line 3, column 4") << describe(parsed.problems());
}

}  // namespace
}  // namespace echelon
