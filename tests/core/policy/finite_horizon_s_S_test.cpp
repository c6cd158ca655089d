#include "core/policy/finite_horizon_s_S.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace echelon {
namespace {

FiniteHorizonInput uniform_0_to_2(std::size_t periods, double k) {
  FiniteHorizonInput in;
  in.demand_probabilities.assign(periods, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  in.fixed_order_cost = k;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 4.0;
  in.lowest_start_level = -2;
  return in;
}

// By hand, D uniform on {0, 1, 2}, h = 1, b = 4, c = 0, K = 1.2, alpha = 1, no terminal cost.
//   L(y) = E[(y - D)^+ + 4 (D - y)^+]: L(-1) = 8, L(0) = 4, L(1) = 5/3, L(2) = 1, L(3) = 2, L(4) = 3.
// One period (T = 1): G = L, S = 2, K + G(S) = 2.2; G(1) = 5/3 < 2.2 does not order, G(0) = 4
// does, so s = 0; V(0) = 2.2, V(1) = 5/3, V(2) = 1, V(3) = 2.
// Two periods: V_2 as above (V_2(x) = 2.2 for x <= 0), and
//   G_1(1) = 5/3 + (5/3 + 2.2 + 2.2)/3 = 166/45 = 3.68889
//   G_1(2) = 1   + (1 + 5/3 + 2.2)/3   = 118/45 = 2.62222
//   G_1(3) = 2   + (2 + 1 + 5/3)/3     = 32/9   = 3.55556
// so S_1 = 2, K + G_1(2) = 172/45 = 3.82222 > G_1(1): s_1 = 0, and V_1(0) = 172/45.
TEST(FiniteHorizonSS, HandExample) {
  auto one = compute_finite_horizon_s_S(uniform_0_to_2(1, 1.2));
  ASSERT_TRUE(one.ok()) << describe(one.problems());
  ASSERT_EQ(one->periods.size(), 1u);
  EXPECT_EQ(one->periods[0].order_up_to_level, 2);
  EXPECT_EQ(one->periods[0].reorder_point, 0);
  EXPECT_TRUE(one->periods[0].orders);
  EXPECT_NEAR(one->expected_cost, 2.2, 1e-12);
  const auto& p = one->periods[0];
  EXPECT_NEAR(p.cost_to_go[static_cast<std::size_t>(1 - p.lowest_level)], 5.0 / 3.0, 1e-12);
  // The default highest level is the largest demand, 2 (nothing above it can be sold).
  EXPECT_EQ(one->highest_level, 2);
  ASSERT_EQ(p.cost_to_go.size(), 5u);  // levels -2..2
  EXPECT_NEAR(p.cost_to_go[static_cast<std::size_t>(2 - p.lowest_level)], 1.0, 1e-12);

  auto two = compute_finite_horizon_s_S(uniform_0_to_2(2, 1.2));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->periods[0].order_up_to_level, 2);
  EXPECT_EQ(two->periods[0].reorder_point, 0);
  EXPECT_NEAR(two->expected_cost, 172.0 / 45.0, 1e-12);
  const auto& q = two->periods[0];
  ASSERT_EQ(two->highest_level, 4);
  EXPECT_NEAR(q.cost_to_go[static_cast<std::size_t>(1 - q.lowest_level)], 166.0 / 45.0, 1e-12);
  EXPECT_NEAR(q.cost_to_go[static_cast<std::size_t>(3 - q.lowest_level)], 32.0 / 9.0, 1e-12);
  EXPECT_TRUE(q.is_s_S);
  // Period 2 sees levels down to -2 - 2 = -4, each ordering up to 2.
  EXPECT_EQ(two->periods[1].lowest_level, -4);
  EXPECT_EQ(two->periods[1].target_level[0], 2);
}

// Brute force: the expected cost by plain recursion over every decision and demand path, with a
// wider target range than the solver's default, for tiny instances with varying demand,
// discounting and terminal cost.
struct Brute {
  const FiniteHorizonInput& in;
  int highest;
  double cost(std::size_t t, int x) const {
    if (t == in.demand_probabilities.size()) {
      return x > 0 ? in.terminal_cost_per_unit_left * x : -in.terminal_cost_per_unit_short * x;
    }
    double best = std::numeric_limits<double>::infinity();
    for (int y = x; y <= std::max(x, highest); ++y) {
      double total = (y > x ? in.fixed_order_cost : 0.0) + in.unit_cost * (y - x);
      const auto& pmf = in.demand_probabilities[t];
      for (std::size_t d = 0; d < pmf.size(); ++d) {
        const int left = y - static_cast<int>(d);
        const double period = left >= 0 ? in.holding_cost_per_unit_period * left : -in.backorder_cost_per_unit_period * left;
        total += pmf[d] * (period + in.discount_factor * cost(t + 1, left));
      }
      best = std::min(best, total);
    }
    return best;
  }
};

TEST(FiniteHorizonSS, MatchesBruteForce) {
  std::uint64_t state = 777;
  auto next = [&](int range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(range));
  };
  for (int trial = 0; trial < 12; ++trial) {
    FiniteHorizonInput in;
    const std::size_t periods = 1 + static_cast<std::size_t>(trial % 3);
    for (std::size_t t = 0; t < periods; ++t) {
      std::vector<double> pmf(static_cast<std::size_t>(2 + next(2)));
      double sum = 0.0;
      for (double& p : pmf) sum += (p = 1.0 + next(5));
      for (double& p : pmf) p /= sum;
      in.demand_probabilities.push_back(pmf);
    }
    in.fixed_order_cost = next(6);
    in.unit_cost = next(3);
    in.holding_cost_per_unit_period = 0.5 + next(3);
    in.backorder_cost_per_unit_period = 1.0 + next(8);
    in.discount_factor = trial % 2 ? 0.9 : 1.0;
    in.terminal_cost_per_unit_left = -0.5 * in.unit_cost;
    in.terminal_cost_per_unit_short = next(2) * in.unit_cost;
    in.lowest_start_level = -2;
    auto r = compute_finite_horizon_s_S(in);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    const Brute brute{in, r->highest_level + 3};
    const auto& first = r->periods[0];
    for (int x = in.lowest_start_level; x <= r->highest_level; ++x) {
      EXPECT_NEAR(first.cost_to_go[static_cast<std::size_t>(x - first.lowest_level)], brute.cost(0, x), 1e-9)
          << "trial " << trial << " level " << x;
    }
  }
}

