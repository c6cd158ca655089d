// The facade behind plan.h: a scenario to a guaranteed-service instance, searched, and read back
// as a plan per stage.
//
// Contents
//   DemandMoments, history_moments     mean and sd of a demand history
//   NodeItemHash, ScenarioIndex        lookups of the scenario's nodes, arcs, items and demands
//   gsm_from_scenario                  the scenario (with learned histories) as a GSM instance
//   totals_of                          the plan's costs and stock over a period
//   quantile_sized_stages,
//   size_by_quantile                   buffers sized by the quantile of demand over tau_j
//   make_plan, make_plan_of_valid      one search to the end
//   PlanSearch                         the same in slices: start, step, plan
#include "core/plan/plan.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <string_view>
#include <utility>
#include <variant>

#include "core/model/distribution.h"
#include "core/meio/gsm_general.h"
#include "core/stats/stats.h"
#include "core/model/validate.h"
#include "core/plan/plan_sim.h"
#include "core/policy/demand_over_periods.h"

namespace echelon {

namespace {

constexpr double kDefaultServiceLevel = 0.95;

struct DemandMoments {
  double mean = 0.0;
  double sd = 0.0;
};

// Sample mean and standard deviation (n - 1) of the periods that have a value.
DemandMoments history_moments(const History& history) {
  double sum = 0.0;
  double sum_sq = 0.0;
  std::size_t n = 0;
  for (double q : history.quantities) {
    if (std::isnan(q)) continue;
    sum += q;
    sum_sq += q * q;
    ++n;
  }
  if (n == 0) return {};
  const double m = sum / static_cast<double>(n);
  const double var = n > 1 ? std::max(0.0, (sum_sq - static_cast<double>(n) * m * m) / static_cast<double>(n - 1)) : 0.0;
  return {m, std::sqrt(var)};
}

using NodeItem = std::pair<std::string_view, std::string_view>;
struct NodeItemHash {
  std::size_t operator()(const NodeItem& k) const {
    const std::size_t a = std::hash<std::string_view>{}(k.first);
    constexpr auto kGolden = static_cast<std::size_t>(0x9e3779b97f4a7c15ULL);  // truncated on 32-bit targets
    return a ^ (std::hash<std::string_view>{}(k.second) + kGolden + (a << 6) + (a >> 2));
  }
};

// Lookups by id built once per scenario, so building a plan stays linear in its size.
struct ScenarioIndex {
  // Hashed: ids of large networks share long prefixes, which makes ordered maps compare slowly.
  std::unordered_map<std::string_view, std::size_t> node;
  std::unordered_map<std::string_view, std::size_t> item;
  std::unordered_map<NodeItem, std::vector<std::size_t>, NodeItemHash> demands;  // (node, item) -> demand indices
  std::unordered_map<NodeItem, const ServiceTarget*, NodeItemHash> exact_target;  // first (node, item) target
  std::unordered_map<std::string_view, const ServiceTarget*> node_target;       // first node-wide target
  std::vector<const ServiceTarget*> segment_targets;        // in file order

  explicit ScenarioIndex(const Scenario& s) {
    node.reserve(s.nodes.size());
    item.reserve(s.items.size());
    for (std::size_t i = 0; i < s.nodes.size(); ++i) node.emplace(s.nodes[i].id, i);
    for (std::size_t i = 0; i < s.items.size(); ++i) item.emplace(s.items[i].id, i);
    for (std::size_t i = 0; i < s.demands.size(); ++i) demands[{s.demands[i].node, s.demands[i].item}].push_back(i);
    for (const ServiceTarget& t : s.service_targets) {
      if (t.node && t.item) exact_target.emplace(NodeItem{*t.node, *t.item}, &t);
      else if (t.node && !t.segment) node_target.emplace(*t.node, &t);
      if (t.segment) segment_targets.push_back(&t);
    }
  }

