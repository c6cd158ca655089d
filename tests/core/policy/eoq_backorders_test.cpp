#include "core/policy/eoq_backorders.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// The EOQ example of eoq_test.cpp (K = 8, h = 0.225, lambda = 1300; Snyder & Shen 3.2) with a
// backorder cost b = 5 per unit per period added. By hand:
//   Q* = sqrt(2 * 8 * 1300 * 5.225 / (0.225 * 5)) = sqrt(96604.44...) = 310.8126
//   x* = 0.225 * 310.8126 / 5.225 = 13.3843
//   C* = sqrt(2 * 8 * 1300 * 0.225 * 5 / 5.225) = sqrt(4478.47) = 66.9214
// and the EOQ cost 68.4105 times sqrt(b / (h + b)) = sqrt(0.956938) = 0.978227 gives 66.9210
// too (within rounding of the EOQ figure).
TEST(EoqBackorders, KnownAnswer) {
  const EoqBackordersInput in{8.0, 0.225, 5.0, 1300.0};
  auto r = compute_eoq_backorders(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->order_quantity_units, 310.8126, 5e-5);
  EXPECT_NEAR(r->max_backorder_units, 13.3843, 5e-5);
  EXPECT_NEAR(r->cost_per_period, 66.9214, 5e-5);
  EXPECT_NEAR(r->share_of_time_in_stock, 5.0 / 5.225, 1e-15);
  EXPECT_NEAR(r->ordering_cost_per_period + r->holding_cost_per_period + r->backorder_cost_per_period, r->cost_per_period, 1e-9);
  // At the optimum ordering cost = holding + backorder cost (the EOQ's balance).
  EXPECT_NEAR(r->ordering_cost_per_period, r->holding_cost_per_period + r->backorder_cost_per_period, 1e-9);
  EXPECT_NEAR(eoq_backorders_cost(in, r->order_quantity_units, r->max_backorder_units), r->cost_per_period, 1e-9);
}

// Brute force: no (Q, x) on a grid around the optimum costs less.
TEST(EoqBackorders, NoGridPointIsCheaper) {
  const EoqBackordersInput in{50.0, 2.0, 7.0, 400.0};
  auto r = compute_eoq_backorders(in);
  ASSERT_TRUE(r.ok());
  double best = 1e300;
  for (int a = 1; a <= 400; ++a) {
    const double q = 2.0 * r->order_quantity_units * a / 400.0;
    for (int c = 0; c <= 100; ++c) best = std::min(best, eoq_backorders_cost(in, q, q * c / 100.0));
  }
  EXPECT_GE(best, r->cost_per_period - 1e-9);
  EXPECT_LT(best, r->cost_per_period * 1.001);  // the grid gets close
}

// As b grows the answer tends to the plain EOQ sqrt(2 K lambda / h) = sqrt(2*8*1300/0.225) = 304.0468.
TEST(EoqBackorders, TendsToTheEoqAsBackordersGetDear) {
  auto r = compute_eoq_backorders({8.0, 0.225, 1e9, 1300.0});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->order_quantity_units, 304.0468, 1e-3);
  EXPECT_NEAR(r->max_backorder_units, 0.0, 1e-4);
}

TEST(EoqBackorders, InvalidInputIsNamed) {
  auto r = compute_eoq_backorders({0.0, 1.0, -2.0, std::nan("")});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "order_cost_per_order");
  EXPECT_EQ(r.problems()[1].path, "backorder_cost_per_unit_period");
  EXPECT_EQ(r.problems()[2].path, "demand_units_per_period");
  EXPECT_TRUE(std::isnan(eoq_backorders_cost({8.0, 1.0, 1.0, 1.0}, 10.0, 11.0)));
}

}  // namespace
}  // namespace echelon
