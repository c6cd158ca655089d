#include "app/scenario_editor.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "app/default_scenario.h"
#include "app/scenario_edits.h"
#include "core/model/validate.h"
#include "support/test_scenarios.h"

namespace echelon::app {
namespace {

TEST(ScenarioEditor, TheFixtureIsValid) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  auto outcome = editor.replace(fixtures::serial_two_stage(), "open");
  EXPECT_TRUE(outcome.accepted) << describe(outcome.problems);
}

TEST(ScenarioEditor, AcceptedEditChangesScenarioAndRevision) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  auto outcome = editor.edit("rename", [](Scenario& s) { s.nodes[1].name = "Main store"; });
  EXPECT_TRUE(outcome.accepted);
  EXPECT_EQ(editor.scenario().nodes[1].name, "Main store");
  EXPECT_EQ(editor.revision(), 1u);
  EXPECT_TRUE(editor.can_undo());
  EXPECT_EQ(editor.undo_label(), "rename");
}

TEST(ScenarioEditor, InvalidEditKeepsLastGoodScenarioAndReportsPath) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  auto outcome = editor.edit("bad arc", [](Scenario& s) { s.arcs[0].to = "nowhere"; });
  EXPECT_FALSE(outcome.accepted);
  EXPECT_EQ(editor.scenario().arcs[0].to, "store");
  EXPECT_EQ(editor.revision(), 0u);
  ASSERT_FALSE(editor.last_problems().empty());
  EXPECT_EQ(editor.last_problems()[0].path, "/arcs/0/to");
  EXPECT_EQ(editor.last_rejected_label(), "bad arc");
  EXPECT_FALSE(editor.can_undo());
}

TEST(ScenarioEditor, UndoAndRedoRestoreExactScenarios) {
  const Scenario original = fixtures::serial_two_stage();
  ScenarioEditor editor(original);
  editor.edit("a", [](Scenario& s) { s.nodes[0].name = "A"; });
  editor.edit("b", [](Scenario& s) { s.nodes[0].name = "B"; });
  const Scenario after_b = editor.scenario();
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(editor.scenario().nodes[0].name, "A");
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(editor.scenario(), original);
  EXPECT_FALSE(editor.undo());
  ASSERT_TRUE(editor.redo());
  ASSERT_TRUE(editor.redo());
  EXPECT_EQ(editor.scenario(), after_b);
  EXPECT_FALSE(editor.redo());
}

TEST(ScenarioEditor, ANewEditClearsRedo) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  editor.edit("a", [](Scenario& s) { s.nodes[0].name = "A"; });
  editor.undo();
  ASSERT_TRUE(editor.can_redo());
  editor.edit("c", [](Scenario& s) { s.nodes[0].name = "C"; });
  EXPECT_FALSE(editor.can_redo());
}

TEST(ScenarioEditor, ADragIsOneUndoStep) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  for (double mean : {21.0, 22.0, 23.0, 24.0}) {
    editor.edit("demand mean", [&](Scenario& s) { s.demands[0].per_period = dist::Normal{mean, 5.0}; }, "drag-demand");
  }
  editor.end_merge();
  EXPECT_EQ(editor.revision(), 4u);
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(std::get<dist::Normal>(*editor.scenario().demands[0].per_period).mean, 20.0);
  EXPECT_FALSE(editor.can_undo());
}

TEST(ScenarioEditor, NoOpEditIsNotARevision) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  editor.edit("nothing", [](Scenario&) {});
  EXPECT_EQ(editor.revision(), 0u);
  EXPECT_FALSE(editor.can_undo());
}

TEST(ScenarioEditor, UndoHistoryIsBounded) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  for (std::size_t i = 0; i < ScenarioEditor::kMaxUndoSteps + 20; ++i) {
    editor.edit("rename", [&](Scenario& s) { s.name = "n" + std::to_string(i); });
  }
  std::size_t steps = 0;
  while (editor.undo()) ++steps;
  EXPECT_EQ(steps, ScenarioEditor::kMaxUndoSteps);
}

TEST(ScenarioEditor, SelectionIsDroppedWhenItsObjectGoes) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  editor.select({SelectionKind::arc, 0});
  EXPECT_EQ(editor.selection().kind, SelectionKind::arc);
  editor.edit("remove arc and demand", [](Scenario& s) {
    s.arcs.clear();
    s.demands.clear();
  });
  EXPECT_EQ(editor.selection().kind, SelectionKind::none);
}

