#include "core/policy/quantity_discount.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// Nahmias, "Production and Operations Analysis", 6th ed., examples of section 4.7 (a trash bag
// supplier): lambda = 600 per year, K = 8, i = 0.20 per year; prices 0.30 below 500, 0.29 from
// 500, 0.28 from 1000.
QuantityDiscountInput nahmias(DiscountScheme scheme) {
  QuantityDiscountInput in;
  in.scheme = scheme;
  in.order_cost_per_order = 8.0;
  in.demand_units_per_period = 600.0;
  in.holding_rate_per_period = 0.20;
  in.breaks = {{0.0, 0.30}, {500.0, 0.29}, {1000.0, 0.28}};
  return in;
}

// All-units, by hand: Q_j = sqrt(2 * 8 * 600 / (0.2 c_j)) = 400.0, 406.8, 414.0; only Q_0 is in its
// range. Candidates:
//   G(400)  = 0.30*600 + 8*600/400  + 0.2*0.30*400/2  = 180 + 12   + 12 = 204.00
//   G(500)  = 0.29*600 + 8*600/500  + 0.2*0.29*500/2  = 174 + 9.6  + 14.5 = 198.10
//   G(1000) = 0.28*600 + 8*600/1000 + 0.2*0.28*1000/2 = 168 + 4.8  + 28 = 200.80
// so Q* = 500 at 198.10 a year, as Nahmias finds.
TEST(QuantityDiscount, AllUnitsNahmias) {
  auto r = compute_quantity_discount(nahmias(DiscountScheme::all_units));
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_DOUBLE_EQ(r->order_quantity_units, 500.0);
  EXPECT_NEAR(r->cost_per_period, 198.10, 1e-9);
  EXPECT_EQ(r->price_break_index, 1u);
  EXPECT_NEAR(r->purchase_cost_per_period, 174.0, 1e-9);
  ASSERT_EQ(r->candidates.size(), 3u);
  EXPECT_NEAR(r->candidates[0].unconstrained_quantity_units, 400.0, 1e-9);
  EXPECT_TRUE(r->candidates[0].in_range);
  EXPECT_NEAR(r->candidates[0].cost_per_period, 204.0, 1e-9);
  EXPECT_FALSE(r->candidates[1].in_range);
  EXPECT_NEAR(r->candidates[2].cost_per_period, 200.80, 1e-9);
}

// Incremental, by hand: R_1 = 0.30*500 = 150, R_2 = 150 + 0.29*500 = 295; A_1 = 150 - 0.29*500 = 5,
// A_2 = 295 - 0.28*1000 = 15.
//   Q_0 = 400 (in range),  G = 204.00
//   Q_1 = sqrt(2*600*13/0.058) = 518.62 (in range),
//         G = 174 + 600*13/518.62 + 0.058*518.62/2 + 0.2*5/2 = 174 + 15.040 + 15.040 + 0.5 = 204.580
//   Q_2 = sqrt(2*600*23/0.056) = 702.0 < 1000, clamped to 1000: G = 168 + 600*23/1000 + 28 + 1.5 = 211.30
// so Q* = 400 at 204.00, Nahmias's answer.
TEST(QuantityDiscount, IncrementalNahmias) {
  auto r = compute_quantity_discount(nahmias(DiscountScheme::incremental));
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->order_quantity_units, 400.0, 1e-9);
  EXPECT_NEAR(r->cost_per_period, 204.0, 1e-9);
  ASSERT_EQ(r->candidates.size(), 3u);
  EXPECT_NEAR(r->candidates[1].unconstrained_quantity_units, 518.6189, 5e-5);
  EXPECT_NEAR(r->candidates[1].cost_per_period, 204.5799, 5e-5);
  EXPECT_FALSE(r->candidates[2].in_range);
  EXPECT_NEAR(r->candidates[2].quantity_units, 1000.0, 1e-9);
  EXPECT_NEAR(r->candidates[2].cost_per_period, 211.30, 1e-9);
  // C(Q) is continuous at the breaks: 500 units cost 150 either way, 1000 cost 295.
  const auto in = nahmias(DiscountScheme::incremental);
  EXPECT_NEAR(purchase_cost_of_order(in, 500.0), 150.0, 1e-12);
  EXPECT_NEAR(purchase_cost_of_order(in, 1000.0), 295.0, 1e-12);
  EXPECT_NEAR(purchase_cost_of_order(in, 499.999999), 150.0, 1e-6);
}

