// The newsvendor: one period, stock S chosen before demand X is seen; each unit left over costs
// h (overage), each unit short costs b (underage). The expected cost
//   g(S) = h E[(S - X)^+] + b E[(X - S)^+] = h (S - E[X]) + (h + b) G1(S)
// is convex and minimised at the critical fractile F(S*) = b / (b + h) (for whole-unit demand:
// the smallest S with F(S) >= b / (b + h)); for normal demand g(S*) = (h + b) sd phi(z*)
// (Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., 4.3; Porteus 1990).
// Demand may be any model of lead_time_demand.h (normal, gamma, Poisson, negative binomial,
// empirical), chosen by the same rule unless forced.
#pragma once

#include "core/policy/lead_time_demand.h"
#include "core/base/result.h"

namespace echelon {

struct NewsvendorInput {
  PeriodDemand demand;
  double holding_cost_per_unit = 0.0;    // h: overage cost per unit left over
  double backorder_cost_per_unit = 0.0;  // b: underage cost per unit short
  LeadTimeDemandModel model = LeadTimeDemandModel::automatic;
};

struct NewsvendorResult {
  LeadTimeDemand demand;                // the one-period demand model used
  double critical_ratio = 0.0;          // b / (b + h)
  double order_up_to_level = 0.0;       // S*
  double expected_cost = 0.0;           // g(S*)
  double expected_left_over_units = 0.0;  // E[(S - X)^+]
  double expected_short_units = 0.0;      // E[(X - S)^+]
  double cycle_service_level = 0.0;     // P(X <= S*)
  double fill_rate = 0.0;               // 1 - E[(X - S)^+] / E[X]
};

Problems validate(const NewsvendorInput& input);
Result<NewsvendorResult> compute_newsvendor(const NewsvendorInput& input);

// g(S) for a demand model and costs.
double newsvendor_cost(const LeadTimeDemand& demand, double holding_cost_per_unit, double backorder_cost_per_unit,
                       double level);

}  // namespace echelon
