#include "core/risk/backtest.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/risk/generated_series.h"

namespace echelon::risk {
namespace {

std::vector<BacktestSeries> generated(int count) {
  std::vector<BacktestSeries> series;
  for (const auto& g : generate_portfolio(count, 48, 0.5, 77)) series.push_back({g.id, g.demand});
  return series;
}

TEST(Backtest, MedianAndSplit) {
  EXPECT_EQ(median({}), 0.0);
  EXPECT_EQ(median({3, 1, 2}), 2.0);
  EXPECT_EQ(median({4, 1, 3, 2}), 2.5);
  int train = 0;
  for (int i = 0; i < 1000; ++i) train += is_training_item("item-" + std::to_string(i));
  EXPECT_NEAR(train, 500, 60);  // a fair split (sd 16)
  EXPECT_EQ(is_training_item("21029627"), is_training_item("21029627"));
}

// The baseline's held-out precision, recall and deaths, recomputed here by brute force from the
// definitions in backtest.h: with one split, over the held-out side; with cross-fitting, over
// every item.
void check_baseline(bool cross_fit) {
  const auto series = generated(200);
  BacktestOptions o;
  o.cross_fit = cross_fit;
  auto r = run_backtest(series, o);
  ASSERT_TRUE(r.ok());
  int flags = 0, true_flags = 0, obsolete = 0, deaths = 0;
  for (const auto& s : series) {
    if (!cross_fit && is_training_item(s.id)) continue;
    const int n = static_cast<int>(s.demand.size());
    for (int c = 12; c + 12 <= n; ++c) {  // no missing values: cut-off c has c observed periods
      bool silent_before = true, silent_after = true;
      for (int t = c - 12; t < c; ++t) silent_before &= s.demand[static_cast<std::size_t>(t)] == 0.0;
      for (int t = c; t < c + 12; ++t) silent_after &= s.demand[static_cast<std::size_t>(t)] == 0.0;
      flags += silent_before;
      true_flags += silent_before && silent_after;
      obsolete += silent_after;
    }
    int last = 0;
    for (int t = 0; t < n; ++t)
      if (s.demand[static_cast<std::size_t>(t)] > 0) last = t + 1;
    deaths += last > 0 && last + 12 <= n;
  }
  EXPECT_EQ(r->baseline.flags, flags);
  EXPECT_EQ(r->baseline.true_flags, true_flags);
  EXPECT_EQ(r->baseline.obsolete_rows, obsolete);
  EXPECT_EQ(r->baseline.deaths, deaths);
  // The baseline's own lead is 0 on every dead item, by definition.
  EXPECT_EQ(r->baseline.lead_items, deaths);
  EXPECT_EQ(r->baseline.median_lead_periods, 0.0);
  EXPECT_EQ(r->baseline.mean_lead_periods, 0.0);
  EXPECT_EQ(r->evaluated_rows, cross_fit ? r->train_rows + r->test_rows : r->test_rows);
}

TEST(Backtest, BaselineMatchesBruteForceOnOneSplit) { check_baseline(false); }
TEST(Backtest, BaselineMatchesBruteForceCrossFitted) { check_baseline(true); }

TEST(Backtest, TunedRulesMeetTheTargetOnTrainingAndLeadsAreBounded) {
  auto r = run_backtest(generated(400));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->model.calibrated);
  std::vector<RuleReport> rules = r->signals;
  rules.push_back(r->score);
  ASSERT_EQ(r->fold_target_precisions.size(), 2u);
  for (const auto& rule : rules) {
    ASSERT_EQ(rule.fold_thresholds.size(), 2u);
    if (rule.precision_target_met) {  // each fold meets its own target, so the pool meets the smaller
      EXPECT_GE(rule.train_precision,
                std::min(r->fold_target_precisions[0], r->fold_target_precisions[1]) + 0.01 - 1e-12)
          << rule.name;
    }
    EXPECT_LE(rule.median_lead_periods, 12.0) << rule.name;
    EXPECT_LE(rule.lead_items, rule.deaths) << rule.name;
  }
  // On generated deaths the calibrated score warns well before the 12-period rule.
  EXPECT_GE(r->score.median_lead_periods, 3.0);
  int rows = 0;
  for (const auto& b : r->reliability) rows += b.rows;
  EXPECT_EQ(rows, r->evaluated_rows);
}

// Calibrating only on outcomes known at each cut-off: the evaluation starts at the first cut-off
// with a fitted model in both folds. Rows start at cut-off 12 and their outcome is known 12
// periods later, so at cut-off 24 each side has its ~100 rows of cut-off 12 (more than the 50
// needed): evaluation from 24 on, i.e. the labelled cut-offs 24..36 of 48 periods, 13 per item.
TEST(Backtest, TimeRespectingCalibration) {
  const auto series = generated(200);
  BacktestOptions strict;
  strict.calibration = CalibrationData::other_items_before_cutoff;
  auto b = run_backtest(series, strict);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->first_evaluated_cutoff, 24);
  EXPECT_TRUE(b->model.calibrated);  // the model of the last cut-off
  EXPECT_EQ(b->evaluated_rows, 200 * 13);
}

TEST(Backtest, BadInputIsNamed) {
  BacktestOptions o;
  o.obsolete_horizon_periods = 0;
  auto r = run_backtest(generated(10), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "obsolete_horizon_periods");
  std::vector<BacktestSeries> one{{"a", {1, 0, 0}}};
  EXPECT_FALSE(run_backtest(one).ok());
  auto bad = generated(20);
  bad[3].demand[5] = -1.0;
  auto b = run_backtest(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.problems()[0].path, bad[3].id + ": period 6");
}

}  // namespace
}  // namespace echelon::risk
