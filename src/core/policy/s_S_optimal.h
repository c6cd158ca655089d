// The optimal periodic-review (s, S) policy for whole-unit demand, by the algorithm of Zheng &
// Federgruen, "Finding optimal (s, S) policies is about as simple as evaluating a single policy",
// Operations Research 39(4), 1991, with the revised power approximation of Ehrhardt & Mosier,
// "A revision of the power approximation for computing (s, S) policies", Management Science
// 30(5), 1984, beside it.
//
// Model (Zheng & Federgruen 1991; Zipkin, "Foundations of Inventory Management", 2000, ch. 6):
// every period, if the inventory position x is at or below s, order S - x (fixed cost K per
// order); the order arrives L periods later; demand per period D is i.i.d. on 0, 1, 2, ...;
// unmet demand is backordered. With
// X = D_1 + ... + D_{L+1} (demand over the lead time plus the period), the expected holding and
// backorder cost charged L periods after the position is y is
//   G(y) = h E[(y - X)^+] + p E[(X - y)^+] = h (y - E[X]) + (h + p) E[(X - y)^+],
// convex in y. The position after ordering starts a renewal cycle at S and drifts down by the
// demand until it reaches s or below; with the renewal mass of one period's demand
//   m(0) = 1 / (1 - P(D = 0)),   m(j) = sum_{k=1..j} P(D = k) m(j - k) / (1 - P(D = 0)),
//   M(n) = m(0) + ... + m(n - 1)   (the expected number of periods of a cycle when S - s = n),
// the long-run average cost per period is
//   c(s, S) = ( K + sum_{j=0}^{S-s-1} m(j) G(S - j) ) / M(S - s).
// The algorithm: with y* the smallest minimiser of G, start at S = y* and lower
// s from y* until c(s, y*) <= G(s); then raise S one unit at a time while G(S) <= c*, and whenever
// c(s, S) < c* adopt S and raise s while c(s, S) <= G(s + 1). The bounds s* < y* <= S* and
// G(S*) <= c* make the scan finite; the result is a global optimum.
//
// The power approximation (Ehrhardt & Mosier 1984; restated in Silver, Pyke & Peterson, 3rd ed.,
// 1998), with mu the mean demand per period and mu_L, sigma_L the mean and sd of X:
//   Q_p = 1.30 mu^0.494 (K / h)^0.506 (1 + sigma_L^2 / mu^2)^0.116
//   z   = sqrt(Q_p h / (sigma_L p))
//   s_p = 0.973 mu_L + sigma_L (0.183 / z + 1.063 - 2.192 z)
// If Q_p / mu > 1.5: s = s_p, S = s_p + Q_p. Otherwise, with S_0 = mu_L + sigma_L
// Phi^-1(p / (p + h)) the newsvendor level: s = min(s_p, S_0), S = min(s_p + Q_p, S_0).
// The levels are rounded to whole units and their exact cost c(s, S) reported beside the optimum.
//
// Work is bounded: S - s and the number of cost terms summed are capped, with a problem naming
// the input when an instance would exceed them.
#pragma once

#include <cstdint>

#include "core/base/result.h"
#include "core/policy/lead_time_demand.h"

namespace echelon {

struct SSOptimalInput {
  PeriodDemand demand;                          // poisson, negative_binomial or empirical
  double lead_time_periods = 0.0;               // L, a whole number >= 0
  double order_cost_per_order = 0.0;            // K >= 0
  double holding_cost_per_unit_period = 0.0;    // h > 0
  double backorder_cost_per_unit_period = 0.0;  // p > 0
};

struct SSPolicyCost {
  std::int64_t reorder_level = 0;       // s: order when the position is at or below s
  std::int64_t order_up_to_level = 0;   // S
  double cost_per_period = 0.0;         // c(s, S)
  double orders_per_period = 0.0;       // 1 / M(S - s)
};

struct SSOptimalResult {
  SSPolicyCost optimal;
  std::int64_t myopic_level = 0;        // y*, the smallest minimiser of G
  double myopic_cost_per_period = 0.0;  // G(y*), a lower bound on c*
  std::int64_t cost_evaluations = 0;    // terms m(j) G(S - j) summed (the algorithm's work)
};

struct SSPowerApproximation {
  double reorder_level_real = 0.0;      // s from the formulas, before rounding
  double order_up_to_level_real = 0.0;  // S from the formulas, before rounding
  SSPolicyCost policy;                  // rounded levels and their exact cost
};

Problems validate(const SSOptimalInput& input);
Result<SSOptimalResult> optimize_s_S(const SSOptimalInput& input);
// c(s, S) of any levels with s < S (a problem otherwise, or when S - s is too large).
Result<SSPolicyCost> s_S_policy_cost(const SSOptimalInput& input, std::int64_t reorder_level,
                                     std::int64_t order_up_to_level);
Result<SSPowerApproximation> power_approximation_s_S(const SSOptimalInput& input);

}  // namespace echelon
