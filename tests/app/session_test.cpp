#include "app/session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include "core/meio/gsm.h"
#include "core/io/scenario_import.h"
#include "support/test_scenarios.h"
#include "support/test_support.h"

namespace echelon::app {
namespace {

// Frames of background work (the plan's search, then the Monte Carlo) until nothing is left.
void run_background(AppSession& state, double budget_milliseconds = 50.0) {
  for (int frame = 0; frame < 100000 && state.simulation_running(); ++frame) state.step(budget_milliseconds);
}

TEST(AppSession, OpensOnTheDefaultWithResultsComputed) {
  AppSession state;
  EXPECT_DOUBLE_EQ(state.single_location_input().mean_demand_per_period, 100.0);
  // 1.6448536 * sqrt(6 * 400 + 10000) from the core's hand-derived test.
  EXPECT_NEAR(state.single_location_result().safety_stock, 183.1631481242422, 1e-9);
  EXPECT_FALSE(state.has_problems());
}

TEST(AppSession, AcceptedEditRecomputesAndBumpsRevision) {
  AppSession state;
  const auto before = state.revision();
  ASSERT_TRUE(state.set_field(SingleLocationField::SdLeadTime, 0.0));
  EXPECT_GT(state.revision(), before);
  // Demand term only: 1.6448536 * sqrt(6 * 400) = 80.5810.
  EXPECT_NEAR(state.single_location_result().safety_stock, 1.6448536269514722 * std::sqrt(2400.0), 1e-9);
}

TEST(AppSession, RejectedEditKeepsLastGoodStateAndNamesTheField) {
  AppSession state;
  const double good = state.single_location_result().safety_stock;
  const auto revision = state.revision();
  EXPECT_FALSE(state.set_field(SingleLocationField::SdDemand, -3.0));
  EXPECT_DOUBLE_EQ(state.single_location_input().sd_demand_per_period, 20.0);
  EXPECT_DOUBLE_EQ(state.single_location_result().safety_stock, good);
  EXPECT_EQ(state.revision(), revision);
  EXPECT_TRUE(state.has_problems());
  EXPECT_NE(state.field_problem(SingleLocationField::SdDemand).message.find("negative"), std::string::npos);
  EXPECT_DOUBLE_EQ(state.field_problem(SingleLocationField::SdDemand).rejected_value, -3.0);
}

TEST(AppSession, NextAcceptedEditClearsTheProblem) {
  AppSession state;
  EXPECT_FALSE(state.set_field(SingleLocationField::CycleServiceLevel, 1.5));
  EXPECT_TRUE(state.set_field(SingleLocationField::CycleServiceLevel, 0.9));
  EXPECT_FALSE(state.has_problems());
}

TEST(AppSession, NaNIsRejected) {
  AppSession state;
  EXPECT_FALSE(state.set_field(SingleLocationField::MeanLeadTime, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_DOUBLE_EQ(state.single_location_input().mean_lead_time_periods, 5.0);
}

TEST(AppSession, SameValueIsNotARevision) {
  AppSession state;
  const auto revision = state.revision();
  EXPECT_TRUE(state.set_field(SingleLocationField::MeanDemand, 100.0));
  EXPECT_EQ(state.revision(), revision);
}

TEST(AppSession, FieldNamesRoundTrip) {
  for (int i = 0; i < static_cast<int>(SingleLocationField::Count); ++i) {
    const auto field = static_cast<SingleLocationField>(i);
    auto back = field_from_name(field_name(field));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, field);
  }
  EXPECT_FALSE(field_from_name("no_such_field").has_value());
}


// The same 95% read as a fill rate needs less stock than as a cycle-service level for this item
// (fast mover, long protection interval): the shortfall per cycle is small relative to demand.
TEST(AppSession, FillRateTargetIsPlannedByTheEngineWithLessStock) {
  AppSession state;
  ASSERT_TRUE(state.single_location_plan().ok()) << describe(state.single_location_plan().problems());
  const double cycle = state.single_location_plan()->buffer.safety_stock;
  auto choices = state.choices();
  choices.target_kind = ServiceTargetKind::fill_rate;
  state.set_choices(choices);
  ASSERT_TRUE(state.single_location_plan().ok());
  EXPECT_LT(state.single_location_plan()->buffer.safety_stock, cycle);
  EXPECT_NEAR(state.single_location_plan()->buffer.achieved.fill_rate, 0.95, 1e-3);
}

TEST(AppSession, EngineFollowsAcceptedEdits) {
  AppSession state;
  const double before = state.single_location_plan()->buffer.safety_stock;
  ASSERT_TRUE(state.set_field(SingleLocationField::SdDemand, 40.0));
  EXPECT_GT(state.single_location_plan()->buffer.safety_stock, before);
}


// The first estimates arrive once a block of replications is done, and the run reports itself
// running until its target is reached, so the page keeps drawing frames meanwhile.
TEST(AppSession, SimulationRunsUntilItsTargetAndPublishesEstimates) {
  AppSession state;
  state.step(0.01);
  EXPECT_TRUE(state.simulation_running());
  run_background(state, 5.0);
  EXPECT_FALSE(state.simulation_running());
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_TRUE(state.simulation()->convergence.finished);
  EXPECT_EQ(state.simulation()->convergence.replications_done, state.editor().scenario().settings.replications);
}


// With frames too short for the Monte Carlo's slice, each refresh of the estimates waits for a
// frame of its own; the last one still comes after the run's last replication, so the figures
// on screen are those of the whole run, with its promise checks.
TEST(AppSession, EstimatesOwedAfterAFullSliceComeNextFrame) {
  AppSession state;
  run_background(state, 0.001);
  EXPECT_FALSE(state.simulation_running());
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_TRUE(state.simulation()->convergence.finished);
  EXPECT_EQ(state.simulation()->convergence.replications_done, state.editor().scenario().settings.replications);
  EXPECT_FALSE(state.simulation_is_stale());
  EXPECT_TRUE(state.promise_report().has_value());
}

// A drag re-plans every frame but the Monte Carlo keeps its last run, marked stale, until the
// drag ends.
TEST(AppSession, SimulationRestartsWhenTheDragEnds) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_FALSE(state.simulation_is_stale());
  const auto before = state.simulation_revision();
  state.editor().edit("target", [](Scenario& s) { s.service_targets[0].value = 0.97; }, "drag-target");
  state.step(50.0);
  EXPECT_TRUE(state.dragging());
  EXPECT_FALSE(state.plan_is_preliminary());  // a small tree is solved in every frame of the drag
  EXPECT_TRUE(state.simulation_is_stale());
  EXPECT_EQ(state.simulation_revision(), before);
  state.editor().end_merge();
  run_background(state);
  EXPECT_FALSE(state.plan_is_preliminary());
  EXPECT_FALSE(state.simulation_is_stale());
  EXPECT_GT(state.simulation_revision(), before);
}


// Moving a stage on the canvas changes where it is drawn, not what is planned: the plan and the
// finished Monte Carlo stay as they are, also during the drag.
TEST(AppSession, MovingAStageKeepsPlanAndSimulation) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  const auto plan_generation = state.plan_generation();
  const auto sim_revision = state.simulation_revision();
  state.editor().edit("move", [](Scenario& s) { s.nodes[0].position.x += 40.0; }, "move-0");
  EXPECT_FALSE(state.dragging());
  state.begin_frame();
  state.step(50.0);
  EXPECT_TRUE(state.plan_is_current());
  EXPECT_FALSE(state.simulation_running());
  state.editor().end_merge();
  state.step(50.0);
  EXPECT_EQ(state.plan_generation(), plan_generation);
  EXPECT_EQ(state.simulation_revision(), sim_revision);
  EXPECT_FALSE(state.simulation_is_stale());
}

// Another scenario with as many stages: none of the old figures survive its opening, not even
// marked stale, because they would read as the new scenario's.
TEST(AppSession, OpeningAnotherScenarioClearsItsFiguresAtOnce) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  ASSERT_TRUE(state.promise_report().has_value());
  Scenario other = state.editor().scenario();
  other.name = "another";
  for (ServiceTarget& t : other.service_targets) t.value = 0.6;
  ASSERT_TRUE(state.editor().replace(other, "open").accepted);
  state.begin_frame();
  EXPECT_FALSE(state.simulation().has_value());
  EXPECT_FALSE(state.promise_report().has_value());
  EXPECT_TRUE(state.simulation_running());
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_FALSE(state.simulation_is_stale());
}

