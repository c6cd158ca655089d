#include "core/sim/sim.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>

#include "core/policy/safety_stock.h"
#include "core/stats/stats.h"
#include "support/textbook_instances.h"

namespace echelon::sim {
namespace {

Distribution constant(double v) { return {DistributionKind::constant, v, 0.0, {}, {}}; }
Distribution normal(double m, double s) { return {DistributionKind::normal, m, s, {}, {}}; }

// 4 standard errors from a 95% half-width with n - 1 degrees of freedom.
double four_se(const Estimate& e, int n) { return 4.0 * e.half_width / student_t_975(n - 1); }

SimStage stage(const char* name, double h, double S) {
  SimStage s;
  s.name = name;
  s.holding_cost_per_unit_period = h;
  s.unit_value = 10.0 * h;
  s.policy.order_up_to = S;
  return s;
}

TEST(Sim, StudentTQuantileMatchesBoost) {
  for (int dof : {1, 2, 5, 10, 29, 30, 31, 40, 99, 1000, 100000}) {
    const double exact = boost::math::quantile(boost::math::students_t(dof), 0.975);
    EXPECT_NEAR(student_t_975(dof), exact, 1e-6) << dof;
  }
}

bool has_problem_at(const Problems& p, const std::string& path, const std::string& words) {
  for (const Problem& x : p)
    if (x.path == path && x.message.find(words) != std::string::npos) return true;
  return false;
}

// A lead time of 1.5e9 periods once overflowed the ring size; 1e8 periods asked for gigabytes.
TEST(Sim, HugeLeadTimesAreRefused) {
  SimNetwork net;
  net.stages.push_back(stage("a", 1.0, 10.0));
  net.stages.push_back(stage("b", 1.0, 10.0));
  net.stages[1].has_external_demand = true;
  net.stages[1].demand_per_period = constant(1.0);
  net.arcs.push_back({0, 1, 1.0, constant(1.5e9), true});
  net.stages[0].supply_lead_time_periods = normal(2.0, 1e8);
  const Problems p = validate(net);
  EXPECT_TRUE(has_problem_at(p, "arcs/0/lead_time_periods/mean", "10000")) << describe(p);
  EXPECT_TRUE(has_problem_at(p, "stages/0/supply_lead_time_periods/sd", "10000")) << describe(p);
  EXPECT_FALSE(Simulation::start(net).ok());
  EXPECT_EQ(lead_time_cap_periods(constant(1.5e9)), 1000000000);  // clamped, not overflowed
  EXPECT_EQ(lead_time_cap_periods(normal(4.0, 0.5)), 8);           // 4 + 8 * 0.5
}

// Work: 3 stages x (50 + 100,000) periods x 100,000 replications = 3.0015e10 stage-periods,
// over kMaxStagePeriods = 1e9; memory: 400 arcs with a 10,000-period lead time each hold a ring
// of 16,384 slots x 16 replications x 8 bytes = 2 MiB, 800 MiB in all, over 512 MiB.
TEST(Sim, NetworksTooLargeToSimulateAreRefusedWithTheReason) {
  SimNetwork net;
  for (int k = 0; k < 3; ++k) net.stages.push_back(stage("s", 1.0, 10.0));
  net.stages[2].has_external_demand = true;
  net.stages[2].demand_per_period = constant(1.0);
  net.arcs.push_back({0, 1, 1.0, constant(1.0), true});
  net.arcs.push_back({1, 2, 1.0, constant(1.0), true});
  net.settings.periods = 100000;
  net.settings.replications = 100000;
  EXPECT_NEAR(simulation_stage_periods(net), 3.0015e10, 1.0);
  Problems p = validate(net);
  EXPECT_TRUE(has_problem_at(p, "settings", "too large")) << describe(p);
  EXPECT_FALSE(Simulation::start(net).ok());

  SimNetwork wide;
  wide.stages.push_back(stage("plant", 1.0, 10.0));
  for (int k = 0; k < 400; ++k) {
    wide.stages.push_back(stage("store", 1.0, 10.0));
    wide.stages.back().has_external_demand = true;
    wide.stages.back().demand_per_period = constant(1.0);
    wide.arcs.push_back({0, k + 1, 1.0, constant(10000.0), true});
  }
  // Rings: 400 x 16384 slots (the plant's supplier: 2 slots) x 16 x 8 bytes; bands: 401 stages
  // are more than 64, so none are recorded unless asked for.
  EXPECT_NEAR(simulation_bytes(wide), (400.0 * 16384 + 2) * 16 * 8 + 200 * 16, 1.0);
  p = validate(wide);
  EXPECT_TRUE(has_problem_at(p, "settings", "MiB")) << describe(p);
  // 30 such arcs (60 MiB) are fine.
  wide.stages.resize(31);
  wide.arcs.resize(30);
  EXPECT_TRUE(validate(wide).empty()) << describe(validate(wide));
}

TEST(Sim, ValidationNamesEveryProblem) {
  SimNetwork net;
  net.stages.push_back(stage("a", -1.0, 10.0));
  net.stages.push_back(stage("b", 1.0, 10.0));
  net.stages[1].policy.kind = PolicyKind::reorder_point;
  net.stages[1].has_external_demand = true;
  net.stages[1].demand_per_period = {DistributionKind::discrete, 0, 0, {1.0, 2.0}, {0.5, 0.6}};
  net.arcs.push_back({0, 1, 1.0, constant(1.0), true});
  net.arcs.push_back({1, 0, 1.0, constant(1.0), true});
  net.arcs.push_back({0, 7, 1.0, constant(1.0), true});
  net.settings.replications = 0;
  const Problems p = validate(net);
  auto has = [&](const std::string& path) {
    for (const Problem& x : p)
      if (x.path == path) return true;
    return false;
  };
  EXPECT_TRUE(has("stages/0/holding_cost_per_unit_period"));
  EXPECT_TRUE(has("stages/1/policy/order_quantity"));
  EXPECT_TRUE(has("stages/1/demand_per_period/probabilities"));
  EXPECT_TRUE(has("arcs"));    // the cycle a -> b -> a
  EXPECT_TRUE(has("arcs/2"));  // unknown stage
  EXPECT_TRUE(has("settings/replications"));
  EXPECT_FALSE(Simulation::start(net).ok());
}

// Hand-derived steady state, constant demand 10, lead time 2, base-stock S = 15 (backorders):
// the net stock at the end of every period is S - 2 * 10 = -5. Each period 10 arrive, 5 clear
// old backorders, 5 of the 10 demanded are filled: fill rate 1/2, on hand 0, backorders 5,
// on order 20 (position 0 + 20 - 5 = 15), a stockout every period, shortage cost 5 * b.
TEST(Sim, DeterministicSingleStageBackorders) {
  SimNetwork net;
  net.stages.push_back(stage("store", 1.0, 15.0));
  net.stages[0].has_external_demand = true;
  net.stages[0].demand_per_period = constant(10.0);
  net.stages[0].supply_lead_time_periods = constant(2.0);
  net.stages[0].shortage_cost_per_unit = 3.0;
  net.settings = {50, 10, 3, 1, 3, {}};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const StageKpis& k = r->stages[0];
  EXPECT_DOUBLE_EQ(k.fill_rate.mean, 0.5);
  EXPECT_DOUBLE_EQ(k.on_hand.mean, 0.0);
  EXPECT_DOUBLE_EQ(k.backorders.mean, 5.0);
  EXPECT_DOUBLE_EQ(k.on_order.mean, 20.0);
  EXPECT_DOUBLE_EQ(k.stockout_probability.mean, 1.0);
  EXPECT_DOUBLE_EQ(k.cycle_service_level.mean, 0.0);
  EXPECT_DOUBLE_EQ(k.shortage_cost.mean, 15.0);
  EXPECT_DOUBLE_EQ(r->network.total_cost.mean, 15.0);
  EXPECT_DOUBLE_EQ(k.fill_rate.half_width, 0.0);
  ASSERT_EQ(r->series.size(), 1u);
  EXPECT_FLOAT_EQ(r->series[0].owed_p50[7], 5.0f);
}

// Lost sales, same data: the position is on hand + on order. In steady state two orders of
// 7.5 are in the pipeline; each period 7.5 arrive and are sold, 2.5 are lost, 7.5 is ordered.
TEST(Sim, DeterministicSingleStageLostSales) {
  SimNetwork net;
  net.stages.push_back(stage("store", 1.0, 15.0));
  net.stages[0].has_external_demand = true;
  net.stages[0].demand_per_period = constant(10.0);
  net.stages[0].supply_lead_time_periods = constant(2.0);
  net.stages[0].shortage_cost_per_unit = 3.0;
  net.shortage = ShortageMode::lost_sales;
  net.settings = {50, 20, 1, 1, 1, {}};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->stages[0].fill_rate.mean, 0.75, 1e-12);
  EXPECT_NEAR(r->stages[0].lost_sales.mean, 2.5, 1e-12);
  EXPECT_NEAR(r->stages[0].on_order.mean, 15.0, 1e-12);
  EXPECT_NEAR(r->stages[0].shortage_cost.mean, 7.5, 1e-12);
  EXPECT_EQ(r->stages[0].backorders.mean, 0.0);
}

// Two stages, constant demand 10: plant (supply lead 1, S = 10) -> store (lead 2, S = 20).
// Steady state: the store ends each period with 0 on hand and no backorders; the plant receives
// 10, ships 10, ends with 0; 20 units are in transit plant -> store, charged at the plant's
// holding cost 1: total cost 20 per period; the store's on order is 20, the plant's 10.
TEST(Sim, DeterministicTwoStagePipelineCost) {
  SimNetwork net;
  net.stages.push_back(stage("plant", 1.0, 10.0));
  net.stages.push_back(stage("store", 2.0, 20.0));
  net.stages[0].supply_lead_time_periods = constant(1.0);
  net.stages[1].has_external_demand = true;
  net.stages[1].demand_per_period = constant(10.0);
  net.stages[1].shortage_cost_per_unit = 9.0;
  net.arcs.push_back({0, 1, 1.0, constant(2.0), true});
  net.settings = {40, 10, 2, 1, 0, {}};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->stages[1].fill_rate.mean, 1.0);
  EXPECT_DOUBLE_EQ(r->stages[0].fill_rate.mean, 1.0);
  EXPECT_DOUBLE_EQ(r->stages[0].in_transit.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[0].holding_cost.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[1].holding_cost.mean, 0.0);
  EXPECT_DOUBLE_EQ(r->stages[1].on_order.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[0].on_order.mean, 10.0);
  EXPECT_DOUBLE_EQ(r->network.total_cost.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[0].inventory_value.mean, 200.0);
}

