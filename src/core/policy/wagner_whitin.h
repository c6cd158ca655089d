// Dynamic lot sizing (Wagner & Whitin, "Dynamic version of the economic lot size model",
// Management Science 5(1), 1958): known demands d_1..d_T, no shortages, zero lead time. An order
// in period t costs K_t (when it is not empty) plus c_t per unit; a unit carried from period t
// into t + 1 costs h_t. Some optimal plan orders only when stock is zero ("zero inventory
// ordering"), so each order covers whole periods i..j exactly, and with f(0) = 0
//   f(j) = min_{1 <= i <= j} f(i - 1) + cost(i, j),
//   cost(i, j) = K_i [d_i + ... + d_j > 0] + sum_{t=i..j} d_t (c_i + h_i + ... + h_{t-1}),
// the minimum cost of meeting d_1..d_j. f(T) is the optimum, the argmins give the plan. Each
// cost(i, j) is O(1) from prefix sums of d, of h and of d_t (h_1 + ... + h_{t-1}), so the
// whole is O(T^2) (Silver, Pyke & Thomas, "Inventory and Production Management in Supply
// Chains", 4th ed., ch. 5; Nahmias, "Production and Operations Analysis", 6th ed., ch. 7;
// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., ch. 3).
// Orders are placed at the start of a period; holding is charged on the stock carried to the
// next period.
//
// Planning horizons (Wagner & Whitin 1958, theorem 2): with the same unit cost in every period,
// if the best plan for periods 1..t* ends with an order placed in t* itself, then for every
// longer horizon the last order is in t* or later, so the search for f(j), j > t*, may start at
// t*. Such periods are reported (`planning_horizons`): the plan before t* does not depend on
// any demand after it. With `use_planning_horizons` the search uses them, doing less work with
// the same optimum; it needs the unit cost to be the same in every period (a problem otherwise).
#pragma once

#include <cstddef>
#include <vector>

#include "core/base/result.h"

namespace echelon {

inline constexpr std::size_t kMaxLotSizingPeriods = 5000;  // O(T^2) work: 12.5 million steps at most

struct WagnerWhitinInput {
  std::vector<double> demand_units;                     // d_t >= 0, t = 1..T
  std::vector<double> order_cost_per_order;             // K_t >= 0: one value per period, or one for all
  std::vector<double> holding_cost_per_unit_period;     // h_t >= 0: one per period, or one for all
  std::vector<double> unit_cost;                        // c_t >= 0: one per period, one for all, or none (0)
  bool use_planning_horizons = false;
};

struct WagnerWhitinResult {
  std::vector<double> order_units;         // quantity ordered at the start of each period
  std::vector<int> order_periods;          // 1-based periods with an order, increasing
  std::vector<double> cost_to_period;      // f(1)..f(T): least cost of meeting demand up to each period
  double total_cost = 0.0;                 // f(T)
  double ordering_cost = 0.0;              // sum of K_t over orders
  double holding_cost = 0.0;
  double purchase_cost = 0.0;
  std::vector<int> planning_horizons;      // 1-based periods t* whose best plan ends with an order in t*
  double work_units = 0.0;                 // cost(i, j) evaluations
};

Problems validate(const WagnerWhitinInput& input);
Result<WagnerWhitinResult> compute_wagner_whitin(const WagnerWhitinInput& input);

}  // namespace echelon
