#include "core/risk/signals.h"

#include <algorithm>
#include <cmath>

#include "core/learn/demand_class.h"
#include "core/learn/intermittent.h"
#include "core/risk/rate_drop.h"

namespace echelon::risk {

Result<ItemSignals> compute_signals(std::span<const double> demand, const SignalOptions& options) {
  Problems problems;
  if (options.recent_window_periods < 1) problems.push_back({"recent_window_periods", "must be at least 1"});
  if (options.tsb_initial_periods < 1) problems.push_back({"tsb_initial_periods", "must be at least 1"});
  learn::IntermittentOptions tsb;
  tsb.beta_probability = options.tsb_probability_weight;
  tsb.alpha_size = options.tsb_size_weight;
  {
    int seen = 0, hits = 0;
    for (double d : demand) {
      if (std::isnan(d)) continue;
      if (seen == options.tsb_initial_periods) break;
      ++seen;
      hits += d > 0.0 ? 1 : 0;
    }
    tsb.initial_probability = seen > 0 ? static_cast<double>(hits) / seen : 0.0;
  }
  auto path = learn::intermittent_forecast(demand, learn::IntermittentMethod::tsb, tsb);
  if (!path.ok()) {
    for (Problem p : path.problems()) {
      if (p.path == "beta_probability") p.path = "tsb_probability_weight";
      if (p.path == "alpha_size") p.path = "tsb_size_weight";
      problems.push_back(std::move(p));
    }
  }
  if (!problems.empty()) return problems;

  ItemSignals s;
  const learn::DemandProfile profile = learn::demand_profile(demand);
  s.observed_periods = profile.observed_periods;
  s.demand_periods = profile.nonzero_periods;

  // One pass over the observed periods, newest first, to split off the recent window.
  const int window = options.recent_window_periods;
  double recent_units = 0.0, earlier_units = 0.0;
  int last_demand_position = 0;  // 1-based position among observed periods; 0 = none
  int previous_position = 0, longest_gap = 0, position = 0;
  for (double d : demand) {
    if (std::isnan(d)) continue;
    ++position;
    if (d > 0.0) {
      longest_gap = std::max(longest_gap, position - previous_position);
      previous_position = position;
      last_demand_position = position;
    }
  }
  const int recent_start = std::max(0, s.observed_periods - window);  // observed periods before the window
  position = 0;
  for (double d : demand) {
    if (std::isnan(d)) continue;
    ++position;
    s.total_demand += d;
    const bool recent = position > recent_start;
    (recent ? recent_units : earlier_units) += d;
    if (d > 0.0) ++(recent ? s.recent_demand_periods : s.earlier_demand_periods);
  }
  s.recent_periods = s.observed_periods - recent_start;
  s.earlier_periods = recent_start;
  s.recent_rate_per_period = s.recent_periods > 0 ? recent_units / s.recent_periods : 0.0;
  s.earlier_rate_per_period = s.earlier_periods > 0 ? earlier_units / s.earlier_periods : 0.0;
  s.rate_ratio = s.earlier_rate_per_period > 0.0 ? s.recent_rate_per_period / s.earlier_rate_per_period : 1.0;
  s.rate_drop_p_value = rate_drop_p_value(
      {s.recent_periods, s.recent_demand_periods, s.earlier_periods, s.earlier_demand_periods});

  // TSB probability, forecast and its trend.
  s.tsb_probability = path->next_probability;
  s.tsb_forecast_per_period = path->next_forecast;
  if (s.demand_periods > 0) {
    const double share = static_cast<double>(s.demand_periods) / s.observed_periods;
    s.tsb_probability_decay = s.tsb_probability / share;
  }
  // The forecast made W observed periods ago: path.forecast at the raw index of the first
  // period of the window (one step ahead, so it uses only the periods before the window).
  if (s.recent_periods > 0 && s.earlier_periods > 0) {
    int seen = 0;
    double then = 0.0;
    for (std::size_t t = 0; t < demand.size(); ++t) {
      if (std::isnan(demand[t])) continue;
      if (seen == recent_start) {
        then = path->forecast[t];
        break;
      }
      ++seen;
    }
    if (then > 0.0) s.forecast_trend = s.tsb_forecast_per_period / then - 1.0;
    else s.forecast_trend = s.tsb_forecast_per_period > 0.0 ? 1.0 : 0.0;
  }

  // Silence against the usual gaps.
  s.periods_since_demand = s.observed_periods - last_demand_position;
  s.longest_gap_periods = longest_gap;
  if (s.demand_periods > 0) {
    s.usual_gap_periods = profile.adi;
    s.age_over_usual_gap = s.periods_since_demand / s.usual_gap_periods;
    const double q = static_cast<double>(s.demand_periods) / (last_demand_position + 1.0);
    s.silence_probability = std::pow(1.0 - q, s.periods_since_demand);
  }
  return s;
}

}  // namespace echelon::risk
