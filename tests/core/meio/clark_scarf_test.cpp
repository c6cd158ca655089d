#include "core/meio/clark_scarf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

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
  EXPECT_NEAR(r->echelon_base_stock[0], 6.49, 0.005);
  EXPECT_NEAR(r->echelon_base_stock[1], 12.02, 0.005);
  EXPECT_NEAR(r->echelon_base_stock[2], 22.71, 0.005);
  EXPECT_NEAR(r->expected_cost_per_period, 47.66, 0.005);
  EXPECT_NEAR(r->local_base_stock[1], r->echelon_base_stock[1] - r->echelon_base_stock[0], 1e-12);
  // A grid twice as fine moves nothing by more than 1e-9 relative: the default grid has converged
  // far beyond the 1e-6 the levels are promised to.
  sys.grid_points_per_sd = 12;
  auto fine = optimize_serial_base_stock(sys);
  ASSERT_TRUE(fine.ok());
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(fine->echelon_base_stock[j], r->echelon_base_stock[j], 1e-9 * r->echelon_base_stock[j]);
  EXPECT_NEAR(fine->expected_cost_per_period, r->expected_cost_per_period, 1e-9 * r->expected_cost_per_period);
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
  EXPECT_NEAR(r->echelon_base_stock[0], 40.0 + 4.0 * z, 1e-10);
  EXPECT_NEAR(r->expected_cost_per_period, 10.0 * 4.0 * stats::standard_normal_pdf(z), 1e-10);
}

// --- Two stages by brute force ---------------------------------------------------------------
// The cost of echelon base-stock levels (y0, y1) of a two-stage line (Chen & Zheng 1994):
//   C(y0, y1) = h1 (y1 - E[D1]) + E[ C0(min(y0, y1 - D1)) ],
//   C0(y) = h0 (y - E[D0]) + (p + h0 + h1) E[(D0 - y)^+],
// evaluated here directly: normal demand by Simpson's rule on 4000 panels either side of the kink
// at D1 = y1 - y0, Poisson demand by summing the pmf. The levels are then searched independently.
double c0_normal(double y, double m0, double s0, double h0, double php) {
  const double loss = s0 > 0.0 ? stats::normal_loss(y, m0, s0) : std::max(m0 - y, 0.0);
  return h0 * (y - m0) + php * loss;
}

double two_stage_normal_cost(double y0, double y1, double mu, double sd, double l0, double l1, double h0,
                             double h1, double p) {
  const double m0 = mu * l0, s0 = sd * std::sqrt(l0), m1 = mu * l1, s1 = sd * std::sqrt(l1);
  const double php = p + h0 + h1;
  auto f = [&](double d) {
    const double x = y1 - d;
    const double dens = std::exp(-0.5 * (d - m1) * (d - m1) / (s1 * s1)) / (s1 * 2.5066282746310002);
    return dens * c0_normal(std::min(y0, x), m0, s0, h0, php);
  };
  auto simpson = [&](double a, double b) {
    if (!(b > a)) return 0.0;
    const int n = 4000;
    const double w = (b - a) / n;
    double s = f(a) + f(b);
    for (int i = 1; i < n; ++i) s += (i % 2 == 1 ? 4.0 : 2.0) * f(a + w * i);
    return s * w / 3.0;
  };
  const double lo = m1 - 12.0 * s1, hi = m1 + 12.0 * s1, kink = std::clamp(y1 - y0, lo, hi);
  return h1 * (y1 - m1) + simpson(lo, kink) + simpson(kink, hi);
}

void check_two_stage_normal(double l0, double l1) {
  const double mu = 4.0, sd = 1.5, h0 = 2.0, h1 = 1.0, p = 20.0;
  SerialSystem sys;
  sys.stages = {{h0, l0}, {h1, l1}};
  sys.backorder_cost_per_unit_period = p;
  sys.demand_mean_per_period = mu;
  sys.demand_sd_per_period = sd;
  auto r = optimize_serial_base_stock(sys);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const double y0 = r->echelon_base_stock[0], y1 = r->echelon_base_stock[1];
  auto cost = [&](double a, double b) { return two_stage_normal_cost(a, b, mu, sd, l0, l1, h0, h1, p); };
  const double c = cost(y0, y1);
  EXPECT_NEAR(r->expected_cost_per_period, c, 1e-9 * c);
  // No point of a grid around the optimum (steps 0.02) is cheaper.
  for (int a = -5; a <= 5; ++a) {
    for (int b = -5; b <= 5; ++b) EXPECT_GE(cost(y0 + 0.02 * a, y1 + 0.02 * b), c - 1e-12) << a << ", " << b;
  }
  // The stationary point in y1 by the brute-force cost: a central difference of step 1e-3 is
  // zero at the optimum to within its truncation error.
  const double slope = (cost(y0, y1 + 1e-3) - cost(y0, y1 - 1e-3)) / 2e-3;
  EXPECT_NEAR(slope, 0.0, 1e-6);
}

