#include "core/policy/single_location.h"

#include "core/policy/base_stock.h"
#include "core/policy/r_Q_policy.h"
#include "core/policy/s_S_policy.h"

namespace echelon {

namespace {
constexpr int kChartPoints = 81;
}  // namespace

Result<SingleLocationPlan> compute_single_location(const SingleLocationInput& in) {
  BufferInput buffer;
  buffer.demand.demand = in.demand;
  buffer.demand.lead_time = in.lead_time;
  buffer.demand.review_period_periods = in.review_period_periods;
  buffer.demand.model = in.model;
  buffer.target_kind = in.target_kind;
  buffer.target_value = in.target_value;
  buffer.holding_cost_per_unit_period = in.holding_cost_per_unit_period;
  buffer.backorder_cost_per_unit_period = in.backorder_cost_per_unit_period;
  buffer.shortage_cost_per_unit = in.shortage_cost_per_unit;
  buffer.lost_sale_cost_per_unit = in.lost_sale_cost_per_unit;
  buffer.lot_size_units = in.lot_size_units;
  buffer.clamp_negative_to_zero = in.clamp_negative_to_zero;

  SingleLocationPlan plan;
  plan.policy = in.policy;
  switch (in.policy) {
    case SingleLocationPolicy::base_stock: {
      auto r = compute_base_stock({buffer, in.order_cost_per_order});
      if (!r.ok()) return r.problems();
      plan.reorder_level = plan.order_up_to_level = r->order_up_to_level;
      plan.orders_per_period = r->orders_per_period;
      plan.expected_cost_per_period = r->expected_cost_per_period;
      plan.buffer = std::move(r).value().buffer;
      break;
    }
    case SingleLocationPolicy::r_Q: {
      auto r = compute_r_Q({buffer, in.order_cost_per_order, !(in.lot_size_units > 0.0)});
      if (!r.ok()) return r.problems();
      plan.reorder_level = r->reorder_point;
      plan.lot_size_units = r->lot_size_units;
      plan.order_up_to_level = r->reorder_point + r->lot_size_units;
      plan.orders_per_period = r->orders_per_period;
      plan.expected_cost_per_period = r->expected_cost_per_period;
      plan.buffer = std::move(r).value().buffer;
      break;
    }
    case SingleLocationPolicy::s_S: {
      auto r = compute_s_S({buffer, in.order_cost_per_order});
      if (!r.ok()) return r.problems();
      plan.reorder_level = r->reorder_level;
      plan.order_up_to_level = r->order_up_to_level;
      plan.lot_size_units = r->order_up_to_level - r->reorder_level;
      plan.orders_per_period = r->orders_per_period;
      plan.expected_cost_per_period = r->expected_cost_per_period;
      plan.buffer = std::move(r).value().buffer;
      break;
    }
  }
  plan.model_reason = describe(plan.buffer.lead_time_demand.reason);
  plan.lead_time_demand_points = distribution_points(plan.buffer.lead_time_demand, kChartPoints);
  return plan;
}

}  // namespace echelon
