#include "app/scenario_edits.h"

#include <algorithm>
#include <string>

#include "core/model/distribution.h"

namespace echelon::app {

void remove_node(Scenario& s, std::string_view id) {
  std::erase_if(s.nodes, [&](const Node& n) { return n.id == id; });
  std::erase_if(s.arcs, [&](const Arc& a) { return a.from == id || a.to == id; });
  std::erase_if(s.demands, [&](const Demand& d) { return d.node == id; });
  std::erase_if(s.service_targets, [&](const ServiceTarget& t) { return t.node && *t.node == id; });
  std::erase_if(s.policies, [&](const Policy& p) { return p.node == id; });
}

std::string add_stage(Scenario& s, const std::string& kind, Position position) {
  Node n;
  for (int i = 1;; ++i) {
    n.id = kind + "-" + std::to_string(i);
    if (!find_node(s, n.id)) break;
  }
  n.name = n.id;
  n.kind = kind;
  n.position = position;
  if (kind == "supplier" && !s.items.empty()) n.produces = {s.items.front().id};
  s.nodes.push_back(n);
  return n.id;
}

std::vector<std::string> items_at_stage(const Scenario& s, std::string_view id) {
  std::vector<std::string> out;
  auto add = [&](const std::string& item) {
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  };
  for (const Node& n : s.nodes) {
    if (n.id != id) continue;
    for (const std::string& item : n.produces) add(item);
  }
  for (const Arc& a : s.arcs) {
    if (a.to == id) add(a.item);
  }
  if (out.empty()) {
    for (const Item& item : s.items) add(item.id);
  }
  return out;
}

bool add_demand(Scenario& s, std::string_view node_id, std::string_view item_id) {
  for (const Demand& d : s.demands) {
    if (d.node == node_id && d.item == item_id) return false;
  }
  Demand d;
  d.node = std::string(node_id);
  d.item = std::string(item_id);
  d.per_period = dist::Normal{10.0, 3.0};
  s.demands.push_back(d);
  const bool has_target = std::any_of(s.service_targets.begin(), s.service_targets.end(), [&](const ServiceTarget& t) {
    return t.node && *t.node == node_id && (!t.item || *t.item == item_id);
  });
  if (!has_target) {
    ServiceTarget t;
    t.node = std::string(node_id);
    t.item = std::string(item_id);
    t.measure = ServiceMeasure::cycle_service_level;
    t.value = 0.95;
    s.service_targets.push_back(t);
  }
  return true;
}

void remove_demand(Scenario& s, std::string_view node_id, std::string_view item_id) {
  std::erase_if(s.demands, [&](const Demand& d) { return d.node == node_id && d.item == item_id; });
  std::erase_if(s.service_targets,
                [&](const ServiceTarget& t) { return t.node && *t.node == node_id && t.item && *t.item == item_id; });
}

void rename_node_id(Scenario& s, std::string_view old_id, std::string_view new_id) {
  const std::string to(new_id);
  for (Node& n : s.nodes) {
    if (n.id == old_id) n.id = to;
  }
  for (Arc& a : s.arcs) {
    if (a.from == old_id) a.from = to;
    if (a.to == old_id) a.to = to;
  }
  for (Demand& d : s.demands) {
    if (d.node == old_id) d.node = to;
  }
  for (ServiceTarget& t : s.service_targets) {
    if (t.node && *t.node == old_id) t.node = to;
  }
  for (Policy& p : s.policies) {
    if (p.node == old_id) p.node = to;
  }
}

namespace {

void take_into(ValueRange& range, double v) {
  range.low = range.count == 0 ? v : std::min(range.low, v);
  range.high = range.count == 0 ? v : std::max(range.high, v);
  ++range.count;
}

bool listed(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

ValueRange stage_number_range(const Scenario& scenario, const std::vector<std::string>& node_ids, StageNumber which) {
  ValueRange range;
  auto take = [&](double v) { take_into(range, v); };
  if (which == StageNumber::service_target) {
    for (const ServiceTarget& t : scenario.service_targets)
      if (t.node && listed(node_ids, *t.node)) take(t.value);
    return range;
  }
  for (const Node& n : scenario.nodes) {
    if (!listed(node_ids, n.id)) continue;
    switch (which) {
      case StageNumber::holding_cost: take(n.holding_cost.value); break;
      case StageNumber::fixed_order_cost: take(n.fixed_order_cost); break;
      case StageNumber::max_service_time: take(n.max_service_time_periods.value_or(0.0)); break;
      case StageNumber::service_target: break;
    }
  }
  return range;
}

void set_stage_number(Scenario& scenario, const std::vector<std::string>& node_ids, StageNumber which, double value) {
  if (which == StageNumber::service_target) {
    for (ServiceTarget& t : scenario.service_targets)
      if (t.node && listed(node_ids, *t.node)) t.value = value;
    return;
  }
  for (Node& n : scenario.nodes) {
    if (!listed(node_ids, n.id)) continue;
    switch (which) {
      case StageNumber::holding_cost: n.holding_cost.value = value; break;
      case StageNumber::fixed_order_cost: n.fixed_order_cost = value; break;
      case StageNumber::max_service_time: n.max_service_time_periods = value; break;
      case StageNumber::service_target: break;
    }
  }
}

void set_processing_time(Scenario& scenario, const std::vector<std::string>& node_ids, const Distribution& time) {
  for (Node& n : scenario.nodes)
    if (listed(node_ids, n.id)) n.processing_time = time;
}

ValueRange processing_time_mean_range(const Scenario& scenario, const std::vector<std::string>& node_ids) {
  ValueRange range;
  for (const Node& n : scenario.nodes)
    if (listed(node_ids, n.id)) take_into(range, mean(n.processing_time));
  return range;
}

std::size_t stages_with_target(const Scenario& scenario, const std::vector<std::string>& node_ids) {
  std::size_t count = 0;
  for (const std::string& id : node_ids) {
    const bool has = std::any_of(scenario.service_targets.begin(), scenario.service_targets.end(),
                                 [&](const ServiceTarget& t) { return t.node && *t.node == id; });
    count += has ? 1 : 0;
  }
  return count;
}

}  // namespace echelon::app
