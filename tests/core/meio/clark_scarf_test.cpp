#include "core/meio/clark_scarf.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/stats/stats.h"

namespace echelon {
namespace {

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 6.1: three stages,
// echelon holding costs 3, 2, 2 (from the customer), lead times 1, 1, 2, demand N(5, 1) per
// period, backorder cost 37.12. Optimal echelon base-stock levels 6.49, 12.02, 22.71 and expected
// cost 47.66 per period (the book's figures, 2 decimals).
TEST(ClarkScarf, SnyderShenExample6_1) {
  SerialSystem sys;
  sys.stages = {{3.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}};
  sys.backorder_cost_per_unit_period = 37.12;
  sys.demand_mean_per_period = 5.0;
  sys.demand_sd_per_period = 1.0;
  auto r = optimize_serial_base_stock(sys);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->echelon_base_stock[0], 6.49, 0.006);
  EXPECT_NEAR(r->echelon_base_stock[1], 12.02, 0.006);
  EXPECT_NEAR(r->echelon_base_stock[2], 22.71, 0.006);
  EXPECT_NEAR(r->expected_cost_per_period, 47.66, 0.006);
  EXPECT_NEAR(r->local_base_stock[1], r->echelon_base_stock[1] - r->echelon_base_stock[0], 1e-12);
}

// One stage is a newsvendor over the lead time: S* = m + s z with Phi(z) = p / (p + h), and
// cost = (p + h) s phi(z) (hand-derived; Snyder & Shen eq. 4.35). h = 1, p = 9, L = 4,
// N(10, 2): m = 40, s = 4, z = Phi^-1(0.9) = 1.2815516; S* = 45.126206, cost = 7.0196...
TEST(ClarkScarf, SingleStageIsNewsvendor) {
  SerialSystem sys;
  sys.stages = {{1.0, 4.0}};
  sys.backorder_cost_per_unit_period = 9.0;
  sys.demand_mean_per_period = 10.0;
  sys.demand_sd_per_period = 2.0;
  auto r = optimize_serial_base_stock(sys);
  ASSERT_TRUE(r.ok());
  const double z = stats::standard_normal_quantile(0.9);
  EXPECT_NEAR(r->echelon_base_stock[0], 40.0 + 4.0 * z, 1e-3);
  EXPECT_NEAR(r->expected_cost_per_period, 10.0 * 4.0 * stats::standard_normal_pdf(z), 1e-3);
}

TEST(ClarkScarf, RejectsBadInput) {
  SerialSystem sys;
  sys.stages = {{-1.0, 1.0}};
  sys.backorder_cost_per_unit_period = 0.0;
  sys.demand_sd_per_period = 1.0;
  const Problems p = validate(sys);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].path, "stages/0/echelon_holding_cost_per_unit_period");
  EXPECT_FALSE(optimize_serial_base_stock(sys).ok());
}

}  // namespace
}  // namespace echelon
