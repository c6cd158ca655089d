#include "core/policy/base_stock.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/sim/policy_sim.h"
#include "support/test_support.h"

namespace echelon {
namespace {

BaseStockInput normal_case(ServiceTargetKind kind, double target) {
  BaseStockInput in;
  in.buffer.demand.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.buffer.demand.lead_time = {2.0, 0.0, {}};
  in.buffer.demand.review_period_periods = 1.0;
  in.buffer.target_kind = kind;
  in.buffer.target_value = target;
  in.buffer.holding_cost_per_unit_period = 1.0;
  in.buffer.backorder_cost_per_unit_period = 9.0;
  return in;
}

// Normal demand N(100, 20^2) per period, L = 2, R = 1: X_3 ~ N(300, 1200), X_2 ~ N(200, 800).
// At S = 330, by hand (Zipkin 2000, 6.2; fill rate through the loss function):
//   CSL = Phi(30 / 34.641) = 0.8067618846143836
//   fill = 1 - (34.641 L(0.8660) - 28.284 L(4.5962)) / 100 = 0.9629897867849101
//   B = 34.641 L(0.8660) = 3.7010335310976874,  on hand = 330 - 300 + B = 33.70103353109769.
TEST(BaseStock, KpisByHand) {
  LeadTimeDemandInput in = normal_case(ServiceTargetKind::cycle_service_level, 0.9).buffer.demand;
  auto d = protection_demands(in);
  ASSERT_TRUE(d.ok()) << describe(d.problems());
  const PolicyKpis k = evaluate_kpis(*d, {}, 330.0);
  EXPECT_NEAR(k.cycle_service_level, 0.8067618846143836, 1e-12);
  EXPECT_NEAR(k.fill_rate, 0.9629897867849101, 1e-12);
  EXPECT_NEAR(k.expected_backorders_units, 3.7010335310976874, 1e-10);
  EXPECT_NEAR(k.expected_on_hand_units, 33.70103353109769, 1e-10);
  EXPECT_NEAR(k.ready_rate, k.cycle_service_level, 1e-15);  // R = 1: one period per cycle
}

// Cycle service 0.95: S = 300 + 1.6448536 * sqrt(1200) = 356.9798 (by hand).
TEST(BaseStock, CycleServiceLevelIsAQuantile) {
  auto r = compute_base_stock(normal_case(ServiceTargetKind::cycle_service_level, 0.95));
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->order_up_to_level, 300.0 + 1.6448536269514722 * std::sqrt(1200.0), 1e-9);
  EXPECT_NEAR(r->buffer.safety_factor, 1.6448536269514722, 1e-12);
  EXPECT_NEAR(r->buffer.achieved.cycle_service_level, 0.95, 1e-12);
  EXPECT_DOUBLE_EQ(r->orders_per_period, 1.0);
}

// Critical ratio: b = 9, h = 1 gives ready rate 0.9; with R = 1 the ready rate is the CSL, so
// S = 300 + Phi^-1(0.9) sqrt(1200) = 344.3925 (the newsvendor over L + 1 periods, Snyder & Shen 4.4).
TEST(BaseStock, CostOptimalIsTheCriticalRatio) {
  auto r = compute_base_stock(normal_case(ServiceTargetKind::cost_optimal, 0.0));
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->buffer.critical_ratio, 0.9, 1e-15);
  EXPECT_NEAR(r->order_up_to_level, 300.0 + 1.2815515655446004 * std::sqrt(1200.0), 1e-6);
}

// Simulation checks: the fill-rate solver's level achieves the promised fill rate and cycle
// service level in a seeded Monte Carlo, within 4 standard errors of the replication means.
struct SimCase {
  PeriodDemand demand;
  double lead;
  int review;
  double fill_target;
};

void check_against_simulation(const SimCase& c, std::uint64_t seed) {
  BaseStockInput in;
  in.buffer.demand.demand = c.demand;
  in.buffer.demand.lead_time = {c.lead, 0.0, {}};
  in.buffer.demand.review_period_periods = c.review;
  in.buffer.target_kind = ServiceTargetKind::fill_rate;
  in.buffer.target_value = c.fill_target;
  auto r = compute_base_stock(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  if (!integer_lattice(r->buffer.lead_time_demand)) {
    EXPECT_NEAR(r->buffer.achieved.fill_rate, c.fill_target, 1e-9);
  } else {
    EXPECT_GE(r->buffer.achieved.fill_rate, c.fill_target);
  }
  PolicySimInput sim;
  sim.demand = c.demand;
  sim.lead_time = {c.lead, 0.0, {}};
  sim.review_period_periods = c.review;
  sim.policy = SimPolicy::base_stock;
  sim.level = r->order_up_to_level;
  sim.periods = 20000;
  sim.replications = 20;
  sim.seed = seed;
  auto s = simulate_policy(sim);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  const PolicyKpis& k = r->buffer.achieved;
  fixtures::expect_within_4_se(s->fill_rate, k.fill_rate, "fill_rate");
  fixtures::expect_within_4_se(s->cycle_service_level, k.cycle_service_level, "cycle_service_level");
  fixtures::expect_within_4_se(s->ready_rate, k.ready_rate, "ready_rate");
  fixtures::expect_within_4_se(s->backorders_units, k.expected_backorders_units, "backorders_units");
  fixtures::expect_within_4_se(s->on_hand_units, k.expected_on_hand_units, "on_hand_units");
}

TEST(BaseStock, FillRateAgreesWithSimulationNormal) {
  check_against_simulation({{DemandKind::normal, 100.0, 20.0, {}}, 2.0, 1, 0.98}, 11);
}

TEST(BaseStock, FillRateAgreesWithSimulationGamma) {
  // Exponential demand (cv 1): the gamma model, exact for sums of gammas with one scale.
  check_against_simulation({{DemandKind::gamma, 10.0, 10.0, {}}, 2.0, 2, 0.95}, 12);
}

TEST(BaseStock, FillRateAgreesWithSimulationPoisson) {
  check_against_simulation({{DemandKind::poisson, 3.0, 0.0, {}}, 3.0, 1, 0.95}, 13);
}

TEST(BaseStock, SlowMoverUsesDiscreteModelAndAgreesWithSimulation) {
  // Normal(0.4, 0.7) per period is a slow mover: counts (negative binomial) are used instead,
  // and the simulation draws the same negative binomial.
  BaseStockInput in;
  in.buffer.demand.demand = {DemandKind::normal, 0.4, 0.7, {}};
  in.buffer.demand.lead_time = {3.0, 0.0, {}};
  in.buffer.demand.review_period_periods = 1.0;
  in.buffer.target_kind = ServiceTargetKind::fill_rate;
  in.buffer.target_value = 0.95;
  auto r = compute_base_stock(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->buffer.lead_time_demand.model, LeadTimeDemandModel::discrete_exact);
  EXPECT_FALSE(r->buffer.warnings.empty());
  PolicySimInput sim;
  sim.demand = {DemandKind::negative_binomial, 0.4, 0.7, {}};
  sim.lead_time = {3.0, 0.0, {}};
  sim.level = r->order_up_to_level;
  sim.periods = 20000;
  sim.seed = 14;
  auto s = simulate_policy(sim);
  ASSERT_TRUE(s.ok());
  fixtures::expect_within_4_se(s->fill_rate, r->buffer.achieved.fill_rate, "fill_rate");
}

}  // namespace
}  // namespace echelon
