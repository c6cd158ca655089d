#include "core/meio/gsm_willems.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/stats/stats.h"

namespace echelon {

double willems_stage_time_sd(const WillemsStage& w) {
  if (w.stage_time_distribution.empty()) return std::max(0.0, w.stage_time_sd_days);
  double p = 0.0, m = 0.0, m2 = 0.0;
  for (const WillemsTimeOutcome& o : w.stage_time_distribution) {
    p += o.probability;
    m += o.probability * o.value_days;
    m2 += o.probability * o.value_days * o.value_days;
  }
  if (!(p > 0.0)) return std::max(0.0, w.stage_time_sd_days);
  m /= p;
  return std::sqrt(std::max(0.0, m2 / p - m * m));
}

Result<GsmNetwork> gsm_network_from_willems(const WillemsChain& chain, const WillemsGsmOptions& options) {
  Problems problems;
  if (!(options.holding_rate > 0.0) || !std::isfinite(options.holding_rate))
    problems.push_back({"holding_rate", "must be a positive number, got " + format_number(options.holding_rate)});
  const std::size_t n = chain.stages.size();
  GsmNetwork net;
  net.stages.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    const WillemsStage& w = chain.stages[j];
    GsmStage& s = net.stages[j];
    s.name = w.name;
    s.processing_time_periods = w.stage_time_mean_days;
    if (options.stochastic_stage_times) s.processing_time_sd_periods = willems_stage_time_sd(w);
    if (w.is_demand_stage) {
      if (!(w.service_level > 0.0 && w.service_level < 1.0)) {
        problems.push_back({"stages/" + std::to_string(j) + "/service_level",
                            "must lie strictly between 0 and 1 for a finite safety factor, got " +
                                format_number(w.service_level)});
        continue;
      }
      s.external_demand_mean_per_period = w.avg_demand_per_day;
      s.external_demand_sd_per_period = w.sd_demand_per_day;
      s.safety_factor = stats::standard_normal_quantile(w.service_level);
      s.max_outbound_service_time_periods = w.max_service_time_days.value_or(0.0);
    }
  }
  for (const auto& a : chain.arcs) net.arcs.push_back({static_cast<int>(a.from), static_cast<int>(a.to), 1.0});
  if (!problems.empty()) return problems;
  if (auto p = validate(net); !p.empty()) return p;
  // Unit values accumulate along the bill of materials, suppliers first.
  std::vector<std::vector<std::size_t>> preds(n);
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<std::size_t>> succ(n);
  for (const auto& a : chain.arcs) {
    preds[a.to].push_back(a.from);
    succ[a.from].push_back(a.to);
    ++indegree[a.to];
  }
  std::vector<std::size_t> order;
  for (std::size_t j = 0; j < n; ++j)
    if (indegree[j] == 0) order.push_back(j);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (std::size_t d : succ[order[k]])
      if (--indegree[d] == 0) order.push_back(d);
  for (std::size_t j : order) {
    double v = chain.stages[j].stage_cost;
    for (std::size_t i : preds[j]) v += net.stages[i].unit_value;
    net.stages[j].unit_value = v;
    net.stages[j].holding_cost_per_unit_period = options.holding_rate * v;
  }
  return net;
}

}  // namespace echelon
