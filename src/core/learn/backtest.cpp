#include "core/learn/backtest.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

namespace echelon::learn {

SimulatedService simulate_base_stock(std::span<const double> demand, std::size_t first,
                                     std::span<const double> order_up_to, int lead_time_periods) {
  SimulatedService out;
  const std::size_t n = demand.size();
  if (first >= n || order_up_to.size() != n - first) return out;
  const auto lead = static_cast<std::size_t>(std::max(0, lead_time_periods));
  std::vector<double> arriving(n - first + lead + 1, 0.0);  // by test period index
  double on_hand = std::max(0.0, order_up_to[0]);
  double backorders = 0.0;
  double on_order = 0.0;
  double on_hand_sum = 0.0;
  for (std::size_t i = 0; i < n - first; ++i) {
    // 1. Receive.
    on_hand += arriving[i];
    on_order -= arriving[i];
    const double to_backorders = std::min(on_hand, backorders);
    on_hand -= to_backorders;
    backorders -= to_backorders;
    // 2. Order up to S_t.
    const double position = on_hand + on_order - backorders;
    const double order = std::max(0.0, order_up_to[i] - position);
    if (order > 0.0) {
      if (lead == 0) {
        on_hand += order;
        const double served = std::min(on_hand, backorders);
        on_hand -= served;
        backorders -= served;
      } else {
        arriving[i + lead] += order;
        on_order += order;
      }
    }
    // 3. Demand.
    const double d = std::isnan(demand[first + i]) ? 0.0 : demand[first + i];
    const double filled = std::min(on_hand, d);
    on_hand -= filled;
    backorders += d - filled;
    out.demand += d;
    out.filled_from_stock += filled;
    on_hand_sum += on_hand;
  }
  out.fill_rate = out.demand > 0.0 ? out.filled_from_stock / out.demand : 1.0;
  out.average_on_hand = on_hand_sum / static_cast<double>(n - first);
  return out;
}

Result<double> static_order_up_to(std::span<const double> demand, int training_periods, int lead_time_periods,
                                  double target_fill_rate) {
  if (training_periods < 2 || static_cast<std::size_t>(training_periods) > demand.size()) {
    return Problem{"training_periods", "must be at least 2 and within the series"};
  }
  const auto first = static_cast<std::size_t>(training_periods);
  double sum = 0.0;
  int count = 0;
  for (std::size_t t = 0; t < first; ++t) {
    if (!std::isnan(demand[t])) sum += demand[t], ++count;
  }
  if (count < 2) return Problem{"demand", "needs at least 2 observed training periods"};
  const double m = sum / count;
  double squares = 0.0;
  for (std::size_t t = 0; t < first; ++t) {
    if (!std::isnan(demand[t])) squares += (demand[t] - m) * (demand[t] - m);
  }
  const double s = std::sqrt(squares / (count - 1));
  const double h = lead_time_periods + 1.0;
  BufferSizingInput in;
  in.family = Family::normal;
  in.whole_units = false;
  in.forecast_per_period = m;
  in.horizon_forecast = m * h;
  in.horizon_error_sd = s * std::sqrt(h);
  in.protection_periods = h;
  in.goal = ServiceGoal::fill_rate;
  in.target = target_fill_rate;
  auto fixed = size_buffer(in);
  if (!fixed.ok()) return fixed.problems();
  return fixed->order_up_to;
}

Result<SeriesBacktest> backtest_series(std::span<const double> demand, const BacktestOptions& o) {
  if (o.training_periods < 2) return Problem{"training_periods", "must be at least 2"};
  if (o.lead_time_periods < 0) return Problem{"lead_time_periods", "must be at least 0"};
  if (!(o.target_fill_rate > 0.0 && o.target_fill_rate < 1.0)) return Problem{"target_fill_rate", "must be in (0, 1)"};
  if (!(o.level_smoothing > 0.0 && o.level_smoothing <= 1.0)) return Problem{"level_smoothing", "must be in (0, 1]"};
  if (!(o.rise_ratio > 1.0 && std::isfinite(o.rise_ratio))) return Problem{"rise_ratio", "must be a finite number above 1"};
  if (!(o.rise_in_control_arl > 1.0 && std::isfinite(o.rise_in_control_arl))) {
    return Problem{"rise_in_control_arl", "must be a finite number above 1"};
  }
  const auto first = static_cast<std::size_t>(o.training_periods);
  if (demand.size() <= first) return Problem{"demand", "has no period after the training periods"};
  auto fixed = static_order_up_to(demand, o.training_periods, o.lead_time_periods, o.target_fill_rate);
  if (!fixed.ok()) return fixed.problems();

  SeriesBacktest out;
  out.test_periods = static_cast<int>(demand.size() - first);
  out.static_method.order_up_to.assign(demand.size() - first, *fixed);

  DemandLearningOptions learning = o.learning;
  learning.lead_time_periods = o.lead_time_periods;
  learning.goal = ServiceGoal::fill_rate;
  learning.target = o.target_fill_rate;
  const auto every = static_cast<std::size_t>(std::max(1, o.relearn_every_periods));
  int planned_from = -1;  // first period used by the last re-plan's learning
  // A level just learned, smoothed against the last one used (level_smoothing).
  auto smoothed = [&](double level) {
    if (o.level_smoothing >= 1.0 || out.learned.order_up_to.empty()) return level;
    const double previous = out.learned.order_up_to.back();
    return previous + o.level_smoothing * (level - previous);
  };
  if (o.level_update == LevelUpdate::falls_follow) {
    double plan_level = 0.0;          // P, for slow movers
    std::optional<CountCusum> watch;  // rises of a slow mover's rate since P was planned
    const double rate_floor = 0.5 / std::max(1, learning.rate_window_periods);
    for (std::size_t t = first; t < demand.size(); ++t) {
      auto learned = learn_demand(demand.first(t), learning);
      if (!learned.ok()) return learned.problems();
      const DemandClass c = learned->profile.demand_class;
      const bool slow = c == DemandClass::intermittent || c == DemandClass::lumpy || c == DemandClass::no_demand;
      double level = learned->buffer.order_up_to;
      if (!slow) {
        level = smoothed(level);
        plan_level = level;
        watch.reset();
      } else {
        const bool rise = watch.has_value() && watch->step(demand[t - 1]);
        if (!watch.has_value() || rise) {
          if (!watch.has_value() && !out.learned.order_up_to.empty()) {
            plan_level = out.learned.order_up_to.back();  // became slow: P is the level it had
          } else {
            plan_level = level;
          }
          const double rate = std::max(rate_floor, learned->buffer.mean / learned->protection_periods);
          auto cusum = make_count_cusum(rate, o.rise_ratio, o.rise_in_control_arl);
          if (!cusum.ok()) return cusum.problems();
          watch = *cusum;
        }
        level = std::min(plan_level, level);
      }
      out.learned.order_up_to.push_back(level);
    }
  }
  for (std::size_t t = first; t < demand.size() && o.level_update == LevelUpdate::every_period; ++t) {
    const bool scheduled = (t - first) % every == 0;
    if (!scheduled && !o.relearn_on_change) {
      out.learned.order_up_to.push_back(out.learned.order_up_to.back());
      continue;
    }
    auto learned = learn_demand(demand.first(t), learning);
    if (!learned.ok()) return learned.problems();
    const bool new_change = learned->change.has_value() && learned->first_period_used > planned_from;
    if (!scheduled && !new_change) {
      out.learned.order_up_to.push_back(out.learned.order_up_to.back());
      continue;
    }
    planned_from = learned->first_period_used;
    out.learned.order_up_to.push_back(smoothed(learned->buffer.order_up_to));
  }
  for (MethodBacktest* method : {&out.static_method, &out.learned}) {
    method->service = simulate_base_stock(demand, first, method->order_up_to, o.lead_time_periods);
    method->meets_target = method->service.fill_rate >= o.target_fill_rate - 1e-12;
  }
  return out;
}

}  // namespace echelon::learn
