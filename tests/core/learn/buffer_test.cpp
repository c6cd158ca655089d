#include "core/learn/buffer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/stats/stats.h"

namespace echelon::learn {
namespace {

BufferSizingInput normal_input(ServiceGoal goal, double target) {
  BufferSizingInput in;
  in.family = Family::normal;
  in.whole_units = false;
  in.forecast_per_period = 10.0;
  in.horizon_forecast = 20.0;
  in.horizon_error_sd = 5.0;
  in.protection_periods = 2.0;
  in.goal = goal;
  in.target = target;
  return in;
}

// Normal X with mean 20 and sd 5: the 95% quantile is 20 + 1.644854 * 5.
TEST(BufferSizing, NormalCycleServiceIsTheQuantile) {
  auto b = size_buffer(normal_input(ServiceGoal::cycle_service_level, 0.95));
  ASSERT_TRUE(b.ok());
  EXPECT_NEAR(b->order_up_to, 20.0 + 1.6448536269514722 * 5.0, 1e-6);
  EXPECT_NEAR(b->safety_stock, 1.6448536269514722 * 5.0, 1e-6);
}

// Fill rate 95% with 10 per period: 5 L(z) = 0.5, so L(z) = 0.1. The unit normal loss table
// (Silver, Pyke & Thomas) gives G(0.90) = 0.1004 and slope -(1 - Phi(0.90)) = -0.1841, so
// z = 0.90 + 0.0004 / 0.1841 = 0.9024.
TEST(BufferSizing, NormalFillRateSolvesTheLossEquation) {
  BufferSizingInput in = normal_input(ServiceGoal::fill_rate, 0.95);
  in.exact_fill_rate = false;
  auto b = size_buffer(in);
  ASSERT_TRUE(b.ok());
  const double z = (b->order_up_to - 20.0) / 5.0;
  EXPECT_NEAR(stats::standard_normal_loss(z), 0.1, 1e-9);
  EXPECT_NEAR(z, 0.9024, 3e-4);
  EXPECT_NEAR(b->expected_fill_rate, 0.95, 1e-9);
}

// The exact rule counts only new shortages: G2(S) - G1(S) = 0.5 with X_2 ~ N(20, 5^2) and
// X_1 ~ N(10, 12.5) (the same per-period variance), checked with the normal loss directly; it
// needs less stock than the classic rule.
TEST(BufferSizing, ExactFillRateCountsNewShortagesOnly) {
  auto exact = size_buffer(normal_input(ServiceGoal::fill_rate, 0.95));
  BufferSizingInput classic_input = normal_input(ServiceGoal::fill_rate, 0.95);
  classic_input.exact_fill_rate = false;
  auto classic = size_buffer(classic_input);
  ASSERT_TRUE(exact.ok() && classic.ok());
  const double s = exact->order_up_to;
  EXPECT_NEAR(stats::normal_loss(s, 20.0, 5.0) - stats::normal_loss(s, 10.0, std::sqrt(12.5)), 0.5, 1e-9);
  EXPECT_LT(s, classic->order_up_to);
  EXPECT_NEAR(exact->expected_fill_rate, 0.95, 1e-9);
}

// Poisson(2) over one period: F(3) = 0.857, F(4) = 0.947, so the 90% level is 4; expected units
// short G(3) = 0.218 and G(4) = 0.075 (G(k+1) = G(k) - (1 - F(k)), G(0) = 2), so a 95% fill
// rate (at most 0.1 short) also needs 4.
TEST(BufferSizing, PoissonByHand) {
  BufferSizingInput in;
  in.family = Family::poisson;
  in.forecast_per_period = 2.0;
  in.horizon_forecast = 2.0;
  in.horizon_error_sd = std::sqrt(2.0);
  in.protection_periods = 1.0;
  in.goal = ServiceGoal::cycle_service_level;
  in.target = 0.9;
  auto cycle = size_buffer(in);
  ASSERT_TRUE(cycle.ok());
  EXPECT_EQ(cycle->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_DOUBLE_EQ(cycle->order_up_to, 4.0);
  in.goal = ServiceGoal::fill_rate;
  in.target = 0.95;
  auto fill = size_buffer(in);
  ASSERT_TRUE(fill.ok());
  EXPECT_DOUBLE_EQ(fill->order_up_to, 4.0);
  EXPECT_NEAR(fill->expected_fill_rate, 1.0 - 0.0751 / 2.0, 1e-4);
  in.target = 0.85;  // 0.3 short allowed: G(3) = 0.218 is enough
  EXPECT_DOUBLE_EQ(size_buffer(in)->order_up_to, 3.0);
}

TEST(BufferSizing, OverdispersedCountsUseTheNegativeBinomialAndSkewedValuesTheGamma) {
  BufferSizingInput in;
  in.family = Family::negative_binomial;
  in.forecast_per_period = 2.0;
  in.horizon_forecast = 4.0;
  in.horizon_error_sd = 4.0;
  in.protection_periods = 2.0;
  auto nb = size_buffer(in);
  ASSERT_TRUE(nb.ok());
  EXPECT_EQ(nb->model, LeadTimeDemandModel::discrete_exact);
  EXPECT_NEAR(nb->mean, 4.0, 1e-9);
  EXPECT_NEAR(nb->sd, 4.0, 1e-6);
  in.family = Family::gamma;
  in.whole_units = false;
  auto g = size_buffer(in);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->model, LeadTimeDemandModel::gamma);
  EXPECT_NEAR(g->sd, 4.0, 1e-9);
}

TEST(BufferSizing, LeadTimeVarianceAddsFSquaredVarL) {
  BufferSizingInput in = normal_input(ServiceGoal::cycle_service_level, 0.95);
  in.lead_time_variance = 0.25;  // Var[X] = 25 + 10^2 * 0.25 = 50
  auto b = size_buffer(in);
  ASSERT_TRUE(b.ok());
  EXPECT_NEAR(b->sd, std::sqrt(50.0), 1e-9);
}

// Mean 2 on [0, 4]: the variance can be at most 2 (4 - 2) = 4, so an sd of 10 is cut to 2.
TEST(BufferSizing, VarianceIsCappedByTheBhatiaDavisBound) {
  BufferSizingInput in = normal_input(ServiceGoal::cycle_service_level, 0.9);
  in.forecast_per_period = in.horizon_forecast = 2.0;
  in.protection_periods = 1.0;
  in.horizon_error_sd = 10.0;
  in.max_protection_demand = 4.0;
  auto b = size_buffer(in);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->variance_capped);
  EXPECT_NEAR(b->sd, 2.0, 1e-12);
  in.max_protection_demand = 200.0;  // bound 396 > 100: no cap
  EXPECT_FALSE(size_buffer(in)->variance_capped);
}

// Normal X with mean 2 and sd 2 after the Bhatia-Davis cap on [0, 4] (variance 2 (4 - 2)): the
// 99% quantile 2 + 2.326348 x 2 = 6.65 is lowered to M = 4 when the level cap is on; the median
// 2 stays.
TEST(BufferSizing, LevelIsCappedAtTheLargestDemandWhenAsked) {
  BufferSizingInput in = normal_input(ServiceGoal::cycle_service_level, 0.99);
  in.forecast_per_period = in.horizon_forecast = 2.0;
  in.protection_periods = 1.0;
  in.horizon_error_sd = 10.0;
  in.max_protection_demand = 4.0;
  auto free = size_buffer(in);
  ASSERT_TRUE(free.ok());
  EXPECT_NEAR(free->order_up_to, 2.0 + 2.326348 * 2.0, 1e-5);
  EXPECT_FALSE(free->level_capped);
  in.cap_level_at_max = true;
  auto capped = size_buffer(in);
  ASSERT_TRUE(capped.ok());
  EXPECT_DOUBLE_EQ(capped->order_up_to, 4.0);
  EXPECT_TRUE(capped->level_capped);
  in.target = 0.5;
  EXPECT_NEAR(size_buffer(in)->order_up_to, 2.0, 1e-9);
  EXPECT_FALSE(size_buffer(in)->level_capped);
}

// Demand 0 2 0 0 1 0 0 3 (f = 6/8), H = 2. Two-period totals (7 blocks): 2 2 0 1 1 0 3; one-period
// totals: the 8 values. New shortages per period at S:
//   S = 1: (1 + 1 + 2)/7 - (1 + 2)/8 = 0.196 > 0.05 x 0.75 = 0.0375
//   S = 2: 1/7 - 1/8 = 1/56 = 0.0179 <= 0.0375          -> S = 2, fill 1 - (1/56)/0.75 = 1 - 1/42
// Cycle service: sorted blocks 0 0 1 1 2 2 3; 80% -> the 6th (ceil 5.6) = 2, 90% -> the 7th = 3.
// With H = 1 (X_0 = 0): S = 2 leaves 1/8 > 0.0375 short, so S = 3, the largest value.
TEST(BufferSizing, EmpiricalOverlappingBlocksByHand) {
  const std::vector<double> y{0, 2, 0, 0, 1, 0, 0, 3};
  auto b = size_buffer_empirical(y, 2, ServiceGoal::fill_rate, 0.95);
  ASSERT_TRUE(b.ok()) << describe(b.problems());
  EXPECT_DOUBLE_EQ(b->order_up_to, 2.0);
  EXPECT_NEAR(b->expected_fill_rate, 1.0 - 1.0 / 42.0, 1e-12);
  EXPECT_DOUBLE_EQ(b->mean, 1.5);
  EXPECT_DOUBLE_EQ(b->safety_stock, 0.5);
  EXPECT_DOUBLE_EQ(size_buffer_empirical(y, 2, ServiceGoal::cycle_service_level, 0.8)->order_up_to, 2.0);
  EXPECT_DOUBLE_EQ(size_buffer_empirical(y, 2, ServiceGoal::cycle_service_level, 0.9)->order_up_to, 3.0);
  EXPECT_DOUBLE_EQ(size_buffer_empirical(y, 1, ServiceGoal::fill_rate, 0.95)->order_up_to, 3.0);
  // A missing period is skipped: the blocks run over observed periods.
  const std::vector<double> gap{0, 2, std::nan(""), 0, 0, 1, 0, 0, 3};
  EXPECT_DOUBLE_EQ(size_buffer_empirical(gap, 2, ServiceGoal::fill_rate, 0.95)->order_up_to, 2.0);
}

// The same history with a real level: G(1) = 11/56 > 0.0375 = 2.1/56 >= G(2) = 1/56, and G is
// linear on [1, 2], so S = 1 + (11 - 2.1)/(11 - 1) = 1.89, where the expected fill is the target.
TEST(BufferSizing, EmpiricalContinuousLevelInterpolatesTheLossByHand) {
  const std::vector<double> y{0, 2, 0, 0, 1, 0, 0, 3};
  auto b = size_buffer_empirical(y, 2, ServiceGoal::fill_rate, 0.95, true);
  ASSERT_TRUE(b.ok()) << describe(b.problems());
  EXPECT_NEAR(b->order_up_to, 1.89, 1e-12);
  EXPECT_NEAR(b->expected_fill_rate, 0.95, 1e-12);
}

// Compound binomial by hand: sizes {1, 3} (mean 2), forecast 0.4 per period, so p = 0.2 and one
// period is 0, 1, 3 with probabilities 0.8, 0.1, 0.1. Two periods (convolution):
//   x        0     1     2     3     4     6
//   P(X_2)   0.64  0.16  0.01  0.16  0.02  0.01      (mean 0.8, E[X^2] 2.32, variance 1.68)
// Loss functions E[(X - S)^+]:
//   S        0     1     2     3     4     5     6
//   X_2      0.8   0.44  0.24  0.05  0.02  0.01  0
//   X_1      0.4   0.2   0.1   0     0     0     0
//   G        0.4   0.24  0.14  0.05  0.02  0.01  0
// Fill rate 0.9 allows 0.1 x 0.4 = 0.04 short per period: G(3) = 0.05 > 0.04 >= G(4), S = 4 with an
// expected fill of 1 - 0.02/0.4 = 0.95; 0.8 allows 0.08: S = 3; 0.99 allows 0.004: S = 6. Real
// level at 0.9: 3 + (0.05 - 0.04)/(0.05 - 0.02) = 3 1/3. Cycle service: P(X_2 <= 2) = 0.81,
// P(X_2 <= 3) = 0.97, P(X_2 <= 4) = 0.99, so 0.9 -> 3 and 0.98 -> 4.
TEST(BufferSizing, CompoundBinomialLossFunctionByHand) {
  const std::vector<double> sizes{1, 3};
  auto b = size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::fill_rate, 0.9);
  ASSERT_TRUE(b.ok()) << describe(b.problems());
  EXPECT_DOUBLE_EQ(b->order_up_to, 4.0);
  EXPECT_NEAR(b->expected_fill_rate, 0.95, 1e-12);
  EXPECT_NEAR(b->mean, 0.8, 1e-12);
  EXPECT_NEAR(b->sd, std::sqrt(1.68), 1e-12);
  EXPECT_NEAR(b->safety_stock, 3.2, 1e-12);
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::fill_rate, 0.8)->order_up_to, 3.0);
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::fill_rate, 0.99)->order_up_to, 6.0);
  EXPECT_NEAR(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::fill_rate, 0.9, true)->order_up_to,
              3.0 + 1.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::cycle_service_level, 0.9)->order_up_to,
                   3.0);
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::cycle_service_level, 0.98)->order_up_to,
                   4.0);
  // One period (X_0 = 0): G = E[(D - S)^+] = 0.2, 0.1 at S = 1, 2; 0.9 allows 0.04 -> S = 3.
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 1, ServiceGoal::fill_rate, 0.9)->order_up_to, 3.0);
}

