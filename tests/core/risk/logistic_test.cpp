#include "core/risk/logistic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::risk {
namespace {

double logit(double p) { return std::log(p / (1 - p)); }

// Without features the maximum-likelihood intercept is the log-odds of the base rate: 3 of 10.
TEST(Logistic, InterceptOnlyIsTheLogOddsOfTheBaseRate) {
  std::vector<unsigned char> y{1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
  auto m = fit_logistic({}, y, 0);
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->coefficients[0], logit(0.3), 1e-12);
  EXPECT_NEAR(logistic_predict(*m, {}), 0.3, 1e-12);
}

// One binary feature, no penalty: the model is saturated, so the fit reproduces each group's
// rate: P(y | x = 0) = 2/8, P(y | x = 1) = 6/8 (the score equations sum_r (y_r - mu_r) = 0 and
// sum_r x_r (y_r - mu_r) = 0 force it).
TEST(Logistic, SaturatedBinaryFeatureReproducesGroupRates) {
  std::vector<double> x;
  std::vector<unsigned char> y;
  for (int i = 0; i < 8; ++i) {
    x.push_back(0.0);
    y.push_back(i < 2);
  }
  for (int i = 0; i < 8; ++i) {
    x.push_back(1.0);
    y.push_back(i < 6);
  }
  LogisticOptions o;
  o.ridge = 0.0;
  auto m = fit_logistic(x, y, 1, o);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->converged);
  const double zero = 0.0, one = 1.0;
  EXPECT_NEAR(logistic_predict(*m, std::span<const double>(&zero, 1)), 0.25, 1e-10);
  EXPECT_NEAR(logistic_predict(*m, std::span<const double>(&one, 1)), 0.75, 1e-10);
  // In standardised units (mean 0.5, sd 0.5) the slope is (logit 0.75 - logit 0.25) * 0.5.
  EXPECT_NEAR(m->coefficients[1], (logit(0.75) - logit(0.25)) * 0.5, 1e-9);
}

// Separable data: the ridge keeps the coefficients finite and the fit converges.
TEST(Logistic, RidgeTamesSeparableData) {
  std::vector<double> x{0, 1, 2, 3, 4, 5};
  std::vector<unsigned char> y{0, 0, 0, 1, 1, 1};
  auto m = fit_logistic(x, y, 1);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(std::isfinite(m->coefficients[1]));
  const double low = 0.0, high = 5.0;
  EXPECT_LT(logistic_predict(*m, std::span<const double>(&low, 1)), 0.2);
  EXPECT_GT(logistic_predict(*m, std::span<const double>(&high, 1)), 0.8);
}

TEST(Logistic, SlicedFitEqualsTheWholeFit) {
  std::vector<double> x{0, 1, 2, 3, 4, 5, 1, 2};
  std::vector<unsigned char> y{0, 1, 0, 1, 1, 1, 0, 0};
  auto whole = fit_logistic(x, y, 1);
  auto fit = LogisticFit::start(x, y, 1);
  ASSERT_TRUE(whole.ok() && fit.ok());
  LogisticFit& f = fit.value();
  int steps = 0;
  while (!f.step()) ++steps;
  EXPECT_EQ(f.model().coefficients, whole->coefficients);
  EXPECT_GT(steps, 1);
}

TEST(Logistic, BadInputIsNamed) {
  auto empty = fit_logistic({}, {}, 0);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.problems()[0].path, "rows");
  auto ragged = fit_logistic({1, 2, 3}, {0, 1}, 1);
  ASSERT_FALSE(ragged.ok());
  auto nan = fit_logistic({std::nan(""), 1}, {0, 1}, 1);
  ASSERT_FALSE(nan.ok());
  LogisticOptions o;
  o.ridge = -1;
  auto bad = fit_logistic({1, 2}, {0, 1}, 1, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems()[0].path, "ridge");
}

}  // namespace
}  // namespace echelon::risk
