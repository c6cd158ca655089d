#include "core/policy/single_location.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// The facade returns what the policy modules return (same known answer as base_stock_test.cpp:
// S = 300 + 1.6448536 sqrt(1200)), plus the model's reason and the chart points.
TEST(SingleLocation, BaseStockThroughTheFacade) {
  SingleLocationInput in;
  in.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.lead_time = {2.0, 0.0, {}};
  in.review_period_periods = 1.0;
  in.target_value = 0.95;
  auto p = compute_single_location(in);
  ASSERT_TRUE(p.ok()) << describe(p.problems());
  EXPECT_NEAR(p->order_up_to_level, 300.0 + 1.6448536269514722 * std::sqrt(1200.0), 1e-9);
  EXPECT_EQ(p->reorder_level, p->order_up_to_level);
  EXPECT_FALSE(p->model_reason.empty());
  EXPECT_EQ(p->lead_time_demand_points.size(), 81u);
}

// (r, Q) with Q from the EOQ (known answer 304.0468) and (s, S) with S - s from it as well.
TEST(SingleLocation, LotSizesFromEoq) {
  SingleLocationInput in;
  in.demand = {DemandKind::normal, 1300.0, 200.0, {}};
  in.lead_time = {1.0, 0.0, {}};
  in.review_period_periods = 1.0;
  in.holding_cost_per_unit_period = 0.225;
  in.order_cost_per_order = 8.0;
  in.policy = SingleLocationPolicy::r_Q;
  auto rq = compute_single_location(in);
  ASSERT_TRUE(rq.ok()) << describe(rq.problems());
  EXPECT_NEAR(rq->lot_size_units, 304.0468, 5e-5);
  in.policy = SingleLocationPolicy::s_S;
  auto ss = compute_single_location(in);
  ASSERT_TRUE(ss.ok()) << describe(ss.problems());
  EXPECT_NEAR(ss->order_up_to_level - ss->reorder_level, 304.0468, 5e-5);
  EXPECT_GT(ss->expected_cost_per_period, 0.0);
}

TEST(SingleLocation, ProblemsPassThrough) {
  SingleLocationInput in;
  in.demand = {DemandKind::normal, -5.0, 1.0, {}};
  auto p = compute_single_location(in);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.problems()[0].path, "demand.mean_units_per_period");
}

}  // namespace
}  // namespace echelon