TEST(ScenarioEditor, RejectedReplaceKeepsCurrent) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  Scenario broken = fixtures::serial_two_stage();
  broken.nodes[1].id = "sup";  // duplicate id
  auto outcome = editor.replace(broken, "open file");
  EXPECT_FALSE(outcome.accepted);
  EXPECT_EQ(editor.scenario(), fixtures::serial_two_stage());
}

}  // namespace
}  // namespace echelon::app

#include "app/scenario_edits.h"

namespace echelon::app {
namespace {

TEST(ScenarioEdits, RemovingANodeRemovesWhatRefersToIt) {
  Scenario s = fixtures::serial_two_stage();
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::fill_rate, 0.98});
  remove_node(s, "store");
  EXPECT_EQ(s.nodes.size(), 1u);
  EXPECT_TRUE(s.arcs.empty());
  EXPECT_TRUE(s.demands.empty());
  EXPECT_TRUE(s.service_targets.empty());
  ScenarioEditor editor(fixtures::serial_two_stage());
  EXPECT_TRUE(editor.edit("remove store", [](Scenario& sc) { remove_node(sc, "store"); }).accepted);
}

TEST(ScenarioEdits, AddedStagesGetFreshIds) {
  Scenario s = fixtures::serial_two_stage();
  EXPECT_EQ(add_stage(s, "dc", {1.0, 2.0}), "dc-1");
  EXPECT_EQ(add_stage(s, "dc", {3.0, 4.0}), "dc-2");
  EXPECT_EQ(add_stage(s, "supplier", {0.0, 0.0}), "supplier-1");
  ASSERT_EQ(s.nodes.size(), 5u);
  EXPECT_EQ(s.nodes[2].position, (Position{1.0, 2.0}));
  EXPECT_EQ(s.nodes[4].produces, std::vector<std::string>{"w"});
  ScenarioEditor editor(fixtures::serial_two_stage());
  EXPECT_TRUE(editor.edit("add", [](Scenario& sc) { add_stage(sc, "store", {}); }).accepted);
}

TEST(ScenarioEditor, MovingAStageIsALayoutOnlyEdit) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  const auto model = editor.model_revision();
  ASSERT_TRUE(editor.edit("move", [](Scenario& s) { s.nodes[0].position = {5.0, 7.0}; }, "move-plant").accepted);
  EXPECT_EQ(editor.revision(), 1u);
  EXPECT_EQ(editor.model_revision(), model);
  EXPECT_TRUE(editor.merging());
  EXPECT_FALSE(editor.merging_model_edit());
  editor.end_merge();
  ASSERT_TRUE(editor.edit("cost", [](Scenario& s) { s.items[0].unit_cost = 11.0; }, "cost").accepted);
  EXPECT_EQ(editor.model_revision(), model + 1);
  EXPECT_TRUE(editor.merging_model_edit());
  // Undoing the cost changes the model back; undoing the move does not.
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(editor.model_revision(), model + 2);
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(editor.model_revision(), model + 2);
  EXPECT_EQ(editor.scenario().nodes[0].position, fixtures::serial_two_stage().nodes[0].position);
}

// A history with unrecorded periods (NaN) is still the same data after a move, so the move stays
// a layout-only edit and the plan is kept.
TEST(ScenarioEditor, MovingAStageOfAScenarioWithGapsInItsHistoryIsALayoutOnlyEdit) {
  Scenario with_gaps = fixtures::serial_two_stage();
  std::vector<double> quantities;
  for (int t = 0; t < 36; ++t) quantities.push_back(t % 5 == 2 ? std::numeric_limits<double>::quiet_NaN() : 20.0 + t % 3);
  with_gaps.demands[0].per_period.reset();
  with_gaps.demands[0].history = History{std::nullopt, quantities};
  ScenarioEditor editor(with_gaps);
  const auto model = editor.model_revision();
  const auto structure = editor.structure_revision();
  ASSERT_TRUE(editor.edit("move", [](Scenario& s) { s.nodes[0].position = {5.0, 7.0}; }, "move-plant").accepted);
  EXPECT_EQ(editor.model_revision(), model);
  EXPECT_EQ(editor.structure_revision(), structure);
}

