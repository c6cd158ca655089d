#include "core/model/model.h"

#include <gtest/gtest.h>

#include <limits>

namespace echelon {
namespace {

TEST(Model, NamesRoundTrip) {
  for (Period p : {Period::day, Period::week, Period::month}) EXPECT_EQ(parse_period(period_name(p)), p);
  for (PolicyKind k : {PolicyKind::base_stock, PolicyKind::r_s, PolicyKind::s_s, PolicyKind::r_q})
    EXPECT_EQ(parse_policy_kind(policy_kind_name(k)), k);
  for (ServiceMeasure m : {ServiceMeasure::cycle_service_level, ServiceMeasure::fill_rate,
                           ServiceMeasure::backorder_cost_per_unit_period, ServiceMeasure::stockout_cost_per_unit})
    EXPECT_EQ(parse_service_measure(service_measure_name(m)), m);
  for (ShortageRule r : {ShortageRule::backorders, ShortageRule::lost_sales})
    EXPECT_EQ(parse_shortage_rule(shortage_rule_name(r)), r);
  for (HoldingCostBasis b : {HoldingCostBasis::annual_rate_of_value, HoldingCostBasis::per_unit_period})
    EXPECT_EQ(parse_holding_cost_basis(holding_cost_basis_name(b)), b);
  EXPECT_FALSE(parse_period("fortnight").has_value());
  EXPECT_FALSE(parse_policy_kind("rs").has_value());
}

// 25% a year on a unit worth 52 is 13 a year: 0.25 a week, 1.0833 a month, 13/365 a day.
TEST(Model, HoldingCostPerPeriod) {
  const HoldingCost rate{HoldingCostBasis::annual_rate_of_value, 0.25};
  EXPECT_DOUBLE_EQ(holding_cost_per_unit_period(rate, 52.0, Period::week), 0.25);
  EXPECT_DOUBLE_EQ(holding_cost_per_unit_period(rate, 52.0, Period::month), 13.0 / 12.0);
  EXPECT_DOUBLE_EQ(holding_cost_per_unit_period(rate, 52.0, Period::day), 13.0 / 365.0);
  const HoldingCost flat{HoldingCostBasis::per_unit_period, 0.7};
  EXPECT_DOUBLE_EQ(holding_cost_per_unit_period(flat, 1000.0, Period::day), 0.7);
}

// A period with no record (NaN) is the same data in two histories; a recorded value is not.
TEST(Model, HistoriesWithTheSameMissingPeriodsAreEqual) {
  const double missing = std::numeric_limits<double>::quiet_NaN();
  const History a{std::string("2021-01"), {3.0, missing, 5.0}};
  History b = a;
  EXPECT_EQ(a, b);
  b.quantities[1] = 0.0;
  EXPECT_NE(a, b);
  b.quantities[1] = missing;
  b.quantities[2] = 6.0;
  EXPECT_NE(a, b);
  b.quantities[2] = 5.0;
  b.start = "2021-02";
  EXPECT_NE(a, b);
  b.start = a.start;
  b.quantities.push_back(missing);
  EXPECT_NE(a, b);
}

TEST(Model, FindById) {
  Scenario s;
  s.items.push_back({"a", "A", 1.0, {}, {}, {}});
  s.items.push_back({"b", "B", 2.0, {}, {}, {}});
  Node n;
  n.id = "dc";
  s.nodes.push_back(n);
  EXPECT_EQ(find_item(s, "b"), 1u);
  EXPECT_FALSE(find_item(s, "c").has_value());
  EXPECT_EQ(find_node(s, "dc"), 0u);
  EXPECT_FALSE(find_node(s, "a").has_value());
}

}  // namespace
}  // namespace echelon
