#include "core/learn/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace echelon::learn {
namespace {

// By hand, a = 0.5: level 10, then 10 + 0.5 (12 - 10) = 11, then 11 + 0.5 (8 - 11) = 9.5.
TEST(Forecast, SesByHand) {
  const std::vector<double> y{10, 12, 8};
  auto p = run_forecast(y, ForecastMethod::ses, {0.5, 0.5});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(std::isnan(p->one_step[0]));
  EXPECT_DOUBLE_EQ(p->one_step[1], 10.0);
  EXPECT_DOUBLE_EQ(p->one_step[2], 11.0);
  EXPECT_DOUBLE_EQ(p->next, 9.5);
  EXPECT_DOUBLE_EQ(p->total_over(3), 28.5);
}

// By hand, a = c = 0.5: (l, b) = (10, 0); then l = 0.5*12 + 0.5*10 = 11, b = 0.5*1 = 0.5;
// then forecast 11.5, l = 0.5*15 + 0.5*11.5 = 13.25, b = 0.5*2.25 + 0.5*0.5 = 1.375.
// Next three periods: 14.625 + 16 + 17.375 = 48.
TEST(Forecast, HoltByHand) {
  const std::vector<double> y{10, 12, 15};
  auto p = run_forecast(y, ForecastMethod::holt, {0.5, 0.5});
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p->one_step[1], 10.0);
  EXPECT_DOUBLE_EQ(p->one_step[2], 11.5);
  EXPECT_DOUBLE_EQ(p->next, 14.625);
  EXPECT_DOUBLE_EQ(p->trend, 1.375);
  EXPECT_DOUBLE_EQ(p->total_over(3), 48.0);
  // From before period 2: 11.5 + 12 = 23.5 over two periods (trend 0.5 then).
  EXPECT_DOUBLE_EQ(p->total_from(2, 2), 23.5);
}

TEST(Forecast, HoltNeverForecastsBelowZero) {
  const std::vector<double> y{30, 20, 10, 0, 0};
  auto p = run_forecast(y, ForecastMethod::holt, {0.9, 0.9});
  ASSERT_TRUE(p.ok());
  EXPECT_GE(p->next, 0.0);
  EXPECT_GE(p->total_over(5), 0.0);
}

TEST(Forecast, IntermittentMethodsMatchTheirModule) {
  // Croston with a = 0.5 on 0 3 0 0 5 0 (intermittent_test.cpp): 1.6 next.
  const std::vector<double> y{0, 3, 0, 0, 5, 0};
  auto p = run_forecast(y, ForecastMethod::croston, {0.5, 0.5});
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p->next, 1.6);
  EXPECT_DOUBLE_EQ(p->total_over(2), 3.2);
  auto none = run_forecast(std::vector<double>{0, 0, 0}, ForecastMethod::sba, {0.5, 0.5});
  ASSERT_TRUE(none.ok());
  EXPECT_DOUBLE_EQ(none->next, 0.0);
}

// Series 0, 2, 1 under SES: errors 2 and 1 - 2a, least squares at a = 1/2.
TEST(Forecast, WeightsByHand) {
  const std::vector<double> y{0, 2, 1};
  EXPECT_NEAR(fit_weights(y, ForecastMethod::ses).alpha, 0.5, 1e-3);
}

// The fitted weight beats every weight on a fine scan (brute force).
TEST(Forecast, FittedWeightBeatsAFineScan) {
  std::mt19937_64 gen(3);
  std::normal_distribution<double> noise(0.0, 5.0);
  std::vector<double> y(80);
  double level = 50.0;
  for (double& v : y) {
    level += noise(gen) * 0.4;
    v = std::max(0.0, level + noise(gen));
  }
  const SmoothingWeights w = fit_weights(y, ForecastMethod::ses);
  const double best = mean_square_error(y, *run_forecast(y, ForecastMethod::ses, w), 0);
  for (double a = 0.001; a <= 1.0; a += 0.001) {
    EXPECT_LE(best, mean_square_error(y, *run_forecast(y, ForecastMethod::ses, {a, a}), 0) + 1e-9) << a;
  }
}

// A local-level series (random walk plus noise, signal-to-noise ratio q = 1) has the optimal
// SES weight a = (-q + sqrt(q^2 + 4q)) / 2 = 0.618 (Harvey 1989, "Forecasting, structural time
// series models and the Kalman filter", chapter 2: the steady-state gain of the local level model).
TEST(Forecast, RecoversTheLocalLevelWeight) {
  std::mt19937_64 gen(11);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> y(5000);
  double level = 1000.0;
  for (double& v : y) {
    level += z(gen);
    v = level + z(gen);
  }
  EXPECT_NEAR(fit_weights(y, ForecastMethod::ses).alpha, 0.618, 0.04);
}