// The forecast sets the chance of demand: a forecast of 0.04 with the same sizes is p = 0.02, one
// period is 0, 1, 3 with probabilities 0.98, 0.01, 0.01, P(X_2 = 1, 2, 3, 4, 6) = 0.0196, 0.0001,
// 0.0196, 0.0002, 0.0001, and
// E[(X_2 - 1)^+] = 0.0001 + 2(0.0196) + 3(0.0002) + 5(0.0001) = 0.0404, E[(X_1 - 1)^+] = 0.02, so
// G(1) = 0.0204 > 0.05 x 0.04 = 0.002; G(2) = (0.0196 + 2(0.0002) + 4(0.0001)) - 0.01 = 0.0104;
// G(3) = (0.0002 + 3(0.0001)) - 0 = 0.0005 <= 0.002: S = 3, one unit less than at p = 0.2
// for the 0.95 target (there G(3) = 0.05 > 0.02).
TEST(BufferSizing, CompoundBinomialLevelFollowsTheForecastsChanceOfDemand) {
  const std::vector<double> sizes{1, 3};
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.04, 2, ServiceGoal::fill_rate, 0.95)->order_up_to, 3.0);
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.4, 2, ServiceGoal::fill_rate, 0.95)->order_up_to, 4.0);
  // No forecast demand: nothing to hold.
  EXPECT_DOUBLE_EQ(size_buffer_compound_binomial(sizes, 0.0, 2, ServiceGoal::fill_rate, 0.95)->order_up_to, 0.0);
  EXPECT_EQ(size_buffer_compound_binomial(std::vector<double>{1.5}, 0.4, 2, ServiceGoal::fill_rate, 0.95)
                .problems()[0].path,
            "sizes");
  EXPECT_EQ(size_buffer_compound_binomial(std::vector<double>{}, 0.4, 2, ServiceGoal::fill_rate, 0.95).problems()[0].path,
            "sizes");
  EXPECT_EQ(size_buffer_compound_binomial(sizes, 0.4, 0, ServiceGoal::fill_rate, 0.95).problems()[0].path,
            "protection_periods");
}

