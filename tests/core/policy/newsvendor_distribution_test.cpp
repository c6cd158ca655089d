#include "core/policy/newsvendor_distribution.h"

#include <gtest/gtest.h>

#include <vector>

#include <algorithm>

#include <cmath>
#include <string>

namespace echelon {
namespace {

GeneralNewsvendorInput costs(Distribution d, double overage, double underage) {
  GeneralNewsvendorInput in;
  in.demand = std::move(d);
  in.form = NewsvendorForm::costs;
  in.overage_cost_per_unit = overage;
  in.underage_cost_per_unit = underage;
  return in;
}

GeneralNewsvendorInput prices(Distribution d, double p, double c, double v, double g) {
  GeneralNewsvendorInput in;
  in.demand = std::move(d);
  in.form = NewsvendorForm::prices;
  in.selling_price = p;
  in.unit_cost = c;
  in.salvage_value = v;
  in.goodwill_cost_per_unit_short = g;
  return in;
}

// C(S) at any level, from the same loss function, to check that the optimum is one.
double cost_at(const GeneralNewsvendorInput& in, const GeneralNewsvendorResult& r, double s) {
  const double shortfall = demand_loss(in.demand, s);
  return r.overage_cost_per_unit * (s - r.demand_mean + shortfall) + r.underage_cost_per_unit * shortfall;
}

// Nahmias's newsstand (ch. 5): papers bought at 25 cents, sold at 75, worthless when left;
// demand normal with mean 11.73 and sd 4.74. By hand: c_u = 0.50, c_o = 0.25, ratio 2/3,
// z* = Phi^{-1}(2/3) = 0.430727, S* = 11.73 + 4.74 z* = 13.7716 (Nahmias rounds z to 0.43:
// 13.77, then to 14 papers). G1 = 4.74 L(0.430727) = 1.042914, so C = 0.25 (S* - 11.73 + G1)
// + 0.50 G1 = 1.292597 and the expected profit 0.50 * 11.73 - C = 4.572403.
TEST(GeneralNewsvendor, NahmiasNewsstandPriceForm) {
  const auto in = prices(dist::Normal{11.73, 4.74}, 0.75, 0.25, 0.0, 0.0);
  auto r = compute_general_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->critical_ratio, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(r->order_quantity, 13.771647, 1e-6);
  EXPECT_NEAR(r->expected_short, 1.042914, 1e-6);
  EXPECT_NEAR(r->expected_cost, 1.292597, 1e-6);
  EXPECT_NEAR(r->expected_profit, 4.572403, 1e-6);
  EXPECT_NEAR(r->in_stock_probability, 2.0 / 3.0, 1e-9);
}

// The cost form on the Snyder & Shen example of newsvendor_test.cpp (normal(50, 8), h = 0.18,
// b = 0.70): S* = 56.6040, cost 1.9976.
TEST(GeneralNewsvendor, SnyderShenCostForm) {
  auto r = compute_general_newsvendor(costs(dist::Normal{50.0, 8.0}, 0.18, 0.70));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->order_quantity, 56.6040, 5e-5);
  EXPECT_NEAR(r->expected_cost, 1.9976, 5e-5);
  EXPECT_EQ(r->expected_profit, 0.0);
}

// Lognormal with mean 100 and sd 50; p = 10, c = 4, v = 1: c_u = 6, c_o = 3, ratio 2/3. By hand:
// s^2 = ln(1 + 0.25) = 0.223144, s = 0.472381, mu = ln 100 - s^2/2 = 4.493598;
// S* = exp(4.493598 + 0.472381 * 0.430727) = 109.625026;
// d1 = (mu + s^2 - ln S*)/s = 0.041654, G1 = 100 Phi(d1) - S* Phi(d1 - s) = 15.119576
// (a Simpson integration of (x - S*) f(x) over [S*, 50 S*] with 200,000 steps gives 15.119576
// too); left over S* - 100 + G1 = 24.744601; C = 3 * 24.744601 + 6 * 15.119576 = 164.951259;
// profit (10 - 4) * 100 - C = 435.048741.
TEST(GeneralNewsvendor, LognormalClosedForm) {
  const auto in = prices(dist::Lognormal{100.0, 50.0}, 10.0, 4.0, 1.0, 0.0);
  auto r = compute_general_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->order_quantity, 109.625026, 1e-6);
  EXPECT_NEAR(r->expected_short, 15.119576, 1e-6);
  EXPECT_NEAR(r->expected_left_over, 24.744601, 1e-6);
  EXPECT_NEAR(r->expected_cost, 164.951259, 1e-6);
  EXPECT_NEAR(r->expected_profit, 435.048741, 1e-6);
  EXPECT_NEAR(r->in_stock_probability, 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(r->demand_mean, 100.0, 1e-12);
  EXPECT_NEAR(r->demand_sd, 50.0, 1e-12);
  EXPECT_LT(r->expected_cost, cost_at(in, *r, r->order_quantity + 0.5));
  EXPECT_LT(r->expected_cost, cost_at(in, *r, r->order_quantity - 0.5));
  // Zero level: all demand is short.
  EXPECT_NEAR(demand_loss(in.demand, 0.0), 100.0, 1e-12);
}

// Goodwill raises c_u: p = 10, c = 4, v = 1, g = 3 gives c_u = 9, c_o = 3, ratio 0.75; normal(100, 20):
// S* = 100 + 20 * 0.674490 = 113.489795, G1 = 20 L(0.674490) = 2.983083, left 16.472878,
// C = 3 * 16.472878 + 9 * 2.983083 = 76.266377, profit 600 - C = 523.733623 (by hand).
TEST(GeneralNewsvendor, GoodwillCost) {
  auto r = compute_general_newsvendor(prices(dist::Normal{100.0, 20.0}, 10.0, 4.0, 1.0, 3.0));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->underage_cost_per_unit, 9.0, 1e-15);
  EXPECT_NEAR(r->order_quantity, 113.489795, 1e-6);
  EXPECT_NEAR(r->expected_cost, 76.266377, 1e-6);
  EXPECT_NEAR(r->expected_profit, 523.733623, 1e-6);
}

