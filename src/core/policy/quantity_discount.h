// The EOQ with quantity discounts: the unit price falls with the order size, so the purchase
// cost enters the objective. Price breaks 0 = b_0 < b_1 < ... < b_m with prices
// c_0 > c_1 > ... > c_m; the cost of holding a unit for a period is h + i v, a fixed part h plus
// a rate i on the value v of the unit held (either may be zero, not both). Demand lambda per
// period, fixed cost K per order. Two schemes (Snyder & Shen, "Fundamentals of Supply Chain
// Theory", 2nd ed., section 3.5; Nahmias, "Production and Operations Analysis", 6th ed.,
// section 4.7; Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains",
// 4th ed., section 4.5):
//
// All-units: every unit of an order of Q in [b_j, b_{j+1}) costs c_j. The cost per period
//   G(Q) = c_j lambda + K lambda / Q + (h + i c_j) Q / 2.
//   Each G_j is minimised at Q_j = sqrt(2 K lambda / (h + i c_j)); where Q_j lies in its range
//   it is a candidate, where it lies below, b_j is; above, the range is skipped, since b_{j+1}
//   at the lower price costs less than any Q of range j. Q* is the cheapest candidate.
// Incremental: units in [b_j, b_{j+1}) cost c_j, so an order of Q in range j costs
//   C(Q) = R_j + c_j (Q - b_j),  R_j = sum_{k<j} c_k (b_{k+1} - b_k),
//   and with A_j = R_j - c_j b_j (the fixed part of C in range j) the cost per period is
//   G(Q) = lambda C(Q) / Q + K lambda / Q + h Q / 2 + i C(Q) / 2
//        = c_j lambda + (K + A_j) lambda / Q + (h + i c_j) Q / 2 + i A_j / 2,
//   minimised at Q_j = sqrt(2 lambda (K + A_j) / (h + i c_j)); each Q_j clamped into its range is
//   a candidate (C is continuous, so the clamped points are feasible), Q* the cheapest.
// Units: lambda per period, prices in money per unit, h per unit per period, i per period.
#pragma once

#include <vector>

#include "core/base/result.h"

namespace echelon {

enum class DiscountScheme { all_units, incremental };

struct PriceBreak {
  double min_quantity_units = 0.0;  // b_j: the price applies from this quantity on
  double unit_price = 0.0;          // c_j
};

inline constexpr std::size_t kMaxPriceBreaks = 1000;

struct QuantityDiscountInput {
  DiscountScheme scheme = DiscountScheme::all_units;
  double order_cost_per_order = 0.0;           // K >= 0
  double demand_units_per_period = 0.0;        // lambda > 0
  double holding_cost_per_unit_period = 0.0;   // h >= 0
  double holding_rate_per_period = 0.0;        // i >= 0 (fraction of unit value per period)
  std::vector<PriceBreak> breaks;              // b_0 = 0, increasing; prices decreasing
};

struct DiscountCandidate {
  double unconstrained_quantity_units = 0.0;  // Q_j
  bool in_range = false;                      // b_j <= Q_j < b_{j+1}
  bool considered = false;                    // false: the range was skipped (all-units, Q_j above it)
  double quantity_units = 0.0;                // the candidate order size
  double cost_per_period = 0.0;               // G at it (0 when not considered)
};

struct QuantityDiscountResult {
  double order_quantity_units = 0.0;        // Q*
  std::size_t price_break_index = 0;        // range j holding Q*
  double average_unit_price = 0.0;          // purchase cost of one order / Q*
  double cost_per_period = 0.0;             // G(Q*)
  double purchase_cost_per_period = 0.0;    // lambda C(Q*) / Q*
  double ordering_cost_per_period = 0.0;    // K lambda / Q*
  double holding_cost_per_period = 0.0;     // h Q*/2 + i C(Q*)/2
  std::vector<DiscountCandidate> candidates;  // one per price break
};

Problems validate(const QuantityDiscountInput& input);
Result<QuantityDiscountResult> compute_quantity_discount(const QuantityDiscountInput& input);

// C(Q): the purchase cost of one order of Q > 0 under the input's scheme (NaN when Q <= 0).
double purchase_cost_of_order(const QuantityDiscountInput& input, double order_quantity_units);
// G(Q) for any Q > 0 (NaN otherwise; the input is not validated).
double quantity_discount_cost(const QuantityDiscountInput& input, double order_quantity_units);

}  // namespace echelon
