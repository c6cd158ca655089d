// The risk score: the probability that an item has no demand at all in the next H periods,
// calibrated on the item histories themselves.
//
// Label. At a cut-off c (the history known up to and including period c), an item is "silent
// over H" when the periods c+1 .. c+H are all observed and none has demand. Rows whose next H
// periods are not all observed have no label and are not used.
// Features (score_features): transforms of the signals of signals.h, chosen so that a linear
// predictor is sensible (logarithms of probabilities, ages and counts):
//   log TSB probability, log(1 + age), log(1 + age / usual gap), log silence probability,
//   log rate-drop p-value, log(1 + periods with demand), log(forecast now / then),
//   log(1 + observed periods), an indicator of "no demand yet" (the gap features are 0 then),
//   an indicator of "one demand so far" (its usual gap rests on a single observation, and in
//   the car parts data such items came back far more often than their silence suggests), and
//   log(1 + age)^2 (the odds of staying silent do not grow linearly in log age).
// Model. A logistic regression (logistic.h) of the label on the features, fitted on every
// labelled (item, cut-off) row of the training histories with cut-offs from `min_history_periods`
// on. Labels of cut-offs c <= T - H are known at the end T of the history, so scoring the items
// at T with a model fitted on their own history uses no data from after T. The logistic fit is
// calibrated on its training rows by construction (its intercept matches the base rate); its
// reliability elsewhere is measured by the backtest (reliability_table).
// Fallback. With too little labelled history (fewer than `min_rows` rows, or fewer than
// `min_each_class` rows of either label) the score is the TSB model's own
// P(no demand in H) = (1 - p)^H, which assumes the current p holds and is marked uncalibrated.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/risk/logistic.h"
#include "core/risk/signals.h"

namespace echelon::risk {

inline constexpr int kScoreFeatures = 11;
using ScoreFeatures = std::array<double, kScoreFeatures>;

ScoreFeatures score_features(const ItemSignals& s);
std::string_view score_feature_name(int index);  // "log_tsb_probability", ...

struct ScoreOptions {
  int horizon_periods = 12;       // H
  int min_history_periods = 12;   // first cut-off: this many observed periods known
  int cutoff_stride_periods = 1;  // training cut-offs every this many periods
  int min_rows = 50;
  int min_each_class = 5;
  SignalOptions signals;
  LogisticOptions logistic;
};

// Labelled rows for the fit: features row-major in `x`, labels (1 = silent over H) in `y`.
struct ScoreTrainingSet {
  std::vector<double> x;
  std::vector<unsigned char> y;
  std::size_t rows() const { return y.size(); }
};

// Silent over `horizon` after the first `cutoff` raw periods: 1 silent, 0 demand, -1 unknown
// (a missing period in the window, or the window runs past the series).
int silent_over_horizon(std::span<const double> demand, std::size_t cutoff, int horizon);

// Appends the rows of one history (every cut-off with a label, from the first with
// min_history_periods observed periods). Problems: those of compute_signals.
Problems append_training_rows(std::span<const double> demand, const ScoreOptions& options, ScoreTrainingSet& set);

struct ScoreModel {
  int horizon_periods = 12;
  bool calibrated = false;      // false: the uncalibrated TSB fallback
  LogisticModel logistic;       // when calibrated
  int training_rows = 0;
  int training_silent_rows = 0;
};

// Whether `set` has enough rows of each label for a fit (the rule of the fallback above).
bool enough_to_fit(const ScoreTrainingSet& set, const ScoreOptions& options);

// Fits the model (or returns the fallback when there is too little to fit). Problems: options
// out of range.
Result<ScoreModel> fit_score_model(const ScoreTrainingSet& set, const ScoreOptions& options = {});
// The fallback alone.
ScoreModel uncalibrated_score_model(int horizon_periods);

// P(no demand in the next H periods | signals).
double no_demand_probability(const ScoreModel& model, const ItemSignals& signals);

// Reliability (calibration) table: predictions grouped into `bins` equal-width probability
// bins ([0, 0.1), [0.1, 0.2), ..., [0.9, 1]), with the mean prediction and the observed share of
// silent outcomes in each. A calibrated score has the two close in every bin with many rows.
struct ReliabilityBin {
  double lower = 0.0, upper = 0.0;
  int rows = 0;
  double mean_predicted = 0.0;
  double observed_share = 0.0;  // 0 when the bin is empty
};
std::vector<ReliabilityBin> reliability_table(std::span<const double> predicted,
                                              std::span<const unsigned char> observed, int bins = 10);
// Mean squared difference between prediction and outcome (Brier 1950); 0 for no rows.
double brier_score(std::span<const double> predicted, std::span<const unsigned char> observed);

}  // namespace echelon::risk
