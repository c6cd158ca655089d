#include "validate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace echelon {

namespace {

std::string at(std::string_view collection, std::size_t index) {
  std::string out = "/";
  out.append(collection);
  out += '/';
  out += std::to_string(index);
  return out;
}

std::string field(const std::string& base, std::string_view name) {
  std::string out = base;
  out += '/';
  out.append(name);
  return out;
}

std::string quote(std::string_view id) {
  std::string out = "'";
  out.append(id.substr(0, 80));
  if (id.size() > 80) out += "...";
  out += '\'';
  return out;
}

class Validator {
 public:
  explicit Validator(const Scenario& s) : s_(s) {}

  Problems run() {
    check_header();
    check_sizes();
    check_items();
    check_nodes();
    check_arcs();
    check_cycles();
    check_demands();
    check_reach();
    check_targets();
    check_policies();
    check_settings();
    return std::move(problems_);
  }

 private:
  void add(std::string path, std::string message) { problems_.push_back({std::move(path), std::move(message)}); }

  bool finite(double value, const std::string& path) {
    if (std::isfinite(value)) return true;
    add(path, "must be a finite number, got " + format_number(value));
    return false;
  }
  void non_negative(double value, const std::string& path) {
    if (finite(value, path) && value < 0.0) add(path, "must not be negative, got " + format_number(value));
  }
  void positive(double value, const std::string& path) {
    if (finite(value, path) && !(value > 0.0)) add(path, "must be greater than 0, got " + format_number(value));
  }
  void distribution(const Distribution& d, const std::string& path) {
    for (auto& p : validate_distribution(d, path, Support::non_negative, Limits::max_distribution_entries))
      problems_.push_back(std::move(p));
  }
  void id_text(const std::string& id, const std::string& path) {
    if (id.empty()) {
      add(path, "must not be empty");
    } else if (id.size() > Limits::max_id_length) {
      add(path, "is " + std::to_string(id.size()) + " characters long; the limit is " +
                    std::to_string(Limits::max_id_length));
    } else if (std::any_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      add(path, "must not contain control characters (line breaks, tabs)");
    }
  }
  bool node_exists(const std::string& id, const std::string& path) {
    if (node_index_.count(id)) return true;
    add(path, "no node has the id " + quote(id));
    return false;
  }
  bool item_exists(const std::string& id, const std::string& path) {
    if (item_index_.count(id)) return true;
    add(path, "no item has the id " + quote(id));
    return false;
  }

  void check_header() {
    if (s_.currency.empty()) add("/currency", "must not be empty (for example \"EUR\" or \"USD\")");
    if (s_.name.size() > 1000) add("/name", "is longer than 1000 characters");
  }

  void check_sizes() {
    auto limit = [&](std::size_t size, std::size_t max, const char* path) {
      if (size > max) add(path, "has " + std::to_string(size) + " entries; the limit is " + std::to_string(max));
    };
    limit(s_.items.size(), Limits::max_items, "/items");
    limit(s_.nodes.size(), Limits::max_nodes, "/nodes");
    limit(s_.arcs.size(), Limits::max_arcs, "/arcs");
    limit(s_.demands.size(), Limits::max_demands, "/demands");
    limit(s_.service_targets.size(), Limits::max_records, "/service_targets");
    limit(s_.policies.size(), Limits::max_records, "/policies");
  }

