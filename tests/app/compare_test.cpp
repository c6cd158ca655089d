#include "app/compare.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/default_scenario.h"
#include "app/session.h"

namespace echelon::app {
namespace {

void run_background(AppSession& state) {
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) {
    state.begin_frame();
    state.step(50.0);
  }
  state.begin_frame();
}

TEST(Compare, IdenticalScenariosHaveNoInputChangesAndZeroDifferences) {
  const Scenario s = default_scenario();
  ScenarioFigures f;
  f.safety_stock_cost_per_year = 100.0;
  f.stages.push_back({"a", "x", 0.0, 5.0, 9.0, 0.95, 0.97, 0.96});
  const Comparison c = compare_scenarios(s, f, s, f);
  EXPECT_EQ(c.input_change_count, 0u);
  ASSERT_EQ(c.stages.size(), 1u);
  EXPECT_TRUE(c.stages[0].a && c.stages[0].b);
  EXPECT_DOUBLE_EQ(*c.totals[0].a, *c.totals[0].b);
}

TEST(Compare, InputChangesAreInWordsAndLayoutIsLeftOut) {
  const Scenario a = default_scenario();
  Scenario b = a;
  b.nodes[2].holding_cost.value = 0.4;
  b.nodes[3].position.x += 50.0;  // layout only: not a change of inputs
  const Comparison c = compare_scenarios(a, {}, b, {});
  ASSERT_EQ(c.input_change_count, 1u);
  EXPECT_NE(c.input_changes[0].find("nodes/2/holding_cost/value"), std::string::npos) << c.input_changes[0];
  EXPECT_NE(c.input_changes[0].find("to 0.4"), std::string::npos) << c.input_changes[0];
}

TEST(Compare, StagesAreMatchedByStageAndItem) {
  ScenarioFigures fa, fb;
  fa.stages = {{"dc", "x", 2.0, 10.0, 30.0, 0.0, {}, {}}, {"gone", "x", 0.0, 1.0, 2.0, 0.9, {}, {}}};
  fb.stages = {{"new", "x", 0.0, 3.0, 4.0, 0.9, {}, {}}, {"dc", "x", 0.0, 14.0, 40.0, 0.0, {}, {}}};
  const Scenario s = default_scenario();
  const Comparison c = compare_scenarios(s, fa, s, fb);
  ASSERT_EQ(c.stages.size(), 3u);
  EXPECT_EQ(c.stages[0].node, "dc");
  ASSERT_TRUE(c.stages[0].b);
  EXPECT_DOUBLE_EQ(c.stages[0].b->safety_stock_units, 14.0);
  EXPECT_FALSE(c.stages[1].b);  // only in A
  EXPECT_EQ(c.stages[2].node, "new");
  EXPECT_FALSE(c.stages[2].a);  // only in B
}

// The session pins A with its plan and simulation; an edit of B shows the cost moving the way the
// edit says (a higher holding rate at a store, which must hold stock, makes the plan dearer).
TEST(Compare, ASessionComparesThePinnedScenarioWithTheEditedOne) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.pin_as_a());
  ASSERT_TRUE(state.comparison().has_value());
  EXPECT_EQ(state.comparison()->input_change_count, 0u);
  const double cost_a = *state.comparison()->totals[0].a;
  EXPECT_DOUBLE_EQ(cost_a, state.plan()->multi_echelon.safety_stock_cost_per_year);
  ASSERT_TRUE(state.comparison()->totals[3].a.has_value());  // simulated fill of A
  // The plant quotes its DCs a service time and holds no stock: little is shipped from stock at
  // once, yet it ships within its quoted time in most periods, the measure it promises.
  const auto plant = std::find_if(state.comparison()->stages.begin(), state.comparison()->stages.end(),
                                  [](const StageRow& r) { return r.node == "plant"; });
  ASSERT_NE(plant, state.comparison()->stages.end());
  ASSERT_TRUE(plant->a && plant->a->simulated_on_time_share && plant->a->simulated_fill_rate);
  EXPECT_GT(plant->a->outbound_service_time, 0.0);
  EXPECT_GT(*plant->a->simulated_on_time_share, 0.9);
  EXPECT_LT(*plant->a->simulated_fill_rate, 0.5);
  ASSERT_TRUE(state.editor().edit("rate", [](Scenario& s) { s.nodes.back().holding_cost.value *= 2.0; }).accepted);
  run_background(state);
  ASSERT_TRUE(state.comparison().has_value());
  EXPECT_EQ(state.comparison()->input_change_count, 1u);
  EXPECT_GT(*state.comparison()->totals[0].b, cost_a);
  ASSERT_TRUE(state.comparison()->totals[3].b.has_value());
  // Opening A again brings its inputs back.
  ASSERT_TRUE(state.open_pinned());
  run_background(state);
  ASSERT_TRUE(state.comparison().has_value());
  EXPECT_EQ(state.comparison()->input_change_count, 0u);
}

}  // namespace
}  // namespace echelon::app
