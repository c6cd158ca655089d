#include "core/plan/plan_sim.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>

#include "core/model/distribution.h"
#include "core/stats/stats.h"

namespace echelon {

namespace {

// (from, to, item) of an arc.
struct ArcKey {
  std::string_view from, to, item;
  bool operator==(const ArcKey&) const = default;
};
struct KeyHash {
  static std::size_t mix(std::size_t seed, std::string_view part) {
    constexpr auto kGolden = static_cast<std::size_t>(0x9e3779b97f4a7c15ULL);  // truncated on 32-bit targets
    return seed ^ (std::hash<std::string_view>{}(part) + kGolden + (seed << 6) + (seed >> 2));
  }
  std::size_t operator()(const std::pair<std::string_view, std::string_view>& k) const { return mix(mix(0, k.first), k.second); }
  std::size_t operator()(const ArcKey& k) const { return mix(mix(mix(0, k.from), k.to), k.item); }
};

constexpr double kCensoringShift = 0.05;

sim::Distribution constant(double value) {
  sim::Distribution d;
  d.kind = sim::DistributionKind::constant;
  d.mean = value;
  return d;
}

sim::Distribution normal(double m, double sd) {
  if (!(sd > 0.0)) return constant(m);
  sim::Distribution d;
  d.kind = sim::DistributionKind::normal;
  d.mean = m;
  d.sd = sd;
  return d;
}

sim::Distribution gamma_like(double m, double sd) {
  if (!(sd > 0.0) || !(m > 0.0)) return constant(std::max(0.0, m));
  sim::Distribution d;
  d.kind = sim::DistributionKind::gamma;
  d.mean = m;
  d.sd = sd;
  return d;
}

sim::Distribution demand_of(const Distribution& given) {
  return std::visit(
      [&](const auto& x) -> sim::Distribution {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Constant>) {
          return constant(x.value);
        } else if constexpr (std::is_same_v<T, dist::Normal>) {
          // The simulator censors normal demand at zero, which raises its mean by
          // sd L(mean / sd); past 5% of the mean the gamma with the same mean and sd is drawn.
          if (x.sd > 0.0 && x.mean > 0.0 && x.sd * stats::standard_normal_loss(x.mean / x.sd) > kCensoringShift * x.mean)
            return gamma_like(x.mean, x.sd);
          return normal(x.mean, x.sd);
        } else if constexpr (std::is_same_v<T, dist::Poisson>) {
          sim::Distribution d;
          d.kind = sim::DistributionKind::poisson;
          d.mean = x.mean;
          return d;
        } else if constexpr (std::is_same_v<T, dist::Discrete>) {
          sim::Distribution d;
          d.kind = sim::DistributionKind::discrete;
          for (const dist::Outcome& o : x.outcomes) {
            d.values.push_back(o.value);
            d.probabilities.push_back(o.probability);
          }
          return d;
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          sim::Distribution d;
          d.kind = sim::DistributionKind::discrete;
          const double p = x.sample.empty() ? 0.0 : 1.0 / static_cast<double>(x.sample.size());
          for (double v : x.sample) {
            d.values.push_back(v);
            d.probabilities.push_back(p);
          }
          return d;
        } else {
          return gamma_like(mean(given), std::sqrt(std::max(0.0, variance(given))));
        }
      },
      given);
}

bool is_constant(const Distribution& d) { return std::holds_alternative<dist::Constant>(d); }

// A fixed time in whole periods of at least one: a fraction f of a period becomes the whole
// period above with probability f and the one below otherwise, which keeps the mean.
sim::Distribution whole_periods(double periods) {
  const double m = std::max(1.0, periods);
  const double low = std::floor(m);
  const double f = m - low;
  if (f < 1e-9) return constant(low);
  if (f > 1.0 - 1e-9) return constant(low + 1.0);
  sim::Distribution d;
  d.kind = sim::DistributionKind::discrete;
  d.values = {low, low + 1.0};
  d.probabilities = {1.0 - f, f};
  return d;
}

// The EOQ sqrt(2 K mu / h) for the lot of an (s, S) or (r, Q) policy whose lot the scenario leaves
// out (0 without a fixed cost, demand or holding cost).
double economic_lot(double order_cost, double mean_demand, double holding_cost) {
  if (!(order_cost > 0.0) || !(mean_demand > 0.0) || !(holding_cost > 0.0)) return 0.0;
  return std::sqrt(2.0 * order_cost * mean_demand / holding_cost);
}

// The scenario's policy at a stage, its levels completed from the plan (see the header).
sim::Policy simulated_policy(const Policy& given, double plan_level, double mean_demand, double order_cost,
                             double holding_cost) {
  sim::Policy out;
  const int review = std::max(1, static_cast<int>(std::lround(given.review_period_periods)));
  // The plan's level covers the replenishment time; a review every R periods adds R - 1 periods.
  const double periodic_level = plan_level + mean_demand * static_cast<double>(review - 1);
  const double lot = economic_lot(order_cost, mean_demand, holding_cost);
  switch (given.kind) {
    case PolicyKind::base_stock:
      out.kind = sim::PolicyKind::base_stock;
      out.order_up_to = given.order_up_to_level.value_or(plan_level);
      break;
    case PolicyKind::r_s:
      // Reviewing every period is the base-stock policy itself.
      out.kind = review == 1 ? sim::PolicyKind::base_stock : sim::PolicyKind::periodic_review;
      out.review_period_periods = review;
      out.order_up_to = given.order_up_to_level.value_or(periodic_level);
      break;
    case PolicyKind::s_s: {
      out.kind = sim::PolicyKind::min_max;
      out.review_period_periods = review;
      if (given.reorder_point && given.order_up_to_level) {
        out.reorder_level = *given.reorder_point;
        out.order_up_to = *given.order_up_to_level;
      } else if (given.reorder_point) {
        out.reorder_level = *given.reorder_point;
        out.order_up_to = *given.reorder_point + lot;
      } else if (given.order_up_to_level) {
        out.order_up_to = *given.order_up_to_level;
        out.reorder_level = std::min(periodic_level, out.order_up_to);
      } else {
        out.reorder_level = periodic_level;
        out.order_up_to = periodic_level + lot;
      }
      break;
    }
    case PolicyKind::r_q: {
      out.kind = sim::PolicyKind::reorder_point;
      out.review_period_periods = review;  // R = 0 (continuous) is simulated as a review every period
      out.reorder_level = given.reorder_point.value_or(periodic_level);
      const double fallback = mean_demand > 0.0 ? mean_demand : 1.0;
      out.order_quantity = given.order_quantity.value_or(lot > 0.0 ? lot : fallback);
      break;
    }
  }
  return out;
}

}  // namespace

