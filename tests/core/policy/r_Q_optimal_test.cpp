#include "core/policy/r_Q_optimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon {
namespace {

RQOptimalInput normal_instance() {
  // Demand N(10, 3^2) per period, L = 2: X ~ N(20, 18). K = 50, h = 1, b = 10.
  RQOptimalInput in;
  in.demand = {DemandKind::normal, 10.0, 3.0, {}};
  in.lead_time_periods = 2.0;
  in.order_cost_per_order = 50.0;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 10.0;
  return in;
}

RQOptimalInput poisson_instance() {
  // Poisson demand of 2 per period, L = 3: X ~ Poisson(6). K = 20, h = 1, b = 9.
  RQOptimalInput in;
  in.demand = {DemandKind::poisson, 2.0, 0.0, {}};
  in.lead_time_periods = 3.0;
  in.order_cost_per_order = 20.0;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 9.0;
  return in;
}

// --- Independent brute force ----------------------------------------------------------------
// Normal: G(y) = E[h (y - X)^+ + b (X - y)^+] by Simpson's rule on the density over E[X] +/- 10 sd,
// tabulated every 0.025; C(r, Q) = (K lambda + integral of G over (r, r + Q]) / Q by the
// trapezoid rule on that table. Poisson: G(y) summed term by term from the pmf.
struct NormalBrute {
  double lo = -40.0, step = 0.025;
  std::vector<double> g, cdf;
  double k_lambda, h, b;
  NormalBrute(double mean, double sd, double k_lambda_, double h_, double b_) : k_lambda(k_lambda_), h(h_), b(b_) {
    const int n_int = 4000;
    const double a = mean - 10.0 * sd, w = 20.0 * sd / n_int;
    for (int i = 0; i < 6400; ++i) {
      const double y = lo + step * i;
      double e = 0.0, f = 0.0;
      for (int j = 0; j <= n_int; ++j) {
        const double x = a + w * j;
        const double dens = std::exp(-0.5 * (x - mean) * (x - mean) / (sd * sd)) / (sd * 2.5066282746310002);
        const double weight = (j == 0 || j == n_int) ? 1.0 : (j % 2 == 1 ? 4.0 : 2.0);
        e += weight * dens * (y >= x ? h * (y - x) : b * (x - y));
        if (x <= y) f += weight * dens;
      }
      g.push_back(e * w / 3.0);
      cdf.push_back(f * w / 3.0);
    }
  }
  // r and Q on the 0.025 grid.
  double cost(double r, double q) const {
    const long i0 = std::lround((r - lo) / step), n = std::lround(q / step);
    double s = 0.5 * (g[static_cast<std::size_t>(i0)] + g[static_cast<std::size_t>(i0 + n)]);
    for (long i = 1; i < n; ++i) s += g[static_cast<std::size_t>(i0 + i)];
    return (k_lambda + s * step) / q;
  }
};

struct PoissonBrute {
  std::vector<double> pmf;
  double k_lambda, h, b;
  PoissonBrute(double mean, double k_lambda_, double h_, double b_) : k_lambda(k_lambda_), h(h_), b(b_) {
    double t = std::exp(-mean);
    for (int x = 0; x < 200; ++x) {
      pmf.push_back(t);
      t *= mean / (x + 1);
    }
  }
  double g(int y) const {
    double e = 0.0;
    for (int x = 0; x < 200; ++x) e += pmf[static_cast<std::size_t>(x)] * (y >= x ? h * (y - x) : b * (x - y));
    return e;
  }
  double cdf(int y) const {
    double f = 0.0;
    for (int x = 0; x <= y && x < 200; ++x) f += pmf[static_cast<std::size_t>(x)];
    return f;
  }
  double cost(int r, int q) const {
    double s = 0.0;
    for (int y = r + 1; y <= r + q; ++y) s += g(y);
    return (k_lambda + s) / q;
  }
  // Fill rate: the share of unit demands that find stock, (1/Q) sum_{y=r+1}^{r+Q} P(X <= y - 1).
  double fill(int r, int q) const {
    double s = 0.0;
    for (int y = r + 1; y <= r + q; ++y) s += cdf(y - 1);
    return s / q;
  }
};

// EOQ with planned backorders (Snyder & Shen, 2nd ed., section 3.3) is the limit of the (r, Q)
// model as the demand becomes deterministic: Q* = sqrt(2 K lambda (h + b) / (h b)),
// C* = sqrt(2 K lambda h b / (h + b)), with a share h / (h + b) of each cycle in backorder, so
// r* = lambda L - Q* h / (h + b). K = 8, lambda = 1300, h = 0.225, b = 5, L = 0.1:
// Q* = sqrt(2 * 8 * 1300 * 5.225 / 1.125) = 310.8126, C* = sqrt(2 * 8 * 1300 * 1.125 / 5.225)
// = 66.9214, r* = 130 - 310.8126 * 0.225 / 5.225 = 116.6157. The exact cost gets this limit
// (sd 10^-6 per period); the loss-function approximation would not.
TEST(RQOptimal, DeterministicLimitIsEoqWithPlannedBackorders) {
  RQOptimalInput in;
  in.demand = {DemandKind::normal, 1300.0, 1e-6, {}};
  in.lead_time_periods = 0.1;
  in.order_cost_per_order = 8.0;
  in.holding_cost_per_unit_period = 0.225;
  in.backorder_cost_per_unit_period = 5.0;
  auto r = optimize_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const double q = std::sqrt(2.0 * 8.0 * 1300.0 * 5.225 / 1.125);
  EXPECT_NEAR(q, 310.8126, 1e-4);
  EXPECT_NEAR(r->optimal.lot_size_units, q, 1e-4);
  EXPECT_NEAR(r->optimal.cost_per_period, 66.9214, 1e-4);
  EXPECT_NEAR(r->optimal.reorder_point, 116.6157, 1e-4);
}

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 5.1: lambda = 1300,
// sd 150 per year, L = 1/12 year, K = 8, h = 0.225, p = 7.5. The exact cost at the book's rounded
// optimum (126.8, 328.5) is 78.07116250928294, and Example 5.6 solves the same instance by
// Hadley & Whitin's equations Q = sqrt(2 (K lambda + (h + p) G2(r)) / h), G1(r) = h Q / (h + p):
// (126.8670634479628, 328.4491421980451) (both as printed by the book's companion library
// stockpyl, rq.r_q_cost and rq.r_q_loss_function_approximation doctests). Those equations are the
// exact first-order conditions once G2(r + Q) is dropped, and here r + Q lies 8 sd above the
// mean (G2 < 1e-14), so the exact optimum must agree with them to the precision they were solved.
TEST(RQOptimal, SnyderShenExample5_1) {
  RQOptimalInput in;
  in.demand = {DemandKind::normal, 1300.0, 150.0, {}};
  in.lead_time_periods = 1.0 / 12.0;
  in.order_cost_per_order = 8.0;
  in.holding_cost_per_unit_period = 0.225;
  in.backorder_cost_per_unit_period = 7.5;
  auto at = r_Q_policy_cost(in, 126.8, 328.5);
  ASSERT_TRUE(at.ok()) << describe(at.problems());
  EXPECT_NEAR(at->cost_per_period, 78.07116250928294, 1e-8);
  auto r = optimize_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->optimal.reorder_point, 126.8670634479628, 1e-6);
  EXPECT_NEAR(r->optimal.lot_size_units, 328.4491421980451, 1e-6);
  EXPECT_LE(r->optimal.cost_per_period, at->cost_per_period);
  EXPECT_GT(r->optimal.cost_per_period, at->cost_per_period - 1e-4);
}