// Assembly, constant demand 10 at stage 2, which needs 2 units of part A (stage 0, arc lead 1)
// and 1 of part B (stage 1, arc lead 2) per unit; both parts come from outside suppliers with
// lead time 1. Hand-derived steady state: a set is complete 2 periods after the order, so stage 2
// ends each period with S2 - 2 * 10 = 10 on hand and 20 on order. A ships 20 of its units a period
// and ends with S0 - 20 = 10; its in transit is the shipment of this period (10 sets' worth) plus
// last period's, which arrived and waits one period for B's: 2 * (10 + 10) = 40 of A's units,
// charged at A's rate. B ends with S1 - 10 = 5 and has two shipments under way: 20. Holding:
// A 1 * (10 + 40) = 50, B 0.5 * (5 + 20) = 12.5, stage 2 2 * 10 = 20; total 82.5.
TEST(Sim, DeterministicAssemblyWaitsForTheSlowerPart) {
  SimNetwork net;
  net.stages.push_back(stage("part_a", 1.0, 30.0));
  net.stages.push_back(stage("part_b", 0.5, 15.0));
  net.stages.push_back(stage("assembly", 2.0, 30.0));
  net.stages[0].supply_lead_time_periods = constant(1.0);
  net.stages[1].supply_lead_time_periods = constant(1.0);
  net.stages[2].has_external_demand = true;
  net.stages[2].demand_per_period = constant(10.0);
  net.stages[2].shortage_cost_per_unit = 9.0;
  net.arcs.push_back({0, 2, 2.0, constant(1.0), true});
  net.arcs.push_back({1, 2, 1.0, constant(2.0), true});
  net.settings = {40, 10, 2, 1, 0, {}};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  for (int s = 0; s < 3; ++s) EXPECT_DOUBLE_EQ(r->stages[s].fill_rate.mean, 1.0) << s;
  EXPECT_DOUBLE_EQ(r->stages[2].on_hand.mean, 10.0);
  EXPECT_DOUBLE_EQ(r->stages[2].on_order.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[2].backorders.mean, 0.0);
  EXPECT_DOUBLE_EQ(r->stages[0].on_hand.mean, 10.0);
  EXPECT_DOUBLE_EQ(r->stages[0].in_transit.mean, 40.0);
  EXPECT_DOUBLE_EQ(r->stages[0].holding_cost.mean, 50.0);
  EXPECT_DOUBLE_EQ(r->stages[0].inventory_value.mean, 500.0);
  EXPECT_DOUBLE_EQ(r->stages[1].on_hand.mean, 5.0);
  EXPECT_DOUBLE_EQ(r->stages[1].in_transit.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->stages[1].holding_cost.mean, 12.5);
  EXPECT_DOUBLE_EQ(r->stages[2].holding_cost.mean, 20.0);
  EXPECT_DOUBLE_EQ(r->network.total_cost.mean, 82.5);
  EXPECT_DOUBLE_EQ(r->network.fill_rate.mean, 1.0);
}

