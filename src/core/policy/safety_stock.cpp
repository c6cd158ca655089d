#include "core/policy/safety_stock.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/model/model.h"
#include "core/stats/stats.h"

namespace echelon {

namespace {

void require_finite_non_negative(Problems& problems, const char* field, double value) {
  if (!std::isfinite(value)) {
    problems.push_back({field, "must be a finite number"});
  } else if (value < 0.0) {
    problems.push_back({field, "must not be negative (got " + format_number(value) + ")"});
  }
}

// The scenario's magnitude limits (model.h), so that no result overflows to infinity.
void require_at_most(Problems& problems, const char* field, double value, double limit) {
  if (std::isfinite(value) && value > limit)
    problems.push_back({field, "is " + format_number(value) + "; the largest value allowed is " + format_number(limit)});
}

}  // namespace

RandomTimeDemandVariance demand_over_random_time_variance(double mean_time_periods, double time_variance_periods2,
                                                          double mean_demand, double demand_variance) {
  RandomTimeDemandVariance v;
  v.from_demand = mean_time_periods * demand_variance;
  v.from_lead_time = mean_demand * mean_demand * time_variance_periods2;
  return v;
}

Problems validate(const SafetyStockInput& input) {
  Problems problems;
  require_finite_non_negative(problems, "mean_demand_per_period", input.mean_demand_per_period);
  require_finite_non_negative(problems, "sd_demand_per_period", input.sd_demand_per_period);
  require_finite_non_negative(problems, "mean_lead_time_periods", input.mean_lead_time_periods);
  require_finite_non_negative(problems, "sd_lead_time_periods", input.sd_lead_time_periods);
  require_finite_non_negative(problems, "review_period_periods", input.review_period_periods);
  require_at_most(problems, "mean_demand_per_period", input.mean_demand_per_period, Limits::max_quantity);
  require_at_most(problems, "sd_demand_per_period", input.sd_demand_per_period, Limits::max_quantity);
  require_at_most(problems, "mean_lead_time_periods", input.mean_lead_time_periods, Limits::max_time_periods);
  require_at_most(problems, "sd_lead_time_periods", input.sd_lead_time_periods, Limits::max_time_periods);
  require_at_most(problems, "review_period_periods", input.review_period_periods, Limits::max_time_periods);
  const double p = input.cycle_service_level;
  if (!(p > 0.0 && p < 1.0)) {
    problems.push_back({"cycle_service_level",
                        "must be strictly between 0 and 1 (got " + format_number(p) + ")"});
  }
  return problems;
}

Result<SafetyStockResult> compute_safety_stock(const SafetyStockInput& input) {
  if (Problems problems = validate(input); !problems.empty()) return problems;

  SafetyStockResult r;
  const double mu_d = input.mean_demand_per_period;
  const double var_d = input.sd_demand_per_period * input.sd_demand_per_period;
  const double var_l = input.sd_lead_time_periods * input.sd_lead_time_periods;

  r.protection_interval_periods = input.mean_lead_time_periods + input.review_period_periods;
  r.safety_factor = stats::standard_normal_quantile(input.cycle_service_level);
  r.mean_lead_time_demand = r.protection_interval_periods * mu_d;

  const RandomTimeDemandVariance split = demand_over_random_time_variance(r.protection_interval_periods, var_l, mu_d, var_d);
  const double variance_from_demand = split.from_demand;
  const double variance_from_lead_time = split.from_lead_time;
  const double variance = variance_from_demand + variance_from_lead_time;
  r.sd_lead_time_demand = std::sqrt(variance);

  double safety_stock = r.safety_factor * r.sd_lead_time_demand;
  if (variance == 0.0) {
    safety_stock = 0.0;  // avoids -0.0 and says so below
    r.notes.push_back("No demand or lead-time uncertainty: no safety stock is needed.");
  } else if (safety_stock < 0.0) {
    if (input.clamp_negative_to_zero) {
      safety_stock = 0.0;
      r.clamped = true;
      r.notes.push_back("The target is below 50%, so the buffer would be negative; it is set to zero as asked.");
    } else {
      r.notes.push_back("The target is below 50%: the safety factor is negative, so the plan holds less than the mean lead-time demand.");
    }
  }
  r.safety_stock = safety_stock;
  if (variance > 0.0) {
    r.safety_stock_from_demand = safety_stock * variance_from_demand / variance;
    r.safety_stock_from_lead_time = safety_stock * variance_from_lead_time / variance;
  }
  r.reorder_point = r.mean_lead_time_demand + r.safety_stock;
  return r;
}

std::vector<CurvePoint> lead_time_demand_curve(const SafetyStockResult& result, int point_count) {
  std::vector<CurvePoint> points;
  const double sd = result.sd_lead_time_demand;
  if (!(sd > 0.0) || point_count < 2) return points;
  // Demand is never negative, so the chart starts at zero even where the normal tail does not.
  const double lo = std::max(0.0, result.mean_lead_time_demand - 4.0 * sd);
  const double hi = result.mean_lead_time_demand + 4.0 * sd;
  points.reserve(static_cast<size_t>(point_count));
  for (int i = 0; i < point_count; ++i) {
    const double x = lo + (hi - lo) * i / (point_count - 1);
    points.push_back({x, stats::normal_pdf(x, result.mean_lead_time_demand, sd)});
  }
  return points;
}

}  // namespace echelon

