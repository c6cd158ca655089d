#include "core/service/allocation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::service {

double weight_of(const ServiceCurve& c, FillRateWeighting w) {
  return w == FillRateWeighting::simple ? 1.0 : std::max(0.0, c.mean_demand_per_period);
}

std::vector<MarginalStep> marginal_order(std::span<const ServiceCurve> curves, FillRateWeighting weighting) {
  std::vector<MarginalStep> steps;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const double w = weight_of(curves[i], weighting);
    if (!(w > 0.0)) continue;
    const auto& pts = curves[i].points;
    for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
      MarginalStep s;
      s.item = static_cast<int>(i);
      s.point = static_cast<int>(k);
      s.weighted_fill = w * (pts[k + 1].fill_rate - pts[k].fill_rate);
      s.investment = pts[k + 1].investment - pts[k].investment;
      s.slope = s.investment / s.weighted_fill;
      steps.push_back(s);
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const MarginalStep& a, const MarginalStep& b) { return a.slope < b.slope; });
  return steps;
}

namespace {

struct Position {
  int point = 0;
  double fraction = 0.0;  // of the segment from `point` to `point + 1`
};

ItemAllocation item_at(const ServiceCurve& c, const Position& p) {
  ItemAllocation a;
  a.id = c.id;
  a.segment = c.segment;
  const ServiceCurvePoint& left = c.points[static_cast<std::size_t>(p.point)];
  if (p.fraction > 0.0 && static_cast<std::size_t>(p.point) + 1 < c.points.size()) {
    const ServiceCurvePoint& right = c.points[static_cast<std::size_t>(p.point) + 1];
    const double t = p.fraction;
    a.fill_rate = left.fill_rate + t * (right.fill_rate - left.fill_rate);
    a.level = left.level + t * (right.level - left.level);
    a.safety_stock_units = left.safety_stock_units + t * (right.safety_stock_units - left.safety_stock_units);
    a.investment = left.investment + t * (right.investment - left.investment);
  } else {
    a.fill_rate = left.fill_rate;
    a.level = left.level;
    a.safety_stock_units = left.safety_stock_units;
    a.investment = left.investment;
  }
  a.at_lower_bound = p.point == 0 && p.fraction == 0.0;
  a.at_upper_bound = static_cast<std::size_t>(p.point) + 1 == c.points.size();
  return a;
}

void summarise(std::span<const ServiceCurve> curves, FillRateWeighting weighting, Allocation& out) {
  double w_total = 0.0, wf = 0.0;
  out.investment = 0.0;
  out.segments.clear();
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const ItemAllocation& a = out.items[i];
    const double w = weight_of(curves[i], weighting);
    w_total += w;
    wf += w * a.fill_rate;
    out.investment += a.investment;
    auto it = std::find_if(out.segments.begin(), out.segments.end(),
                           [&](const SegmentSummary& s) { return s.segment == a.segment; });
    if (it == out.segments.end()) {
      out.segments.push_back({a.segment});
      it = out.segments.end() - 1;
    }
    ++it->items;
    it->weight += w;
    it->fill_rate += w * a.fill_rate;  // divided below
    it->investment += a.investment;
  }
  for (SegmentSummary& s : out.segments) s.fill_rate = s.weight > 0.0 ? s.fill_rate / s.weight : 0.0;
  out.aggregate_fill_rate = w_total > 0.0 ? wf / w_total : 0.0;
}

// g(lambda) = sum_i min_k [c_ik - lambda w_i f_ik] + lambda T W.
double dual_value(std::span<const ServiceCurve> curves, FillRateWeighting weighting, double lambda, double target) {
  double g = 0.0, w_total = 0.0;
  for (const ServiceCurve& c : curves) {
    const double w = weight_of(c, weighting);
    w_total += w;
    double best = std::numeric_limits<double>::infinity();
    for (const ServiceCurvePoint& p : c.points) best = std::min(best, p.investment - lambda * w * p.fill_rate);
    g += best;
  }
  return g + lambda * target * w_total;
}

// Largest distance from lambda to the subdifferential of c_i / w_i at each item's position.
double stationarity(std::span<const ServiceCurve> curves, FillRateWeighting weighting,
                    const std::vector<Position>& pos, double lambda) {
  double worst = 0.0;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const double w = weight_of(curves[i], weighting);
    const auto& pts = curves[i].points;
    if (!(w > 0.0) || pts.size() < 2) continue;
    auto slope = [&](std::size_t k) {
      return (pts[k + 1].investment - pts[k].investment) / (w * (pts[k + 1].fill_rate - pts[k].fill_rate));
    };
    const auto k = static_cast<std::size_t>(pos[i].point);
    double lo_slope = -std::numeric_limits<double>::infinity(), hi_slope = std::numeric_limits<double>::infinity();
    if (pos[i].fraction > 0.0) {
      lo_slope = hi_slope = slope(k);
    } else {
      if (k > 0) lo_slope = slope(k - 1);
      if (k + 1 < pts.size()) hi_slope = slope(k);
    }
    worst = std::max({worst, lo_slope - lambda, lambda - hi_slope});
  }
  return worst;
}

}  // namespace