// A discrete table, unsorted and with a repeated value: 20 w.p. 0.5, 10 w.p. 0.2, 30 w.p. 0.3.
// c_o = 2, c_u = 3: ratio 0.6; F(10) = 0.2, F(20) = 0.7 >= 0.6, so S* = 20; mean 21; short
// 0.3 * 10 = 3, left 0.2 * 10 = 2, C = 2*2 + 3*3 = 13 (S = 10 costs 33, S = 30 costs 18).
TEST(GeneralNewsvendor, DiscreteTableByHand) {
  const auto in = costs(dist::Discrete{{{20.0, 0.25}, {10.0, 0.2}, {30.0, 0.3}, {20.0, 0.25}}}, 2.0, 3.0);
  auto r = compute_general_newsvendor(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_DOUBLE_EQ(r->order_quantity, 20.0);
  EXPECT_NEAR(r->expected_cost, 13.0, 1e-12);
  EXPECT_NEAR(cost_at(in, *r, 10.0), 33.0, 1e-12);
  EXPECT_NEAR(cost_at(in, *r, 30.0), 18.0, 1e-12);
  EXPECT_NEAR(r->in_stock_probability, 0.7, 1e-12);
}

// An empirical sample {5, 1, 3, 3}, ratio 0.5: F(1) = 0.25, F(3) = 0.75, so S* = 3 (by hand).
TEST(GeneralNewsvendor, EmpiricalSample) {
  auto r = compute_general_newsvendor(costs(dist::Empirical{{5.0, 1.0, 3.0, 3.0}}, 1.0, 1.0));
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->order_quantity, 3.0);
  EXPECT_NEAR(r->expected_short, 0.5, 1e-12);  // (5 - 3) / 4
}

// The count and gamma cases against newsvendor_test.cpp's hand values: Poisson(3), c_o = 1,
// c_u = 4: S* = 4, cost 2.596786558741974; exponential mean 10, c_o = 1, c_u = 3: S* = 13.862944,
// cost = S* (by hand there).
TEST(GeneralNewsvendor, PoissonAndGamma) {
  auto p = compute_general_newsvendor(costs(dist::Poisson{3.0}, 1.0, 4.0));
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p->order_quantity, 4.0);
  EXPECT_NEAR(p->expected_cost, 2.596786558741974, 1e-9);
  auto g = compute_general_newsvendor(costs(dist::Gamma{1.0, 10.0}, 1.0, 3.0));
  ASSERT_TRUE(g.ok());
  EXPECT_NEAR(g->order_quantity, 13.862943611198906, 1e-8);
  EXPECT_NEAR(g->expected_cost, 13.862943611198906, 1e-8);
  // Negative binomial mean 5, sd 3: the optimum is a whole number no dearer than its neighbours.
  const auto nb_in = costs(dist::NegativeBinomial{5.0, 3.0}, 1.0, 2.0);
  auto nb = compute_general_newsvendor(nb_in);
  ASSERT_TRUE(nb.ok());
  EXPECT_EQ(nb->order_quantity, std::floor(nb->order_quantity));
  EXPECT_LE(nb->expected_cost, cost_at(nb_in, *nb, nb->order_quantity + 1.0));
  EXPECT_LE(nb->expected_cost, cost_at(nb_in, *nb, nb->order_quantity - 1.0));
  // A constant: order exactly it, at no cost.
  auto c = compute_general_newsvendor(costs(dist::Constant{7.0}, 1.0, 2.0));
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(c->order_quantity, 7.0);
  EXPECT_DOUBLE_EQ(c->expected_cost, 0.0);
}

