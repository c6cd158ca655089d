// What the scenario's demand histories say, beside the plan: the traditional estimate next to
// the learned one, and the obsolescence risk of every (item, location) with a history.
//
// Learning, side by side. For each scenario demand with a history:
//   traditional  the sample mean and standard deviation of the whole history (divisor n - 1),
//                what a spreadsheet planner would use;
//   learned      what the plan used (core/learn/demand_learner.h through core/plan/plan.h): the
//                chosen forecast as the mean and its rolling-origin one-step error sd as the
//                spread, with the method named.
// Both are turned into the safety stock the guaranteed-service model holds for that demand alone
// at the plan's placement: SS = z * sigma * sqrt(tau), with z the stage's safety factor and tau
// its net replenishment time (Graves and Willems 2000, eq. 2; the normal bound of
// core/meio/gsm.h). Same z, same tau, so the two columns differ only by the estimate of sigma.
//
// Obsolescence. core/risk/risk_analysis.h runs over the same histories, in slices counted in
// work units (so the results do not depend on how a frame loop slices it). A scenario does not
// record stock on hand, so the run assumes each (item, location) holds the plan's base-stock
// level at that stage, valued at the item's unit cost: exposure then reads "what this plan
// would tie up in an item that may not sell again", and the ranked actions are what to do
// instead. Where no plan stage matches, the stock is unknown (no exposure, no actions).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/risk/risk_analysis.h"

namespace echelon::app {

struct HistoryRow {
  std::size_t demand_index = 0;              // into Scenario::demands
  std::optional<std::size_t> stage_index;    // into Plan::stages, when the plan holds it
  std::string item;
  std::string node;
  int periods = 0;                           // length of the history
  int observed_periods = 0;                  // periods that are not missing
  double traditional_mean_per_period = 0.0;
  double traditional_sd_per_period = 0.0;
  std::string source;                        // the plan's StageDemandModel::source
  std::string method;                        // the plan's StageDemandModel::method
  double learned_mean_per_period = 0.0;
  double learned_sd_per_period = 0.0;
  double safety_factor = 0.0;                // z at the stage (0 without a stage)
  double net_replenishment_time = 0.0;       // tau at the stage, periods
  double traditional_safety_stock = 0.0;     // units: z * sd_traditional * sqrt(tau)
  double learned_safety_stock = 0.0;         // units: z * sd_learned * sqrt(tau)
  double unit_cost = 0.0;                    // the item's, in the scenario's currency
};

struct HistoryTotals {
  int histories = 0;
  double traditional_safety_stock_value = 0.0;  // sum of unit cost * traditional SS
  double learned_safety_stock_value = 0.0;
};

// One row per scenario demand with a history, in Scenario::demands order.
std::vector<HistoryRow> history_rows(const Scenario& scenario, const Plan& plan);
HistoryTotals history_totals(const std::vector<HistoryRow>& rows);

// The risk analysis's inputs for the same histories, stock assumed as the header says.
std::vector<risk::RiskItemInput> risk_inputs(const Scenario& scenario, const Plan& plan);

// The risk analysis run in slices, for a frame loop.
class HistoryRiskRun {
 public:
  // Nothing to run (no history): finished at once with no results.
  static Result<HistoryRiskRun> start(const Scenario& scenario, const Plan& plan,
                                      const risk::RiskAnalysisOptions& options = {});
  // Does at most `max_work_units` units; true once finished.
  bool step(long long max_work_units);
  bool finished() const { return !analysis_ || analysis_->finished(); }
  // 0..1, by phase and items within it.
  double progress() const;
  std::string phase() const;
  // Complete once finished(); one per history, in Scenario::demands order.
  const std::vector<risk::ItemRisk>& results() const;
  int horizon_periods() const { return horizon_periods_; }
  const risk::RiskAnalysisOptions& options() const { return options_; }
  // The fitted score model (final once finished()).
  const risk::ScoreModel* model() const { return analysis_ ? &analysis_->model() : nullptr; }

 private:
  std::optional<risk::RiskAnalysis> analysis_;
  risk::RiskAnalysisOptions options_;
  int horizon_periods_ = 0;
};

// When each rule would have flagged one history, cut-off by cut-off: at every cut-off c (periods
// 1..c known, from the score's minimum history on) the signals of the first c periods, the
// fitted score and the rules applied to them (stock unknown, so the cover rule cannot fire), and
// the baseline rule "no demand in the last 12 periods". Nothing after c is used at c.
struct RiskTimeline {
  std::vector<int> cutoffs;                       // c, 1-based periods known
  std::vector<double> no_demand_probability;      // per cut-off
  std::vector<unsigned char> flagged;             // the rule set's verdict per cut-off
  std::vector<unsigned char> baseline;            // 12 silent periods up to c
  std::vector<std::string> rules;                 // every rule that fired at some cut-off
  std::vector<std::vector<unsigned char>> fired;  // [rule][cut-off]
  int first_flag = -1;                            // first cut-off flagged (-1: never)
  int first_baseline = -1;
};
RiskTimeline risk_timeline(std::span<const double> demand, const risk::ScoreModel& model,
                           const risk::RiskAnalysisOptions& options);

}  // namespace echelon::app
