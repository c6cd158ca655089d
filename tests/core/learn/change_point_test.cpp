#include "core/learn/change_point.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace echelon::learn {
namespace {

// z = 1 every period, k = 1/2: S+ climbs 0.5, 1, 1.5, 2, 2.5 and passes h = 2 at the fifth value.
TEST(ChangePoint, CusumByHand) {
  const std::vector<double> y{1, 1, 1, 1, 1, 1};
  auto r = cusum(y, {0.0, 1.0, 0.5, 2.0});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->alarms.size(), 1u);
  EXPECT_EQ(r->alarms[0], 4);
  EXPECT_TRUE(r->upward[0]);
  EXPECT_DOUBLE_EQ(r->upper[3], 2.0);
  EXPECT_DOUBLE_EQ(r->upper[4], 0.0);  // restarted
  EXPECT_DOUBLE_EQ(r->upper[5], 0.5);
  EXPECT_DOUBLE_EQ(r->lower[2], 0.0);
  const std::vector<double> down{-3, -3};
  auto d = cusum(down, {0.0, 1.0, 0.5, 4.0});
  ASSERT_EQ(d->alarms.size(), 1u);  // 2.5, then 5 > 4
  EXPECT_FALSE(d->upward[0]);
}

// Average run lengths of the two-sided CUSUM with k = 1/2, h = 5 (Montgomery, Introduction to
// Statistical Quality Control, chapter 9, ARL table for the tabular CUSUM): 465 in control,
// 10.4 after a shift of one sd. Siegmund's approximation gives 469 and 10.3.
double average_run_length(double shift, int runs, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  double total = 0.0;
  std::vector<double> y(6000);
  for (int r = 0; r < runs; ++r) {
    for (double& v : y) v = z(gen) + shift;
    auto result = cusum(y, {0.0, 1.0, 0.5, 5.0});
    total += result->alarms.empty() ? static_cast<double>(y.size()) : result->alarms[0] + 1.0;
  }
  return total / runs;
}

TEST(ChangePoint, CusumRunLengthsMatchThePublishedTable) {
  EXPECT_NEAR(average_run_length(0.0, 1500, 1), 465.0, 40.0);  // standard error about 12
  EXPECT_NEAR(average_run_length(1.0, 3000, 2), 10.4, 0.5);
}

// Six zeros then six tens, segments of at least six: the only split is after the sixth value,
// both segment variances are at the floor 1/12 and the whole variance is 25:
// LR = 12 ln 25 - 12 ln(1/12) = 12 ln 300 > 3 ln 12.
TEST(ChangePoint, LikelihoodRatioByHand) {
  std::vector<double> y(12, 0.0);
  for (int i = 6; i < 12; ++i) y[static_cast<std::size_t>(i)] = 10.0;
  const ChangeTest t = likelihood_ratio_change(y);
  EXPECT_TRUE(t.changed);
  EXPECT_EQ(t.split, 6);
  EXPECT_NEAR(t.statistic, 12.0 * std::log(300.0), 1e-9);
  EXPECT_NEAR(t.threshold, 3.0 * std::log(12.0), 1e-12);
  EXPECT_DOUBLE_EQ(t.mean_before, 0.0);
  EXPECT_DOUBLE_EQ(t.mean_after, 10.0);
}

TEST(ChangePoint, MissingValuesAreSkippedButSplitIndexesTheInput) {
  std::vector<double> y(12, 0.0);
  for (int i = 6; i < 12; ++i) y[static_cast<std::size_t>(i)] = 10.0;
  y.insert(y.begin() + 2, std::nan(""));
  const ChangeTest t = likelihood_ratio_change(y);
  EXPECT_TRUE(t.changed);
  EXPECT_EQ(t.split, 7);
}

TEST(ChangePoint, TooShortOrSteadyMeansNoChange) {
  EXPECT_FALSE(likelihood_ratio_change(std::vector<double>{1, 2, 3}).changed);
  const std::vector<double> alternating{1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3};
  ChangeTestOptions o;
  o.min_segment = 2;
  EXPECT_FALSE(likelihood_ratio_change(alternating, o).changed);
}

// Generated series with known change points: a level shift of 3 sd and a variance change
// (sd 1 to 4) are found within a few periods of the truth; stationary series rarely alarm.
TEST(ChangePoint, FindsKnownChangesInGeneratedSeries) {
  std::mt19937_64 gen(21);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> level(200), spread(200);
  for (int t = 0; t < 200; ++t) {
    level[static_cast<std::size_t>(t)] = (t < 120 ? 10.0 : 16.0) + 2.0 * z(gen);
    spread[static_cast<std::size_t>(t)] = 50.0 + (t < 80 ? 1.0 : 4.0) * z(gen);
  }
  const ChangeTest a = likelihood_ratio_change(level);
  EXPECT_TRUE(a.changed);
  EXPECT_NEAR(a.split, 120, 3);
  EXPECT_NEAR(a.mean_after - a.mean_before, 6.0, 1.0);
  const ChangeTest b = likelihood_ratio_change(spread);
  EXPECT_TRUE(b.changed);
  EXPECT_NEAR(b.sd_after / b.sd_before, 4.0, 1.0);
  // A change in spread alone is placed less precisely than a level shift (the first values after
  // it may well be small): over 30 series the median placement error is a few periods.
  std::vector<int> errors;
  for (int r = 0; r < 30; ++r) {
    for (int t = 0; t < 200; ++t) spread[static_cast<std::size_t>(t)] = 50.0 + (t < 80 ? 1.0 : 4.0) * z(gen);
    const ChangeTest c = likelihood_ratio_change(spread);
    errors.push_back(c.changed ? std::abs(c.split - 80) : 200);
  }
  std::nth_element(errors.begin(), errors.begin() + 15, errors.end());
  EXPECT_LE(errors[15], 4);
  int false_alarms = 0;
  std::vector<double> steady(120);
  for (int r = 0; r < 200; ++r) {
    for (double& v : steady) v = 30.0 + 3.0 * z(gen);
    false_alarms += likelihood_ratio_change(steady).changed;
  }
  EXPECT_LE(false_alarms, 20);
}