TEST(ClarkScarf, TwoStagesNormalMatchBruteForce) {
  check_two_stage_normal(1.0, 1.0);
  check_two_stage_normal(0.0, 2.0);  // the customer-facing stage has no lead time
  check_two_stage_normal(2.5, 0.5);
}

// Poisson demand 3 per period, lead times 1 and 2, h = 1.5, 0.5, p = 12: every pair of levels in
// a box around the optimum is evaluated by summation; the module's levels and cost are its best.
TEST(ClarkScarf, TwoStagesPoissonMatchBruteForce) {
  const double lambda = 3.0, h0 = 1.5, h1 = 0.5, p = 12.0, php = p + h0 + h1;
  SerialSystem sys;
  sys.stages = {{h0, 1.0}, {h1, 2.0}};
  sys.backorder_cost_per_unit_period = p;
  sys.demand_mean_per_period = lambda;
  sys.demand_kind = SerialDemandKind::poisson;
  auto r = optimize_serial_base_stock(sys);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  auto pmf = [](double mean) {
    std::vector<double> out;
    double t = std::exp(-mean);
    for (int k = 0; k < 80; ++k) {
      out.push_back(t);
      t *= mean / (k + 1);
    }
    return out;
  };
  const std::vector<double> p0 = pmf(lambda * 1.0), p1 = pmf(lambda * 2.0);
  auto c0 = [&](int y) {
    double e = 0.0;
    for (int d = 0; d < 80; ++d) e += p0[static_cast<std::size_t>(d)] * (h0 * (y - d) + php * std::max(d - y, 0));
    return e;
  };
  auto cost = [&](int y0, int y1) {
    double e = 0.0;
    for (int d = 0; d < 80; ++d) e += p1[static_cast<std::size_t>(d)] * (h1 * (y1 - d) + c0(std::min(y0, y1 - d)));
    return e;
  };
  double best = 1e300;
  int b0 = 0, b1 = 0;
  for (int y0 = -2; y0 <= 15; ++y0) {
    for (int y1 = y0; y1 <= 25; ++y1) {
      const double c = cost(y0, y1);
      if (c < best - 1e-12) {
        best = c;
        b0 = y0;
        b1 = y1;
      }
    }
  }
  EXPECT_EQ(r->echelon_base_stock[0], b0);
  EXPECT_EQ(r->echelon_base_stock[1], b1);
  EXPECT_NEAR(r->expected_cost_per_period, best, 1e-10);
}

// A single Poisson stage is the discrete newsvendor: S* is the smallest S with
// P(D_L <= S) >= p / (p + h). h = 1, p = 9, L = 2, Poisson(2 * 4 = 8): P(X <= 11) = 0.888,
// P(X <= 12) = 0.936 (Poisson tables), so S* = 12.
TEST(ClarkScarf, SinglePoissonStageIsDiscreteNewsvendor) {
  SerialSystem sys;
  sys.stages = {{1.0, 2.0}};
  sys.backorder_cost_per_unit_period = 9.0;
  sys.demand_mean_per_period = 4.0;
  sys.demand_kind = SerialDemandKind::poisson;
  auto r = optimize_serial_base_stock(sys);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->echelon_base_stock[0], 12.0);
  EXPECT_NEAR(stats::poisson_cdf(11, 8.0), 0.888, 5e-4);
  EXPECT_NEAR(stats::poisson_cdf(12, 8.0), 0.936, 5e-4);
}

// Twenty stages: the levels rise with the echelon lead time, and the work stays small.
TEST(ClarkScarf, TwentyStages) {
  for (SerialDemandKind kind : {SerialDemandKind::normal, SerialDemandKind::poisson}) {
    SerialSystem sys;
    for (int j = 0; j < 20; ++j) sys.stages.push_back({0.5 + 0.05 * j, 1.0});
    sys.backorder_cost_per_unit_period = 50.0;
    sys.demand_mean_per_period = 16.0;
    sys.demand_sd_per_period = 4.0;
    sys.demand_kind = kind;
    auto r = optimize_serial_base_stock(sys);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    for (int j = 1; j < 20; ++j) EXPECT_GT(r->echelon_base_stock[j], r->echelon_base_stock[j - 1]);
    EXPECT_LT(r->work_products, 20000000);
  }
}