// Independent normal demand (mean 100, sd 10): the rolling-origin one-step error sd is near
// 10 sqrt(1 + a / (2 - a)) for small a, and over H = 4 periods near 10 sqrt(4) = 20 (plus a little
// for the level's own error, 4^2 a / (2 - a) * 100).
TEST(Forecast, RollingOriginErrorOfIndependentDemand) {
  std::mt19937_64 gen(5);
  std::normal_distribution<double> d(100.0, 10.0);
  std::vector<double> y(600);
  for (double& v : y) v = d(gen);
  ForecastOptions o;
  o.methods = {ForecastMethod::ses};
  o.horizon_periods = 4;
  auto s = select_forecast(y, o);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->one_step_error_sd, 10.0, 1.0);
  EXPECT_FALSE(s->horizon_from_one_step);
  EXPECT_NEAR(s->horizon_error_sd, 20.0, 2.5);
  EXPECT_NEAR(s->forecast_per_period, 100.0, 3.0);
}

// The aggregation by hand: origins from 6 on, errors of the two-period totals.
TEST(Forecast, RollingOriginTotalsByHand) {
  const std::vector<double> y{5, 7, 6, 8, 6, 7, 9, 5, 8, 6, 7};
  ForecastOptions o;
  o.methods = {ForecastMethod::ses};
  o.horizon_periods = 2;
  o.first_origin = 6;
  o.min_horizon_origins = 2;
  auto s = select_forecast(y, o);
  ASSERT_TRUE(s.ok());
  auto path = run_forecast(y, ForecastMethod::ses, s->candidates[0].weights);
  double sum_sq = 0.0, sum = 0.0, sq1 = 0.0;
  for (std::size_t t = 6; t + 2 <= y.size(); ++t) {
    const double e = y[t] + y[t + 1] - 2.0 * path->one_step[t];
    sum += e;
    sum_sq += e * e;
  }
  for (std::size_t t = 6; t < y.size(); ++t) sq1 += (y[t] - path->one_step[t]) * (y[t] - path->one_step[t]);
  EXPECT_EQ(s->horizon_origins, 4);
  EXPECT_NEAR(s->horizon_error_sd, std::sqrt(sum_sq / 4.0), 1e-12);
  EXPECT_NEAR(s->horizon_error_mean, sum / 4.0, 1e-12);
  EXPECT_NEAR(s->one_step_error_sd, std::sqrt(sq1 / 5.0), 1e-12);
  // With too few origins the one-step spread is scaled instead, and says so.
  o.min_horizon_origins = 10;
  auto scaled = select_forecast(y, o);
  ASSERT_TRUE(scaled.ok());
  EXPECT_TRUE(scaled->horizon_from_one_step);
  EXPECT_NEAR(scaled->horizon_error_sd, scaled->one_step_error_sd * std::sqrt(2.0), 1e-12);
}

TEST(Forecast, ChoosesHoltForATrendAndAnIntermittentMethodForSparseDemand) {
  std::mt19937_64 gen(8);
  std::normal_distribution<double> noise(0.0, 3.0);
  std::vector<double> trend(60);
  for (std::size_t t = 0; t < trend.size(); ++t) trend[t] = 20.0 + 2.0 * static_cast<double>(t) + noise(gen);
  auto holt = select_forecast(trend);
  ASSERT_TRUE(holt.ok());
  EXPECT_EQ(holt->method, ForecastMethod::holt);
  EXPECT_NEAR(holt->forecast_per_period, 20.0 + 2.0 * 60.0, 8.0);

  std::bernoulli_distribution occurs(0.25);
  std::poisson_distribution<int> size(4.0);
  std::vector<double> sparse(80);
  for (double& v : sparse) v = occurs(gen) ? 1.0 + size(gen) : 0.0;
  auto s = select_forecast(sparse);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->candidates.size(), 3u);  // Croston, SBA, TSB for intermittent demand
  EXPECT_NEAR(s->forecast_per_period, 0.25 * 5.0, 0.8);
}

TEST(Forecast, Problems) {
  EXPECT_EQ(run_forecast(std::vector<double>{1, 2}, ForecastMethod::ses, {0.0, 0.5}).problems()[0].path, "alpha");
  EXPECT_EQ(run_forecast(std::vector<double>{1, -2}, ForecastMethod::holt, {0.5, 0.5}).problems()[0].path, "period 2");
  EXPECT_EQ(select_forecast(std::vector<double>{1, 2, 3}).problems()[0].path, "series");
  ForecastOptions o;
  o.horizon_periods = 0;
  EXPECT_EQ(select_forecast(std::vector<double>(20, 1.0), o).problems()[0].path, "horizon_periods");
}

}  // namespace
}  // namespace echelon::learn
