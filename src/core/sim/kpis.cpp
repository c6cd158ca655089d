#include "core/sim/kpis.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/stats/stats.h"

namespace echelon::sim {

Estimate Welford::estimate() const {
  Estimate e;
  e.mean = mean;
  if (n < 2.0) {
    e.half_width = std::numeric_limits<double>::infinity();
  } else {
    e.half_width = student_t_975(static_cast<int>(n) - 1) * std::sqrt(m2 / (n - 1.0) / n);
  }
  return e;
}

void stage_kpi_values(const SimStage& st, const double* sums, double periods, double* values) {
  auto get = [&](int which) { return sums[which]; };
  // A stage's demand: external plus its children's orders (a stage rarely has both, and then
  // one of the two sums is exactly zero).
  const double dem = get(aExtDemand) + get(aIntDemand);
  const double fill = dem > 0.0 ? (get(aExtFilled) + get(aIntFilled)) / dem : 1.0;
  const double cycles = get(aCycles);
  const double csl = cycles > 0.0 ? 1.0 - get(aCycleStockouts) / cycles : (get(aStockout) > 0.0 ? 0.0 : 1.0);
  // Stock the stage pays for: on hand plus shipped and not yet part of a full set downstream.
  const double stock = get(aOnHand) + get(aInTransit);
  values[kFill] = fill;
  values[kCsl] = csl;
  values[kReady] = get(aReady) / periods;
  values[kStockout] = get(aStockout) / periods;
  values[kOnHand] = get(aOnHand) / periods;
  values[kBackorders] = get(aBackorders) / periods;
  values[kOwedDown] = get(aOwedDown) / periods;
  values[kOnOrder] = get(aOnOrder) / periods;
  values[kInTransit] = get(aInTransit) / periods;
  values[kLost] = get(aLost) / periods;
  values[kValue] = st.unit_value * stock / periods;
  values[kHold] = st.holding_cost_per_unit_period * stock / periods;
  values[kOrder] = st.ordering_cost_per_order * get(aOrders) / periods;
  values[kShort] = st.shortage_cost_per_unit * (get(aBackorders) + get(aLost)) / periods;
  values[kTotal] = values[kHold] + values[kOrder] + values[kShort];
  values[kOnTimePeriods] = get(aOnTimePeriods) / periods;
  values[kOnTimeUnits] = get(aDueUnits) > 0.0 ? 1.0 - get(aLateUnits) / get(aDueUnits) : 1.0;
  for (int k = 0; k < kOverdueProbes; ++k)
    values[kOnTimeAtProbe + k] = st.overdue_probe_units[static_cast<std::size_t>(k)] > 0.0 ? get(aProbePeriods + k) / periods
                                                                                           : values[kOnTimePeriods];
}

void KpiTally::reset(int stages) {
  stage_count = stages;
  stage_kpi.assign(static_cast<std::size_t>(stages) * kStageKpiCount, Welford{});
  net_kpi.assign(kNetKpiCount, Welford{});
  worst_stage_fill.assign(static_cast<std::size_t>(stages), 1.0);
  rep_total_cost.clear();
  rep_net_fill.clear();
}

void KpiTally::add_replication(const std::vector<SimStage>& stages, const double* sums, double net_stockout_periods,
                               double periods) {
  double net_demand = 0.0, net_filled = 0.0;
  double totals[kNetKpiCount] = {};
  for (int s = 0; s < stage_count; ++s) {
    const double* own = sums + static_cast<std::size_t>(s) * kAccCount;
    double values[kStageKpiCount];
    stage_kpi_values(stages[static_cast<std::size_t>(s)], own, periods, values);
    for (int k = 0; k < kStageKpiCount; ++k) stage_kpi[static_cast<std::size_t>(s) * kStageKpiCount + k].add(values[k]);
    worst_stage_fill[static_cast<std::size_t>(s)] = std::min(worst_stage_fill[static_cast<std::size_t>(s)], values[kFill]);
    net_demand += own[aExtDemand];
    net_filled += own[aExtFilled];
    totals[nOnHand] += values[kOnHand];
    totals[nBackorders] += values[kBackorders];
    totals[nOnOrder] += values[kOnOrder];
    totals[nInTransit] += values[kInTransit];
    totals[nLost] += values[kLost];
    totals[nValue] += values[kValue];
    totals[nHold] += values[kHold];
    totals[nOrder] += values[kOrder];
    totals[nShort] += values[kShort];
    totals[nTotal] += values[kTotal];
  }
  totals[nFill] = net_demand > 0.0 ? net_filled / net_demand : 1.0;
  totals[nStockout] = net_stockout_periods / periods;
  for (int k = 0; k < kNetKpiCount; ++k) net_kpi[k].add(totals[k]);
  rep_total_cost.push_back(totals[nTotal]);
  rep_net_fill.push_back(totals[nFill]);
}

SimEstimates KpiTally::estimates(int replications_done, int replications_target) const {
  SimEstimates out;
  out.stages.resize(static_cast<std::size_t>(stage_count));
  for (int s = 0; s < stage_count; ++s) {
    auto k = [&](int which) { return stage_kpi[static_cast<std::size_t>(s) * kStageKpiCount + which].estimate(); };
    StageKpis& x = out.stages[static_cast<std::size_t>(s)];
    x.fill_rate = k(kFill);
    x.cycle_service_level = k(kCsl);
    x.ready_rate = k(kReady);
    x.stockout_probability = k(kStockout);
    x.on_hand = k(kOnHand);
    x.backorders = k(kBackorders);
    x.owed_downstream = k(kOwedDown);
    x.on_order = k(kOnOrder);
    x.in_transit = k(kInTransit);
    x.lost_sales = k(kLost);
    x.inventory_value = k(kValue);
    x.holding_cost = k(kHold);
    x.ordering_cost = k(kOrder);
    x.shortage_cost = k(kShort);
    x.total_cost = k(kTotal);
    x.worst_fill_rate = worst_stage_fill[static_cast<std::size_t>(s)];
    x.on_time_period_share = k(kOnTimePeriods);
    x.on_time_unit_share = k(kOnTimeUnits);
    for (int p = 0; p < kOverdueProbes; ++p) x.on_time_period_share_at_probe[static_cast<std::size_t>(p)] = k(kOnTimeAtProbe + p);
  }
  NetworkKpis& nk = out.network;
  nk.fill_rate = net_kpi[nFill].estimate();
  nk.stockout_probability = net_kpi[nStockout].estimate();
  nk.on_hand = net_kpi[nOnHand].estimate();
  nk.backorders = net_kpi[nBackorders].estimate();
  nk.on_order = net_kpi[nOnOrder].estimate();
  nk.in_transit = net_kpi[nInTransit].estimate();
  nk.lost_sales = net_kpi[nLost].estimate();
  nk.inventory_value = net_kpi[nValue].estimate();
  nk.holding_cost = net_kpi[nHold].estimate();
  nk.ordering_cost = net_kpi[nOrder].estimate();
  nk.shortage_cost = net_kpi[nShort].estimate();
  nk.total_cost = net_kpi[nTotal].estimate();
  std::vector<double> costs = rep_total_cost;
  std::sort(costs.begin(), costs.end());
  nk.total_cost_median = stats::sample_quantile_sorted(costs, 0.5);
  nk.total_cost_p90 = stats::sample_quantile_sorted(costs, 0.9);
  nk.total_cost_p95 = stats::sample_quantile_sorted(costs, 0.95);
  if (!costs.empty()) {
    const std::size_t tail = (costs.size() + 19) / 20;
    double sum = 0.0;
    for (std::size_t i = costs.size() - tail; i < costs.size(); ++i) sum += costs[i];
    nk.total_cost_cvar95 = sum / static_cast<double>(tail);
  }
  nk.worst_fill_rate = rep_net_fill.empty() ? 1.0 : *std::min_element(rep_net_fill.begin(), rep_net_fill.end());

  Convergence& c = out.convergence;
  c.replications_done = replications_done;
  c.replications_target = replications_target;
  c.finished = replications_done >= replications_target;
  c.total_cost_relative_half_width =
      nk.total_cost.mean != 0.0 ? nk.total_cost.half_width / std::fabs(nk.total_cost.mean) : nk.total_cost.half_width;
  c.fill_rate_half_width = nk.fill_rate.half_width;
  return out;
}

}  // namespace echelon::sim
