#include "core/plan/network_service.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/validate.h"

namespace echelon {

namespace {

double service_of(const std::vector<NetworkDemandStage>& stages, const std::vector<double>& levels) {
  double w = 0.0, wp = 0.0;
  for (std::size_t d = 0; d < stages.size(); ++d) {
    w += stages[d].mean_demand_per_period;
    wp += stages[d].mean_demand_per_period * levels[d];
  }
  return w > 0.0 ? wp / w : 0.0;
}

struct Evaluator {
  const Scenario& base;
  const std::vector<NetworkDemandStage>& stages;
  const PlanOptions& options;
  int solved = 0;
  std::vector<NetworkServicePoint> all;

  Result<double> cost(const std::vector<double>& levels) {
    Scenario s = base;
    std::vector<ServiceTarget> targets;
    for (std::size_t d = 0; d < stages.size(); ++d) {
      ServiceTarget t;
      t.node = stages[d].node;
      t.item = stages[d].item;
      t.measure = ServiceMeasure::cycle_service_level;
      t.value = levels[d];
      targets.push_back(t);
    }
    targets.insert(targets.end(), s.service_targets.begin(), s.service_targets.end());
    s.service_targets = std::move(targets);
    ++solved;
    auto plan = make_plan_of_valid(s, options);
    if (!plan.ok()) return plan.problems();
    all.push_back({service_of(stages, levels), plan->multi_echelon.safety_stock_cost_per_year, levels});
    return plan->multi_echelon.safety_stock_cost_per_year;
  }
};


}  // namespace

Result<NetworkServiceFrontier> network_service_frontier(const Scenario& scenario, const NetworkServiceOptions& o) {
  Problems problems = validate_scenario(scenario);
  if (o.levels.empty()) problems.push_back({"levels", "needs at least one service level"});
  for (std::size_t k = 0; k < o.levels.size(); ++k)
    if (!(o.levels[k] > 0.0 && o.levels[k] < 1.0) || (k > 0 && !(o.levels[k] > o.levels[k - 1])))
      problems.push_back({"levels/" + std::to_string(k), "levels must increase strictly within (0, 1)"});
  if (!problems.empty()) return problems;

  auto instance = gsm_from_scenario(scenario, o.plan.history);
  if (!instance.ok()) return instance.problems();
  NetworkServiceFrontier f;
  for (std::size_t j = 0; j < instance->stage_target.size(); ++j) {
    if (!(instance->stage_target[j] > 0.0)) continue;
    NetworkDemandStage d;
    d.node = scenario.nodes[instance->stage_node[j]].id;
    d.item = instance->stage_item[j];
    d.mean_demand_per_period = instance->stage_demand_model[j].mean_per_period;
    d.current_level = instance->stage_target[j];
    d.floor = 0.0;
    for (const auto& [key, value] : o.floors)
      if (key == d.node + "/" + d.item) d.floor = value;
    f.stages.push_back(d);
  }
  if (f.stages.empty()) return Problem{"/demands", "no stage has external demand"};
  for (std::size_t i = 0; i < o.floors.size(); ++i) {
    const auto& key = o.floors[i].first;
    if (std::none_of(f.stages.begin(), f.stages.end(), [&](const NetworkDemandStage& d) { return d.node + "/" + d.item == key; }))
      problems.push_back({"floors/" + std::to_string(i), "names no demand stage (\"" + key + "\")"});
    if (!(o.floors[i].second >= 0.0 && o.floors[i].second <= o.levels.back()))
      problems.push_back({"floors/" + std::to_string(i), "must be in [0, highest level]"});
  }
  if (!problems.empty()) return problems;

  Evaluator eval{scenario, f.stages, o.plan, 0, {}};
  const std::size_t n = f.stages.size();
  auto first_index = [&](double floor) {
    std::size_t k = 0;
    while (k + 1 < o.levels.size() && o.levels[k] < floor - 1e-12) ++k;
    return k;
  };

  // Current plan.
  {
    std::vector<double> cur;
    for (const auto& d : f.stages) cur.push_back(d.current_level);
    auto c = eval.cost(cur);
    if (!c.ok()) return c.problems();
    f.current = {service_of(f.stages, cur), *c, cur};
  }
  // Uniform plans.
  for (double level : o.levels) {
    std::vector<double> lv;
    for (const auto& d : f.stages) lv.push_back(std::max(level, o.levels[first_index(d.floor)]));
    auto c = eval.cost(lv);
    if (!c.ok()) return c.problems();
    f.uniform.push_back({service_of(f.stages, lv), *c, lv});
  }
  // Greedy marginal path.
  std::vector<std::size_t> idx(n);
  std::vector<double> lv(n);
  for (std::size_t d = 0; d < n; ++d) {
    idx[d] = first_index(f.stages[d].floor);
    lv[d] = o.levels[idx[d]];
  }
  auto c0 = eval.cost(lv);
  if (!c0.ok()) return c0.problems();
  double cost = *c0;
  f.differentiated.push_back({service_of(f.stages, lv), cost, lv});
  while (eval.solved < o.max_plans) {
    std::size_t best = n;
    double best_ratio = -std::numeric_limits<double>::infinity(), best_cost = 0.0;
    for (std::size_t d = 0; d < n && eval.solved < o.max_plans; ++d) {
      if (idx[d] + 1 >= o.levels.size()) continue;
      std::vector<double> trial = lv;
      trial[d] = o.levels[idx[d] + 1];
      auto c = eval.cost(trial);
      if (!c.ok()) return c.problems();
      const double gain = service_of(f.stages, trial) - service_of(f.stages, lv);
      const double added = *c - cost;
      const double ratio = added > 0.0 ? gain / added : std::numeric_limits<double>::infinity();
      if (ratio > best_ratio) {
        best_ratio = ratio;
        best = d;
        best_cost = *c;
      }
    }
    if (best == n) break;
    ++idx[best];
    lv[best] = o.levels[idx[best]];
    cost = best_cost;
    f.differentiated.push_back({service_of(f.stages, lv), cost, lv});
  }
  f.plans_solved = eval.solved;
  std::vector<NetworkServicePoint> all = std::move(eval.all);
  std::stable_sort(all.begin(), all.end(), [](const NetworkServicePoint& a, const NetworkServicePoint& b) {
    return a.service_level > b.service_level ||
           (a.service_level == b.service_level && a.safety_stock_cost_per_year < b.safety_stock_cost_per_year);
  });
  double cheapest = std::numeric_limits<double>::infinity();
  for (const NetworkServicePoint& p : all) {
    if (p.safety_stock_cost_per_year < cheapest) {
      if (!f.efficient.empty() && f.efficient.back().service_level == p.service_level) f.efficient.pop_back();
      f.efficient.push_back(p);
      cheapest = p.safety_stock_cost_per_year;
    }
  }
  std::reverse(f.efficient.begin(), f.efficient.end());
  return f;
}

const NetworkServicePoint* cheapest_reaching(const std::vector<NetworkServicePoint>& points, double service) {
  const NetworkServicePoint* best = nullptr;
  for (const auto& p : points)
    if (p.service_level >= service - 1e-12 && (!best || p.safety_stock_cost_per_year < best->safety_stock_cost_per_year))
      best = &p;
  return best;
}

}  // namespace echelon
