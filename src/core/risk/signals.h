// Early-warning signals of a dying item, from its demand history alone.
//
// Input: one demand per period, oldest first; NaN = not observed (skipped: it is neither demand
// nor its absence). Every signal is a pure function of the periods given, so a backtest that
// passes the history up to a cut-off sees exactly what a planner saw then (no look-ahead).
// Positions below count observed periods only.
//
// 1. Demand-probability decay (TSB, Teunter, Syntetos & Babai 2011; core/learn/intermittent.h):
//    p is smoothed every period, p <- p + beta (1[d > 0] - p), so after k periods without
//    demand p has fallen by the factor (1 - beta)^k. `tsb_probability_decay` compares p with
//    the item's share of periods with demand over the whole history (1 = as usual). TSB starts
//    from p_0 = the share of periods with demand among the first `tsb_initial_periods` observed
//    periods, so that for longer histories p_0 does not depend on where the history ends, and
//    the signals of successive cut-offs follow one TSB path.
// 2. Rate drop (core/risk/rate_drop.h): periods with demand in the last W observed periods
//    against those before, Fisher's exact one-sided p-value; and the ratio of the two demand
//    rates in units per period.
// 3. Time since last demand against the usual gaps: `periods_since_demand` (the age of the
//    current silence), `usual_gap_periods` (the mean inter-demand interval, ADI, of
//    core/learn/demand_class.h: position of the last demand / number of demands) and the
//    chance that a live item with its usual frequency stays silent that long:
//       silence_probability = (1 - q)^age,   q = n / (t_last + 1),
//    n demands in the first t_last observed periods (q is the Laplace-style estimate of the
//    per-period chance of demand up to the last demand; the + 1 keeps q < 1, so an item that
//    sold every period is not declared dead with certainty after one quiet period).
// 4. Trend of the forecast: the TSB forecast now against the one made W periods earlier,
//    forecast_now / forecast_then - 1 (-1: fallen to zero, 0: unchanged).
// Cover (on hand / expected demand over a horizon) needs the stock, so it is in exposure.h.
#pragma once

#include <span>

#include "core/base/result.h"

namespace echelon::risk {

struct SignalOptions {
  int recent_window_periods = 12;    // W: the rate-drop window and the trend's look-back
  double tsb_probability_weight = 0.1;  // beta of TSB's demand probability
  double tsb_size_weight = 0.1;         // alpha of TSB's demand size
  int tsb_initial_periods = 12;         // p_0 from this many first observed periods
};

struct ItemSignals {
  int observed_periods = 0;
  int demand_periods = 0;       // observed periods with demand > 0
  double total_demand = 0.0;    // units

  // 1. TSB
  double tsb_probability = 0.0;          // p after the last period: chance of demand next period
  double tsb_forecast_per_period = 0.0;  // p z, units per period
  double tsb_probability_decay = 1.0;    // p / (demand_periods / observed_periods); 1 with no demand

  // 2. Rate drop
  int recent_periods = 0;            // observed periods in the window (up to W)
  int recent_demand_periods = 0;
  int earlier_periods = 0;
  int earlier_demand_periods = 0;
  double recent_rate_per_period = 0.0;   // units per observed period in the window
  double earlier_rate_per_period = 0.0;  // units per observed period before it
  double rate_ratio = 1.0;               // recent / earlier; 1 when the earlier rate is 0
  double rate_drop_p_value = 1.0;

  // 3. Time since last demand
  int periods_since_demand = 0;    // observed periods after the last demand (all of them if none)
  double usual_gap_periods = 0.0;  // ADI; 0 with no demand
  int longest_gap_periods = 0;     // longest run of periods from one demand to the next (or from the start)
  double age_over_usual_gap = 0.0; // periods_since_demand / usual_gap_periods; 0 with no demand
  double silence_probability = 1.0;

  // 4. Trend
  double forecast_trend = 0.0;     // forecast now / forecast W periods ago - 1; 0 when both are 0, 1 when it rose from 0
};

// Problems: W < 1, tsb_initial_periods < 1, weights outside (0, 1], negative or infinite demand (named "period N").
Result<ItemSignals> compute_signals(std::span<const double> demand, const SignalOptions& options = {});

}  // namespace echelon::risk
