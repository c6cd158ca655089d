#include "app/demand_detail.h"

#include <gtest/gtest.h>

#include <variant>

#include <cmath>
#include <limits>

#include "app/session.h"
#include "core/learn/demand_class.h"
#include "support/test_scenarios.h"

namespace echelon::app {
namespace {

constexpr double kZ95 = 1.6448536269514722;  // Phi^-1(0.95)

TEST(NormalAssumptionGap, PoissonDemandOverOnePeriod) {
  // Poisson(2): P(X <= 4) = e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 7 e^-2 = 0.9473 < 0.95 and
  // P(X <= 5) = 0.9834, so the learned level is 5. The normal of the same moments (mean 2,
  // sd sqrt 2) asks for 2 + 1.6449 * 1.4142 = 4.3262: it under-stocks by 0.6738.
  auto gap = normal_assumption_gap(dist::Poisson{2.0}, 2.0, std::sqrt(2.0), 1.0, 0.95);
  ASSERT_TRUE(gap.ok()) << describe(gap.problems());
  EXPECT_DOUBLE_EQ(gap->learned_level, 5.0);
  EXPECT_NEAR(gap->alternative_level, 4.326174, 1e-4);
  EXPECT_NEAR(gap->gap_units, -0.673826, 1e-4);
  EXPECT_EQ(stock_gap_phrase(gap->gap_units), "under-stock this item by 0.67 units");
}

TEST(NormalAssumptionGap, PoissonDemandOverFourPeriods) {
  // Four periods of Poisson(2) are Poisson(8): P(X <= 12) = 0.9362, P(X <= 13) = 0.9658, so 13.
  // Normal: 8 + 1.6449 * sqrt(8) = 12.6523.
  auto gap = normal_assumption_gap(dist::Poisson{2.0}, 2.0, std::sqrt(2.0), 4.0, 0.95);
  ASSERT_TRUE(gap.ok()) << describe(gap.problems());
  EXPECT_DOUBLE_EQ(gap->learned_level, 13.0);
  EXPECT_NEAR(gap->alternative_level, 12.652349, 1e-4);
  EXPECT_NEAR(gap->gap_units, -0.347651, 1e-4);
}

TEST(NormalAssumptionGap, ANormalLawHasNoGap) {
  auto gap = normal_assumption_gap(dist::Normal{10.0, 3.0}, 10.0, 3.0, 2.0, 0.9);
  ASSERT_TRUE(gap.ok());
  EXPECT_NEAR(gap->gap_units, 0.0, 1e-6);
  EXPECT_EQ(stock_gap_phrase(gap->gap_units), "hold the same stock");
}

TEST(MeanLeadTimeGap, IgnoringTheSpreadOfTheLeadTimeUnderStocks) {
  // mu 10, sigma 3, E[L] 4, sd[L] 1, z = 1.6449, H = 5:
  //   random lead time  50 + z sqrt(5 * 9 + 100 * 1) = 50 + 1.6449 * 12.0416 = 69.8067
  //   mean lead time    50 + z * 3 * sqrt(5)        = 50 + 11.0340         = 61.0340
  const BaseStockGap gap = mean_lead_time_gap(10.0, 3.0, 4.0, 1.0, kZ95);
  EXPECT_NEAR(gap.learned_level, 69.806661, 1e-5);
  EXPECT_NEAR(gap.alternative_level, 61.034014, 1e-5);
  EXPECT_NEAR(gap.gap_units, -8.772647, 1e-5);
  EXPECT_NEAR(gap.probability, 0.95, 1e-9);
  EXPECT_EQ(stock_gap_phrase(gap.gap_units), "under-stock this item by 8.77 units");
  // A fixed lead time: no gap.
  EXPECT_NEAR(mean_lead_time_gap(10.0, 3.0, 4.0, 0.0, kZ95).gap_units, 0.0, 1e-12);
}

TEST(PeriodLabel, StepsByThePeriod) {
  const std::optional<std::string> week_start = std::string("2022-01-03");
  EXPECT_EQ(period_label(week_start, 0, Period::week), "2022-01-03");
  EXPECT_EQ(period_label(week_start, 1, Period::week), "2022-01-10");
  EXPECT_EQ(period_label(week_start, 52, Period::week), "2023-01-02");  // 364 days later
  EXPECT_EQ(period_label(std::string("2024-02-28"), 2, Period::day), "2024-03-01");  // a leap year
  EXPECT_EQ(period_label(std::string("2024-11"), 3, Period::month), "2025-02");
  EXPECT_EQ(period_label(std::string("2024-01-31"), 1, Period::month), "2024-02-29");  // the month's last day
  EXPECT_EQ(period_label(std::string("12"), 3, Period::week), "15");
  EXPECT_EQ(period_label(std::nullopt, 0, Period::week), "1");
  EXPECT_EQ(period_label(std::nullopt, 9, Period::week), "10");
  EXPECT_EQ(period_label(std::string("2021-W01"), 2, Period::week), "2021-W01+2");
}

TEST(Histogram, WholeNumbersGetOneBinPerUnitAndTheExpectedCountsSumToN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Distribution law = dist::Poisson{2.0};
  const auto bins = histogram({0.0, 1.0, 1.0, 2.0, nan, 2.0, 2.0}, &law);
  ASSERT_EQ(bins.size(), 3u);
  EXPECT_DOUBLE_EQ(bins[0].low, -0.5);
  EXPECT_DOUBLE_EQ(bins[2].high, 2.5);
  EXPECT_EQ(bins[0].count, 1);
  EXPECT_EQ(bins[1].count, 2);
  EXPECT_EQ(bins[2].count, 3);
  // n = 6: 6 P(0) = 6 e^-2, 6 P(1) = 12 e^-2, the last bin takes the rest, 6 - 18 e^-2.
  EXPECT_NEAR(bins[0].expected_count, 0.812012, 1e-5);
  EXPECT_NEAR(bins[1].expected_count, 1.624023, 1e-5);
  EXPECT_NEAR(bins[2].expected_count, 3.563965, 1e-5);
}

TEST(Histogram, WideRangesGetRoundedBins) {
  // 0..100 in about 12 bins: a rough width of 8.3 rounds to 10 (whole numbers: bins from -0.5).
  const auto bins = histogram({0.0, 50.0, 100.0}, nullptr);
  ASSERT_EQ(bins.size(), 11u);
  EXPECT_DOUBLE_EQ(bins[0].low, -0.5);
  EXPECT_DOUBLE_EQ(bins[0].high, 9.5);
  EXPECT_EQ(bins[0].count, 1);
  EXPECT_EQ(bins[5].count, 1);
  EXPECT_EQ(bins[10].count, 1);
  EXPECT_DOUBLE_EQ(bins[10].expected_count, 0.0);
}

Scenario serial_with_history(std::vector<double> quantities) {
  Scenario s = fixtures::serial_two_stage();
  s.demands[0].per_period.reset();
  s.demands[0].history = History{std::string("2024-01-01"), std::move(quantities)};
  return s;
}

void run_to_end(AppSession& state) {
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) {
    state.begin_frame();
    state.step(50.0);
  }
}

TEST(AppSessionLearningDetail, ASelectedRowShowsItsHistoryForecastLawAndLeadTime) {
  // Intermittent demand in whole units: zeros between small orders.
  std::vector<double> q;
  for (int t = 0; t < 60; ++t) q.push_back(t % 3 == 0 ? static_cast<double>(1 + t % 4) : 0.0);
  AppSession state;
  state.editor().replace(serial_with_history(q), "test");
  run_to_end(state);
  ASSERT_EQ(state.history_rows().size(), 1u);
  EXPECT_FALSE(state.learning_detail().has_value());
  state.select_learning_row(0);
  ASSERT_TRUE(state.learning_detail().has_value());
  const DemandDetail& d = *state.learning_detail();
  EXPECT_EQ(d.item, "w");
  EXPECT_EQ(d.node, "store");
  ASSERT_EQ(d.quantities.size(), 60u);
  ASSERT_EQ(d.labels.size(), 60u + d.future.size());
  EXPECT_EQ(d.labels[0], "2024-01-01");
  EXPECT_EQ(d.labels[31], "2024-02-01");  // daily periods
  // Demand every third period: ADI = 58 / 20 (last demand at position 58 of 20 demands).
  const learn::DemandProfile profile = learn::demand_profile(std::span<const double>(q).subspan(static_cast<std::size_t>(d.first_period_used)));
  EXPECT_NEAR(d.adi, profile.adi, 1e-12);
  EXPECT_EQ(d.demand_class, std::string(learn::demand_class_name(profile.demand_class)));
  EXPECT_TRUE(d.learned);
  EXPECT_FALSE(d.law.empty());
  EXPECT_FALSE(d.forecast_method.empty());
  int counted = 0;
  double expected = 0.0;
  for (const HistogramBin& b : d.bins) {
    counted += b.count;
    expected += b.expected_count;
  }
  EXPECT_EQ(counted, static_cast<int>(q.size()) - d.first_period_used);
  EXPECT_NEAR(expected, counted, 1e-6);
  ASSERT_TRUE(d.normal_gap.has_value()) << d.normal_gap_note;
  EXPECT_GT(d.normal_gap->periods, 0.0);
  EXPECT_NEAR(d.normal_gap->gap_units, d.normal_gap->alternative_level - d.normal_gap->learned_level, 1e-12);

  // No receipts yet; then a file of three orders from the supplier taking 2, 3 and 4 periods.
  EXPECT_FALSE(state.receipts().has_value());
  EXPECT_FALSE(state.lead_time_detail().has_value());
  EXPECT_FALSE(state.open_receipts("r.csv", "supplier,order_date,receipt_date\nnobody,1,\n").ok());
  ASSERT_TRUE(state.open_receipts("r.csv", "supplier,order_date,receipt_date\nsup,1,3\nsup,2,5\nsup,4,8\n").ok());
  ASSERT_TRUE(state.lead_time_detail().has_value());
  const LeadTimeDetail& l = *state.lead_time_detail();
  EXPECT_EQ(l.receipts, 3);
  EXPECT_DOUBLE_EQ(l.mean_periods, 3.0);
  EXPECT_DOUBLE_EQ(l.sd_periods, 1.0);  // divisor n - 1: (1 + 0 + 1) / 2
  ASSERT_TRUE(l.mean_gap.has_value());
  EXPECT_LT(l.mean_gap->gap_units, 0.0);

  state.select_learning_row(-1);
  EXPECT_FALSE(state.learning_detail().has_value());
  EXPECT_EQ(state.selected_learning_row(), -1);

  // A history imported after the receipts plans with them: the same 2, 3 and 4 periods, each a third.
  HistoryImportSettings settings;
  settings.history.default_location = "dc";
  settings.unit_cost = 10.0;
  settings.lead_time_periods = 1.0;
  settings.receipts_csv = state.receipts()->text;
  ASSERT_TRUE(state.open_history("h.csv", "item,day,qty\nx,1,4\nx,2,6\nx,3,5\n", settings).ok());
  const Scenario& imported = state.editor().scenario();
  ASSERT_EQ(imported.arcs.size(), 1u);
  const auto* lead = std::get_if<dist::Discrete>(&imported.arcs[0].transit_time);
  ASSERT_NE(lead, nullptr);
  ASSERT_EQ(lead->outcomes.size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_DOUBLE_EQ(lead->outcomes[static_cast<std::size_t>(k)].value, 2.0 + k);
    EXPECT_DOUBLE_EQ(lead->outcomes[static_cast<std::size_t>(k)].probability, 1.0 / 3.0);
  }
}

}  // namespace
}  // namespace echelon::app
