#include "core/policy/epq.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// By hand: K = 100, h = 2, lambda = 1000, P = 4000, so rho = 0.25 and h (1 - rho) = 1.5:
//   Q* = sqrt(2 * 100 * 1000 / 1.5) = sqrt(133333.3) = 365.1484
//   C* = sqrt(2 * 100 * 1000 * 1.5) = sqrt(300000) = 547.7226
//   peak stock Q* (1 - rho) = 273.8613, run length Q*/P = 0.091287, cycle Q*/lambda = 0.365148.
TEST(Epq, ByHand) {
  const EpqInput in{100.0, 2.0, 1000.0, 4000.0};
  auto r = compute_epq(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->batch_quantity_units, 365.1484, 5e-5);
  EXPECT_NEAR(r->cost_per_period, 547.7226, 5e-5);
  EXPECT_NEAR(r->utilisation, 0.25, 1e-15);
  EXPECT_NEAR(r->max_on_hand_units, 273.8613, 5e-5);
  EXPECT_NEAR(r->production_time_periods, 0.0912871, 5e-7);
  EXPECT_NEAR(r->cycle_length_periods, 0.3651484, 5e-7);
  EXPECT_NEAR(epq_cost(in, r->batch_quantity_units), r->cost_per_period, 1e-9);
  EXPECT_LT(r->cost_per_period, epq_cost(in, r->batch_quantity_units * 1.01));
  EXPECT_LT(r->cost_per_period, epq_cost(in, r->batch_quantity_units * 0.99));
}

// A very fast line is the EOQ: K = 8, h = 0.225, lambda = 1300 -> Q* = 304.0468 (Snyder & Shen 3.2).
TEST(Epq, FastProductionIsTheEoq) {
  auto r = compute_epq({8.0, 0.225, 1300.0, 1e12});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->batch_quantity_units, 304.0468, 5e-5);
  EXPECT_NEAR(r->cost_per_period, 68.4105, 5e-5);
}

TEST(Epq, ProductionMustOutpaceDemand) {
  auto r = compute_epq({100.0, 2.0, 1000.0, 1000.0});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_EQ(r.problems()[0].path, "production_units_per_period");
  auto bad = compute_epq({-1.0, 0.0, -5.0, 0.0});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.problems().size(), 4u);
  EXPECT_EQ(bad.problems()[0].path, "setup_cost_per_batch");
  EXPECT_EQ(bad.problems()[3].path, "production_units_per_period");
}

}  // namespace
}  // namespace echelon