// Nahmias's second discount example (prices 1,400 below 50 units, 1,100 from 50, 900 from 90;
// K = 2,500, i = 0.2, lambda = 200), as worked in course notes citing Nahmias (2009):
// all-units Q_j = sqrt(2 * 2500 * 200 / (0.2 c_j)) = 59.76, 67.42, 74.54; Q_0 lies above [0, 50),
// so that range is skipped; Q_1 lies in [50, 90); Q_2 lies below 90, so 90 is the candidate:
// G_1(67.42) = 220,000 + 7,416.20 + 7,416.20 = 234,832.40 and
// G_2(90) = 180,000 + 5,555.56 + 8,100 = 193,655.56, the optimum.
// Incremental, by hand: R_1 = 70,000, R_2 = 114,000; A_1 = 15,000, A_2 = 33,000;
// Q_2 = sqrt(2 * 200 * 35,500 / 180) = 280.87 in range, G_2 = 180,000 + 200 * 35,500 / 280.87
// + 90 * 280.87 + 3,300 = 233,856.90; Q_1 = 178.38 clamps to 90 (G = 270,288.89) and Q_0 = 59.76
// to 50 (G = 297,000), so Q* = 280.87.
TEST(QuantityDiscount, NahmiasSecondExample) {
  QuantityDiscountInput in;
  in.order_cost_per_order = 2500.0;
  in.demand_units_per_period = 200.0;
  in.holding_rate_per_period = 0.2;
  in.breaks = {{0.0, 1400.0}, {50.0, 1100.0}, {90.0, 900.0}};
  auto all = compute_quantity_discount(in);
  ASSERT_TRUE(all.ok()) << describe(all.problems());
  EXPECT_DOUBLE_EQ(all->order_quantity_units, 90.0);
  EXPECT_NEAR(all->cost_per_period, 193655.56, 5e-3);
  EXPECT_NEAR(all->candidates[1].cost_per_period, 234832.40, 5e-2);
  EXPECT_FALSE(all->candidates[0].considered);
  in.scheme = DiscountScheme::incremental;
  auto inc = compute_quantity_discount(in);
  ASSERT_TRUE(inc.ok());
  EXPECT_NEAR(inc->order_quantity_units, 280.8717, 5e-4);
  EXPECT_NEAR(inc->cost_per_period, 233856.90, 5e-3);
  EXPECT_NEAR(inc->candidates[1].cost_per_period, 270288.89, 5e-3);
  EXPECT_NEAR(inc->candidates[0].cost_per_period, 297000.0, 1e-6);
}

// Brute force: scan every order size from 1 to 3000 in steps of 0.5; none beats Q*.
TEST(QuantityDiscount, BruteForceScan) {
  for (DiscountScheme scheme : {DiscountScheme::all_units, DiscountScheme::incremental}) {
    for (double k : {0.5, 8.0, 40.0}) {
      QuantityDiscountInput in = nahmias(scheme);
      in.order_cost_per_order = k;
      in.holding_cost_per_unit_period = 0.01;
      auto r = compute_quantity_discount(in);
      ASSERT_TRUE(r.ok());
      double best = 1e300;
      for (int step = 1; step <= 6000; ++step) best = std::min(best, quantity_discount_cost(in, step * 0.5));
      EXPECT_LE(r->cost_per_period, best + 1e-9) << "scheme " << static_cast<int>(scheme) << " K " << k;
      EXPECT_GT(r->cost_per_period, best - 0.01);
    }
  }
}

TEST(QuantityDiscount, InvalidBreaksAreNamed) {
  QuantityDiscountInput in = nahmias(DiscountScheme::all_units);
  in.breaks = {{10.0, 0.3}, {5.0, 0.31}};
  auto r = compute_quantity_discount(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "breaks/0/min_quantity_units");
  EXPECT_EQ(r.problems()[1].path, "breaks/1/min_quantity_units");
  EXPECT_EQ(r.problems()[2].path, "breaks/1/unit_price");
  in = nahmias(DiscountScheme::all_units);
  in.holding_rate_per_period = 0.0;
  auto no_holding = compute_quantity_discount(in);
  ASSERT_FALSE(no_holding.ok());
  EXPECT_EQ(no_holding.problems()[0].path, "holding_rate_per_period");
  in.breaks.clear();
  in.holding_rate_per_period = 0.2;
  ASSERT_FALSE(compute_quantity_discount(in).ok());
}

}  // namespace
}  // namespace echelon