  // The target for (node, item): an exact match first, then a node-wide one, then the item's
  // segment, else nullptr.
  const ServiceTarget* target(const Scenario& s, std::string_view node_id, std::string_view item_id) const {
    if (auto it = exact_target.find({node_id, item_id}); it != exact_target.end()) return it->second;
    if (auto it = node_target.find(node_id); it != node_target.end()) return it->second;
    const auto i = item.find(item_id);
    if (i == item.end() || !s.items[i->second].segment) return nullptr;
    for (const ServiceTarget* t : segment_targets) {
      if (*t->segment == *s.items[i->second].segment && (!t->node || *t->node == node_id)) return t;
    }
    return nullptr;
  }
};

}  // namespace

Result<GsmFromScenario> gsm_from_scenario(const Scenario& s, const HistoryLearning& history) {
  GsmFromScenario out;
  const ScenarioIndex index(s);
  // Arcs into each node and demands at each node, so the stages are found in one pass.
  std::vector<std::vector<std::size_t>> arcs_into(s.nodes.size());
  for (std::size_t a = 0; a < s.arcs.size(); ++a) {
    if (const auto to = index.node.find(s.arcs[a].to); to != index.node.end()) arcs_into[to->second].push_back(a);
  }
  std::vector<std::vector<std::size_t>> demands_at(s.nodes.size());
  for (std::size_t d = 0; d < s.demands.size(); ++d) {
    if (const auto at = index.node.find(s.demands[d].node); at != index.node.end()) demands_at[at->second].push_back(d);
  }
  // (node index, item index) -> stage. Item ids a validated scenario references all exist.
  std::unordered_map<std::uint64_t, int> stage_of;
  stage_of.reserve(s.nodes.size() * 2);
  auto key_of = [&](std::size_t node_index, const std::string& item) -> std::optional<std::uint64_t> {
    const auto i = index.item.find(item);
    if (i == index.item.end()) return std::nullopt;
    return (std::uint64_t{node_index} << 32) | std::uint64_t{i->second};
  };
  auto add_stage = [&](std::size_t node_index, const std::string& item) {
    const auto key = key_of(node_index, item);
    if (!key || !stage_of.emplace(*key, static_cast<int>(out.network.stages.size())).second) return;
    GsmStage stage;
    stage.name = s.nodes[node_index].id + "/" + item;
    out.network.stages.push_back(std::move(stage));
    out.stage_node.push_back(node_index);
    out.stage_item.push_back(item);
    out.stage_target.push_back(0.0);
    out.stage_demand_model.emplace_back();
  };
  for (std::size_t n = 0; n < s.nodes.size(); ++n) {
    const Node& node = s.nodes[n];
    if (!node.produces.empty()) {
      for (const std::string& item : node.produces) add_stage(n, item);
    } else {
      for (std::size_t a : arcs_into[n]) add_stage(n, s.arcs[a].item);
      for (std::size_t d : demands_at[n]) add_stage(n, s.demands[d].item);
    }
  }
  // Arcs: (from, item) feeds every stage at `to` that consumes the item.
  std::vector<double> inbound_transit(out.network.stages.size(), 0.0);
  std::vector<double> inbound_transit_variance(out.network.stages.size(), 0.0);
  for (std::size_t a = 0; a < s.arcs.size(); ++a) {
    const Arc& arc = s.arcs[a];
    const auto from_index = index.node.find(arc.from);
    const auto up = from_index == index.node.end() ? std::nullopt : key_of(from_index->second, arc.item);
    const auto up_stage = up ? stage_of.find(*up) : stage_of.end();
    if (up_stage == stage_of.end()) {
      return Problem{"/arcs/" + std::to_string(a) + "/item",
                     "node '" + arc.from + "' ships '" + arc.item + "' but neither produces nor receives it"};
    }
    const auto to_index = index.node.find(arc.to);
    if (to_index == index.node.end()) return Problem{"/arcs/" + std::to_string(a) + "/to", "no node '" + arc.to + "'"};
    const Node& to = s.nodes[to_index->second];
    auto link = [&](const std::string& item) -> bool {
      const auto down_key = key_of(to_index->second, item);
      const auto down = down_key ? stage_of.find(*down_key) : stage_of.end();
      if (down == stage_of.end()) return false;
      out.network.arcs.push_back({up_stage->second, down->second, arc.quantity_per_unit});
      // As the simulation draws the arc's lead time: the receiving node's processing time plus
      // the transit time (plan_sim.h).
      out.time_laws.arc_lead_time.push_back(simulated_lead_time_pmf(
          mean(to.processing_time) + mean(arc.transit_time), variance(to.processing_time) + variance(arc.transit_time),
          std::holds_alternative<dist::Constant>(to.processing_time) &&
              std::holds_alternative<dist::Constant>(arc.transit_time)));
      // The slowest inbound arc sets T_j (by its mean); its spread is the transit part of s_j.
      const auto k = static_cast<std::size_t>(down->second);
      const double m = mean(arc.transit_time), v = variance(arc.transit_time);
      if (m > inbound_transit[k] || (m == inbound_transit[k] && v > inbound_transit_variance[k])) {
        inbound_transit[k] = m;
        inbound_transit_variance[k] = v;
      }
      return true;
    };
    bool linked = true;
    if (to.produces.empty()) linked = link(arc.item);
    else for (const std::string& item : to.produces) linked = link(item) && linked;
    if (!linked) return Problem{"/arcs/" + std::to_string(a) + "/item", "node '" + arc.to + "' holds no stage for '" + arc.item + "'"};
  }
  out.time_laws.supply_lead_time.reserve(out.network.stages.size());
  for (std::size_t j = 0; j < out.network.stages.size(); ++j) {
    const Distribution& t = s.nodes[out.stage_node[j]].processing_time;
    out.time_laws.supply_lead_time.push_back(
        simulated_lead_time_pmf(mean(t), variance(t), std::holds_alternative<dist::Constant>(t)));
  }
  bool random_times = false;
  for (const Node& node : s.nodes) random_times = random_times || variance(node.processing_time) > 0.0;
  for (const Arc& arc : s.arcs) random_times = random_times || variance(arc.transit_time) > 0.0;
  if (random_times) {
    out.notes.push_back("Processing and transit times vary here: each stage buffers the demand over its random "
                        "replenishment time (Humair et al. 2013), and shows the part of its safety stock due to "
                        "lead-time variability.");
  }
  bool fill_rate_note = false;
  bool cost_target_note = false;
  int shortest_period_stages = 0;
  int learned_histories = 0;
  for (std::size_t j = 0; j < out.network.stages.size(); ++j) {
    GsmStage& stage = out.network.stages[j];
    const Node& node = s.nodes[out.stage_node[j]];
    const std::string& item = out.stage_item[j];
    // Goods move in whole periods of at least one (an order placed in a period arrives at the
    // start of the next at the earliest), as in the simulation (sim.h).
    const double time_periods = mean(node.processing_time) + inbound_transit[j];
    if (time_periods < 1.0) ++shortest_period_stages;
    stage.processing_time_periods = std::max(1.0, time_periods);
    // A time between whole periods takes the whole period below or above it, with the
    // probabilities that keep its mean (plan_sim.h), which adds f (1 - f) to its variance.
    const double whole_fraction = stage.processing_time_periods - std::floor(stage.processing_time_periods);
    stage.processing_time_sd_periods =
        std::sqrt(std::max(0.0, variance(node.processing_time)) + std::max(0.0, inbound_transit_variance[j]) +
                  whole_fraction * (1.0 - whole_fraction));
    const auto item_index = index.item.find(item);
    const double unit_value = item_index != index.item.end() ? s.items[item_index->second].unit_cost : 0.0;
    stage.unit_value = unit_value;
    stage.holding_cost_per_unit_period = holding_cost_per_unit_period(node.holding_cost, unit_value, s.period);
    if (node.max_service_time_periods) stage.max_outbound_service_time_periods = *node.max_service_time_periods;

    const auto demands = index.demands.find({node.id, item});
    if (demands == index.demands.end()) continue;
    for (std::size_t d_index : demands->second) {
      const Demand& d = s.demands[d_index];
      DemandMoments m;
      StageDemandModel& model = out.stage_demand_model[j];
      auto describe_model = [&](const std::string& source, const std::string& method) {
        model.source = model.source.empty() ? source : model.source + "; " + source;
        model.method = model.method.empty() ? method : model.method + "; " + method;
      };
      if (d.per_period) {
        m = {mean(*d.per_period), std::sqrt(std::max(0.0, variance(*d.per_period)))};
        describe_model("distribution", std::string(kind_name(*d.per_period)) + " as given");
      } else if (d.history) {
        // Models learned beforehand are read in place: copying thousands of them with their
        // forecasts would cost more than the rest of this function.
        std::optional<learn::LearnedDemand> learned_here;
        const learn::LearnedDemand* learned = nullptr;
        if (history.learn) {
          if (history.learned && d_index < history.learned->size() && (*history.learned)[d_index]) {
            learned = &*(*history.learned)[d_index];
          } else {
            learn::DemandLearningOptions o = history.options;
            o.lead_time_periods = 0.0;  // one period: the GSM scales by sqrt(tau)
            auto r = learn::learn_demand(d.history->quantities, o);
            if (r.ok()) learned_here = std::move(r).value();
            if (learned_here) learned = &*learned_here;
          }
        }
        if (learned && learned->learned) {
          m = {learned->mean_per_period, learned->error_sd_per_period};
          describe_model("history (learned)", learned->method);
          model.simulated = std::make_shared<const Distribution>(learn::with_moments(learned->demand_per_period, m.mean, m.sd));
          ++learned_histories;
        } else {
          m = history_moments(*d.history);
          describe_model("history (sample moments)",
                         learned ? learned->method : std::string("sample mean and sd of the whole history"));
        }
      }
      model.mean_per_period += m.mean;
      model.sd_per_period = std::sqrt(model.sd_per_period * model.sd_per_period + m.sd * m.sd);
      stage.external_demand_mean_per_period += m.mean;
      stage.external_demand_sd_per_period =
          std::sqrt(stage.external_demand_sd_per_period * stage.external_demand_sd_per_period + m.sd * m.sd);
      double level = kDefaultServiceLevel;
      if (const ServiceTarget* t = index.target(s, node.id, item)) {
        if (t->measure == ServiceMeasure::cycle_service_level) {
          level = t->value;
        } else if (t->measure == ServiceMeasure::fill_rate) {
          level = t->value;
          fill_rate_note = true;
        } else {
          cost_target_note = true;
        }
      }
      out.stage_target[j] = level;
      stage.safety_factor = stats::standard_normal_quantile(level);
      if (!node.max_service_time_periods) stage.max_outbound_service_time_periods = 0.0;
    }
  }
  // The one-period law the simulation draws at stages serving customers only, with one demand
  // (plan_sim.h), so that the buffers for random times size that law's sums.
  {
    const std::size_t n = out.network.stages.size();
    std::vector<char> serves_a_stage(n, 0);
    for (const GsmArc& a : out.network.arcs) serves_a_stage[static_cast<std::size_t>(a.upstream)] = 1;
    out.time_laws.has_demand_law.assign(n, 0);
    out.time_laws.demand_law.assign(n, Distribution{dist::Constant{0.0}});
    for (std::size_t j = 0; j < n; ++j) {
      if (serves_a_stage[j]) continue;
      const auto demands = index.demands.find({s.nodes[out.stage_node[j]].id, out.stage_item[j]});
      if (demands == index.demands.end() || demands->second.size() != 1) continue;
      const Demand& d = s.demands[demands->second.front()];
      if (d.per_period) {
        out.time_laws.demand_law[j] = demand_drawn_in_simulation(*d.per_period);
        out.time_laws.has_demand_law[j] = 1;
      } else if (out.stage_demand_model[j].simulated) {
        out.time_laws.demand_law[j] = demand_drawn_in_simulation(*out.stage_demand_model[j].simulated);
        out.time_laws.has_demand_law[j] = 1;
      }
    }
  }
  if (shortest_period_stages > 0) {
    out.notes.push_back(std::to_string(shortest_period_stages) +
                        " stage(s) take less than one period to replenish; they are planned with one period, the "
                        "shortest replenishment in whole periods (an order arrives at the start of the next period).");
  }
  if (learned_histories > 0) {
    out.notes.push_back("Demand learned from history at " + std::to_string(learned_histories) +
                        " stage(s): the chosen forecast is the mean and its rolling-origin forecast-error spread, "
                        "not the raw demand spread, sizes the buffers; each stage names its method.");
  }
  if (fill_rate_note) {
    out.notes.push_back("Fill-rate targets are planned as cycle-service levels of the same value in the "
                        "multi-echelon model (never less stock); the simulation shows the fill rate achieved.");
  }
  if (cost_target_note) {
    out.notes.push_back("Cost-based service targets are planned at the default 95% cycle-service level in the "
                        "multi-echelon model.");
  }
  return out;
}

namespace {

PlanTotals totals_of(const GsmSolution& solution, Period period) {
  PlanTotals t;
  for (const GsmStageResult& r : solution.stages) {
    t.safety_stock_cost_per_period += r.holding_cost;
    t.safety_stock_value += r.safety_stock_value;
    t.safety_stock_units += r.safety_stock;
  }
  t.safety_stock_cost_per_year = t.safety_stock_cost_per_period * periods_per_year(period);
  return t;
}

// Stages whose buffer is sized by the quantile of their simulated demand (see
// PlanStage::quantile_sized_probability): learned demand, customer-facing, serving no other
// stage, a replenishment time random only by its whole-period rounding.
std::vector<char> quantile_sized_stages(const GsmFromScenario& instance) {
  const std::size_t n = instance.network.stages.size();
  std::vector<char> serves_a_stage(n, 0);
  for (const GsmArc& a : instance.network.arcs)
    if (a.upstream >= 0 && static_cast<std::size_t>(a.upstream) < n) serves_a_stage[static_cast<std::size_t>(a.upstream)] = 1;
  std::vector<char> sized(n, 0);
  for (std::size_t j = 0; j < n; ++j) {
    const GsmStage& st = instance.network.stages[j];
    const double f = st.processing_time_periods - std::floor(st.processing_time_periods);
    const bool fixed_time = st.processing_time_sd_periods * st.processing_time_sd_periods <= f * (1.0 - f) + 1e-9;
    // One demand only: the simulation draws the learned law only then (plan_sim.h).
    const StageDemandModel& model = instance.stage_demand_model[j];
    const bool one_demand = model.source.find(';') == std::string::npos;
    sized[j] = model.simulated && one_demand && !serves_a_stage[j] && instance.stage_target[j] > 0.0 && fixed_time;
  }
  return sized;
}

// Replaces the model's buffer at the stages marked by the quantile of the demand over tau_j; the
// stock for supplier delays stays on top.
// `cache` holds per stage the last (tau, level) computed: the search asks for its best plan many
// times while a stage's tau rarely changes.
// The level of sized stage j at replenishment time `tau`, through the cache; false when the
// quantile cannot be computed (the stage then keeps the model's buffer).
bool cached_quantile_level(const GsmFromScenario& instance, std::size_t j, double tau,
                           std::vector<std::pair<double, double>>& cache) {
  if (cache[j].first == tau) return true;
  const Distribution drawn = demand_drawn_in_simulation(*instance.stage_demand_model[j].simulated);
  const auto level = demand_quantile_over_periods(drawn, tau, instance.stage_target[j]);
  if (!level.ok()) return false;
  cache[j] = {tau, *level};
  return true;
}

void size_by_quantile(const GsmFromScenario& instance, const std::vector<char>& sized, GsmSolution& solution,
                      std::vector<std::pair<double, double>>& cache) {
  cache.resize(sized.size(), {-1.0, 0.0});
  for (std::size_t j = 0; j < sized.size() && j < solution.stages.size(); ++j) {
    if (!sized[j]) continue;
    GsmStageResult& r = solution.stages[j];
    const GsmStage& st = instance.network.stages[j];
    const double tau = std::max(0.0, r.net_replenishment_time);
    if (!cached_quantile_level(instance, j, tau, cache)) continue;
    const double model_stock = std::max(0.0, cache[j].second - r.demand_mean_per_period * r.net_replenishment_time);
    // Its own time is fixed but for the whole-period rounding, which the quantile covers: the
    // quantile replaces the model's stock and the stock for the time's shape.
    const double delta = model_stock - (r.safety_stock - r.safety_stock_for_supplier_delays);
    r.safety_stock_for_lead_time_shape = 0.0;
    r.safety_stock_from_demand = model_stock;
    r.safety_stock_from_lead_time = 0.0;
    r.safety_stock += delta;
    r.base_stock_level += delta;
    const double old_cost = r.holding_cost, old_value = r.safety_stock_value;
    r.holding_cost = st.holding_cost_per_unit_period * r.safety_stock;
    r.safety_stock_value = st.unit_value * r.safety_stock;
    solution.total_cost += r.holding_cost - old_cost;
    solution.total_safety_stock_value += r.safety_stock_value - old_value;
  }
}

}  // namespace

Result<Plan> make_plan(const Scenario& scenario, const PlanOptions& options) {
  if (Problems problems = validate_scenario(scenario); !problems.empty()) return problems;
  return make_plan_of_valid(scenario, options);
}

Result<Plan> make_plan_of_valid(const Scenario& scenario, const PlanOptions& options) {
  auto search = PlanSearch::start(scenario, options);
  if (!search.ok()) return search.problems();
  search.value().step(0.0);
  return search->plan();
}

namespace {
// The inputs of gsm_pooled_demand_bounds agree: the arcs with their units, and each stage's
// external and served demand (safety factors aside, which the pooled bounds set to 1).
bool same_pooled_inputs(const GsmNetwork& a, const GsmNetwork& b) {
  if (a.stages.size() != b.stages.size() || a.arcs.size() != b.arcs.size()) return false;
  for (std::size_t j = 0; j < a.stages.size(); ++j) {
    const GsmStage& x = a.stages[j];
    const GsmStage& y = b.stages[j];
    if (x.external_demand_mean_per_period != y.external_demand_mean_per_period ||
        x.external_demand_sd_per_period != y.external_demand_sd_per_period ||
        x.served_demand.has_value() != y.served_demand.has_value())
      return false;
    if (x.served_demand && (x.served_demand->mean_per_period != y.served_demand->mean_per_period ||
                            x.served_demand->sd_per_period != y.served_demand->sd_per_period))
      return false;
  }
  for (std::size_t k = 0; k < a.arcs.size(); ++k) {
    const GsmArc& x = a.arcs[k];
    const GsmArc& y = b.arcs[k];
    if (x.upstream != y.upstream || x.downstream != y.downstream || x.units_per_downstream_unit != y.units_per_downstream_unit)
      return false;
  }
  return true;
}
}  // namespace

PlanSearch::PlanSearch(GsmFromScenario instance, GsmSearch search, GsmSolution baseline, Period period,
                       std::vector<std::string> node_ids, bool buffer_supplier_delays, const PlanSearch* earlier)
    : instance_(std::move(instance)),
      search_(std::move(search)),
      baseline_(std::move(baseline)),
      period_(period),
      node_ids_(std::move(node_ids)),
      buffer_supplier_delays_(buffer_supplier_delays) {
  if (buffer_supplier_delays_) {
    // The bounds depend on the network's flows and demands alone: computed once for every
    // answer, and taken from the search before an edit that left those unchanged.
    if (earlier && !earlier->pooled_bounds_.empty() && same_pooled_inputs(earlier->instance_.network, instance_.network)) {
      pooled_bounds_ = earlier->pooled_bounds_;
    } else {
      auto pooled = gsm_pooled_demand_bounds(instance_.network);
      if (pooled.ok()) pooled_bounds_ = std::move(pooled).value();
    }
    baseline_time_memo_ = earlier && earlier->baseline_time_memo_ ? earlier->baseline_time_memo_ : std::make_shared<GsmTimeMemo>();
    seed_answer_memo_ = !(earlier && earlier->answer_time_memo_);
    answer_time_memo_ = seed_answer_memo_ ? std::make_shared<GsmTimeMemo>() : earlier->answer_time_memo_;
    // The baseline's random-time pass is left to prepare(), as its quantile sizing is.
    baseline_pass_ = std::make_unique<GsmTimePass>(instance_.network, search_.demand_bounds(), pooled_bounds_,
                                                   instance_.time_laws, baseline_);
  }
  quantile_sized_ = quantile_sized_stages(instance_);
  quantile_cache_.resize(quantile_sized_.size(), {-1.0, 0.0});
  prepared_ = !baseline_pass_ && std::find(quantile_sized_.begin(), quantile_sized_.end(), 1) == quantile_sized_.end();
  const auto count = std::count(quantile_sized_.begin(), quantile_sized_.end(), 1);
  if (count > 0) {
    instance_.notes.push_back(std::to_string(count) +
                              " customer-facing stage(s) with learned demand hold the quantile of that demand over their "
                              "replenishment time at their target (summed exactly, not the normal bound), so intermittent "
                              "and skewed demand keeps its promise.");
  }
}

Result<PlanSearch> PlanSearch::start(const Scenario& scenario, const PlanOptions& options, const PlanSearch* earlier) {
  auto built = gsm_from_scenario(scenario, options.history);
  if (!built.ok()) return built.problems();
  return start_from(std::move(built).value(), scenario, options, earlier);
}

Result<PlanSearch> PlanSearch::start_from(GsmFromScenario instance, const Scenario& scenario, const PlanOptions& options,
                                          const PlanSearch* earlier) {
  if (instance.network.stages.empty()) return Problem{"/nodes", "the scenario holds no inventory to plan"};
  auto search = GsmSearch::start(instance.network, options.search, options.warm_start_outbound, earlier ? &earlier->search_ : nullptr);
  if (!search.ok()) return search.problems();
  GsmSolution baseline = search->evaluate(std::vector<double>(instance.network.stages.size(), 0.0));
  std::vector<std::string> node_ids(scenario.nodes.size());
  for (std::size_t node_index : instance.stage_node) node_ids[node_index] = scenario.nodes[node_index].id;
  return PlanSearch(std::move(instance), std::move(search).value(), std::move(baseline), scenario.period,
                    std::move(node_ids), options.buffer_supplier_delays, earlier);
}

bool PlanSearch::prepare(std::size_t max_stages) {
  if (prepared_) return true;
  if (baseline_pass_) {
    // First the baseline's random-time pass (each stage about as costly as a quantile-sized one).
    if (!baseline_pass_->step(instance_.network, search_.demand_bounds(), pooled_bounds_, instance_.time_laws, baseline_,
                              {}, baseline_time_memo_.get(), std::max<std::size_t>(1, max_stages)))
      return false;
    baseline_pass_.reset();
    // With no earlier answers, the answers' memo starts as a copy of the baseline's: where an
    // answer quotes what the baseline quotes (every stage of a portfolio of single locations)
    // its first pass finds every stage computed. A memo entry is used only for equal inputs, so
    // the copy changes no number.
    if (seed_answer_memo_ && answer_time_memo_->stages.empty()) *answer_time_memo_ = *baseline_time_memo_;
    if (std::find(quantile_sized_.begin(), quantile_sized_.end(), 1) == quantile_sized_.end()) prepared_ = true;
    return prepared_;
  }
  std::size_t sized = 0;
  const std::size_t n = std::min(quantile_sized_.size(), baseline_.stages.size());
  while (!prepared_ && next_to_prepare_ < n && sized < std::max<std::size_t>(1, max_stages)) {
    const std::size_t j = next_to_prepare_++;
    if (!quantile_sized_[j]) continue;
    cached_quantile_level(instance_, j, std::max(0.0, baseline_.stages[j].net_replenishment_time), quantile_cache_);
    ++sized;
  }
  if (!prepared_ && next_to_prepare_ >= n) {
    size_by_quantile(instance_, quantile_sized_, baseline_, quantile_cache_);  // every level from the cache
    prepared_ = true;
  }
  return prepared_;
}

Plan PlanSearch::plan() const {
  // Unprepared (plan() before prepare() finished): the baseline is sized here, on a copy.
  GsmSolution sized_baseline;
  const GsmSolution* baseline = &baseline_;
  if (!prepared_) {
    sized_baseline = baseline_;
    if (baseline_pass_) {
      GsmTimePass rest = *baseline_pass_;
      rest.step(instance_.network, search_.demand_bounds(), pooled_bounds_, instance_.time_laws, sized_baseline, {},
                baseline_time_memo_.get(), sized_baseline.stages.size());
    }
    size_by_quantile(instance_, quantile_sized_, sized_baseline, quantile_cache_);
    baseline = &sized_baseline;
  }
  GsmSolution solved = search_.solution();
  if (buffer_supplier_delays_)
    size_for_random_times(instance_.network, search_.demand_bounds(), pooled_bounds_, instance_.time_laws, solved, {},
                          answer_time_memo_.get());
  size_by_quantile(instance_, quantile_sized_, solved, quantile_cache_);
  Plan plan;
  plan.network = instance_.network;
  plan.notes = instance_.notes;
  plan.method = solved.method;
  plan.gap = solved.gap;
  plan.proven_optimal = solved.proven_optimal;
  plan.time_limit_reached = solved.time_limit_reached;
  if (solved.time_limit_reached)
    plan.notes.push_back("The time limit ended the search: this is the best placement found by then, with the gap proven so far.");
  plan.lower_bound_per_period = solved.lower_bound;
  plan.multi_echelon = totals_of(solved, period_);
  plan.single_echelon = totals_of(*baseline, period_);
  plan.stages.reserve(instance_.network.stages.size());
  for (std::size_t j = 0; j < instance_.network.stages.size(); ++j) {
    PlanStage stage;
    stage.node_index = instance_.stage_node[j];
    stage.node = node_ids_[stage.node_index];
    stage.item = instance_.stage_item[j];
    stage.multi_echelon = solved.stages[j];
    stage.single_echelon = baseline->stages[j];
    stage.service_target = instance_.stage_target[j];
    stage.safety_factor = instance_.stage_target[j] > 0.0 ? instance_.network.stages[j].safety_factor : 0.0;
    stage.demand_model = instance_.stage_demand_model[j];
    if (quantile_sized_[j]) stage.quantile_sized_probability = instance_.stage_target[j];
    plan.stages.push_back(std::move(stage));
  }
  return plan;
}

}  // namespace echelon
