#include "core/policy/eoq_backorders.h"

#include <cmath>
#include <limits>

namespace echelon {

Problems validate(const EoqBackordersInput& in) {
  Problems problems;
  auto positive = [&](const char* field, double v) {
    if (!std::isfinite(v) || !(v > 0.0) || v > 1e12) problems.push_back({field, "must be a positive number up to 1e12 (got " + format_number(v) + ")"});
  };
  positive("order_cost_per_order", in.order_cost_per_order);
  positive("holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  positive("backorder_cost_per_unit_period", in.backorder_cost_per_unit_period);
  if (!std::isfinite(in.demand_units_per_period) || in.demand_units_per_period < 0.0 || in.demand_units_per_period > 1e12) {
    problems.push_back({"demand_units_per_period",
                        "must be a number from 0 to 1e12 (got " + format_number(in.demand_units_per_period) + ")"});
  }
  return problems;
}

double eoq_backorders_cost(const EoqBackordersInput& in, double q, double x) {
  if (!(q > 0.0) || !(x >= 0.0) || !(x <= q)) return std::numeric_limits<double>::quiet_NaN();
  const double on_hand = q - x;
  return in.order_cost_per_order * in.demand_units_per_period / q +
         in.holding_cost_per_unit_period * on_hand * on_hand / (2.0 * q) +
         in.backorder_cost_per_unit_period * x * x / (2.0 * q);
}

Result<EoqBackordersResult> compute_eoq_backorders(const EoqBackordersInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const double k = in.order_cost_per_order, h = in.holding_cost_per_unit_period;
  const double b = in.backorder_cost_per_unit_period, lambda = in.demand_units_per_period;
  EoqBackordersResult r;
  r.order_quantity_units = std::sqrt(2.0 * k * lambda * (h + b) / (h * b));
  r.max_backorder_units = h * r.order_quantity_units / (h + b);
  r.max_on_hand_units = r.order_quantity_units - r.max_backorder_units;
  r.cost_per_period = std::sqrt(2.0 * k * lambda * h * b / (h + b));
  r.share_of_time_in_stock = b / (h + b);
  if (lambda > 0.0) {
    const double q = r.order_quantity_units;
    r.ordering_cost_per_period = k * lambda / q;
    r.holding_cost_per_period = h * r.max_on_hand_units * r.max_on_hand_units / (2.0 * q);
    r.backorder_cost_per_period = b * r.max_backorder_units * r.max_backorder_units / (2.0 * q);
    r.cycle_length_periods = q / lambda;
  }
  // Magnitudes are capped at 1e12, but a holding cost near 0 can still send Q past the largest double.
  if (!std::isfinite(r.order_quantity_units) || !std::isfinite(r.cost_per_period)) {
    return Problem{"holding_cost_per_unit_period", "too small against the order cost and demand: the answer overflows"};
  }
  return r;
}

}  // namespace echelon
