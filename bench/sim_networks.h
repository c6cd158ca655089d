// Networks shared by the simulation benchmarks (native and wasm build the same cases).
#pragma once

#include <cmath>

#include "core/sim/sim.h"

namespace echelon::bench {

// Base-stock level for `periods` of normal demand (mean, sd) at about 95% (z = 1.645).
inline double level(double mean, double sd, double periods) {
  return mean * periods + 1.645 * sd * std::sqrt(periods);
}

// Plant -> 2 DCs -> `stores_per_dc` stores each; normal demand (20, 6) per store and period;
// lead times: supply 3, plant -> DC 2 (normal sd 0.5 at the first DC), DC -> store 1.
inline sim::SimNetwork distribution_network(int dcs, int stores_per_dc) {
  using namespace sim;
  SimNetwork net;
  const double store_mean = 20.0, store_sd = 6.0;
  const double dc_mean = store_mean * stores_per_dc, dc_sd = store_sd * std::sqrt(stores_per_dc);
  const double plant_mean = dc_mean * dcs, plant_sd = dc_sd * std::sqrt(dcs);
  SimStage plant;
  plant.name = "plant";
  plant.holding_cost_per_unit_period = 0.5;
  plant.unit_value = 50.0;
  plant.policy.order_up_to = level(plant_mean, plant_sd, 3.0);
  plant.supply_lead_time_periods = {DistributionKind::constant, 3.0, 0.0, {}, {}};
  net.stages.push_back(plant);
  for (int d = 0; d < dcs; ++d) {
    SimStage dc;
    dc.name = "dc" + std::to_string(d);
    dc.holding_cost_per_unit_period = 0.7;
    dc.unit_value = 60.0;
    dc.ordering_cost_per_order = 10.0;
    dc.policy.order_up_to = level(dc_mean, dc_sd, 2.0);
    const int dc_index = static_cast<int>(net.stages.size());
    net.stages.push_back(dc);
    SimArc arc{0, dc_index, 1.0, {DistributionKind::constant, 2.0, 0.0, {}, {}}, true};
    if (d == 0) arc.lead_time_periods = {DistributionKind::normal, 2.0, 0.5, {}, {}};
    net.arcs.push_back(arc);
    for (int s = 0; s < stores_per_dc; ++s) {
      SimStage store;
      store.name = "store" + std::to_string(d) + "_" + std::to_string(s);
      store.holding_cost_per_unit_period = 1.0;
      store.unit_value = 80.0;
      store.shortage_cost_per_unit = 9.0;
      store.has_external_demand = true;
      store.demand_per_period = {DistributionKind::normal, store_mean, store_sd, {}, {}};
      store.policy.order_up_to = level(store_mean, store_sd, 1.0);
      const int store_index = static_cast<int>(net.stages.size());
      net.stages.push_back(store);
      net.arcs.push_back({dc_index, store_index, 1.0, {DistributionKind::constant, 1.0, 0.0, {}, {}}, true});
    }
  }
  return net;
}

}  // namespace echelon::bench
