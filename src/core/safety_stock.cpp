#include "safety_stock.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "stats.h"

namespace echelon {

namespace {

void require_finite_non_negative(Problems& problems, const char* field, double value) {
  if (!std::isfinite(value)) {
    problems.push_back({field, "must be a finite number"});
  } else if (value < 0.0) {
    problems.push_back({field, "must not be negative (got " + format_number(value) + ")"});
  }
}

}  // namespace

Problems validate(const SafetyStockInput& input) {
  Problems problems;
  require_finite_non_negative(problems, "mean_demand_per_period", input.mean_demand_per_period);
  require_finite_non_negative(problems, "sd_demand_per_period", input.sd_demand_per_period);
  require_finite_non_negative(problems, "mean_lead_time_periods", input.mean_lead_time_periods);
  require_finite_non_negative(problems, "sd_lead_time_periods", input.sd_lead_time_periods);
  require_finite_non_negative(problems, "review_period_periods", input.review_period_periods);
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

  const double variance_from_demand = r.protection_interval_periods * var_d;
  const double variance_from_lead_time = mu_d * mu_d * var_l;
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
