#include "core/policy/newsvendor.h"

#include <cmath>

namespace echelon {

namespace {
LeadTimeDemandInput one_period(const NewsvendorInput& in) {
  LeadTimeDemandInput x;
  x.demand = in.demand;
  x.review_period_periods = 1.0;  // one period, no lead time
  x.model = in.model;
  return x;
}
}  // namespace

Problems validate(const NewsvendorInput& in) {
  Problems problems = validate(one_period(in));
  auto positive = [&](const char* field, double v) {
    if (!std::isfinite(v) || !(v > 0.0)) problems.push_back({field, "must be a positive number (got " + format_number(v) + ")"});
  };
  positive("holding_cost_per_unit", in.holding_cost_per_unit);
  positive("backorder_cost_per_unit", in.backorder_cost_per_unit);
  return problems;
}

double newsvendor_cost(const LeadTimeDemand& x, double h, double b, double level) {
  return h * (level - x.mean) + (h + b) * loss(x, level);
}

Result<NewsvendorResult> compute_newsvendor(const NewsvendorInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  auto x = compute_lead_time_demand(one_period(in));
  if (!x.ok()) return x.problems();
  NewsvendorResult r;
  const double h = in.holding_cost_per_unit, b = in.backorder_cost_per_unit;
  r.critical_ratio = b / (b + h);
  r.order_up_to_level = quantile(*x, r.critical_ratio);
  r.expected_short_units = loss(*x, r.order_up_to_level);
  r.expected_left_over_units = r.order_up_to_level - x->mean + r.expected_short_units;
  r.expected_cost = newsvendor_cost(*x, h, b, r.order_up_to_level);
  r.cycle_service_level = cdf(*x, r.order_up_to_level);
  r.fill_rate = x->mean > 0.0 ? 1.0 - r.expected_short_units / x->mean : 1.0;
  r.demand = std::move(x).value();
  return r;
}

}  // namespace echelon