// ---------------------------------------------------------------------------------------------

namespace echelon {

namespace {

void require_cost(Problems& problems, const char* field, double value) {
  if (!std::isfinite(value)) problems.push_back({field, "must be a finite number"});
  else if (value < 0.0) problems.push_back({field, "must not be negative (got " + format_number(value) + ")"});
}

KpiMeasure measure_for(ServiceTargetKind kind) {
  switch (kind) {
    case ServiceTargetKind::fill_rate: return KpiMeasure::fill_rate;
    case ServiceTargetKind::ready_rate: return KpiMeasure::ready_rate;
    default: return KpiMeasure::cycle_service_level;
  }
}

std::string percent(double share) { return format_number(std::round(share * 1000.0) / 10.0) + "%"; }

}  // namespace

Problems validate(const BufferInput& in) {
  Problems problems = validate(in.demand);
  if (in.target_kind != ServiceTargetKind::cost_optimal && !(in.target_value > 0.0 && in.target_value < 1.0)) {
    problems.push_back({"target_value", "must be strictly between 0 and 1 (got " + format_number(in.target_value) + ")"});
  }
  require_cost(problems, "holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  require_cost(problems, "backorder_cost_per_unit_period", in.backorder_cost_per_unit_period);
  require_cost(problems, "shortage_cost_per_unit", in.shortage_cost_per_unit);
  require_cost(problems, "lost_sale_cost_per_unit", in.lost_sale_cost_per_unit);
  require_cost(problems, "lot_size_units", in.lot_size_units);
  if (in.target_kind == ServiceTargetKind::cost_optimal) {
    if (!(in.holding_cost_per_unit_period > 0.0)) {
      problems.push_back({"holding_cost_per_unit_period", "must be positive for a cost-optimal target"});
    }
    if (!(in.backorder_cost_per_unit_period > 0.0 || in.shortage_cost_per_unit > 0.0 ||
          in.lost_sale_cost_per_unit > 0.0)) {
      problems.push_back({"backorder_cost_per_unit_period",
                          "a cost-optimal target needs a backorder, shortage or lost-sale cost above zero"});
    }
  }
  return problems;
}

Result<BufferResult> compute_buffer(const BufferInput& input) {
  if (Problems problems = validate(input); !problems.empty()) return problems;
  auto demands = protection_demands(input.demand);
  if (!demands.ok()) return demands.problems();
  return compute_buffer(input, *demands);
}

Result<BufferResult> compute_buffer(const BufferInput& in, const ProtectionDemands& d) {
  const bool lattice = integer_lattice(d.protection());
  PositionDistribution position;
  if (in.lot_size_units > 0.0) {
    if (lattice && std::fabs(in.lot_size_units - std::round(in.lot_size_units)) > 1e-9) {
      return Problem{"lot_size_units", "must be a whole number of units with whole-unit demand (got " +
                                           format_number(in.lot_size_units) + ")"};
    }
    position.shape = PositionShape::uniform;
    position.width = lattice ? std::round(in.lot_size_units) : in.lot_size_units;
  }
  return compute_buffer(in, d, position);
}

Result<BufferResult> compute_buffer(const BufferInput& in, const ProtectionDemands& d,
                                    const PositionDistribution& position) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const LeadTimeDemand& x = d.protection();
  const bool lattice = integer_lattice(x);

  BufferResult r;
  const ShortageCosts costs{in.holding_cost_per_unit_period, in.backorder_cost_per_unit_period,
                            in.shortage_cost_per_unit};
  KpiMeasure measure = measure_for(in.target_kind);
  double target = in.target_value;
  bool numeric_cost = false;
  if (in.target_kind == ServiceTargetKind::cost_optimal) {
    const double h = in.holding_cost_per_unit_period;
    const double mu = d.mean_demand_per_period;
    if (in.lost_sale_cost_per_unit > 0.0) {
      const double cycle_demand = position.shape == PositionShape::uniform ? position.width
                                  : position.shape == PositionShape::table && !position.offsets.empty()
                                      ? position.offsets.front()
                                      : mu * d.review_period_periods;
      const double holding = h * cycle_demand;
      measure = KpiMeasure::cycle_service_level;
      target = in.lost_sale_cost_per_unit * mu / (holding + in.lost_sale_cost_per_unit * mu);
      r.critical_ratio = target;
    } else if (in.shortage_cost_per_unit == 0.0) {
      measure = KpiMeasure::ready_rate;
      target = in.backorder_cost_per_unit_period / (in.backorder_cost_per_unit_period + h);
      r.critical_ratio = target;
    } else {
      numeric_cost = true;
    }
  }

  double level = 0.0;
  if (numeric_cost) {
    level = minimize_cost_level(d, position, costs);
  } else {
    if (!(target > 0.0 && target < 1.0)) {
      return Problem{"target_value", "the costs call for a service of " + format_number(target) +
                                         ", which no finite stock reaches"};
    }
    auto solved = solve_level(d, position, measure, target);
    if (!solved.ok()) return solved.problems();
    level = *solved;
  }

  const double spread = sd(x);
  double safety_stock = level - x.mean;
  if (spread == 0.0 && std::fabs(safety_stock) < 1e-9 * std::max(1.0, x.mean)) safety_stock = 0.0;
  if (safety_stock < 0.0 && in.clamp_negative_to_zero) {
    level = lattice ? std::ceil(x.mean - 1e-9) : x.mean;
    safety_stock = level - x.mean;
    r.clamped = true;
  }
  r.level = level;
  r.safety_stock = safety_stock;
  r.safety_factor = spread > 0.0 ? safety_stock / spread : 0.0;
  if (x.variance > 0.0) {
    r.safety_stock_from_demand = safety_stock * x.variance_from_demand / x.variance;
    r.safety_stock_from_lead_time = safety_stock * x.variance_from_lead_time / x.variance;
  }
  r.achieved = evaluate_kpis(d, position, level);
  r.holding_and_shortage_cost_per_period = holding_and_shortage_cost(d, r.achieved, costs);

  // One more point of the measure that was targeted.
  const double base = numeric_cost ? r.achieved.ready_rate : target;
  const KpiMeasure step_measure = numeric_cost ? KpiMeasure::ready_rate : measure;
  const double step = base + 0.01 < 1.0 ? 0.01 : 0.5 * (1.0 - base);
  if (step > 0.0 && base > 0.0) {
    auto start = numeric_cost ? solve_level(d, position, step_measure, base) : Result<double>(level);
    auto next = solve_level(d, position, step_measure, base + step);
    if (start.ok() && next.ok()) r.extra_stock_per_point = (*next - *start) / (step * 100.0);
  }

  // Warnings, in the order a planner would read them.
  r.warnings = x.warnings;
  if (x.variance == 0.0) r.warnings.push_back("No demand or lead-time uncertainty: no safety stock is needed.");
  const double mean_lead = d.review_period_periods > 0 ? x.protection_interval_periods - d.review_period_periods
                                                       : x.protection_interval_periods;
  if (d.review_period_periods > 0 && mean_lead < d.review_period_periods) {
    r.warnings.push_back("The review period (" + format_number(d.review_period_periods) +
                         " periods) is longer than the lead time (" + format_number(mean_lead) +
                         "): the buffer mostly covers demand between reviews; reviewing more often would shrink it.");
  }
  if (x.variance > 0.0 && x.variance_from_lead_time > x.variance_from_demand) {
    r.warnings.push_back("Lead-time variability causes " + percent(x.variance_from_lead_time / x.variance) +
                         " of the lead-time-demand variance: a steadier lead time is the bigger lever. Orders "
                         "may overtake each other, which these formulas ignore.");
  }
  if (!numeric_cost && in.target_kind != ServiceTargetKind::cost_optimal) {
    if (std::fabs(target - 0.5) <= 0.02 && in.target_kind == ServiceTargetKind::cycle_service_level) {
      r.warnings.push_back("A cycle service level near 50% means a safety factor near zero: the plan holds about the "
                           "mean lead-time demand and stocks out in about half the cycles.");
    }
    if (target > 0.999) {
      r.warnings.push_back("Above 99.9% the buffer depends on the far tail of the demand model, which data rarely "
                           "pins down, and every extra point costs much more stock.");
    }
  }
  if (safety_stock < 0.0) {
    r.warnings.push_back("The target needs less than the mean lead-time demand: the safety factor (" +
                         format_number(r.safety_factor) + ") and the buffer are negative.");
  }
  if (r.clamped) r.warnings.push_back("The buffer would be negative; it is set to zero as asked.");
  r.lead_time_demand = x;
  return r;
}

Problems validate_policy_input(const BufferInput& buffer, double order_cost_per_order) {
  Problems problems = validate(buffer);
  if (!std::isfinite(order_cost_per_order) || order_cost_per_order < 0.0) {
    problems.push_back({"order_cost_per_order", "must be a finite number that is not negative"});
  }
  return problems;
}

}  // namespace echelon
