#include "core/service/frontier.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::service {

namespace {

std::vector<FrontierPoint> thin(const std::vector<FrontierPoint>& all, int max_points) {
  if (static_cast<int>(all.size()) <= max_points || max_points < 3) return all;
  std::vector<FrontierPoint> out;
  const double lo = all.front().fill_rate, hi = all.back().fill_rate;
  const double step = (hi - lo) / (max_points - 1);
  double next = lo;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i == 0 || i + 1 == all.size() || all[i].fill_rate >= next) {
      out.push_back(all[i]);
      next = all[i].fill_rate + step;
    }
  }
  return out;
}

FrontierCurve walk(std::span<const ServiceCurve> curves, const std::vector<int>& members, FillRateWeighting weighting,
                   int max_points) {
  std::vector<ServiceCurve> subset;
  subset.reserve(members.size());
  for (int i : members) subset.push_back(curves[static_cast<std::size_t>(i)]);
  double w_total = 0.0, wf = 0.0, cost = 0.0;
  for (const ServiceCurve& c : subset) {
    if (c.points.empty()) continue;
    const double w = weight_of(c, weighting);
    w_total += w;
    wf += w * c.points.front().fill_rate;
    cost += c.points.front().investment;
  }
  FrontierCurve out;
  if (!(w_total > 0.0)) return out;
  std::vector<FrontierPoint> all{{wf / w_total, cost, 0.0}};
  for (const MarginalStep& s : marginal_order(subset, weighting)) {
    wf += s.weighted_fill;
    cost += s.investment;
    all.push_back({wf / w_total, cost, s.slope * w_total});
  }
  out.points = thin(all, max_points);
  return out;
}

double aggregate_uniform(std::span<const ServiceCurve> curves, FillRateWeighting weighting, double t, double& cost) {
  double w_total = 0.0, wf = 0.0;
  cost = 0.0;
  for (const ServiceCurve& c : curves) {
    if (c.points.empty()) continue;
    const ServiceCurvePoint p = point_at_fill_rate(c, t);
    const double w = weight_of(c, weighting);
    w_total += w;
    wf += w * p.fill_rate;
    cost += p.investment;
  }
  return w_total > 0.0 ? wf / w_total : 0.0;
}

}  // namespace

Frontier trace_frontier(std::span<const ServiceCurve> curves, std::span<const double> current, const FrontierOptions& o) {
  Frontier f;
  std::vector<int> all;
  std::vector<std::string> names;
  std::vector<std::vector<int>> groups;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    all.push_back(static_cast<int>(i));
    auto it = std::find(names.begin(), names.end(), curves[i].segment);
    if (it == names.end()) {
      names.push_back(curves[i].segment);
      groups.emplace_back();
      it = names.end() - 1;
    }
    groups[static_cast<std::size_t>(it - names.begin())].push_back(static_cast<int>(i));
  }
  f.overall = walk(curves, all, o.weighting, o.max_points);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    FrontierCurve c = walk(curves, groups[g], o.weighting, o.max_points);
    c.segment = names[g];
    f.segments.push_back(std::move(c));
  }
  // Uniform targets over the range where every item can take the same target.
  double lo = 0.0, hi = 1.0;
  for (const ServiceCurve& c : curves) {
    if (c.points.empty()) continue;
    lo = std::max(lo, c.points.front().fill_rate);
    hi = std::min(hi, c.points.back().fill_rate);
  }
  if (hi >= lo && o.uniform_points >= 2) {
    for (int k = 0; k < o.uniform_points; ++k) {
      const double t = lo + (hi - lo) * k / (o.uniform_points - 1);
      double cost = 0.0;
      const double agg = aggregate_uniform(curves, o.weighting, t, cost);
      f.uniform.push_back({agg, cost, 0.0});
      f.uniform_targets.push_back(t);
    }
  }
  bool any = false;
  for (double v : current) any |= v > 0.0;
  if (any && current.size() == curves.size()) {
    const Allocation a = allocation_at(curves, current, o.weighting);
    f.has_current = true;
    f.current = {a.aggregate_fill_rate, a.investment, 0.0};
  }
  return f;
}

double frontier_investment_at(const FrontierCurve& c, double fill) {
  if (c.points.empty()) return std::numeric_limits<double>::infinity();
  if (fill <= c.points.front().fill_rate) return c.points.front().investment;
  if (fill > c.points.back().fill_rate) return std::numeric_limits<double>::infinity();
  auto it = std::lower_bound(c.points.begin(), c.points.end(), fill,
                             [](const FrontierPoint& p, double v) { return p.fill_rate < v; });
  if (it->fill_rate == fill) return it->investment;
  const FrontierPoint& a = *(it - 1);
  const FrontierPoint& b = *it;
  return a.investment + (fill - a.fill_rate) / (b.fill_rate - a.fill_rate) * (b.investment - a.investment);
}

bool best_uniform_at(std::span<const ServiceCurve> curves, FillRateWeighting weighting, double fill, double& target,
                     double& investment) {
  double cost = 0.0;
  // The aggregate of a uniform t is non-decreasing in t; t beyond an item's top keeps it there.
  double top = 0.0;
  for (const ServiceCurve& c : curves)
    if (!c.points.empty()) top = std::max(top, c.points.back().fill_rate);
  if (aggregate_uniform(curves, weighting, top, cost) < fill - 1e-12) return false;
  double lo = 0.0, hi = top;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (aggregate_uniform(curves, weighting, mid, cost) >= fill) hi = mid;
    else lo = mid;
  }
  target = hi;
  aggregate_uniform(curves, weighting, hi, investment);
  return true;
}

}  // namespace echelon::service
