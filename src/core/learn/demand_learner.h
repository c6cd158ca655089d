// Learning one demand series: its class, its distribution, its forecast and the buffer they imply.
//
// Steps, each from core/learn:
//   1. The data used: the last `window_periods` periods (all when 0); then, when
//      `detect_changes` is on, only the periods since a change found by a likelihood-ratio test
//      (change_point.h): in level or spread for smooth and erratic demand, in the probability
//      of demand for intermittent and lumpy demand; at least `min_periods` observed periods stay.
//   2. Class by ADI and CV² (demand_class.h), on the data used.
//   3. Distribution: every family fitted by maximum likelihood on the first 70% of the data used,
//      chosen on the last 30% (fit.h), refitted to all of it.
//   4. Forecast: candidates by class, weights fitted before the first rolling origin, chosen by
//      rolling-origin error, and the error spread measured over the protection interval
//      H = lead time + 1 review period (forecast.h).
//   5. Buffer: the base-stock level for the service goal (buffer.h) for demand over H with
//        mean  the forecast total plus, with `correct_bias`, the mean rolling-origin error over H
//              (a forecast that ran low, say after a rise or between the spikes of intermittent
//              demand, is lifted by what it missed on average; never below 0);
//        sd    the spread of the rolling-origin errors over H about that mean (the root mean
//              square without bias correction), or with SpreadBasis::demand_spread the textbook
//              sqrt(H) times the demand's standard deviation;
//        shape the chosen family's;
//        cap   (forecast-error basis) the variance is capped by the Bhatia-Davis bound with M the
//              largest total over H periods in the data used (buffer.h), and for intermittent
//              and lumpy demand (`cap_level_at_largest`) the level itself is at most M: under
//              the premise X <= M of that bound, S = M already leaves no shortage, and a
//              two-moment count model's tail would otherwise ask for more than was ever seen.
//      For intermittent and lumpy demand in whole units with a whole H, by default
//      (IntermittentSizing::recent_rate) the demand over H is a Poisson of mean H r, r the mean
//      demand of the last `rate_window_periods` periods of the data used (after any change): the
//      classic count model for slow movers (Silver, Pyke & Thomas 2017, ch. 9), whose whole-unit
//      levels suit parts sold one at a time, with a rate that forgets old demand so that a part
//      in decline is not stocked for its past. It counts units, not orders: where orders are of
//      several units the variance per period is about E[size^2] / E[size] times the mean, not
//      the mean, and the level falls short (in the evaluation, orders of 1 + Poisson(3) units
//      reached a fill rate of 0.73 against 0.95; docs/learning.md compares the alternatives).
//      IntermittentSizing::empirical_blocks assumes no family: the level is sized from the
//      empirical distribution of the demand over H consecutive periods of the data used
//      (buffer.h, size_buffer_empirical; Porras & Dekker 2008). Either way the fitted family
//      still describes one period's demand (demand_per_period), and the forecast the mean, which
//      are what plans use (core/plan): this step's level is the learner's own buffer.
// A series with fewer than `min_periods` observed periods in the data used is not learned: the
// sample mean and standard deviation of what there is stand in (a normal), and `learned` is
// false with the reason in `method`.
//
// Units: demand in units per period, lead times in periods of the same length.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/learn/buffer.h"
#include "core/learn/change_point.h"
#include "core/learn/demand_class.h"
#include "core/learn/fit.h"
#include "core/learn/forecast.h"
#include "core/model/distribution.h"

namespace echelon::learn {

enum class SpreadBasis {
  forecast_error,  // rolling-origin error spread of the chosen forecast (the default)
  demand_spread,   // the demand's own standard deviation times sqrt(H) (textbook)
};
std::string_view spread_basis_name(SpreadBasis b);  // "forecast error", "demand spread"

// How intermittent and lumpy demand (whole units) is sized.
enum class IntermittentSizing {
  parametric,        // the chosen family with the forecast and its error spread (buffer.h)
  empirical_blocks,  // the empirical distribution of demand over H periods (size_buffer_empirical)
  compound_binomial,  // the forecast's chance of demand with the sizes seen (size_buffer_compound_binomial)
  recent_rate,       // a Poisson of the mean demand over the last `rate_window_periods` periods used
};

struct DemandLearningOptions {
  double lead_time_periods = 1.0;   // L (mean); the protection interval is L + 1
  double lead_time_variance = 0.0;  // Var[L]
  ServiceGoal goal = ServiceGoal::fill_rate;
  double target = 0.95;
  SpreadBasis basis = SpreadBasis::forecast_error;
  int window_periods = 0;           // 0: the whole history
  bool detect_changes = true;
  ChangeTestOptions change;
  int min_periods = 12;             // observed periods needed to learn (at least 8)
  bool correct_bias = false;        // centre the buffer on forecast + mean rolling-origin error
  bool cap_level_at_largest = true;  // intermittent, lumpy: S at most M (see step 5)
  IntermittentSizing intermittent_sizing = IntermittentSizing::recent_rate;
  bool continuous_levels = false;   // empirical and compound sizing: the least real level (buffer.h)
  int rate_window_periods = 12;     // recent_rate: periods of the rate (at least 1)
  SelectionOptions distribution;
  std::vector<ForecastMethod> methods;  // empty: by class
};

struct LearnedDemand {
  bool learned = false;
  std::string method;                // one line naming what was done, for people
  int first_period_used = 0;         // index into the history of the first period used
  int periods_used = 0;              // observed periods used
  std::optional<ChangeTest> change;  // when a change was detected and the data cut there
  int change_period = -1;            // index into the history of the first period after that change
  DemandProfile profile;
  std::optional<Selection> distribution;
  std::optional<ForecastSelection> forecast;
  double mean_per_period = 0.0;        // the forecast (sample mean when not learned)
  double demand_sd_per_period = 0.0;   // sample sd of the data used (divisor n - 1)
  double error_sd_per_period = 0.0;    // rolling-origin one-step error sd (demand sd when not learned)
  double protection_periods = 1.0;     // H
  double protection_mean = 0.0;        // E[X] over H: forecast total plus the bias correction
  double bias_over_protection = 0.0;   // the mean rolling-origin error over H added (0 when off)
  double protection_sd = 0.0;          // sd behind the buffer, over H, by `basis`
  SpreadBasis basis = SpreadBasis::forecast_error;
  bool empirical_sizing = false;       // the buffer follows `intermittent_sizing` (not the family)
  BufferSizing buffer;                 // order-up-to level and safety stock
  Distribution demand_per_period;      // the learned distribution of one period's demand
};

// Problems: negative or infinite demand, bad options (lead time, target, window).
Result<LearnedDemand> learn_demand(std::span<const double> history, const DemandLearningOptions& options = {});

// The learned distribution of one period's demand moved to a given mean and sd (what a plan
// built on the forecast and its error spread assumes), keeping the learned family's shape:
// normal, gamma and lognormal by their mean and sd; Poisson by the mean; negative binomial by
// mean and sd when sd^2 > mean, else a Poisson; an empirical sample shifted by the change of
// mean (values below 0 become 0). A mean of 0 or less gives the constant 0; an sd of 0 the
// constant mean.
Distribution with_moments(const Distribution& learned, double mean, double sd);

}  // namespace echelon::learn
