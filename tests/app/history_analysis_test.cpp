#include "app/history_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include "app/session.h"
#include "core/learn/demand_learner.h"
#include "core/plan/plan.h"
#include "support/test_scenarios.h"

namespace echelon::app {
namespace {

// serial_two_stage with the store's demand given as 24 periods alternating 16 and 24.
Scenario serial_with_history(std::vector<double> quantities) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period.reset();
  s.demands[0].history = History{std::nullopt, std::move(quantities)};
  return s;
}

std::vector<double> alternating(int periods, double low, double high) {
  std::vector<double> q;
  for (int t = 0; t < periods; ++t) q.push_back(t % 2 == 0 ? low : high);
  return q;
}

TEST(HistoryRows, TraditionalEstimateIsTheSampleMeanAndSd) {
  const Scenario s = serial_with_history(alternating(24, 16.0, 24.0));
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  const auto rows = history_rows(s, plan.value());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].item, "w");
  EXPECT_EQ(rows[0].node, "store");
  EXPECT_EQ(rows[0].periods, 24);
  EXPECT_EQ(rows[0].observed_periods, 24);
  // Mean 20; squared deviations 16 each, 24 of them: sd = sqrt(384 / 23) = 4.0860313.
  EXPECT_DOUBLE_EQ(rows[0].traditional_mean_per_period, 20.0);
  EXPECT_NEAR(rows[0].traditional_sd_per_period, 4.086031348, 1e-8);
}

TEST(HistoryRows, MissingPeriodsAreLeftOutOfTheSampleMoments) {
  const double missing = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> q = alternating(24, 16.0, 24.0);
  q.push_back(missing);
  q.insert(q.begin(), missing);
  const Scenario s = serial_with_history(q);
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  const auto rows = history_rows(s, plan.value());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].periods, 26);
  EXPECT_EQ(rows[0].observed_periods, 24);
  EXPECT_NEAR(rows[0].traditional_sd_per_period, 4.086031348, 1e-8);
}

TEST(HistoryRows, BothBuffersUseTheStagesFactorAndReplenishmentTime) {
  const Scenario s = serial_with_history(alternating(24, 16.0, 24.0));
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  const auto rows = history_rows(s, plan.value());
  ASSERT_EQ(rows.size(), 1u);
  const HistoryRow& r = rows[0];
  ASSERT_TRUE(r.stage_index.has_value());
  // Holding 1 upstream and 2 at the store, equal demand: quoting S = 3 at the supplier costs
  // 2 sqrt(5) = 4.47 sigma z, against sqrt(3) + 2 sqrt(2) = 4.56 for S = 0, so the store's net
  // replenishment time is 3 + 2 = 5 whatever sigma is; the default target 95% gives z = 1.6448536.
  EXPECT_DOUBLE_EQ(r.net_replenishment_time, 5.0);
  EXPECT_NEAR(r.safety_factor, 1.6448536269514722, 1e-9);
  // 1.6448536 * 4.0860313 * sqrt(5) = 15.02844.
  EXPECT_NEAR(r.traditional_safety_stock, 15.028442, 1e-5);
  // The learned column is the plan's own sd through the same formula.
  EXPECT_EQ(r.learned_sd_per_period, plan->stages[*r.stage_index].demand_model.sd_per_period);
  EXPECT_NEAR(r.learned_safety_stock, 1.6448536269514722 * r.learned_sd_per_period * std::sqrt(5.0), 1e-9);
  EXPECT_FALSE(r.method.empty());
  // Item value 10: the totals are value-weighted.
  const HistoryTotals totals = history_totals(rows);
  EXPECT_EQ(totals.histories, 1);
  EXPECT_NEAR(totals.traditional_safety_stock_value, 150.28442, 1e-4);
}

TEST(HistoryRows, DistributionsGiveNoRows) {
  const Scenario s = fixtures::serial_two_stage();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(history_rows(s, plan.value()).empty());
  EXPECT_TRUE(risk_inputs(s, plan.value()).empty());
}

