#include "core/model/readiness.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace echelon {

std::size_t ReadinessReport::count_of(unsigned flag) const {
  for (std::size_t k = 0; k < 4; ++k)
    if (kReadinessFlags[k] == flag) return count[k];
  return 0;
}

ReadinessReport check_readiness(const Scenario& s, std::size_t min_history_periods) {
  // Indexes first: a portfolio of thousands of demands must not take quadratic time.
  std::map<std::string, std::size_t, std::less<>> node_index, item_index;
  for (std::size_t n = 0; n < s.nodes.size(); ++n) node_index.emplace(s.nodes[n].id, n);
  for (std::size_t i = 0; i < s.items.size(); ++i) item_index.emplace(s.items[i].id, i);
  std::map<std::string, double, std::less<>> slowest_any;  // node -> slowest inbound arc (any item)
  std::map<std::pair<std::string, std::string>, double> slowest_item;  // (node, item) -> slowest arc of that item
  for (const Arc& arc : s.arcs) {
    const double m = mean(arc.transit_time);
    double& any = slowest_any[arc.to];
    any = std::max(any, m);
    double& one = slowest_item[{arc.to, arc.item}];
    one = std::max(one, m);
  }
  std::set<std::pair<std::string, std::string>> pair_targets;
  std::set<std::string, std::less<>> segment_targets;
  for (const ServiceTarget& t : s.service_targets) {
    if (t.segment) segment_targets.insert(*t.segment);
    else if (t.node && t.item) pair_targets.insert({*t.node, *t.item});
  }

  ReadinessReport out;
  out.demands.reserve(s.demands.size());
  for (std::size_t d = 0; d < s.demands.size(); ++d) {
    const Demand& demand = s.demands[d];
    DemandReadiness r;
    r.demand = d;
    r.node = demand.node;
    r.item = demand.item;
    const auto node = node_index.find(demand.node);
    if (node != node_index.end()) {
      const Node& n = s.nodes[node->second];
      const bool produces = std::find(n.produces.begin(), n.produces.end(), demand.item) != n.produces.end();
      double inbound = 0.0;
      if (produces) {
        if (auto it = slowest_any.find(n.id); it != slowest_any.end()) inbound = it->second;
      } else if (auto it = slowest_item.find({n.id, demand.item}); it != slowest_item.end()) {
        inbound = it->second;
      }
      r.lead_time_periods = mean(n.processing_time) + inbound;
    }
    if (!(r.lead_time_periods > 0.0)) r.flags |= kFlagZeroLeadTime;
    const auto item = item_index.find(demand.item);
    const Item* it = item != item_index.end() ? &s.items[item->second] : nullptr;
    if (!it || !(it->unit_cost > 0.0)) r.flags |= kFlagZeroCost;
    const bool segment_target = it && it->segment && segment_targets.count(*it->segment);
    if (!pair_targets.count({demand.node, demand.item}) && !segment_target) r.flags |= kFlagNoTarget;
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
