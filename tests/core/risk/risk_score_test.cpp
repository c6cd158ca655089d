#include "core/risk/risk_score.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/risk/generated_series.h"

namespace echelon::risk {
namespace {

TEST(RiskScore, SilentOverHorizonByHand) {
  const double nan = std::nan("");
  const std::vector<double> d{1, 0, 0, 2, 0, 0, nan, 0};
  EXPECT_EQ(silent_over_horizon(d, 1, 2), 1);   // periods 2, 3
  EXPECT_EQ(silent_over_horizon(d, 1, 3), 0);   // period 4 has demand
  EXPECT_EQ(silent_over_horizon(d, 4, 3), -1);  // period 7 is missing
  EXPECT_EQ(silent_over_horizon(d, 7, 2), -1);  // runs past the end
  EXPECT_EQ(silent_over_horizon(d, 7, 1), 1);
}

// 30 periods, first cut-off at 12 observed periods, H = 12: cut-offs 12..18 have a label
// (c + 12 <= 30). With demand only at period 5 all 7 are silent (1). Adding demand at period 20
// puts it inside every window c+1 .. c+12 (c + 1 <= 19 and 20 <= c + 12), so all 7 become 0.
TEST(RiskScore, TrainingRowsAndLabelsByHand) {
  std::vector<double> d(30, 0.0);
  d[4] = 1.0;
  ScoreOptions o;
  ScoreTrainingSet set;
  EXPECT_TRUE(append_training_rows(d, o, set).empty());
  ASSERT_EQ(set.rows(), 7u);
  for (unsigned char v : set.y) EXPECT_EQ(v, 1);
  d[19] = 2.0;
  ScoreTrainingSet busy;
  append_training_rows(d, o, busy);
  ASSERT_EQ(busy.rows(), 7u);
  for (unsigned char v : busy.y) EXPECT_EQ(v, 0);
  EXPECT_EQ(busy.x.size(), 7u * kScoreFeatures);
  o.cutoff_stride_periods = 3;  // cut-offs 12, 15, 18
  ScoreTrainingSet strided;
  append_training_rows(d, o, strided);
  EXPECT_EQ(strided.rows(), 3u);
}

TEST(RiskScore, TooLittleHistoryFallsBackToTsb) {
  std::vector<double> d(20, 0.0);
  d[2] = 1.0;
  ScoreTrainingSet set;
  ScoreOptions o;
  append_training_rows(d, o, set);
  auto m = fit_score_model(set, o);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->calibrated);
  ItemSignals s;
  s.tsb_probability = 0.1;
  EXPECT_NEAR(no_demand_probability(*m, s), std::pow(0.9, 12), 1e-15);
}

// A fitted logistic model with an intercept matches the training base rate exactly
// (calibration-in-the-large), and more silence means a higher score.
TEST(RiskScore, FittedOnGeneratedItemsIsCalibratedInTheLargeAndMonotoneInSilence) {
  const auto items = generate_portfolio(300, 48, 0.4, 5);
  ScoreTrainingSet set;
  ScoreOptions o;
  for (const auto& g : items) ASSERT_TRUE(append_training_rows(g.demand, o, set).empty());
  auto m = fit_score_model(set, o);
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(m->calibrated);
  double predicted = 0.0, observed = 0.0;
  for (std::size_t r = 0; r < set.rows(); ++r) {
    predicted += logistic_predict(m->logistic, std::span<const double>(set.x).subspan(r * kScoreFeatures, kScoreFeatures));
    observed += set.y[r];
  }
  const double rows = static_cast<double>(set.rows());
  EXPECT_NEAR(predicted / rows, observed / rows, 1e-6);

  // One item selling every second period, then silent for longer and longer.
  std::vector<double> d;
  for (int t = 0; t < 24; ++t) d.push_back(t % 2 == 0 ? 2.0 : 0.0);
  double previous = -1.0;
  for (int quiet = 0; quiet <= 12; quiet += 3) {
    std::vector<double> h = d;
    h.insert(h.end(), static_cast<std::size_t>(quiet), 0.0);
    const double p = no_demand_probability(*m, compute_signals(h).value());
    EXPECT_GT(p, previous) << quiet;
    previous = p;
  }
  EXPECT_GT(previous, 0.8);
}

TEST(RiskScore, ReliabilityTableAndBrierByHand) {
  const std::vector<double> p{0.05, 0.15, 0.12, 0.95, 1.0};
  const std::vector<unsigned char> y{0, 1, 0, 1, 1};
  const auto t = reliability_table(p, y, 10);
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[0].rows, 1);
  EXPECT_EQ(t[1].rows, 2);
  EXPECT_NEAR(t[1].mean_predicted, 0.135, 1e-15);
  EXPECT_DOUBLE_EQ(t[1].observed_share, 0.5);
  EXPECT_EQ(t[9].rows, 2);  // 1.0 falls in the last bin
  EXPECT_DOUBLE_EQ(t[9].observed_share, 1.0);
  EXPECT_EQ(t[5].rows, 0);
  // (0.05^2 + 0.85^2 + 0.12^2 + 0.05^2 + 0) / 5
  EXPECT_NEAR(brier_score(p, y), (0.0025 + 0.7225 + 0.0144 + 0.0025) / 5.0, 1e-15);
}

}  // namespace
}  // namespace echelon::risk
