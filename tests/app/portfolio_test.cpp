#include "app/portfolio.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "app/session.h"
#include "core/io/history_import.h"

namespace echelon::app {
namespace {

// Two items at one location over 24 months, and a third at a second location.
std::string history_text() {
  std::string text = "item,location,month,qty\n";
  for (int m = 0; m < 24; ++m) {
    const std::string month = std::to_string(2022 + m / 12) + "-" + (m % 12 + 1 < 10 ? "0" : "") + std::to_string(m % 12 + 1);
    text += "a,north," + month + "," + std::to_string(10 + (m % 3) * 2) + "\n";
    text += "b,north," + month + "," + std::string(m % 4 == 0 ? "6" : "0") + "\n";
    text += "c,south," + month + "," + std::to_string(4 + m % 2) + "\n";
  }
  return text;
}

void run_until_idle(AppSession& state) {
  for (int i = 0; i < 20000 && state.background_running(); ++i) {
    state.begin_frame();
    state.step(16.0);
  }
}

// The history opened with lead time 2, unit cost 4 and a 90% target, planned and simulated.
void open_with_settings(AppSession& state) {
  HistoryImportSettings settings;
  settings.lead_time_periods = 2.0;
  settings.unit_cost = 4.0;
  settings.service_target = 0.9;
  ASSERT_TRUE(state.open_history("h.csv", history_text(), settings).ok());
  run_until_idle(state);
}

TEST(Portfolio, RowsAndLocationTotalsFromAnImportedHistory) {
  AppSession state;
  ASSERT_NO_FATAL_FAILURE(open_with_settings(state));
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  ASSERT_TRUE(state.promise_report().has_value());
  const Portfolio p = build_portfolio(state.editor().scenario(), &state.plan().value(), &*state.promise_report());
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_TRUE(p.has_plan);
  EXPECT_TRUE(p.has_simulation);
  const PortfolioRow& a = p.rows[0];
  EXPECT_EQ(a.item, "a");
  EXPECT_EQ(a.location, "north");
  EXPECT_EQ(a.lead_time_periods, 2.0);
  EXPECT_NEAR(a.promised, 0.9, 1e-9);  // the customer-facing promise is the target itself
  EXPECT_GT(a.safety_stock, 0.0);
  EXPECT_EQ(a.value, 4.0 * a.safety_stock);
  EXPECT_EQ(a.flags, 0u);
  ASSERT_TRUE(a.simulated_fill.has_value());
  // The promise is judged on its own measure, the share of periods with nothing owed.
  ASSERT_TRUE(a.simulated_service.has_value());
  ASSERT_TRUE(a.verdict.has_value());
  EXPECT_EQ(*a.simulated_service, state.promise_report()->stages[static_cast<std::size_t>(a.stage)].simulated.mean);
  std::size_t kept = 0;
  for (const PortfolioRow& r : p.rows) kept += r.verdict && *r.verdict != PromiseVerdict::below ? 1 : 0;
  EXPECT_EQ(p.locations[0].meeting_promise + p.locations[1].meeting_promise, kept);
  // b sells in one month of four: ADI = 24 / 6 = 4 >= 1.32 and constant sizes (CV^2 = 0): intermittent.
  EXPECT_EQ(p.rows[1].demand_class, "intermittent");
  ASSERT_EQ(p.locations.size(), 2u);
  EXPECT_EQ(p.locations[0].location, "north");
  EXPECT_EQ(p.locations[0].items, 2u);
  EXPECT_DOUBLE_EQ(p.locations[0].safety_stock_value, p.rows[0].value + p.rows[1].value);
  // Demand-weighted fill: units met over units demanded.
  ASSERT_TRUE(p.locations[0].demand_weighted_fill.has_value());
  const double expected = (p.rows[0].mean_per_period * *p.rows[0].simulated_fill + p.rows[1].mean_per_period * *p.rows[1].simulated_fill) /
                          (p.rows[0].mean_per_period + p.rows[1].mean_per_period);
  EXPECT_NEAR(*p.locations[0].demand_weighted_fill, expected, 1e-12);
  EXPECT_DOUBLE_EQ(p.safety_stock_value, p.rows[0].value + p.rows[1].value + p.rows[2].value);

  const std::string csv = portfolio_csv(p, {2, 0});
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "item,location,demand_class,mean_per_period,cv,lead_time_periods,safety_stock,base_stock,value,promised,"
            "simulated,verdict,simulated_fill,flags");
  const std::size_t second_line = csv.find('\n') + 1;
  EXPECT_EQ(csv.substr(second_line, 8), "c,south,");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
}

// Totals by item category: a and b are brakes, c has no category; each group sums its rows and
// weights fill by demand, as the location totals do.
TEST(Portfolio, TotalsByCategory) {
  AppSession state;
  ASSERT_NO_FATAL_FAILURE(open_with_settings(state));
  ASSERT_TRUE(state.promise_report().has_value());
  Scenario s = state.editor().scenario();
  for (Item& item : s.items)
    if (item.id == "a" || item.id == "b") item.category = "brakes";
  const Portfolio p = build_portfolio(s, &state.plan().value(), &*state.promise_report());
  ASSERT_EQ(p.categories.size(), 2u);
  EXPECT_EQ(p.categories[0].location, "brakes");
  EXPECT_EQ(p.categories[0].items, 2u);
  EXPECT_DOUBLE_EQ(p.categories[0].safety_stock_value, p.rows[0].value + p.rows[1].value);
  EXPECT_EQ(p.categories[1].location, "");
  EXPECT_EQ(p.categories[1].items, 1u);
  ASSERT_TRUE(p.categories[0].demand_weighted_fill.has_value());
  const double expected = (p.rows[0].mean_per_period * *p.rows[0].simulated_fill + p.rows[1].mean_per_period * *p.rows[1].simulated_fill) /
                          (p.rows[0].mean_per_period + p.rows[1].mean_per_period);
  EXPECT_NEAR(*p.categories[0].demand_weighted_fill, expected, 1e-12);
  EXPECT_EQ(p.rows[0].category, "brakes");
}

TEST(Portfolio, LeftOutSettingsAreFlaggedAndTheCostIsZero) {
  AppSession state;
  ASSERT_TRUE(state.open_history("h.csv", history_text(), HistoryImportSettings{}).ok());
  run_until_idle(state);
  ASSERT_TRUE(state.plan().ok());
  const Portfolio p = build_portfolio(state.editor().scenario(), &state.plan().value(), nullptr);
  EXPECT_EQ(p.readiness.count_of(kFlagZeroLeadTime), 3u);
  EXPECT_EQ(p.readiness.count_of(kFlagZeroCost), 3u);
  EXPECT_EQ(p.readiness.count_of(kFlagNoTarget), 3u);
  EXPECT_EQ(p.readiness.count_of(kFlagShortHistory), 0u);
  EXPECT_EQ(state.plan()->multi_echelon.safety_stock_cost_per_year, 0.0);
  EXPECT_FALSE(p.rows[0].simulated_fill.has_value());
}

}  // namespace
}  // namespace echelon::app
