// Named textbook instances, shared by the tests and the benchmarks, each with its source and the
// published answer. A test that checks a model against the book and a benchmark that times the
// same model use the same numbers from here.
//
//   snyder_shen_example_6_5   guaranteed-service tree (Snyder & Shen 2nd ed., Example 6.5)
//   snyder_shen_example_6_1   serial stochastic-service line (Snyder & Shen 2nd ed., Example 6.1)
#pragma once

#include <string>

#include "core/meio/gsm.h"

namespace echelon::textbook {

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 6.5 (the instance is
// also `example_6_5` in stockpyl, whose README prints the optimum): stages 1 -> 3 -> {2, 4}
// with T = 2, 1, 1, 1; h = 1, 3, 2, 3; z = 1; demand sd 1 at stages 2 and 4; stage 1 waits
// 1 period for its supplier; stage 2 must quote 0, stage 4 may quote 1. Optimal service times
// {1: 0, 2: 0, 3: 0, 4: 1}, cost 8.277916867529369. Stage k of the book is index k - 1; unit
// values are 10 h so that values and costs are easy to relate.
inline GsmNetwork snyder_shen_example_6_5() {
  GsmNetwork net;
  net.stages.resize(4);
  const double t[] = {2, 1, 1, 1}, h[] = {1, 3, 2, 3};
  for (std::size_t j = 0; j < 4; ++j) {
    net.stages[j].name = "stage " + std::to_string(j + 1);
    net.stages[j].processing_time_periods = t[j];
    net.stages[j].holding_cost_per_unit_period = h[j];
    net.stages[j].unit_value = 10.0 * h[j];
    net.stages[j].safety_factor = 1.0;
  }
  net.stages[0].external_inbound_service_time_periods = 1.0;
  net.stages[1].external_demand_sd_per_period = 1.0;
  net.stages[1].max_outbound_service_time_periods = 0.0;
  net.stages[3].external_demand_sd_per_period = 1.0;
  net.stages[3].max_outbound_service_time_periods = 1.0;
  net.arcs = {{0, 2, 1.0}, {2, 1, 1.0}, {2, 3, 1.0}};
  return net;
}

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 6.1: a serial line of 3
// stages (index 0 = the most upstream, the book's stage 3), demand N(5, 1) per period at the
// last stage, backorder cost 37.12 per unit and period. Published optimum (Chen & Zheng's exact
// algorithm): echelon base-stock levels 6.49, 12.02, 22.71 from downstream up, expected cost
// 47.66 per period.
struct SerialLine {
  double echelon_holding_cost[3];   // per unit and period, upstream first
  double local_holding_cost[3];     // sums of echelon costs from the stage down
  double lead_time_periods[3];      // into each stage; upstream first
  double demand_mean_per_period;
  double demand_sd_per_period;
  double backorder_cost_per_unit_period;
  double optimal_echelon_base_stock[3];  // published, upstream first
  double optimal_cost_per_period;        // published
};
inline SerialLine snyder_shen_example_6_1() {
  return SerialLine{{2.0, 2.0, 3.0}, {2.0, 4.0, 7.0}, {2.0, 1.0, 1.0}, 5.0, 1.0, 37.12, {22.71, 12.02, 6.49}, 47.66};
}

}  // namespace echelon::textbook
