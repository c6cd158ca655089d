#include "core/policy/base_stock.h"

#include <cmath>

namespace echelon {

Result<BaseStockResult> compute_base_stock(const BaseStockInput& input) {
  BufferInput buffer = input.buffer;
  buffer.lot_size_units = 0.0;
  Problems problems = validate_policy_input(buffer, input.order_cost_per_order);
  if (!problems.empty()) return problems;
  auto demands = protection_demands(buffer.demand);
  if (!demands.ok()) return demands.problems();
  auto b = compute_buffer(buffer, *demands);
  if (!b.ok()) return b.problems();

  BaseStockResult r;
  r.order_up_to_level = b->level;
  const int review = demands->review_period_periods;
  if (review == 0) {
    r.orders_per_period = demands->mean_demand_per_period;  // one order per unit demanded
  } else {
    // An order goes out at every review that saw demand.
    LeadTimeDemandInput per_review = buffer.demand;
    per_review.lead_time = {};
    per_review.model = demands->protection().model;
    auto d = compute_lead_time_demand(per_review);
    const double no_demand = d.ok() && integer_lattice(*d) ? cdf(*d, 0.0) : 0.0;
    r.orders_per_period = (1.0 - no_demand) / review;
  }
  r.buffer = std::move(b).value();
  r.expected_cost_per_period =
      input.order_cost_per_order * r.orders_per_period + r.buffer.holding_and_shortage_cost_per_period;
  return r;
}

}  // namespace echelon
