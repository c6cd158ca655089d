#include "core/policy/wagner_whitin.h"

#include <cmath>
#include <limits>
#include <string>

namespace echelon {

namespace {
double at(const std::vector<double>& values, std::size_t t) {
  if (values.empty()) return 0.0;
  return values.size() == 1 ? values[0] : values[t];
}
}  // namespace

Problems validate(const WagnerWhitinInput& in) {
  Problems problems;
  const std::size_t n = in.demand_units.size();
  if (n == 0) {
    problems.push_back({"demand_units", "must list the demand of at least one period"});
    return problems;
  }
  if (n > kMaxLotSizingPeriods) {
    problems.push_back({"demand_units", "too large: at most " + std::to_string(kMaxLotSizingPeriods) + " periods (got " +
                                            std::to_string(n) + ")"});
    return problems;
  }
  auto check = [&](const char* field, const std::vector<double>& values, bool may_be_empty) {
    if (values.empty() && may_be_empty) return;
    if (values.size() != 1 && values.size() != n) {
      problems.push_back({field, "must hold one value for every period or a single value for all (got " +
                                     std::to_string(values.size()) + " for " + std::to_string(n) + " periods)"});
      return;
    }
    for (std::size_t t = 0; t < values.size(); ++t) {
      if (!std::isfinite(values[t]) || values[t] < 0.0 || values[t] > 1e12) {
        problems.push_back({std::string(field) + "/" + std::to_string(t),
                            "must be a number from 0 to 1e12 (got " + format_number(values[t]) + ")"});
      }
    }
  };
  check("demand_units", in.demand_units, false);
  check("order_cost_per_order", in.order_cost_per_order, false);
  check("holding_cost_per_unit_period", in.holding_cost_per_unit_period, false);
  check("unit_cost", in.unit_cost, true);
  if (in.use_planning_horizons && in.unit_cost.size() == n && n > 1) {
    for (std::size_t t = 1; t < n; ++t) {
      if (in.unit_cost[t] != in.unit_cost[0]) {
        problems.push_back({"use_planning_horizons", "needs the same unit cost in every period (period " + std::to_string(t + 1) +
                                                         " differs from period 1)"});
        break;
      }
    }
  }
  return problems;
}

Result<WagnerWhitinResult> compute_wagner_whitin(const WagnerWhitinInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const std::size_t n = in.demand_units.size();
  // Prefix sums over periods 0..n-1 (0-based here): demand D, holding H (H[t] = h_0 + ... +
  // h_{t-1}, the cost of carrying a unit from period 0 to period t) and demand times H.
  std::vector<double> demand_sum(n + 1, 0.0), carry(n + 1, 0.0), weighted(n + 1, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    demand_sum[t + 1] = demand_sum[t] + in.demand_units[t];
    carry[t + 1] = carry[t] + at(in.holding_cost_per_unit_period, t);
    weighted[t + 1] = weighted[t] + in.demand_units[t] * carry[t];
  }
  // cost of one order in period i covering periods i..j (0-based, inclusive).
  auto cover = [&](std::size_t i, std::size_t j) {
    const double units = demand_sum[j + 1] - demand_sum[i];
    if (!(units > 0.0)) return 0.0;
    const double carrying = (weighted[j + 1] - weighted[i]) - carry[i] * units;
    return at(in.order_cost_per_order, i) + at(in.unit_cost, i) * units + carrying;
  };
  std::vector<double> f(n + 1, 0.0);
  std::vector<std::size_t> first(n + 1, 0);  // first[j + 1]: the period of the last order in the best plan for 0..j
  WagnerWhitinResult r;
  std::size_t search_from = 0;  // the latest planning horizon found (0-based)
  for (std::size_t j = 0; j < n; ++j) {
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_i = 0;
    r.work_units += static_cast<double>(j + 1 - (in.use_planning_horizons ? search_from : 0));
    for (std::size_t i = in.use_planning_horizons ? search_from : 0; i <= j; ++i) {
      const double c = f[i] + cover(i, j);
      // Ties go to the earliest order period, so the plan is the same on every platform.
      if (c < best) {
        best = c;
        best_i = i;
      }
    }
    f[j + 1] = best;
    first[j + 1] = best_i;
    // An order in j itself, strictly cheaper than any earlier last order (ties go earlier).
    if (best_i == j && demand_sum[j + 1] > demand_sum[j]) {
      r.planning_horizons.push_back(static_cast<int>(j + 1));
      search_from = j;
    }
  }
  r.order_units.assign(n, 0.0);
  r.cost_to_period.assign(f.begin() + 1, f.end());
  r.total_cost = f[n];
  for (std::size_t j = n; j > 0;) {
    const std::size_t i = first[j];
    const double units = demand_sum[j] - demand_sum[i];
    if (units > 0.0) {
      r.order_units[i] = units;
      r.ordering_cost += at(in.order_cost_per_order, i);
      r.purchase_cost += at(in.unit_cost, i) * units;
    }
    j = i;
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (r.order_units[t] > 0.0) r.order_periods.push_back(static_cast<int>(t + 1));
  }
  // Holding from the plan itself, period by period (stock carried to the next period).
  double stock = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    stock += r.order_units[t] - in.demand_units[t];
    if (stock > 0.0) r.holding_cost += stock * at(in.holding_cost_per_unit_period, t);
  }
  return r;
}

}  // namespace echelon