// Snyder & Shen, 2nd ed., Example 5.8 (Poisson demand, Federgruen & Zheng's algorithm):
// lambda = 1.5, L = 2, h = 20, p = 150, K = 100; optimum (r, Q) = (3, 5) with cost
// 107.92358063314975 (stockpyl, rq.r_q_poisson_exact doctest).
TEST(RQOptimal, SnyderShenExample5_8) {
  RQOptimalInput in;
  in.demand = {DemandKind::poisson, 1.5, 0.0, {}};
  in.lead_time_periods = 2.0;
  in.order_cost_per_order = 100.0;
  in.holding_cost_per_unit_period = 20.0;
  in.backorder_cost_per_unit_period = 150.0;
  auto r = optimize_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->optimal.reorder_point, 3.0);
  EXPECT_EQ(r->optimal.lot_size_units, 5.0);
  EXPECT_NEAR(r->optimal.cost_per_period, 107.92358063314975, 1e-9);
}

// Optimality conditions (Snyder & Shen eq. 5.9; Zipkin 2000, ch. 6): G(r*) = G(r* + Q*) =
// C(r*, Q*) at the optimum, with
// G(y) = h (y - E[X]) + (h + b) G1(y); and the grid brute force finds nothing cheaper.
TEST(RQOptimal, NormalOptimumMeetsConditionsAndBeatsGrid) {
  const RQOptimalInput in = normal_instance();
  auto r = optimize_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const NormalBrute brute(20.0, std::sqrt(18.0), 50.0 * 10.0, 1.0, 10.0);
  const double rs = r->optimal.reorder_point, qs = r->optimal.lot_size_units, c = r->optimal.cost_per_period;
  auto g_at = [&](double y) {  // linear interpolation in the brute-force table
    const double u = (y - brute.lo) / brute.step;
    const auto i = static_cast<std::size_t>(std::floor(u));
    return brute.g[i] + (u - std::floor(u)) * (brute.g[i + 1] - brute.g[i]);
  };
  EXPECT_NEAR(g_at(rs), c, 1e-4);
  EXPECT_NEAR(g_at(rs + qs), c, 1e-4);
  // The module's cost agrees with the independent one on grid points, to the trapezoid rule's
  // error: step^2 / 12 * max G'' = 0.025^2 / 12 * (h + b) / (sd sqrt(2 pi)) = 5.4e-5.
  for (double rr : {10.0, 17.5, 24.0}) {
    for (double qq : {20.0, 35.0, 50.0}) {
      EXPECT_NEAR(r_Q_policy_cost(in, rr, qq)->cost_per_period, brute.cost(rr, qq), 6e-5) << rr << ", " << qq;
    }
  }
  double best = 1e300;
  for (double rr = std::round(rs) - 3.0; rr <= std::round(rs) + 3.0; rr += 0.05) {
    for (double qq = std::round(qs) - 4.0; qq <= std::round(qs) + 4.0; qq += 0.05) best = std::min(best, brute.cost(rr, qq));
  }
  EXPECT_LE(c, best + 1e-6);
  EXPECT_GT(c, best - 1e-3);  // the grid's best is within its resolution of the optimum
  EXPECT_NEAR(r->optimal.ordering_cost_per_period + r->optimal.holding_cost_per_period +
                  r->optimal.backorder_cost_per_period, c, 1e-10);
}

