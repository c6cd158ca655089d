#include "core/learn/portfolio.h"

#include <algorithm>
#include <utility>

namespace echelon::learn {

PortfolioLearner::PortfolioLearner(std::vector<SeriesToLearn> series, DemandLearningOptions options)
    : series_(std::move(series)), options_(std::move(options)) {
  results_.reserve(series_.size());
}

PortfolioLearner PortfolioLearner::from_history(const DemandHistory& history, const DemandLearningOptions& options) {
  std::vector<SeriesToLearn> series;
  series.reserve(history.series.size());
  for (const HistorySeries& s : history.series) series.push_back({s.item, s.location, s.quantities});
  return PortfolioLearner(std::move(series), options);
}

PortfolioLearner PortfolioLearner::for_plan(const Scenario& scenario, DemandLearningOptions options) {
  options.lead_time_periods = 0.0;
  std::vector<SeriesToLearn> series;
  series.reserve(scenario.demands.size());
  for (const Demand& d : scenario.demands) {
    series.push_back({d.item, d.node, d.history ? d.history->quantities : std::vector<double>{}});
  }
  return PortfolioLearner(std::move(series), std::move(options));
}

std::vector<std::optional<LearnedDemand>> PortfolioLearner::learned_models() const {
  std::vector<std::optional<LearnedDemand>> out;
  out.reserve(results_.size());
  for (const LearnedSeries& r : results_) out.push_back(r.learned);
  return out;
}

std::vector<std::optional<LearnedDemand>> PortfolioLearner::take_learned_models() {
  std::vector<std::optional<LearnedDemand>> out;
  out.reserve(results_.size());
  for (LearnedSeries& r : results_) {
    out.push_back(std::move(r.learned));
    r.learned.reset();
  }
  return out;
}

bool PortfolioLearner::step(int max_series) {
  const std::size_t end = std::min(series_.size(), results_.size() + static_cast<std::size_t>(std::max(1, max_series)));
  while (results_.size() < end) {
    const SeriesToLearn& s = series_[results_.size()];
    LearnedSeries r{s.item, s.location, std::nullopt, {}};
    auto learned = learn_demand(s.quantities, options_);
    if (learned.ok()) r.learned = std::move(learned).value();
    else r.problems = learned.problems();
    results_.push_back(std::move(r));
  }
  return finished();
}

}  // namespace echelon::learn
