#include "core/policy/wagner_whitin.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace echelon {
namespace {

// The instance of Wagner & Whitin (1958), section 4: twelve months, holding cost 1 per unit per
// month, setup costs varying by month. Their optimal program costs 864, ordering in months 1
// (for 1-2), 3 (3-4), 5 (5-7), 8 (8-9), 10 and 11 (11-12).
TEST(WagnerWhitin, ClassicInstance) {
  WagnerWhitinInput in;
  in.demand_units = {69, 29, 36, 61, 61, 26, 34, 67, 45, 67, 79, 56};
  in.order_cost_per_order = {85, 102, 102, 101, 98, 114, 105, 86, 119, 110, 98, 114};
  in.holding_cost_per_unit_period = {1.0};
  auto r = compute_wagner_whitin(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_DOUBLE_EQ(r->total_cost, 864.0);
  EXPECT_EQ(r->order_periods, (std::vector<int>{1, 3, 5, 8, 10, 11}));
  EXPECT_DOUBLE_EQ(r->order_units[0], 98.0);   // 69 + 29
  EXPECT_DOUBLE_EQ(r->order_units[4], 121.0);  // 61 + 26 + 34
  EXPECT_DOUBLE_EQ(r->order_units[10], 135.0); // 79 + 56
  EXPECT_DOUBLE_EQ(r->ordering_cost + r->holding_cost + r->purchase_cost, r->total_cost);
}

// Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", 4th ed., the
// lot-sizing example of its chapter on time-varying demand: A = $54, v = $20,
// r = 0.02 per month, so h = $0.40 per unit per month; demands below. The Wagner-Whitin plan costs
// $501.20 (their table of heuristics against the optimum), ordering in months 1, 4, 5, 7, 9, 10, 11.
TEST(WagnerWhitin, SilverPykeThomasExample) {
  WagnerWhitinInput in;
  in.demand_units = {10, 62, 12, 130, 154, 129, 88, 52, 124, 160, 238, 41};
  in.order_cost_per_order = {54.0};
  in.holding_cost_per_unit_period = {0.4};
  auto r = compute_wagner_whitin(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->total_cost, 501.20, 1e-9);
  EXPECT_EQ(r->order_periods, (std::vector<int>{1, 4, 5, 7, 9, 10, 11}));
  EXPECT_NEAR(r->ordering_cost, 7 * 54.0, 1e-9);
  EXPECT_NEAR(r->holding_cost, 501.20 - 378.0, 1e-9);
}

// A worked exercise (University of Southampton, edshare.soton.ac.uk/id/document/4121): five periods
// of demand 40, 20, 10, 30, 20, setup 100, holding 2 per unit per period; the shortest path
// 0 - 3 - 5 costs 320, producing 70 in period 1 and 50 in period 4.
TEST(WagnerWhitin, WorkedExercise) {
  auto r = compute_wagner_whitin({{40, 20, 10, 30, 20}, {100.0}, {2.0}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->total_cost, 320.0);
  EXPECT_EQ(r->order_units, (std::vector<double>{70, 0, 0, 50, 0}));
  EXPECT_EQ(r->cost_to_period, (std::vector<double>{100, 140, 180, 280, 320}));
}

// Brute force: every one of the 2^(T-1) order patterns (period 1 always orders; an order covers
// the periods up to the next one), with its cost counted period by period.
double pattern_cost(const std::vector<double>& d, const std::vector<double>& k, const std::vector<double>& h,
                    const std::vector<double>& c, std::uint32_t mask) {
  const std::size_t n = d.size();
  double cost = 0.0, stock = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    if (t == 0 || (mask >> (t - 1)) & 1u) {
      double units = 0.0;
      for (std::size_t u = t; u < n && (u == t || !((mask >> (u - 1)) & 1u)); ++u) units += d[u];
      if (units > 0.0) cost += k[t] + c[t] * units;
      stock += units;
    }
    stock -= d[t];
    cost += h[t] * stock;
  }
  return cost;
}

TEST(WagnerWhitin, BruteForceOverAllPatterns) {
  // A small deterministic generator so the instances vary but never change.
  std::uint64_t state = 12345;
  auto next = [&](int range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(range));
  };
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 1 + static_cast<std::size_t>(trial % 10);
    std::vector<double> d(n), k(n), h(n), c(n);
    for (std::size_t t = 0; t < n; ++t) {
      d[t] = next(4) == 0 ? 0.0 : next(100);  // some periods without demand
      k[t] = 10.0 + next(150);
      h[t] = 0.5 + next(4);
      c[t] = next(6);
    }
    WagnerWhitinInput in{d, k, h, c};
    auto r = compute_wagner_whitin(in);
    ASSERT_TRUE(r.ok());
    double best = std::numeric_limits<double>::infinity();
    for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) best = std::min(best, pattern_cost(d, k, h, c, mask));
    EXPECT_NEAR(r->total_cost, best, 1e-9) << "trial " << trial;
    EXPECT_NEAR(r->ordering_cost + r->holding_cost + r->purchase_cost, r->total_cost, 1e-9);
    double ordered = 0.0, demanded = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      ordered += r->order_units[t];
      demanded += d[t];
      EXPECT_GE(ordered, demanded - 1e-9);  // never short
    }
    EXPECT_NEAR(ordered, demanded, 1e-9);
    // The planning-horizon search, with one unit cost for all periods, finds the same optimum.
    WagnerWhitinInput same_price{d, k, h, {c[0]}};
    same_price.use_planning_horizons = true;
    auto fast = compute_wagner_whitin(same_price);
    ASSERT_TRUE(fast.ok());
    double best_same_price = std::numeric_limits<double>::infinity();
    const std::vector<double> flat(n, c[0]);
    for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
      best_same_price = std::min(best_same_price, pattern_cost(d, k, h, flat, mask));
    }
    EXPECT_NEAR(fast->total_cost, best_same_price, 1e-9) << "trial " << trial;
    EXPECT_LE(fast->work_units, static_cast<double>(n * (n + 1) / 2));
  }
}

