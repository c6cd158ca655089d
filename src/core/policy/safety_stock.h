// Safety stock for one location with random demand and random lead time.
//
// Over the protection interval (lead time L plus review period R), demand per period D is
// independent of L, so the lead-time demand X has
//   E[X]   = (E[L] + R) * E[D]
//   Var[X] = (E[L] + R) * Var[D] + E[D]^2 * Var[L]
// (Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", 4th ed.,
// section 6.10; the review period adds exposure to demand but no lead-time uncertainty).
// With a normal approximation of X and a cycle-service-level target p (probability of no
// stockout in a replenishment cycle), the safety factor is z = Phi^-1(p) and
//   safety stock SS = z * sd[X],   reorder point (R = 0) / order-up-to level = E[X] + SS.
//
// The split of SS into a demand part and a lead-time part divides it in proportion to the two
// variance terms, so the parts always add up to SS (the square root itself is not additive).
//
// The second half of this header (`compute_buffer`) generalises the above: any lead-time-demand
// model of lead_time_demand.h (normal, gamma, exact discrete), and a target that is a cycle
// service level, a fill rate, a ready rate or the cost-optimal service. A fill rate is solved
// through the loss functions (policy_kpis.h), never through the cycle-service formula.
#pragma once

#include <string>
#include <vector>

#include "core/policy/lead_time_demand.h"
#include "core/policy/policy_kpis.h"
#include "core/base/result.h"