TEST(HistoryRisk, StockIsThePlansBaseStockAtItemValue) {
  const Scenario s = serial_with_history(alternating(24, 16.0, 24.0));
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  const auto inputs = risk_inputs(s, plan.value());
  ASSERT_EQ(inputs.size(), 1u);
  ASSERT_TRUE(inputs[0].stock.has_value());
  double base_stock = 0.0;
  for (const PlanStage& st : plan->stages)
    if (st.node == "store") base_stock = st.multi_echelon.base_stock_level;
  EXPECT_GT(base_stock, 0.0);
  EXPECT_DOUBLE_EQ(inputs[0].stock->on_hand_units, base_stock);
  EXPECT_DOUBLE_EQ(inputs[0].stock->unit_cost, 10.0);
}

// Two stores: one selling steadily, one whose demand stopped half-way.
Scenario two_stores_one_dying() {
  std::vector<double> dying = alternating(60, 16.0, 24.0);
  for (std::size_t t = 30; t < dying.size(); ++t) dying[t] = 0.0;
  Demand d;
  d.history = History{std::nullopt, dying};
  return fixtures::with_second_store(serial_with_history(alternating(60, 16.0, 24.0)), d);
}

TEST(HistoryRisk, SlicedRunEqualsTheWholeAnalysisAndFlagsTheDeadItem) {
  const Scenario s = two_stores_one_dying();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  auto whole = risk::analyse_risk(risk_inputs(s, plan.value()));
  ASSERT_TRUE(whole.ok());
  auto started = HistoryRiskRun::start(s, plan.value());
  ASSERT_TRUE(started.ok());
  HistoryRiskRun run = std::move(started).value();
  int slices = 0;
  double last_progress = -1.0;
  while (!run.finished()) {
    EXPECT_GE(run.progress(), last_progress);
    last_progress = run.progress();
    run.step(7);
    ++slices;
  }
  EXPECT_GT(slices, 10);
  EXPECT_DOUBLE_EQ(run.progress(), 1.0);
  ASSERT_EQ(run.results().size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(run.results()[i].no_demand_probability, whole.value()[i].no_demand_probability);
    EXPECT_EQ(run.results()[i].flag.flagged, whole.value()[i].flag.flagged);
  }
  // Thirty periods without a sale after selling every period: flagged; the steady store is not.
  EXPECT_FALSE(run.results()[0].flag.flagged);
  EXPECT_TRUE(run.results()[1].flag.flagged);
  EXPECT_GT(run.results()[1].no_demand_probability, run.results()[0].no_demand_probability);
}

// Selling 16 or 24 every period for 30 periods, then nothing: the baseline rule ("no demand in
// the last 12 periods") first fires at period 30 + 12 = 42, and a cut-off sees only its past, so
// the flags before period 31 are whatever the live history gives (none here).
TEST(HistoryRisk, TimelineOfADeadItemAgainstTheBaseline) {
  const Scenario s = two_stores_one_dying();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  auto started = HistoryRiskRun::start(s, plan.value());
  ASSERT_TRUE(started.ok());
  HistoryRiskRun run = std::move(started).value();
  while (!run.finished()) run.step(100000);
  ASSERT_NE(run.model(), nullptr);
  const auto& dying = s.demands[1].history->quantities;
  const RiskTimeline t = risk_timeline(dying, *run.model(), run.options());
  ASSERT_FALSE(t.cutoffs.empty());
  EXPECT_EQ(t.cutoffs.front(), run.options().score.min_history_periods);
  EXPECT_EQ(t.cutoffs.back(), 60);
  EXPECT_EQ(t.first_baseline, 42);
  ASSERT_GT(t.first_flag, 30);
  EXPECT_LE(t.first_flag, t.first_baseline);
  for (std::size_t k = 0; k < t.cutoffs.size(); ++k) {
    EXPECT_EQ(t.baseline[k] != 0, t.cutoffs[k] >= 42) << t.cutoffs[k];
  }
  // The last cut-off's verdict is the analysis's own verdict without stock (the item has stock
  // in the analysis, which only adds the cover rule).
  EXPECT_EQ(t.no_demand_probability.back(), run.results()[1].no_demand_probability);
  // The steady store is never flagged.
  const RiskTimeline steady = risk_timeline(s.demands[0].history->quantities, *run.model(), run.options());
  EXPECT_EQ(steady.first_flag, -1);
  EXPECT_EQ(steady.first_baseline, -1);
}

