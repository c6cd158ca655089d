#include "core/safety_stock.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace echelon {
namespace {

SafetyStockInput base_input() {
  SafetyStockInput in;
  in.mean_demand_per_period = 100.0;
  in.sd_demand_per_period = 20.0;
  in.mean_lead_time_periods = 5.0;
  in.sd_lead_time_periods = 1.0;
  in.review_period_periods = 1.0;
  in.cycle_service_level = 0.95;
  return in;
}

// Hand-derived: SS = z * sqrt((E[L] + R) * sd_D^2 + mu_D^2 * sd_L^2)
//   = 1.6448536 * sqrt(6 * 400 + 10000 * 1) = 1.6448536 * 111.3552873 = 183.1631481.
TEST(SafetyStock, DemandAndLeadTimeUncertaintyTogether) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->safety_factor, 1.6448536269514722, 1e-12);
  EXPECT_DOUBLE_EQ(r->protection_interval_periods, 6.0);
  EXPECT_DOUBLE_EQ(r->mean_lead_time_demand, 600.0);
  EXPECT_NEAR(r->sd_lead_time_demand, 111.35528725660043, 1e-10);
  EXPECT_NEAR(r->safety_stock, 183.1631481242422, 1e-9);
  EXPECT_NEAR(r->reorder_point, 783.1631481242422, 1e-9);
}

// The split follows the variance shares 2400 / 12400 and 10000 / 12400.
TEST(SafetyStock, SplitIntoDemandAndLeadTimeParts) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock_from_demand, 35.45093189501462, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_lead_time, 147.71221622922758, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_demand + r->safety_stock_from_lead_time, r->safety_stock, 1e-9);
}

// Constant lead time, continuous review: the textbook z * sd_D * sqrt(L).
// 0.99 -> z = 2.3263479; sd_D = 4, L = 9: SS = 2.3263479 * 12 = 27.9161745.
TEST(SafetyStock, ConstantLeadTimeReducesToSqrtRule) {
  SafetyStockInput in;
  in.mean_demand_per_period = 50.0;
  in.sd_demand_per_period = 4.0;
  in.mean_lead_time_periods = 9.0;
  in.cycle_service_level = 0.99;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock, 27.91617448849009, 1e-9);
  EXPECT_DOUBLE_EQ(r->safety_stock_from_lead_time, 0.0);
}

TEST(SafetyStock, ZeroStandardDeviationsGiveZeroBuffer) {
  SafetyStockInput in = base_input();
  in.sd_demand_per_period = 0.0;
  in.sd_lead_time_periods = 0.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safety_stock, 0.0);
  EXPECT_FALSE(std::signbit(r->safety_stock));
  EXPECT_EQ(r->safety_stock_from_demand, 0.0);
  EXPECT_EQ(r->safety_stock_from_lead_time, 0.0);
  EXPECT_DOUBLE_EQ(r->reorder_point, 600.0);
  EXPECT_FALSE(r->notes.empty());
  EXPECT_TRUE(lead_time_demand_curve(*r, 50).empty());
}

// Only lead-time uncertainty: SS = z * mu_D * sd_L = 1.6448536 * 100 * 1.
TEST(SafetyStock, LeadTimeUncertaintyAlone) {
  SafetyStockInput in = base_input();
  in.sd_demand_per_period = 0.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock, 164.48536269514722, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_lead_time, r->safety_stock, 1e-12);
}

// 0.30 -> z = -0.5244005; sd[X] = 5 * sqrt(4) = 10: SS = -5.244005, reported as negative.
TEST(SafetyStock, ServiceBelowHalfGivesNegativeFactorAndBuffer) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 5.0;
  in.mean_lead_time_periods = 4.0;
  in.cycle_service_level = 0.30;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_factor, -0.5244005127080407, 1e-12);
  EXPECT_NEAR(r->safety_stock, -5.244005127080406, 1e-9);
  EXPECT_NEAR(r->reorder_point, 40.0 - 5.244005127080406, 1e-9);
  EXPECT_FALSE(r->clamped);
  EXPECT_FALSE(r->notes.empty());
}

