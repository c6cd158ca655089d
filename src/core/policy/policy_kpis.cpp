#include "core/policy/policy_kpis.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/stats/optimize.h"

namespace echelon {

namespace {

constexpr int kMaxReviewPeriod = 366;

double expect_cdf(const LeadTimeDemand& x, const PositionDistribution& u, double level) {
  switch (u.shape) {
    case PositionShape::uniform: return mean_cdf_over(x, level, level + u.width);
    case PositionShape::table: {
      double sum = 0.0;
      for (std::size_t i = 0; i < u.offsets.size(); ++i) sum += u.weights[i] * cdf(x, level + u.offsets[i]);
      return sum;
    }
    default: return cdf(x, level);
  }
}

double expect_loss(const LeadTimeDemand& x, const PositionDistribution& u, double level) {
  switch (u.shape) {
    case PositionShape::uniform: return mean_loss_over(x, level, level + u.width);
    case PositionShape::table: {
      double sum = 0.0;
      for (std::size_t i = 0; i < u.offsets.size(); ++i) sum += u.weights[i] * loss(x, level + u.offsets[i]);
      return sum;
    }
    default: return loss(x, level);
  }
}

double mean_position(const PositionDistribution& u, double level, bool lattice) {
  switch (u.shape) {
    case PositionShape::uniform: return level + (lattice ? (u.width + 1.0) / 2.0 : u.width / 2.0);
    case PositionShape::table: {
      double sum = 0.0;
      for (std::size_t i = 0; i < u.offsets.size(); ++i) sum += u.weights[i] * (level + u.offsets[i]);
      return sum;
    }
    default: return level;
  }
}

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

}  // namespace

Result<ProtectionDemands> protection_demands(const LeadTimeDemandInput& input) {
  const double r = input.review_period_periods;
  if (!(r >= 0.0) || r > kMaxReviewPeriod || std::fabs(r - std::round(r)) > 1e-9) {
    return Problem{"review_period_periods", "must be a whole number of periods from 0 to " +
                                                std::to_string(kMaxReviewPeriod) + " (got " + format_number(r) + ")"};
  }
  auto main = compute_lead_time_demand(input);
  if (!main.ok()) return main.problems();
  ProtectionDemands d;
  d.review_period_periods = static_cast<int>(std::lround(r));
  d.mean_demand_per_period = demand_mean(input.demand);
  if (d.review_period_periods == 0) {
    d.over_lead_time = std::move(main).value();
    return d;
  }
  LeadTimeDemandInput sub = input;
  sub.model = main->model;
  d.over_lead_time_plus.reserve(static_cast<std::size_t>(d.review_period_periods));
  for (int j = 0; j < d.review_period_periods; ++j) {
    sub.review_period_periods = j;
    auto part = compute_lead_time_demand(sub);
    if (!part.ok()) return part.problems();
    if (j == 0) d.over_lead_time = std::move(part).value();
    else d.over_lead_time_plus.push_back(std::move(part).value());
  }
  d.over_lead_time_plus.push_back(std::move(main).value());
  return d;
}

PolicyKpis evaluate_kpis(const ProtectionDemands& d, const PositionDistribution& u, double level) {
  PolicyKpis k;
  const LeadTimeDemand& xl = d.over_lead_time;
  const bool lattice = integer_lattice(d.protection());
  k.mean_position_units = mean_position(u, level, lattice);
  if (d.review_period_periods == 0) {
    const bool uniform = u.shape == PositionShape::uniform && u.width > 0.0;
    // One-for-one on whole units reorders at S - 1; a demand is met when IL >= 1 before it.
    const double reorder_point = (!uniform && lattice) ? level - 1.0 : level;
    k.cycle_service_level = clamp01(cdf(xl, reorder_point));
    k.fill_rate = uniform ? clamp01(1.0 - (loss(xl, level) - loss(xl, level + u.width)) / u.width)
                          : clamp01(cdf(xl, reorder_point));
    k.ready_rate = clamp01(expect_cdf(xl, u, level));
    k.expected_backorders_units = expect_loss(xl, u, level);
    k.expected_on_hand_units = k.mean_position_units - xl.mean + k.expected_backorders_units;
    return k;
  }
  const auto periods = static_cast<double>(d.review_period_periods);
  double ready = 0.0, backorders = 0.0, mean_demand = 0.0;
  for (const LeadTimeDemand& x : d.over_lead_time_plus) {
    ready += expect_cdf(x, u, level);
    backorders += expect_loss(x, u, level);
    mean_demand += x.mean;
  }
  const LeadTimeDemand& xr = d.protection();
  k.cycle_service_level = clamp01(expect_cdf(xr, u, level));
  k.ready_rate = clamp01(ready / periods);
  k.expected_backorders_units = backorders / periods;
  const double cycle_demand = xr.mean - xl.mean;
  k.fill_rate = cycle_demand > 0.0
                    ? clamp01(1.0 - (expect_loss(xr, u, level) - expect_loss(xl, u, level)) / cycle_demand)
                    : 1.0;
  k.expected_on_hand_units = k.mean_position_units - mean_demand / periods + k.expected_backorders_units;
  return k;
}

namespace {

double measure_at(const ProtectionDemands& d, const PositionDistribution& u, double level, KpiMeasure m);

}  // namespace

double measure_of(const PolicyKpis& k, KpiMeasure m) {
  switch (m) {
    case KpiMeasure::fill_rate: return k.fill_rate;
    case KpiMeasure::ready_rate: return k.ready_rate;
    default: return k.cycle_service_level;
  }
}

namespace {

// One service measure alone (what a solver iterates on): the formulas of evaluate_kpis without
// the quantities that are not asked for.
double measure_at(const ProtectionDemands& d, const PositionDistribution& u, double level, KpiMeasure m) {
  if (d.review_period_periods == 0 || m == KpiMeasure::ready_rate) {
    return measure_of(evaluate_kpis(d, u, level), m);
  }
  const LeadTimeDemand& xr = d.protection();
  if (m == KpiMeasure::cycle_service_level) return clamp01(expect_cdf(xr, u, level));
  const LeadTimeDemand& xl = d.over_lead_time;
  const double cycle_demand = xr.mean - xl.mean;
  if (!(cycle_demand > 0.0)) return 1.0;
  return clamp01(1.0 - (expect_loss(xr, u, level) - expect_loss(xl, u, level)) / cycle_demand);
}

}  // namespace


Result<double> solve_level(const ProtectionDemands& d, const PositionDistribution& u, KpiMeasure m,
                           double target) {
  if (!(target > 0.0 && target < 1.0)) {
    return Problem{"target", "must be strictly between 0 and 1 (got " + format_number(target) + ")"};
  }
  const LeadTimeDemand& x = d.protection();
  const bool lattice = integer_lattice(x);
  // The cycle service level of a base-stock level is a quantile: no search needed.
  if (m == KpiMeasure::cycle_service_level && u.shape == PositionShape::point && !lattice &&
      d.review_period_periods > 0) {
    return quantile(x, target);
  }
  auto g = [&](double level) { return measure_at(d, u, level, m) - target; };
  const double spread = std::max(sd(x), 1e-9 * std::max(1.0, std::fabs(x.mean)));
  double lo = x.mean - u.width - 4.0 * spread - 1.0;
  double hi = x.mean + 4.0 * spread + 1.0;
  double step = 4.0 * spread + 1.0;
  int guard = 0;
  while (g(hi) < 0.0) {
    hi += step;
    step *= 2.0;
    if (++guard > 80) return Problem{"target", "cannot be reached: the service measure stays below " + format_number(target)};
  }
  step = 4.0 * spread + 1.0;
  guard = 0;
  while (g(lo) >= 0.0) {
    lo -= step;
    step *= 2.0;
    if (++guard > 80) return lo;  // every level serves the target
  }
  if (lattice) {
    double a = std::floor(lo), b = std::ceil(hi);
    while (b - a > 1.0) {
      const double mid = std::floor((a + b) / 2.0);
      if (g(mid) >= 0.0) b = mid;
      else a = mid;
    }
    return b;
  }
  const double tolerance = 1e-9 * spread;
  if (m == KpiMeasure::fill_rate && d.review_period_periods > 0) {
    // Safeguarded Newton: d fill / d level = (E_U F_L(U) - E_U F_{L+R}(U)) / cycle demand, since
    // shifting the level by dl changes E_U[G1(U)] by -E_U[1 - F(U)] dl for every position shape.
    const LeadTimeDemand& xl = d.over_lead_time;
    const double cycle_demand = x.mean - xl.mean;
    double level = std::clamp(quantile(x, target), lo, hi);
    if (!std::isfinite(level)) level = 0.5 * (lo + hi);
    for (int i = 0; i < 100 && hi - lo > tolerance; ++i) {
      const double gl = g(level);
      if (gl >= 0.0) hi = level;
      else lo = level;
      if (gl == 0.0) break;
      const double slope = (expect_cdf(xl, u, level) - expect_cdf(x, u, level)) / cycle_demand;
      double next = slope > 0.0 ? level - gl / slope : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (std::fabs(next - level) < tolerance) {
        level = next;
        break;
      }
      level = next;
    }
    if (g(level) >= 0.0) return level;
    // Newton converging from below can stop a hair short of the target, and `hi` may still be the
    // first bracket end far above the answer: walk up from the last iterate by doubling steps until
    // the target is met, then bisect to the tolerance, so the answer stays the smallest level.
    lo = std::max(lo, level);
    double up = tolerance;
    while (level + up < hi && g(level + up) < 0.0) {
      lo = level + up;
      up *= 2.0;
    }
    hi = std::min(hi, level + up);
    for (int i = 0; i < 200 && hi - lo > tolerance; ++i) {
      const double mid = 0.5 * (lo + hi);
      if (g(mid) >= 0.0) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  // Illinois: regula falsi that halves the stale end's value, with a bisection every fourth step
  // so flat stretches (a point mass) cannot stall it.
  double ga = g(lo), gb = g(hi);
  int side = 0;
  for (int i = 0; i < 200 && hi - lo > tolerance; ++i) {
    double c = (i % 4 == 3 || gb == ga) ? 0.5 * (lo + hi) : (lo * gb - hi * ga) / (gb - ga);
    if (!(c > lo && c < hi)) c = 0.5 * (lo + hi);
    const double gc = g(c);
    if (gc >= 0.0) {
      hi = c;
      gb = gc;
      if (side == 1) ga *= 0.5;
      side = 1;
    } else {
      lo = c;
      ga = gc;
      if (side == -1) gb *= 0.5;
      side = -1;
    }
    if (gc == 0.0) break;
  }
  return hi;
}

double holding_and_shortage_cost(const ProtectionDemands& d, const PolicyKpis& k, const ShortageCosts& c) {
  return c.holding_cost_per_unit_period * k.expected_on_hand_units +
         c.backorder_cost_per_unit_period * k.expected_backorders_units +
         c.shortage_cost_per_unit * d.mean_demand_per_period * (1.0 - k.fill_rate);
}

double minimize_cost_level(const ProtectionDemands& d, const PositionDistribution& u, const ShortageCosts& c) {
  const LeadTimeDemand& x = d.protection();
  auto cost = [&](double level) { return holding_and_shortage_cost(d, evaluate_kpis(d, u, level), c); };
  const double spread = std::max(sd(x), 1e-9 * std::max(1.0, std::fabs(x.mean)));
  double a = x.mean - u.width - 10.0 * spread - 1.0;
  double b = x.mean + 10.0 * spread + 1.0;
  double best = golden_section_minimum(cost, a, b, 200, 1e-9 * spread);
  if (integer_lattice(x)) {
    const double lower = std::floor(best);
    best = cost(lower) <= cost(lower + 1.0) ? lower : lower + 1.0;
  }
  return best;
}

}  // namespace echelon
