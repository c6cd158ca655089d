#include "core/learn/replay.h"

#include <algorithm>
#include <cmath>

namespace echelon::learn {

Result<Replay> replay_buffers(std::span<const double> demand, const ReplayOptions& o) {
  if (!o.lead_time_observed.empty() && o.lead_time_observed.size() != demand.size()) {
    return Problem{"lead_time_observed", "needs one entry per demand period"};
  }
  if (o.lead_time_window < 2) return Problem{"lead_time_window", "must be at least 2"};
  for (double v : o.lead_time_observed) {
    if (!std::isnan(v) && !(v >= 0.0 && std::isfinite(v))) {
      return Problem{"lead_time_observed", "lead times must be finite numbers of at least 0"};
    }
  }
  std::size_t start = static_cast<std::size_t>(std::max(0, o.first_period));
  if (o.first_period <= 0) {
    int seen = 0;
    start = demand.size();
    for (std::size_t t = 0; t < demand.size(); ++t) {
      seen += std::isnan(demand[t]) ? 0 : 1;
      if (seen >= o.learning.min_periods) {
        start = t + 1;
        break;
      }
    }
  }
  Replay out;
  int last_cut = -1, last_lead_cut = -1;
  for (std::size_t t = start; t < demand.size(); ++t) {
    DemandLearningOptions learning = o.learning;
    ReplayPeriod p;
    p.period = static_cast<int>(t);
    p.lead_time_mean = learning.lead_time_periods;
    p.lead_time_sd = std::sqrt(learning.lead_time_variance);
    if (!o.lead_time_observed.empty()) {
      std::vector<double> recent;
      std::vector<int> when;
      for (std::size_t u = t; u-- > 0 && static_cast<int>(recent.size()) < o.lead_time_window;) {
        if (!std::isnan(o.lead_time_observed[u])) {
          recent.push_back(o.lead_time_observed[u]);
          when.push_back(static_cast<int>(u));
        }
      }
      std::reverse(recent.begin(), recent.end());
      std::reverse(when.begin(), when.end());
      if (!recent.empty()) {
        ChangeTestOptions c = learning.change;
        c.min_segment = 3;
        const ChangeTest test = likelihood_ratio_change(recent, c);
        std::size_t from = 0;
        if (test.changed) {
          from = static_cast<std::size_t>(test.split);
          if (last_lead_cut < 0 || when[from] > last_lead_cut + c.min_segment) {
            out.lead_time_changes.push_back(p.period);
          }
          last_lead_cut = when[from];
        }
        double sum = 0.0, squares = 0.0;
        const double n = static_cast<double>(recent.size() - from);
        for (std::size_t i = from; i < recent.size(); ++i) sum += recent[i];
        const double mean = sum / n;
        for (std::size_t i = from; i < recent.size(); ++i) squares += (recent[i] - mean) * (recent[i] - mean);
        learning.lead_time_periods = mean;
        learning.lead_time_variance = n > 1.0 ? squares / (n - 1.0) : 0.0;
        p.lead_time_mean = mean;
        p.lead_time_sd = std::sqrt(learning.lead_time_variance);
      }
    }
    auto learned = learn_demand(demand.first(t), learning);
    if (!learned.ok()) return learned.problems();
    p.learned = learned->learned;
    p.data_from = learned->first_period_used;
    if (learned->change_period >= 0) {
      if (last_cut < 0 || learned->change_period > last_cut + o.learning.change.min_segment) {
        out.demand_changes.push_back(p.period);
      }
      last_cut = learned->change_period;
    }
    p.forecast_per_period = learned->mean_per_period;
    p.protection_sd = learned->buffer.sd;
    p.safety_stock = learned->buffer.safety_stock;
    p.order_up_to = learned->buffer.order_up_to;
    out.periods.push_back(p);
  }
  return out;
}

}  // namespace echelon::learn