TEST(ScenarioEditor, ReplacingGivesANewIdentityAndUndoRestoresTheOld) {
  ScenarioEditor editor(fixtures::serial_two_stage());
  const auto first = editor.scenario_identity();
  ASSERT_TRUE(editor.edit("cost", [](Scenario& s) { s.items[0].unit_cost = 11.0; }).accepted);
  EXPECT_EQ(editor.scenario_identity(), first);
  ASSERT_TRUE(editor.replace(fixtures::serial_two_stage(), "open").accepted);
  const auto second = editor.scenario_identity();
  EXPECT_NE(second, first);
  ASSERT_TRUE(editor.undo());
  EXPECT_EQ(editor.scenario_identity(), first);
  EXPECT_DOUBLE_EQ(editor.scenario().items[0].unit_cost, 11.0);
  ASSERT_TRUE(editor.redo());
  EXPECT_EQ(editor.scenario_identity(), second);
}

TEST(ScenarioEdits, ItemsAtAStageComeFromWhatItMakesAndReceives) {
  Scenario s = fixtures::serial_two_stage();
  EXPECT_EQ(items_at_stage(s, "store"), std::vector<std::string>{"w"});
  const std::string dc = add_stage(s, "dc", {});
  // Not connected yet: every item of the scenario.
  EXPECT_EQ(items_at_stage(s, dc), std::vector<std::string>{"w"});
}

TEST(ScenarioEdits, AddedDemandComesWithATargetOnce) {
  Scenario s = fixtures::serial_two_stage();
  const std::string store = add_stage(s, "store", {});
  s.arcs.push_back({"sup", store, "w", dist::Constant{1.0}, 1.0, {}});
  const std::size_t targets = s.service_targets.size();
  ASSERT_TRUE(add_demand(s, store, "w"));
  EXPECT_FALSE(add_demand(s, store, "w"));
  ASSERT_EQ(s.demands.back().node, store);
  ASSERT_TRUE(s.demands.back().per_period.has_value());
  EXPECT_DOUBLE_EQ(mean(*s.demands.back().per_period), 10.0);
  ASSERT_EQ(s.service_targets.size(), targets + 1);
  EXPECT_DOUBLE_EQ(s.service_targets.back().value, 0.95);
  EXPECT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
  remove_demand(s, store, "w");
  EXPECT_EQ(s.service_targets.size(), targets);
  EXPECT_NE(s.demands.back().node, store);
}

TEST(ScenarioEdits, RenamingAnIdFollowsEveryReference) {
  Scenario s = fixtures::serial_two_stage();
  rename_node_id(s, "store", "shop");
  EXPECT_EQ(s.nodes[1].id, "shop");
  EXPECT_EQ(s.arcs[0].to, "shop");
  EXPECT_EQ(s.demands[0].node, "shop");
}

// Default network: plant 0, dc-1 1, dc-2 2, store-1..6 at 3..8.
TEST(ScenarioEditor, CtrlClickGrowsAGroupFromTheSelectedStage) {
  ScenarioEditor editor(default_scenario());
  editor.select({SelectionKind::node, 3});
  EXPECT_TRUE(editor.group().empty());
  editor.toggle_in_group(4);
  ASSERT_EQ(editor.group(), (std::vector<std::string>{"store-1", "store-2"}));
  EXPECT_EQ(editor.selection(), (Selection{SelectionKind::node, 4}));
  editor.toggle_in_group(5);
  EXPECT_EQ(editor.group().size(), 3u);
  editor.toggle_in_group(5);  // out again; the primary moves to a stage still in the group
  EXPECT_EQ(editor.group().size(), 2u);
  EXPECT_EQ(editor.selection(), (Selection{SelectionKind::node, 4}));
  editor.toggle_in_group(4);  // one stage left is no group
  EXPECT_TRUE(editor.group().empty());
  EXPECT_EQ(editor.selection(), (Selection{SelectionKind::node, 3}));
}

TEST(ScenarioEditor, APlainSelectLetsTheGroupGo) {
  ScenarioEditor editor(default_scenario());
  editor.select_group({3, 4, 5});
  EXPECT_EQ(editor.group().size(), 3u);
  EXPECT_EQ(editor.selection(), (Selection{SelectionKind::node, 3}));
  editor.select({SelectionKind::node, 6});
  EXPECT_TRUE(editor.group().empty());
}

