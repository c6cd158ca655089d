#include "app/scenario_editor.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace echelon::app