namespace echelon {

// The two variance terms of demand over a random time T (lead time, or a guaranteed-service
// stage's net replenishment time) with mean `mean_time_periods` and variance
// `time_variance_periods2`, for demand per period with mean `mean_demand` and variance
// `demand_variance`:  from_demand = E[T] Var[D],  from_lead_time = E[D]^2 Var[T].
// The single-location buffer below and the guaranteed-service model (core/meio/gsm.h) both
// size safety stock as a safety factor times the square root of their sum, so the two agree on
// a network of one stage.
struct RandomTimeDemandVariance {
  double from_demand = 0.0;     // units^2
  double from_lead_time = 0.0;  // units^2
  double total() const { return from_demand + from_lead_time; }
};
RandomTimeDemandVariance demand_over_random_time_variance(double mean_time_periods, double time_variance_periods2,
                                                          double mean_demand, double demand_variance);

struct SafetyStockInput {
  double mean_demand_per_period = 0.0;
  double sd_demand_per_period = 0.0;
  double mean_lead_time_periods = 0.0;
  double sd_lead_time_periods = 0.0;
  double review_period_periods = 0.0;  // 0 = continuous review
  double cycle_service_level = 0.95;   // target probability of no stockout per cycle, in (0, 1)
  // Below a 50% target z is negative and so is the buffer. It is reported as is unless the
  // caller asks for the clamp (a negative buffer is a legitimate answer: hold less than the mean).
  bool clamp_negative_to_zero = false;
};

struct SafetyStockResult {
  double safety_factor = 0.0;                    // z
  double protection_interval_periods = 0.0;      // E[L] + R
  double mean_lead_time_demand = 0.0;            // E[X]
  double sd_lead_time_demand = 0.0;              // sd[X]
  double safety_stock = 0.0;                     // z * sd[X] (or 0 when clamped)
  double safety_stock_from_demand = 0.0;         // share due to demand variability
  double safety_stock_from_lead_time = 0.0;      // share due to lead-time variability
  double reorder_point = 0.0;                    // E[X] + SS: reorder point, or order-up-to level when R > 0
  bool clamped = false;                          // true when a negative buffer was set to zero
  std::vector<std::string> notes;                // plain-language remarks (negative buffer, no uncertainty)
};

// Every invalid field is reported (path = field name); nothing is computed from bad input.
Problems validate(const SafetyStockInput& input);

Result<SafetyStockResult> compute_safety_stock(const SafetyStockInput& input);

// Points (x, density) of the normal lead-time-demand distribution over mean +/- 4 sd (cut at
// zero), for charts.
// Empty when sd[X] is zero (the distribution is a single point at the mean).
struct CurvePoint {
  double x = 0.0;
  double density = 0.0;
};
std::vector<CurvePoint> lead_time_demand_curve(const SafetyStockResult& result, int point_count);

// ---------------------------------------------------------------------------------------------
// Buffers for any service target and any lead-time-demand model.
// ---------------------------------------------------------------------------------------------

enum class ServiceTargetKind {
  cycle_service_level,  // P(no stockout in a replenishment cycle) (type 1)
  fill_rate,            // share of demand met from stock (type 2)
  ready_rate,           // share of period ends with no backorder (P(net inventory >= 0))
  cost_optimal,         // the level that minimises holding + shortage cost (see ShortageCosts)
};

struct BufferInput {
  // Demand per period, lead time, review period (whole periods, 0 = continuous review) and the
  // lead-time-demand model (automatic by default).
  LeadTimeDemandInput demand;
  ServiceTargetKind target_kind = ServiceTargetKind::cycle_service_level;
  double target_value = 0.95;  // in (0, 1); ignored for cost_optimal
  // Costs for cost_optimal (and reported for every target). With only a backorder cost per unit
  // per period the optimum is the critical ratio: ready rate = b / (b + h). A cost per unit
  // short, pi, is minimised numerically. A lost-sale cost per unit uses the classical
  // critical-ratio approximation P(stockout per cycle) = h Qc / (h Qc + pi_ls E[D]) with Qc the
  // demand of a cycle (R E[D] or Q), exact for the newsvendor (L = 0, R = 1).
  double holding_cost_per_unit_period = 0.0;
  double backorder_cost_per_unit_period = 0.0;
  double shortage_cost_per_unit = 0.0;
  double lost_sale_cost_per_unit = 0.0;
  // 0: order up to the level every review (base-stock). > 0: order in lots of Q units when the
  // position is at or below the level (the (R, r, nQ) policy; continuous (r, Q) when R = 0).
  double lot_size_units = 0.0;
  bool clamp_negative_to_zero = false;
};

struct BufferResult {
  LeadTimeDemand lead_time_demand;    // over the protection interval: X_{L+R} (X_L when R = 0)
  double level = 0.0;                 // order-up-to level S, or reorder point r when Q > 0
  double safety_stock = 0.0;          // level - E[X]
  double safety_factor = 0.0;         // safety stock / sd[X] (negative below the mean)
  double safety_stock_from_demand = 0.0;     // split by the variance shares, as above
  double safety_stock_from_lead_time = 0.0;
  double critical_ratio = 0.0;        // the service the costs call for (cost_optimal), else 0
  PolicyKpis achieved;                // cycle service, fill rate, ready rate, on hand, backorders
  double holding_and_shortage_cost_per_period = 0.0;
  // Extra stock for one more point of the targeted measure (0.01), from a second solve. 0 when
  // the target is within a point of 1 (then the step is half the distance to 1, scaled).
  double extra_stock_per_point = 0.0;
  bool clamped = false;
  std::vector<std::string> warnings;  // plain language; also the model's own warnings
};

Problems validate(const BufferInput& input);

// The buffer's problems plus a bad fixed cost per order (not finite, or negative): the check
// every replenishment policy (base-stock, (r, Q), (s, S)) makes before sizing its buffer.
Problems validate_policy_input(const BufferInput& buffer, double order_cost_per_order);

// Solves the level for the target, then evaluates everything at it. Warnings name: slow movers
// (and the discrete model used instead of the normal), a review period longer than the lead time,
// lead-time variability that dominates, a target near 0.5 (safety factor near zero) or above
// 0.999 (the answer hangs on the far tail of the model), a negative buffer, no uncertainty.
Result<BufferResult> compute_buffer(const BufferInput& input);

// The same with the protection demands already computed (for callers that evaluate many targets).
Result<BufferResult> compute_buffer(const BufferInput& input, const ProtectionDemands& demands);
// The same with the position distribution given (it overrides lot_size_units), e.g. the
// renewal table of an (s, S) policy.
Result<BufferResult> compute_buffer(const BufferInput& input, const ProtectionDemands& demands,
                                    const PositionDistribution& position);

}  // namespace echelon
