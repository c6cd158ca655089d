// Economic production quantity (Taft 1918): as the EOQ (eoq.h), but a batch of Q is produced at a
// finite rate P > lambda instead of arriving at once. Stock builds at P - lambda while the batch
// runs (Q / P periods) and falls at lambda afterwards, so its peak is Q (1 - rho) with
// rho = lambda / P, and the average stock is Q (1 - rho) / 2. The cost per period
//   C(Q) = K lambda / Q + h (1 - rho) Q / 2
// is the EOQ's with h replaced by h (1 - rho):
//   Q* = sqrt(2 K lambda / (h (1 - rho))),   C(Q*) = sqrt(2 K lambda h (1 - rho)),
// which tends to the EOQ as P grows (Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd
// ed., section 3.4; Nahmias, "Production and Operations Analysis", 6th ed., section 4.6;
// Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", 4th ed., ch. 5).
// Units: lambda and P in units per period, h per unit per period.
#pragma once

#include "core/base/result.h"

namespace echelon {

struct EpqInput {
  double setup_cost_per_batch = 0.0;             // K > 0
  double holding_cost_per_unit_period = 0.0;     // h > 0
  double demand_units_per_period = 0.0;          // lambda >= 0
  double production_units_per_period = 0.0;      // P > lambda
};

struct EpqResult {
  double batch_quantity_units = 0.0;      // Q*
  double cost_per_period = 0.0;           // C(Q*)
  double utilisation = 0.0;               // rho = lambda / P
  double max_on_hand_units = 0.0;         // Q* (1 - rho)
  double production_time_periods = 0.0;  // Q* / P, the run length of one batch
  double cycle_length_periods = 0.0;     // Q* / lambda (0 when lambda = 0)
};

Problems validate(const EpqInput& input);
Result<EpqResult> compute_epq(const EpqInput& input);

// C(Q) for any Q > 0 (NaN otherwise; the input is not validated).
double epq_cost(const EpqInput& input, double batch_quantity_units);

}  // namespace echelon