// (1) One location, normal demand (100, 20) per period, lead time 4, base-stock level from the
// safety-stock engine for a 90% cycle service level (continuous review: the protection interval
// is the lead time, as in this simulator's timing). Analytic, hand-derived:
//   cycle service level = Phi(z) = 0.9;
//   units short per period = E[(X_4 - S)^+] - E[(X_3 - S)^+]
//     = sd_4 L((S - mu_4) / sd_4) - sd_3 L((S - mu_3) / sd_3)   (X_k: demand over k periods),
//   fill rate = 1 - that / mean demand.
TEST(Sim, SingleLocationMatchesAnalyticServiceLevels) {
  SafetyStockInput in;
  in.mean_demand_per_period = 100.0;
  in.sd_demand_per_period = 20.0;
  in.mean_lead_time_periods = 4.0;
  in.cycle_service_level = 0.9;
  auto plan = compute_safety_stock(in);
  ASSERT_TRUE(plan.ok());
  const double S = plan->reorder_point;

  SimNetwork net;
  net.stages.push_back(stage("store", 1.0, S));
  net.stages[0].has_external_demand = true;
  net.stages[0].demand_per_period = normal(100.0, 20.0);
  net.stages[0].supply_lead_time_periods = constant(4.0);
  const int reps = 100;
  net.settings = {1000, 50, reps, 20240607, 0, {}};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  const StageKpis& k = r->stages[0];
  EXPECT_NEAR(k.cycle_service_level.mean, 0.9, four_se(k.cycle_service_level, reps));
  const double sd4 = 40.0, sd3 = 20.0 * std::sqrt(3.0);
  const double short_per_period = sd4 * stats::standard_normal_loss((S - 400.0) / sd4) -
                                  sd3 * stats::standard_normal_loss((S - 300.0) / sd3);
  EXPECT_NEAR(k.fill_rate.mean, 1.0 - short_per_period / 100.0, four_se(k.fill_rate, reps));
  // Ready rate: P(net stock > 0) = Phi(z) too for continuous demand.
  EXPECT_NEAR(k.ready_rate.mean, 0.9, four_se(k.ready_rate, reps));
  // Mean on hand minus backorders = S - mean lead-time demand (4 * 100).
  EXPECT_NEAR(k.on_hand.mean - k.backorders.mean, S - 400.0,
              four_se(k.on_hand, reps) + four_se(k.backorders, reps));
}

