#include "core/policy/s_S_policy.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/policy/base_stock.h"
#include "core/sim/policy_sim.h"
#include "support/test_support.h"

namespace echelon {
namespace {

// With S - s = 1 unit and whole-unit demand, the position after every review is s + 1: the
// (s, S) policy is the base-stock policy with S = s + 1 (by hand from the renewal table: W = 0).
TEST(SSPolicy, UnitDifferenceIsBaseStock) {
  SSInput ss;
  ss.buffer.demand.demand = {DemandKind::poisson, 3.0, 0.0, {}};
  ss.buffer.demand.lead_time = {2.0, 0.0, {}};
  ss.buffer.demand.review_period_periods = 1.0;
  ss.buffer.target_kind = ServiceTargetKind::fill_rate;
  ss.buffer.target_value = 0.95;
  ss.buffer.lot_size_units = 1.0;
  auto a = compute_s_S(ss);
  ASSERT_TRUE(a.ok()) << describe(a.problems());
  BaseStockInput bs;
  bs.buffer = ss.buffer;
  auto b = compute_base_stock(bs);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->order_up_to_level, b->order_up_to_level);
  EXPECT_NEAR(a->buffer.achieved.fill_rate, b->buffer.achieved.fill_rate, 1e-12);
}

// The renewal table by hand: review demand P(0, 1, 2) = (0.5, 0.3, 0.2), S - s = 3.
//   m(0) = 1 / 0.5 = 2, m(1) = 0.3 * 2 / 0.5 = 1.2, m(2) = (0.3 * 1.2 + 0.2 * 2) / 0.5 = 1.52;
//   sum 4.72 reviews per order cycle; P(W = w) = m(w) / 4.72.
TEST(SSPolicy, RenewalTableByHand) {
  LeadTimeDemandInput in;
  in.demand.kind = DemandKind::empirical;
  in.demand.probabilities = {0.5, 0.3, 0.2};
  in.review_period_periods = 1.0;
  auto d = compute_lead_time_demand(in);
  ASSERT_TRUE(d.ok());
  const SSPosition p = s_S_position(*d, 3.0);
  ASSERT_EQ(p.position.weights.size(), 3u);
  EXPECT_NEAR(p.reviews_per_cycle, 4.72, 1e-12);
  EXPECT_NEAR(p.position.weights[0], 2.0 / 4.72, 1e-12);
  EXPECT_NEAR(p.position.weights[1], 1.2 / 4.72, 1e-12);
  EXPECT_NEAR(p.position.weights[2], 1.52 / 4.72, 1e-12);
  EXPECT_EQ(p.position.offsets[0], 3.0);
  EXPECT_EQ(p.position.offsets[2], 1.0);
}

void check_against_simulation(const PeriodDemand& demand, double difference, ServiceTargetKind kind,
                              double target, std::uint64_t seed) {
  SSInput in;
  in.buffer.demand.demand = demand;
  in.buffer.demand.lead_time = {1.0, 0.0, {}};
  in.buffer.demand.review_period_periods = 1.0;
  in.buffer.target_kind = kind;
  in.buffer.target_value = target;
  in.buffer.lot_size_units = difference;
  auto r = compute_s_S(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  PolicySimInput sim;
  sim.demand = demand;
  sim.lead_time = {1.0, 0.0, {}};
  sim.policy = SimPolicy::s_S;
  sim.level = r->reorder_level;
  sim.quantity = r->order_up_to_level - r->reorder_level;
  sim.periods = 40000;
  sim.replications = 20;
  sim.seed = seed;
  auto s = simulate_policy(sim);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  const PolicyKpis& k = r->buffer.achieved;
  fixtures::expect_within_4_se(s->fill_rate, k.fill_rate, "fill_rate");
  fixtures::expect_within_4_se(s->cycle_service_level, k.cycle_service_level, "cycle_service_level");
  fixtures::expect_within_4_se(s->on_hand_units, k.expected_on_hand_units, "on_hand_units");
  fixtures::expect_within_4_se(s->orders_per_period, r->orders_per_period, "orders_per_period");
}

TEST(SSPolicy, AgreesWithSimulationPoisson) {
  check_against_simulation({DemandKind::poisson, 3.0, 0.0, {}}, 8.0, ServiceTargetKind::fill_rate, 0.95, 31);
}

TEST(SSPolicy, AgreesWithSimulationNormal) {
  check_against_simulation({DemandKind::normal, 20.0, 5.0, {}}, 60.0, ServiceTargetKind::cycle_service_level, 0.9,
                           32);
}

TEST(SSPolicy, NeedsAReviewPeriod) {
  SSInput in;
  in.buffer.demand.demand = {DemandKind::normal, 20.0, 5.0, {}};
  in.buffer.lot_size_units = 10.0;
  EXPECT_FALSE(compute_s_S(in).ok());
}

}  // namespace
}  // namespace echelon