// Frames far shorter than any phase (each study and the simulation's setup then start in frames
// of their own, and the Monte Carlo and the service study run in the smallest slices) give the
// same figures, bit for bit, as frames long enough for everything at once.
TEST(AppSession, FiguresDoNotDependOnHowTheWorkIsSlicedAcrossFrames) {
  auto frames_until_done = [](AppSession& state, double budget_milliseconds) {
    int frames = 0;
    for (; frames < 1000000 && state.background_running(); ++frames) state.step(budget_milliseconds);
    return frames;
  };
  AppSession whole, sliced;
  const int long_frames = frames_until_done(whole, 1e6);
  const int short_frames = frames_until_done(sliced, 0.0001);
  EXPECT_GT(short_frames, long_frames + 10);
  ASSERT_TRUE(whole.simulation().has_value() && sliced.simulation().has_value());
  EXPECT_FALSE(sliced.simulation_is_stale());
  EXPECT_EQ(sim::digest(*whole.simulation()), sim::digest(*sliced.simulation()));
  ASSERT_TRUE(whole.service_run().has_value() && sliced.service_run().has_value());
  const service::ServiceResults* a = whole.service_run()->results();
  const service::ServiceResults* b = sliced.service_run()->results();
  ASSERT_TRUE(a != nullptr && b != nullptr);
  EXPECT_EQ(a->optimized.investment, b->optimized.investment);
  EXPECT_EQ(a->uniform.investment, b->uniform.investment);
  ASSERT_EQ(a->frontier.overall.points.size(), b->frontier.overall.points.size());
  for (std::size_t k = 0; k < a->frontier.overall.points.size(); ++k)
    EXPECT_EQ(a->frontier.overall.points[k].investment, b->frontier.overall.points[k].investment);
  ASSERT_EQ(a->verified, b->verified);
  EXPECT_EQ(a->verification.simulated_fill_rate, b->verification.simulated_fill_rate);
}