// (2) Snyder & Shen, Example 6.1 (tests/support/textbook_instances.h): the published optimal
// echelon base-stock levels, simulated, cost the published optimum (Chen & Zheng's exact
// algorithm; the cost counts units in transit at the shipping stage's local rate, as this
// simulator does). Tolerance: 4 standard errors plus 0.005 for the published value's rounding.
SimNetwork snyder_example_6_1(StockBasis basis) {
  const textbook::SerialLine line = textbook::snyder_shen_example_6_1();
  const double* level = line.optimal_echelon_base_stock;  // upstream first
  SimNetwork net;
  const bool ech = basis == StockBasis::echelon;
  net.stages.push_back(stage("stage 3", line.local_holding_cost[0], ech ? level[0] : level[0] - level[1]));
  net.stages.push_back(stage("stage 2", line.local_holding_cost[1], ech ? level[1] : level[1] - level[2]));
  net.stages.push_back(stage("stage 1", line.local_holding_cost[2], level[2]));
  for (auto& s : net.stages) s.policy.basis = basis;
  net.stages[0].supply_lead_time_periods = constant(line.lead_time_periods[0]);
  net.stages[2].has_external_demand = true;
  net.stages[2].demand_per_period = normal(line.demand_mean_per_period, line.demand_sd_per_period);
  net.stages[2].shortage_cost_per_unit = line.backorder_cost_per_unit_period;
  net.arcs.push_back({0, 1, 1.0, constant(line.lead_time_periods[1]), true});
  net.arcs.push_back({1, 2, 1.0, constant(line.lead_time_periods[2]), true});
  net.settings = {2000, 100, 64, 61, 0, {}};
  return net;
}

TEST(Sim, SnyderShenExample61EchelonBaseStockCost) {
  auto r = simulate(snyder_example_6_1(StockBasis::echelon));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->network.total_cost.mean, textbook::snyder_shen_example_6_1().optimal_cost_per_period, four_se(r->network.total_cost, 64) + 0.005);
  std::printf("Snyder 6.1 simulated cost %.4f +/- %.4f\n", r->network.total_cost.mean, r->network.total_cost.half_width);
}

TEST(Sim, SnyderShenExample61InstallationEquivalent) {
  auto inst = simulate(snyder_example_6_1(StockBasis::installation));
  auto ech = simulate(snyder_example_6_1(StockBasis::echelon));
  ASSERT_TRUE(inst.ok() && ech.ok());
  EXPECT_NEAR(inst->network.total_cost.mean, textbook::snyder_shen_example_6_1().optimal_cost_per_period, four_se(inst->network.total_cost, 64) + 0.005);
  // Same demands (common random numbers) and equivalent policies: the same cost.
  EXPECT_NEAR(inst->network.total_cost.mean, ech->network.total_cost.mean, 1e-9);
}