Result<sim::SimNetwork> sim_network_from_plan(const Scenario& s, const Plan& plan) {
  sim::SimNetwork net;
  const std::size_t n = plan.stages.size();
  if (plan.network.stages.size() != n) return Problem{"plan", "the plan does not match its network"};
  bool lost_sales = false;
  for (const Policy& p : s.policies) lost_sales = lost_sales || p.shortage == ShortageRule::lost_sales;
  net.shortage = lost_sales ? sim::ShortageMode::lost_sales : sim::ShortageMode::backorders;
  net.allocation = sim::Allocation::due_first;  // the guaranteed-service order: first due, first served

  // Lookups built once; scanning the scenario per stage or per arc is quadratic on large chains,
  // and hashed because ids of large networks share long prefixes (slow to order).
  using Key = std::pair<std::string_view, std::string_view>;
  std::unordered_map<Key, std::vector<const Demand*>, KeyHash> demands_at;
  for (const Demand& d : s.demands) demands_at[{d.node, d.item}].push_back(&d);
  // Only shortage-cost targets reach the simulation; those of a node for every item, and those
  // of one (node, item), each in scenario order (an import sets one target per item).
  const auto is_shortage_cost = [](const ServiceTarget& t) {
    return t.measure == ServiceMeasure::backorder_cost_per_unit_period || t.measure == ServiceMeasure::stockout_cost_per_unit;
  };
  std::unordered_map<std::string_view, std::vector<const ServiceTarget*>> cost_targets_at_node;
  std::unordered_map<Key, std::vector<const ServiceTarget*>, KeyHash> cost_targets_at;
  for (const ServiceTarget& t : s.service_targets) {
    if (!t.node || !is_shortage_cost(t)) continue;
    if (t.item) cost_targets_at[{*t.node, *t.item}].push_back(&t);
    else cost_targets_at_node[*t.node].push_back(&t);
  }
  std::unordered_map<Key, const Policy*, KeyHash> policy_at;
  for (const Policy& p : s.policies) policy_at.emplace(Key{p.node, p.item}, &p);
  std::unordered_map<ArcKey, const Arc*, KeyHash> arc_of;
  arc_of.reserve(s.arcs.size());
  for (const Arc& arc : s.arcs) arc_of.emplace(ArcKey{arc.from, arc.to, arc.item}, &arc);

  std::vector<bool> has_supplier(n, false);
  for (const GsmArc& a : plan.network.arcs) has_supplier[static_cast<std::size_t>(a.downstream)] = true;

  for (std::size_t j = 0; j < n; ++j) {
    const PlanStage& ps = plan.stages[j];
    const Node& node = s.nodes[ps.node_index];
    sim::SimStage st;
    st.name = plan.network.stages[j].name;
    st.holding_cost_per_unit_period = plan.network.stages[j].holding_cost_per_unit_period;
    st.unit_value = plan.network.stages[j].unit_value;
    st.ordering_cost_per_order = node.fixed_order_cost;
    st.policy.kind = sim::PolicyKind::base_stock;
    st.policy.order_up_to = std::max(0.0, ps.multi_echelon.base_stock_level);
    if (const auto given = policy_at.find({node.id, ps.item}); given != policy_at.end()) {
      st.policy = simulated_policy(*given->second, st.policy.order_up_to, ps.multi_echelon.demand_mean_per_period,
                                   node.fixed_order_cost, st.holding_cost_per_unit_period);
    }
    st.quoted_service_time_periods = ps.multi_echelon.outbound_service_time;
    const auto demands = demands_at.find({node.id, ps.item});
    for (const Demand* demand : demands == demands_at.end() ? std::vector<const Demand*>{} : demands->second) {
      const Demand& d = *demand;
      st.has_external_demand = true;
      if (d.per_period) {
        st.demand_per_period = demand_of(*d.per_period);
      } else if (ps.demand_model.simulated && demands->second.size() == 1) {
        st.demand_per_period = demand_of(*ps.demand_model.simulated);
      } else {
        st.demand_per_period = normal(plan.network.stages[j].external_demand_mean_per_period,
                                      plan.network.stages[j].external_demand_sd_per_period);
      }
    }
    // The last applicable target in scenario order sets the cost: the later of the two lists' last.
    const ServiceTarget* last = nullptr;
    if (const auto at_node = cost_targets_at_node.find(node.id); at_node != cost_targets_at_node.end())
      last = at_node->second.back();
    if (const auto at_item = cost_targets_at.find({node.id, ps.item}); at_item != cost_targets_at.end())
      if (!last || std::less<const ServiceTarget*>{}(last, at_item->second.back())) last = at_item->second.back();
    if (last) st.shortage_cost_per_unit = last->value;
    if (!has_supplier[j]) {
      const double sd = std::sqrt(std::max(0.0, variance(node.processing_time)));
      st.supply_lead_time_periods = is_constant(node.processing_time)
                                        ? whole_periods(mean(node.processing_time))
                                        : normal(std::max(1.0, mean(node.processing_time)), sd);
    }
    net.stages.push_back(std::move(st));
  }

  // Arcs: lead time = downstream processing time + the scenario arc's transit time.
  for (const GsmArc& a : plan.network.arcs) {
    const std::size_t up = static_cast<std::size_t>(a.upstream);
    const std::size_t down = static_cast<std::size_t>(a.downstream);
    const Node& from = s.nodes[plan.stages[up].node_index];
    const Node& to = s.nodes[plan.stages[down].node_index];
    const auto found = arc_of.find({from.id, to.id, plan.stages[up].item});
    const Arc* scenario_arc = found == arc_of.end() ? nullptr : found->second;
    sim::SimArc arc;
    arc.upstream = a.upstream;
    arc.downstream = a.downstream;
    arc.upstream_units_per_unit = a.units_per_downstream_unit;
    const double m = mean(to.processing_time) + (scenario_arc ? mean(scenario_arc->transit_time) : 0.0);
    const double var = variance(to.processing_time) + (scenario_arc ? variance(scenario_arc->transit_time) : 0.0);
    const bool both_constant = is_constant(to.processing_time) && (!scenario_arc || is_constant(scenario_arc->transit_time));
    arc.lead_time_periods = both_constant ? whole_periods(m) : normal(std::max(1.0, m), std::sqrt(std::max(0.0, var)));
    net.arcs.push_back(std::move(arc));
  }

  // Each stage's overdue probe: what the simulation measures to price closing a shortfall.
  if (auto exposure = shortfall_exposure_sd(plan); exposure.ok()) {
    for (std::size_t j = 0; j < n; ++j) net.stages[j].overdue_probe_units = overdue_probes((*exposure)[j]);
  }

  net.settings.periods = std::max(1, s.settings.horizon_periods);
  net.settings.warm_up_periods = std::max(0, s.settings.warm_up_periods);
  net.settings.replications = std::max(2, s.settings.replications);
  net.settings.seed = s.settings.random_seed;
  if (Problems problems = sim::validate(net); !problems.empty()) return problems;
  return net;
}

