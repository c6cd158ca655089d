#include "app/default_scenario.h"

#include <string>

namespace echelon::app {

Scenario default_scenario() {
  Scenario s;
  s.name = "Plant, 2 DCs, 6 stores";
  s.description = "One product made at a plant, stocked at two regional DCs and sold at six stores.";
  s.period = Period::day;
  s.currency = "EUR";
  s.items.push_back({"bike", "City bike", 180.0, std::string("bikes"), {}, {}});

  Node plant;
  plant.id = "plant";
  plant.name = "Plant";
  plant.kind = "plant";
  plant.position = {0.0, 200.0};
  plant.produces = {"bike"};
  // A fixed 6-day production cycle: the plant can then promise its DCs a
  // service time and hold no finished stock, which is where the network
  // plan beats every stage buffering on its own. Transit stays random.
  plant.processing_time = dist::Constant{6.0};
  plant.holding_cost = {HoldingCostBasis::annual_rate_of_value, 0.20};
  plant.fixed_order_cost = 400.0;
  s.nodes.push_back(plant);

  const char* dc_names[] = {"DC North", "DC South"};
  for (int d = 0; d < 2; ++d) {
    Node dc;
    dc.id = "dc-" + std::to_string(d + 1);
    dc.name = dc_names[d];
    dc.kind = "dc";
    dc.position = {260.0, 80.0 + 240.0 * d};
    dc.processing_time = dist::Constant{1.0};
    dc.holding_cost = {HoldingCostBasis::annual_rate_of_value, 0.25};
    dc.fixed_order_cost = 150.0;
    s.nodes.push_back(dc);
    Arc arc;
    arc.from = "plant";
    arc.to = dc.id;
    arc.item = "bike";
    arc.transit_time = dist::Normal{3.0, 0.8};
    s.arcs.push_back(arc);
  }

  // Stores: three per DC, with different volumes and variability.
  const double means[] = {12.0, 7.0, 4.0, 10.0, 6.0, 3.0};
  const double sds[] = {4.0, 3.0, 2.5, 3.5, 2.5, 2.0};
  for (int k = 0; k < 6; ++k) {
    Node store;
    store.id = "store-" + std::to_string(k + 1);
    store.name = "Store " + std::to_string(k + 1);
    store.kind = "store";
    store.position = {520.0, 0.0 + 80.0 * k};
    store.processing_time = dist::Constant{0.0};
    store.holding_cost = {HoldingCostBasis::annual_rate_of_value, 0.30};
    store.max_service_time_periods = 0.0;
    store.fixed_order_cost = 25.0;
    s.nodes.push_back(store);
    Arc arc;
    arc.from = k < 3 ? "dc-1" : "dc-2";
    arc.to = store.id;
    arc.item = "bike";
    arc.transit_time = dist::Constant{1.0};
    s.arcs.push_back(arc);
    Demand demand;
    demand.node = store.id;
    demand.item = "bike";
    demand.per_period = dist::Normal{means[k], sds[k]};
    s.demands.push_back(demand);
    ServiceTarget target;
    target.node = store.id;
    target.item = "bike";
    target.measure = ServiceMeasure::cycle_service_level;
    target.value = k % 3 == 0 ? 0.98 : 0.95;
    s.service_targets.push_back(target);
  }
  s.settings.horizon_periods = 365;
  s.settings.warm_up_periods = 30;
  s.settings.replications = 200;
  s.settings.random_seed = 2024;
  return s;
}

}  // namespace echelon::app