// (3) A serial line planned by the guaranteed-service model (Graves & Willems 2000), by hand:
// stage 3 (supply lead time 2) quotes service time 1, stage 2 (lead time 1) and stage 1 (lead
// time 1, the store) quote 0. Net replenishment times tau = SI + T - S: 2 + 0 - 1 = 1,
// 1 + 1 - 0 = 2, 0 + 1 - 0 = 1. Demand is 8 or 12 with equal odds (mean 10, sd 2), bounded by
// D(tau) = 10 tau + k * 2 * sqrt(tau) with k = 2 (demand over any tau <= 2 periods is at most
// 12 tau, within the bound). Base-stock levels D(tau): 14, 20 + 4 sqrt(2), 14. Within the bound
// the model promises the store never stocks out and stage 2 always ships at once.
SimNetwork gsm_line() {
  SimNetwork net;
  net.stages.push_back(stage("stage 3", 1.0, 14.0));
  net.stages.push_back(stage("stage 2", 2.0, 20.0 + 4.0 * std::sqrt(2.0)));
  net.stages.push_back(stage("stage 1", 3.0, 14.0));
  net.stages[0].supply_lead_time_periods = constant(2.0);
  net.stages[2].has_external_demand = true;
  net.stages[2].demand_per_period = {DistributionKind::discrete, 0, 0, {8.0, 12.0}, {0.5, 0.5}};
  net.stages[2].shortage_cost_per_unit = 10.0;
  net.arcs.push_back({0, 1, 1.0, constant(1.0), true});
  net.arcs.push_back({1, 2, 1.0, constant(1.0), true});
  net.settings = {300, 0, 48, 3, 0, {}};
  return net;
}

TEST(Sim, GuaranteedServicePlanMeetsItsTargetsWithinTheBound) {
  auto r = simulate(gsm_line());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stages[2].worst_fill_rate, 1.0);
  EXPECT_EQ(r->stages[2].stockout_probability.mean, 0.0);
  EXPECT_EQ(r->stages[1].worst_fill_rate, 1.0);
  EXPECT_EQ(r->network.worst_fill_rate, 1.0);
  // Stage 3 quotes one period, so it may be late by a period but never owes more than 12.
  EXPECT_LT(r->stages[0].fill_rate.mean, 1.0);
}

// The same line measured on its promise: stage 3 quotes one period, so it is late by a period
// at times (fill rate below 1) but always ships within the period it quoted.
TEST(Sim, GuaranteedServicePlanIsOnTimeOnItsQuotedServiceTime) {
  SimNetwork net = gsm_line();
  net.stages[0].quoted_service_time_periods = 1.0;
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r->stages[0].fill_rate.mean, 1.0);
  EXPECT_EQ(r->stages[0].on_time_period_share.mean, 1.0);
  EXPECT_EQ(r->stages[0].on_time_unit_share.mean, 1.0);
  EXPECT_EQ(r->stages[1].on_time_period_share.mean, 1.0);
  EXPECT_EQ(r->stages[2].on_time_unit_share.mean, 1.0);
  // Quoting 0 instead, the same run is late exactly when it is not served at once.
  net.stages[0].quoted_service_time_periods = 0.0;
  auto z = simulate(net);
  ASSERT_TRUE(z.ok());
  EXPECT_NEAR(z->stages[0].on_time_unit_share.mean, z->stages[0].fill_rate.mean, 1e-12);
  EXPECT_NEAR(z->stages[0].on_time_period_share.mean, 1.0 - z->stages[0].stockout_probability.mean, 1e-12);
}

// Constant demand 10, supply lead time 3, base-stock 10: in steady state the net stock is
// 10 - 30 = -20, so 20 are owed at every period end, the demand of the last two periods (FIFO).
// Nothing is served at once (fill 0); every unit is served exactly two periods after it was
// ordered: on time for a quoted service time of 2 or more, late for 1.
// One store with base-stock level 10, constant demand 10 and supply lead time 3, over 60 periods
// after 12 of warm-up: 20 owed at every period end (the cases below).
SimNetwork store_owing_twenty() {
  SimNetwork net;
  net.stages.push_back(stage("store", 1.0, 10.0));
  net.stages[0].has_external_demand = true;
  net.stages[0].demand_per_period = constant(10.0);
  net.stages[0].supply_lead_time_periods = constant(3.0);
  net.settings = {60, 12, 2, 1, 0, {}};
  return net;
}

TEST(Sim, OnTimeMeasuresByHand) {
  SimNetwork net = store_owing_twenty();
  for (double quoted : {1.0, 2.0, 2.5, 4.0}) {
    net.stages[0].quoted_service_time_periods = quoted;
    auto r = simulate(net);
    ASSERT_TRUE(r.ok());
    const StageKpis& k = r->stages[0];
    EXPECT_DOUBLE_EQ(k.fill_rate.mean, 0.0);
    EXPECT_DOUBLE_EQ(k.backorders.mean, 20.0);
    const double expected = quoted >= 2.0 ? 1.0 : 0.0;
    EXPECT_DOUBLE_EQ(k.on_time_period_share.mean, expected) << quoted;
    EXPECT_DOUBLE_EQ(k.on_time_unit_share.mean, expected) << quoted;
  }
  net.stages[0].quoted_service_time_periods = -1.0;
  EXPECT_FALSE(simulate(net).ok());
}