  void check_items() {
    for (std::size_t i = 0; i < s_.items.size(); ++i) {
      const Item& item = s_.items[i];
      const std::string base = at("items", i);
      id_text(item.id, field(base, "id"));
      if (!item.id.empty()) {
        const auto [it, inserted] = item_index_.emplace(item.id, i);
        if (!inserted) add(field(base, "id"), "duplicate id " + quote(item.id) + " (also /items/" + std::to_string(it->second) + ")");
      }
      non_negative(item.unit_cost, field(base, "unit_cost"));
      if (item.segment) segments_.insert(*item.segment);
      if (item.lifecycle) {
        const std::string lc = field(base, "lifecycle");
        if (item.lifecycle->launch_period) non_negative(*item.lifecycle->launch_period, field(lc, "launch_period"));
        if (item.lifecycle->end_of_life_period)
          non_negative(*item.lifecycle->end_of_life_period, field(lc, "end_of_life_period"));
        if (item.lifecycle->shelf_life_periods) positive(*item.lifecycle->shelf_life_periods, field(lc, "shelf_life_periods"));
        if (item.lifecycle->launch_period && item.lifecycle->end_of_life_period &&
            *item.lifecycle->end_of_life_period < *item.lifecycle->launch_period) {
          add(field(lc, "end_of_life_period"), "comes before launch_period");
        }
      }
    }
  }

  void check_nodes() {
    for (std::size_t i = 0; i < s_.nodes.size(); ++i) {
      const Node& n = s_.nodes[i];
      const std::string base = at("nodes", i);
      id_text(n.id, field(base, "id"));
      if (!n.id.empty()) {
        const auto [it, inserted] = node_index_.emplace(n.id, i);
        if (!inserted) add(field(base, "id"), "duplicate id " + quote(n.id) + " (also /nodes/" + std::to_string(it->second) + ")");
      }
      if (n.kind.empty()) add(field(base, "kind"), "must not be empty (supplier, plant, dc, store or a label)");
      finite(n.position.x, field(base, "position/x"));
      finite(n.position.y, field(base, "position/y"));
      std::set<std::string> seen;
      for (std::size_t k = 0; k < n.produces.size(); ++k) {
        const std::string path = field(base, "produces/" + std::to_string(k));
        if (item_exists(n.produces[k], path) && !seen.insert(n.produces[k]).second) {
          add(path, "item " + quote(n.produces[k]) + " is listed twice");
        }
      }
      distribution(n.processing_time, field(base, "processing_time"));
      non_negative(n.holding_cost.value, field(base, "holding_cost/value"));
      if (n.capacity_per_period) positive(*n.capacity_per_period, field(base, "capacity_per_period"));
      if (n.max_service_time_periods) non_negative(*n.max_service_time_periods, field(base, "max_service_time_periods"));
      non_negative(n.fixed_order_cost, field(base, "fixed_order_cost"));
      if (n.cost_added_per_unit) non_negative(*n.cost_added_per_unit, field(base, "cost_added_per_unit"));
    }
  }

  void check_arcs() {
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
    // (to, item) -> arcs into it, for the sourcing-share rule.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> inbound;
    for (std::size_t i = 0; i < s_.arcs.size(); ++i) {
      const Arc& a = s_.arcs[i];
      const std::string base = at("arcs", i);
      const bool from_ok = node_exists(a.from, field(base, "from"));
      const bool to_ok = node_exists(a.to, field(base, "to"));
      const bool item_ok = item_exists(a.item, field(base, "item"));
      if (from_ok && to_ok && a.from == a.to) add(field(base, "to"), "an arc cannot join node " + quote(a.from) + " to itself");
      distribution(a.transit_time, field(base, "transit_time"));
      positive(a.quantity_per_unit, field(base, "quantity_per_unit"));
      if (a.sourcing_share && finite(*a.sourcing_share, field(base, "sourcing_share")) &&
          (*a.sourcing_share < 0.0 || *a.sourcing_share > 1.0)) {
        add(field(base, "sourcing_share"), "must be in [0, 1], got " + format_number(*a.sourcing_share));
      }
      if (!(from_ok && to_ok && item_ok)) continue;
      const auto [it, inserted] = seen.emplace(std::make_tuple(a.from, a.to, a.item), i);
      if (!inserted) {
        add(base, "duplicate arc " + quote(a.from) + " -> " + quote(a.to) + " for item " + quote(a.item) +
                      " (also /arcs/" + std::to_string(it->second) + ")");
        continue;
      }
      inbound[{a.to, a.item}].push_back(i);
      if (a.from != a.to) valid_arcs_.push_back(i);
    }
    for (const auto& [key, arcs] : inbound) {
      std::size_t with_share = 0;
      double sum = 0.0;
      for (std::size_t i : arcs) {
        if (s_.arcs[i].sourcing_share) {
          ++with_share;
          sum += *s_.arcs[i].sourcing_share;
        }
      }
      if (with_share == 0 || !std::isfinite(sum)) continue;
      if (with_share != arcs.size()) {
        for (std::size_t i : arcs)
          if (!s_.arcs[i].sourcing_share)
            add(field(at("arcs", i), "sourcing_share"),
                "is missing while other arcs bringing " + quote(key.second) + " into " + quote(key.first) + " have one");
      } else if (std::abs(sum - 1.0) > 1e-6) {
        add(field(at("arcs", arcs.front()), "sourcing_share"),
            "the shares of the arcs bringing " + quote(key.second) + " into " + quote(key.first) + " sum to " +
                format_number(sum) + ", not 1");
      }
    }
  }

