// Periodic-review (s, S): every R >= 1 periods, if the inventory position is at or below s,
// order up to S. The position after a review is S - W, where W is the demand since the last
// order (W < S - s); its stationary law is the renewal mass m(w) of the review-period demand,
// P(W = w) = m(w) / sum m, with m = delta_0 + p * m (Zipkin 2000, 6.7; Silver, Pyke & Thomas,
// 7.x). For count demand this is exact on the integers; for the normal and gamma models the
// review-period demand is put on a grid of about (S - s)/400. The KPIs then follow from policy_kpis.h
// with that table of positions, and s is solved for the target with S - s fixed (given, or the EOQ
// as Silver, Pyke & Thomas suggest).
// Cost per period = K x orders per period + h E[on hand] + b E[backorders] + pi E[units short],
// orders per period = 1 / (R sum m).
#pragma once

#include "core/base/result.h"
#include "core/policy/safety_stock.h"

namespace echelon {

struct SSInput {
  BufferInput buffer;                 // review period >= 1; buffer.lot_size_units = S - s (0: from EOQ)
  double order_cost_per_order = 0.0;  // K
};

struct SSResult {
  double reorder_level = 0.0;         // s
  double order_up_to_level = 0.0;     // S
  BufferResult buffer;                // level = s; safety stock = s - E[X_{L+R}]
  double orders_per_period = 0.0;
  double expected_cost_per_period = 0.0;
};

// The table of positions after a review, as offsets from s (S - s - w) with their weights, and the
// expected number of reviews per order cycle.
struct SSPosition {
  PositionDistribution position;
  double reviews_per_cycle = 1.0;
};
SSPosition s_S_position(const LeadTimeDemand& review_period_demand, double difference_units);

Result<SSResult> compute_s_S(const SSInput& input);

}  // namespace echelon