// The same store quoting 1 period: 20 owed, the last period's 10 recent, so 10 overdue at every
// period end. A probe of 10 units counts every period (at most 10 overdue), one just below it
// none.
TEST(Sim, OverdueProbeByHand) {
  SimNetwork net = store_owing_twenty();
  net.stages[0].quoted_service_time_periods = 1.0;
  auto none = simulate(net);
  ASSERT_TRUE(none.ok());
  EXPECT_DOUBLE_EQ(none->stages[0].on_time_period_share_at_probe[0].mean, 0.0);  // no probe: the on-time share
  net.stages[0].overdue_probe_units = {5.0, 9.99, 10.0, 15.0};
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  const auto& at = r->stages[0].on_time_period_share_at_probe;
  EXPECT_DOUBLE_EQ(r->stages[0].on_time_period_share.mean, 0.0);
  EXPECT_DOUBLE_EQ(at[0].mean, 0.0);
  EXPECT_DOUBLE_EQ(at[1].mean, 0.0);
  EXPECT_DOUBLE_EQ(at[2].mean, 1.0);
  EXPECT_DOUBLE_EQ(at[3].mean, 1.0);
  net.stages[0].overdue_probe_units[1] = -1.0;
  EXPECT_FALSE(simulate(net).ok());
}

// What a probe stands for, checked: `stage` of `net` run once with its probes, then once per probe
// with its level raised by that probe and no probes; each raised run's on-time share must equal
// the probe's share (to 1e-12: same random numbers). Returns the probed run's KPIs of the stage.
StageKpis expect_probes_equal_raised_runs(const SimNetwork& net, std::size_t stage) {
  auto probed = simulate(net);
  EXPECT_TRUE(probed.ok());
  if (!probed.ok()) return {};
  const StageKpis k = probed->stages[stage];
  for (std::size_t p = 0; p < net.stages[stage].overdue_probe_units.size(); ++p) {
    SimNetwork raised_net = net;
    raised_net.stages[stage].overdue_probe_units = {};
    raised_net.stages[stage].policy.order_up_to += net.stages[stage].overdue_probe_units[p];
    auto raised = simulate(raised_net);
    EXPECT_TRUE(raised.ok());
    if (!raised.ok()) continue;
    EXPECT_NEAR(raised->stages[stage].on_time_period_share.mean, k.on_time_period_share_at_probe[p].mean, 1e-12)
        << "probe " << p;
  }
  return k;
}

// 300 measured periods after 20 of warm-up, 32 replications, no bands: for the probe checks.
void probe_check_settings(SimNetwork& net) {
  net.settings.periods = 300;
  net.settings.warm_up_periods = 20;
  net.settings.replications = 32;
  net.settings.series_replications = 0;
}

// What the probe stands for: a stage's level raised by x owes x less in every period, so its
// on-time share equals the probe share of x in the run without the raise (same random numbers;
// the store's supplier sees the same orders). Checked at a store quoting 0 and 1 period below a
// warehouse that is itself short at times.
TEST(Sim, OverdueProbeShareIsTheOnTimeShareWithThatMuchMoreStock) {
  for (double quoted : {0.0, 1.0}) {
    SimNetwork net;
    net.stages.push_back(stage("warehouse", 1.0, 230.0));
    net.stages.push_back(stage("store", 2.0, 260.0));
    net.stages[0].supply_lead_time_periods = constant(2.0);
    net.stages[1].has_external_demand = true;
    net.stages[1].demand_per_period = normal(100.0, 30.0);
    net.stages[1].quoted_service_time_periods = quoted;
    net.arcs.push_back({0, 1, 1.0, constant(2.0), true});
    probe_check_settings(net);
    net.stages[1].overdue_probe_units = {10.0, 25.0, 40.0, 80.0};
    SCOPED_TRACE(quoted);
    const StageKpis k = expect_probes_equal_raised_runs(net, 1);
    EXPECT_LT(k.on_time_period_share.mean, k.on_time_period_share_at_probe[1].mean);
    EXPECT_LT(k.on_time_period_share_at_probe[1].mean, 1.0);
  }
}

// With several children, what the warehouse owes beyond the debts already due goes out oldest
// period first (due-first allocation), so a level higher by x still leaves exactly x less
// overdue: the probe shares at a warehouse quoting 5 periods to three stores are the on-time
// shares of the raised runs (with the rest shared in proportion instead, they are not).
TEST(Sim, OverdueProbeIsExactAtAStageWithSeveralChildren) {
  SimNetwork net;
  net.allocation = Allocation::due_first;
  net.stages.push_back(stage("warehouse", 1.0, 150.0));
  net.stages[0].supply_lead_time_periods = constant(6.0);
  net.stages[0].quoted_service_time_periods = 5.0;
  for (int k = 0; k < 3; ++k) {
    net.stages.push_back(stage("store", 2.0, 150.0 + 40.0 * k));
    net.stages.back().has_external_demand = true;
    net.stages.back().demand_per_period = normal(30.0 + 10.0 * k, 6.0 + 12.0 * k);
    net.arcs.push_back({0, k + 1, 1.0, constant(1.0), true});
  }
  probe_check_settings(net);
  net.stages[0].overdue_probe_units = {5.0, 15.0, 30.0, 60.0};
  const StageKpis k = expect_probes_equal_raised_runs(net, 0);
  EXPECT_LT(k.on_time_period_share.mean, 0.97);
  EXPECT_LT(k.on_time_period_share.mean, k.on_time_period_share_at_probe[2].mean);
}