// Shang & Song, "Newsvendor bounds and heuristic for optimal policies in serial supply chains",
// Management Science 49(5), 2003: with H_j = h_j + ... + h_N (the installation holding cost of
// stage j) and D~_j the demand over L_1 + ... + L_j, the optimal echelon level S*_j lies between
// the newsvendor fractiles of D~_j at the ratios (p + H_{j+1}) / (p + H_1) (lower) and
// (p + H_{j+1}) / (p + H_j) (upper), which coincide for stage 1 (there S*_1 is that newsvendor);
// their heuristic, the mean of the two, was within 1.5% of S*_j on their whole test bed. Checked
// on Snyder & Shen's Example 6.1, where by hand the bounds are 6.4889 (both), [11.71, 12.35],
// [22.00, 23.27] and the heuristic 12.03 and 22.64 against 12.02 and 22.71; on a five-stage
// normal line; and on a four-stage Poisson line (fractiles on the integers).
TEST(ClarkScarf, ShangSongNewsvendorBounds) {
  struct Line {
    std::vector<SerialStage> stages;
    double p, mean, sd;
    bool poisson;
  };
  const std::vector<Line> lines = {
      {{{3.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}}, 37.12, 5.0, 1.0, false},
      {{{1.0, 1.0}, {0.8, 2.0}, {0.6, 1.0}, {0.4, 3.0}, {0.2, 1.0}}, 20.0, 10.0, 3.0, false},
      {{{2.0, 1.0}, {1.0, 1.0}, {1.0, 2.0}, {0.5, 1.0}}, 19.0, 4.0, 0.0, true},
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const Line& line = lines[n];
    SerialSystem sys;
    sys.stages = line.stages;
    sys.backorder_cost_per_unit_period = line.p;
    sys.demand_mean_per_period = line.mean;
    sys.demand_sd_per_period = line.sd;
    sys.demand_kind = line.poisson ? SerialDemandKind::poisson : SerialDemandKind::normal;
    auto r = optimize_serial_base_stock(sys);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    const std::size_t stages = line.stages.size();
    std::vector<double> installation(stages + 1, 0.0);  // H_j, with H_{N+1} = 0
    for (std::size_t j = stages; j-- > 0;) {
      installation[j] = installation[j + 1] + line.stages[j].echelon_holding_cost_per_unit_period;
    }
    double lead = 0.0;
    for (std::size_t j = 0; j < stages; ++j) {
      lead += line.stages[j].lead_time_periods;
      const double low_ratio = (line.p + installation[j + 1]) / (line.p + installation[0]);
      const double high_ratio = (line.p + installation[j + 1]) / (line.p + installation[j]);
      double low = 0.0, high = 0.0;
      if (line.poisson) {
        const stats::DiscreteDistribution d = stats::poisson_distribution(line.mean * lead);
        low = static_cast<double>(stats::discrete_quantile(d, low_ratio));
        high = static_cast<double>(stats::discrete_quantile(d, high_ratio));
      } else {
        low = stats::normal_quantile(low_ratio, line.mean * lead, line.sd * std::sqrt(lead));
        high = stats::normal_quantile(high_ratio, line.mean * lead, line.sd * std::sqrt(lead));
      }
      const double level = r->echelon_base_stock[j];
      EXPECT_GE(level, low - 1e-6) << "line " << n << ", stage " << j + 1;
      EXPECT_LE(level, high + 1e-6) << "line " << n << ", stage " << j + 1;
      if (j == 0) {
        EXPECT_NEAR(level, low, 1e-6) << "line " << n;
      }
      if (!line.poisson) {
        EXPECT_NEAR((low + high) / 2.0, level, 0.015 * level) << "line " << n << ", stage " << j + 1;
      }
    }
  }
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
  // A lead time so short against the others that the grid would be enormous is refused.
  SerialSystem big;
  big.stages = {{1.0, 1e-12}, {1.0, 100.0}};
  big.backorder_cost_per_unit_period = 5.0;
  big.demand_mean_per_period = 10.0;
  big.demand_sd_per_period = 1.0;
  auto r = optimize_serial_base_stock(big);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems()[0].message.find("too large"), std::string::npos);
}

}  // namespace
}  // namespace echelon
