// Backtest of early-warning rules on demand histories: precision, recall and lead time against
// the baseline rule "no demand in the last 12 periods".
//
// Definitions (periods are 1-based raw periods of each history; a cut-off c means "periods
// 1..c are known"; NaN periods are not observed):
// - Truly obsolete at c: periods c+1 .. c+K all observed and without demand (K =
//   obsolete_horizon_periods, 12). Cut-offs where that window is incomplete have no label and
//   enter neither precision nor recall.
// - Baseline flag at c: periods c-B+1 .. c all observed and without demand (B =
//   baseline_silence_periods, 12).
// - Evaluated cut-offs: from the first with score.min_history_periods observed periods on.
// - Precision = flagged and truly obsolete / flagged; recall = flagged and truly obsolete /
//   truly obsolete; both over the labelled (item, cut-off) rows of the held-out items.
// - Death of an item: its last period with demand d, confirmed when periods d+1 .. d+B are all
//   observed without demand; the baseline then flags at b = d + B for good (its "eventual
//   flag"). Items with no demand at all have no death.
// - Lead time of a rule on a dead item: b - s, s the first evaluated cut-off c >= d at which
//   the rule flags (flags before the last demand were false alarms and do not count). Only
//   dead items that the rule flags at some c >= d enter the median; their number is reported
//   (lead_items, out of deaths). Lead times are at most B by construction and negative when
//   the rule flags after the baseline.
//
// Honest comparison (no look-ahead, equal precision):
// - Items are split in two by a hash of their id (the FNV-1a 64-bit hash of the id, finished
//   with MurmurHash3's fmix64; lowest bit 0: side A, 1: side B). Fold 1 fits the score model
//   (risk_score.h) and every threshold on side A's labelled rows and evaluates on side B; with
//   cross_fit (the default) fold 2 does the reverse, and the held-out results of both folds
//   are pooled, so every item is evaluated exactly once, by a model and thresholds that never
//   saw it (cross-fitting; a single split was found to swing the precision comparison by
//   +-0.03 on the car parts data, as the baseline's own precision differs between halves).
//   The signals at a cut-off use only periods up to the cut-off. With the default calibration
//   (other_items) the model uses the training side's outcomes, including outcomes after the
//   cut-off (a split of items, not of time); with other_items_before_cutoff the score at
//   cut-off c comes from a model refitted on the training side's rows whose outcome was known
//   at c (c' + K <= c), so it uses neither the held-out items nor the future. Early cut-offs,
//   where too few outcomes are known yet to fit, are then left out of the evaluation for every
//   rule (the baseline too), and so are deaths before the first evaluated cut-off.
// - Every rule (the score and each single signal) gets, in each fold, the threshold that flags
//   the most training rows while keeping the training precision at least the baseline's
//   precision on the same training rows plus `precision_margin` (0.01); the baseline itself
//   has no threshold. So rules are
//   compared with the baseline at (about) its precision, and the held-out precision shows how
//   well that transfers.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/risk/risk_score.h"

namespace echelon::risk {

struct BacktestSeries {
  std::string id;
  std::vector<double> demand;  // one value per period; NaN = not observed
};

// Which outcomes the score's calibration may use.
enum class CalibrationData {
  other_items,                // every labelled row of the training side (a split of items)
  other_items_before_cutoff,  // at cut-off c, only training-side rows whose outcome was known at c
};

struct BacktestOptions {
  int obsolete_horizon_periods = 12;  // K
  int baseline_silence_periods = 12;  // B
  ScoreOptions score;                 // its horizon is set to K
  bool cross_fit = true;              // two folds (each side of the split held out once)
  CalibrationData calibration = CalibrationData::other_items;
  // Thresholds aim at the baseline's training precision plus this margin, so that the held-out
  // precision, which differs from the training one by sampling noise, does not end up below.
  double precision_margin = 0.01;
};

// How a rule flags: value <= threshold (at_most) or value >= threshold (at_least).
enum class RuleDirection { at_most, at_least };

struct RuleReport {
  std::string name;             // "baseline", "score", or a signal name
  RuleDirection direction = RuleDirection::at_least;
  double threshold = 0.0;       // chosen on the training items (of the first fold)
  std::vector<double> fold_thresholds;  // one per fold
  bool precision_target_met = true;  // on the training items, in every fold
  double train_precision = 0.0, train_recall = 0.0;  // pooled over the folds' training sides
  // Held-out items (pooled over the folds: with cross-fitting, every item):
  int flags = 0, true_flags = 0, obsolete_rows = 0;
  double precision = 0.0, recall = 0.0;
  int deaths = 0;      // held-out items with a confirmed death
  int lead_items = 0;  // of which flagged at or after the last demand
  double median_lead_periods = 0.0;
  double mean_lead_periods = 0.0;
  int lead_at_least_3 = 0;  // items flagged 3 or more periods before the baseline
};

struct BacktestReport {
  int train_items = 0, test_items = 0;
  int train_rows = 0, test_rows = 0;  // labelled (item, cut-off) rows
  int evaluated_rows = 0;             // labelled rows scored out of fold
  int first_evaluated_cutoff = 0;     // 0, or the first cut-off evaluated (other_items_before_cutoff)
  double test_obsolete_share = 0.0;   // of the evaluated rows
  double target_precision = 0.0;      // the baseline's precision on the first fold's training items
  std::vector<double> fold_target_precisions;
  RuleReport baseline;
  RuleReport score;
  std::vector<RuleReport> signals;
  std::vector<ReliabilityBin> reliability;  // the score on the evaluated rows, scored out of fold
  double brier = 0.0;
  double brier_uncalibrated = 0.0;  // the TSB fallback (1 - p)^K on the same rows
  ScoreModel model;  // the first fold's (with other_items_before_cutoff: at the last cut-off)
};

// Problems: options out of range, bad demand values (with the series id), fewer than two items
// on either side of the split, no labelled rows.
Result<BacktestReport> run_backtest(const std::vector<BacktestSeries>& series, const BacktestOptions& options = {});

// The split used: true for training items.
bool is_training_item(const std::string& id);

// Median of values (the mean of the two middle ones for an even count); 0 for none.
double median(std::vector<double> values);

}  // namespace echelon::risk
