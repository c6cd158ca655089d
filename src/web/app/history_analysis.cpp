#include "app/history_analysis.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace echelon::app {

namespace {

// Each demand's stage and unit cost, through maps built once: a scan of the stages and items per
// demand is quadratic, and on thousands of series took a frame's worth. The first match wins, as
// in a scan.
class DemandLookup {
 public:
  DemandLookup(const Scenario& scenario, const Plan& plan) {
    node_index_.reserve(scenario.nodes.size());
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) node_index_.emplace(scenario.nodes[i].id, i);
    stage_.reserve(plan.stages.size());
    for (std::size_t j = 0; j < plan.stages.size(); ++j) stage_.emplace(key(plan.stages[j].node_index, plan.stages[j].item), j);
    unit_cost_.reserve(scenario.items.size());
    for (const Item& it : scenario.items) unit_cost_.emplace(it.id, it.unit_cost);
  }

  std::optional<std::size_t> stage_of(const Demand& demand) const {
    const auto node = node_index_.find(demand.node);
    if (node == node_index_.end()) return std::nullopt;
    const auto stage = stage_.find(key(node->second, demand.item));
    if (stage == stage_.end()) return std::nullopt;
    return stage->second;
  }

  double unit_cost_of(const std::string& item) const {
    const auto it = unit_cost_.find(item);
    return it == unit_cost_.end() ? 0.0 : it->second;
  }

 private:
  static std::string key(std::size_t node_index, const std::string& item) {
    return std::to_string(node_index) + '\n' + item;
  }
  std::unordered_map<std::string, std::size_t> node_index_;
  std::unordered_map<std::string, std::size_t> stage_;
  std::unordered_map<std::string, double> unit_cost_;
};

}  // namespace

