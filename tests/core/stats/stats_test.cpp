#include "core/stats/stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::stats {
namespace {

// Reference values: Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.1, and
// the usual table of standard normal quantiles.
TEST(StandardNormal, CdfAtKnownPoints) {
  EXPECT_DOUBLE_EQ(standard_normal_cdf(0.0), 0.5);
  EXPECT_NEAR(standard_normal_cdf(1.0), 0.841344746068543, 1e-15);
  EXPECT_NEAR(standard_normal_cdf(-1.96), 0.024997895148220, 1e-15);
}

TEST(StandardNormal, QuantileAtKnownPoints) {
  EXPECT_NEAR(standard_normal_quantile(0.95), 1.6448536269514722, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(standard_normal_quantile(0.001), -3.090232306167814, 1e-12);
}

TEST(StandardNormal, QuantileOutsideOpenUnitIntervalIsNaN) {
  EXPECT_TRUE(std::isnan(standard_normal_quantile(0.0)));
  EXPECT_TRUE(std::isnan(standard_normal_quantile(1.0)));
  EXPECT_TRUE(std::isnan(standard_normal_quantile(-0.2)));
  EXPECT_TRUE(std::isnan(standard_normal_quantile(std::nan(""))));
}

// L(0) = phi(0) = 1/sqrt(2 pi); L(1) from Silver, Pyke & Thomas table B.1 (G_u(1.00) = 0.0833).
TEST(StandardNormal, LossFunction) {
  EXPECT_NEAR(standard_normal_loss(0.0), 0.3989422804014327, 1e-15);
  EXPECT_NEAR(standard_normal_loss(1.0), 0.0833154705876864, 1e-13);
  // L(z) - L(-z) = -z for every z.
  EXPECT_NEAR(standard_normal_loss(-1.3) - standard_normal_loss(1.3), 1.3, 1e-14);
}

TEST(Normal, DensityAndCdfScale) {
  EXPECT_NEAR(normal_pdf(10.0, 10.0, 2.0), 0.3989422804014327 / 2.0, 1e-15);
  EXPECT_NEAR(normal_cdf(12.0, 10.0, 2.0), 0.841344746068543, 1e-15);
  EXPECT_TRUE(std::isnan(normal_cdf(1.0, 0.0, 0.0)));
}

// Second-order normal loss: L2(0) = E[(Z^+)^2] / 2 = 1/4 exactly; L2(1) and L2(-0.7) by Simpson
// integration of (u - z)^2 phi(u) / 2 over [z, 14] (200,000 panels), done by hand outside the code.
TEST(StandardNormal, SecondOrderLoss) {
  EXPECT_NEAR(standard_normal_loss2(0.0), 0.25, 1e-15);
  EXPECT_NEAR(standard_normal_loss2(1.0), 0.03766989167188195, 1e-12);
  EXPECT_NEAR(standard_normal_loss2(-0.7), 0.6740259557721308, 1e-12);
  // Scaled: sd^2 L2(z); zero sd is the point mass.
  EXPECT_NEAR(normal_loss2(14.0, 10.0, 4.0), 16.0 * 0.03766989167188195, 1e-11);
  EXPECT_NEAR(normal_loss2(7.0, 10.0, 0.0), 4.5, 1e-15);
  EXPECT_NEAR(normal_loss(7.0, 10.0, 0.0), 3.0, 1e-15);
  EXPECT_NEAR(normal_loss(14.0, 10.0, 4.0), 4.0 * 0.0833154705876864, 1e-12);
  EXPECT_NEAR(normal_quantile(0.95, 100.0, 10.0), 116.448536269514722, 1e-10);
}

// Erlang-2 (shape 2, scale theta) has closed forms (integrate the survival function by hand):
//   1 - F(x) = e^{-x/theta} (1 + x/theta),  G1(x) = theta e^{-x/theta} (2 + x/theta),
//   G2(x) = theta^2 e^{-x/theta} (3 + x/theta).
TEST(Gamma, ErlangTwoClosedForms) {
  const double theta = 3.0;
  for (double x : {0.5, 4.0, 11.0}) {
    const double e = std::exp(-x / theta);
    EXPECT_NEAR(gamma_cdf(x, 2.0, theta), 1.0 - e * (1.0 + x / theta), 1e-14) << x;
    EXPECT_NEAR(gamma_loss(x, 2.0, theta), theta * e * (2.0 + x / theta), 1e-12) << x;
    EXPECT_NEAR(gamma_loss2(x, 2.0, theta), theta * theta * e * (3.0 + x / theta), 1e-11) << x;
  }
  // Below zero the whole mean is short: G1(x) = mean - x, G2 = (variance + (mean - x)^2) / 2.
  EXPECT_NEAR(gamma_loss(-1.0, 2.0, theta), 7.0, 1e-14);
  EXPECT_NEAR(gamma_loss2(0.0, 2.0, theta), 27.0, 1e-12);
}

// Shape 0.5, scale 4 at x = 3: Simpson integration after x = u^2 (removes the x^-1/2 pole),
// computed by hand outside the code.
TEST(Gamma, NonIntegerShapeAgainstQuadrature) {
  EXPECT_NEAR(gamma_cdf(3.0, 0.5, 4.0), 0.7793286380801424, 1e-9);
  EXPECT_NEAR(gamma_loss(3.0, 0.5, 4.0), 0.7025265749128519, 1e-9);
  EXPECT_NEAR(gamma_loss2(3.0, 0.5, 4.0), 2.377818033888253, 1e-8);
  EXPECT_NEAR(gamma_quantile(gamma_cdf(3.0, 0.5, 4.0), 0.5, 4.0), 3.0, 1e-9);
}

TEST(Gamma, MomentMatchAndBadArguments) {
  const GammaParameters g = gamma_from_moments(10.0, 5.0);  // shape 100/25 = 4, scale 25/10 = 2.5
  EXPECT_DOUBLE_EQ(g.shape, 4.0);
  EXPECT_DOUBLE_EQ(g.scale, 2.5);
  EXPECT_TRUE(std::isnan(gamma_from_moments(0.0, 1.0).shape));
  EXPECT_TRUE(std::isnan(gamma_cdf(1.0, -1.0, 1.0)));
  EXPECT_TRUE(std::isnan(gamma_loss(1.0, 1.0, 0.0)));
  EXPECT_TRUE(std::isnan(gamma_quantile(1.0, 1.0, 1.0)));
}

// Poisson(2): P(3) = e^-2 2^3 / 3! = 0.18044704431548356; P(N <= 3) = e^-2 (1 + 2 + 2 + 4/3).
TEST(Poisson, PmfAndCdf) {
  EXPECT_NEAR(poisson_pmf(3, 2.0), 0.1804470443154836, 1e-15);
  EXPECT_NEAR(poisson_cdf(3, 2.0), 0.8571234604985472, 1e-14);
  EXPECT_EQ(poisson_pmf(-1, 2.0), 0.0);
  EXPECT_EQ(poisson_pmf(0, 0.0), 1.0);
  const DiscreteDistribution d = poisson_distribution(2.0);
  ASSERT_FALSE(d.pmf.empty());
  EXPECT_NEAR(d.cdf[3], 0.8571234604985472, 1e-12);
  EXPECT_NEAR(d.mean, 2.0, 1e-10);
  EXPECT_NEAR(d.variance, 2.0, 1e-9);
  // A large mean takes the log-form branch and keeps its moments.
  const DiscreteDistribution big = poisson_distribution(2500.0);
  EXPECT_NEAR(big.mean, 2500.0, 1e-6);
  EXPECT_NEAR(big.variance, 2500.0, 1e-4);
}

// Mean 4, variance 12: p = 4/12 = 1/3, r = 16 / 8 = 2. P(0) = p^r = 1/9, P(1) = r p^r (1 - p) = 4/27.
TEST(NegativeBinomial, MomentsAndPmf) {
  const NegativeBinomialParameters nb = negative_binomial_from_moments(4.0, 12.0);
  EXPECT_NEAR(nb.successes, 2.0, 1e-15);
  EXPECT_NEAR(nb.probability, 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(negative_binomial_pmf(0, 2.0, 1.0 / 3.0), 1.0 / 9.0, 1e-14);
  EXPECT_NEAR(negative_binomial_pmf(1, 2.0, 1.0 / 3.0), 4.0 / 27.0, 1e-14);
  const DiscreteDistribution d = negative_binomial_distribution(2.0, 1.0 / 3.0);
  EXPECT_NEAR(d.mean, 4.0, 1e-9);
  EXPECT_NEAR(d.variance, 12.0, 1e-7);
  EXPECT_TRUE(std::isnan(negative_binomial_from_moments(4.0, 4.0).successes));  // needs variance > mean
}

// The plain walk of the negative binomial's terms, as the table was built before the stall of
// the running sum was detected: p_k = p_{k-1} (k - 1 + r)(1 - p) / k from p_0 = p^r, stopping past
// the mean once 1 - sum < 1e-12 and giving up (empty) beyond 2,000,000 terms.
std::vector<double> plain_negative_binomial_walk(double r, double p) {
  if (!(gamma_quantile(1.0 - 1e-12, r, (1.0 - p) / p) < 2'000'000.0)) return {};
  const double mean = r * (1.0 - p) / p;
  std::vector<double> pmf;
  double term = std::exp(r * std::log(p)), sum = 0.0;
  for (std::int64_t k = 0;; ++k) {
    if (k > 0) {
      const double kd = static_cast<double>(k);
      term = term * (kd - 1.0 + r) / kd * (1.0 - p);
    }
    pmf.push_back(term);
    sum += term;
    if (static_cast<double>(k) > mean && 1.0 - sum < 1e-12) break;
    if (pmf.size() > 2'000'000) return {};
  }
  return pmf;
}

// The early refusal must refuse exactly the tables the plain walk refuses and build the others
// bit for bit. Cases: ordinary counts (r above and below 1), an overdispersed slow mover whose
// table is long but completes, and the car-parts item with mean 1.6e-6 and sd 0.32 a period over
// three periods (r = 8e-11, p = 1.6e-5), whose running sum stalls below 1 - 1e-12 (the plain walk
// runs to the 2,000,000-term limit; the stalled sum is detected after about 150,000 terms).
TEST(NegativeBinomial, EarlyRefusalMatchesThePlainWalk) {
  const double cases[][2] = {{2.0, 1.0 / 3.0}, {0.3, 0.05}, {25.0, 0.9}, {0.01, 0.001}, {1e-4, 2e-4},
                             {7.989e-11, 1.6206e-5}, {5.326e-11, 1.6206e-5}};
  for (const auto& c : cases) {
    const std::vector<double> plain = plain_negative_binomial_walk(c[0], c[1]);
    const DiscreteDistribution d = negative_binomial_distribution(c[0], c[1]);
    ASSERT_EQ(d.pmf.empty(), plain.empty()) << "r " << c[0] << " p " << c[1];
    if (plain.empty()) continue;
    const DiscreteDistribution expected = make_discrete(plain);
    ASSERT_EQ(d.pmf.size(), expected.pmf.size()) << "r " << c[0] << " p " << c[1];
    for (std::size_t k = 0; k < d.pmf.size(); ++k) {
      ASSERT_EQ(d.pmf[k], expected.pmf[k]) << k;
      ASSERT_EQ(d.loss[k], expected.loss[k]) << k;
    }
  }
  // The stalled case is refused by both (the reason the shortcut exists).
  EXPECT_TRUE(plain_negative_binomial_walk(7.989e-11, 1.6206e-5).empty());
}

// X in {0, 1, 2} with probabilities 0.2, 0.5, 0.3 (mean 1.1), everything by hand:
//   G1(0) = 1.1, G1(1) = 0.3, G1(0.5) = 0.5*0.5 + 0.3*1.5 = 0.7,
//   G2(0.5) = (0.5*0.25 + 0.3*2.25) / 2 = 0.4, G2(1) = 0.3 / 2 = 0.15,
//   S(0) = G1(0) + G1(1) + G1(2) = 1.4, S(-2) = G1(-2) + G1(-1) + S(0) = 3.1 + 2.1 + 1.4 = 6.6.
TEST(Discrete, TablesByHand) {
  const DiscreteDistribution d = make_discrete({0.2, 0.5, 0.3});
  ASSERT_EQ(d.pmf.size(), 3u);
  EXPECT_NEAR(d.mean, 1.1, 1e-15);
  EXPECT_NEAR(d.variance, 0.2 * 1.21 + 0.5 * 0.01 + 0.3 * 0.81, 1e-15);
  EXPECT_NEAR(discrete_loss(d, 0.0), 1.1, 1e-15);
  EXPECT_NEAR(discrete_loss(d, 1.0), 0.3, 1e-15);
  EXPECT_NEAR(discrete_loss(d, 0.5), 0.7, 1e-15);
  EXPECT_NEAR(discrete_loss(d, -2.0), 3.1, 1e-15);
  EXPECT_EQ(discrete_loss(d, 2.5), 0.0);
  EXPECT_NEAR(discrete_loss2(d, 0.5), 0.4, 1e-15);
  EXPECT_NEAR(discrete_loss2(d, 1.0), 0.15, 1e-15);
  EXPECT_NEAR(discrete_loss_sum(d, 0), 1.4, 1e-15);
  EXPECT_NEAR(discrete_loss_sum(d, -2), 6.6, 1e-14);
  EXPECT_EQ(discrete_loss_sum(d, 5), 0.0);
  EXPECT_NEAR(discrete_cdf(d, 1.7), 0.7, 1e-15);
  EXPECT_EQ(discrete_cdf(d, -0.1), 0.0);
  EXPECT_EQ(discrete_quantile(d, 0.2), 0);
  EXPECT_EQ(discrete_quantile(d, 0.21), 1);
  EXPECT_EQ(discrete_quantile(d, 0.7), 1);
  EXPECT_EQ(discrete_quantile(d, 0.71), 2);
}

TEST(Discrete, RejectsBadProbabilitiesAndConvolves) {
  EXPECT_TRUE(make_discrete({0.5, -0.1}).pmf.empty());
  EXPECT_TRUE(make_discrete({}).pmf.empty());
  EXPECT_TRUE(make_discrete({0.0, 0.0}).pmf.empty());
  const std::vector<double> two = convolve({0.5, 0.5}, {0.5, 0.5});
  ASSERT_EQ(two.size(), 3u);
  EXPECT_DOUBLE_EQ(two[0], 0.25);
  EXPECT_DOUBLE_EQ(two[1], 0.5);
  EXPECT_DOUBLE_EQ(two[2], 0.25);
}

}  // namespace
}  // namespace echelon::stats

#include <algorithm>
#include <random>
#include <vector>

namespace echelon::stats {
namespace {

// Hyndman & Fan definition 7 on 1..10, as R's quantile(1:10, c(0.1, 0.5, 0.9)) gives it:
// h = 9 q, so 1.9, 5.5 and 9.1.
TEST(SampleQuantiles, DefinitionSevenOnOneToTen) {
  const std::vector<double> sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(sample_quantile_sorted(sorted, 0.1), 1.9);
  EXPECT_DOUBLE_EQ(sample_quantile_sorted(sorted, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(sample_quantile_sorted(sorted, 0.9), 9.1);
  EXPECT_DOUBLE_EQ(sample_quantile_sorted(sorted, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(sample_quantile_sorted(sorted, 1.0), 10.0);
  std::vector<double> shuffled = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
  const SampleBand band = sample_p10_p50_p90(shuffled);
  EXPECT_DOUBLE_EQ(band.p10, 1.9);
  EXPECT_DOUBLE_EQ(band.p50, 5.5);
  EXPECT_DOUBLE_EQ(band.p90, 9.1);
}

TEST(SampleQuantiles, FewValues) {
  std::vector<double> none;
  EXPECT_EQ(sample_p10_p50_p90(none).p50, 0.0);
  std::vector<double> one = {4.0};
  const SampleBand b1 = sample_p10_p50_p90(one);
  EXPECT_EQ(b1.p10, 4.0);
  EXPECT_EQ(b1.p90, 4.0);
  std::vector<double> two = {3.0, 1.0};  // h = 0.1, 0.5, 0.9 between 1 and 3
  const SampleBand b2 = sample_p10_p50_p90(two);
  EXPECT_DOUBLE_EQ(b2.p10, 1.2);
  EXPECT_DOUBLE_EQ(b2.p50, 2.0);
  EXPECT_DOUBLE_EQ(b2.p90, 2.8);
}

// Selection gives the values a sort gives, also with many ties (on-hand stock is often 0).
TEST(SampleQuantiles, SelectionMatchesSorting) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 500; ++trial) {
    const int n = 1 + trial % 120;
    std::vector<double> values(static_cast<std::size_t>(n));
    for (double& v : values) v = static_cast<double>(std::uniform_int_distribution<int>(0, trial % 7)(rng)) * 1.5;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const SampleBand band = sample_p10_p50_p90(values);
    EXPECT_EQ(band.p10, sample_quantile_sorted(sorted, 0.1)) << "n " << n;
    EXPECT_EQ(band.p50, sample_quantile_sorted(sorted, 0.5)) << "n " << n;
    EXPECT_EQ(band.p90, sample_quantile_sorted(sorted, 0.9)) << "n " << n;
  }
}

}  // namespace
}  // namespace echelon::stats
