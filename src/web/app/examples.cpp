#include "app/examples.h"

#include <array>

namespace echelon::app {

namespace {
constexpr std::array<Example, 5> kExamples = {{
    {"", "Retail network (default)",
     "A plant, two DCs and six stores: where the multi-echelon plan puts safety stock and what it saves over "
     "planning each stage alone."},
    {"single_store.json", "Single store",
     "One store with a random supplier lead time: how demand and lead-time uncertainty add up in the buffer."},
    {"distribution_network.json", "Distribution network",
     "Two echelons, one product: risk pooling at the DC and the service time each stage quotes."},
    {"assembly.json", "Assembly",
     "Three parts (one used 12 per unit) assembled at a plant: buffers before and after assembly."},
    {"portfolio.json", "Portfolio of 300 items",
     "Three years of weekly history: demand classes, learned distributions, service segments and items at risk "
     "of obsolescence."},
}};
}  // namespace

std::span<const Example> examples() { return kExamples; }

Scenario new_scenario() {
  Scenario s;
  s.name = "New scenario";
  s.period = Period::day;
  s.currency = "EUR";
  Item item;
  item.id = "item-1";
  item.name = "Item 1";
  item.unit_cost = 10.0;
  s.items.push_back(item);
  Node supplier;
  supplier.id = "supplier-1";
  supplier.name = "Supplier";
  supplier.kind = "supplier";
  supplier.position = {0.0, 0.0};
  supplier.produces = {item.id};
  supplier.processing_time = dist::Constant{5.0};
  supplier.holding_cost = {HoldingCostBasis::annual_rate_of_value, 0.25};
  Node store;
  store.id = "store-1";
  store.name = "Store";
  store.kind = "store";
  store.position = {240.0, 0.0};
  store.holding_cost = {HoldingCostBasis::annual_rate_of_value, 0.25};
  store.max_service_time_periods = 0.0;
  s.nodes = {supplier, store};
  Arc arc;
  arc.from = supplier.id;
  arc.to = store.id;
  arc.item = item.id;
  arc.transit_time = dist::Constant{1.0};
  s.arcs = {arc};
  Demand demand;
  demand.node = store.id;
  demand.item = item.id;
  demand.per_period = dist::Normal{10.0, 3.0};
  s.demands = {demand};
  ServiceTarget target;
  target.node = store.id;
  target.item = item.id;
  target.measure = ServiceMeasure::cycle_service_level;
  target.value = 0.95;
  s.service_targets = {target};
  return s;
}

}  // namespace echelon::app