std::vector<HistoryRow> history_rows(const Scenario& scenario, const Plan& plan) {
  const DemandLookup lookup(scenario, plan);
  std::vector<HistoryRow> rows;
  for (std::size_t d = 0; d < scenario.demands.size(); ++d) {
    const Demand& demand = scenario.demands[d];
    if (!demand.history) continue;
    HistoryRow row;
    row.demand_index = d;
    row.item = demand.item;
    row.node = demand.node;
    row.unit_cost = lookup.unit_cost_of(demand.item);
    const std::vector<double>& q = demand.history->quantities;
    row.periods = static_cast<int>(q.size());
    // Two passes (mean, then squared deviations) keep the sd accurate for large, steady demand.
    double sum = 0.0;
    for (const double x : q) {
      if (std::isnan(x)) continue;
      sum += x;
      ++row.observed_periods;
    }
    if (row.observed_periods > 0) row.traditional_mean_per_period = sum / row.observed_periods;
    if (row.observed_periods > 1) {
      double squares = 0.0;
      for (const double x : q) {
        if (std::isnan(x)) continue;
        const double dev = x - row.traditional_mean_per_period;
        squares += dev * dev;
      }
      row.traditional_sd_per_period = std::sqrt(squares / (row.observed_periods - 1));
    }
    row.stage_index = lookup.stage_of(demand);
    if (row.stage_index) {
      const PlanStage& stage = plan.stages[*row.stage_index];
      row.source = stage.demand_model.source;
      row.method = stage.demand_model.method;
      row.learned_mean_per_period = stage.demand_model.mean_per_period;
      row.learned_sd_per_period = stage.demand_model.sd_per_period;
      row.safety_factor = stage.safety_factor;
      row.net_replenishment_time = stage.multi_echelon.net_replenishment_time;
      const double root_tau = std::sqrt(std::max(0.0, row.net_replenishment_time));
      row.traditional_safety_stock = row.safety_factor * row.traditional_sd_per_period * root_tau;
      row.learned_safety_stock = row.safety_factor * row.learned_sd_per_period * root_tau;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

HistoryTotals history_totals(const std::vector<HistoryRow>& rows) {
  HistoryTotals totals;
  for (const HistoryRow& row : rows) {
    ++totals.histories;
    totals.traditional_safety_stock_value += row.unit_cost * row.traditional_safety_stock;
    totals.learned_safety_stock_value += row.unit_cost * row.learned_safety_stock;
  }
  return totals;
}

std::vector<risk::RiskItemInput> risk_inputs(const Scenario& scenario, const Plan& plan) {
  const DemandLookup lookup(scenario, plan);
  std::vector<risk::RiskItemInput> items;
  for (const Demand& demand : scenario.demands) {
    if (!demand.history) continue;
    risk::RiskItemInput input;
    input.item = demand.item;
    input.location = demand.node;
    input.demand = demand.history->quantities;
    if (const auto stage = lookup.stage_of(demand)) {
      risk::StockPosition stock;
      stock.on_hand_units = std::max(0.0, plan.stages[*stage].multi_echelon.base_stock_level);
      stock.unit_cost = lookup.unit_cost_of(demand.item);
      input.stock = stock;
    }
    items.push_back(std::move(input));
  }
  return items;
}

Result<HistoryRiskRun> HistoryRiskRun::start(const Scenario& scenario, const Plan& plan,
                                             const risk::RiskAnalysisOptions& options) {
  HistoryRiskRun run;
  run.horizon_periods_ = options.score.horizon_periods;
  run.options_ = options;
  auto items = risk_inputs(scenario, plan);
  if (items.empty()) return run;
  auto analysis = risk::RiskAnalysis::start(std::move(items), options);
  if (!analysis.ok()) return analysis.problems();
  run.analysis_.emplace(std::move(analysis).value());
  return run;
}

bool HistoryRiskRun::step(long long max_work_units) {
  if (finished()) return true;
  analysis_->step({.max_work_units = std::max<long long>(1, max_work_units)});
  return finished();
}

double HistoryRiskRun::progress() const {
  if (finished()) return 1.0;
  const risk::RiskProgress p = analysis_->progress();
  // Four phases of roughly equal weight on screen; within a phase, by items.
  const double within = p.items_total > 0 ? static_cast<double>(p.items_done) / p.items_total : 0.0;
  return std::clamp((static_cast<double>(static_cast<int>(p.phase)) + within) / 4.0, 0.0, 1.0);
}

std::string HistoryRiskRun::phase() const {
  if (!analysis_) return "done";
  return risk::risk_phase_name(analysis_->progress().phase);
}

const std::vector<risk::ItemRisk>& HistoryRiskRun::results() const {
  static const std::vector<risk::ItemRisk> none;
  return analysis_ ? analysis_->results() : none;
}

RiskTimeline risk_timeline(std::span<const double> demand, const risk::ScoreModel& model,
                           const risk::RiskAnalysisOptions& options) {
  RiskTimeline t;
  constexpr int kBaselineSilence = 12;
  int observed = 0;
  int silent_run = 0;  // observed periods without demand since the last demand
  for (std::size_t c = 1; c <= demand.size(); ++c) {
    const double x = demand[c - 1];
    if (!std::isnan(x)) {
      ++observed;
      silent_run = x > 0.0 ? 0 : silent_run + 1;
    }
    if (observed < options.score.min_history_periods) continue;
    auto signals = risk::compute_signals(demand.subspan(0, c), options.score.signals);
    if (!signals.ok()) continue;
    const double p = risk::no_demand_probability(model, signals.value());
    const risk::RiskFlag flag = risk::apply_rules(options.rules, signals.value(), p, std::nullopt);
    const std::size_t k = t.cutoffs.size();
    t.cutoffs.push_back(static_cast<int>(c));
    t.no_demand_probability.push_back(p);
    t.flagged.push_back(flag.flagged ? 1 : 0);
    t.baseline.push_back(silent_run >= kBaselineSilence ? 1 : 0);
    for (auto& column : t.fired) column.push_back(0);
    for (const risk::RuleHit& hit : flag.fired) {
      const auto found = std::find(t.rules.begin(), t.rules.end(), std::string(hit.rule));
      std::size_t r = static_cast<std::size_t>(found - t.rules.begin());
      if (found == t.rules.end()) {
        t.rules.emplace_back(hit.rule);
        t.fired.emplace_back(k + 1, 0);
      }
      t.fired[r][k] = 1;
    }
    if (flag.flagged && t.first_flag < 0) t.first_flag = static_cast<int>(c);
    if (silent_run >= kBaselineSilence && t.first_baseline < 0) t.first_baseline = static_cast<int>(c);
  }
  return t;
}

}  // namespace echelon::app
