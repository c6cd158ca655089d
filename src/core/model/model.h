// The scenario: one complete description of a planning problem.
//
// A Scenario is what a user opens, shares, edits and runs: the items (SKUs), the network of
// nodes (suppliers, plants, DCs, stores) joined by arcs that move one item each, the demand
// per (node, item), the service targets, the inventory policies and the settings of a run.
// It is plain data; engines take their own small inputs, which a facade derives from it.
//
// Conventions
// - Ids are strings, unique within their collection; arcs, demands, targets and policies refer
//   to nodes and items by id.
// - Time is counted in the scenario's period (day, week or month): every `*_periods` field and
//   every time distribution is in periods. Money is in the scenario's currency.
// - What flows: an arc carries one item from `from` to `to`. A node *produces* the items it
//   makes or brings in from outside the network (a supplier's parts, a plant's products, a
//   DC buying directly from an outside vendor); its processing time is then the time to make
//   or obtain one. Every other item a node holds must reach it along arcs. When a node
//   produces an item, the arcs into it are its bill of materials: `quantity_per_unit` units
//   of the arc's item go into one unit of the node's output.
// - Optional fields are std::optional; a file leaves them out rather than writing null.
//
// Validation (every problem at once, with JSON paths) is in validate.h; the file format is in
// scenario_json.h and docs/scenario-format.md.
#pragma once

#include <cstdint>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/model/distribution.h"

