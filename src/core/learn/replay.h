// Dynamic buffers: re-learning demand (and lead time) every period and re-sizing the buffer,
// replayed over a history so a person can see buffers follow a shock and how late they do.
//
// For each period t from `first_period` on, using only periods before t:
//   demand     learn_demand (demand_learner.h) on the last `learning.window_periods` periods,
//              cut at a detected change in level or spread (likelihood-ratio test);
//   lead time  when observed lead times are given (one per period, NaN where none arrived), the
//              mean and variance of the last `lead_time_window` observations, cut at a detected
//              change among them the same way; otherwise the fixed `learning.lead_time_periods`;
//   buffer     the order-up-to level and safety stock for the service goal.
// The lag shows directly: after a shock at period s, `data_from` jumps to about s at the period
// the change is detected, and the buffer moves with it.
#pragma once

#include <span>
#include <vector>

#include "core/base/result.h"
#include "core/learn/demand_learner.h"

namespace echelon::learn {

struct ReplayOptions {
  DemandLearningOptions learning;
  int first_period = 0;                     // 0: once learning.min_periods periods are observed
  std::vector<double> lead_time_observed;   // optional: per period, NaN where none was observed
  int lead_time_window = 12;
};

struct ReplayPeriod {
  int period = 0;
  bool learned = false;
  int data_from = 0;                 // first period the demand model used
  double forecast_per_period = 0.0;
  double lead_time_mean = 0.0;       // periods
  double lead_time_sd = 0.0;
  double protection_sd = 0.0;        // sd of demand over the protection interval, as used
  double safety_stock = 0.0;
  double order_up_to = 0.0;
};

struct Replay {
  std::vector<ReplayPeriod> periods;
  // Periods at which a new change was first detected (one more than min_segment periods after
  // the last one found, so the same change found again one period later is not listed twice).
  std::vector<int> demand_changes;
  std::vector<int> lead_time_changes;  // the same for the lead times
};

// Problems: as learn_demand, a lead-time list of another length, a window below 2.
Result<Replay> replay_buffers(std::span<const double> demand, const ReplayOptions& options = {});

}  // namespace echelon::learn
