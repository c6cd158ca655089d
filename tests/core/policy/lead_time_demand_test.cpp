#include "core/policy/lead_time_demand.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

LeadTimeDemandInput normal_input() {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.lead_time = {5.0, 1.0, {}};
  in.review_period_periods = 1.0;
  return in;
}

// Silver, Pyke & Thomas eq. (6.x) moments, by hand: E[X] = 6 * 100 = 600,
// Var[X] = 6 * 400 + 100^2 * 1 = 12,400 (coefficient of variation 0.19: the normal).
TEST(LeadTimeDemand, MomentsAndNormalByDefault) {
  auto x = compute_lead_time_demand(normal_input());
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::normal);
  EXPECT_EQ(x->reason, ModelReason::normal_default);
  EXPECT_DOUBLE_EQ(x->mean, 600.0);
  EXPECT_DOUBLE_EQ(x->variance, 12400.0);
  EXPECT_DOUBLE_EQ(x->variance_from_demand, 2400.0);
  EXPECT_DOUBLE_EQ(x->variance_from_lead_time, 10000.0);
  EXPECT_NEAR(cdf(*x, 600.0), 0.5, 1e-15);
  EXPECT_NEAR(quantile(*x, 0.95), 600.0 + 1.6448536269514722 * std::sqrt(12400.0), 1e-9);
}

// Poisson(2) per period, constant lead time 3, review 1: X is Poisson(8) exactly.
// P(X <= 8) = sum e^-8 8^k / k! = 0.5925473414375914 (by hand).
TEST(LeadTimeDemand, PoissonWithConstantLeadTimeIsPoisson) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::poisson, 2.0, 0.0, {}};
  in.lead_time = {3.0, 0.0, {}};
  in.review_period_periods = 1.0;
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_EQ(x->reason, ModelReason::discrete_demand);
  EXPECT_NEAR(cdf(*x, 8.0), 0.5925473414375914, 1e-12);
  EXPECT_NEAR(x->mean, 8.0, 1e-9);
  EXPECT_NEAR(x->variance, 8.0, 1e-8);
}

// Poisson(1.5) per period, lead time 2 or 4 with probability 1/2 each: X is the mixture
// 0.5 Poisson(3) + 0.5 Poisson(6). By hand: P(X <= 4) = 0.5501598724202017,
// E[(X - 5)^+] = 0.8263398805977181; Var[X] = E[L] 1.5 + 1.5^2 Var[L] = 4.5 + 2.25 = 6.75.
TEST(LeadTimeDemand, PoissonWithDiscreteLeadTimeIsAMixture) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::poisson, 1.5, 0.0, {}};
  in.lead_time.points = {{2.0, 0.5}, {4.0, 0.5}};
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_NEAR(cdf(*x, 4.0), 0.5501598724202017, 1e-12);
  EXPECT_NEAR(loss(*x, 5.0), 0.8263398805977181, 1e-10);
  EXPECT_NEAR(x->mean, 4.5, 1e-9);
  EXPECT_NEAR(x->variance, 6.75, 1e-8);
}

// Empirical demand P(0,1,2) = (0.5, 0.3, 0.2), lead time 2: the convolution by hand is
// (0.25, 0.30, 0.29, 0.12, 0.04).
TEST(LeadTimeDemand, EmpiricalDemandIsConvolved) {
  LeadTimeDemandInput in;
  in.demand.kind = DemandKind::empirical;
  in.demand.probabilities = {0.5, 0.3, 0.2};
  in.lead_time = {2.0, 0.0, {}};
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  ASSERT_EQ(x->discrete.pmf.size(), 5u);
  const double expected[] = {0.25, 0.30, 0.29, 0.12, 0.04};
  for (int k = 0; k < 5; ++k) EXPECT_NEAR(x->discrete.pmf[static_cast<std::size_t>(k)], expected[k], 1e-15);
  EXPECT_NEAR(x->mean, 1.4, 1e-14);
}

