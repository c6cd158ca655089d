#include "core/policy/eoq.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace echelon {
namespace {

// Known answer: K = 8, h = 0.225 per unit per period, lambda = 1300 per period:
// Q* = sqrt(2 * 8 * 1300 / 0.225) = 304.0468, C(Q*) = sqrt(2 * 8 * 1300 * 0.225) = 68.4105
// (Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., EOQ example of section 3.2).
TEST(Eoq, KnownAnswer) {
  auto r = compute_eoq({8.0, 0.225, 1300.0});
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->order_quantity_units, 304.0468, 5e-5);
  EXPECT_NEAR(r->cost_per_period, 68.4105, 5e-5);
  EXPECT_NEAR(r->orders_per_period, 1300.0 / 304.04678002643680, 1e-12);
  EXPECT_NEAR(eoq_cost({8.0, 0.225, 1300.0}, r->order_quantity_units), r->cost_per_period, 1e-10);
}

// Flatness: C(x Q*) / C(Q*) = (x + 1/x) / 2, so halving or doubling Q costs 25% more (by hand).
TEST(Eoq, CostCurveIsFlatNearTheOptimum) {
  const EoqInput in{8.0, 0.225, 1300.0};
  auto r = compute_eoq(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(eoq_cost(in, 2.0 * r->order_quantity_units) / r->cost_per_period, 1.25, 1e-12);
  EXPECT_NEAR(eoq_cost(in, 0.5 * r->order_quantity_units) / r->cost_per_period, 1.25, 1e-12);
  auto curve = eoq_cost_curve(in, 0.5, 2.0, 31);
  ASSERT_EQ(curve.size(), 31u);
  double lowest = curve.front().total_cost;
  for (const auto& p : curve) {
    EXPECT_NEAR(p.total_cost, p.ordering_cost + p.holding_cost, 1e-12);
    lowest = std::min(lowest, p.total_cost);
  }
  EXPECT_GE(lowest, r->cost_per_period - 1e-12);
  // At Q* ordering and holding cost are equal.
  EXPECT_NEAR(8.0 * 1300.0 / r->order_quantity_units, 0.225 * r->order_quantity_units / 2.0, 1e-10);
}

// Brute force, written here without the module's cost function: the average cost K lambda / Q
// + h Q / 2 scanned over Q = 1, 1.01, ..., 2000. The best grid point lies within one step of Q*
// and no grid point is cheaper than C(Q*).
TEST(Eoq, BruteForceScan) {
  const double k = 8.0, h = 0.225, lambda = 1300.0;
  auto r = compute_eoq({k, h, lambda});
  ASSERT_TRUE(r.ok());
  double best_q = 0.0;
  double best_cost = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 199900; ++i) {
    const double q = 1.0 + 0.01 * i;
    const double cost = k * lambda / q + h * q / 2.0;
    if (cost < best_cost) {
      best_cost = cost;
      best_q = q;
    }
  }
  EXPECT_NEAR(best_q, r->order_quantity_units, 0.01);
  EXPECT_GE(best_cost, r->cost_per_period - 1e-9);
  EXPECT_NEAR(best_cost, r->cost_per_period, 1e-6 * r->cost_per_period);
}

TEST(Eoq, InvalidInputIsNamed) {
  auto r = compute_eoq({0.0, -1.0, std::nan("")});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "order_cost_per_order");
  EXPECT_EQ(r.problems()[1].path, "holding_cost_per_unit_period");
  EXPECT_EQ(r.problems()[2].path, "demand_units_per_period");
  EXPECT_TRUE(eoq_cost_curve({0.0, 1.0, 1.0}, 0.5, 2.0, 10).empty());
}

}  // namespace
}  // namespace echelon