TEST(Sim, GuaranteedServicePlanFailsWhenDemandLeavesTheBound) {
  SimNetwork net = gsm_line();
  net.disruptions.push_back({DisruptionKind::demand_surge, 2, 100, 10, 1.5});
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r->stages[2].worst_fill_rate, 1.0);
  EXPECT_GT(r->stages[2].stockout_probability.mean, 0.0);
}

// Common random numbers: two runs that differ only in the store's base-stock level see the same
// demands, so the mean net stock (on hand - backorders) differs by exactly the level change.
TEST(Sim, CommonRandomNumbersAcrossDecisions) {
  SimNetwork net;
  net.stages.push_back(stage("store", 1.0, 420.0));
  net.stages[0].has_external_demand = true;
  net.stages[0].demand_per_period = normal(100.0, 20.0);
  net.stages[0].supply_lead_time_periods = {DistributionKind::normal, 4.0, 1.0, {}, {}};
  net.settings = {200, 20, 32, 77, 0, {}};
  auto a = simulate(net);
  net.stages[0].policy.order_up_to = 470.0;
  auto b = simulate(net);
  ASSERT_TRUE(a.ok() && b.ok());
  const double net_a = a->stages[0].on_hand.mean - a->stages[0].backorders.mean;
  const double net_b = b->stages[0].on_hand.mean - b->stages[0].backorders.mean;
  EXPECT_NEAR(net_b - net_a, 50.0, 1e-6);
}

// Slicing the work (by replications or by time) changes nothing in the results.
TEST(Sim, ProgressiveStepsGiveIdenticalResults) {
  SimNetwork net = snyder_example_6_1(StockBasis::installation);
  net.settings.periods = 200;
  net.settings.replications = 40;
  net.settings.series_replications = 20;
  auto whole = simulate(net);
  ASSERT_TRUE(whole.ok());
  auto sim = Simulation::start(net);
  ASSERT_TRUE(sim.ok());
  int steps = 0;
  while (!sim->finished()) {
    const StepReport rep = sim.value().step({0, 0.01});
    ++steps;
    ASSERT_LE(rep.replications_completed, 32);
    ASSERT_LT(steps, 1000000);
  }
  EXPECT_GT(steps, 1);
  EXPECT_EQ(digest(sim->estimates()), digest(*whole));
  sim.value().restart();
  EXPECT_EQ(sim->replications_done(), 0);
  sim.value().step({1, 0.0});
  EXPECT_EQ(sim->replications_done(), kBlockReplications);
  sim.value().step({});
  EXPECT_EQ(digest(sim->estimates()), digest(*whole));
  EXPECT_EQ(sim->estimates().convergence.replications_done, 40);
}

// A store with demand N(100, 20) per period and a level of 130, for networks of many stores.
SimStage busy_store() {
  SimStage store = stage("store", 1.0, 130.0);
  store.has_external_demand = true;
  store.demand_per_period = normal(100.0, 20.0);
  return store;
}

// One block of replications over `periods` measured periods, no per-period bands recorded.
void one_block_without_bands(SimNetwork& net, int periods, int warm_up_periods) {
  net.settings.periods = periods;
  net.settings.warm_up_periods = warm_up_periods;
  net.settings.replications = kBlockReplications;
  net.settings.series_replications = 0;
}

// On 1,400 stages the block state (1,400 x 400 doubles, and the arcs') outgrows a 2 MB slice: a
// run stepped with no time to spare grows it over several steps before its first period (three
// slices of the stages' state and one of the arcs'), then sets up the block, runs one period a
// step and finishes the block in a step of its own; its results are those of one call, bit for
// bit.
TEST(Sim, LargeBlockStateGrowsInSlicesWithIdenticalResults) {
  SimNetwork net;
  for (int s = 0; s < 1400; ++s) {
    net.stages.push_back(busy_store());
    net.stages.back().supply_lead_time_periods = constant(1.0);
  }
  one_block_without_bands(net, 6, 0);
  auto whole = simulate(net);
  ASSERT_TRUE(whole.ok());
  auto sim = Simulation::start(net);
  ASSERT_TRUE(sim.ok());
  int steps = 0;
  while (!sim->finished()) {
    sim.value().step({0, 1e-9});
    ASSERT_LT(++steps, 1000);
  }
  EXPECT_GE(steps, 4 + 1 + net.settings.periods + 1);
  EXPECT_EQ(digest(sim->estimates()), digest(*whole));
}

