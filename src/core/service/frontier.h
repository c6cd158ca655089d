// The efficient frontier of a portfolio: the least investment for every aggregate fill rate,
// overall and per segment, with the uniform-target plan and the current plan for comparison.
//
// Marginal analysis (allocation.h) visits the curves' segments cheapest slope first; the running
// totals after each step are the frontier's kinks: (aggregate fill, investment) pairs that are
// optimal for their own aggregate, and the frontier is linear between them (the problem is a
// parametric convex program in the target; its value function is convex and piecewise linear,
// with slope lambda W, W the total weight). Per segment the same walk runs over that segment's items.
// The uniform plan puts every item at the same target t (clamped to its bounds); it lies on or
// above the frontier, and the vertical distance at the same aggregate is what differentiation
// saves. The current plan is every item at its current_fill_rate (service_curve.h).
// Dragging along the frontier = calling allocate() with the aggregate under the cursor.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/service/allocation.h"

namespace echelon::service {

struct FrontierPoint {
  double fill_rate = 0.0;   // aggregate
  double investment = 0.0;
  double multiplier = 0.0;  // slope of the frontier up to this point: money per unit of aggregate fill rate
};

struct FrontierCurve {
  std::string segment;  // "" for the whole portfolio
  std::vector<FrontierPoint> points;  // fill rate increasing
};

struct Frontier {
  FrontierCurve overall;
  std::vector<FrontierCurve> segments;       // by first appearance
  std::vector<FrontierPoint> uniform;        // uniform targets on a grid of the bounds' common range
  bool has_current = false;
  FrontierPoint current;                     // every item at its current target
  std::vector<double> uniform_targets;       // the t of each uniform point
};

struct FrontierOptions {
  FillRateWeighting weighting = FillRateWeighting::demand;
  int max_points = 101;      // per curve: kinks are thinned to about this many (ends kept)
  int uniform_points = 41;
};

// `current_fill_rates`: one per curve (0 = no current target; such items sit at their lower bound).
Frontier trace_frontier(std::span<const ServiceCurve> curves, std::span<const double> current_fill_rates,
                        const FrontierOptions& options = {});

// The least investment on a frontier curve at an aggregate fill rate (linear between kinks;
// +infinity above the curve's range, the first point's investment below it).
double frontier_investment_at(const FrontierCurve& curve, double fill_rate);

// The uniform target whose aggregate reaches `fill_rate` (bisection on t over the items' curves)
// and its investment: the best uniform plan at that aggregate. Returns false if out of reach.
bool best_uniform_at(std::span<const ServiceCurve> curves, FillRateWeighting weighting, double fill_rate,
                     double& target, double& investment);

}  // namespace echelon::service
