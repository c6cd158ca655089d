// Expected performance of a single-location stationary policy with backorders, from the
// distribution of the inventory position right after an ordering decision.
//
// Timeline of a period (the same in the Monte Carlo of policy_sim.h): an order placed at the
// end of period t arrives at the start of period t + L + 1 (before that period's demand), then
// demand, then end-of-period accounting (on hand, backorders) and, at a review, the order.
// Every review period of R >= 1 periods, the position after ordering is U (a point S for
// base-stock, uniform on (r, r + Q] for (R, r, nQ), a table for (s, S)). U is independent of the
// demand after the review, so with X_k the demand over k periods (plus the lead time):
//   net inventory j periods after the order arrives         = U - X_{L+j},  j = 1..R
//   cycle service level (no backorder at the end of a cycle) = E_U[P(X_{L+R} <= U)]
//   ready rate (share of period ends with no backorder)     = (1/R) sum_j E_U[P(X_{L+j} <= U)]
//   expected backorders at a period end                      B = (1/R) sum_j E_U[G1_{L+j}(U)]
//   expected on hand at a period end                         = E[U] - E[D](E[L] + (R+1)/2) + B
//   fill rate (share of demand met from stock)
//        = 1 - E_U[G1_{L+R}(U) - G1_L(U)] / (E[D] R)
// The last is exact: the units a cycle adds to backorders telescope to (X_{L+R} - U)^+ -
// (X_L - U)^+ (Zipkin, "Foundations of Inventory Management", 2000, ch. 6; Axsaeter, "Inventory
// Control", 3rd ed., 5.3). With R = 0 (continuous review) the position is uniform on (r, r+Q]
// (unit or continuous demand) and
//   cycle service level = P(X_L <= r)  (per replenishment cycle),
//   fill rate = 1 - (G1_L(r) - G1_L(r + Q)) / Q,  ready rate = E_U[P(X_L <= U)],
//   B = E_U[G1_L(U)] = (G2_L(r) - G2_L(r + Q)) / Q  (Hadley & Whitin 1963, ch. 4).
// Exact with a constant lead time; with a random lead time the formulas treat every order's
// lead time as drawn from the same distribution and ignore order crossing (the standard
// approximation, Silver, Pyke & Thomas, 6.10).
#pragma once

#include <vector>

#include "core/policy/lead_time_demand.h"
#include "core/base/result.h"

namespace echelon {

enum class PositionShape { point, uniform, table };

// U relative to the policy's level (S for base-stock, r for (r, Q), s for (s, S)).
struct PositionDistribution {
  PositionShape shape = PositionShape::point;
  double width = 0.0;            // uniform: U on (level, level + width]; integers on a lattice
  std::vector<double> offsets;   // table: U = level + offsets[i] ...
  std::vector<double> weights;   // ... with probability weights[i] (summing to 1)
};

// The demand distributions the KPIs need, all with the same model.
struct ProtectionDemands {
  int review_period_periods = 0;          // R; 0 = continuous review
  double mean_demand_per_period = 0.0;    // E[D]
  LeadTimeDemand over_lead_time;          // X_L (E[L] periods)
  std::vector<LeadTimeDemand> over_lead_time_plus;  // X_{L+j}, j = 1..R (empty when R = 0)
  // X_{L+R} when R >= 1, X_L when R = 0: the protection interval of the safety stock.
  const LeadTimeDemand& protection() const {
    return over_lead_time_plus.empty() ? over_lead_time : over_lead_time_plus.back();
  }
};

// Picks the model for X_{L+R} by the rule of lead_time_demand.h (or the caller's choice) and uses
// it for every X_{L+j}. The input's review period must be a whole number of periods (<= 366).
Result<ProtectionDemands> protection_demands(const LeadTimeDemandInput& input);

struct PolicyKpis {
  double cycle_service_level = 0.0;
  double fill_rate = 0.0;
  double ready_rate = 0.0;
  double expected_backorders_units = 0.0;  // at a period end
  double expected_on_hand_units = 0.0;     // at a period end
  double mean_position_units = 0.0;        // E[U]
};

PolicyKpis evaluate_kpis(const ProtectionDemands& demands, const PositionDistribution& position, double level);

enum class KpiMeasure { cycle_service_level, fill_rate, ready_rate };
double measure_of(const PolicyKpis& kpis, KpiMeasure measure);

// The smallest level whose measure reaches `target` in (0, 1): a whole number when X lives on the
// integers, otherwise found by the Illinois (regula falsi) method to 1e-9 of sd[X].
// Problem when the measure cannot reach the target (e.g. a fill rate the lot size already exceeds
// is no problem, but a target of 1 with unbounded demand is).
Result<double> solve_level(const ProtectionDemands& demands, const PositionDistribution& position,
                           KpiMeasure measure, double target);

// Holding and shortage costs per period at `level`:
//   h E[on hand] + b E[backorders] + pi E[D] (1 - fill rate)
// (b per unit backordered per period, pi per unit short once).
struct ShortageCosts {
  double holding_cost_per_unit_period = 0.0;
  double backorder_cost_per_unit_period = 0.0;
  double shortage_cost_per_unit = 0.0;
};
double holding_and_shortage_cost(const ProtectionDemands& demands, const PolicyKpis& kpis, const ShortageCosts& costs);
// The level minimising that cost (convex in the level): golden-section search on a bracket,
// then whole numbers on a lattice. With pi = 0 the minimiser is the critical ratio
// ready rate = b / (b + h) (set the derivative h - (h + b)(1 - ready) to zero).
double minimize_cost_level(const ProtectionDemands& demands, const PositionDistribution& position,
                           const ShortageCosts& costs);

}  // namespace echelon
