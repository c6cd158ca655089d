#include "core/risk/risk_analysis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/risk/generated_series.h"

namespace echelon::risk {
namespace {

std::vector<RiskItemInput> portfolio() {
  std::vector<RiskItemInput> items;
  for (const auto& g : generate_portfolio(120, 48, 0.4, 9)) {
    RiskItemInput in;
    in.item = g.id;
    in.demand = g.demand;
    in.stock = StockPosition{20.0, 5.0, 3.0};
    items.push_back(std::move(in));
  }
  return items;
}

TEST(RiskAnalysis, SlicedEqualsWhole) {
  auto whole = analyse_risk(portfolio());
  ASSERT_TRUE(whole.ok());
  auto run = RiskAnalysis::start(portfolio());
  ASSERT_TRUE(run.ok());
  RiskAnalysis& r = run.value();
  int steps = 0;
  while (!r.finished()) {
    const RiskProgress p = r.step({.max_work_units = 500});
    EXPECT_LE(p.work_done, 500 + 48);  // may overrun by one item's history
    ++steps;
  }
  EXPECT_GT(steps, 10);
  EXPECT_TRUE(r.model().calibrated);
  ASSERT_EQ(r.results().size(), whole->size());
  int flagged = 0;
  for (std::size_t i = 0; i < whole->size(); ++i) {
    EXPECT_EQ(r.results()[i].no_demand_probability, (*whole)[i].no_demand_probability);
    EXPECT_EQ(r.results()[i].flag.flagged, (*whole)[i].flag.flagged);
    flagged += (*whole)[i].flag.flagged;
  }
  EXPECT_GT(flagged, 0);
}

// Item A at two locations: north has died with 40 units on hand; south sells 1 unit every period
// with nothing on hand. TSB at south: with demand every observed period p = 1 and z = 1, so its
// expected demand over 12 periods is 12 units: room 12, and north's transfer moves 12 units.
TEST(RiskAnalysis, TransferGoesToAnotherLocationWithDemand) {
  std::vector<double> dead(36, 0.0), alive(36, 1.0);
  for (int t = 0; t < 12; ++t) dead[static_cast<std::size_t>(t)] = 2.0;
  std::vector<RiskItemInput> items{{"A", "north", dead, StockPosition{40.0, 0.0, 5.0}},
                                   {"A", "south", alive, StockPosition{0.0, 0.0, 5.0}},
                                   {"B", "north", alive, std::nullopt}};
  RiskAnalysisOptions o;
  o.rules.min_no_demand_probability.reset();
  o.rules.min_age_over_usual_gap = 3.0;
  auto r = analyse_risk(items, o);
  ASSERT_TRUE(r.ok());
  const ItemRisk& north = (*r)[0];
  EXPECT_TRUE(north.flag.flagged);
  EXPECT_NEAR(north.transfer_room_units, 12.0, 1e-9);
  ASSERT_TRUE(north.exposure.has_value());
  bool transfer = false;
  for (const auto& a : north.actions) {
    if (a.kind != ActionKind::transfer) continue;
    transfer = true;
    EXPECT_NEAR(a.units, 12.0, 1e-9);
    EXPECT_NEAR(a.cash_recovered, 60.0, 1e-9);
  }
  EXPECT_TRUE(transfer);
  EXPECT_FALSE((*r)[1].flag.flagged);
  EXPECT_FALSE((*r)[2].exposure.has_value());  // stock unknown
  EXPECT_TRUE((*r)[2].actions.empty());
}

TEST(RiskAnalysis, BadInputIsNamed) {
  std::vector<RiskItemInput> items{{"A", "", {1.0, -2.0}, StockPosition{-1.0, 0.0, 1.0}}};
  RiskAnalysisOptions o;
  o.score.horizon_periods = 0;
  o.actions.markdown_sell_through = 2.0;
  auto r = RiskAnalysis::start(items, o);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> paths;
  for (const auto& p : r.problems()) paths.push_back(p.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "score.horizon_periods"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "actions.markdown_sell_through"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "items/0/demand/1"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "items/0/stock/on_hand_units"), paths.end());
}

}  // namespace
}  // namespace echelon::risk