// Estimates of another network are dropped when a new one opens; after an edit of the same
// network the old figures stay, marked stale, until the new run publishes.
TEST(AppSession, StaleEstimatesAreMarkedAndOtherNetworksDropped) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  state.editor().edit("target", [](Scenario& s) { s.service_targets[0].value = 0.9; });
  state.step(0.0001);  // far less than one block of replications takes
  ASSERT_EQ(state.simulation_replications_done(), 0);
  EXPECT_TRUE(state.simulation_is_stale());
  EXPECT_TRUE(state.simulation().has_value());
  ASSERT_TRUE(state.editor().replace(fixtures::serial_two_stage(), "open").accepted);
  state.step(0.0001);
  // Whatever the first step managed, the default network's 9-stage figures are gone.
  EXPECT_TRUE(!state.simulation().has_value() || state.simulation()->stages.size() == 2u);
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_FALSE(state.simulation_is_stale());
  EXPECT_EQ(state.simulation()->stages.size(), 2u);
}

// The largest Willems chain (1,479 stages, not a tree): its search takes far longer than a
// frame, so the plan is refined across frames. Skipped without the shared data.
std::optional<Scenario> willems_37() {
  const std::filesystem::path path = std::filesystem::path(ECHELON_SHARED_DATA_DIR) / "willems" / "willems_37.csv";
  if (!std::filesystem::exists(path)) return std::nullopt;
  auto scenario = import_scenario_file(path.string(), fixtures::read_text(path));
  if (!scenario.ok()) return std::nullopt;
  return std::move(scenario).value();
}

// Frames until the plan's search has finished (the Monte Carlo may still be running).
void finish_plan_search(AppSession& state) {
  for (int i = 0; i < 2000 && (state.plan_is_preliminary() || state.plan_in_preparation()); ++i) state.step(5.0);
}