// Six periods with demand, then six without; segments of six: the only split is after the sixth.
// Whole: 6 of 12, l = 12 ln(1/2); each segment l = 0 (0 ln 0 = 0); LR = 24 ln 2 > 2 ln 12.
TEST(ChangePoint, OccurrenceChangeByHand) {
  const std::vector<double> y{3, 1, 2, 5, 1, 1, 0, 0, 0, 0, 0, 0};
  const ChangeTest t = occurrence_change(y);
  EXPECT_TRUE(t.changed);
  EXPECT_EQ(t.split, 6);
  EXPECT_NEAR(t.statistic, 24.0 * std::log(2.0), 1e-12);
  EXPECT_NEAR(t.threshold, 2.0 * std::log(12.0), 1e-12);
  EXPECT_DOUBLE_EQ(t.mean_before, 1.0);
  EXPECT_DOUBLE_EQ(t.mean_after, 0.0);
}

// One spike among zeros is a change of spread to the normal test, but not of the rate of demand.
TEST(ChangePoint, OneSpikeIsNoChangeInOccurrence) {
  std::vector<double> y(30, 0.0);
  y[20] = 48.0;
  y[5] = 3.0;
  EXPECT_FALSE(occurrence_change(y).changed);
}

// Intermittent demand whose probability of demand steps from 0.2 to 0.7 at period 60.
TEST(ChangePoint, FindsAKnownOccurrenceChange) {
  std::mt19937_64 gen(12);
  std::bernoulli_distribution low(0.2), high(0.7);
  std::vector<double> y(120);
  for (int t = 0; t < 120; ++t) y[static_cast<std::size_t>(t)] = (t < 60 ? low(gen) : high(gen)) ? 2.0 : 0.0;
  const ChangeTest c = occurrence_change(y);
  EXPECT_TRUE(c.changed);
  EXPECT_NEAR(c.split, 60, 6);
  EXPECT_NEAR(c.mean_before, 0.2, 0.1);
  EXPECT_NEAR(c.mean_after, 0.7, 0.1);
}

// mu0 = 1, r = 2: k = 1 / ln 2 = 1.442695; |E0[z]| = 1 - ln 2 = 0.306853, so for A = 370 the
// interval solves e^b - b - 1 = 113.5356: b = 4.78177 (e^4.78177 = 119.3173), h = b / ln 2 = 6.8986.
// Counts of 3 add 3 - k = 1.557305 each: 1.557, 3.115, 4.672, 6.229, then 7.787 >= h at the fifth.
TEST(ChangePoint, CountCusumByHand) {
  auto c = make_count_cusum(1.0, 2.0, 370.0);
  ASSERT_TRUE(c.ok()) << describe(c.problems());
  EXPECT_NEAR(c->reference_k, 1.442695, 1e-6);
  EXPECT_NEAR(c->interval_h, 6.8986, 1e-3);
  const double b = c->interval_h * std::log(2.0);
  EXPECT_NEAR(std::exp(b) - b - 1.0, 370.0 * (1.0 - std::log(2.0)), 1e-6);
  CountCusum watch = *c;
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(watch.step(3.0)) << i;
  EXPECT_NEAR(watch.sum, 4.0 * (3.0 - 1.442695), 1e-5);
  EXPECT_FALSE(watch.step(std::nan("")));  // a missing period changes nothing
  EXPECT_TRUE(watch.step(3.0));
  EXPECT_DOUBLE_EQ(watch.sum, 0.0);
  EXPECT_FALSE(watch.step(0.0));
  EXPECT_DOUBLE_EQ(watch.sum, 0.0);
}

// Run lengths by simulation: in control at least the stated 370 (Wald's approximation errs
// towards fewer false alarms), and a doubled rate found far sooner.
double count_run_length(double in_control_mean, double actual_mean, int runs, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::poisson_distribution<int> count(actual_mean);
  double total = 0.0;
  for (int r = 0; r < runs; ++r) {
    CountCusum watch = *make_count_cusum(in_control_mean);
    int t = 1;
    while (!watch.step(count(gen)) && t < 200000) ++t;
    total += t;
  }
  return total / runs;
}

TEST(ChangePoint, CountCusumRunLengths) {
  for (double mu0 : {0.05, 0.2, 1.0}) {
    EXPECT_GT(count_run_length(mu0, mu0, 400, 7), 370.0) << mu0;
    EXPECT_LT(count_run_length(mu0, 2.0 * mu0, 400, 8), 100.0) << mu0;
  }
}

TEST(ChangePoint, CountCusumProblems) {
  EXPECT_EQ(make_count_cusum(0.0).problems()[0].path, "in_control_mean");
  EXPECT_EQ(make_count_cusum(1.0, 1.0).problems()[0].path, "rise_ratio");
  EXPECT_EQ(make_count_cusum(1.0, 2.0, 0.5).problems()[0].path, "in_control_arl");
}

TEST(ChangePoint, CusumProblems) {
  auto r = cusum(std::vector<double>{1.0}, {0.0, 0.0, 0.5, 5.0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "reference_sd");
}

}  // namespace
}  // namespace echelon::learn