Result<Allocation> allocate(std::span<const ServiceCurve> curves, const AllocationRequest& r) {
  if (curves.empty()) return Problem{"items", "the portfolio has no item"};
  for (std::size_t i = 0; i < curves.size(); ++i)
    if (curves[i].points.empty()) return Problem{"items/" + std::to_string(i), "has an empty service curve"};
  const bool by_budget = r.objective == AllocationObjective::max_fill_rate_for_budget;
  if (!by_budget && !(r.target_fill_rate > 0.0 && r.target_fill_rate < 1.0))
    return Problem{"target_fill_rate", "must be strictly between 0 and 1 (got " + format_number(r.target_fill_rate) + ")"};
  if (by_budget && !std::isfinite(r.budget))
    return Problem{"budget", "must be a finite amount of money (got " + format_number(r.budget) + ")"};

  double w_total = 0.0, wf_low = 0.0, wf_high = 0.0, cost_low = 0.0, cost_high = 0.0;
  for (const ServiceCurve& c : curves) {
    const double w = weight_of(c, r.weighting);
    w_total += w;
    wf_low += w * c.points.front().fill_rate;
    wf_high += w * c.points.back().fill_rate;
    cost_low += c.points.front().investment;
    cost_high += c.points.back().investment;
  }
  if (!(w_total > 0.0)) return Problem{"items", "no item has demand, so there is no fill rate to aggregate"};

  std::vector<Position> pos(curves.size());
  const std::vector<MarginalStep> steps = marginal_order(curves, r.weighting);
  double lambda = 0.0;
  double target = r.target_fill_rate;
  bool budget_binding = true;
  if (!by_budget) {
    if (target * w_total > wf_high * (1.0 + 1e-12))
      return Problem{"target_fill_rate", "cannot be reached within the items' upper bounds: the most the portfolio reaches is " +
                                             format_number(wf_high / w_total)};
    double need = target * w_total - wf_low;
    for (const MarginalStep& s : steps) {
      if (!(need > 0.0)) break;
      lambda = s.slope;
      Position& p = pos[static_cast<std::size_t>(s.item)];
      if (s.weighted_fill >= need) {
        p.fraction = need / s.weighted_fill;
        if (p.fraction >= 1.0) {
          p.point = s.point + 1;
          p.fraction = 0.0;
        }
        need = 0.0;
        break;
      }
      p.point = s.point + 1;
      need -= s.weighted_fill;
    }
  } else {
    if (r.budget < cost_low * (1.0 - 1e-12) - 1e-12)
      return Problem{"budget", "is below the investment of every item at its lower bound (" + format_number(cost_low) + ")"};
    double left = r.budget - cost_low;
    bool binding = false;
    for (const MarginalStep& s : steps) {
      Position& p = pos[static_cast<std::size_t>(s.item)];
      if (s.investment > left) {
        p.fraction = s.investment > 0.0 ? left / s.investment : 0.0;
        lambda = s.slope;
        binding = true;
        break;
      }
      p.point = s.point + 1;
      left -= s.investment;
      lambda = s.slope;
    }
    budget_binding = binding;
    (void)cost_high;
  }

  Allocation out;
  out.items.reserve(curves.size());
  for (std::size_t i = 0; i < curves.size(); ++i) out.items.push_back(item_at(curves[i], pos[i]));
  summarise(curves, r.weighting, out);
  if (by_budget) target = out.aggregate_fill_rate;

  AllocationCertificate& cert = out.certificate;
  cert.multiplier = lambda;
  cert.binding = by_budget ? budget_binding : lambda > 0.0;
  cert.primal_investment = out.investment;
  cert.dual_value = dual_value(curves, r.weighting, lambda, target);
  cert.duality_gap = cert.primal_investment - cert.dual_value;
  const double shortfall = std::max(0.0, target - out.aggregate_fill_rate);
  const double stat = stationarity(curves, r.weighting, pos, lambda);
  cert.kkt_residual = std::max(lambda > 0.0 ? stat / lambda : stat, shortfall);

  // Whole-unit items cannot sit between two levels: the one taken in part steps up.
  double realized = 0.0, wf = 0.0;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    Position p = pos[i];
    if (curves[i].whole_units && p.fraction > 0.0) {
      p.point += 1;
      p.fraction = 0.0;
    }
    const ItemAllocation a = item_at(curves[i], p);
    realized += a.investment;
    wf += weight_of(curves[i], r.weighting) * a.fill_rate;
    if (curves[i].whole_units) out.items[i] = a;
  }
  summarise(curves, r.weighting, out);
  cert.realized_investment = realized;
  cert.realized_fill_rate = wf / w_total;
  return out;
}

Allocation allocation_at(std::span<const ServiceCurve> curves, std::span<const double> fill_rates,
                         FillRateWeighting weighting) {
  Allocation out;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const ServiceCurvePoint p = point_at_fill_rate(curves[i], i < fill_rates.size() ? fill_rates[i] : 0.0);
    ItemAllocation a;
    a.id = curves[i].id;
    a.segment = curves[i].segment;
    a.fill_rate = p.fill_rate;
    a.level = p.level;
    a.safety_stock_units = p.safety_stock_units;
    a.investment = p.investment;
    a.at_lower_bound = !curves[i].points.empty() && p.fill_rate <= curves[i].points.front().fill_rate;
    a.at_upper_bound = !curves[i].points.empty() && p.fill_rate >= curves[i].points.back().fill_rate;
    out.items.push_back(a);
  }
  summarise(curves, weighting, out);
  out.certificate.primal_investment = out.certificate.realized_investment = out.investment;
  out.certificate.realized_fill_rate = out.aggregate_fill_rate;
  return out;
}

}  // namespace echelon::service
