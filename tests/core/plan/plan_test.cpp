#include "core/plan/plan.h"
#include "core/learn/portfolio.h"
#include "core/plan/plan_sim.h"
#include "core/policy/demand_over_periods.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "support/test_scenarios.h"

namespace echelon {
namespace {

constexpr double kZ95 = 1.6448536269514722;

TEST(GsmFromScenario, StagesTimesAndCosts) {
  auto built = gsm_from_scenario(fixtures::serial_two_stage());
  ASSERT_TRUE(built.ok()) << describe(built.problems());
  const GsmNetwork& n = built->network;
  ASSERT_EQ(n.stages.size(), 2u);
  ASSERT_EQ(n.arcs.size(), 1u);
  EXPECT_DOUBLE_EQ(n.stages[0].processing_time_periods, 3.0);
  EXPECT_DOUBLE_EQ(n.stages[1].processing_time_periods, 2.0);  // transit only
  EXPECT_DOUBLE_EQ(n.stages[0].holding_cost_per_unit_period, 1.0);
  EXPECT_DOUBLE_EQ(n.stages[1].holding_cost_per_unit_period, 2.0);
  EXPECT_DOUBLE_EQ(n.stages[1].external_demand_mean_per_period, 20.0);
  EXPECT_DOUBLE_EQ(n.stages[1].external_demand_sd_per_period, 5.0);
  EXPECT_NEAR(n.stages[1].safety_factor, kZ95, 1e-12);
  ASSERT_TRUE(n.stages[1].max_outbound_service_time_periods.has_value());
  EXPECT_DOUBLE_EQ(*n.stages[1].max_outbound_service_time_periods, 0.0);
}

// By hand: cost(S_sup) = z*5*(1*sqrt(3 - S_sup) + 2*sqrt(S_sup + 2)) is concave in S_sup on [0, 3],
// so the optimum is an end point: S_sup = 0 gives 5z(sqrt 3 + 2 sqrt 2) = 37.507,
// S_sup = 3 gives 5z * 2 sqrt 5 = 36.780: the supplier holds nothing and the store covers 5 periods.
TEST(MakePlan, SerialLineMovesStockToTheStore) {
  PlanOptions model_only;
  model_only.buffer_supplier_delays = false;  // the model's buffers alone, as derived above
  auto plan = make_plan(fixtures::serial_two_stage(), model_only);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  const double multi = 5.0 * kZ95 * 2.0 * std::sqrt(5.0);
  const double single = 5.0 * kZ95 * (std::sqrt(3.0) + 2.0 * std::sqrt(2.0));
  EXPECT_NEAR(plan->multi_echelon.safety_stock_cost_per_period, multi, 1e-6);
  EXPECT_NEAR(plan->single_echelon.safety_stock_cost_per_period, single, 1e-6);
  EXPECT_NEAR(plan->multi_echelon.safety_stock_cost_per_year, multi * 365.0, 1e-3);
  ASSERT_EQ(plan->stages.size(), 2u);
  EXPECT_NEAR(plan->stages[0].multi_echelon.outbound_service_time, 3.0, 1e-9);
  EXPECT_NEAR(plan->stages[0].multi_echelon.safety_stock, 0.0, 1e-9);
  EXPECT_NEAR(plan->stages[1].multi_echelon.net_replenishment_time, 5.0, 1e-9);
  EXPECT_NEAR(plan->stages[1].multi_echelon.safety_stock, kZ95 * 5.0 * std::sqrt(5.0), 1e-6);
  EXPECT_NEAR(plan->stages[1].multi_echelon.base_stock_level, 100.0 + kZ95 * 5.0 * std::sqrt(5.0), 1e-6);
  EXPECT_TRUE(plan->proven_optimal);
  EXPECT_DOUBLE_EQ(plan->stages[1].service_target, 0.95);
}

// The supplier-delay buffers (gsm.h): in the multi-echelon plan the supplier quotes 3 = its whole
// time, holds nothing and is never late (nothing random upstream of it), so the store gets
// nothing extra. In the single-echelon baseline the supplier quotes 0 and runs short in about 5%
// of periods, so the store holds more than the model's own buffer.
TEST(MakePlan, SupplierDelayBuffersOnlyWhereSuppliersRunShort) {
  PlanOptions model_only;
  model_only.buffer_supplier_delays = false;
  auto bare = make_plan(fixtures::serial_two_stage(), model_only);
  auto buffered = make_plan(fixtures::serial_two_stage());
  ASSERT_TRUE(bare.ok() && buffered.ok());
  EXPECT_NEAR(buffered->multi_echelon.safety_stock_cost_per_period, bare->multi_echelon.safety_stock_cost_per_period,
              1e-9);
  EXPECT_EQ(buffered->stages[1].multi_echelon.safety_stock_for_supplier_delays, 0.0);
  EXPECT_GT(buffered->stages[1].single_echelon.safety_stock_for_supplier_delays, 0.0);
  EXPECT_GT(buffered->single_echelon.safety_stock_cost_per_period, bare->single_echelon.safety_stock_cost_per_period);
}

TEST(MakePlan, ServiceTargetSetsTheSafetyFactor) {
  Scenario s = fixtures::serial_two_stage();
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::cycle_service_level, 0.99});
  auto built = gsm_from_scenario(s);
  ASSERT_TRUE(built.ok());
  EXPECT_NEAR(built->network.stages[1].safety_factor, 2.3263478740408408, 1e-9);
}

