// Point forecasts of demand per period with fitted smoothing weights, and the spread of their
// errors measured out of sample, which is what sizes safety stock.
//
// Methods (one step ahead: the forecast for period t uses periods before t only; a NaN period
// is not observed and changes nothing):
//   SES   simple exponential smoothing (Brown 1959): level l <- l + a (y - l); forecast l.
//   Holt  trended smoothing (Holt 1957): l' = a y + (1 - a)(l + b), b' = c (l' - l) + (1 - c) b;
//         the forecast h periods ahead is l + h b.
//   Croston, SBA, TSB for intermittent demand (core/learn/intermittent.h); Croston and SBA use
//         one weight for size and interval, TSB a for the size and c for the probability.
// Start: SES and Holt take the first observed value as the level (Holt's trend starts at 0),
// so there is no forecast for the first observed period; the intermittent methods start as in
// intermittent.h.
//
// Weights are fitted by least squares of the one-step errors over the fitting periods (every
// period with both a forecast and an observation), searched on a fixed grid (a, and c for the
// two-weight methods) and refined by golden-section search around the best one-weight point:
// deterministic, and no local optimiser can wander off.
//
// Rolling-origin evaluation (Tashman 2000, "Out-of-sample tests of forecasting accuracy", IJF
// 16(4)): the weights are fitted on the periods before the first origin o_1 only; then from
// each origin o = o_1, o_1 + 1, ... the forecast of the next H periods (H = horizon_periods) is
// compared with what happened: e_o = sum of y over [o, o + H) - forecast of that sum. The error
// standard deviation is sqrt(mean e_o^2) (the root mean square: a biased method pays for its
// bias). For safety stock over a protection interval of H periods this measured spread is used
// directly; when fewer than min_horizon_origins origins have H periods after them, it falls back
// to the one-step spread times sqrt(H) (independent errors), and says so.
// Origins whose window holds a missing period are skipped.
//
// Method choice: the candidate with the least rolling-origin mean square one-step error; ties
// keep the earlier method. By default the candidates follow the demand class
// (core/learn/demand_class.h), the purpose of the Syntetos–Boylan scheme: smooth and erratic
// series try SES and Holt; intermittent and lumpy ones Croston, SBA and TSB.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon::learn {

enum class ForecastMethod { ses, holt, croston, sba, tsb };
std::string_view forecast_method_name(ForecastMethod m);  // "SES", "Holt", "Croston", "SBA", "TSB"

struct SmoothingWeights {
  double alpha = 0.1;  // level (SES, Holt), size and interval (Croston, SBA), size (TSB)
  double beta = 0.1;   // trend (Holt), demand probability (TSB); unused otherwise
};

// Forecasts are never below zero: a negative Holt forecast counts as 0.
struct ForecastPath {
  std::vector<double> one_step;        // per input period; NaN where no forecast exists yet
  std::vector<double> one_step_trend;  // Holt's trend known before each period; 0 otherwise
  double next = 0.0;                   // after the last period: next period's forecast
  double trend = 0.0;                  // Holt's trend after the last period; 0 otherwise
  // Forecast of the total demand over the next h periods after the series:
  // h next + trend h (h - 1) / 2, at least 0.
  double total_over(int h) const;
  // The same from before period t (t < one_step.size()); NaN when there is no forecast there.
  double total_from(std::size_t t, int h) const;
};

// Problems: a weight outside (0, 1], negative or infinite demand.
Result<ForecastPath> run_forecast(std::span<const double> series, ForecastMethod method, const SmoothingWeights& weights);

// Least-squares weights over the one-step errors of all of `series` (see above); the weights of
// the grid's first point when no error can be measured.
SmoothingWeights fit_weights(std::span<const double> series, ForecastMethod method);
// Mean square one-step error of a path against its series from period `from` on (NaN if none).
double mean_square_error(std::span<const double> series, const ForecastPath& path, std::size_t from);

struct ForecastOptions {
  std::vector<ForecastMethod> methods;  // empty: by demand class (see above)
  int horizon_periods = 1;              // H: periods the error is measured over (protection interval)
  int first_origin = 0;                 // index of o_1; 0: after 60% of the observed periods (at least 6)
  int min_horizon_origins = 6;
};

struct MethodScore {
  ForecastMethod method = ForecastMethod::ses;
  SmoothingWeights weights;          // fitted before the first origin
  double one_step_mse = 0.0;         // rolling-origin, from o_1 on
  int origins = 0;
};

struct ForecastSelection {
  ForecastMethod method = ForecastMethod::ses;
  SmoothingWeights weights;             // refitted to the whole series for the forecast below
  double forecast_per_period = 0.0;     // next period's forecast
  double horizon_forecast = 0.0;        // total over the next H periods
  double one_step_error_sd = 0.0;       // rolling-origin root mean square one-step error
  double one_step_error_mean = 0.0;     // rolling-origin mean one-step error (actual - forecast)
  double horizon_error_sd = 0.0;        // the same for totals over H periods (what sizes buffers)
  double horizon_error_mean = 0.0;      // mean of e_o: positive when the method under-forecasts
                                        // (H times the one-step mean when scaled)
  int horizon_origins = 0;              // origins behind horizon_error_sd
  bool horizon_from_one_step = false;   // true when horizon_error_sd = one-step sd * sqrt(H)
  std::vector<MethodScore> candidates;  // every method tried
};

// Problems: fewer than 8 observed periods, or no period after the first origin, bad options.
Result<ForecastSelection> select_forecast(std::span<const double> series, const ForecastOptions& options = {});

}  // namespace echelon::learn