// The first answer is shown at once and marked preliminary; later frames only improve it, and
// the final plan carries the search's proven gap.
TEST(AppSession, LargeNetworkPlanIsRefinedAcrossFrames) {
  auto chain = willems_37();
  if (!chain) GTEST_SKIP() << "../shared/data/willems/willems_37.csv not available";
  AppSession state;
  ASSERT_TRUE(state.editor().replace(std::move(*chain), "open").accepted);
  EXPECT_FALSE(state.plan_is_current());  // panels never start work: the frame loop does
  state.begin_frame();
  EXPECT_TRUE(state.plan_is_current());
  // The single-echelon buffers for random times are sized over the first frames, then the first
  // answer shows while the search goes on.
  // Meanwhile the session says the plan is being prepared (not that there is none).
  EXPECT_FALSE(state.plan().ok());
  EXPECT_TRUE(state.plan_in_preparation());
  for (int frame = 0; frame < 200 && !state.plan().ok(); ++frame) state.step(6.0);
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  EXPECT_FALSE(state.plan_in_preparation());
  EXPECT_TRUE(state.plan_is_preliminary());
  const double first_cost = state.plan()->multi_echelon.safety_stock_cost_per_period;
  const auto first_generation = state.plan_generation();
  EXPECT_TRUE(state.simulation_running());
  finish_plan_search(state);
  ASSERT_FALSE(state.plan_is_preliminary());
  EXPECT_GT(state.plan_generation(), first_generation);
  const Plan& final_plan = state.plan().value();
  EXPECT_LE(final_plan.multi_echelon.safety_stock_cost_per_period, first_cost * (1.0 + 1e-12));
  EXPECT_GE(final_plan.gap, 0.0);
  EXPECT_LE(final_plan.lower_bound_per_period, final_plan.multi_echelon.safety_stock_cost_per_period * (1.0 + 1e-12));
}

// The first plan of a large scenario is started over two frames: the stages are built in the
// frame the file opens and the search is set up in the next, each a frame's worth in the browser.
// The plan it settles on is the one the command line makes in one go.
TEST(AppSession, FirstPlanOfALargeScenarioBuildsItsStagesAndSetsUpItsSearchInSeparateFrames) {
  auto chain = willems_37();
  if (!chain) GTEST_SKIP() << "../shared/data/willems/willems_37.csv not available";
  AppSession state;
  ASSERT_TRUE(state.editor().replace(std::move(*chain), "open").accepted);
  state.begin_frame();
  ASSERT_FALSE(state.plan().ok());
  ASSERT_FALSE(state.plan().problems().empty());
  EXPECT_EQ(state.plan().problems()[0].message, "building the network's stages");
  EXPECT_TRUE(state.plan_in_preparation());
  EXPECT_TRUE(state.simulation_running());
  state.step(6.0);
  // The search is set up now: the stages message is gone (the preparation goes on).
  EXPECT_TRUE(state.plan().ok() || state.plan().problems()[0].message != "building the network's stages");
  finish_plan_search(state);
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  PlanOptions options;
  auto direct = make_plan(state.editor().scenario(), options);
  ASSERT_TRUE(direct.ok()) << describe(direct.problems());
  ASSERT_EQ(state.plan()->stages.size(), direct->stages.size());
  EXPECT_NEAR(state.plan()->multi_echelon.safety_stock_cost_per_period, direct->multi_echelon.safety_stock_cost_per_period,
              1e-9 * direct->multi_echelon.safety_stock_cost_per_period);
}

// During a drag the search restarts from the placement before the edit, so the preliminary
// plan costs no more than that placement re-costed at the new target.
TEST(AppSession, DragStartsFromThePlacementBeforeIt) {
  auto chain = willems_37();
  if (!chain) GTEST_SKIP() << "../shared/data/willems/willems_37.csv not available";
  AppSession state;
  ASSERT_TRUE(state.editor().replace(std::move(*chain), "open").accepted);
  state.begin_frame();
  finish_plan_search(state);
  ASSERT_TRUE(state.plan().ok());
  std::vector<double> before;
  for (const PlanStage& stage : state.plan()->stages) before.push_back(stage.multi_echelon.outbound_service_time);
  ASSERT_FALSE(state.editor().scenario().service_targets.empty());
  const double raised = std::min(0.995, state.editor().scenario().service_targets[0].value + 0.02);
  ASSERT_TRUE(state.editor().edit("target", [&](Scenario& s) { s.service_targets[0].value = raised; }, "drag").accepted);
  state.begin_frame();
  ASSERT_TRUE(state.plan().ok());
  EXPECT_TRUE(state.dragging());
  auto instance = gsm_from_scenario(state.editor().scenario());
  ASSERT_TRUE(instance.ok());
  auto recosted = evaluate_gsm(instance->network, before);
  ASSERT_TRUE(recosted.ok()) << describe(recosted.problems());
  // The search's objective is the model's cost, without the buffers for supplier delays and for
  // the shape of the demand over random times (added after the search, gsm_delays.h).
  double model_cost = 0.0;
  for (std::size_t j = 0; j < state.plan()->stages.size(); ++j) {
    const GsmStageResult& r = state.plan()->stages[j].multi_echelon;
    model_cost += instance->network.stages[j].holding_cost_per_unit_period *
                  (r.safety_stock - r.safety_stock_for_supplier_delays - r.safety_stock_for_lead_time_shape);
  }
  EXPECT_LE(model_cost, recosted->total_cost * (1.0 + 1e-9));
  state.editor().end_merge();
  finish_plan_search(state);
  EXPECT_FALSE(state.plan_is_preliminary());
}