// Scarf: with convex period costs the optimal decisions are (s, S) in every period, also with
// demand that changes from period to period (here a Poisson-like ramp of 8 periods).
TEST(FiniteHorizonSS, DecisionsAreSS) {
  FiniteHorizonInput in;
  for (int t = 0; t < 8; ++t) {
    const double mean = 2.0 + t;
    std::vector<double> pmf(30);
    double p = std::exp(-mean), sum = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      pmf[k] = p;
      sum += p;
      p *= mean / static_cast<double>(k + 1);
    }
    pmf.back() += 1.0 - sum;  // the tail folded into the last outcome
    in.demand_probabilities.push_back(pmf);
  }
  in.fixed_order_cost = 40.0;
  in.unit_cost = 1.0;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 9.0;
  in.discount_factor = 0.95;
  in.lowest_start_level = -10;
  auto r = compute_finite_horizon_s_S(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  for (std::size_t t = 0; t < r->periods.size(); ++t) {
    const auto& p = r->periods[t];
    EXPECT_TRUE(p.is_s_S) << "period " << t + 1;
    EXPECT_TRUE(p.orders);
    EXPECT_LT(p.reorder_point, p.order_up_to_level);
    // K-convexity in action: the gap S - s reflects K = 40 (an order covers several periods).
    EXPECT_GE(p.order_up_to_level - p.reorder_point, 5) << "period " << t + 1;
  }
  EXPECT_GT(r->work_units, 0.0);
}

// Without a fixed cost the (s, S) policy collapses to a base-stock policy: s = S - 1, and in a
// single period S is the newsvendor quantile, the smallest S with F(S) >= b / (b + h) = 0.8:
// for D uniform on {0..4}, F(3) = 0.8, so S = 3 (by hand).
TEST(FiniteHorizonSS, NoFixedCostIsBaseStock) {
  FiniteHorizonInput in;
  in.demand_probabilities = {{0.2, 0.2, 0.2, 0.2, 0.2}};
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 4.0;
  auto r = compute_finite_horizon_s_S(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->periods[0].order_up_to_level, 3);
  EXPECT_EQ(r->periods[0].reorder_point, 2);
  EXPECT_TRUE(r->periods[0].is_s_S);
}

// A published value through a theorem: as the horizon grows, the first period's optimal (s, S)
// of the undiscounted finite-horizon program settles on the long-run average-cost optimum
// (Iglehart 1963; Zheng & Federgruen 1991). Zheng & Federgruen's Table I, Poisson demand with
// mean 10, K = 64, h = 1, p = 9, no lead time: (s*, S*) = (6, 40). Over 150 periods the first
// period's rule is that (6, 40).
TEST(FiniteHorizonSS, LongHorizonReachesZhengFedergruen) {
  FiniteHorizonInput in;
  std::vector<double> pmf(60);
  pmf[0] = std::exp(-10.0);
  for (std::size_t k = 1; k < pmf.size(); ++k) pmf[k] = pmf[k - 1] * 10.0 / static_cast<double>(k);
  double total = 0.0;
  for (double q : pmf) total += q;
  for (double& q : pmf) q /= total;  // the tail beyond 59 (below 1e-15) folded in
  in.demand_probabilities.assign(150, pmf);
  in.fixed_order_cost = 64.0;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 9.0;
  in.lowest_start_level = 0;
  auto r = compute_finite_horizon_s_S(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_TRUE(r->periods.front().orders);
  EXPECT_EQ(r->periods.front().reorder_point, 6);
  EXPECT_EQ(r->periods.front().order_up_to_level, 40);
}

TEST(FiniteHorizonSS, InvalidInputIsNamed) {
  FiniteHorizonInput in;
  in.demand_probabilities = {{0.5, 0.4}, {}};
  in.discount_factor = 0.0;
  in.unit_cost = 1.0;
  in.terminal_cost_per_unit_left = -2.0;
  auto r = compute_finite_horizon_s_S(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 4u);
  EXPECT_EQ(r.problems()[0].path, "demand_probabilities/0");
  EXPECT_EQ(r.problems()[1].path, "demand_probabilities/1");
  EXPECT_EQ(r.problems()[2].path, "discount_factor");
  EXPECT_EQ(r.problems()[3].path, "terminal_cost_per_unit_left");

  FiniteHorizonInput big;
  big.demand_probabilities.assign(1000, std::vector<double>(1000, 0.001));
  auto too_large = compute_finite_horizon_s_S(big);
  ASSERT_FALSE(too_large.ok());
  EXPECT_NE(too_large.problems()[0].message.find("too large"), std::string::npos);
}

}  // namespace
}  // namespace echelon
