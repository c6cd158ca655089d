#include "core/risk/rate_drop.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::risk {
namespace {

// Fisher's tea tasting (The Design of Experiments, 1935, ch. II): 8 cups, 4 of each kind; the
// table [[1, 3], [3, 1]] in the lower tail has p = (C(4,0)C(4,4) + C(4,1)C(4,3)) / C(8,4) = 17/70.
TEST(RateDrop, FishersTeaTasting) {
  EXPECT_NEAR(rate_drop_p_value({4, 1, 4, 3}), 17.0 / 70.0, 1e-13);
}

// No demand in the last 12 of 36 periods after 12 demands in the first 24: under an unchanged
// rate every set of 12 demand periods among 36 is equally likely, and all 12 fall in the first
// 24 with probability C(24,12) / C(36,12) = prod_{i=0}^{11} (24 - i) / (36 - i).
TEST(RateDrop, SilentWindowByHand) {
  double expected = 1.0;
  for (int i = 0; i < 12; ++i) expected *= (24.0 - i) / (36.0 - i);
  EXPECT_NEAR(rate_drop_p_value({12, 0, 24, 12}), expected, 1e-12 * expected + 1e-15);
  EXPECT_LT(expected, 0.0022);  // 0.00216...: strong evidence of a drop
}

// Brute force: over all 2^8 placements of demand in 8 periods with exactly K hits, the share
// with at most a hits in the last W = 3 periods is the p-value.
TEST(RateDrop, BruteForceOverPlacements) {
  const int n = 8, w = 3;
  for (int hits = 0; hits <= n; ++hits) {
    for (int a = std::max(0, hits - (n - w)); a <= std::min(w, hits); ++a) {
      int total = 0, lower = 0;
      for (int mask = 0; mask < (1 << n); ++mask) {
        if (__builtin_popcount(static_cast<unsigned>(mask)) != hits) continue;
        ++total;
        const int recent = __builtin_popcount(static_cast<unsigned>(mask) & ((1u << w) - 1u));
        if (recent <= a) ++lower;
      }
      const double expected = hits == 0 ? 1.0 : static_cast<double>(lower) / total;
      EXPECT_NEAR(rate_drop_p_value({w, a, n - w, hits - a}), expected, 1e-12) << hits << " " << a;
    }
  }
}

TEST(RateDrop, PmfSumsToOneAndIsZeroOutsideItsSupport) {
  double sum = 0.0;
  for (int x = 0; x <= 12; ++x) sum += hypergeometric_pmf(x, 51, 20, 12);
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_EQ(hypergeometric_pmf(13, 51, 20, 12), 0.0);
  EXPECT_EQ(hypergeometric_pmf(0, 10, 9, 5), 0.0);  // at least 4 of 5 draws are successes
  EXPECT_TRUE(std::isnan(hypergeometric_pmf(0, 10, 11, 5)));
}

TEST(RateDrop, NothingToCompareGivesOneAndBadCountsNaN) {
  EXPECT_EQ(rate_drop_p_value({12, 0, 0, 0}), 1.0);
  EXPECT_EQ(rate_drop_p_value({12, 0, 24, 0}), 1.0);
  EXPECT_EQ(rate_drop_p_value({0, 0, 24, 5}), 1.0);
  EXPECT_TRUE(std::isnan(rate_drop_p_value({12, 13, 24, 5})));
  EXPECT_TRUE(std::isnan(rate_drop_p_value({12, 1, 24, -1})));
  // A window as busy as the past is no evidence of a drop.
  EXPECT_GT(rate_drop_p_value({12, 6, 24, 12}), 0.5);
}

}  // namespace
}  // namespace echelon::risk
