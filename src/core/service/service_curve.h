// The cost of service for one item: safety-stock investment as a function of the type-2 fill rate.
//
// An item is one stocking point with a periodic-review (R >= 1) or continuous (R = 0) policy: order
// up to the level S every review (base-stock), or in lots of Q when the position is at or below
// the reorder point r. Its demand over the protection interval X_{L+R} and the fill rate at a
// level come from policy/policy_kpis.h (exact loss-function formulas, no cycle-service shortcut):
//   fill(level) = 1 - E_U[G1_{L+R}(U) - G1_L(U)] / (R E[D])    (Zipkin 2000, ch. 6)
//   safety stock SS(level) = level - E[X_{L+R}],   investment I(level) = unit cost × SS(level).
// The fill rate rises with the level; its second derivative is -(f_{L+R}(S) - f_L(S)) / (R E[D])
// (f the densities, for base-stock), so it is concave wherever the density of X_{L+R} is at least
// that of X_L, which covers the upper range of levels that targets use. There the inverse
// I(fill) is convex, which is what makes the portfolio problem of allocation.h a convex one;
// elsewhere the hull below restores convexity.
//
// The curve is sampled: levels from the one that just reaches min_fill_rate to the one that just
// reaches max_fill_rate (solve_level), whole units when X lives on the integers (every whole level
// up to `max_points`, else every k-th), evenly spaced otherwise. The points kept are the lower
// convex hull of (fill, investment): a point above the chord of its neighbours is never worth
// choosing by marginal analysis (Fox 1966, "Discrete optimization via marginal analysis",
// Management Science 13(3)), and dropping it makes the sampled problem exactly convex; the number
// dropped is reported. Between kept points the item moves along the chord: the level is
// interpolated linearly, so the investment is the chord's and (fill being concave between hull
// points of a concave stretch) the fill rate is at least the chord's.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/policy/lead_time_demand.h"
#include "core/policy/policy_kpis.h"

namespace echelon::service {

struct ServiceItem {
  std::string id;
  std::string segment;            // label for per-segment results (e.g. "AX"); may be empty
  double unit_cost = 0.0;         // money per unit
  LeadTimeDemandInput demand;     // demand per period, lead time, review period R (whole periods)
  double lot_size_units = 0.0;    // 0: base-stock; > 0: lots of Q at the reorder point
  double min_fill_rate = 0.50;    // bounds on the item's own fill rate, 0 < min < max < 1
  double max_fill_rate = 0.995;
  double current_fill_rate = 0.0; // the target in force today (0: none), for the frontier's marker
};

struct ServiceCurvePoint {
  double fill_rate = 0.0;
  double level = 0.0;               // order-up-to level, or reorder point when Q > 0
  double safety_stock_units = 0.0;  // level - E[X_{L+R}]
  double investment = 0.0;          // unit cost × safety stock
};

struct ServiceCurve {
  std::string id;
  std::string segment;
  double mean_demand_per_period = 0.0;  // the item's weight in a demand-weighted fill rate
  bool whole_units = false;             // X on the integers: levels are whole numbers
  std::vector<ServiceCurvePoint> points;  // lower convex hull, fill rates strictly increasing
  int dropped_points = 0;                 // sampled points above the hull
  int work_units = 0;                     // KPI evaluations spent (a solve counts its evaluations)
};

struct ServiceCurveOptions {
  int max_points = 64;  // sampled levels, at least 2
};

Problems validate(const ServiceItem& item, const std::string& path = {});

// The position after ordering: a point (base-stock) or uniform on (level, level + Q].
PositionDistribution position_of(const ServiceItem& item);

Result<ServiceCurve> service_curve(const ServiceItem& item, const ProtectionDemands& demands,
                                   const ServiceCurveOptions& options = {});
Result<ServiceCurve> service_curve(const ServiceItem& item, const ServiceCurveOptions& options = {});

// A point on the curve's chords at `fill_rate` (clamped to the curve's range): the interpolated
// level and investment. Lattice items move up to the next kept point instead of interpolating
// (a whole-unit level cannot sit between two), so their fill rate is at least `fill_rate`.
ServiceCurvePoint point_at_fill_rate(const ServiceCurve& curve, double fill_rate);

// The same point as exact numbers: the analytic fill rate at a level (for a plan's promise).
double fill_rate_at_level(const ServiceItem& item, const ProtectionDemands& demands, double level);

}  // namespace echelon::service
