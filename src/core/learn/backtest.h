// Backtesting a buffer method on a demand history: plan each period from the past only, then
// meet the demand that actually happened.
//
// Design (the same for every method compared, so only the method differs):
//   - fixed training: periods [0, T) are history only; the test runs over [T, n);
//   - review every period, lead time L whole periods, backorders. At the start of test period
//     t: receive what was ordered at t - L, then raise the inventory position (on hand + on
//     order - backorders) to the method's order-up-to level S_t (no order when it is above),
//     then demand y_t is served from stock, the rest backordered. An order placed at t arrives
//     at the start of t + L, so S_t protects L + 1 periods of demand (H = L + 1).
//   - S_t is computed from periods before t only (one step ahead): nothing of the test period
//     itself or later is ever seen. A missing demand (NaN) counts as zero in the simulation.
//   - start: on hand = S_T, nothing on order.
//   - measures: fill rate = demand met from stock in the period it occurs / all demand (1 when
//     there is no demand), average inventory = mean on hand at the end of the test periods.
// Methods:
//   static   the textbook buffer: a normal with the training periods' mean m and standard
//            deviation s (divisor n - 1), S = the fill-rate level for X ~ N(H m, H s^2)
//            (buffer.h), fixed over the whole test;
//   learned  learn_demand (demand_learner.h) on everything before t, re-learned every period:
//            class, distribution, forecast and error spread, change points; how its level
//            moves over time is set by `level_update` and `level_smoothing` (below).
// Both use buffer.h's fill-rate rule with the same target.
#pragma once

#include <span>
#include <vector>

#include "core/base/result.h"
#include "core/learn/change_point.h"
#include "core/learn/demand_learner.h"

namespace echelon::learn {

struct SimulatedService {
  double demand = 0.0;
  double filled_from_stock = 0.0;
  double fill_rate = 1.0;
  double average_on_hand = 0.0;
};

// The simulation above for demand[first..n) with order-up-to levels S[t - first].
// Precondition: order_up_to.size() == demand.size() - first, lead_time_periods >= 0.
SimulatedService simulate_base_stock(std::span<const double> demand, std::size_t first,
                                     std::span<const double> order_up_to, int lead_time_periods);

// How the learned level moves over the test.
//   every_period  S_t is the level learned at t (smoothed by `level_smoothing`), re-planned every
//                 `relearn_every_periods` periods and, with `relearn_on_change`, on a new change.
//   falls_follow  for slow movers (class intermittent, lumpy or no demand in the data learned at
//                 t): a plan level P is learned at the first test period and again when a count
//                 CUSUM (change_point.h) on the demand since P was planned signals a rise of the
//                 plan's rate by `rise_ratio` (event-triggered re-planning, at an in-control
//                 average run length of `rise_in_control_arl` periods); in between
//                 S_t = min(P, S*_t), S*_t the level learned at t. The level follows falling
//                 demand at once, which never strands stock (a lower level only pauses orders),
//                 and rises only on the evidence of a rise: under base stock every rise is bought
//                 and cannot be given back, and for a slow mover a single demand entering a short
//                 estimation window moves S*_t by a whole unit or more, a rise that is noise and
//                 would be paid for. A sequential test is used, not a one-shot change test
//                 repeated every period, so that its false alarms per period are bounded. The
//                 plan's rate is E[X] / H of the level learned (at least 0.5 /
//                 `learning.rate_window_periods`: a rate of 0 cannot rise by a ratio, so a part
//                 without demand is watched as if it had half a unit in that window). A part that
//                 turns slow keeps the level it had as P.
//                 Smooth and erratic demand, whose forecast follows trends, keeps every_period's
//                 rule (smoothed, re-planned every period); `relearn_every_periods` and
//                 `relearn_on_change` are not used.
enum class LevelUpdate { every_period, falls_follow };

struct BacktestOptions {
  int training_periods = 24;         // T
  int lead_time_periods = 1;         // L
  double target_fill_rate = 0.95;
  DemandLearningOptions learning;    // goal, target and lead time are set from the above
  // w in (0, 1]: the learned level actually used is S_t = S_{t-1} + w (S*_t - S_{t-1}), S*_t the
  // level just learned (exponential smoothing of the level's changes; 1 uses S*_t as it is). Base
  // stock cannot give units back, so a level that jumps after one spike and falls again leaves
  // the units of the jump on hand until demand uses them; smoothing damps such re-estimation
  // noise at the price of a slower answer to a lasting change.
  double level_smoothing = 1.0;
  int relearn_every_periods = 1;     // the learned level is recomputed every k test periods, held between
  // With k > 1: re-plan at once, between the scheduled re-plans, when the change test of the
  // learning (demand_learner.h, step 1) places the start of the data used at a change it had not
  // found at the last re-plan (a plan cycle of k periods, with event-triggered re-planning).
  bool relearn_on_change = false;
  LevelUpdate level_update = LevelUpdate::every_period;
  double rise_ratio = 2.0;             // falls_follow: the rise of a slow mover's rate to detect
  double rise_in_control_arl = 370.0;  // falls_follow: periods between false alarms (Wald's approximation)
};

struct MethodBacktest {
  SimulatedService service;
  std::vector<double> order_up_to;  // per test period
  bool meets_target = false;
};

struct SeriesBacktest {
  MethodBacktest static_method;
  MethodBacktest learned;
  int test_periods = 0;
};

// The static method's fixed level for a target fill rate (training mean and sd, normal).
// Problems: fewer than 2 observed training periods, bad options.
Result<double> static_order_up_to(std::span<const double> demand, int training_periods, int lead_time_periods,
                                  double target_fill_rate);

// Problems: fewer than 2 training periods with a value, no test period, bad options.
Result<SeriesBacktest> backtest_series(std::span<const double> demand, const BacktestOptions& options);

}  // namespace echelon::learn
