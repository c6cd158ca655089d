#include "core/risk/risk_rules.h"

#include <algorithm>

namespace echelon::risk {

RiskFlag apply_rules(const RiskRules& rules, const ItemSignals& s, double probability,
                     std::optional<double> cover_ratio) {
  RiskFlag flag;
  const auto at_least = [&](std::string_view name, const std::optional<double>& threshold, double value) {
    if (threshold && value >= *threshold) flag.fired.push_back({name, value, *threshold});
  };
  const auto at_most = [&](std::string_view name, const std::optional<double>& threshold, double value) {
    if (threshold && value <= *threshold) flag.fired.push_back({name, value, *threshold});
  };
  at_least("no_demand_probability", rules.min_no_demand_probability, probability);
  at_most("tsb_probability", rules.max_tsb_probability, s.tsb_probability);
  at_most("rate_drop_p_value", rules.max_rate_drop_p_value, s.rate_drop_p_value);
  if (s.demand_periods > 0) at_least("age_over_usual_gap", rules.min_age_over_usual_gap, s.age_over_usual_gap);
  if (cover_ratio) at_least("cover_ratio", rules.min_cover_ratio, *cover_ratio);
  at_most("forecast_trend", rules.max_forecast_trend, s.forecast_trend);
  flag.flagged = !flag.fired.empty() && static_cast<int>(flag.fired.size()) >= std::max(1, rules.min_rules_fired);
  return flag;
}

}  // namespace echelon::risk