TEST(SafetyStock, ServiceBelowHalfClampedOnlyWhenAsked) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 5.0;
  in.mean_lead_time_periods = 4.0;
  in.cycle_service_level = 0.30;
  in.clamp_negative_to_zero = true;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safety_stock, 0.0);
  EXPECT_TRUE(r->clamped);
  EXPECT_DOUBLE_EQ(r->reorder_point, 40.0);
}

TEST(SafetyStock, HigherServiceNeedsMoreStock) {
  SafetyStockInput in = base_input();
  double previous = -std::numeric_limits<double>::infinity();
  for (double p : {0.6, 0.8, 0.9, 0.95, 0.99, 0.999}) {
    in.cycle_service_level = p;
    auto r = compute_safety_stock(in);
    ASSERT_TRUE(r.ok());
    EXPECT_GT(r->safety_stock, previous) << "at p = " << p;
    previous = r->safety_stock;
  }
}

TEST(SafetyStock, EveryInvalidFieldIsNamed) {
  SafetyStockInput in;
  in.mean_demand_per_period = -1.0;
  in.sd_demand_per_period = std::numeric_limits<double>::quiet_NaN();
  in.mean_lead_time_periods = std::numeric_limits<double>::infinity();
  in.sd_lead_time_periods = -0.5;
  in.review_period_periods = -2.0;
  in.cycle_service_level = 1.0;
  auto r = compute_safety_stock(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 6u);
  EXPECT_EQ(r.problems()[0].path, "mean_demand_per_period");
  EXPECT_EQ(r.problems()[1].path, "sd_demand_per_period");
  EXPECT_EQ(r.problems()[2].path, "mean_lead_time_periods");
  EXPECT_EQ(r.problems()[3].path, "sd_lead_time_periods");
  EXPECT_EQ(r.problems()[4].path, "review_period_periods");
  EXPECT_EQ(r.problems()[5].path, "cycle_service_level");
}

TEST(SafetyStock, ServiceLevelZeroIsRejected) {
  SafetyStockInput in = base_input();
  in.cycle_service_level = 0.0;
  EXPECT_FALSE(compute_safety_stock(in).ok());
}

TEST(LeadTimeDemandCurve, SpansFourStandardDeviationsAndPeaksAtMean) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok());
  auto curve = lead_time_demand_curve(*r, 81);
  ASSERT_EQ(curve.size(), 81u);
  EXPECT_NEAR(curve.front().x, 600.0 - 4.0 * r->sd_lead_time_demand, 1e-9);
  EXPECT_NEAR(curve.back().x, 600.0 + 4.0 * r->sd_lead_time_demand, 1e-9);
  EXPECT_NEAR(curve[40].x, 600.0, 1e-9);
  EXPECT_NEAR(curve[40].density, 0.3989422804014327 / r->sd_lead_time_demand, 1e-15);
}

}  // namespace
}  // namespace echelon

namespace echelon {
namespace {

// Mean 40, sd 30: mean - 4 sd < 0, so the curve starts at zero demand.
TEST(LeadTimeDemandCurve, StartsAtZeroWhenTheNormalTailGoesNegative) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 15.0;
  in.mean_lead_time_periods = 4.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  ASSERT_LT(r->mean_lead_time_demand - 4.0 * r->sd_lead_time_demand, 0.0);
  auto curve = lead_time_demand_curve(*r, 11);
  ASSERT_EQ(curve.size(), 11u);
  EXPECT_DOUBLE_EQ(curve.front().x, 0.0);
  EXPECT_NEAR(curve.back().x, 40.0 + 4.0 * 30.0, 1e-9);
}

}  // namespace
}  // namespace echelon
