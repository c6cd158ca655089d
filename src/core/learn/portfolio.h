// Learning many demand series in slices, so an app can show progress and stay responsive.
//
//   auto learner = PortfolioLearner::from_history(history, options);
//   while (!learner.finished()) { learner.step(50); show(learner.done(), learner.total()); }
//   for (const LearnedSeries& s : learner.results()) ...
//
// Work is counted in series (each learn_demand call is one unit), never in time, so a run gives
// the same results however it is sliced. Series are learned in input order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/io/history_csv.h"
#include "core/learn/demand_learner.h"
#include "core/model/model.h"

namespace echelon::learn {

struct SeriesToLearn {
  std::string item;
  std::string location;
  std::vector<double> quantities;  // one per period, oldest first; NaN = missing
};

struct LearnedSeries {
  std::string item;
  std::string location;
  std::optional<LearnedDemand> learned;  // absent when the series could not be learned
  Problems problems;                     // why not
};

class PortfolioLearner {
 public:
  PortfolioLearner(std::vector<SeriesToLearn> series, DemandLearningOptions options);
  static PortfolioLearner from_history(const DemandHistory& history, const DemandLearningOptions& options);
  // One series per scenario demand, in Scenario::demands order (a demand without a history gives
  // an empty series), learned as the plan learns them (one-period errors: lead time 0), so that
  // learned_models() can be handed to the plan (plan.h, HistoryLearning::learned).
  static PortfolioLearner for_plan(const Scenario& scenario, DemandLearningOptions options);

  // One entry per series so far: the learned model, or none where it could not be learned.
  std::vector<std::optional<LearnedDemand>> learned_models() const;
  // The same, moved out rather than copied (thousands of models with their forecasts take a
  // frame's worth to copy); results() keeps the items and problems but no longer the models.
  std::vector<std::optional<LearnedDemand>> take_learned_models();

  // Learns up to `max_series` more series (at least one); true once every series is learned.
  bool step(int max_series);
  bool finished() const { return results_.size() == series_.size(); }
  std::size_t done() const { return results_.size(); }
  std::size_t total() const { return series_.size(); }
  const std::vector<LearnedSeries>& results() const { return results_; }

 private:
  std::vector<SeriesToLearn> series_;
  DemandLearningOptions options_;
  std::vector<LearnedSeries> results_;
};

}  // namespace echelon::learn
