// Finite-horizon periodic-review inventory with a fixed ordering cost, solved exactly by dynamic
// programming over whole-unit inventory levels.
//
// Periods t = 1..T. At the start of period t the inventory level is x (negative: backorders);
// the planner raises it to any y >= x, paying K [y > x] + c (y - x); the order arrives at once.
// Demand D_t (whole units, with a pmf that may differ by period, independent across periods)
// then occurs; unmet demand is backordered. At the end of the period h per unit on hand and b
// per unit backordered are charged. Costs of period t + 1 are discounted by alpha in (0, 1].
// After period T a terminal cost v_T(x) = e x^+ + f x^- is charged on the level left
// (e < 0 is a salvage value per unit left, f a cost per unit still owed). So
//   L_t(y)   = E[h (y - D_t)^+ + b (D_t - y)^+]
//   G_t(y)   = c y + L_t(y) + alpha E[V_{t+1}(y - D_t)]
//   V_t(x)   = -c x + min( G_t(x), K + min_{y >= x} G_t(y) ),      V_{T+1} = v_T.
// The recursion is evaluated exactly on the integers: the start levels x1 in [lo, hi] reach
// levels no lower than lo - (largest demands of the periods before t) in period t, so each
// period's table covers exactly the levels it can see, and no value is extrapolated. Targets y
// are searched up to hi; by default hi is the sum of the largest demands of all periods, as a
// unit beyond that is never sold and costs c while returning at most -e <= c (required below).
//
// Scarf (1960, "The optimality of (s,S) policies in the dynamic inventory problem") proved
// that G_t is K-convex when L_t is convex, so the optimal rule in every period is (s_t, S_t):
// with S_t the smallest minimiser of G_t and s_t the largest level x < S_t where
// G_t(x) > K + G_t(S_t), order up to S_t exactly when x <= s_t. The solver does not assume it:
// it finds the best decision at every level and then reads (s_t, S_t) off it, saying whether
// the decisions are of that form (`is_s_S`). Ties go to not ordering, then to the smallest
// target (the same plan on every platform). References: Porteus, "Foundations of Stochastic
// Inventory Theory" (2002), ch. 4 and 7; Snyder & Shen, "Fundamentals of Supply Chain
// Theory", 2nd ed., ch. 4 (finite-horizon models and K-convexity); Zipkin, "Foundations of
// Inventory Management", ch. 9.
//
// Work is bounded before it starts: (levels per period) x (demand outcomes) summed over the
// periods is at most kMaxFiniteHorizonWork, and the levels summed over the periods (the tables
// kept) at most kMaxFiniteHorizonTableEntries (a problem "too large" otherwise).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/base/result.h"

namespace echelon {

inline constexpr std::size_t kMaxFiniteHorizonPeriods = 1000;
inline constexpr std::size_t kMaxFiniteHorizonDemandOutcomes = 10000;  // per period: D in 0..9999
inline constexpr double kMaxFiniteHorizonWork = 2e8;
inline constexpr double kMaxFiniteHorizonTableEntries = 5e6;  // levels summed over the periods

struct FiniteHorizonInput {
  // P(D_t = 0), P(D_t = 1), ... for each period t = 1..T; each sums to 1 within 1e-6.
  std::vector<std::vector<double>> demand_probabilities;
  double fixed_order_cost = 0.0;               // K >= 0
  double unit_cost = 0.0;                      // c >= 0
  double holding_cost_per_unit_period = 0.0;   // h >= 0
  double backorder_cost_per_unit_period = 0.0; // b >= 0
  double discount_factor = 1.0;                // alpha in (0, 1]
  double terminal_cost_per_unit_left = 0.0;    // e, >= -c (a salvage value not above the unit cost)
  double terminal_cost_per_unit_short = 0.0;   // f >= 0
  int lowest_start_level = 0;                  // lo: the lowest level x1 reported in period 1
  std::optional<int> highest_level;            // hi: highest order-up-to level searched (default above)
  int initial_level = 0;                       // x1 whose expected cost is reported, in [lo, hi]
};

struct FiniteHorizonPeriod {
  bool orders = false;          // some level orders in this period
  int reorder_point = 0;        // s_t: the largest level that orders (meaningful when `orders`)
  int order_up_to_level = 0;    // S_t: the smallest minimiser of G_t
  bool is_s_S = true;           // every level x <= s_t orders up to S_t and no level above s_t orders
  int lowest_level = 0;         // first level of the tables below
  std::vector<double> cost_to_go;  // V_t(x) for x = lowest_level, lowest_level + 1, ..., hi
  std::vector<int> target_level;   // y*(x): the level after ordering (= x when not ordering)
};

struct FiniteHorizonResult {
  std::vector<FiniteHorizonPeriod> periods;  // t = 1..T
  int highest_level = 0;                     // hi used
  double expected_cost = 0.0;                // V_1(initial_level)
  double work_units = 0.0;                   // level-outcome evaluations done
};

Problems validate(const FiniteHorizonInput& input);
Result<FiniteHorizonResult> compute_finite_horizon_s_S(const FiniteHorizonInput& input);

}  // namespace echelon
