// Small scenarios shared by the tests, each with its numbers stated so expected values can be
// derived by hand from them.
#pragma once

#include <utility>

#include "core/model/model.h"

namespace echelon::fixtures {

// Supplier (makes item "w" in 3 periods, holding 1 per unit-period) ships in 2 periods to a
// store (holding 2 per unit-period) facing normal(20, 5) demand per day; no service target
// (the planner's default 95% applies). Item value 10.
inline Scenario serial_two_stage() {
  Scenario s;
  s.name = "serial";
  s.period = Period::day;
  s.items.push_back({"w", "Widget", 10.0, {}, {}, {}});
  Node sup;
  sup.id = "sup";
  sup.name = "Supplier";
  sup.kind = "supplier";
  sup.produces = {"w"};
  sup.processing_time = dist::Constant{3.0};
  sup.holding_cost = {HoldingCostBasis::per_unit_period, 1.0};
  Node store;
  store.id = "store";
  store.name = "Store";
  store.kind = "store";
  store.holding_cost = {HoldingCostBasis::per_unit_period, 2.0};
  s.nodes = {sup, store};
  Arc arc;
  arc.from = "sup";
  arc.to = "store";
  arc.item = "w";
  arc.transit_time = dist::Constant{2.0};
  s.arcs = {arc};
  Demand d;
  d.node = "store";
  d.item = "w";
  d.per_period = dist::Normal{20.0, 5.0};
  s.demands = {d};
  return s;
}

// The scenario with a second store "store2" like its second node (the store of serial_two_stage),
// supplied by the same arc's source, facing `demand` (node and item set here).
inline Scenario with_second_store(Scenario s, Demand demand) {
  Node second = s.nodes[1];
  second.id = "store2";
  second.name = "Store 2";
  s.nodes.push_back(second);
  Arc arc = s.arcs[0];
  arc.to = "store2";
  s.arcs.push_back(arc);
  demand.node = "store2";
  demand.item = s.demands[0].item;
  s.demands.push_back(std::move(demand));
  return s;
}

}  // namespace echelon::fixtures
