#include "core/policy/r_Q_optimal.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/policy/eoq.h"
#include "core/stats/optimize.h"
#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr long long kMaxScanSteps = 1000000;
constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

// The lead-time demand X and the costs, with the closed forms of the header.
struct Model {
  bool whole = false;
  double lambda = 0.0, mean_x = 0.0, sd_x = 0.0;
  stats::DiscreteDistribution x;  // Poisson(lambda L) when whole
  double k = 0.0, h = 0.0, b = 0.0;

  double cdf(double y) const {
    if (whole) return stats::discrete_cdf(x, y);
    if (sd_x == 0.0) return y >= mean_x ? 1.0 : 0.0;
    return stats::normal_cdf(y, mean_x, sd_x);
  }
  double loss(double y) const { return whole ? stats::discrete_loss(x, y) : stats::normal_loss(y, mean_x, sd_x); }
  double g(double y) const { return h * (y - mean_x) + (h + b) * loss(y); }
  // Sum (whole units: y = r + 1 .. r + Q) or integral (over (r, r + Q]) of G1.
  double window_loss(double r, double q) const {
    if (whole) {
      return stats::discrete_loss_sum(x, static_cast<std::int64_t>(r) + 1) -
             stats::discrete_loss_sum(x, static_cast<std::int64_t>(r + q) + 1);
    }
    return stats::normal_loss2(r, mean_x, sd_x) - stats::normal_loss2(r + q, mean_x, sd_x);
  }
  // Mean position minus E[X]: r + Q/2 - E[X], or r + (Q + 1)/2 - E[X] on the integers.
  double mean_net(double r, double q) const { return r + 0.5 * (whole ? q + 1.0 : q) - mean_x; }
  double window_average(double r, double q) const { return h * mean_net(r, q) + (h + b) * window_loss(r, q) / q; }
  double cost(double r, double q) const { return k * lambda / q + window_average(r, q); }
  double fill_rate(double r, double q) const {
    const double shortfall = whole ? stats::discrete_loss(x, r) - stats::discrete_loss(x, r + q) : loss(r) - loss(r + q);
    return 1.0 - shortfall / q;
  }
  double quantile(double p) const {
    if (whole) return static_cast<double>(stats::discrete_quantile(x, p));
    return sd_x == 0.0 ? mean_x : stats::normal_quantile(p, mean_x, sd_x);
  }
};

