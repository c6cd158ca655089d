// EOQ with planned backorders: constant demand lambda per period, a fixed cost K per order, a
// holding cost h per unit per period and a backorder cost b per unit short per period (charged
// for as long as the unit waits). Each cycle of length Q / lambda starts with the order arriving,
// clears the x units backordered at its end, and holds Q - x units at its peak. The cost per
// period is
//   C(Q, x) = K lambda / Q + h (Q - x)^2 / (2 Q) + b x^2 / (2 Q),
// jointly convex, minimised at
//   Q* = sqrt(2 K lambda (h + b) / (h b)),   x* = h Q* / (h + b),
//   C(Q*, x*) = sqrt(2 K lambda h b / (h + b)),
// so backorders cut the cost by the factor sqrt(b / (h + b)) against the plain EOQ, and the
// share of time in stock is b / (h + b) (Snyder & Shen, "Fundamentals of Supply Chain Theory",
// 2nd ed., section 3.3; Nahmias, "Production and Operations Analysis", 6th ed., section 4.5
// problem set; Zipkin, "Foundations of Inventory Management", section 3.3). As b grows the
// answer tends to the EOQ of eoq.h.
#pragma once

#include "core/base/result.h"

namespace echelon {

struct EoqBackordersInput {
  double order_cost_per_order = 0.0;              // K > 0
  double holding_cost_per_unit_period = 0.0;      // h > 0
  double backorder_cost_per_unit_period = 0.0;    // b > 0
  double demand_units_per_period = 0.0;           // lambda >= 0
};

struct EoqBackordersResult {
  double order_quantity_units = 0.0;         // Q*
  double max_backorder_units = 0.0;          // x*: backorders just before an order arrives
  double max_on_hand_units = 0.0;            // Q* - x*
  double cost_per_period = 0.0;              // C(Q*, x*)
  double ordering_cost_per_period = 0.0;     // K lambda / Q*
  double holding_cost_per_period = 0.0;      // h (Q* - x*)^2 / (2 Q*)
  double backorder_cost_per_period = 0.0;    // b x*^2 / (2 Q*)
  double share_of_time_in_stock = 0.0;       // (Q* - x*) / Q* = b / (h + b)
  double cycle_length_periods = 0.0;         // Q* / lambda (0 when lambda = 0)
};

Problems validate(const EoqBackordersInput& input);
Result<EoqBackordersResult> compute_eoq_backorders(const EoqBackordersInput& input);

// C(Q, x) for any Q > 0 and 0 <= x <= Q (NaN otherwise; the input is not validated).
double eoq_backorders_cost(const EoqBackordersInput& input, double order_quantity_units, double max_backorder_units);

}  // namespace echelon