TEST(AppSessionHistories, APortfolioGetsRowsAndRiskAfterThePlan) {
  AppSession state;
  const Scenario s = two_stores_one_dying();
  state.editor().replace(s, "test");
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) {
    state.begin_frame();
    state.step(50.0);
  }
  EXPECT_FALSE(state.background_running());
  ASSERT_EQ(state.history_rows().size(), 2u);
  ASSERT_TRUE(state.history_risk().has_value());
  ASSERT_TRUE(state.history_risk()->finished());
  EXPECT_EQ(state.history_risk()->results().size(), 2u);
  state.select_risk_item(1);
  EXPECT_EQ(state.selected_risk_item(), 1);
  ASSERT_TRUE(state.selected_risk_timeline().has_value());
  EXPECT_EQ(state.selected_risk_timeline()->first_baseline, 42);
  state.select_risk_item(7);  // out of range: nothing selected
  EXPECT_EQ(state.selected_risk_item(), -1);
  EXPECT_FALSE(state.selected_risk_timeline().has_value());
}

// A new set of histories is learned across frames before its plan; later edits that leave the
// histories alone reuse what was learned.
TEST(AppSessionHistories, HistoriesAreLearnedInSlicesOnceAndReused) {
  AppSession state;
  // The portfolio sample: 300 weekly histories at one DC, far more than one 2 ms slice learns.
  std::ifstream in(std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/portfolio.json");
  ASSERT_TRUE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(state.open_file("portfolio.json", text, "open").ok());
  const Scenario s = state.editor().scenario();
  state.begin_frame();
  ASSERT_TRUE(state.plan_learning().has_value());
  EXPECT_EQ(state.plan_learning()->total, s.demands.size());
  EXPECT_LT(state.plan_learning()->done, s.demands.size());
  EXPECT_FALSE(state.plan().ok());
  for (int frame = 0; frame < 100000 && state.plan_learning(); ++frame) state.step(1.0);
  for (int frame = 0; frame < 100000 && state.simulation_running(); ++frame) state.step(50.0);
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  // The plan's learned model equals learning the series on its own.
  learn::DemandLearningOptions options;
  options.lead_time_periods = 0.0;
  auto direct = learn::learn_demand(s.demands[1].history->quantities, options);
  ASSERT_TRUE(direct.ok());
  bool found = false;
  for (const PlanStage& st : state.plan()->stages) {
    if (st.node != s.demands[1].node || st.item != s.demands[1].item) continue;
    found = true;
    EXPECT_EQ(st.demand_model.method, direct->method);
    EXPECT_DOUBLE_EQ(st.demand_model.sd_per_period, direct->error_sd_per_period);
  }
  EXPECT_TRUE(found);
  // A cost edit: no learning, the plan of the edit comes at once.
  state.editor().edit("holding", [](Scenario& sc) { sc.nodes[0].holding_cost.value *= 2.0; });
  state.begin_frame();
  EXPECT_FALSE(state.plan_learning().has_value());
  EXPECT_TRUE(state.plan().ok());
}

TEST(AppSessionHistories, TheDefaultNetworkHasNoHistoriesAndNoRiskRun) {
  AppSession state;
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) state.step(50.0);
  EXPECT_TRUE(state.history_rows().empty());
  EXPECT_FALSE(state.history_risk().has_value());
}

}  // namespace
}  // namespace echelon::app
