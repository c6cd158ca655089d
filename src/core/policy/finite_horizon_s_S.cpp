#include "core/policy/finite_horizon_s_S.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace echelon {

namespace {
constexpr int kMaxAbsLevel = 1000000;

// The largest outcome with positive probability.
int largest_outcome(const std::vector<double>& pmf) {
  for (std::size_t k = pmf.size(); k > 0; --k) {
    if (pmf[k - 1] > 0.0) return static_cast<int>(k - 1);
  }
  return 0;
}

struct Layout {
  std::vector<int> lowest;  // lo_t for t = 0..T (index T: the terminal table)
  int highest = 0;
  double work = 0.0;
  double entries = 0.0;
};

Layout layout_of(const FiniteHorizonInput& in) {
  Layout l;
  const std::size_t n = in.demand_probabilities.size();
  long long total_largest = 0;
  for (const auto& pmf : in.demand_probabilities) total_largest += largest_outcome(pmf);
  l.highest = in.highest_level ? *in.highest_level
                               : static_cast<int>(std::max(0, in.lowest_start_level) + total_largest);
  l.lowest.resize(n + 1);
  long long low = in.lowest_start_level;
  for (std::size_t t = 0; t <= n; ++t) {
    l.lowest[t] = static_cast<int>(low);
    const double levels = static_cast<double>(l.highest) - static_cast<double>(low) + 1.0;
    l.entries += levels;
    if (t < n) {
      l.work += levels * static_cast<double>(in.demand_probabilities[t].size());
      low -= largest_outcome(in.demand_probabilities[t]);
    }
  }
  return l;
}
}  // namespace

Problems validate(const FiniteHorizonInput& in) {
  Problems problems;
  const std::size_t n = in.demand_probabilities.size();
  if (n == 0) {
    problems.push_back({"demand_probabilities", "must give the demand of at least one period"});
  } else if (n > kMaxFiniteHorizonPeriods) {
    problems.push_back({"demand_probabilities", "too large: at most " + std::to_string(kMaxFiniteHorizonPeriods) +
                                                    " periods (got " + std::to_string(n) + ")"});
    return problems;
  }
  for (std::size_t t = 0; t < n; ++t) {
    const auto& pmf = in.demand_probabilities[t];
    const std::string at = "demand_probabilities/" + std::to_string(t);
    if (pmf.empty()) {
      problems.push_back({at, "must list P(D = 0), P(D = 1), ..."});
      continue;
    }
    if (pmf.size() > kMaxFiniteHorizonDemandOutcomes) {
      problems.push_back({at, "too large: at most " + std::to_string(kMaxFiniteHorizonDemandOutcomes) + " outcomes (got " +
                                  std::to_string(pmf.size()) + ")"});
      continue;
    }
    double sum = 0.0;
    bool entries_ok = true;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      if (!std::isfinite(pmf[k]) || pmf[k] < 0.0 || pmf[k] > 1.0) {
        problems.push_back({at + "/" + std::to_string(k), "must be a probability in [0, 1] (got " + format_number(pmf[k]) + ")"});
        entries_ok = false;
      } else {
        sum += pmf[k];
      }
    }
    if (entries_ok && std::fabs(sum - 1.0) > 1e-6) {
      problems.push_back({at, "the probabilities must sum to 1 (got " + format_number(sum) + ")"});
    }
  }
  auto cost = [&](const char* field, double v) {
    if (!std::isfinite(v) || v < 0.0 || v > 1e12) problems.push_back({field, "must be a number from 0 to 1e12 (got " + format_number(v) + ")"});
  };
  cost("fixed_order_cost", in.fixed_order_cost);
  cost("unit_cost", in.unit_cost);
  cost("holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  cost("backorder_cost_per_unit_period", in.backorder_cost_per_unit_period);
  cost("terminal_cost_per_unit_short", in.terminal_cost_per_unit_short);
  if (!std::isfinite(in.discount_factor) || !(in.discount_factor > 0.0) || in.discount_factor > 1.0) {
    problems.push_back({"discount_factor", "must be in (0, 1] (got " + format_number(in.discount_factor) + ")"});
  }
  const double e = in.terminal_cost_per_unit_left;
  if (!std::isfinite(e) || e > 1e12 || (std::isfinite(in.unit_cost) && e < -in.unit_cost)) {
    problems.push_back({"terminal_cost_per_unit_left",
                        "must be a number from -unit_cost to 1e12 (got " + format_number(e) +
                            "): a salvage value above the unit cost would make buying without limit pay"});
  }
  if (std::abs(in.lowest_start_level) > kMaxAbsLevel) {
    problems.push_back({"lowest_start_level", "must be within +/- " + std::to_string(kMaxAbsLevel) + " units"});
  }
  if (in.highest_level && (std::abs(*in.highest_level) > kMaxAbsLevel || *in.highest_level < in.lowest_start_level)) {
    problems.push_back({"highest_level", "must be at least lowest_start_level and within +/- " + std::to_string(kMaxAbsLevel) +
                                             " units (got " + std::to_string(*in.highest_level) + ")"});
  }
  if (!problems.empty()) return problems;
  const Layout l = layout_of(in);
  if (in.initial_level < in.lowest_start_level || in.initial_level > l.highest) {
    problems.push_back({"initial_level", "must lie in [lowest_start_level, highest level] = [" + std::to_string(in.lowest_start_level) +
                                             ", " + std::to_string(l.highest) + "] (got " + std::to_string(in.initial_level) + ")"});
  }
  if (l.work > kMaxFiniteHorizonWork) {
    problems.push_back({"demand_probabilities", "too large: levels x demand outcomes over the periods is " + format_number(l.work) +
                                                    ", at most " + format_number(kMaxFiniteHorizonWork)});
  }
  if (l.entries > kMaxFiniteHorizonTableEntries) {
    problems.push_back({"demand_probabilities", "too large: the tables would hold " + format_number(l.entries) +
                                                    " levels, at most " + format_number(kMaxFiniteHorizonTableEntries)});
  }
  return problems;
}