// Negative binomial per period with mean 2 and variance 6 (r = 1, p = 1/3); lead time 2, review 1:
// the sum of 3 periods is NB(3, 1/3), mean 6, variance 18, P(0) = (1/3)^3.
TEST(LeadTimeDemand, NegativeBinomialSumStaysInFamily) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::negative_binomial, 2.0, std::sqrt(6.0), {}};
  in.lead_time = {2.0, 0.0, {}};
  in.review_period_periods = 1.0;
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_NEAR(x->discrete.pmf[0], 1.0 / 27.0, 1e-12);  // the truncated 1e-12 tail is renormalised
  EXPECT_NEAR(x->mean, 6.0, 1e-9);
  EXPECT_NEAR(x->variance, 18.0, 1e-7);
}

// Poisson(1) demand, lead time mean 3 and sd 1 without a table: the two points 2 and 4.
// By hand: P(X <= 3) = 0.5 P(Poisson(2) <= 3) + 0.5 P(Poisson(4) <= 3) = 0.6452967904326279.
TEST(LeadTimeDemand, ContinuousLeadTimeBecomesTwoPoints) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::poisson, 1.0, 0.0, {}};
  in.lead_time = {3.0, 1.0, {}};
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_NEAR(cdf(*x, 3.0), 0.6452967904326279, 1e-12);
  EXPECT_NEAR(x->variance, 4.0, 1e-8);  // 3 * 1 + 1^2 * 1
  EXPECT_FALSE(x->warnings.empty());
}

// A slow mover given as normal(0.5, 0.8): E[X] = 5 * 0.5 = 2.5 < 10 units, so the rule switches
// to counts: variance 0.64 > mean 0.5 gives a negative binomial with the same two moments.
TEST(LeadTimeDemand, SlowMoverSwitchesToDiscreteWithWarning) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::normal, 0.5, 0.8, {}};
  in.lead_time = {4.0, 0.0, {}};
  in.review_period_periods = 1.0;
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_EQ(x->reason, ModelReason::slow_mover);
  EXPECT_FALSE(x->warnings.empty());
  EXPECT_NEAR(x->mean, 2.5, 1e-9);
  EXPECT_NEAR(x->variance, 5.0 * 0.64, 1e-7);

  in.model = LeadTimeDemandModel::normal;  // forced: kept, but warned about
  auto forced = compute_lead_time_demand(in);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->model, LeadTimeDemandModel::normal);
  EXPECT_EQ(forced->reason, ModelReason::forced);
  EXPECT_FALSE(forced->warnings.empty());
}

// normal(10, 20), lead time 2: E[X] = 20, sd[X] = sqrt(2 * 400) = 28.3, cv 1.41 > 0.5: gamma with
// shape = 400 / 800 = 0.5, scale = 800 / 20 = 40.
TEST(LeadTimeDemand, HighVariabilityUsesGamma) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::normal, 10.0, 20.0, {}};
  in.lead_time = {2.0, 0.0, {}};
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->model, LeadTimeDemandModel::gamma);
  EXPECT_EQ(x->reason, ModelReason::high_variability);
  EXPECT_NEAR(x->gamma.shape, 0.5, 1e-14);
  EXPECT_NEAR(x->gamma.scale, 40.0, 1e-12);

  in.demand.kind = DemandKind::gamma;
  in.demand.sd_units_per_period = 2.0;
  auto g = compute_lead_time_demand(in);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->reason, ModelReason::gamma_demand);
}

TEST(LeadTimeDemand, NoUncertaintyIsAPointMass) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::normal, 40.0, 0.0, {}};
  in.lead_time = {2.0, 0.0, {}};
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->reason, ModelReason::no_uncertainty);
  EXPECT_EQ(cdf(*x, 79.9), 0.0);
  EXPECT_EQ(cdf(*x, 80.0), 1.0);
  EXPECT_EQ(loss(*x, 70.0), 10.0);
  EXPECT_EQ(quantile(*x, 0.99), 80.0);
}

