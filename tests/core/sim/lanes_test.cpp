#include "core/sim/lanes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace echelon::sim {
namespace {

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

TEST(SimLanes, FourLanesAndLoadStoreKeepEveryBit) {
  EXPECT_EQ(kLanes, 4);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double in[4] = {-0.0, nan, 5e-324, -1.5};
  double out[4] = {};
  store(out, load(in));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(bits(out[i]), bits(in[i])) << i;
}

// select(m, a, b) is m ? a : b lane by lane: with a = 1, 2, 3, 4 and m = (a > 2.5) the first two
// lanes come from b.
TEST(SimLanes, SelectPicksPerLane) {
  const Lanes a = {1.0, 2.0, 3.0, 4.0}, b = {10.0, 20.0, 30.0, 40.0};
  double out[4];
  store(out, select(a > splat(2.5), a, b));
  EXPECT_EQ(out[0], 10.0);
  EXPECT_EQ(out[1], 20.0);
  EXPECT_EQ(out[2], 3.0);
  EXPECT_EQ(out[3], 4.0);
  store(out, indicator(a <= splat(2.0)));
  EXPECT_EQ(out[0], 1.0);
  EXPECT_EQ(out[1], 1.0);
  EXPECT_EQ(out[2], 0.0);
  EXPECT_EQ(out[3], 0.0);
}

// lanes_min and lanes_max return what std::min and std::max return, bit for bit, also where
// the two differ from a symmetric minimum: std::min(+0, -0) is the first operand (+0) since
// -0 < +0 is false, and a comparison with NaN is false, so std::min(NaN, 1) is NaN and
// std::min(1, NaN) is 1.
TEST(SimLanes, MinAndMaxAreStdMinAndStdMaxBitForBit) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double xs[] = {0.0, -0.0, nan, 1.0, -2.0, 3.5, std::numeric_limits<double>::infinity()};
  for (double x : xs) {
    for (double y : xs) {
      const Lanes a = splat(x), b = splat(y);
      double lo[4], hi[4];
      store(lo, lanes_min(a, b));
      store(hi, lanes_max(a, b));
      for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(bits(lo[i]), bits(std::min(x, y))) << x << " " << y;
        EXPECT_EQ(bits(hi[i]), bits(std::max(x, y))) << x << " " << y;
      }
    }
  }
  double lo[4];
  store(lo, lanes_min(splat(0.0), splat(-0.0)));
  EXPECT_FALSE(std::signbit(lo[0]));  // the first operand, +0
}

}  // namespace
}  // namespace echelon::sim