// Poisson demand: Federgruen & Zheng's answer equals the best of every r in [-10, 40] and
// Q in [1, 60] by direct summation.
TEST(RQOptimal, PoissonMatchesBruteForce) {
  const RQOptimalInput in = poisson_instance();
  auto r = optimize_r_Q(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_TRUE(r->whole_units);
  const PoissonBrute brute(6.0, 40.0, 1.0, 9.0);
  double best = 1e300;
  int br = 0, bq = 0;
  for (int rr = -10; rr <= 40; ++rr) {
    for (int qq = 1; qq <= 60; ++qq) {
      const double c = brute.cost(rr, qq);
      if (c < best - 1e-12) {
        best = c;
        br = rr;
        bq = qq;
      }
    }
  }
  EXPECT_NEAR(r->optimal.cost_per_period, best, 1e-9);
  EXPECT_EQ(r->optimal.reorder_point, br);
  EXPECT_EQ(r->optimal.lot_size_units, bq);
  EXPECT_NEAR(r_Q_policy_cost(in, 3.0, 17.0)->cost_per_period, brute.cost(3, 17), 1e-9);
}

// Service targets on Poisson demand, against the brute force restricted to feasible points:
// type 1 P(X <= r) >= 0.95, type 2 fill rate >= 0.98, each with b = 9 and with b = 0.
TEST(RQOptimal, PoissonServiceTargetsMatchBruteForce) {
  for (double b : {9.0, 0.0}) {
    for (RQServiceConstraint kind : {RQServiceConstraint::cycle_service_level, RQServiceConstraint::fill_rate}) {
      RQOptimalInput in = poisson_instance();
      in.backorder_cost_per_unit_period = b;
      in.constraint = kind;
      in.service_target = kind == RQServiceConstraint::fill_rate ? 0.98 : 0.95;
      auto r = optimize_r_Q(in);
      ASSERT_TRUE(r.ok()) << describe(r.problems());
      const PoissonBrute brute(6.0, 40.0, 1.0, b);
      double best = 1e300;
      for (int rr = -10; rr <= 40; ++rr) {
        for (int qq = 1; qq <= 80; ++qq) {
          const bool ok = kind == RQServiceConstraint::fill_rate ? brute.fill(rr, qq) >= 0.98 : brute.cdf(rr) >= 0.95;
          if (ok) best = std::min(best, brute.cost(rr, qq));
        }
      }
      EXPECT_NEAR(r->optimal.cost_per_period, best, 1e-9) << "b " << b << " kind " << static_cast<int>(kind);
      if (kind == RQServiceConstraint::fill_rate) EXPECT_GE(r->optimal.fill_rate, 0.98);
      else EXPECT_GE(r->optimal.cycle_service_level, 0.95);
    }
  }
}

// Service targets on normal demand: feasible, and no feasible grid point (step 0.05, around the
// optimum) is cheaper; the grid's best is within its resolution (0.05 in r costs at most ~0.1).
TEST(RQOptimal, NormalServiceTargetsBeatGrid) {
  for (double b : {10.0, 0.0}) {
    for (RQServiceConstraint kind : {RQServiceConstraint::cycle_service_level, RQServiceConstraint::fill_rate}) {
      RQOptimalInput in = normal_instance();
      in.backorder_cost_per_unit_period = b;
      in.constraint = kind;
      in.service_target = 0.99;
      auto r = optimize_r_Q(in);
      ASSERT_TRUE(r.ok()) << describe(r.problems());
      const double target_slack = 1e-9;
      if (kind == RQServiceConstraint::fill_rate) EXPECT_GE(r->optimal.fill_rate, 0.99 - target_slack);
      else EXPECT_GE(r->optimal.cycle_service_level, 0.99 - target_slack);
      double best = 1e300;
      const double r0 = std::round(r->optimal.reorder_point), q0 = std::round(r->optimal.lot_size_units);
      for (double rr = r0 - 3.0; rr <= r0 + 3.0; rr += 0.05) {
        for (double qq = q0 - 10.0; qq <= q0 + 10.0; qq += 0.05) {
          auto c = r_Q_policy_cost(in, rr, qq);
          const bool ok = kind == RQServiceConstraint::fill_rate ? c->fill_rate >= 0.99 : c->cycle_service_level >= 0.99;
          if (ok) best = std::min(best, c->cost_per_period);
        }
      }
      EXPECT_LE(r->optimal.cost_per_period, best + 1e-9) << "b " << b << " kind " << static_cast<int>(kind);
      EXPECT_GT(r->optimal.cost_per_period, best - 0.1);
    }
  }
}

TEST(RQOptimal, RejectsBadInput) {
  RQOptimalInput in = normal_instance();
  in.demand.kind = DemandKind::gamma;
  in.order_cost_per_order = 0.0;
  in.backorder_cost_per_unit_period = 0.0;
  auto r = optimize_r_Q(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "demand/kind");
  EXPECT_EQ(r.problems()[1].path, "order_cost_per_order");
  EXPECT_EQ(r.problems()[2].path, "backorder_cost_per_unit_period");
  RQOptimalInput target = poisson_instance();
  target.constraint = RQServiceConstraint::fill_rate;
  target.service_target = 1.0;
  EXPECT_EQ(optimize_r_Q(target).problems().at(0).path, "service_target");
  EXPECT_FALSE(r_Q_policy_cost(poisson_instance(), 2.5, 10.0).ok());
}

}  // namespace
}  // namespace echelon
