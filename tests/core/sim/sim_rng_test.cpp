// The simulator draws normal demand two periods at a time from one Box-Muller pair
// (rng::standard_normal_pair_lanes); these checks cover that pair.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "core/stats/rng.h"
#include "core/sim/sim.h"

namespace echelon::rng {
namespace {

constexpr int kLanes = sim::kBlockReplications;

// The first variate of a pair is exactly the single draw of the same counter, so the pair only
// adds a variate and changes nothing else.
TEST(SimRng, PairFirstVariateIsTheSingleDraw) {
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
TEST(SimRng, PairSecondVariateIsAnIndependentStandardNormal) {
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
