// One entry point for a single stocking location: everything a planner's panel shows, from one
// plain input. It picks the policy module (base_stock.h, r_Q_policy.h, s_S_policy.h), which sizes
// the buffer for the target through safety_stock.h, and adds the chart points of the lead-time
// demand and the reason for the distribution used.
#pragma once

#include <string>
#include <vector>

#include "core/policy/lead_time_demand.h"
#include "core/base/result.h"
#include "core/policy/safety_stock.h"

namespace echelon {

enum class SingleLocationPolicy {
  base_stock,  // (R, S); continuous one-for-one when R = 0
  r_Q,         // (r, Q) / (R, r, nQ)
  s_S,         // (R, s, S), R >= 1
};

struct SingleLocationInput {
  PeriodDemand demand;
  LeadTimeSpec lead_time;
  double review_period_periods = 1.0;  // whole periods; 0 = continuous review
  LeadTimeDemandModel model = LeadTimeDemandModel::automatic;
  ServiceTargetKind target_kind = ServiceTargetKind::cycle_service_level;
  double target_value = 0.95;
  double holding_cost_per_unit_period = 0.0;
  double backorder_cost_per_unit_period = 0.0;
  double shortage_cost_per_unit = 0.0;
  double lost_sale_cost_per_unit = 0.0;
  double order_cost_per_order = 0.0;
  SingleLocationPolicy policy = SingleLocationPolicy::base_stock;
  double lot_size_units = 0.0;  // Q for r_Q, S - s for s_S; 0 = from the EOQ
  bool clamp_negative_to_zero = false;
};

struct SingleLocationPlan {
  SingleLocationPolicy policy = SingleLocationPolicy::base_stock;
  double reorder_level = 0.0;     // r or s (equal to S for base-stock)
  double order_up_to_level = 0.0; // S (r + Q for r_Q: the top of the position's range)
  double lot_size_units = 0.0;    // Q or S - s (0 for base-stock)
  BufferResult buffer;            // safety stock, split, safety factor, achieved KPIs, warnings
  std::string model_reason;       // why the lead-time-demand model was chosen
  double orders_per_period = 0.0;
  double expected_cost_per_period = 0.0;  // ordering + holding + shortage
  std::vector<DistributionPoint> lead_time_demand_points;  // for the chart
};

Result<SingleLocationPlan> compute_single_location(const SingleLocationInput& input);

}  // namespace echelon
