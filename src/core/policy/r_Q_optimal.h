// The optimal continuous-review (r, Q) policy with backorders: exact cost, exact optimum, and the
// least-cost policy meeting a service target.
//
// Model (Zipkin, "Foundations of Inventory Management", 2000, ch. 6; Hadley & Whitin 1963, ch. 4;
// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., eqs. 5.7 and 5.48):
// demand arrives at rate lambda per period; when the inventory position falls to r an order of Q
// is placed (fixed cost K); it arrives after a constant lead time L. The position is uniform on
// (r, r + Q] (continuous demand) or on {r + 1, ..., r + Q} (unit Poisson demand), independent of
// the lead-time demand X, so with the one-point cost
//   G(y) = h E[(y - X)^+] + b E[(X - y)^+] = h (y - E[X]) + (h + b) G1(y)
// the exact long-run cost per period is
//   C(r, Q) = ( K lambda + integral_r^{r+Q} G(y) dy ) / Q                 (normal X)
//   C(r, Q) = ( K lambda + sum_{y=r+1}^{r+Q} G(y) ) / Q                   (Poisson X)
// with the integral and the sum in closed form through the second-order loss:
//   integral_r^{r+Q} G1 = G2(r) - G2(r + Q),   sum_{y=r+1}^{r+Q} G1(y) = S(r + 1) - S(r + Q + 1),
// S(k) = sum_{j >= k} G1(j) (stats.h). This is the exact cost, not the textbook approximation that
// charges b per unit short per cycle with the holding cost of h (r - E[X] + Q/2).
//
// Optimum without a service target (needs b > 0): C is jointly convex (Zipkin 2000, ch. 6). For
// each Q the best r solves G(r) = G(r + Q) (the window of length Q where G is lowest), and at the
// optimum G(r*) = G(r* + Q*) = C(r*, Q*). Poisson demand: the algorithm of Federgruen & Zheng,
// "An efficient algorithm for computing an optimal (r, Q) policy in continuous review stochastic
// inventory systems", Operations Research 40(4), 1992: grow the window one unit at a time on the
// side where G is lower, stopping when the next value of G is no less than the current average
// cost. Normal demand: Q by golden-section search on the convex min_r C(r, Q), r by bisection on
// G(r) = G(r + Q), both to machine precision.
//
// Service targets (Zipkin 2000, ch. 6; Snyder & Shen 2nd ed., ch. 5): minimise C subject to
//   type 1, cycle service   P(X <= r) >= alpha       (no stockout in a replenishment cycle)
//   type 2, fill rate       1 - (G1(r) - G1(r + Q)) / Q >= beta   (share of demand met from stock)
// b may then be 0 (a pure service model). For each Q the constrained best r is the larger of the
// unconstrained best r and the smallest r meeting the target (C is convex in r, the service
// measure increasing in r). Over Q: Poisson demand scans every Q; normal demand scans Q on a grid
// of 1/64 of the EOQ (up to the first rise of the convex cost when there is no fill-rate target)
// and refines the best cell by golden section. The scans stop when a lower bound on the cost of
// every larger Q exceeds the best cost found:
//   the lowest window average of G (nondecreasing in Q), and, for a fill rate beta, the on-hand
//   bound h a (k - 1)^2 / (2 Q) for any a < beta: the fill rate is the window average of F, so at
//   least k = Q (beta - a) / (1 - a) points of the window have F >= a, and there the expected
//   on-hand stock, the integral of F, grows with slope at least a.
// For a cycle-service target the cost over Q stays convex and the result is the global optimum;
// for a fill rate it is the best on the grid refined locally (exact when C over Q is unimodal,
// the usual case).
//
// Work is bounded: scans of more than 10^6 steps are refused with a problem naming the input.
#pragma once

#include "core/base/result.h"
#include "core/policy/lead_time_demand.h"

namespace echelon {

enum class RQServiceConstraint { none, cycle_service_level, fill_rate };

struct RQOptimalInput {
  // Demand per period: normal (mean, sd > 0) for continuous demand, or poisson (mean) for unit
  // demands arriving as a Poisson process.
  PeriodDemand demand;
  double lead_time_periods = 0.0;               // L >= 0, constant
  double order_cost_per_order = 0.0;            // K > 0
  double holding_cost_per_unit_period = 0.0;    // h > 0
  double backorder_cost_per_unit_period = 0.0;  // b >= 0 (> 0 without a service constraint)
  RQServiceConstraint constraint = RQServiceConstraint::none;
  double service_target = 0.95;                 // alpha or beta in (0, 1)
};

struct RQPolicyCost {
  double reorder_point = 0.0;          // r
  double lot_size_units = 0.0;         // Q
  double cost_per_period = 0.0;        // C(r, Q)
  double ordering_cost_per_period = 0.0;   // K lambda / Q
  double holding_cost_per_period = 0.0;    // h E[on hand]
  double backorder_cost_per_period = 0.0;  // b E[backorders]
  double cycle_service_level = 0.0;    // P(X <= r)
  double fill_rate = 0.0;              // 1 - (G1(r) - G1(r + Q)) / Q
};

struct RQOptimalResult {
  RQPolicyCost optimal;
  bool whole_units = false;            // Poisson demand: r and Q are whole numbers
  long long search_steps = 0;          // values of Q examined (the algorithm's work)
};

Problems validate(const RQOptimalInput& input);
Result<RQOptimalResult> optimize_r_Q(const RQOptimalInput& input);
// C(r, Q) and its parts for given levels (Q > 0; whole numbers for Poisson demand).
Result<RQPolicyCost> r_Q_policy_cost(const RQOptimalInput& input, double reorder_point, double lot_size_units);

}  // namespace echelon
