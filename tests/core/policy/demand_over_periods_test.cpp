#include "core/policy/demand_over_periods.h"

#include <gtest/gtest.h>

namespace echelon {
namespace {

// Poisson(2) a period over 3 periods is Poisson(6): P(X <= 9) = 0.9161, P(X <= 10) = 0.9574
// (e^-6 sum 6^k / k!, k = 0..10), so the 95% level is 10 and the 90% level 9.
TEST(DemandOverPeriods, PoissonSumsArePoisson) {
  EXPECT_EQ(demand_quantile_over_periods(dist::Poisson{2.0}, 3.0, 0.95).value(), 10.0);
  EXPECT_EQ(demand_quantile_over_periods(dist::Poisson{2.0}, 3.0, 0.90).value(), 9.0);
}

// A period sells 0 units with probability 3/4 and 4 with 1/4 (sample {0, 0, 0, 4}). Over two
// periods: 0 w.p. 9/16, 4 w.p. 6/16, 8 w.p. 1/16, so P(X <= 4) = 15/16 = 0.9375: the 90% level
// is 4 and the 95% level is 8, where the normal with the same moments (mean 2, sd sqrt(6)) would
// say 2 + 1.645 * 2.449 = 6.03.
TEST(DemandOverPeriods, AnIntermittentSampleIsConvolvedExactly) {
  const dist::Empirical sample{{0.0, 0.0, 0.0, 4.0}};
  EXPECT_EQ(demand_quantile_over_periods(sample, 2.0, 0.90).value(), 4.0);
  EXPECT_EQ(demand_quantile_over_periods(sample, 2.0, 0.95).value(), 8.0);
}

// 1.5 periods: half the time one period (P(X <= 4) = 1), half two (15/16): 0.96875 at 4.
TEST(DemandOverPeriods, AFractionOfAPeriodIsAMixtureOfTheWholePeriodsAround) {
  const dist::Empirical sample{{0.0, 0.0, 0.0, 4.0}};
  EXPECT_EQ(demand_quantile_over_periods(sample, 1.5, 0.96).value(), 4.0);
  EXPECT_EQ(demand_quantile_over_periods(sample, 1.5, 0.97).value(), 8.0);
}

// Gamma(shape 2, scale 1) over 2 periods is Gamma(4, 1) = chi-square(8) / 2; its 95% point is
// 15.5073 / 2 = 7.7537 (chi-square table). The grid moves mass up, so the level is at or above
// it, by less than 2 grid widths (range / 255 each).
TEST(DemandOverPeriods, GammaOnTheGridIsAtOrJustAboveTheExactQuantile) {
  const double level = demand_quantile_over_periods(dist::Gamma{2.0, 1.0}, 2.0, 0.95).value();
  EXPECT_GE(level, 7.7537 - 1e-3);
  EXPECT_LE(level, 7.7537 + 0.35);
}

// Normal(10, 3) over 4 periods: 40 + 1.644854 * 6 = 49.8691.
TEST(DemandOverPeriods, NormalIsClosedForm) {
  EXPECT_NEAR(demand_quantile_over_periods(dist::Normal{10.0, 3.0}, 4.0, 0.95).value(), 49.8691, 1e-3);
}

// Negative binomial with mean 2 and sd 2 (r = 4 / (4 - 2) = 2, p = 1/2) over 2 periods is
// NB(r = 4, p = 1/2): P(X = k) = C(k + 3, 3) / 2^(k + 4); P(X <= 8) = 0.9270, P(X <= 9) = 0.9539.
TEST(DemandOverPeriods, NegativeBinomialSums) {
  EXPECT_EQ(demand_quantile_over_periods(dist::NegativeBinomial{2.0, 2.0}, 2.0, 0.95).value(), 9.0);
}

TEST(DemandOverPeriods, ConstantDemandAndBadInput) {
  EXPECT_EQ(demand_quantile_over_periods(dist::Constant{3.0}, 2.0, 0.95).value(), 6.0);
  EXPECT_FALSE(demand_quantile_over_periods(dist::Poisson{2.0}, -1.0, 0.95).ok());
  EXPECT_FALSE(demand_quantile_over_periods(dist::Poisson{2.0}, 2.0, 1.0).ok());
  EXPECT_FALSE(demand_quantile_over_periods(dist::Empirical{{-1.0, 2.0}}, 2.0, 0.9).ok());
}

}  // namespace
}  // namespace echelon
