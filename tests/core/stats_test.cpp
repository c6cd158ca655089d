#include "core/stats.h"

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

}  // namespace
}  // namespace echelon::stats
