// The stochastic-service model of a serial line: optimal echelon base-stock levels
// (Clark & Scarf, "Optimal policies for a multi-echelon inventory problem", Management Science
// 6(4), 1960), computed by the recursion of Chen & Zheng, "Lower bounds for multi-echelon
// stochastic inventory systems", Management Science 40(11), 1994, as presented in Snyder & Shen,
// "Fundamentals of Supply Chain Theory", 2nd ed., section 6.2, and Zipkin 2000, ch. 8.
//
// Stages are numbered from the customer: stage 0 (index 0) faces demand, stage N-1 orders from
// an outside supplier with ample stock. Each period, demand D (normal, or Poisson) arrives at
// stage 0; unmet demand is backordered at cost p per unit per period; stage j holds inventory at
// echelon holding cost h_j per unit per period (its local cost is h_j + ... + h_{N-1}); a shipment
// to stage j takes L_j periods. With D_j the demand over L_j periods and H = sum of h_j:
//   Ct_0(x)   = h_0 x + (p + H) (-x)^+
//   C_j(y)    = E[ Ct_j(y - D_j) ],   S*_j = argmin C_j
//   Ct_j+1(x) = h_j+1 x + C_j(min(S*_j, x))
// and the optimal expected cost per period is C_{N-1}(S*_{N-1}). S*_j is the target for stage
// j's inventory position plus everything downstream of it; local levels are differences.
//
// Numerics, Poisson demand: the recursion is exact on the integers. C_j is tabulated from the
// level below which it is linear (the sum of the lower ends of the demand supports, each
// cut 15 sd + 20 units from the mean, where the tails are below 1e-40) up to S*_j; outside the
// table Ct_j is linear (slope h_j beyond S*_{j-1}, the table's end slope below it). S*_j is the
// smallest minimiser of the convex C_j on the integers.
//
// Numerics, normal demand: every expectation E[Ct(y - D)] = integral Ct(x) phi(y - x - E[D]) dx
// is taken by the trapezoid rule on a grid of step delta = (smallest sd of a lead-time demand)/6
// (grid_points_per_sd) whose nodes include S*_{j-1}, the only point where Ct_j is not smooth.
// For a smooth integrand decaying like a normal density the rule's error is of order
// exp(-2 pi^2 sd^2 / delta^2) (below 1e-300; Trefethen & Weideman, "The exponentially convergent
// trapezoidal rule", SIAM Review 56(3), 2014). At S*_{j-1} the Euler-Maclaurin formula for the
// two smooth halves gives the correction
//   integral = T + (delta^2 / 12) J[F'] - (delta^4 / 720) J[F'''] + (delta^6 / 30240) J[F^(5)]
//                - (delta^8 / 1209600) J[F^(7)] - ...
// with J the jump across the node of the derivatives of F = Ct phi (J[F^(k)] = sum_i binom(k, i)
// J[Ct^(i)] times derivatives of phi). The jumps of Ct's derivatives are minus the left
// derivatives of C_{j-1} at S*_{j-1} (C_{j-1} is constant beyond it under the min); the first
// three are kept, so the error is of order delta^6 times the fourth derivative of C_{j-1}:
// measured, the levels and cost of Snyder & Shen's Example 6.1 move by 1e-10 relative between 6
// and 24 points per sd, and a single stage matches the newsvendor to 1e-12. C_j is thus
// evaluated at any y with its first three derivatives; S*_j is the root of C_j' (Newton inside a
// bracket), and C_j is tabulated on the grid through S*_j by one discrete convolution for the
// next stage. The work is about N x (grid points) x (24 sd / delta) products: about 2 ms for 20
// stages natively.
//
// Bounded work: more than 4 x 10^8 products, or 10^6 grid points for a stage, is refused with a
// problem naming the field that makes the instance too large.
#pragma once

#include <vector>

#include "core/base/result.h"

namespace echelon {

struct SerialStage {
  double echelon_holding_cost_per_unit_period = 0.0;  // h_j > 0
  double lead_time_periods = 0.0;                     // L_j >= 0 (whole or not)
};

enum class SerialDemandKind { normal, poisson };

struct SerialSystem {
  std::vector<SerialStage> stages;  // index 0 faces the customer
  double backorder_cost_per_unit_period = 0.0;  // p > 0
  double demand_mean_per_period = 0.0;          // > 0 for Poisson
  double demand_sd_per_period = 0.0;            // > 0 for normal; ignored for Poisson
  SerialDemandKind demand_kind = SerialDemandKind::normal;
  // Normal demand: grid points per sd of the smallest lead-time demand (delta = sd / this), 2 to
  // 64. The default 6 already puts the trapezoid rule's error below double precision; a finer
  // grid is for checking that.
  int grid_points_per_sd = 6;
};

struct SerialPolicy {
  std::vector<double> echelon_base_stock;  // S*_j, index 0 = customer-facing stage
  std::vector<double> local_base_stock;    // S*_j - S*_{j-1} (S*_{-1} = 0)
  std::vector<double> echelon_cost;        // C_j(S*_j): the optimal cost of the line up to stage j
  double expected_cost_per_period = 0.0;   // holding plus backorder cost, C_{N-1}(S*_{N-1})
  double grid_step_units = 1.0;            // delta (1 for Poisson demand)
  long long work_products = 0;             // products summed (the deterministic work count)
};

Problems validate(const SerialSystem& system);
Result<SerialPolicy> optimize_serial_base_stock(const SerialSystem& system);

}  // namespace echelon
