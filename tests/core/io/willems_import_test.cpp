#include "core/io/willems_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/scenario_json.h"
#include "core/model/validate.h"
#include "support/test_support.h"

namespace echelon {
namespace {

const std::filesystem::path kWillemsDir = std::filesystem::path(ECHELON_SHARED_DATA_DIR) / "willems";

// All 19 chains import, validate, and keep their counts through a JSON round trip.
TEST(WillemsImport, AllChainsImportValidateAndRoundTrip) {
  if (!std::filesystem::is_directory(kWillemsDir)) GTEST_SKIP() << "no reference data at " << kWillemsDir;
  for (int chain = 1; chain <= 37; chain += 2) {
    char name[32];
    std::snprintf(name, sizeof name, "willems_%02d.csv", chain);
    auto parsed = parse_willems_csv(fixtures::read_text(kWillemsDir / name));
    ASSERT_TRUE(parsed.ok()) << name;
    auto s = import_willems(*parsed, name);
    ASSERT_TRUE(s.ok()) << name << describe(s.problems());
    const Problems problems = validate_scenario(*s);
    EXPECT_TRUE(problems.empty()) << name << "\n" << describe(problems);
    EXPECT_EQ(s->nodes.size(), parsed->stages.size()) << name;
    EXPECT_EQ(s->arcs.size(), parsed->arcs.size()) << name;
    EXPECT_EQ(s->demands.size(), parsed->demand_stage_count()) << name;
    auto back = load_scenario_json(write_scenario_json(*s));
    ASSERT_TRUE(back.ok()) << name << describe(back.problems());
    EXPECT_TRUE(*back == *s) << name;
  }
}

// Chain 01 by hand: Manuf_0001 is fed by Part_0001 (12), Part_0002 (5) and Part_0003 (9), and
// adds 39, so its unit value is 65; Retail_0001 adds 0 on top of Manuf_0001: 65.
TEST(WillemsImport, ChainOneValuesDistributionsAndLayout) {
  if (!std::filesystem::is_directory(kWillemsDir)) GTEST_SKIP() << "no reference data at " << kWillemsDir;
  auto parsed = parse_willems_csv(fixtures::read_text(kWillemsDir / "willems_01.csv"));
  ASSERT_TRUE(parsed.ok());
  auto s = import_willems(*parsed, "chain 01");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->period, Period::day);
  const auto manuf = find_item(*s, "Manuf_0001");
  ASSERT_TRUE(manuf);
  EXPECT_DOUBLE_EQ(s->items[*manuf].unit_cost, 65.0);
  EXPECT_DOUBLE_EQ(s->items[*find_item(*s, "Retail_0001")].unit_cost, 65.0);
  const Node& part = s->nodes[*find_node(*s, "Part_0001")];
  EXPECT_EQ(part.kind, "supplier");
  EXPECT_EQ(part.position, (Position{32.0, 32.0}));
  const auto* table = std::get_if<dist::Discrete>(&part.processing_time);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->outcomes.size(), 3u);
  EXPECT_EQ(table->outcomes[2], (dist::Outcome{50.0, 0.2}));
  const Node& m = s->nodes[*find_node(*s, "Manuf_0001")];
  EXPECT_EQ(m.processing_time, Distribution{dist::Constant{10.0}});
  EXPECT_EQ(m.cost_added_per_unit, 39.0);
  const Node& retail = s->nodes[*find_node(*s, "Retail_0001")];
  EXPECT_EQ(retail.kind, "store");
  EXPECT_EQ(retail.max_service_time_periods, 0.0);
  ASSERT_FALSE(s->demands.empty());
  EXPECT_EQ(s->demands[0].per_period, Distribution{(dist::Normal{253.0, 36.62})});
  EXPECT_EQ(s->service_targets[0].value, 0.95);
}

TEST(WillemsImport, CycleIsRefused) {
  WillemsChain c;
  c.stages.resize(2);
  c.stages[0].name = "A";
  c.stages[1].name = "B";
  c.arcs = {{0, 1}, {1, 0}};
  EXPECT_FALSE(import_willems(c, "loop").ok());
}

}  // namespace
}  // namespace echelon
