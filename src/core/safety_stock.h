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
#pragma once

#include <vector>

#include "result.h"

namespace echelon {

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

}  // namespace echelon