TEST(BufferSizing, EmpiricalProblemsAreNamed) {
  EXPECT_EQ(size_buffer_empirical(std::vector<double>{1, 2.5, 0}, 1, ServiceGoal::fill_rate, 0.95).problems()[0].path,
            "demand");
  EXPECT_EQ(size_buffer_empirical(std::vector<double>{1, 2}, 2, ServiceGoal::fill_rate, 0.95).problems()[0].path,
            "demand");
  EXPECT_EQ(size_buffer_empirical(std::vector<double>{1, 2, 3}, 0, ServiceGoal::fill_rate, 0.95).problems()[0].path,
            "protection_periods");
  EXPECT_EQ(size_buffer_empirical(std::vector<double>{1, 2, 3}, 1, ServiceGoal::fill_rate, 1.0).problems()[0].path,
            "target");
  // No demand at all: nothing to hold.
  EXPECT_DOUBLE_EQ(size_buffer_empirical(std::vector<double>{0, 0, 0}, 1, ServiceGoal::fill_rate, 0.95)->order_up_to, 0.0);
}

TEST(BufferSizing, NoDemandNeedsNoStockAndBadInputsAreNamed) {
  BufferSizingInput in = normal_input(ServiceGoal::fill_rate, 0.95);
  in.forecast_per_period = in.horizon_forecast = 0.0;
  auto b = size_buffer(in);
  ASSERT_TRUE(b.ok());
  EXPECT_DOUBLE_EQ(b->order_up_to, 0.0);
  in.target = 1.0;
  EXPECT_EQ(size_buffer(in).problems()[0].path, "target");
}

}  // namespace
}  // namespace echelon::learn
