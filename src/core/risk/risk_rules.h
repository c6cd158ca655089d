// The flag rules a user tunes: each rule compares one number of an item with a threshold, and
// an item is flagged when at least `min_rules_fired` of the enabled rules fire. Every fired rule
// is reported with its value and threshold, so a flag always says why.
//
// Rules (a rule left empty is off):
//   no_demand_probability >= threshold   the calibrated risk score (risk_score.h)
//   tsb_probability       <= threshold   TSB's chance of demand next period
//   rate_drop_p_value     <= threshold   the recent demand frequency dropped (rate_drop.h)
//   age_over_usual_gap    >= threshold   silent for this many usual gaps
//   cover_ratio           >= threshold   stock covers this many horizons of expected demand
//                                        (only for items whose stock is known)
//   forecast_trend        <= threshold   the forecast fell by this share over the window
// The default is the score alone at 0.5: flag an item once it is more likely than not to sell
// nothing over the horizon. The threshold trades lead time against precision; the backtest
// (backtest.h, docs/obsolescence.md) shows the trade on a business's own history (on the car
// parts data, matching the 12-period rule's precision takes a threshold near 0.15, because
// that rule is right only a quarter of the time there).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/risk/signals.h"

namespace echelon::risk {

struct RiskRules {
  std::optional<double> min_no_demand_probability = 0.5;
  std::optional<double> max_tsb_probability;
  std::optional<double> max_rate_drop_p_value;
  std::optional<double> min_age_over_usual_gap;
  std::optional<double> min_cover_ratio;
  std::optional<double> max_forecast_trend;
  int min_rules_fired = 1;
};

struct RuleHit {
  std::string_view rule;  // "no_demand_probability", "tsb_probability", ...
  double value = 0.0;
  double threshold = 0.0;
};

struct RiskFlag {
  bool flagged = false;
  std::vector<RuleHit> fired;
};

// `cover_ratio`: nothing when the stock is unknown (the cover rule then cannot fire).
RiskFlag apply_rules(const RiskRules& rules, const ItemSignals& signals, double no_demand_probability,
                     std::optional<double> cover_ratio);

}  // namespace echelon::risk