TEST(MakePlan, FillRateTargetIsPlannedAsCycleServiceAndSaysSo) {
  Scenario s = fixtures::serial_two_stage();
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::fill_rate, 0.98});
  auto built = gsm_from_scenario(s);
  ASSERT_TRUE(built.ok());
  EXPECT_NEAR(built->network.stages[1].safety_factor, 2.053748910631823, 1e-9);  // Phi^-1(0.98)
  EXPECT_FALSE(built->notes.empty());
}

// History 10, 14, 12, NaN, 16: mean 13, sample sd sqrt(20/3).
TEST(MakePlan, RandomTransitTimesAreNamedInTheNotes) {
  Scenario s = fixtures::serial_two_stage();
  EXPECT_TRUE(gsm_from_scenario(s)->notes.empty());
  s.arcs[0].transit_time = dist::Normal{2.0, 0.5};
  auto built = gsm_from_scenario(s);
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built->notes.size(), 1u);
  EXPECT_NE(built->notes[0].find("lead-time variability"), std::string::npos);
}

TEST(MakePlan, HistoryDemandUsesSampleMoments) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period.reset();
  s.demands[0].history = History{{}, {10.0, 14.0, 12.0, std::nan(""), 16.0}};
  auto built = gsm_from_scenario(s);
  ASSERT_TRUE(built.ok()) << describe(built.problems());
  EXPECT_DOUBLE_EQ(built->network.stages[1].external_demand_mean_per_period, 13.0);
  EXPECT_NEAR(built->network.stages[1].external_demand_sd_per_period, std::sqrt(20.0 / 3.0), 1e-12);
}

// A history long enough to learn: the stage plans with the learned forecast and its
// rolling-origin error spread (not the raw spread of a trend), and names the method.
TEST(MakePlan, LearnedHistoryUsesForecastAndErrorSpread) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period.reset();
  History h;
  for (int t = 0; t < 48; ++t) h.quantities.push_back(20.0 + t + (t % 3 == 0 ? 2.0 : t % 3 == 1 ? -1.0 : -1.0));
  s.demands[0].history = h;
  auto built = gsm_from_scenario(s);
  ASSERT_TRUE(built.ok()) << describe(built.problems());
  learn::DemandLearningOptions o;
  o.lead_time_periods = 0.0;
  auto learned = learn::learn_demand(h.quantities, o);
  ASSERT_TRUE(learned.ok() && learned->learned);
  const GsmStage& stage = built->network.stages[1];
  EXPECT_DOUBLE_EQ(stage.external_demand_mean_per_period, learned->mean_per_period);
  EXPECT_DOUBLE_EQ(stage.external_demand_sd_per_period, learned->error_sd_per_period);
  EXPECT_LT(stage.external_demand_sd_per_period, 0.5 * learned->demand_sd_per_period);
  const StageDemandModel& model = built->stage_demand_model[1];
  EXPECT_EQ(model.source, "history (learned)");
  EXPECT_EQ(model.method, learned->method);
  ASSERT_TRUE(model.simulated != nullptr);
  EXPECT_NEAR(mean(*model.simulated), learned->mean_per_period, 1e-9);
  EXPECT_EQ(built->stage_demand_model[0].source, "");
  bool noted = false;
  for (const std::string& n : built->notes) noted = noted || n.find("learned from history") != std::string::npos;
  EXPECT_TRUE(noted);

  // Learning off: the whole history's sample moments, as named.
  HistoryLearning off;
  off.learn = false;
  auto plain = gsm_from_scenario(s, off);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->stage_demand_model[1].source, "history (sample moments)");
  EXPECT_NEAR(plain->network.stages[1].external_demand_mean_per_period, 20.0 + 23.5, 0.1);

  // Models learned earlier are used as given.
  auto cache = std::make_shared<std::vector<std::optional<learn::LearnedDemand>>>(1);
  learn::LearnedDemand given = *learned;
  given.mean_per_period = 77.0;
  (*cache)[0] = given;
  HistoryLearning cached;
  cached.learned = cache;
  EXPECT_DOUBLE_EQ(gsm_from_scenario(s, cached)->network.stages[1].external_demand_mean_per_period, 77.0);

  // The plan carries the model to its stages.
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->stages[1].demand_model.source, "history (learned)");
}

