#include "core/policy/newsvendor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace echelon {
namespace {

// Known answer: demand normal(50, 8), h = 0.18, b = 0.70: critical ratio 0.70 / 0.88, S* = 56.6040,
// g(S*) = 0.88 * 8 * phi(z*) = 1.9976 (Snyder & Shen, "Fundamentals of Supply Chain Theory",
// 2nd ed., newsvendor example of section 4.3).
TEST(Newsvendor, NormalKnownAnswer) {
  NewsvendorInput in;
  in.demand = {DemandKind::normal, 50.0, 8.0, {}};
  in.holding_cost_per_unit = 0.18;
  in.backorder_cost_per_unit = 0.70;
  auto r = compute_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->demand.model, LeadTimeDemandModel::normal);
  EXPECT_NEAR(r->critical_ratio, 0.70 / 0.88, 1e-15);
  EXPECT_NEAR(r->order_up_to_level, 56.6040, 5e-5);
  EXPECT_NEAR(r->expected_cost, 1.9976, 5e-5);
  EXPECT_NEAR(r->cycle_service_level, 0.70 / 0.88, 1e-12);
  // The optimum: the cost rises on both sides.
  EXPECT_LT(r->expected_cost, newsvendor_cost(r->demand, 0.18, 0.70, r->order_up_to_level + 0.5));
  EXPECT_LT(r->expected_cost, newsvendor_cost(r->demand, 0.18, 0.70, r->order_up_to_level - 0.5));
}

// Poisson(3), h = 1, b = 4: ratio 0.8; F(3) = 0.6472 < 0.8 <= F(4) = 0.8153, so S* = 4;
// G1(4) = 0.3193573117483948 and g(4) = 1 * (4 - 3) + 5 * G1(4) = 2.596786558741974 (by hand).
TEST(Newsvendor, PoissonByHand) {
  NewsvendorInput in;
  in.demand = {DemandKind::poisson, 3.0, 0.0, {}};
  in.holding_cost_per_unit = 1.0;
  in.backorder_cost_per_unit = 4.0;
  auto r = compute_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->order_up_to_level, 4.0);
  EXPECT_NEAR(r->expected_short_units, 0.31935731174839477, 1e-10);
  EXPECT_NEAR(r->expected_cost, 2.596786558741974, 1e-9);
  EXPECT_NEAR(r->cycle_service_level, 0.8152632445237722, 1e-10);
}

// Exponential demand (gamma, shape 1, scale 10), h = 1, b = 3: S* = -10 ln(1/4) = 13.8629 and
// g(S*) = h (S* - 10) + 4 * 10 e^{-S*/10} = h S* (by hand).
TEST(Newsvendor, GammaByHand) {
  NewsvendorInput in;
  in.demand = {DemandKind::gamma, 10.0, 10.0, {}};
  in.holding_cost_per_unit = 1.0;
  in.backorder_cost_per_unit = 3.0;
  auto r = compute_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->demand.model, LeadTimeDemandModel::gamma);
  EXPECT_NEAR(r->order_up_to_level, 13.862943611198906, 1e-8);
  EXPECT_NEAR(r->expected_cost, 13.862943611198906, 1e-8);
}

// Brute force, independent of the loss functions: the expected cost of each level S on a grid by
// numerical integration of h (S - x)^+ + b (x - S)^+ against the normal density (trapezoid over
// mean +- 10 sd), and for Poisson(3) by summing the pmf, built here by its recursion, over every
// outcome. The cheapest level is the module's S* and costs its g(S*).
TEST(Newsvendor, BruteForceOverLevels) {
  NewsvendorInput in;
  in.demand = {DemandKind::normal, 50.0, 8.0, {}};
  in.holding_cost_per_unit = 0.18;
  in.backorder_cost_per_unit = 0.70;
  auto r = compute_newsvendor(in);
  ASSERT_TRUE(r.ok());
  const double pi = 3.14159265358979323846;
  double best_level = 0.0;
  double best_cost = 1e300;
  for (double level = 50.0; level <= 64.0; level += 0.01) {
    const int n = 8000;
    const double lo = 50.0 - 80.0, width = 160.0 / n;
    double cost = 0.0;
    for (int i = 0; i <= n; ++i) {
      const double x = lo + i * width;
      const double density = std::exp(-0.5 * (x - 50.0) * (x - 50.0) / 64.0) / (8.0 * std::sqrt(2.0 * pi));
      const double weight = (i == 0 || i == n) ? 0.5 : 1.0;
      cost += weight * width * density * (0.18 * std::max(level - x, 0.0) + 0.70 * std::max(x - level, 0.0));
    }
    if (cost < best_cost) {
      best_cost = cost;
      best_level = level;
    }
  }
  EXPECT_NEAR(best_level, r->order_up_to_level, 0.01);
  EXPECT_NEAR(best_cost, r->expected_cost, 1e-6);

  in.demand = {DemandKind::poisson, 3.0, 0.0, {}};
  in.holding_cost_per_unit = 1.0;
  in.backorder_cost_per_unit = 4.0;
  auto p = compute_newsvendor(in);
  ASSERT_TRUE(p.ok());
  std::vector<double> pmf(60);
  pmf[0] = std::exp(-3.0);
  for (std::size_t k = 1; k < pmf.size(); ++k) pmf[k] = pmf[k - 1] * 3.0 / static_cast<double>(k);
  int best = -1;
  best_cost = 1e300;
  for (int level = 0; level <= 15; ++level) {
    double cost = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      const double x = static_cast<double>(k);
      cost += pmf[k] * (std::max(level - x, 0.0) + 4.0 * std::max(x - level, 0.0));
    }
    if (cost < best_cost - 1e-12) {
      best_cost = cost;
      best = level;
    }
  }
  EXPECT_EQ(best, static_cast<int>(p->order_up_to_level));
  EXPECT_NEAR(best_cost, p->expected_cost, 1e-9);
}

TEST(Newsvendor, InvalidCostsAreNamed) {
  NewsvendorInput in;
  in.demand = {DemandKind::normal, 50.0, 8.0, {}};
  auto r = compute_newsvendor(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 2u);
  EXPECT_EQ(r.problems()[0].path, "holding_cost_per_unit");
  EXPECT_EQ(r.problems()[1].path, "backorder_cost_per_unit");
}

}  // namespace
}  // namespace echelon
