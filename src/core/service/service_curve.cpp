#include "core/service/service_curve.h"

#include <algorithm>
#include <cmath>

namespace echelon::service {

Problems validate(const ServiceItem& item, const std::string& path) {
  Problems p;
  const std::string at = path.empty() ? std::string{} : path + "/";
  if (!(item.unit_cost >= 0.0 && std::isfinite(item.unit_cost)))
    p.push_back({at + "unit_cost", "must be finite and not negative (got " + format_number(item.unit_cost) + ")"});
  if (!(item.lot_size_units >= 0.0 && std::isfinite(item.lot_size_units)))
    p.push_back({at + "lot_size_units", "must be finite and not negative (got " + format_number(item.lot_size_units) + ")"});
  if (!(item.min_fill_rate > 0.0 && item.min_fill_rate < 1.0))
    p.push_back({at + "min_fill_rate", "must be strictly between 0 and 1 (got " + format_number(item.min_fill_rate) + ")"});
  if (!(item.max_fill_rate > item.min_fill_rate && item.max_fill_rate < 1.0))
    p.push_back({at + "max_fill_rate",
                 "must be above min_fill_rate and below 1 (got " + format_number(item.max_fill_rate) + ")"});
  if (!(item.current_fill_rate >= 0.0 && item.current_fill_rate < 1.0))
    p.push_back({at + "current_fill_rate", "must be in [0, 1) (got " + format_number(item.current_fill_rate) + ")"});
  if (item.lot_size_units == 0.0 && item.demand.review_period_periods == 0.0)
    p.push_back({at + "demand/review_period_periods",
                 "continuous review needs a lot size (a base-stock fill rate needs a review period of at least 1)"});
  for (Problem q : validate(item.demand)) {
    q.path = at + "demand/" + q.path;
    p.push_back(std::move(q));
  }
  return p;
}

PositionDistribution position_of(const ServiceItem& item) {
  PositionDistribution u;
  if (item.lot_size_units > 0.0) {
    u.shape = PositionShape::uniform;
    u.width = item.lot_size_units;
  }
  return u;
}

namespace {

// Evaluations a solve_level call typically spends, for the work count (bracketing plus the root).
constexpr int kSolveWork = 24;

// Lower convex hull of points sorted by fill rate (Andrew's monotone chain, lower half).
std::vector<ServiceCurvePoint> lower_hull(const std::vector<ServiceCurvePoint>& pts) {
  std::vector<ServiceCurvePoint> h;
  for (const ServiceCurvePoint& p : pts) {
    while (h.size() >= 2) {
      const ServiceCurvePoint& a = h[h.size() - 2];
      const ServiceCurvePoint& b = h.back();
      // b is kept only if it lies strictly below the chord from a to p.
      const double cross = (b.fill_rate - a.fill_rate) * (p.investment - a.investment) -
                           (b.investment - a.investment) * (p.fill_rate - a.fill_rate);
      if (cross <= 0.0) h.pop_back();
      else break;
    }
    h.push_back(p);
  }
  return h;
}

}  // namespace

Result<ServiceCurve> service_curve(const ServiceItem& item, const ProtectionDemands& d, const ServiceCurveOptions& o) {
  if (o.max_points < 2) return Problem{"max_points", "must be at least 2 (got " + std::to_string(o.max_points) + ")"};
  const PositionDistribution u = position_of(item);
  auto lo = solve_level(d, u, KpiMeasure::fill_rate, item.min_fill_rate);
  if (!lo.ok()) return Problem{"min_fill_rate", describe(lo.problems())};
  auto hi = solve_level(d, u, KpiMeasure::fill_rate, item.max_fill_rate);
  if (!hi.ok()) return Problem{"max_fill_rate", describe(hi.problems())};

  ServiceCurve c;
  c.id = item.id;
  c.segment = item.segment;
  c.mean_demand_per_period = d.mean_demand_per_period;
  c.whole_units = integer_lattice(d.protection());
  c.work_units = 2 * kSolveWork;
  const double mean_x = d.protection().mean;

  std::vector<double> levels;
  const double a = *lo, b = std::max(*hi, *lo);
  if (c.whole_units) {
    const double span = b - a;
    const double step = std::max(1.0, std::ceil(span / (o.max_points - 1)));
    for (double l = a; l < b; l += step) levels.push_back(l);
    levels.push_back(b);
  } else {
    const int n = b > a ? o.max_points : 1;
    for (int i = 0; i < n; ++i) levels.push_back(n == 1 ? a : a + (b - a) * i / (n - 1));
  }

  std::vector<ServiceCurvePoint> pts;
  for (double l : levels) {
    ServiceCurvePoint p;
    p.level = l;
    p.fill_rate = evaluate_kpis(d, u, l).fill_rate;
    p.safety_stock_units = l - mean_x;
    p.investment = item.unit_cost * p.safety_stock_units;
    ++c.work_units;
    // Equal fill rates (a flat stretch): keep the cheapest, the first.
    if (!pts.empty() && p.fill_rate <= pts.back().fill_rate) continue;
    pts.push_back(p);
  }
  c.points = lower_hull(pts);
  c.dropped_points = static_cast<int>(levels.size() - c.points.size());
  return c;
}

Result<ServiceCurve> service_curve(const ServiceItem& item, const ServiceCurveOptions& o) {
  Problems p = validate(item);
  if (!p.empty()) return p;
  auto d = protection_demands(item.demand);
  if (!d.ok()) return d.problems();
  return service_curve(item, *d, o);
}

ServiceCurvePoint point_at_fill_rate(const ServiceCurve& c, double f) {
  if (c.points.empty()) return {};
  if (f <= c.points.front().fill_rate) return c.points.front();
  if (f >= c.points.back().fill_rate) return c.points.back();
  auto it = std::lower_bound(c.points.begin(), c.points.end(), f,
                             [](const ServiceCurvePoint& p, double v) { return p.fill_rate < v; });
  const ServiceCurvePoint& right = *it;
  if (right.fill_rate == f || c.whole_units) return right;
  const ServiceCurvePoint& left = *(it - 1);
  const double t = (f - left.fill_rate) / (right.fill_rate - left.fill_rate);
  ServiceCurvePoint p;
  p.fill_rate = f;
  p.level = left.level + t * (right.level - left.level);
  p.safety_stock_units = left.safety_stock_units + t * (right.safety_stock_units - left.safety_stock_units);
  p.investment = left.investment + t * (right.investment - left.investment);
  return p;
}

double fill_rate_at_level(const ServiceItem& item, const ProtectionDemands& d, double level) {
  return evaluate_kpis(d, position_of(item), level).fill_rate;
}

}  // namespace echelon::service
