#include "core/policy/epq.h"

#include <cmath>
#include <limits>

namespace echelon {

Problems validate(const EpqInput& in) {
  Problems problems;
  auto positive = [&](const char* field, double v) {
    if (!std::isfinite(v) || !(v > 0.0) || v > 1e12) problems.push_back({field, "must be a positive number up to 1e12 (got " + format_number(v) + ")"});
  };
  positive("setup_cost_per_batch", in.setup_cost_per_batch);
  positive("holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  const bool demand_ok = std::isfinite(in.demand_units_per_period) && in.demand_units_per_period >= 0.0 &&
                         in.demand_units_per_period <= 1e12;
  if (!demand_ok) {
    problems.push_back({"demand_units_per_period",
                        "must be a number from 0 to 1e12 (got " + format_number(in.demand_units_per_period) + ")"});
  }
  if (!std::isfinite(in.production_units_per_period) || !(in.production_units_per_period > 0.0) ||
      in.production_units_per_period > 1e12) {
    problems.push_back({"production_units_per_period",
                        "must be a positive number up to 1e12 (got " + format_number(in.production_units_per_period) + ")"});
  } else if (demand_ok && !(in.production_units_per_period > in.demand_units_per_period)) {
    problems.push_back({"production_units_per_period",
                        "must exceed the demand rate (got " + format_number(in.production_units_per_period) + ", demand " +
                            format_number(in.demand_units_per_period) + "): production could never catch up"});
  }
  return problems;
}

double epq_cost(const EpqInput& in, double q) {
  if (!(q > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double rho = in.demand_units_per_period / in.production_units_per_period;
  return in.setup_cost_per_batch * in.demand_units_per_period / q + in.holding_cost_per_unit_period * (1.0 - rho) * q / 2.0;
}

Result<EpqResult> compute_epq(const EpqInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const double k = in.setup_cost_per_batch, h = in.holding_cost_per_unit_period, lambda = in.demand_units_per_period;
  EpqResult r;
  r.utilisation = lambda / in.production_units_per_period;
  const double effective_h = h * (1.0 - r.utilisation);
  r.batch_quantity_units = std::sqrt(2.0 * k * lambda / effective_h);
  r.cost_per_period = std::sqrt(2.0 * k * lambda * effective_h);
  r.max_on_hand_units = r.batch_quantity_units * (1.0 - r.utilisation);
  r.production_time_periods = r.batch_quantity_units / in.production_units_per_period;
  if (lambda > 0.0) r.cycle_length_periods = r.batch_quantity_units / lambda;
  // Magnitudes are capped at 1e12, but a holding cost near 0 can still send Q past the largest double.
  if (!std::isfinite(r.batch_quantity_units) || !std::isfinite(r.cost_per_period)) {
    return Problem{"holding_cost_per_unit_period", "too small against the order cost and demand: the answer overflows"};
  }
  return r;
}

}  // namespace echelon
