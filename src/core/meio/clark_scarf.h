// The stochastic-service model of a serial line: optimal echelon base-stock levels
// (Clark & Scarf, "Optimal policies for a multi-echelon inventory problem", Management Science
// 6(4), 1960), computed by the recursion of Chen & Zheng, "Lower bounds for multi-echelon
// stochastic inventory systems", Management Science 40(11), 1994, as presented in Snyder & Shen,
// "Fundamentals of Supply Chain Theory", 2nd ed., section 6.2.
//
// Stages are numbered from the customer: stage 0 (index 0) faces demand, stage N-1 orders from
// an outside supplier with ample stock. Each period, demand D ~ Normal(mean, sd) arrives at
// stage 0; unmet demand is backordered at cost p per unit per period; stage j holds inventory at
// echelon holding cost h_j per unit per period (its local cost is h_j + ... + h_{N-1}); a shipment
// to stage j takes L_j periods. With D_j the demand over L_j periods and H = sum of h_j:
//   Ct_1(x) = h_1 x + (p + H) (-x)^+                       (book's stage 1 = index 0)
//   C_j(y)  = E[ Ct_j(y - D_j) ],   S*_j = argmin C_j
//   Ct_j+1(x) = h_j+1 x + C_j(min(S*_j, x))
// and the optimal expected cost per period is C_N(S*_N). The echelon base-stock level S*_j is the
// target for stage j's inventory plus everything downstream of it; local levels are differences.
//
// Numerics: functions live on a uniform grid over the range of lead-time demand (linear
// interpolation between points, linear extrapolation outside), expectations use a normal
// discretised over +/- 8 sd in 800 steps, and each S*_j is refined by golden-section search on
// exact normal expectations of the interpolated function (the minimum sits on a flat stretch,
// where a discretised expectation would misplace it). The single-stage case matches the
// closed-form newsvendor to 1e-3 in level and cost (tested).
#pragma once

#include <vector>

#include "core/base/result.h"

namespace echelon {

struct SerialStage {
  double echelon_holding_cost_per_unit_period = 0.0;  // h_j >= 0
  double lead_time_periods = 0.0;                     // L_j >= 0
};

struct SerialSystem {
  std::vector<SerialStage> stages;  // index 0 faces the customer
  double backorder_cost_per_unit_period = 0.0;  // p > 0
  double demand_mean_per_period = 0.0;
  double demand_sd_per_period = 0.0;            // > 0
};

struct SerialPolicy {
  std::vector<double> echelon_base_stock;  // S*_j, index 0 = customer-facing stage
  std::vector<double> local_base_stock;    // S*_j - S*_{j-1} (S*_{-1} = 0)
  double expected_cost_per_period = 0.0;   // holding plus backorder cost
};

Problems validate(const SerialSystem& system);
Result<SerialPolicy> optimize_serial_base_stock(const SerialSystem& system);

}  // namespace echelon