// The interval averages equal direct averages: a fine midpoint rule for the continuous models
// and plain sums over the integers for the discrete one.
TEST(LeadTimeDemand, IntervalAveragesMatchDirectAverages) {
  auto normal = compute_lead_time_demand(normal_input());
  ASSERT_TRUE(normal.ok());
  const double lo = 550.0, hi = 750.0;
  const int n = 20000;
  double f = 0.0, g = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = lo + (hi - lo) * (i + 0.5) / n;
    f += cdf(*normal, u) / n;
    g += loss(*normal, u) / n;
  }
  EXPECT_NEAR(mean_cdf_over(*normal, lo, hi), f, 1e-7);
  EXPECT_NEAR(mean_loss_over(*normal, lo, hi), g, 1e-6);

  LeadTimeDemandInput in;
  in.demand = {DemandKind::poisson, 1.5, 0.0, {}};
  in.lead_time.points = {{2.0, 0.5}, {4.0, 0.5}};
  auto d = compute_lead_time_demand(in);
  ASSERT_TRUE(d.ok());
  double fd = 0.0, gd = 0.0;
  for (int u = -1; u <= 6; ++u) {  // {lo + 1, ..., hi} with lo = -2, hi = 6
    fd += cdf(*d, u) / 8.0;
    gd += loss(*d, u) / 8.0;
  }
  EXPECT_NEAR(mean_cdf_over(*d, -2.0, 6.0), fd, 1e-12);
  EXPECT_NEAR(mean_loss_over(*d, -2.0, 6.0), gd, 1e-12);
}

TEST(LeadTimeDemand, EveryInvalidFieldIsNamed) {
  LeadTimeDemandInput in;
  in.demand = {DemandKind::negative_binomial, 4.0, 1.0, {}};  // variance 1 < mean 4
  in.lead_time.points = {{2.0, 0.5}, {-1.0, 0.3}};             // negative time, sum 0.8
  in.review_period_periods = -1.0;
  auto x = compute_lead_time_demand(in);
  ASSERT_FALSE(x.ok());
  ASSERT_EQ(x.problems().size(), 4u);
  EXPECT_EQ(x.problems()[0].path, "demand.sd_units_per_period");
  EXPECT_EQ(x.problems()[1].path, "lead_time.points/1/periods");
  EXPECT_EQ(x.problems()[2].path, "lead_time.points");
  EXPECT_EQ(x.problems()[3].path, "review_period_periods");

  LeadTimeDemandInput empirical;
  empirical.demand.kind = DemandKind::empirical;
  empirical.demand.probabilities = {0.5, -0.1};
  EXPECT_FALSE(compute_lead_time_demand(empirical).ok());
  // An empirical table with a fractional lead time cannot be convolved exactly when forced.
  empirical.demand.probabilities = {0.5, 0.5};
  empirical.lead_time = {1.5, 0.0, {}};
  empirical.model = LeadTimeDemandModel::discrete_exact;
  EXPECT_FALSE(compute_lead_time_demand(empirical).ok());
}

}  // namespace
}  // namespace echelon

namespace echelon {
namespace {

// Counts with mean 10 and sd 3,000 a period (negative binomial r = 100 / (9e6 - 10), about
// 1.1e-5, so L ~ Gamma(r, 9e5)): P(X > x) is about r e^(-x/9e5) / (x/9e5), below 1e-12 only past
// some 1.4e7 units, beyond the 2e6 a table may hold. The automatic rule then takes the gamma with
// the same moments, says so, and answers at once.
TEST(LeadTimeDemandOverdispersed, TooLongATailFallsBackToTheGamma) {
  LeadTimeDemandInput in;
  in.demand.kind = DemandKind::negative_binomial;
  in.demand.mean_units_per_period = 10.0;
  in.demand.sd_units_per_period = 3000.0;
  in.lead_time.mean_periods = 2.0;
  auto x = compute_lead_time_demand(in);
  ASSERT_TRUE(x.ok()) << describe(x.problems());
  EXPECT_EQ(x->model, LeadTimeDemandModel::gamma);
  EXPECT_NEAR(x->mean, 20.0, 1e-9);
  EXPECT_NEAR(x->variance, 2.0 * 9e6, 1e-3);  // E[L] Var[D]
  EXPECT_FALSE(x->warnings.empty());
  // Forced, the exact model is refused with the reason.
  in.model = LeadTimeDemandModel::discrete_exact;
  EXPECT_FALSE(compute_lead_time_demand(in).ok());
}

}  // namespace
}  // namespace echelon
