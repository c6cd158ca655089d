// Economic order quantity (Harris 1913): constant demand lambda per period, a fixed cost K per
// order and a holding cost h per unit per period, no shortages. The cost per period of ordering Q
// at a time is
//   C(Q) = K lambda / Q + h Q / 2,
// minimised at Q* = sqrt(2 K lambda / h) with C(Q*) = sqrt(2 K lambda h) (Snyder & Shen,
// "Fundamentals of Supply Chain Theory", 2nd ed., section 3.2). The curve is flat near Q*: using
// a Q off by a factor x costs C(Q*) (x + 1/x) / 2.
#pragma once

#include <vector>

#include "core/base/result.h"

namespace echelon {

struct EoqInput {
  double order_cost_per_order = 0.0;          // K > 0
  double holding_cost_per_unit_period = 0.0;  // h > 0
  double demand_units_per_period = 0.0;       // lambda >= 0
};

struct EoqResult {
  double order_quantity_units = 0.0;   // Q*
  double cost_per_period = 0.0;        // C(Q*), ordering plus holding
  double orders_per_period = 0.0;      // lambda / Q*
  double cycle_length_periods = 0.0;   // Q* / lambda (0 when lambda = 0)
};

Problems validate(const EoqInput& input);
Result<EoqResult> compute_eoq(const EoqInput& input);

// C(Q) for any Q > 0 (NaN otherwise; the input is not validated).
double eoq_cost(const EoqInput& input, double order_quantity_units);

// The cost curve for charts: `point_count` order quantities evenly spaced over
// [low_factor Q*, high_factor Q*], each with its ordering, holding and total cost per period.
struct EoqCurvePoint {
  double order_quantity_units = 0.0;
  double ordering_cost = 0.0;
  double holding_cost = 0.0;
  double total_cost = 0.0;
};
std::vector<EoqCurvePoint> eoq_cost_curve(const EoqInput& input, double low_factor, double high_factor,
                                          int point_count);

}  // namespace echelon