// Bisection for the crossing of a monotone predicate on [lo, hi]: the smallest point where `ok`
// holds, to the resolution of doubles (or of whole numbers).
template <typename Ok>
double smallest_where(double lo, double hi, bool whole, const Ok& ok) {
  for (int i = 0; i < 200; ++i) {
    if (whole ? hi - lo <= 1.0 : !(hi - lo > 1e-15 * std::max(1.0, std::fabs(hi)))) break;
    double mid = 0.5 * (lo + hi);
    if (whole) mid = std::floor(mid);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

struct Scan {
  const Model& m;
  RQServiceConstraint constraint;
  double target;
  double y0 = 0.0;  // the smallest minimiser of G (continuous: F(y0) = b / (h + b))

  // Best r for Q without a target: G(r) = G(r + Q) (continuous); -infinity when b = 0.
  double free_r(double q) const {
    if (m.b <= 0.0) return kMinusInfinity;
    return smallest_where(y0 - q, y0, false, [&](double r) { return m.g(r) - m.g(r + q) <= 0.0; });
  }
  double target_r(double q) const {
    if (constraint == RQServiceConstraint::cycle_service_level) return m.quantile(target);
    if (constraint == RQServiceConstraint::fill_rate) {
      const double top = m.quantile(target);
      return smallest_where(top - q - 1.0, top, m.whole, [&](double r) { return m.fill_rate(r, q) >= target; });
    }
    return kMinusInfinity;
  }
  // A lower bound on the cost of every lot size of Q or more, given the constrained window average.
  double lower_bound(double q, double free_average, double constrained_average) const {
    double lb = m.b > 0.0 ? free_average : 0.0;
    if (constraint == RQServiceConstraint::cycle_service_level) lb = std::max(lb, constrained_average);
    if (constraint == RQServiceConstraint::fill_rate) {
      // On hand >= a (k - 1)^2 / (2 Q) for any level a < beta, k = Q (beta - a) / (1 - a) (header).
      for (int i = 1; i < 20; ++i) {
        const double a = target * i / 20.0;
        const double k = std::max(0.0, q * (target - a) / (1.0 - a) - 1.0);
        lb = std::max(lb, m.h * a * k * k / (2.0 * q));
      }
    }
    return lb;
  }
};

Result<Model> build_model(const RQOptimalInput& input) {
  if (Problems p = validate(input); !p.empty()) return p;
  Model m;
  m.whole = input.demand.kind == DemandKind::poisson;
  m.lambda = input.demand.mean_units_per_period;
  m.k = input.order_cost_per_order;
  m.h = input.holding_cost_per_unit_period;
  m.b = input.backorder_cost_per_unit_period;
  const double l = input.lead_time_periods;
  if (m.whole) {
    m.x = stats::poisson_distribution(m.lambda * l, 1e-15);
    if (m.x.pmf.empty()) return Problem{"demand/mean_units_per_period", "the lead-time demand is too large to tabulate"};
    m.mean_x = m.x.mean;
    m.sd_x = std::sqrt(m.x.variance);
  } else {
    m.mean_x = m.lambda * l;
    m.sd_x = input.demand.sd_units_per_period * std::sqrt(l);
  }
  return m;
}

RQPolicyCost describe_policy(const Model& m, double r, double q) {
  RQPolicyCost out;
  out.reorder_point = r;
  out.lot_size_units = q;
  const double backorders = m.window_loss(r, q) / q;
  out.ordering_cost_per_period = m.k * m.lambda / q;
  out.holding_cost_per_period = m.h * (m.mean_net(r, q) + backorders);
  out.backorder_cost_per_period = m.b * backorders;
  out.cost_per_period = m.cost(r, q);
  out.cycle_service_level = m.cdf(r);
  out.fill_rate = m.fill_rate(r, q);
  return out;
}

Problem too_large() {
  return Problem{"order_cost_per_order", "the search over Q needs more than 10^6 steps: the instance is too large "
                                         "(rescale demand to larger units)"};
}

// Poisson demand: Federgruen & Zheng's window growth, every Q examined until the bound stops it.
Result<RQOptimalResult> optimize_whole(const Model& m, const Scan& scan) {
  RQOptimalResult out;
  out.whole_units = true;
  // Window {lo, ..., hi} of the lowest values of G (b > 0); starts at y*.
  double lo = scan.y0, hi = scan.y0;
  double best = std::numeric_limits<double>::infinity(), best_r = 0.0, best_q = 1.0;
  for (long long step = 1;; ++step) {
    if (step > kMaxScanSteps) return too_large();
    const double q = static_cast<double>(step);
    if (step > 1 && m.b > 0.0) {
      if (m.g(lo - 1.0) <= m.g(hi + 1.0)) lo -= 1.0;
      else hi += 1.0;
    }
    const double free_r = m.b > 0.0 ? lo - 1.0 : kMinusInfinity;
    const double r = std::max(free_r, scan.target_r(q));
    const double c = m.cost(r, q);
    out.search_steps = step;
    if (c < best) {
      best = c;
      best_r = r;
      best_q = q;
    }
    if (scan.constraint == RQServiceConstraint::none) {
      // Federgruen & Zheng's stopping rule: the next value of G would not lower the average.
      if (std::min(m.g(lo - 1.0), m.g(hi + 1.0)) >= c) break;
    } else {
      const double free_average = m.b > 0.0 ? m.window_average(free_r, q) : 0.0;
      if (scan.lower_bound(q, free_average, m.window_average(r, q)) >= best) break;
    }
  }
  out.optimal = describe_policy(m, best_r, best_q);
  return out;
}

// Normal demand: Q on a grid of 1/64 EOQ until the bound stops the scan, then golden section.
Result<RQOptimalResult> optimize_continuous(const Model& m, const Scan& scan) {
  RQOptimalResult out;
  auto eoq = compute_eoq({m.k, m.h, m.lambda});
  if (!eoq.ok()) return eoq.problems();
  const double step = eoq->order_quantity_units / 64.0;
  auto r_for = [&](double q) { return std::max(scan.free_r(q), scan.target_r(q)); };
  double best = std::numeric_limits<double>::infinity();
  long long best_i = 1;
  for (long long i = 1;; ++i) {
    if (i > kMaxScanSteps) return too_large();
    const double q = step * static_cast<double>(i);
    const double free_r = scan.free_r(q);
    const double r = std::max(free_r, scan.target_r(q));
    const double c = m.cost(r, q);
    out.search_steps = i;
    if (c < best) {
      best = c;
      best_i = i;
    } else if (scan.constraint != RQServiceConstraint::fill_rate) {
      break;  // convex in Q without a fill-rate target: the minimum is bracketed
    }
    const double free_average = m.b > 0.0 ? m.window_average(free_r, q) : 0.0;
    if (scan.lower_bound(q, free_average, m.window_average(r, q)) >= best) break;
  }
  const double lo = step * static_cast<double>(best_i - 1) + 1e-9 * step;
  const double hi = step * static_cast<double>(best_i + 1);
  double q = golden_section_minimum([&](double v) { return m.cost(r_for(v), v); }, lo, hi, 120, 0.0);
  double r = r_for(q);
  if (scan.constraint == RQServiceConstraint::none) {
    // Polish on the optimality condition G(r) = G(r + Q) = C: the level c with
    // phi(c) = integral (c - G)^+ = K lambda; phi'(c) = Q(c) (Newton from the golden-section cost).
    double c = m.cost(r, q);
    for (int it = 0; it < 8; ++it) {
      const double span = 64.0 * (q + m.sd_x + 1.0);
      const double rc = smallest_where(scan.y0 - span, scan.y0, false, [&](double y) { return m.g(y) <= c; });
      const double top = smallest_where(scan.y0, scan.y0 + span, false, [&](double y) { return m.g(y) >= c; });
      const double qc = top - rc;
      if (!(qc > 0.0)) break;
      const double phi = c * qc - (m.h * qc * m.mean_net(rc, qc) + (m.h + m.b) * m.window_loss(rc, qc));
      const double next = c - (phi - m.k * m.lambda) / qc;
      r = rc;
      q = qc;
      if (std::fabs(next - c) <= 1e-15 * c) break;
      c = next;
    }
  }
  out.optimal = describe_policy(m, r, q);
  return out;
}

}  // namespace

Problems validate(const RQOptimalInput& input) {
  Problems out;
  const PeriodDemand& d = input.demand;
  if (d.kind != DemandKind::normal && d.kind != DemandKind::poisson) {
    out.push_back({"demand/kind", "the exact (r, Q) optimum takes normal or poisson demand"});
  }
  if (!std::isfinite(d.mean_units_per_period) || d.mean_units_per_period <= 0.0) {
    out.push_back({"demand/mean_units_per_period", "must be a positive number"});
  }
  if (d.kind == DemandKind::normal && (!std::isfinite(d.sd_units_per_period) || d.sd_units_per_period < 0.0)) {
    out.push_back({"demand/sd_units_per_period", "must be a finite number that is not negative"});
  }
  if (!std::isfinite(input.lead_time_periods) || input.lead_time_periods < 0.0) {
    out.push_back({"lead_time_periods", "must be a finite number that is not negative"});
  }
  if (!std::isfinite(input.order_cost_per_order) || input.order_cost_per_order <= 0.0) {
    out.push_back({"order_cost_per_order", "must be positive (with no order cost the optimum is a base-stock policy)"});
  }
  if (!std::isfinite(input.holding_cost_per_unit_period) || input.holding_cost_per_unit_period <= 0.0) {
    out.push_back({"holding_cost_per_unit_period", "must be a positive number"});
  }
  const double b = input.backorder_cost_per_unit_period;
  if (!std::isfinite(b) || b < 0.0) {
    out.push_back({"backorder_cost_per_unit_period", "must be a finite number that is not negative"});
  } else if (b == 0.0 && input.constraint == RQServiceConstraint::none) {
    out.push_back({"backorder_cost_per_unit_period", "must be positive unless a service target is set"});
  }
  if (input.constraint != RQServiceConstraint::none &&
      !(input.service_target > 0.0 && input.service_target < 1.0)) {
    out.push_back({"service_target", "must be strictly between 0 and 1"});
  }
  return out;
}

Result<RQPolicyCost> r_Q_policy_cost(const RQOptimalInput& input, double reorder_point, double lot_size_units) {
  auto model = build_model(input);
  if (!model.ok()) return model.problems();
  if (!(lot_size_units > 0.0) || !std::isfinite(lot_size_units)) {
    return Problem{"lot_size_units", "must be a positive number"};
  }
  if (!std::isfinite(reorder_point)) return Problem{"reorder_point", "must be a finite number"};
  if (model->whole && (lot_size_units != std::floor(lot_size_units) || reorder_point != std::floor(reorder_point))) {
    return Problem{"lot_size_units", "r and Q are whole numbers with Poisson demand"};
  }
  return describe_policy(*model, reorder_point, lot_size_units);
}

Result<RQOptimalResult> optimize_r_Q(const RQOptimalInput& input) {
  auto model = build_model(input);
  if (!model.ok()) return model.problems();
  const Model& m = *model;
  Scan scan{m, input.constraint, input.service_target};
  if (m.b > 0.0) scan.y0 = m.quantile(m.b / (m.h + m.b));
  return m.whole ? optimize_whole(m, scan) : optimize_continuous(m, scan);
}

}  // namespace echelon