// Brute force over levels, independent of the module's loss functions. Lognormal (mean 100, sd 50,
// c_u = 6, c_o = 3): the density exp(-(ln x - mu)^2 / (2 s^2)) / (x s sqrt(2 pi)) integrated by
// Simpson's rule on (0, 2000] for each S on a grid of 0.05. Negative binomial (mean 8, sd 4):
// its pmf built from the recursion P(k + 1) = P(k) (k + r) (1 - p) / (k + 1), summed over every
// outcome for each whole S. Empirical sample: each S among the sample values. In each case the
// cheapest level is the module's S* and costs its C(S*).
TEST(GeneralNewsvendor, BruteForceOverLevels) {
  const double pi = 3.14159265358979323846;
  auto ln = compute_general_newsvendor(costs(dist::Lognormal{100.0, 50.0}, 3.0, 6.0));
  ASSERT_TRUE(ln.ok());
  const double s2 = std::log(1.25), s = std::sqrt(s2), mu = std::log(100.0) - s2 / 2.0;
  double best_level = 0.0, best_cost = 1e300;
  for (double level = 100.0; level <= 120.0; level += 0.05) {
    const int n = 20000;  // even
    const double width = 2000.0 / n;
    double cost = 0.0;
    for (int i = 1; i <= n; ++i) {
      const double x = i * width;
      const double z = (std::log(x) - mu) / s;
      const double density = std::exp(-0.5 * z * z) / (x * s * std::sqrt(2.0 * pi));
      const double weight = i == n ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
      cost += weight * density * (3.0 * std::max(level - x, 0.0) + 6.0 * std::max(x - level, 0.0));
    }
    cost *= width / 3.0;  // the x = 0 end contributes nothing (the density vanishes there)
    if (cost < best_cost) {
      best_cost = cost;
      best_level = level;
    }
  }
  EXPECT_NEAR(best_level, ln->order_quantity, 0.05);
  EXPECT_NEAR(best_cost, ln->expected_cost, 1e-5 * ln->expected_cost);

  auto nb = compute_general_newsvendor(costs(dist::NegativeBinomial{8.0, 4.0}, 1.0, 3.0));
  ASSERT_TRUE(nb.ok()) << describe(nb.problems());
  const double r = 64.0 / (16.0 - 8.0), p = 8.0 / 16.0;
  std::vector<double> pmf(200);
  pmf[0] = std::pow(p, r);
  for (std::size_t k = 0; k + 1 < pmf.size(); ++k) {
    pmf[k + 1] = pmf[k] * (static_cast<double>(k) + r) * (1.0 - p) / (static_cast<double>(k) + 1.0);
  }
  int best = -1;
  best_cost = 1e300;
  for (int level = 0; level <= 40; ++level) {
    double cost = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      const double x = static_cast<double>(k);
      cost += pmf[k] * (std::max(level - x, 0.0) + 3.0 * std::max(x - level, 0.0));
    }
    if (cost < best_cost - 1e-12) {
      best_cost = cost;
      best = level;
    }
  }
  EXPECT_EQ(static_cast<double>(best), nb->order_quantity);
  EXPECT_NEAR(best_cost, nb->expected_cost, 1e-9);

  const std::vector<double> sample = {42, 55, 48, 61, 50, 37, 58, 45, 52, 49};
  auto em = compute_general_newsvendor(costs(dist::Empirical{sample}, 0.18, 0.70));
  ASSERT_TRUE(em.ok());
  best_cost = 1e300;
  double best_value = 0.0;
  for (double level : sample) {
    double cost = 0.0;
    for (double x : sample) cost += (0.18 * std::max(level - x, 0.0) + 0.70 * std::max(x - level, 0.0)) / 10.0;
    if (cost < best_cost - 1e-12 || (std::fabs(cost - best_cost) <= 1e-12 && level < best_value)) {
      best_cost = cost;
      best_value = level;
    }
  }
  EXPECT_EQ(best_value, em->order_quantity);
  EXPECT_NEAR(best_cost, em->expected_cost, 1e-12);
}

TEST(GeneralNewsvendor, InvalidInputIsNamed) {
  auto r = compute_general_newsvendor(prices(dist::Lognormal{-1.0, 1.0}, 3.0, 4.0, 5.0, 0.0));
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "demand/mean");
  EXPECT_EQ(r.problems()[1].path, "salvage_value");
  EXPECT_EQ(r.problems()[2].path, "selling_price");
  auto c = compute_general_newsvendor(costs(dist::Normal{10.0, 1.0}, 0.0, -1.0));
  ASSERT_FALSE(c.ok());
  ASSERT_EQ(c.problems().size(), 2u);
  EXPECT_EQ(c.problems()[0].path, "overage_cost_per_unit");
  auto big = compute_general_newsvendor(costs(dist::Poisson{1e7}, 1.0, 1.0));
  ASSERT_FALSE(big.ok());
  EXPECT_NE(describe(big.problems()).find("too large"), std::string::npos);
}

}  // namespace
}  // namespace echelon