namespace echelon {

enum class Period { day, week, month };

// Item attributes that the obsolescence and segmentation modules use.
struct Lifecycle {
  std::optional<std::string> stage;              // free label: "launch", "mature", "phase_out", ...
  std::optional<double> launch_period;           // period index (0 = first period of history)
  std::optional<double> end_of_life_period;      // period after which it is no longer sold
  std::optional<double> shelf_life_periods;      // perishable: periods a unit stays usable
  friend bool operator==(const Lifecycle&, const Lifecycle&) = default;
};

struct Item {
  std::string id;
  std::string name;
  double unit_cost = 0.0;                  // value of one finished unit, in the currency
  std::optional<std::string> category;     // free label (product family)
  std::optional<std::string> segment;      // service segment label (e.g. "AX"), see ServiceTarget
  std::optional<Lifecycle> lifecycle;
  friend bool operator==(const Item&, const Item&) = default;
};

struct Position {
  double x = 0.0;  // drawing coordinates, any unit; y grows downward as on a screen
  double y = 0.0;
  friend bool operator==(const Position&, const Position&) = default;
};

enum class HoldingCostBasis {
  annual_rate_of_value,  // fraction of the unit value per year (0.25 = 25% a year)
  per_unit_period,       // money per unit held for one period
};

struct HoldingCost {
  HoldingCostBasis basis = HoldingCostBasis::annual_rate_of_value;
  double value = 0.25;
  friend bool operator==(const HoldingCost&, const HoldingCost&) = default;
};

// Known values of Node::kind; any other non-empty label is allowed too.
inline constexpr const char* kNodeKinds[] = {"supplier", "plant", "dc", "store"};

struct Node {
  std::string id;
  std::string name;
  std::string kind = "dc";  // supplier, plant, dc, store, or a free label
  Position position;
  std::vector<std::string> produces;                 // item ids made here or bought from outside
  Distribution processing_time = dist::Constant{0.0};  // periods
  HoldingCost holding_cost;
  std::optional<double> capacity_per_period;          // units per period; none = unlimited
  std::optional<double> max_service_time_periods;     // longest outbound service time it may quote
  double fixed_order_cost = 0.0;                      // money per replenishment order
  std::optional<double> cost_added_per_unit;          // value added here (the Willems stageCost)
  friend bool operator==(const Node&, const Node&) = default;
};

struct Arc {
  std::string from;  // upstream node id
  std::string to;    // downstream node id
  std::string item;  // item id that moves along the arc
  Distribution transit_time = dist::Constant{0.0};  // periods
  double quantity_per_unit = 1.0;                  // units of `item` per unit of `to`'s output
  std::optional<double> sourcing_share;            // share of `to`'s need for `item` sent this way, [0, 1]
  friend bool operator==(const Arc&, const Arc&) = default;
};

// A demand history: one quantity per period, oldest first. NaN marks a missing value
// (written as null in files), which is not the same as zero demand.
struct History {
  std::optional<std::string> start;  // label of the first period, e.g. "2021-01-04" or "2021-W01"
  std::vector<double> quantities;    // NaN marks a period with no record
  // Same data: a period missing in both histories is equal (NaN != NaN would make every scenario
  // with a gap differ from its own copy, so an editor would treat every edit as a new model).
  friend bool operator==(const History& a, const History& b) {
    if (a.start != b.start || a.quantities.size() != b.quantities.size()) return false;
    for (std::size_t t = 0; t < a.quantities.size(); ++t) {
      const double x = a.quantities[t], y = b.quantities[t];
      if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    }
    return true;
  }
};

// External demand at a node for an item: a distribution of demand per period, or a history
// (from which a model is learned), exactly one of the two.
struct Demand {
  std::string node;
  std::string item;
  std::optional<Distribution> per_period;
  std::optional<History> history;
  friend bool operator==(const Demand&, const Demand&) = default;
};

enum class ServiceMeasure {
  cycle_service_level,           // type 1: probability of no stockout in a replenishment cycle, (0, 1)
  fill_rate,                     // type 2: share of demand met from stock, (0, 1)
  backorder_cost_per_unit_period,  // money per unit backordered per period (cost-driven target)
  stockout_cost_per_unit,        // money per unit of demand not met from stock
};

// A target applies either to one (node, item) or to every item of a segment (at every node
// with demand for it). A (node, item) target overrides a segment target.
struct ServiceTarget {
  std::optional<std::string> node;
  std::optional<std::string> item;
  std::optional<std::string> segment;
  ServiceMeasure measure = ServiceMeasure::cycle_service_level;
  double value = 0.95;
  friend bool operator==(const ServiceTarget&, const ServiceTarget&) = default;
};

enum class PolicyKind {
  base_stock,  // periodic review every period, order up to S
  r_s,         // (R, S): every R periods, order up to S
  s_s,         // (s, S): every R periods, when the inventory position is at or below s, order up to S
  r_q,         // (r, Q): when the inventory position falls to r or below, order Q (continuous review)
};

enum class ShortageRule { backorders, lost_sales };

// A policy for one (node, item). Levels left out are for the planner to compute.
struct Policy {
  std::string node;
  std::string item;
  PolicyKind kind = PolicyKind::base_stock;
  ShortageRule shortage = ShortageRule::backorders;
  double review_period_periods = 1.0;        // R (base_stock: always 1; r_q: 0 = continuous)
  std::optional<double> order_up_to_level;   // S (base_stock, r_s, s_s)
  std::optional<double> reorder_point;       // s (s_s) or r (r_q)
  std::optional<double> order_quantity;      // Q (r_q)
  friend bool operator==(const Policy&, const Policy&) = default;
};

struct Settings {
  int horizon_periods = 104;
  int warm_up_periods = 13;
  int replications = 100;
  std::uint64_t random_seed = 1;
  friend bool operator==(const Settings&, const Settings&) = default;
};

struct Scenario {
  std::string name;
  std::optional<std::string> description;
  Period period = Period::week;
  std::string currency = "EUR";  // ISO 4217 code or any label
  std::vector<Item> items;
  std::vector<Node> nodes;
  std::vector<Arc> arcs;
  std::vector<Demand> demands;
  std::vector<ServiceTarget> service_targets;
  std::vector<Policy> policies;
  Settings settings;
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// Largest sizes a scenario may have (checked by validation and by the readers before they
// allocate), so a hostile or mistaken file cannot exhaust memory in the browser.
struct Limits {
  static constexpr std::size_t max_items = 100000;
  static constexpr std::size_t max_nodes = 20000;
  static constexpr std::size_t max_arcs = 100000;
  static constexpr std::size_t max_demands = 200000;
  static constexpr std::size_t max_records = 200000;  // service targets, policies
  static constexpr std::size_t max_history_periods = 10000;
  static constexpr std::size_t max_distribution_entries = 100000;
  static constexpr std::size_t max_id_length = 200;
  static constexpr int max_horizon_periods = 100000;
  static constexpr int max_replications = 100000;
  // Magnitudes. Times (lead, transit, processing, review and service times, shelf lives) are at
  // most max_time_periods: a tenth of the longest horizon, so a pipeline of that length fits a
  // simulation many times over and every time and sum of times along a chain stays an exact
  // integer far inside int. Quantities (demand parameters, history values, stock levels,
  // capacities) and money (unit costs, holding costs and rates, order and shortage costs) are at
  // most 1e12: squares, products and sums over 1e5 periods and replications stay far below the
  // largest double, so no result becomes infinite or NaN.
  static constexpr double max_time_periods = 10000.0;
  static constexpr double max_quantity = 1e12;
  static constexpr double max_money = 1e12;
  static constexpr double max_poisson_mean = 1e6;     // Poisson tails are summed term by term
  static constexpr double max_position = 1e9;         // drawing coordinates
  static constexpr double max_quantity_per_unit = 1000.0;  // bill-of-materials factor, and 1 / it
};

// Names used in files and messages.
const char* period_name(Period p);
const char* holding_cost_basis_name(HoldingCostBasis b);
const char* service_measure_name(ServiceMeasure m);
const char* policy_kind_name(PolicyKind k);
const char* shortage_rule_name(ShortageRule r);
std::optional<Period> parse_period(std::string_view name);
std::optional<HoldingCostBasis> parse_holding_cost_basis(std::string_view name);
std::optional<ServiceMeasure> parse_service_measure(std::string_view name);
std::optional<PolicyKind> parse_policy_kind(std::string_view name);
std::optional<ShortageRule> parse_shortage_rule(std::string_view name);

// Periods in a year (365, 52, 12), for converting annual holding rates.
double periods_per_year(Period p);

// Holding cost of one unit for one period at `node`, for an item worth `unit_value`.
double holding_cost_per_unit_period(const HoldingCost& cost, double unit_value, Period period);

// Lookups by id: the index, or nullopt.
std::optional<std::size_t> find_item(const Scenario& s, std::string_view id);
std::optional<std::size_t> find_node(const Scenario& s, std::string_view id);

}  // namespace echelon