// Learning in slices ahead of the plan gives the same plan as learning inside it.
TEST(MakePlan, PortfolioLearnerFeedsThePlan) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period.reset();
  History h;
  for (int t = 0; t < 30; ++t) h.quantities.push_back(static_cast<double>(10 + (t * 5) % 7));
  s.demands[0].history = h;
  auto learner = learn::PortfolioLearner::for_plan(s, {});
  while (!learner.step(1)) {
  }
  HistoryLearning given;
  given.learned = std::make_shared<std::vector<std::optional<learn::LearnedDemand>>>(learner.learned_models());
  auto with = gsm_from_scenario(s, given);
  auto without = gsm_from_scenario(s);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_DOUBLE_EQ(with->network.stages[1].external_demand_mean_per_period,
                   without->network.stages[1].external_demand_mean_per_period);
  EXPECT_DOUBLE_EQ(with->network.stages[1].external_demand_sd_per_period,
                   without->network.stages[1].external_demand_sd_per_period);
  EXPECT_EQ(with->stage_demand_model[1].method, without->stage_demand_model[1].method);
}

TEST(MakePlan, GivenDistributionIsNamedAsSuch) {
  auto built = gsm_from_scenario(fixtures::serial_two_stage());
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->stage_demand_model[1].source, "distribution");
}

TEST(MakePlan, InvalidScenarioGivesPathsNotAPlan) {
  Scenario s = fixtures::serial_two_stage();
  s.arcs[0].to = "missing";
  auto plan = make_plan(s);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.problems()[0].path, "/arcs/0/to");
}

TEST(MakePlan, NoVariabilityMeansNoSafetyStock) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period = dist::Constant{20.0};
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  EXPECT_NEAR(plan->multi_echelon.safety_stock_cost_per_period, 0.0, 1e-12);
  EXPECT_NEAR(plan->single_echelon.safety_stock_cost_per_period, 0.0, 1e-12);
}

// Three stores with intermittent learned demand (a fixed LCG: sold in about one month of three,
// 1 to 9 units) below one supplier: each store is sized by the quantile of its learned demand.
Scenario three_intermittent_stores() {
  Scenario s = fixtures::serial_two_stage();
  std::uint64_t state = 2024;
  for (int k = 0; k < 3; ++k) {
    if (k > 0) {
      Node store = s.nodes[1];
      store.id = "store" + std::to_string(k + 1);
      s.nodes.push_back(store);
      Arc arc = s.arcs[0];
      arc.to = store.id;
      s.arcs.push_back(arc);
      Demand d = s.demands[0];
      d.node = store.id;
      s.demands.push_back(d);
    }
    History h;
    for (int t = 0; t < 48; ++t) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const unsigned draw = static_cast<unsigned>(state >> 33);
      h.quantities.push_back(draw % 3 == 0 ? static_cast<double>(1 + (draw / 3) % 9) : 0.0);
    }
    s.demands.back().per_period.reset();
    s.demands.back().history = h;
  }
  for (Demand& d : s.demands) d.per_period.reset();
  return s;
}

void expect_same_plan(const Plan& a, const Plan& b) {
  EXPECT_EQ(a.multi_echelon.safety_stock_cost_per_period, b.multi_echelon.safety_stock_cost_per_period);
  EXPECT_EQ(a.single_echelon.safety_stock_cost_per_period, b.single_echelon.safety_stock_cost_per_period);
  EXPECT_EQ(a.single_echelon.safety_stock_value, b.single_echelon.safety_stock_value);
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t j = 0; j < a.stages.size(); ++j) {
    EXPECT_EQ(a.stages[j].single_echelon.base_stock_level, b.stages[j].single_echelon.base_stock_level) << j;
    EXPECT_EQ(a.stages[j].single_echelon.safety_stock, b.stages[j].single_echelon.safety_stock) << j;
    EXPECT_EQ(a.stages[j].multi_echelon.base_stock_level, b.stages[j].multi_echelon.base_stock_level) << j;
    EXPECT_EQ(a.stages[j].multi_echelon.safety_stock, b.stages[j].multi_echelon.safety_stock) << j;
  }
}

