#include "core/policy/eoq.h"

#include <cmath>
#include <limits>

namespace echelon {

Problems validate(const EoqInput& in) {
  Problems problems;
  auto positive = [&](const char* field, double v) {
    if (!std::isfinite(v) || !(v > 0.0) || v > 1e12) problems.push_back({field, "must be a positive number up to 1e12 (got " + format_number(v) + ")"});
  };
  positive("order_cost_per_order", in.order_cost_per_order);
  positive("holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  if (!std::isfinite(in.demand_units_per_period) || in.demand_units_per_period < 0.0 || in.demand_units_per_period > 1e12) {
    problems.push_back({"demand_units_per_period",
                        "must be a number from 0 to 1e12 (got " + format_number(in.demand_units_per_period) + ")"});
  }
  return problems;
}

Result<EoqResult> compute_eoq(const EoqInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  EoqResult r;
  const double k = in.order_cost_per_order, h = in.holding_cost_per_unit_period, lambda = in.demand_units_per_period;
  r.order_quantity_units = std::sqrt(2.0 * k * lambda / h);
  r.cost_per_period = std::sqrt(2.0 * k * lambda * h);
  if (lambda > 0.0) {
    r.orders_per_period = lambda / r.order_quantity_units;
    r.cycle_length_periods = r.order_quantity_units / lambda;
  }
  // Magnitudes are capped at 1e12, but a holding cost near 0 can still send Q past the largest double.
  if (!std::isfinite(r.order_quantity_units) || !std::isfinite(r.cost_per_period)) {
    return Problem{"holding_cost_per_unit_period", "too small against the order cost and demand: the answer overflows"};
  }
  return r;
}

double eoq_cost(const EoqInput& in, double q) {
  if (!(q > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return in.order_cost_per_order * in.demand_units_per_period / q + in.holding_cost_per_unit_period * q / 2.0;
}

std::vector<EoqCurvePoint> eoq_cost_curve(const EoqInput& in, double low_factor, double high_factor, int point_count) {
  std::vector<EoqCurvePoint> points;
  auto optimum = compute_eoq(in);
  if (!optimum.ok() || !(optimum->order_quantity_units > 0.0) || point_count < 2 || !(low_factor > 0.0) ||
      !(high_factor > low_factor)) {
    return points;
  }
  const double q0 = optimum->order_quantity_units;
  for (int i = 0; i < point_count; ++i) {
    const double q = q0 * (low_factor + (high_factor - low_factor) * i / (point_count - 1));
    const double ordering = in.order_cost_per_order * in.demand_units_per_period / q;
    const double holding = in.holding_cost_per_unit_period * q / 2.0;
    points.push_back({q, ordering, holding, ordering + holding});
  }
  return points;
}

}  // namespace echelon