TEST(ScenarioEditor, RemovedStagesLeaveTheGroup) {
  ScenarioEditor editor(default_scenario());
  editor.select_group({3, 4, 5});
  ASSERT_TRUE(editor.edit("remove store-2", [](Scenario& s) { remove_node(s, "store-2"); }).accepted);
  EXPECT_EQ(editor.group(), (std::vector<std::string>{"store-1", "store-3"}));
  ASSERT_TRUE(editor.edit("remove store-3", [](Scenario& s) { remove_node(s, "store-3"); }).accepted);
  EXPECT_TRUE(editor.group().empty());
}

TEST(ScenarioEdits, AGroupRangeShowsWhereStagesDiffer) {
  const Scenario s = default_scenario();
  // Holding rates: plant 0.20, DCs 0.25, stores 0.30 (default_scenario.cpp).
  const ValueRange r = stage_number_range(s, {"plant", "dc-1", "store-4"}, StageNumber::holding_cost);
  EXPECT_EQ(r.count, 3u);
  EXPECT_DOUBLE_EQ(r.low, 0.20);
  EXPECT_DOUBLE_EQ(r.high, 0.30);
  EXPECT_TRUE(r.mixed());
  const ValueRange same = stage_number_range(s, {"store-1", "store-2"}, StageNumber::holding_cost);
  EXPECT_FALSE(same.mixed());
  EXPECT_EQ(stage_number_range(s, {"nowhere"}, StageNumber::holding_cost).count, 0u);
}

TEST(ScenarioEdits, SettingANumberOnAGroupTouchesOnlyItsStages) {
  Scenario s = default_scenario();
  set_stage_number(s, {"store-1", "store-3"}, StageNumber::fixed_order_cost, 40.0);
  set_stage_number(s, {"store-1", "store-3"}, StageNumber::service_target, 0.97);
  set_processing_time(s, {"dc-1", "dc-2"}, dist::Constant{2.0});
  for (const Node& n : s.nodes) {
    const bool grouped = n.id == "store-1" || n.id == "store-3";
    EXPECT_EQ(n.fixed_order_cost, grouped ? 40.0 : default_scenario().nodes[&n - s.nodes.data()].fixed_order_cost) << n.id;
  }
  for (const ServiceTarget& t : s.service_targets) {
    if (t.node == "store-1" || t.node == "store-3") EXPECT_EQ(t.value, 0.97);
    else EXPECT_NE(t.value, 0.97);
  }
  EXPECT_EQ(processing_time_mean_range(s, {"dc-1", "dc-2"}).low, 2.0);
  EXPECT_EQ(processing_time_mean_range(s, {"dc-1", "dc-2"}).high, 2.0);
  EXPECT_EQ(stages_with_target(s, {"plant", "store-1", "store-2"}), 2u);
}

}  // namespace
// A service level's value is not structure; a target's scope and every other record are. A
// rejected value changes nothing, and a target value out of range is caught by the targets'
// own check as by the whole one.
TEST(ScenarioEditor, StructureRevisionSkipsTargetValues) {
  Scenario start = fixtures::serial_two_stage();
  start.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::cycle_service_level, 0.9});
  ScenarioEditor editor(start);
  const std::uint64_t structure = editor.structure_revision();
  EXPECT_TRUE(editor.edit("target", [](Scenario& s) { s.service_targets[0].value = 0.95; }, "t").accepted);
  EXPECT_EQ(editor.structure_revision(), structure);
  EXPECT_EQ(editor.model_revision(), 1u);
  const auto rejected = editor.edit("target", [](Scenario& s) { s.service_targets[0].value = 1.5; }, "t");
  EXPECT_FALSE(rejected.accepted);
  ASSERT_EQ(rejected.problems.size(), 1u);
  EXPECT_EQ(rejected.problems[0].path, "/service_targets/0/value");
  EXPECT_DOUBLE_EQ(editor.scenario().service_targets[0].value, 0.95);
  EXPECT_TRUE(editor.edit("measure", [](Scenario& s) { s.service_targets[0].measure = ServiceMeasure::fill_rate; }).accepted);
  EXPECT_EQ(editor.structure_revision(), structure + 1);
  EXPECT_TRUE(editor.edit("cost", [](Scenario& s) { s.items[0].unit_cost = 12.0; }).accepted);
  EXPECT_EQ(editor.structure_revision(), structure + 2);
  EXPECT_TRUE(editor.edit("move", [](Scenario& s) { s.nodes[0].position.x += 5.0; }).accepted);
  EXPECT_EQ(editor.structure_revision(), structure + 2);
  EXPECT_EQ(editor.model_revision(), 3u);
}

}  // namespace echelon::app
