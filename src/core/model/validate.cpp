// Every check a scenario must pass before it is planned or simulated (the header lists them).
//
// Contents
//   path helpers   JSON Pointer paths of collections and fields, quoted ids
//   Validator      one pass per part: settings, items, nodes (times, costs, magnitudes), arcs,
//                  demands, service targets, policies, the network's structure (cycles,
//                  reachability, bills of materials)
//   API            validate_scenario
#include "core/model/validate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

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

  // The checks that read the service targets, after indexing items and nodes (which are valid).
  Problems run_targets() {
    target_count();
    item_index_.reserve(s_.items.size());
    for (std::size_t i = 0; i < s_.items.size(); ++i) {
      item_index_.emplace(s_.items[i].id, i);
      if (s_.items[i].segment) segments_.insert(*s_.items[i].segment);
    }
    node_index_.reserve(s_.nodes.size());
    for (std::size_t i = 0; i < s_.nodes.size(); ++i) node_index_.emplace(s_.nodes[i].id, i);
    check_targets();
    return std::move(problems_);
  }

 private:
  void add(std::string path, std::string message) { problems_.push_back({std::move(path), std::move(message)}); }

  // Paths are built only when a problem is reported: a valid scenario of thousands of records
  // is checked on every edit, so the common case must not allocate a string per field.
  bool finite(double value, const std::string& base, std::string_view name) {
    if (std::isfinite(value)) return true;
    add(field(base, name), "must be a finite number, got " + format_number(value));
    return false;
  }
  void non_negative(double value, const std::string& base, std::string_view name) {
    if (finite(value, base, name) && value < 0.0) add(field(base, name), "must not be negative, got " + format_number(value));
  }
  void positive(double value, const std::string& base, std::string_view name) {
    if (finite(value, base, name) && !(value > 0.0)) add(field(base, name), "must be greater than 0, got " + format_number(value));
  }
  bool at_most(double value, double limit, const std::string& base, std::string_view name) {
    if (!std::isfinite(value) || std::abs(value) <= limit) return true;
    add(field(base, name), "is " + format_number(value) + "; the largest value allowed is " + format_number(limit));
    return false;
  }
  // A distribution of times (`limit` = Limits::max_time_periods) or quantities: its parameters,
  // and for a gamma its mean and standard deviation, within the limit; a Poisson mean within
  // max_poisson_mean.
  void distribution(const Distribution& d, const std::string& base, std::string_view name, double limit) {
    const std::size_t before = problems_.size();
    for (auto& p : validate_distribution(d, field(base, name), Support::non_negative, Limits::max_distribution_entries))
      problems_.push_back(std::move(p));
    if (problems_.size() != before) return;
    const std::string path = field(base, name);
    if (auto* c = std::get_if<dist::Constant>(&d)) {
      at_most(c->value, limit, path, "value");
    } else if (auto* n = std::get_if<dist::Normal>(&d)) {
      at_most(n->mean, limit, path, "mean");
      at_most(n->sd, limit, path, "sd");
    } else if (auto* g = std::get_if<dist::Gamma>(&d)) {
      const double m = g->shape * g->scale, sd = std::sqrt(g->shape) * g->scale;
      if (!(m <= limit && sd <= limit))
        add(field(path, "scale"), "the mean shape * scale = " + format_number(m) + " and the sd sqrt(shape) * scale = " +
                                      format_number(sd) + " must each be at most " + format_number(limit));
    } else if (auto* l = std::get_if<dist::Lognormal>(&d)) {
      at_most(l->mean, limit, path, "mean");
      at_most(l->sd, limit, path, "sd");
    } else if (auto* p = std::get_if<dist::Poisson>(&d)) {
      at_most(p->mean, std::min(limit, Limits::max_poisson_mean), path, "mean");
    } else if (auto* nb = std::get_if<dist::NegativeBinomial>(&d)) {
      at_most(nb->mean, limit, path, "mean");
      at_most(nb->sd, limit, path, "sd");
    } else if (auto* t = std::get_if<dist::Discrete>(&d)) {
      for (std::size_t i = 0; i < t->outcomes.size(); ++i)
        if (!at_most(t->outcomes[i].value, limit, path, "outcomes/" + std::to_string(i) + "/value")) break;
    } else if (auto* e = std::get_if<dist::Empirical>(&d)) {
      for (std::size_t i = 0; i < e->sample.size(); ++i)
        if (!at_most(e->sample[i], limit, path, "sample/" + std::to_string(i))) break;
    }
  }
  void id_text(const std::string& id, const std::string& base) {
    if (id.empty()) {
      add(field(base, "id"), "must not be empty");
    } else if (id.size() > Limits::max_id_length) {
      add(field(base, "id"), "is " + std::to_string(id.size()) + " characters long; the limit is " +
                                 std::to_string(Limits::max_id_length));
    } else if (std::any_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      add(field(base, "id"), "must not contain control characters (line breaks, tabs)");
    }
  }
  // Index of the node (item) with this id, or kMissing after reporting the dangling reference.
  static constexpr std::size_t kMissing = ~std::size_t{0};
  std::size_t node_ref(const std::string& id, const std::string& base, std::string_view name) {
    if (auto it = node_index_.find(id); it != node_index_.end()) return it->second;
    add(field(base, name), "no node has the id " + quote(id));
    return kMissing;
  }
  std::size_t item_ref(const std::string& id, const std::string& base, std::string_view name) {
    if (auto it = item_index_.find(id); it != item_index_.end()) return it->second;
    add(field(base, name), "no item has the id " + quote(id));
    return kMissing;
  }
  // Keys of (node, item) and (node, node, item) references, for duplicate checks.
  static std::uint64_t pair_key(std::size_t a, std::size_t b) { return (std::uint64_t{a} << 32) | std::uint64_t{b}; }

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
    target_count();
    limit(s_.policies.size(), Limits::max_records, "/policies");
  }
  void target_count() {
    if (s_.service_targets.size() > Limits::max_records)
      add("/service_targets", "has " + std::to_string(s_.service_targets.size()) + " entries; the limit is " +
                                  std::to_string(Limits::max_records));
  }

  void check_items() {
    item_index_.reserve(s_.items.size());
    for (std::size_t i = 0; i < s_.items.size(); ++i) {
      const Item& item = s_.items[i];
      const std::string base = at("items", i);
      id_text(item.id, base);
      if (!item.id.empty()) {
        const auto [it, inserted] = item_index_.emplace(item.id, i);
        if (!inserted) add(field(base, "id"), "duplicate id " + quote(item.id) + " (also /items/" + std::to_string(it->second) + ")");
      }
      non_negative(item.unit_cost, base, "unit_cost");
      at_most(item.unit_cost, Limits::max_money, base, "unit_cost");
      if (item.segment) segments_.insert(*item.segment);
      if (item.lifecycle) {
        const std::string lc = field(base, "lifecycle");
        if (item.lifecycle->launch_period) non_negative(*item.lifecycle->launch_period, lc, "launch_period");
        if (item.lifecycle->end_of_life_period) non_negative(*item.lifecycle->end_of_life_period, lc, "end_of_life_period");
        if (item.lifecycle->launch_period) at_most(*item.lifecycle->launch_period, Limits::max_quantity, lc, "launch_period");
        if (item.lifecycle->end_of_life_period)
          at_most(*item.lifecycle->end_of_life_period, Limits::max_quantity, lc, "end_of_life_period");
        if (item.lifecycle->shelf_life_periods) {
          positive(*item.lifecycle->shelf_life_periods, lc, "shelf_life_periods");
          at_most(*item.lifecycle->shelf_life_periods, Limits::max_time_periods, lc, "shelf_life_periods");
        }
        if (item.lifecycle->launch_period && item.lifecycle->end_of_life_period &&
            *item.lifecycle->end_of_life_period < *item.lifecycle->launch_period) {
          add(field(lc, "end_of_life_period"), "comes before launch_period");
        }
      }
    }
  }

  void check_nodes() {
    node_index_.reserve(s_.nodes.size());
    std::vector<std::size_t> produced;
    for (std::size_t i = 0; i < s_.nodes.size(); ++i) {
      const Node& n = s_.nodes[i];
      const std::string base = at("nodes", i);
      id_text(n.id, base);
      if (!n.id.empty()) {
        const auto [it, inserted] = node_index_.emplace(n.id, i);
        if (!inserted) add(field(base, "id"), "duplicate id " + quote(n.id) + " (also /nodes/" + std::to_string(it->second) + ")");
      }
      if (n.kind.empty()) add(field(base, "kind"), "must not be empty (supplier, plant, dc, store or a label)");
      if (finite(n.position.x, base, "position/x")) at_most(n.position.x, Limits::max_position, base, "position/x");
      if (finite(n.position.y, base, "position/y")) at_most(n.position.y, Limits::max_position, base, "position/y");
      produced.clear();
      const std::string list = n.produces.empty() ? std::string() : field(base, "produces");
      for (std::size_t k = 0; k < n.produces.size(); ++k) {
        const std::size_t item = item_ref(n.produces[k], list, std::to_string(k));
        if (item == kMissing) continue;
        if (std::find(produced.begin(), produced.end(), item) != produced.end()) {
          add(field(list, std::to_string(k)), "item " + quote(n.produces[k]) + " is listed twice");
        } else {
          produced.push_back(item);
          producers_.emplace_back(item, i);
        }
      }
      distribution(n.processing_time, base, "processing_time", Limits::max_time_periods);
      non_negative(n.holding_cost.value, base, "holding_cost/value");
      at_most(n.holding_cost.value, Limits::max_money, base, "holding_cost/value");
      if (n.capacity_per_period) {
        positive(*n.capacity_per_period, base, "capacity_per_period");
        at_most(*n.capacity_per_period, Limits::max_quantity, base, "capacity_per_period");
      }
      if (n.max_service_time_periods) {
        non_negative(*n.max_service_time_periods, base, "max_service_time_periods");
        at_most(*n.max_service_time_periods, Limits::max_time_periods, base, "max_service_time_periods");
      }
      non_negative(n.fixed_order_cost, base, "fixed_order_cost");
      at_most(n.fixed_order_cost, Limits::max_money, base, "fixed_order_cost");
      if (n.cost_added_per_unit) {
        non_negative(*n.cost_added_per_unit, base, "cost_added_per_unit");
        at_most(*n.cost_added_per_unit, Limits::max_money, base, "cost_added_per_unit");
      }
    }
  }

  void check_arcs() {
    std::unordered_map<std::uint64_t, std::size_t> seen;  // (from, to) -> first arc, per item below
    seen.reserve(s_.arcs.size());
    // (to, item) -> arcs into it, for the sourcing-share rule.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> inbound;
    std::vector<std::uint64_t> inbound_order;  // keys in first-seen order, so problems come in file order
    arc_from_.assign(s_.arcs.size(), kMissing);
    arc_to_.assign(s_.arcs.size(), kMissing);
    arc_item_.assign(s_.arcs.size(), kMissing);
    for (std::size_t i = 0; i < s_.arcs.size(); ++i) {
      const Arc& a = s_.arcs[i];
      const std::string base = at("arcs", i);
      const std::size_t from = node_ref(a.from, base, "from");
      const std::size_t to = node_ref(a.to, base, "to");
      const std::size_t item = item_ref(a.item, base, "item");
      if (from != kMissing && to != kMissing && from == to)
        add(field(base, "to"), "an arc cannot join node " + quote(a.from) + " to itself");
      distribution(a.transit_time, base, "transit_time", Limits::max_time_periods);
      positive(a.quantity_per_unit, base, "quantity_per_unit");
      if (std::isfinite(a.quantity_per_unit) && a.quantity_per_unit > 0.0 &&
          (a.quantity_per_unit > Limits::max_quantity_per_unit || a.quantity_per_unit < 1.0 / Limits::max_quantity_per_unit))
        add(field(base, "quantity_per_unit"), "is " + format_number(a.quantity_per_unit) + "; it must be from " +
                                                  format_number(1.0 / Limits::max_quantity_per_unit) + " to " +
                                                  format_number(Limits::max_quantity_per_unit));
      if (a.sourcing_share && finite(*a.sourcing_share, base, "sourcing_share") &&
          (*a.sourcing_share < 0.0 || *a.sourcing_share > 1.0)) {
        add(field(base, "sourcing_share"), "must be in [0, 1], got " + format_number(*a.sourcing_share));
      }
      if (from == kMissing || to == kMissing || item == kMissing) continue;
      // Node and item counts are within Limits (far below 2^21), so three indices fit one key.
      const std::uint64_t key = (std::uint64_t{from} << 42) | (std::uint64_t{to} << 21) | std::uint64_t{item};
      const auto [it, inserted] = seen.emplace(key, i);
      if (!inserted) {
        add(base, "duplicate arc " + quote(a.from) + " -> " + quote(a.to) + " for item " + quote(a.item) +
                      " (also /arcs/" + std::to_string(it->second) + ")");
        continue;
      }
      auto& into = inbound[pair_key(to, item)];
      if (into.empty()) inbound_order.push_back(pair_key(to, item));
      into.push_back(i);
      arc_from_[i] = from;
      arc_to_[i] = to;
      arc_item_[i] = item;
      if (from != to) valid_arcs_.push_back(i);
    }
    for (std::uint64_t key : inbound_order) {
      const std::vector<std::size_t>& arcs = inbound[key];
      std::size_t with_share = 0;
      double sum = 0.0;
      for (std::size_t i : arcs) {
        if (s_.arcs[i].sourcing_share) {
          ++with_share;
          sum += *s_.arcs[i].sourcing_share;
        }
      }
      if (with_share == 0 || !std::isfinite(sum)) continue;
      const Arc& first = s_.arcs[arcs.front()];
      if (with_share != arcs.size()) {
        for (std::size_t i : arcs)
          if (!s_.arcs[i].sourcing_share)
            add(field(at("arcs", i), "sourcing_share"),
                "is missing while other arcs bringing " + quote(first.item) + " into " + quote(first.to) + " have one");
      } else if (std::abs(sum - 1.0) > 1e-6) {
        add(field(at("arcs", arcs.front()), "sourcing_share"),
            "the shares of the arcs bringing " + quote(first.item) + " into " + quote(first.to) + " sum to " +
                format_number(sum) + ", not 1");
      }
    }
  }

  // Depth-first search without recursion (deep chains must not overflow the wasm stack); each
  // arc closing a cycle (a back edge) is reported with the cycle it closes.
  void check_cycles() {
    const std::size_t n = s_.nodes.size();
    std::vector<std::vector<std::size_t>> out(n);  // arc indices leaving each node
    for (std::size_t i : valid_arcs_) out[arc_from_[i]].push_back(i);
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
        const std::size_t to = arc_to_[arc];
        if (colour[to] == white) {
          colour[to] = grey;
          via[to] = arc;
          stack.push_back({to, 0});
        } else if (colour[to] == grey) {
          if (++reported > 20) continue;
          // Walk back from `node` to `to` along the arcs that reached them.
          std::vector<std::string> names{s_.nodes[to].id};
          std::vector<std::string> chain;
          for (std::size_t v = node; v != to; v = arc_from_[via[v]]) chain.push_back(s_.nodes[v].id);
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
    std::unordered_map<std::uint64_t, std::size_t> seen;  // (node, item) -> first demand
    demand_node_.assign(s_.demands.size(), kMissing);
    demand_item_.assign(s_.demands.size(), kMissing);
    for (std::size_t i = 0; i < s_.demands.size(); ++i) {
      const Demand& d = s_.demands[i];
      const std::string base = at("demands", i);
      // Both checks run so that both problems are reported.
      const std::size_t node = node_ref(d.node, base, "node");
      const std::size_t item = item_ref(d.item, base, "item");
      if (d.per_period && d.history) add(base, "give either per_period or history, not both");
      if (!d.per_period && !d.history) add(base, "needs per_period (a distribution) or history (a series)");
      if (d.per_period) distribution(*d.per_period, base, "per_period", Limits::max_quantity);
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
            else if (q[k] > Limits::max_quantity)
              add(hq + "/" + std::to_string(k), "is " + format_number(q[k]) + "; the largest value allowed is " +
                                                    format_number(Limits::max_quantity));
          }
          if (observed == 0) add(hq, "has no observed values (empty, or all missing)");
        }
      }
      if (node == kMissing || item == kMissing) continue;
      const auto [it, inserted] = seen.emplace(pair_key(node, item), i);
      if (!inserted) {
        add(base, "a second demand for item " + quote(d.item) + " at node " + quote(d.node) +
                      " (also /demands/" + std::to_string(it->second) + ")");
      } else {
        demand_keys_.push_back(i);
        demand_node_[i] = node;
        demand_item_[i] = item;
      }
    }
  }

  // An item reaches a node when the node produces it or an arc carrying it comes from a node it
  // reaches. One pass per item over that item's arcs in topological order would need the order;
  // instead the sets grow to a fixed point, which takes one round on chains listed upstream first.
  void check_reach() {
    const std::size_t items = s_.items.size();
    std::vector<std::vector<std::size_t>> arcs_by_item(items);
    for (std::size_t i : valid_arcs_) arcs_by_item[arc_item_[i]].push_back(i);
    std::vector<std::vector<std::size_t>> producers_of(items);
    for (const auto& [item, node] : producers_) producers_of[item].push_back(node);
    // Reached sets are computed on demand and kept as sorted node lists; `mark` is scratch.
    std::vector<std::vector<std::size_t>> reached(items);
    std::vector<char> done(items, 0);
    std::vector<char> mark(s_.nodes.size(), 0);
    auto reaches = [&](std::size_t item, std::size_t node) -> bool {
      if (!done[item]) {
        done[item] = 1;
        std::vector<std::size_t>& set = reached[item];
        for (std::size_t n : producers_of[item])
          if (!mark[n]) { mark[n] = 1; set.push_back(n); }
        bool grew = !set.empty();
        while (grew) {  // at most (nodes) rounds
          grew = false;
          for (std::size_t i : arcs_by_item[item])
            if (mark[arc_from_[i]] && !mark[arc_to_[i]]) {
              mark[arc_to_[i]] = 1;
              set.push_back(arc_to_[i]);
              grew = true;
            }
        }
        for (std::size_t n : set) mark[n] = 0;
        std::sort(set.begin(), set.end());
      }
      return std::binary_search(reached[item].begin(), reached[item].end(), node);
    };
    for (std::size_t i : valid_arcs_) {
      const Arc& a = s_.arcs[i];
      if (!reaches(arc_item_[i], arc_from_[i])) {
        add(field(at("arcs", i), "item"), "node " + quote(a.from) + " neither produces item " + quote(a.item) +
                                              " nor receives it along an arc, so it has none to ship");
      }
    }
    for (std::size_t i : demand_keys_) {
      const Demand& d = s_.demands[i];
      if (!reaches(demand_item_[i], demand_node_[i])) {
        add(at("demands", i), "no supply of item " + quote(d.item) + " reaches node " + quote(d.node) +
                                  ": no arc brings it there and the node does not produce it");
      }
    }
  }

  void check_targets() {
    // Scope -> first target: a segment, or a (node, item) pair.
    std::unordered_map<std::string_view, std::size_t> seen_segment;
    std::unordered_map<std::uint64_t, std::size_t> seen_pair;
    for (std::size_t i = 0; i < s_.service_targets.size(); ++i) {
      const ServiceTarget& t = s_.service_targets[i];
      const std::string base = at("service_targets", i);
      bool scope_ok = true;
      std::size_t node = kMissing;
      std::size_t item = kMissing;
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
        if (t.node) node = node_ref(*t.node, base, "node");
        if (t.item) item = item_ref(*t.item, base, "item");
        scope_ok = scope_ok && node != kMissing && item != kMissing;
      }
      if (t.measure == ServiceMeasure::cycle_service_level || t.measure == ServiceMeasure::fill_rate) {
        if (finite(t.value, base, "value") && !(t.value > 0.0 && t.value < 1.0)) {
          add(field(base, "value"), std::string(service_measure_name(t.measure)) + " must be strictly between 0 and 1, got " +
                                        format_number(t.value));
        }
      } else {
        positive(t.value, base, "value");
        at_most(t.value, Limits::max_money, base, "value");
      }
      if (!scope_ok) continue;
      std::size_t first = i;
      if (t.segment) first = seen_segment.emplace(*t.segment, i).first->second;
      else first = seen_pair.emplace(pair_key(node, item), i).first->second;
      if (first != i) add(base, "a second target for the same scope (also /service_targets/" + std::to_string(first) + ")");
    }
  }

  void check_policies() {
    std::unordered_map<std::uint64_t, std::size_t> seen;  // (node, item) -> first policy
    for (std::size_t i = 0; i < s_.policies.size(); ++i) {
      const Policy& p = s_.policies[i];
      const std::string base = at("policies", i);
      const std::size_t node = node_ref(p.node, base, "node");
      const std::size_t item = item_ref(p.item, base, "item");
      const char* kind = policy_kind_name(p.kind);
      auto unused = [&](const std::optional<double>& v, const char* name) {
        if (v) add(field(base, name), std::string("is not used by a ") + kind + " policy");
      };
      const char* rp = "review_period_periods";
      switch (p.kind) {
        case PolicyKind::base_stock:
          if (finite(p.review_period_periods, base, rp) && p.review_period_periods != 1.0)
            add(field(base, rp), "a base_stock policy reviews every period (1); use R_S for a longer review period");
          unused(p.reorder_point, "reorder_point");
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::r_s:
          positive(p.review_period_periods, base, rp);
          unused(p.reorder_point, "reorder_point");
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::s_s:
          positive(p.review_period_periods, base, rp);
          unused(p.order_quantity, "order_quantity");
          break;
        case PolicyKind::r_q:
          non_negative(p.review_period_periods, base, rp);
          unused(p.order_up_to_level, "order_up_to_level");
          break;
      }
      at_most(p.review_period_periods, Limits::max_time_periods, base, rp);
      if (p.order_up_to_level) non_negative(*p.order_up_to_level, base, "order_up_to_level");
      if (p.reorder_point) finite(*p.reorder_point, base, "reorder_point");
      if (p.order_quantity) positive(*p.order_quantity, base, "order_quantity");
      if (p.order_up_to_level) at_most(*p.order_up_to_level, Limits::max_quantity, base, "order_up_to_level");
      if (p.reorder_point) at_most(*p.reorder_point, Limits::max_quantity, base, "reorder_point");
      if (p.order_quantity) at_most(*p.order_quantity, Limits::max_quantity, base, "order_quantity");
      if (p.kind == PolicyKind::s_s && p.reorder_point && p.order_up_to_level && std::isfinite(*p.reorder_point) &&
          std::isfinite(*p.order_up_to_level) && *p.reorder_point > *p.order_up_to_level) {
        add(field(base, "reorder_point"), "s = " + format_number(*p.reorder_point) +
                                              " must not exceed S = " + format_number(*p.order_up_to_level));
      }
      if (node == kMissing || item == kMissing) continue;
      const auto [it, inserted] = seen.emplace(pair_key(node, item), i);
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
  // Keys view the scenario's own strings, which outlive the validator.
  std::unordered_map<std::string_view, std::size_t> item_index_;
  std::unordered_map<std::string_view, std::size_t> node_index_;
  std::set<std::string_view> segments_;
  std::vector<std::pair<std::size_t, std::size_t>> producers_;  // (item, node) for every `produces` entry
  std::vector<std::size_t> arc_from_, arc_to_, arc_item_;      // indices of valid arcs' ends (kMissing otherwise)
  std::vector<std::size_t> valid_arcs_;   // arcs with existing, distinct ends and item, not duplicated
  std::vector<std::size_t> demand_keys_;  // demands with existing node and item, not duplicated
  std::vector<std::size_t> demand_node_, demand_item_;  // indices for demand_keys_ (kMissing otherwise)
};

}  // namespace

Problems validate_scenario(const Scenario& scenario) { return Validator(scenario).run(); }

Problems validate_service_targets(const Scenario& scenario) { return Validator(scenario).run_targets(); }

}  // namespace echelon