// Planning horizons on the classic instance: the best plans for periods 1..1, 1..8 and 1..10 end
// with an order in that very period (by the recursion f(7) = 469, f(8) = f(7) + 86 = 555,
// f(9) = 600, f(10) = f(9) + 110 = 710, each below any plan with an earlier last order), so the
// search for later periods starts there: 46 evaluations of cost(i, j) instead of 78.
TEST(WagnerWhitin, PlanningHorizons) {
  WagnerWhitinInput in;
  in.demand_units = {69, 29, 36, 61, 61, 26, 34, 67, 45, 67, 79, 56};
  in.order_cost_per_order = {85, 102, 102, 101, 98, 114, 105, 86, 119, 110, 98, 114};
  in.holding_cost_per_unit_period = {1.0};
  auto full = compute_wagner_whitin(in);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->planning_horizons, (std::vector<int>{1, 8, 10}));
  EXPECT_DOUBLE_EQ(full->work_units, 78.0);
  in.use_planning_horizons = true;
  auto fast = compute_wagner_whitin(in);
  ASSERT_TRUE(fast.ok());
  EXPECT_DOUBLE_EQ(fast->total_cost, 864.0);
  EXPECT_EQ(fast->order_periods, full->order_periods);
  EXPECT_DOUBLE_EQ(fast->work_units, 46.0);
  in.unit_cost = std::vector<double>(12, 1.0);
  in.unit_cost[5] = 2.0;
  auto refused = compute_wagner_whitin(in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problems()[0].path, "use_planning_horizons");
}

// No demand at first: nothing is bought before it is needed.
TEST(WagnerWhitin, LeadingZeroDemandOrdersNothing) {
  auto r = compute_wagner_whitin({{0.0, 0.0, 5.0}, {10.0}, {1.0}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->order_periods, (std::vector<int>{3}));
  EXPECT_DOUBLE_EQ(r->total_cost, 10.0);
  auto none = compute_wagner_whitin({{0.0, 0.0}, {10.0}, {1.0}, {}});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->order_periods.empty());
  EXPECT_DOUBLE_EQ(none->total_cost, 0.0);
}

TEST(WagnerWhitin, InvalidInputIsNamed) {
  auto r = compute_wagner_whitin({{1.0, -2.0, 3.0}, {1.0, 2.0}, {1.0}, {}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 2u);
  EXPECT_EQ(r.problems()[0].path, "demand_units/1");
  EXPECT_EQ(r.problems()[1].path, "order_cost_per_order");
  WagnerWhitinInput big;
  big.demand_units.assign(kMaxLotSizingPeriods + 1, 1.0);
  big.order_cost_per_order = {1.0};
  big.holding_cost_per_unit_period = {1.0};
  auto too_large = compute_wagner_whitin(big);
  ASSERT_FALSE(too_large.ok());
  EXPECT_NE(too_large.problems()[0].message.find("too large"), std::string::npos);
  EXPECT_FALSE(compute_wagner_whitin({}).ok());
}

}  // namespace
}  // namespace echelon