// A warehouse with 1,399 stores: one period of a block is 1,400 x 16 stage-lanes, so a step with
// no time to spare runs 256 stages of it, and tallies a block two lanes at a time.
// Cutting the stage loop between a store and the warehouse it orders from changes nothing: the
// results are those of one call, bit for bit, and the steps show the cuts.
TEST(Sim, PeriodsAndTalliesOfALargeNetworkAreCutIntoPartsWithIdenticalResults) {
  SimNetwork net;
  net.stages.push_back(stage("warehouse", 0.5, 1400.0 * 130.0));
  net.stages.back().supply_lead_time_periods = constant(2.0);
  for (int s = 1; s < 1400; ++s) {
    net.stages.push_back(busy_store());
    net.arcs.push_back({0, s, 1.0, constant(1.0), true});
  }
  one_block_without_bands(net, 5, 1);
  auto whole = simulate(net);
  ASSERT_TRUE(whole.ok());
  auto sim = Simulation::start(net);
  ASSERT_TRUE(sim.ok());
  int steps = 0;
  double progress = sim->progress();
  EXPECT_EQ(progress, 0.0);
  bool moved_before_a_replication = false;
  while (!sim->finished()) {
    sim.value().step({0, 1e-9});
    ASSERT_LT(++steps, 10000);
    // Progress counts the periods of the block under way, never going back.
    EXPECT_GE(sim->progress(), progress);
    progress = sim->progress();
    if (sim->replications_done() == 0 && progress > 0.0) moved_before_a_replication = true;
  }
  EXPECT_TRUE(moved_before_a_replication);
  EXPECT_EQ(sim->progress(), 1.0);
  // The clock is read after every 256 stages' work, which may span the end of a period.
  const int parts = (net.settings.periods + net.settings.warm_up_periods) * 1400 / 256;
  const int tally_parts = kBlockReplications / 2;
  EXPECT_GE(steps, 1 + parts + tally_parts);
  EXPECT_EQ(digest(sim->estimates()), digest(*whole));
  EXPECT_GT(whole->stages[1].fill_rate.mean, 0.0);
}

// The app refreshes the KPIs without bands and asks for the shown stage's bands only: both must
// be exactly the corresponding parts of the full estimates.
TEST(Sim, BandsOfChosenStagesAreThoseOfTheFullEstimates) {
  SimNetwork net = snyder_example_6_1(StockBasis::installation);
  net.settings.periods = 120;
  net.settings.replications = 48;
  net.settings.series_replications = 30;
  auto sim = Simulation::start(net);
  ASSERT_TRUE(sim.ok());
  sim.value().step({});
  const SimEstimates full = sim->estimates();
  ASSERT_EQ(full.series.size(), 3u);
  const SimEstimates light = sim->estimates_without_series();
  EXPECT_TRUE(light.series.empty());
  EXPECT_EQ(light.network.total_cost.mean, full.network.total_cost.mean);
  EXPECT_EQ(light.stages[1].on_hand.mean, full.stages[1].on_hand.mean);
  const std::vector<StageSeries> chosen = sim->series({2, 0, 7});  // stage 7 does not exist: skipped
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(chosen[0].stage, 2);
  EXPECT_EQ(chosen[1].stage, 0);
  for (const StageSeries& s : chosen) {
    const StageSeries& reference = full.series[static_cast<std::size_t>(s.stage)];
    ASSERT_EQ(reference.stage, s.stage);
    EXPECT_EQ(s.on_hand_p10, reference.on_hand_p10);
    EXPECT_EQ(s.on_hand_p50, reference.on_hand_p50);
    EXPECT_EQ(s.on_hand_p90, reference.on_hand_p90);
    EXPECT_EQ(s.owed_p90, reference.owed_p90);
  }
}

// Risk figures are consistent: median <= P90 <= P95 <= CVaR95, and the worst replication's
// fill rate is at most the mean.
TEST(Sim, RiskFiguresAreOrdered) {
  SimNetwork net = snyder_example_6_1(StockBasis::echelon);
  net.settings.periods = 100;
  net.settings.replications = 60;
  net.settings.series_replications = 60;
  auto r = simulate(net);
  ASSERT_TRUE(r.ok());
  const NetworkKpis& k = r->network;
  EXPECT_LE(k.total_cost_median, k.total_cost_p90);
  EXPECT_LE(k.total_cost_p90, k.total_cost_p95);
  EXPECT_LE(k.total_cost_p95, k.total_cost_cvar95);
  EXPECT_LE(k.worst_fill_rate, k.fill_rate.mean);
  ASSERT_EQ(r->series.size(), 3u);
  for (std::size_t p = 0; p < 100; ++p) {
    EXPECT_LE(r->series[2].on_hand_p10[p], r->series[2].on_hand_p50[p]);
    EXPECT_LE(r->series[2].on_hand_p50[p], r->series[2].on_hand_p90[p]);
  }
}

}  // namespace
}  // namespace echelon::sim