Result<FiniteHorizonResult> compute_finite_horizon_s_S(const FiniteHorizonInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const Layout l = layout_of(in);
  const std::size_t n = in.demand_probabilities.size();
  const int hi = l.highest;
  const double k_fixed = in.fixed_order_cost, c = in.unit_cost, h = in.holding_cost_per_unit_period;
  const double b = in.backorder_cost_per_unit_period, alpha = in.discount_factor;

  FiniteHorizonResult r;
  r.highest_level = hi;
  r.periods.resize(n);
  // The terminal table v_T over [lo_{T+1}, hi].
  std::vector<double> next(static_cast<std::size_t>(hi - l.lowest[n] + 1));
  for (std::size_t i = 0; i < next.size(); ++i) {
    const double x = static_cast<double>(l.lowest[n] + static_cast<int>(i));
    next[i] = x > 0.0 ? in.terminal_cost_per_unit_left * x : -in.terminal_cost_per_unit_short * x;
  }
  int next_low = l.lowest[n];

  for (std::size_t t = n; t-- > 0;) {
    // Each pmf scaled to sum to exactly one (validation allowed 1e-6 of rounding).
    std::vector<double> pmf = in.demand_probabilities[t];
    double total = 0.0;
    for (double p : pmf) total += p;
    for (double& p : pmf) p /= total;
    const int low = l.lowest[t];
    const std::size_t levels = static_cast<std::size_t>(hi - low + 1);
    std::vector<double> g(levels);
    for (std::size_t i = 0; i < levels; ++i) {
      const int y = low + static_cast<int>(i);
      double expected = 0.0;
      for (std::size_t d = 0; d < pmf.size(); ++d) {
        if (pmf[d] == 0.0) continue;
        const int left = y - static_cast<int>(d);
        const double period_cost = left >= 0 ? h * left : -b * left;
        expected += pmf[d] * (period_cost + alpha * next[static_cast<std::size_t>(left - next_low)]);
      }
      g[i] = c * y + expected;
    }
    r.work_units += static_cast<double>(levels) * static_cast<double>(pmf.size());

    FiniteHorizonPeriod& out = r.periods[t];
    out.lowest_level = low;
    out.cost_to_go.resize(levels);
    out.target_level.resize(levels);
    // From the top down: the least G over y >= x and its smallest minimiser.
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_at = levels - 1;
    for (std::size_t i = levels; i-- > 0;) {
      if (g[i] <= best) {
        best = g[i];
        best_at = i;
      }
      const int x = low + static_cast<int>(i);
      const double tolerance = 1e-12 * std::max(1.0, std::fabs(g[i]));
      const bool order = k_fixed + best < g[i] - tolerance;
      out.cost_to_go[i] = -c * x + (order ? k_fixed + best : g[i]);
      out.target_level[i] = order ? low + static_cast<int>(best_at) : x;
    }
    out.order_up_to_level = low + static_cast<int>(best_at);  // the loop ends at the global minimiser
    out.orders = false;
    for (std::size_t i = 0; i < levels; ++i) {
      if (out.target_level[i] != low + static_cast<int>(i)) {
        out.orders = true;
        out.reorder_point = low + static_cast<int>(i);
      }
    }
    out.is_s_S = true;
    for (std::size_t i = 0; i < levels; ++i) {
      const int x = low + static_cast<int>(i);
      const bool should_order = out.orders && x <= out.reorder_point;
      const int expected_target = should_order ? out.order_up_to_level : x;
      if (out.target_level[i] != expected_target) out.is_s_S = false;
    }
    if (!out.orders) out.reorder_point = low - 1;  // below every level considered
    next = out.cost_to_go;
    next_low = low;
  }
  r.expected_cost = r.periods[0].cost_to_go[static_cast<std::size_t>(in.initial_level - l.lowest[0])];
  return r;
}

}  // namespace echelon
