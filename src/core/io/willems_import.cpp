#include "core/io/willems_import.h"

#include <cctype>

namespace echelon {

namespace {

std::string node_kind(const std::string& classification) {
  std::string low;
  for (char c : classification) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (low == "part" || low == "parts") return "supplier";
  if (low == "manuf") return "plant";
  if (low == "dist") return "dc";
  if (low == "retail") return "store";
  if (low == "trans") return "transport";
  return low.empty() ? std::string("stage") : low;
}

Distribution stage_time(const WillemsStage& s) {
  if (!s.stage_time_distribution.empty()) {
    dist::Discrete table;
    for (const auto& o : s.stage_time_distribution) table.outcomes.push_back({o.value_days, o.probability});
    return table;
  }
  if (s.stage_time_sd_days > 0.0) return dist::Normal{s.stage_time_mean_days, s.stage_time_sd_days};
  return dist::Constant{s.stage_time_mean_days};
}

}  // namespace

Result<Scenario> import_willems(const WillemsChain& chain, const std::string& scenario_name) {
  const std::size_t n = chain.stages.size();
  // Unit values in topological order (Kahn): v_j = stageCost_j + sum of the feeding v_i.
  std::vector<std::vector<std::size_t>> downstream(n);
  std::vector<std::size_t> indegree(n, 0);
  for (const WillemsArc& a : chain.arcs) {
    if (a.from >= n || a.to >= n) return Problem{"arcs", "an arc refers to a stage index beyond the chain"};
    downstream[a.from].push_back(a.to);
    ++indegree[a.to];
  }
  std::vector<double> value(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) value[j] = chain.stages[j].stage_cost;
  std::vector<std::size_t> ready;
  for (std::size_t j = 0; j < n; ++j)
    if (indegree[j] == 0) ready.push_back(j);
  std::size_t done = 0;
  while (!ready.empty()) {
    const std::size_t i = ready.back();
    ready.pop_back();
    ++done;
    for (std::size_t j : downstream[i]) {
      value[j] += value[i];
      if (--indegree[j] == 0) ready.push_back(j);
    }
  }
  if (done != n) {
    Problems problems;
    for (std::size_t j = 0; j < n && problems.size() < 20; ++j) {
      if (indegree[j] > 0) problems.push_back({"stage " + chain.stages[j].name, "lies on or below a cycle of arcs"});
    }
    return problems;
  }

  Scenario s;
  s.name = scenario_name;
  s.description = "Imported from the Willems (2008) chain CSV format; times in days, demand per day.";
  s.period = Period::day;
  s.currency = "USD";
  for (std::size_t j = 0; j < n; ++j) {
    const WillemsStage& st = chain.stages[j];
    Item item;
    item.id = st.name;
    item.name = st.name;
    item.unit_cost = value[j];
    if (!st.classification.empty()) item.category = st.classification;
    s.items.push_back(std::move(item));

    Node node;
    node.id = st.name;
    node.name = st.name;
    node.kind = node_kind(st.classification);
    node.position = {st.x_pos, st.y_pos};
    node.produces = {st.name};
    node.processing_time = stage_time(st);
    node.holding_cost = {HoldingCostBasis::annual_rate_of_value, kWillemsAnnualHoldingRate};
    node.max_service_time_periods = st.max_service_time_days;
    node.cost_added_per_unit = st.stage_cost;
    s.nodes.push_back(std::move(node));

    if (st.is_demand_stage) {
      Demand d;
      d.node = st.name;
      d.item = st.name;
      d.per_period = dist::Normal{st.avg_demand_per_day, st.sd_demand_per_day};
      s.demands.push_back(std::move(d));
      ServiceTarget t;
      t.node = st.name;
      t.item = st.name;
      t.measure = ServiceMeasure::cycle_service_level;
      t.value = st.service_level;
      s.service_targets.push_back(std::move(t));
    }
  }
  for (const WillemsArc& a : chain.arcs) {
    Arc arc;
    arc.from = chain.stages[a.from].name;
    arc.to = chain.stages[a.to].name;
    arc.item = chain.stages[a.from].name;
    s.arcs.push_back(std::move(arc));
  }
  s.settings.horizon_periods = 365;
  s.settings.warm_up_periods = 30;
  return s;
}

}  // namespace echelon
