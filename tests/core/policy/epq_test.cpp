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

// A published exercise (Nahmias, "Production and Operations Analysis", ch. 4, the electronic
// part made at 1,000 a month for a demand of 200 a month, worth $50 with a 24% yearly carrying
// charge and a $200 setup). Per month h = 50 x 0.24 / 12 = 1, rho = 0.2, so by hand
// Q* = sqrt(2 x 200 x 200 / (1 x 0.8)) = sqrt(100000) = 316.2278 and the cost per month
// sqrt(2 x 200 x 200 x 0.8) = 252.9822; the EOQ that ignores the production rate is
// sqrt(80000) = 282.8427.
TEST(Epq, NahmiasElectronicPart) {
  auto r = compute_epq({200.0, 50.0 * 0.24 / 12.0, 200.0, 1000.0});
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->batch_quantity_units, 316.2278, 5e-5);
  EXPECT_NEAR(r->cost_per_period, 252.9822, 5e-5);
}

// Brute force, independent of the closed form: for each Q on a grid the stock of one cycle is
// stepped in time (rising at P - lambda while the batch runs, then falling at lambda) and its
// average taken numerically; the cheapest grid Q lies within a step of Q* and costs C(Q*) to
// the grid's resolution.
TEST(Epq, BruteForceOverBatchSizes) {
  const double k = 100.0, h = 2.0, lambda = 1000.0, p = 4000.0;
  auto r = compute_epq({k, h, lambda, p});
  ASSERT_TRUE(r.ok());
  double best_q = 0.0;
  double best_cost = 1e300;
  for (double q = 300.0; q <= 430.0; q += 0.5) {
    const double cycle = q / lambda;
    const int steps = 4000;
    const double dt = cycle / steps;
    double stock = 0.0;
    double area = 0.0;
    for (int i = 0; i < steps; ++i) {
      const double t = (i + 0.5) * dt;
      const double rate = t < q / p ? p - lambda : -lambda;
      area += (stock + 0.5 * rate * dt) * dt;  // the midpoint of a linear piece
      stock += rate * dt;
    }
    const double cost = k / cycle + h * area / cycle;
    if (cost < best_cost) {
      best_cost = cost;
      best_q = q;
    }
  }
  EXPECT_NEAR(best_q, r->batch_quantity_units, 0.5);
  EXPECT_NEAR(best_cost, r->cost_per_period, 1e-4 * r->cost_per_period);
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
