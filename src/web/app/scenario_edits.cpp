#include "app/scenario_edits.h"

#include <algorithm>
#include <string>

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

}  // namespace echelon::app
