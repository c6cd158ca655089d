// Periodic-review base-stock / order-up-to policy (R, S): every R periods order enough to lift
// the inventory position to S (R = 0: continuous review, one-for-one replenishment). With
// backorders, S is sized for the target through safety_stock.h and its KPIs come from
// policy_kpis.h with the position a point at S (Snyder & Shen, "Fundamentals of Supply Chain
// Theory", 2nd ed., 4.4; Silver, Pyke & Thomas, 4th ed., 6.9).
// Cost per period = ordering cost K x orders per period + h E[on hand] + b E[backorders]
//                   + pi E[units short].
#pragma once

#include "core/base/result.h"
#include "core/policy/safety_stock.h"

namespace echelon {

struct BaseStockInput {
  BufferInput buffer;                 // demand, lead time, review period, target, costs (lot size ignored)
  double order_cost_per_order = 0.0;  // K
};

struct BaseStockResult {
  double order_up_to_level = 0.0;     // S
  BufferResult buffer;                // safety stock, split, safety factor, KPIs, warnings
  double orders_per_period = 0.0;     // P(demand in a review period > 0) / R; demand rate for R = 0
  double expected_cost_per_period = 0.0;
};

Result<BaseStockResult> compute_base_stock(const BaseStockInput& input);

}  // namespace echelon