PeriodsPmf simulated_lead_time_pmf(double mean_periods, double variance_periods2, bool constant) {
  const double m = std::max(1.0, std::isfinite(mean_periods) ? mean_periods : 1.0);
  const double sd = std::sqrt(std::max(0.0, std::isfinite(variance_periods2) ? variance_periods2 : 0.0));
  if (constant || !(sd > 0.0)) {
    const double low = std::floor(m);
    const double f = m - low;
    // A normal of sd 0 is drawn as its mean rounded (sim.h); a constant keeps its mean.
    if (!constant || f < 1e-9) {
      const int k = static_cast<int>(constant ? low : std::max(1.0, std::floor(m + 0.5)));
      PeriodsPmf p(static_cast<std::size_t>(k) + 1, 0.0);
      p.back() = 1.0;
      return p;
    }
    PeriodsPmf p(static_cast<std::size_t>(low) + 2, 0.0);
    p[static_cast<std::size_t>(low)] = 1.0 - f;
    p[static_cast<std::size_t>(low) + 1] = f;
    return p;
  }
  const int cap = std::max(1, static_cast<int>(std::floor(m + 8.0 * sd + 0.5)));
  PeriodsPmf p(static_cast<std::size_t>(cap) + 1, 0.0);
  double below = 0.0;  // P(X < k + 1/2) for the k before
  for (int k = 1; k <= cap; ++k) {
    const double upto = k == cap ? 1.0 : stats::standard_normal_cdf((k + 0.5 - m) / sd);
    p[static_cast<std::size_t>(k)] = std::max(0.0, upto - below);
    below = upto;
  }
  return p;
}

Distribution demand_drawn_in_simulation(const Distribution& given) {
  const sim::Distribution drawn = demand_of(given);
  switch (drawn.kind) {
    case sim::DistributionKind::normal: return dist::Normal{drawn.mean, drawn.sd};
    case sim::DistributionKind::gamma: {
      const double shape = drawn.mean * drawn.mean / (drawn.sd * drawn.sd);
      return dist::Gamma{shape, drawn.mean / shape};
    }
    case sim::DistributionKind::poisson: return dist::Poisson{drawn.mean};
    case sim::DistributionKind::discrete: {
      dist::Discrete d;
      for (std::size_t k = 0; k < drawn.values.size(); ++k) d.outcomes.push_back({drawn.values[k], drawn.probabilities[k]});
      return d;
    }
    default: return dist::Constant{drawn.mean};
  }
}

}  // namespace echelon
