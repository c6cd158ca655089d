// Reorder point / order quantity (r, Q): when the inventory position is at or below r, order as
// many lots of Q as needed to lift it above r (the (r, nQ) rule; with unit demand or continuous
// review it orders exactly one lot). R = 0 is continuous review; R >= 1 reviews every R periods
// ((R, r, nQ)). The position after ordering is uniform on (r, r + Q] (Hadley & Whitin 1963;
// Zipkin 2000, 6.2), so every KPI follows from the first- and second-order loss functions
// (policy_kpis.h). Q is given, or taken from the EOQ (eoq.h) with the mean demand.
// Cost per period = K x orders per period + h E[on hand] + b E[backorders] + pi E[units short].
#pragma once

#include "core/base/result.h"
#include "core/policy/safety_stock.h"

namespace echelon {

struct RQInput {
  BufferInput buffer;                 // buffer.lot_size_units is Q unless lot_size_from_eoq
  double order_cost_per_order = 0.0;  // K
  bool lot_size_from_eoq = false;     // Q = sqrt(2 K E[D] / h), rounded up to whole units for count demand
};

struct RQResult {
  double reorder_point = 0.0;         // r
  double lot_size_units = 0.0;        // Q
  BufferResult buffer;
  // Orders per period: E[D] / Q for continuous review, E[min(D_R, Q)] / (Q R) with periodic review
  // (the chance that a review finds the position at or below r).
  double orders_per_period = 0.0;
  double expected_cost_per_period = 0.0;
};

Result<RQResult> compute_r_Q(const RQInput& input);

}  // namespace echelon
