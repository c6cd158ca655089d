#include "core/stats/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace echelon::rng {
namespace {

// Known-answer vectors published with Random123 (tests/kat_vectors), Salmon et al., SC'11.
TEST(Rng, PhiloxKnownAnswers) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}), (Counter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
            (Counter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
            (Counter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

// The elementary functions agree with the C library to within a few ulps (the C library is
// the reference here; the point of ours is that they give the same bits on every target).
TEST(Rng, LogExpCosMatchTheCLibrary) {
  for (double x : {1e-300, 2.2250738585072014e-308, 1e-16, 0.001, 0.1, 0.5, 0.70710678, 0.9999999, 1.0, 1.0000001,
                   1.41421356, 2.0, 3.0, 10.0, 12345.678, 1e100, 1.7e308}) {
    EXPECT_NEAR(det_log(x), std::log(x), 4e-16 * std::max(1.0, std::fabs(std::log(x)))) << x;
  }
  EXPECT_EQ(det_log(1.0), 0.0);
  for (double x : {-700.0, -100.0, -10.0, -1.0, -1e-10, 0.0, 1e-10, 0.5, 1.0, 2.0, 10.0, 100.0, 700.0}) {
    EXPECT_NEAR(det_exp(x) / std::exp(x), 1.0, 1e-15) << x;
  }
  EXPECT_EQ(det_exp(0.0), 1.0);
  EXPECT_EQ(det_exp(-1000.0), 0.0);
  EXPECT_TRUE(std::isinf(det_exp(1000.0)));
  for (int i = 0; i <= 64; ++i) {
    const double x = 1.5707963267948966 * i / 64.0;
    EXPECT_NEAR(det_cos_quadrant(x), std::cos(x), 3e-16) << x;
  }
  EXPECT_TRUE(std::isnan(det_log_checked(0.0)));
  EXPECT_TRUE(std::isnan(det_log_checked(-1.0)));
}

// Sample moments of the standard normal: mean within 4 standard errors (1/sqrt(n)), variance
// within 4 sqrt(2/n), and the upper 5% tail probability within 4 sqrt(p(1-p)/n).
TEST(Rng, NormalMomentsAndTail) {
  const Key key = key_from_seed(20240601);
  constexpr int n = 200000;
  double sum = 0.0, sum2 = 0.0, sum3 = 0.0;
  int tail = 0;
  std::vector<double> block(n);
  standard_normals(key, 7, 0, stream_id(3, Purpose::test), 0, n, block.data());
  for (double z : block) {
    sum += z;
    sum2 += z * z;
    sum3 += z * z * z;
    tail += z > 1.6448536269514722 ? 1 : 0;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sum3 / n, 0.0, 4.0 * std::sqrt(15.0 / n));  // Var[Z^3] = 15
  EXPECT_NEAR(tail / static_cast<double>(n), 0.05, 4.0 * std::sqrt(0.05 * 0.95 / n));
}

TEST(Rng, VectorAndScalarDrawsAgree) {
  const Key key = key_from_seed(99);
  double out[37];
  standard_normals(key, 11, 1000, stream_id(5, Purpose::demand), 2, 37, out);
  for (int i = 0; i < 37; ++i) {
    EXPECT_EQ(out[i], standard_normal_from(block_at(key, 11, 1000 + i, stream_id(5, Purpose::demand), 2)));
  }
}

// Streams of different stages and purposes are uncorrelated: |r| within 4 / sqrt(n).
TEST(Rng, StreamsAreUncorrelated) {
  const Key key = key_from_seed(5);
  constexpr int n = 50000;
  double sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0;
  for (int t = 0; t < n; ++t) {
    const double x = standard_normal_from(block_at(key, static_cast<std::uint32_t>(t), 0, stream_id(0, Purpose::demand), 0));
    const double y = standard_normal_from(block_at(key, static_cast<std::uint32_t>(t), 0, stream_id(0, Purpose::lead_time), 0));
    sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y;
  }
  const double r = (sxy / n - sx / n * sy / n) / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  EXPECT_NEAR(r, 0.0, 4.0 / std::sqrt(n));
}

// Gamma(k): mean k, variance k. Checked for a shape above and below 1 (the boosted branch).
TEST(Rng, GammaMoments) {
  const Key key = key_from_seed(8);
  for (double shape : {0.4, 2.5}) {
    constexpr int n = 100000;
    double sum = 0.0, sum2 = 0.0;
    for (int i = 0; i < n; ++i) {
      const double g = standard_gamma(key, static_cast<std::uint32_t>(i), 3, stream_id(1, Purpose::demand), shape);
      ASSERT_GE(g, 0.0);
      sum += g;
      sum2 += g * g;
    }
    const double mean = sum / n;
    const double var = sum2 / n - mean * mean;
    EXPECT_NEAR(mean, shape, 4.0 * std::sqrt(shape / n)) << shape;
    // Var of the sample variance of a gamma: (m4 - var^2) / n with m4 = 3k^2 + 6k.
    EXPECT_NEAR(var, shape, 4.0 * std::sqrt((3.0 * shape * shape + 6.0 * shape - shape * shape) / n)) << shape;
  }
}

TEST(Rng, UniformIsInRangeWithMeanOneHalf) {
  const Key key = key_from_seed(1);
  constexpr int n = 100000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = uniform_from(block_at(key, 0, static_cast<std::uint32_t>(i), 0, 0));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 4.0 * std::sqrt(1.0 / 12.0 / n));
}

// The simulator draws normal demand two periods at a time from one Box-Muller pair
// (standard_normal_pair_lanes); these checks cover that pair.
// The simulator draws in blocks of 16 replications (sim::kBlockReplications).
constexpr int kLanes = 16;

// The first variate of a pair is exactly the single draw of the same counter, so the pair only
// adds a variate and changes nothing else.
TEST(RngPair, PairFirstVariateIsTheSingleDraw) {
  const Key key = key_from_seed(424242);
  for (std::uint32_t period : {0u, 1u, 2u, 1000u}) {
    double first[kLanes], second[kLanes], single[kLanes];
    standard_normal_pair_lanes<kLanes>(key, period, 32, stream_id(7, Purpose::demand), 0, first, second);
    standard_normal_lanes<kLanes>(key, period, 32, stream_id(7, Purpose::demand), 0, single);
    for (int i = 0; i < kLanes; ++i) {
      EXPECT_EQ(first[i], standard_normal_from(block_at(key, period, 32u + static_cast<std::uint32_t>(i),
                                                        stream_id(7, Purpose::demand), 0)));
      EXPECT_EQ(first[i], single[i]);
    }
  }
}

// The second variate R sin(theta) is standard normal and independent of the first (Box &
// Muller, "A note on the generation of random normal deviates", Ann. Math. Stat. 29, 1958):
// mean within 4 standard errors (1/sqrt(n)), variance within 4 sqrt(2/n), the upper 5% tail within
// 4 sqrt(p(1-p)/n), and the correlations of the variates and of their squares within 4/sqrt(n)
// (both are 0 for independent normals; the squares catch a dependence through the shared radius).
TEST(RngPair, PairSecondVariateIsAnIndependentStandardNormal) {
  const Key key = key_from_seed(20240611);
  constexpr int periods = 12500;
  constexpr double n = static_cast<double>(periods) * kLanes;
  double s2 = 0.0, s22 = 0.0, s1 = 0.0, s11 = 0.0, s12 = 0.0;
  double q1 = 0.0, q2 = 0.0, q11 = 0.0, q22 = 0.0, q12 = 0.0;
  int tail = 0;
  for (int t = 0; t < periods; ++t) {
    double a[kLanes], b[kLanes];
    standard_normal_pair_lanes<kLanes>(key, static_cast<std::uint32_t>(2 * t), 0, stream_id(1, Purpose::demand), 0, a,
                                       b);
    for (int i = 0; i < kLanes; ++i) {
      s1 += a[i];
      s11 += a[i] * a[i];
      s2 += b[i];
      s22 += b[i] * b[i];
      s12 += a[i] * b[i];
      const double x = a[i] * a[i], y = b[i] * b[i];
      q1 += x;
      q2 += y;
      q11 += x * x;
      q22 += y * y;
      q12 += x * y;
      tail += b[i] > 1.6448536269514722 ? 1 : 0;
    }
  }
  const double mean = s2 / n, var = s22 / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(tail / n, 0.05, 4.0 * std::sqrt(0.05 * 0.95 / n));
  auto corr = [](double count, double sx, double sy, double sxx, double syy, double sxy) {
    const double mx = sx / count, my = sy / count;
    return (sxy / count - mx * my) / std::sqrt((sxx / count - mx * mx) * (syy / count - my * my));
  };
  EXPECT_NEAR(corr(n, s1, s2, s11, s22, s12), 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(corr(n, q1, q2, q11, q22, q12), 0.0, 4.0 / std::sqrt(n));
}

}  // namespace
}  // namespace echelon::rng
