#include "core/model/readiness.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace echelon {

std::size_t ReadinessReport::count_of(unsigned flag) const {
  for (std::size_t k = 0; k < 4; ++k)
    if (kReadinessFlags[k] == flag) return count[k];
  return 0;
}

ReadinessReport check_readiness(const Scenario& s, std::size_t min_history_periods) {
  // Indexes first, by position and without copying ids: a portfolio of thousands of demands is
  // checked on every edit, so it must take neither quadratic time nor a string per record. Ids
  // that name no node (item) get numbers past the last one, so references still match by id.
  std::unordered_map<std::string_view, std::size_t> node_index, item_index;
  node_index.reserve(s.nodes.size());
  item_index.reserve(s.items.size());
  for (std::size_t n = 0; n < s.nodes.size(); ++n) node_index.emplace(s.nodes[n].id, n);
  for (std::size_t i = 0; i < s.items.size(); ++i) item_index.emplace(s.items[i].id, i);
  std::size_t next_node = s.nodes.size(), next_item = s.items.size();
  const auto node_of = [&](std::string_view id) { return node_index.emplace(id, next_node).second ? next_node++ : node_index[id]; };
  const auto item_of = [&](std::string_view id) { return item_index.emplace(id, next_item).second ? next_item++ : item_index[id]; };
  const auto key = [](std::size_t node, std::size_t item) { return (std::uint64_t{node} << 32) ^ std::uint64_t{item}; };
  std::unordered_map<std::size_t, double> slowest_any;     // node -> slowest inbound arc (any item)
  std::unordered_map<std::uint64_t, double> slowest_item;  // (node, item) -> slowest arc of that item
  for (const Arc& arc : s.arcs) {
    const double m = mean(arc.transit_time);
    const std::size_t to = node_of(arc.to);
    double& any = slowest_any[to];
    any = std::max(any, m);
    double& one = slowest_item[key(to, item_of(arc.item))];
    one = std::max(one, m);
  }
  std::unordered_set<std::uint64_t> pair_targets;
  std::unordered_set<std::string_view> segment_targets;
  for (const ServiceTarget& t : s.service_targets) {
    if (t.segment) segment_targets.insert(*t.segment);
    else if (t.node && t.item) pair_targets.insert(key(node_of(*t.node), item_of(*t.item)));
  }

  ReadinessReport out;
  out.demands.reserve(s.demands.size());
  for (std::size_t d = 0; d < s.demands.size(); ++d) {
    const Demand& demand = s.demands[d];
    DemandReadiness r;
    r.demand = d;
    r.node = demand.node;
    r.item = demand.item;
    const std::size_t node = node_of(demand.node);
    const std::size_t item = item_of(demand.item);
    if (node < s.nodes.size()) {
      const Node& n = s.nodes[node];
      const bool produces = std::find(n.produces.begin(), n.produces.end(), demand.item) != n.produces.end();
      double inbound = 0.0;
      if (produces) {
        if (auto it = slowest_any.find(node); it != slowest_any.end()) inbound = it->second;
      } else if (auto it = slowest_item.find(key(node, item)); it != slowest_item.end()) {
        inbound = it->second;
      }
      r.lead_time_periods = mean(n.processing_time) + inbound;
    }
    if (!(r.lead_time_periods > 0.0)) r.flags |= kFlagZeroLeadTime;
    const Item* it = item < s.items.size() ? &s.items[item] : nullptr;
    if (!it || !(it->unit_cost > 0.0)) r.flags |= kFlagZeroCost;
    const bool segment_target = it && it->segment && segment_targets.count(*it->segment);
    const bool pair_target = pair_targets.count(key(node, item)) > 0;
    if (!pair_target && !segment_target) r.flags |= kFlagNoTarget;
    if (demand.history) {
      for (double q : demand.history->quantities) r.observed_periods += std::isnan(q) ? 0 : 1;
      if (r.observed_periods < min_history_periods) r.flags |= kFlagShortHistory;
    }
    for (std::size_t k = 0; k < 4; ++k) out.count[k] += (r.flags & kReadinessFlags[k]) ? 1 : 0;
    out.flagged += r.flags ? 1 : 0;
    out.demands.push_back(std::move(r));
  }
  return out;
}

const char* readiness_flag_name(unsigned flag) {
  switch (flag) {
    case kFlagZeroLeadTime: return "zero lead time";
    case kFlagZeroCost: return "zero cost";
    case kFlagNoTarget: return "no target";
    case kFlagShortHistory: return "short history";
  }
  return "unknown";
}

const char* readiness_flag_fix(unsigned flag) {
  switch (flag) {
    case kFlagZeroLeadTime:
      return "set the lead time in periods (import: Lead time, or the item master's lead_time column; "
             "editor: the transit time of the arc into the stage); until then it is taken as one period";
    case kFlagZeroCost:
      return "set the unit cost (import: Unit cost, or the item master's unit_cost column; editor: the item's "
             "unit cost); until then holding stock costs nothing and the plan's cost is 0";
    case kFlagNoTarget:
      return "set a service target (import: Service target; editor: a target for the stage or its segment); "
             "until then the plan aims at 95% cycle service";
    case kFlagShortHistory:
      return "give a longer history (at least 12 observed periods); until then the plan uses the sample mean "
             "and sd, whose error is large";
  }
  return "";
}

std::string describe_flags(unsigned flags) {
  std::string out;
  for (unsigned f : kReadinessFlags) {
    if (!(flags & f)) continue;
    if (!out.empty()) out += ", ";
    out += readiness_flag_name(f);
  }
  return out;
}

}  // namespace echelon
