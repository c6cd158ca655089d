#include "core/policy/r_Q_policy.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/sim/policy_sim.h"
#include "support/test_support.h"

namespace echelon {
namespace {

// Continuous review, X_L ~ N(100, 20^2) (25 per period, sd 10, L = 4), Q = 200, fill rate 0.99:
// solve 1 - (20 L(z) - 20 L(z + 10)) / 200 = 0.99 by bisection by hand: r = 118.04692695020063;
// there B = (400 L2(z) - 400 L2(z + 10)) / 200 = 0.09320182144157178 and CSL = Phi(z) =
// 0.8165635438074246 (Hadley & Whitin 1963; Silver, Pyke & Thomas 7.x with the exact ESPRC).
TEST(RQPolicy, ContinuousReviewNormalByHand) {
  RQInput in;
  in.buffer.demand.demand = {DemandKind::normal, 25.0, 10.0, {}};
  in.buffer.demand.lead_time = {4.0, 0.0, {}};
  in.buffer.target_kind = ServiceTargetKind::fill_rate;
  in.buffer.target_value = 0.99;
  in.buffer.lot_size_units = 200.0;
  auto r = compute_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->reorder_point, 118.04692695020063, 1e-6);
  EXPECT_NEAR(r->buffer.achieved.expected_backorders_units, 0.09320182144157178, 1e-8);
  EXPECT_NEAR(r->buffer.achieved.cycle_service_level, 0.8165635438074246, 1e-8);
  EXPECT_NEAR(r->buffer.safety_stock, 18.04692695020063, 1e-6);
  EXPECT_NEAR(r->orders_per_period, 25.0 / 200.0, 1e-15);
}

// Poisson demand 2 per period, L = 2 (X_L ~ Poisson(4)), Q = 5, r = 3, by hand:
//   fill = 1 - (G1(3) - G1(8)) / 5 = 0.7371259696763135,  CSL = P(X <= 3) = 0.43347012036670884,
//   B = (G1(4) + ... + G1(8)) / 5 = 0.3011187250952013.
TEST(RQPolicy, ContinuousReviewPoissonByHand) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::poisson, 2.0, 0.0, {}};
  in.lead_time = {2.0, 0.0, {}};
  auto d = protection_demands(in);
  ASSERT_TRUE(d.ok());
  PositionDistribution u;
  u.shape = PositionShape::uniform;
  u.width = 5.0;
  const PolicyKpis k = evaluate_kpis(*d, u, 3.0);
  EXPECT_NEAR(k.fill_rate, 0.7371259696763135, 1e-12);
  EXPECT_NEAR(k.cycle_service_level, 0.43347012036670884, 1e-12);
  EXPECT_NEAR(k.expected_backorders_units, 0.3011187250952013, 1e-10);  // 1e-12 tail renormalised
}

TEST(RQPolicy, LotSizeFromEoq) {
  RQInput in;
  in.buffer.demand.demand = {DemandKind::normal, 1300.0, 200.0, {}};
  in.buffer.demand.lead_time = {1.0, 0.0, {}};
  in.buffer.holding_cost_per_unit_period = 0.225;
  in.order_cost_per_order = 8.0;
  in.lot_size_from_eoq = true;
  auto r = compute_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->lot_size_units, 304.0468, 5e-5);  // the EOQ known answer (eoq_test.cpp)
  in.lot_size_from_eoq = false;
  in.buffer.lot_size_units = 0.0;
  EXPECT_FALSE(compute_r_Q(in).ok());
}

void check_against_simulation(const PeriodDemand& demand, double lead, double q, double fill_target,
                              std::uint64_t seed) {
  RQInput in;
  in.buffer.demand.demand = demand;
  in.buffer.demand.lead_time = {lead, 0.0, {}};
  in.buffer.demand.review_period_periods = 1.0;
  in.buffer.target_kind = ServiceTargetKind::fill_rate;
  in.buffer.target_value = fill_target;
  in.buffer.lot_size_units = q;
  auto r = compute_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  PolicySimInput sim;
  sim.demand = demand;
  sim.lead_time = {lead, 0.0, {}};
  sim.policy = SimPolicy::r_nQ;
  sim.level = r->reorder_point;
  sim.quantity = r->lot_size_units;
  sim.periods = 40000;
  sim.replications = 20;
  sim.seed = seed;
  auto s = simulate_policy(sim);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  const PolicyKpis& k = r->buffer.achieved;
  fixtures::expect_within_4_se(s->fill_rate, k.fill_rate, "fill_rate");
  fixtures::expect_within_4_se(s->cycle_service_level, k.cycle_service_level, "cycle_service_level");
  fixtures::expect_within_4_se(s->backorders_units, k.expected_backorders_units, "backorders_units");
  fixtures::expect_within_4_se(s->on_hand_units, k.expected_on_hand_units, "on_hand_units");
  fixtures::expect_within_4_se(s->orders_per_period, r->orders_per_period, "orders_per_period");
}

// Periodic review every period, (1, r, nQ): the position after a review is uniform on (r, r + Q].
TEST(RQPolicy, FillRateAgreesWithSimulationNormal) {
  check_against_simulation({DemandKind::normal, 50.0, 10.0, {}}, 3.0, 200.0, 0.98, 21);
}

TEST(RQPolicy, FillRateAgreesWithSimulationGamma) {
  check_against_simulation({DemandKind::gamma, 20.0, 16.0, {}}, 2.0, 60.0, 0.95, 22);
}

TEST(RQPolicy, FillRateAgreesWithSimulationPoisson) {
  check_against_simulation({DemandKind::poisson, 2.0, 0.0, {}}, 2.0, 10.0, 0.95, 23);
}

}  // namespace
}  // namespace echelon
