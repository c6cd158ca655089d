#include "core/policy/r_Q_policy.h"

#include <cmath>

#include "core/policy/eoq.h"

namespace echelon {

Result<RQResult> compute_r_Q(const RQInput& input) {
  BufferInput buffer = input.buffer;
  Problems problems = validate_policy_input(buffer, input.order_cost_per_order);
  if (!problems.empty()) return problems;
  auto demands = protection_demands(buffer.demand);
  if (!demands.ok()) return demands.problems();
  const bool lattice = integer_lattice(demands->protection());
  const double mu = demands->mean_demand_per_period;

  if (input.lot_size_from_eoq) {
    auto eoq = compute_eoq({input.order_cost_per_order, buffer.holding_cost_per_unit_period, mu});
    if (!eoq.ok()) {
      Problems named;
      for (const Problem& p : eoq.problems()) named.push_back({p.path, "for the EOQ lot size: " + p.message});
      return named;
    }
    buffer.lot_size_units = lattice ? std::max(1.0, std::ceil(eoq->order_quantity_units - 1e-9))
                                    : eoq->order_quantity_units;
  }
  if (!(buffer.lot_size_units > 0.0)) {
    return Problem{"lot_size_units", "must be positive for an (r, Q) policy (or take it from the EOQ)"};
  }
  auto b = compute_buffer(buffer, *demands);
  if (!b.ok()) return b.problems();

  RQResult r;
  r.reorder_point = b->level;
  r.lot_size_units = lattice ? std::round(buffer.lot_size_units) : buffer.lot_size_units;
  const int review = demands->review_period_periods;
  if (review == 0) {
    r.orders_per_period = mu / r.lot_size_units;
  } else {
    // P(order at a review) = E[min(D_R, Q)] / Q for the position uniform on (r, r + Q].
    LeadTimeDemandInput per_review = buffer.demand;
    per_review.lead_time = {};
    per_review.model = demands->protection().model;
    auto d = compute_lead_time_demand(per_review);
    const double expected_min = d.ok() ? d->mean - loss(*d, r.lot_size_units) : mu * review;
    r.orders_per_period = expected_min / (r.lot_size_units * review);
  }
  r.buffer = std::move(b).value();
  r.expected_cost_per_period =
      input.order_cost_per_order * r.orders_per_period + r.buffer.holding_and_shortage_cost_per_period;
  return r;
}

}  // namespace echelon