// An edit after the plan has settled starts from the finished search (its grids, bounds and
// memos): the plan it settles on is the one a fresh session computes for the edited scenario.
TEST(AppSession, AnEditAfterASettledPlanGivesTheFreshPlan) {
  AppSession state;
  state.begin_frame();
  finish_plan_search(state);
  ASSERT_TRUE(state.plan().ok());
  ASSERT_FALSE(state.editor().scenario().service_targets.empty());
  const double raised = std::min(0.995, state.editor().scenario().service_targets[0].value + 0.02);
  ASSERT_TRUE(state.editor().edit("target", [&](Scenario& s) { s.service_targets[0].value = raised; }, "typed").accepted);
  state.begin_frame();
  finish_plan_search(state);
  ASSERT_TRUE(state.plan().ok());

  AppSession fresh;
  ASSERT_TRUE(fresh.editor().replace(state.editor().scenario(), "open").accepted);
  fresh.begin_frame();
  finish_plan_search(fresh);
  ASSERT_TRUE(fresh.plan().ok());
  const Plan& a = state.plan().value();
  const Plan& b = fresh.plan().value();
  EXPECT_EQ(a.multi_echelon.safety_stock_cost_per_period, b.multi_echelon.safety_stock_cost_per_period);
  EXPECT_EQ(a.single_echelon.safety_stock_cost_per_period, b.single_echelon.safety_stock_cost_per_period);
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t j = 0; j < a.stages.size(); ++j) {
    EXPECT_EQ(a.stages[j].multi_echelon.outbound_service_time, b.stages[j].multi_echelon.outbound_service_time) << "stage " << j;
    EXPECT_EQ(a.stages[j].multi_echelon.base_stock_level, b.stages[j].multi_echelon.base_stock_level) << "stage " << j;
  }
}


// The simulation panel charts the selected stage: the estimates carry that node's bands only,
// and a new selection gets its own bands without waiting for the run to grow.
TEST(AppSession, EstimatesCarryTheSelectedNodesBands) {
  AppSession state;
  run_background(state);
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_TRUE(state.simulation()->series.empty());  // nothing selected
  const Plan& plan = state.plan().value();
  for (std::size_t node = 0; node < 2; ++node) {
    state.editor().select({SelectionKind::node, node});
    state.step(1.0);
    ASSERT_TRUE(state.simulation().has_value());
    std::size_t expected = 0;
    for (const PlanStage& stage : plan.stages) expected += stage.node_index == node ? 1 : 0;
    ASSERT_GT(expected, 0u) << "node " << node << " holds no stage";
    ASSERT_EQ(state.simulation()->series.size(), expected) << "node " << node;
    for (const sim::StageSeries& series : state.simulation()->series) {
      EXPECT_EQ(plan.stages[static_cast<std::size_t>(series.stage)].node_index, node);
      EXPECT_FALSE(series.on_hand_p50.empty());
    }
  }
}

}  // namespace
}  // namespace echelon::app

namespace echelon::app {
namespace {

// The default network's plan and its simulation agree stage by stage on the promised measure
// (core/plan/promise.h): no stage is below its promise beyond the simulation's 95% interval.
TEST(AppSession, DefaultNetworkKeepsItsPromiseInSimulation) {
  AppSession state;
  for (int frame = 0; frame < 100000 && state.simulation_running(); ++frame) state.step(50.0);
  ASSERT_TRUE(state.promise_report().has_value());
  const PromiseReport& report = *state.promise_report();
  ASSERT_EQ(report.stages.size(), state.plan()->stages.size());
  EXPECT_EQ(report.stages_below, 0);
  for (const StagePromise& p : report.stages) {
    EXPECT_GT(p.promised, 0.5) << p.node;
    EXPECT_FALSE(p.measure.empty()) << p.node;
  }
}

}  // namespace
}  // namespace echelon::app