  // Depth-first search without recursion (deep chains must not overflow the wasm stack); each
  // arc closing a cycle (a back edge) is reported with the cycle it closes.
  void check_cycles() {
    const std::size_t n = s_.nodes.size();
    std::vector<std::vector<std::size_t>> out(n);  // arc indices leaving each node
    for (std::size_t i : valid_arcs_) out[node_index_.at(s_.arcs[i].from)].push_back(i);
    enum : char { white, grey, black };
    std::vector<char> colour(n, white);
    std::vector<std::size_t> via(n, 0);  // arc that reached each grey node
    std::size_t reported = 0;
    for (std::size_t root = 0; root < n; ++root) {
      if (colour[root] != white) continue;
      std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // node, next out-arc
      colour[root] = grey;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next == out[node].size()) {
          colour[node] = black;
          stack.pop_back();
          continue;
        }
        const std::size_t arc = out[node][next++];
        const std::size_t to = node_index_.at(s_.arcs[arc].to);
        if (colour[to] == white) {
          colour[to] = grey;
          via[to] = arc;
          stack.push_back({to, 0});
        } else if (colour[to] == grey) {
          if (++reported > 20) continue;
          // Walk back from `node` to `to` along the arcs that reached them.
          std::vector<std::string> names{s_.nodes[to].id};
          std::vector<std::string> chain;
          for (std::size_t v = node; v != to; v = node_index_.at(s_.arcs[via[v]].from)) chain.push_back(s_.nodes[v].id);
          std::reverse(chain.begin(), chain.end());
          std::string text = s_.nodes[to].id;
          for (const auto& c : chain) text += " -> " + c;
          text += " -> " + s_.nodes[to].id;
          add(at("arcs", arc), "the arcs form a cycle: " + text);
        }
      }
    }
  }

  void check_demands() {
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < s_.demands.size(); ++i) {
      const Demand& d = s_.demands[i];
      const std::string base = at("demands", i);
      // Both checks run so that both problems are reported.
      const bool node_ok = node_exists(d.node, field(base, "node"));
      const bool item_ok = item_exists(d.item, field(base, "item"));
      const bool ok = node_ok && item_ok;
      if (d.per_period && d.history) add(base, "give either per_period or history, not both");
      if (!d.per_period && !d.history) add(base, "needs per_period (a distribution) or history (a series)");
      if (d.per_period) distribution(*d.per_period, field(base, "per_period"));
      if (d.history) {
        const auto& q = d.history->quantities;
        const std::string hq = field(base, "history/quantities");
        if (q.size() > Limits::max_history_periods) {
          add(hq, "has " + std::to_string(q.size()) + " periods; the limit is " + std::to_string(Limits::max_history_periods));
        } else {
          std::size_t observed = 0;
          for (std::size_t k = 0; k < q.size(); ++k) {
            if (std::isnan(q[k])) continue;  // missing value
            ++observed;
            if (!std::isfinite(q[k])) add(hq + "/" + std::to_string(k), "must be a finite number or null (missing)");
            else if (q[k] < 0.0) add(hq + "/" + std::to_string(k), "demand must not be negative, got " + format_number(q[k]));
          }
          if (observed == 0) add(hq, "has no observed values (empty, or all missing)");
        }
      }
      if (!ok) continue;
      const auto [it, inserted] = seen.emplace(std::make_pair(d.node, d.item), i);
      if (!inserted) add(base, "a second demand for item " + quote(d.item) + " at node " + quote(d.node) +
                                   " (also /demands/" + std::to_string(it->second) + ")");
      else demand_keys_.push_back(i);
    }
  }

  // reached[item] = nodes that hold the item: producers, then along arcs carrying it.
  void check_reach() {
    std::unordered_map<std::string, std::vector<std::size_t>> arcs_by_item;
    for (std::size_t i : valid_arcs_) arcs_by_item[s_.arcs[i].item].push_back(i);
    // Producers by item, built once: scanning every node per item is quadratic on large chains.
    std::unordered_map<std::string, std::vector<const std::string*>> producers;
    for (const Node& n : s_.nodes)
      for (const std::string& item : n.produces) producers[item].push_back(&n.id);
    std::unordered_map<std::string, std::unordered_set<std::string>> reached;
    auto reach_item = [&](const std::string& item) -> const std::unordered_set<std::string>& {
      auto found = reached.find(item);
      if (found != reached.end()) return found->second;
      std::unordered_set<std::string>& set = reached[item];
      if (auto p = producers.find(item); p != producers.end())
        for (const std::string* id : p->second) set.insert(*id);
      const auto& arcs = arcs_by_item[item];
      bool grew = !set.empty();
      while (grew) {  // at most (nodes) rounds; sets are small in practice
        grew = false;
        for (std::size_t i : arcs)
          if (set.count(s_.arcs[i].from) && set.insert(s_.arcs[i].to).second) grew = true;
      }
      return set;
    };
    for (std::size_t i : valid_arcs_) {
      const Arc& a = s_.arcs[i];
      if (!reach_item(a.item).count(a.from)) {
        add(field(at("arcs", i), "item"), "node " + quote(a.from) + " neither produces item " + quote(a.item) +
                                              " nor receives it along an arc, so it has none to ship");
      }
    }
    for (std::size_t i : demand_keys_) {
      const Demand& d = s_.demands[i];
      if (!reach_item(d.item).count(d.node)) {
        add(at("demands", i), "no supply of item " + quote(d.item) + " reaches node " + quote(d.node) +
                                  ": no arc brings it there and the node does not produce it");
      }
    }
  }

  void check_targets() {
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < s_.service_targets.size(); ++i) {
      const ServiceTarget& t = s_.service_targets[i];
      const std::string base = at("service_targets", i);
      bool scope_ok = true;
      if (t.segment) {
        if (t.node || t.item) {
          add(base, "give either a segment or a node and an item, not both");
          scope_ok = false;
        } else if (!segments_.count(*t.segment)) {
          add(field(base, "segment"), "no item belongs to segment " + quote(*t.segment));
          scope_ok = false;
        }
      } else {
        if (!t.node) add(field(base, "node"), "is required when no segment is given");
        if (!t.item) add(field(base, "item"), "is required when no segment is given");
        scope_ok = t.node && t.item;
        if (t.node) scope_ok = node_exists(*t.node, field(base, "node")) && scope_ok;
        if (t.item) scope_ok = item_exists(*t.item, field(base, "item")) && scope_ok;
      }
      const std::string vp = field(base, "value");
      if (t.measure == ServiceMeasure::cycle_service_level || t.measure == ServiceMeasure::fill_rate) {
        if (finite(t.value, vp) && !(t.value > 0.0 && t.value < 1.0)) {
          add(vp, std::string(service_measure_name(t.measure)) + " must be strictly between 0 and 1, got " +
                      format_number(t.value));
        }
      } else {
        positive(t.value, vp);
      }
      if (!scope_ok) continue;
      const auto key = std::make_tuple(t.segment.value_or(""), t.node.value_or(""), t.item.value_or(""));
      const auto [it, inserted] = seen.emplace(key, i);
      if (!inserted) add(base, "a second target for the same scope (also /service_targets/" + std::to_string(it->second) + ")");
    }
  }

  void check_policies() {
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (std::size_t i = 0; i < s_.policies.size(); ++i) {
      const Policy& p = s_.policies[i];
      const std::string base = at("policies", i);
      const bool node_ok = node_exists(p.node, field(base, "node"));
      const bool item_ok = item_exists(p.item, field(base, "item"));
      const bool ok = node_ok && item_ok;
      const char* kind = policy_kind_name(p.kind);
      auto unused = [&](const std::optional<double>& v, const char* name) {
        if (v) add(field(base, name), std::string("is not used by a ") + kind + " policy");
      };
      const std::string rp = field(base, "review_period_periods");
      switch (p.kind) {
        case PolicyKind::base_stock:
          if (finite(p.review_period_periods, rp) && p.review_period_periods != 1.0)
            add(rp, "a base_stock policy reviews every period (1); use R_S for a longer review period");
          unused(p.reorder_point, "reorder_point");
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::r_s:
          positive(p.review_period_periods, rp);
          unused(p.reorder_point, "reorder_point");
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::s_s:
          positive(p.review_period_periods, rp);
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::r_q:
          non_negative(p.review_period_periods, rp);
          unused(p.order_up_to_level, "order_up_to_level");
          break;
      }
      if (p.order_up_to_level) non_negative(*p.order_up_to_level, field(base, "order_up_to_level"));
      if (p.reorder_point) finite(*p.reorder_point, field(base, "reorder_point"));
      if (p.order_quantity) positive(*p.order_quantity, field(base, "order_quantity"));
      if (p.kind == PolicyKind::s_s && p.reorder_point && p.order_up_to_level && std::isfinite(*p.reorder_point) &&
          std::isfinite(*p.order_up_to_level) && *p.reorder_point > *p.order_up_to_level) {
        add(field(base, "reorder_point"), "s = " + format_number(*p.reorder_point) +
                                              " must not exceed S = " + format_number(*p.order_up_to_level));
      }
      if (!ok) continue;
      const auto [it, inserted] = seen.emplace(std::make_pair(p.node, p.item), i);
      if (!inserted) add(base, "a second policy for item " + quote(p.item) + " at node " + quote(p.node) +
                                   " (also /policies/" + std::to_string(it->second) + ")");
    }
  }

  void check_settings() {
    const Settings& st = s_.settings;
    if (st.horizon_periods < 1 || st.horizon_periods > Limits::max_horizon_periods)
      add("/settings/horizon_periods", "must be between 1 and " + std::to_string(Limits::max_horizon_periods) +
                                           ", got " + std::to_string(st.horizon_periods));
    if (st.warm_up_periods < 0 || st.warm_up_periods >= st.horizon_periods)
      add("/settings/warm_up_periods", "must be at least 0 and less than horizon_periods, got " +
                                           std::to_string(st.warm_up_periods));
    if (st.replications < 1 || st.replications > Limits::max_replications)
      add("/settings/replications", "must be between 1 and " + std::to_string(Limits::max_replications) + ", got " +
                                        std::to_string(st.replications));
  }

  const Scenario& s_;
  Problems problems_;
  std::unordered_map<std::string, std::size_t> item_index_;
  std::unordered_map<std::string, std::size_t> node_index_;
  std::set<std::string> segments_;
  std::vector<std::size_t> valid_arcs_;   // arcs with existing, distinct ends and item, not duplicated
  std::vector<std::size_t> demand_keys_;  // demands with existing node and item, not duplicated
};

}  // namespace

Problems validate_scenario(const Scenario& scenario) { return Validator(scenario).run(); }

}  // namespace echelon
