#include "core/risk/risk_rules.h"

#include <gtest/gtest.h>

namespace echelon::risk {
namespace {

ItemSignals quiet_item() {
  ItemSignals s;
  s.demand_periods = 10;
  s.tsb_probability = 0.04;
  s.rate_drop_p_value = 0.003;
  s.age_over_usual_gap = 5.0;
  s.forecast_trend = -0.6;
  return s;
}

TEST(RiskRules, DefaultIsTheScoreAlone) {
  const RiskRules rules;
  auto below = apply_rules(rules, quiet_item(), 0.49, 10.0);
  EXPECT_FALSE(below.flagged);
  EXPECT_TRUE(below.fired.empty());
  auto above = apply_rules(rules, quiet_item(), 0.5, 10.0);
  ASSERT_TRUE(above.flagged);
  ASSERT_EQ(above.fired.size(), 1u);
  EXPECT_EQ(above.fired[0].rule, "no_demand_probability");
  EXPECT_DOUBLE_EQ(above.fired[0].threshold, 0.5);
}

TEST(RiskRules, EveryRuleReportsItsValueAndTwoMustFire) {
  RiskRules rules;
  rules.min_no_demand_probability.reset();
  rules.max_tsb_probability = 0.05;
  rules.max_rate_drop_p_value = 0.001;  // 0.003 does not fire
  rules.min_age_over_usual_gap = 3.0;
  rules.min_cover_ratio = 2.0;
  rules.max_forecast_trend = -0.5;
  rules.min_rules_fired = 2;
  auto f = apply_rules(rules, quiet_item(), 0.1, std::nullopt);  // unknown stock: no cover rule
  ASSERT_TRUE(f.flagged);
  ASSERT_EQ(f.fired.size(), 3u);
  EXPECT_EQ(f.fired[0].rule, "tsb_probability");
  EXPECT_EQ(f.fired[1].rule, "age_over_usual_gap");
  EXPECT_DOUBLE_EQ(f.fired[1].value, 5.0);
  EXPECT_EQ(f.fired[2].rule, "forecast_trend");
  auto with_cover = apply_rules(rules, quiet_item(), 0.1, 2.5);
  EXPECT_EQ(with_cover.fired.size(), 4u);

  RiskRules one;
  one.min_no_demand_probability.reset();
  one.max_tsb_probability = 0.05;
  one.min_rules_fired = 2;
  EXPECT_FALSE(apply_rules(one, quiet_item(), 0.1, std::nullopt).flagged);
}

TEST(RiskRules, NoRulesNoFlag) {
  RiskRules none;
  none.min_no_demand_probability.reset();
  none.min_rules_fired = 0;
  EXPECT_FALSE(apply_rules(none, quiet_item(), 1.0, 100.0).flagged);
}

}  // namespace
}  // namespace echelon::risk