// The single-echelon answer's random-time pass and quantile sizing done one stage per prepare()
// call, or not at all before plan(), give the plan of one unlimited step; and the sizing is the quantile of the
// demand drawn over the single-echelon replenishment time (the supplier quotes 0, so a store
// waits only its 2-period transit), computed here directly.
TEST(PlanSearch, PreparedOneStageAtATimeGivesTheSamePlan) {
  const Scenario s = three_intermittent_stores();
  auto whole = PlanSearch::start(s);
  ASSERT_TRUE(whole.ok()) << describe(whole.problems());
  whole.value().step(0.0);
  const Plan expected = whole->plan();
  std::size_t sized = 0;
  for (const PlanStage& stage : expected.stages) {
    if (!stage.quantile_sized_probability) continue;
    ++sized;
    const double tau = stage.single_echelon.net_replenishment_time;
    EXPECT_EQ(tau, 2.0);
    const double level =
        demand_quantile_over_periods(demand_drawn_in_simulation(*stage.demand_model.simulated), tau, *stage.quantile_sized_probability)
            .value();
    EXPECT_NEAR(stage.single_echelon.base_stock_level - stage.single_echelon.safety_stock_for_supplier_delays, level, 1e-9);
  }
  ASSERT_EQ(sized, 3u);

  auto sliced = PlanSearch::start(s);
  ASSERT_TRUE(sliced.ok());
  std::size_t calls = 0;
  while (!sliced.value().prepared()) {
    sliced.value().prepare(1);
    ++calls;
  }
  // One stage a call: first the random-time pass over every stage, then each quantile-sized one.
  EXPECT_EQ(calls, expected.stages.size() + sized);
  sliced.value().step(0.0);
  expect_same_plan(sliced->plan(), expected);

  auto unprepared = PlanSearch::start(s);
  ASSERT_TRUE(unprepared.ok());
  EXPECT_FALSE(unprepared->prepared());
  const Plan first_answer = unprepared->plan();  // sized on the spot
  unprepared.value().step(0.0);
  expect_same_plan(unprepared->plan(), expected);
  EXPECT_EQ(first_answer.single_echelon.safety_stock_value, expected.single_echelon.safety_stock_value);
  // Without learned demand only the random-time pass is left: one call with room for every
  // stage finishes it.
  auto plain = PlanSearch::start(fixtures::serial_two_stage());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->prepared());
  EXPECT_TRUE(plain.value().prepare(2));
}

}  // namespace
// A search started with the search before a target edit (grids and pooled bounds reused) gives
// the plan of a search started afresh, number for number; the new target does change the plan,
// so stale costs would show. An edit of a time (no reuse possible) is checked the same way.
TEST(PlanSearch, TheSearchBeforeAnEditGivesTheSamePlanAsAFreshStart) {
  // Built whole: GCC 12 with sanitizers misreads assignment into the empty optional<variant>.
  const Demand second{.node = {}, .item = {}, .per_period = Distribution{dist::Normal{10.0, 4.0}}, .history = std::nullopt};
  Scenario before = fixtures::with_second_store(fixtures::serial_two_stage(), second);
  before.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::cycle_service_level, 0.9});
  auto first = PlanSearch::start(before);
  ASSERT_TRUE(first.ok()) << describe(first.problems());
  first.value().step(0.0);
  const Plan plan_before = first->plan();
  Scenario retargeted = before;
  retargeted.service_targets[0].value = 0.99;
  Scenario retimed = before;
  retimed.arcs[1].transit_time = dist::Constant{4.0};
  for (const Scenario* after : {&retargeted, &retimed}) {
    auto reused = PlanSearch::start(*after, {}, &first.value());
    auto fresh = PlanSearch::start(*after);
    ASSERT_TRUE(reused.ok() && fresh.ok());
    reused.value().step(0.0);
    fresh.value().step(0.0);
    const Plan a = reused->plan();
    const Plan b = fresh->plan();
    EXPECT_NE(a.multi_echelon.safety_stock_cost_per_period, plan_before.multi_echelon.safety_stock_cost_per_period);
    EXPECT_EQ(a.multi_echelon.safety_stock_cost_per_period, b.multi_echelon.safety_stock_cost_per_period);
    EXPECT_EQ(a.single_echelon.safety_stock_cost_per_period, b.single_echelon.safety_stock_cost_per_period);
    EXPECT_EQ(a.lower_bound_per_period, b.lower_bound_per_period);
    ASSERT_EQ(a.stages.size(), b.stages.size());
    for (std::size_t j = 0; j < a.stages.size(); ++j) {
      EXPECT_EQ(a.stages[j].multi_echelon.outbound_service_time, b.stages[j].multi_echelon.outbound_service_time);
      EXPECT_EQ(a.stages[j].multi_echelon.safety_stock, b.stages[j].multi_echelon.safety_stock);
      EXPECT_EQ(a.stages[j].multi_echelon.safety_stock_for_supplier_delays,
                b.stages[j].multi_echelon.safety_stock_for_supplier_delays);
      EXPECT_EQ(a.stages[j].multi_echelon.promise_safety_factor, b.stages[j].multi_echelon.promise_safety_factor);
      EXPECT_EQ(a.stages[j].single_echelon.safety_stock, b.stages[j].single_echelon.safety_stock);
    }
  }
}

}  // namespace echelon
