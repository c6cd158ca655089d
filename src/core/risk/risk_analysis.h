// Slow-moving and obsolete stock over a portfolio: the facade the app and the CLI call.
//
// For every (item, location) history it computes the signals (signals.h), the calibrated
// probability of no demand over the horizon (risk_score.h, fitted on the portfolio's own
// history: every labelled cut-off up to T - H, so nothing after the end T of the history is
// used), the flags (risk_rules.h) and, where the stock is known, the exposure and the ranked
// mitigation actions (exposure.h). Transfers go to the item's other locations with expected
// demand over the horizon that their own stock does not cover.
//
// Work is sliced so a browser frame stays short (no threads, no clocks): `step` does at most
// `max_work_units` units and returns; results are identical however the work is sliced.
// Work units: one period of one item's history (training phase: the item's rows at every
// cut-off), one training row of one Newton step (fit phase, where a step is cut into parts of
// rows), one item (scoring and action phases). A call may overrun its budget by at most one
// item's history in the training phase.
//   auto run = RiskAnalysis::start(items, options);      // validates; every problem at once
//   while (!run->finished()) { run->step({.max_work_units = 20000}); show(run->progress()); }
//   use(run->results());
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/risk/exposure.h"
#include "core/risk/risk_rules.h"
#include "core/risk/risk_score.h"

namespace echelon::risk {

struct RiskItemInput {
  std::string item;
  std::string location;               // "" when there is one location
  std::vector<double> demand;         // per period, oldest first; NaN = not observed
  std::optional<StockPosition> stock; // unknown: no cover, exposure or actions
};

struct RiskAnalysisOptions {
  ScoreOptions score;          // score.horizon_periods is the horizon H of everything
  RiskRules rules;
  ActionAssumptions actions;
};

struct ItemRisk {
  std::string item;
  std::string location;
  ItemSignals signals;
  double no_demand_probability = 0.0;
  RiskFlag flag;
  std::optional<Exposure> exposure;        // when the stock is known
  double transfer_room_units = 0.0;        // demand elsewhere that could absorb this excess
  std::vector<MitigationAction> actions;   // ranked; empty unless flagged with stock known
};

enum class RiskPhase { training, fitting, scoring, actions, done };
const char* risk_phase_name(RiskPhase phase);

struct RiskWorkBudget {
  long long max_work_units = 0;  // 0: no limit
};

struct RiskProgress {
  RiskPhase phase = RiskPhase::training;
  long long work_done = 0;       // in this call
  int items_done = 0;            // in the current phase (items, or Newton steps when fitting)
  int items_total = 0;
  bool finished = false;
};

class RiskAnalysis {
 public:
  // Problems (paths "items/<i>/..."): a negative or infinite demand, a bad stock position,
  // options out of range.
  static Result<RiskAnalysis> start(std::vector<RiskItemInput> items, const RiskAnalysisOptions& options = {});

  RiskProgress step(const RiskWorkBudget& budget = {});
  bool finished() const { return phase_ == RiskPhase::done; }
  RiskProgress progress() const;

  const ScoreModel& model() const { return model_; }  // final once past the fitting phase
  // One entry per input item, in input order; complete once finished().
  const std::vector<ItemRisk>& results() const { return results_; }

 private:
  std::vector<RiskItemInput> items_;
  RiskAnalysisOptions options_;
  RiskPhase phase_ = RiskPhase::training;
  std::size_t next_ = 0;
  ScoreTrainingSet training_;
  std::optional<LogisticFit> fit_;
  ScoreModel model_;
  std::vector<ItemRisk> results_;
};

// Everything at once.
Result<std::vector<ItemRisk>> analyse_risk(std::vector<RiskItemInput> items, const RiskAnalysisOptions& options = {});

}  // namespace echelon::risk
