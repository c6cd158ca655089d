#include "core/risk/backtest.h"

#include <algorithm>
#include <array>
#include <map>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>

namespace echelon::risk {

namespace {

// One evaluated (item, cut-off).
struct Row {
  int item = 0;
  int cutoff = 0;        // periods known
  int label = -1;        // 1 obsolete, 0 not, -1 unknown
  bool baseline = false;
  ItemSignals signals;
  std::array<double, 2> score{};  // by the model of fold 0 and of fold 1
  double held_out_score = 0.0;     // by the model of the fold that holds the item out
};

struct SignalRule {
  const char* name;
  RuleDirection direction;
  std::function<double(const ItemSignals&)> value;
};

const std::vector<SignalRule>& signal_rules() {
  static const std::vector<SignalRule> rules = {
      {"tsb_probability", RuleDirection::at_most, [](const ItemSignals& s) { return s.tsb_probability; }},
      {"tsb_probability_decay", RuleDirection::at_most, [](const ItemSignals& s) { return s.tsb_probability_decay; }},
      {"rate_drop_p_value", RuleDirection::at_most, [](const ItemSignals& s) { return s.rate_drop_p_value; }},
      {"periods_since_demand", RuleDirection::at_least,
       [](const ItemSignals& s) { return static_cast<double>(s.periods_since_demand); }},
      {"age_over_usual_gap", RuleDirection::at_least, [](const ItemSignals& s) { return s.age_over_usual_gap; }},
      {"silence_probability", RuleDirection::at_most, [](const ItemSignals& s) { return s.silence_probability; }},
      {"forecast_trend", RuleDirection::at_most, [](const ItemSignals& s) { return s.forecast_trend; }},
  };
  return rules;
}

bool flags(RuleDirection d, double value, double threshold) {
  if (std::isnan(value)) return false;
  return d == RuleDirection::at_least ? value >= threshold : value <= threshold;
}

// Threshold flagging the most rows with precision >= target (ties in value are flagged
// together). Returns the threshold and whether the target was met; when it is not met anywhere,
// the threshold of the most precise prefix.
struct Choice {
  double threshold = 0.0;
  bool met = false;
};
Choice choose_threshold(std::vector<std::pair<double, int>> value_label, RuleDirection d, double target) {
  // Riskiest first.
  for (auto& [v, y] : value_label) {
    if (std::isnan(v)) v = d == RuleDirection::at_least ? -std::numeric_limits<double>::infinity()
                                                        : std::numeric_limits<double>::infinity();
  }
  std::sort(value_label.begin(), value_label.end(), [d](const auto& a, const auto& b) {
    return d == RuleDirection::at_least ? a.first > b.first : a.first < b.first;
  });
  Choice best;
  double best_precision = -1.0;
  Choice most_precise;
  int tp = 0, n = 0;
  for (std::size_t i = 0; i < value_label.size(); ++i) {
    tp += value_label[i].second;
    ++n;
    if (i + 1 < value_label.size() && value_label[i + 1].first == value_label[i].first) continue;
    if (std::isinf(value_label[i].first)) break;  // NaN signals never flag
    const double precision = static_cast<double>(tp) / n;
    if (precision >= target) best = {value_label[i].first, true};
    if (precision > best_precision) {
      best_precision = precision;
      most_precise = {value_label[i].first, false};
    }
  }
  return best.met ? best : most_precise;
}

// What one fold contributes to a rule's report: counts on its training items (for the
// threshold's training precision) and on its held-out items, and the held-out lead times.
struct FoldCounts {
  int train_flags = 0, train_true = 0, train_obsolete = 0;
  int flags = 0, true_flags = 0, obsolete = 0, deaths = 0;
  std::vector<double> leads;
};

template <typename Flag>
FoldCounts count_fold(const std::vector<Row>& rows, const std::vector<BacktestSeries>& series,
                      const std::vector<bool>& train, int baseline_periods, int first_cutoff, const Flag& flag) {
  FoldCounts c;
  for (const Row& r : rows) {
    if (r.label < 0) continue;
    const bool f = flag(r);
    if (train[static_cast<std::size_t>(r.item)]) {
      c.train_flags += f;
      c.train_true += f && r.label == 1;
      c.train_obsolete += r.label == 1;
    } else {
      c.flags += f;
      c.true_flags += f && r.label == 1;
      c.obsolete += r.label == 1;
    }
  }
  // Lead times on held-out dead items. Rows are grouped by item, in cut-off order.
  std::size_t i = 0;
  while (i < rows.size()) {
    const int item = rows[i].item;
    std::size_t end = i;
    while (end < rows.size() && rows[end].item == item) ++end;
    const auto& demand = series[static_cast<std::size_t>(item)].demand;
    if (!train[static_cast<std::size_t>(item)]) {
      int last = 0;  // 1-based period of the last demand
      for (std::size_t t = 0; t < demand.size(); ++t)
        if (!std::isnan(demand[t]) && demand[t] > 0.0) last = static_cast<int>(t) + 1;
      if (last > 0 && last >= first_cutoff &&
          silent_over_horizon(demand, static_cast<std::size_t>(last), baseline_periods) == 1) {
        ++c.deaths;
        for (std::size_t k = i; k < end; ++k) {
          if (rows[k].cutoff < last || !flag(rows[k])) continue;
          c.leads.push_back(static_cast<double>(last + baseline_periods - rows[k].cutoff));
          break;
        }
      }
    }
    i = end;
  }
  return c;
}

void finish(RuleReport& report, const std::vector<FoldCounts>& folds) {
  int train_flags = 0, train_true = 0, train_obsolete = 0;
  std::vector<double> leads;
  for (const FoldCounts& c : folds) {
    train_flags += c.train_flags;
    train_true += c.train_true;
    train_obsolete += c.train_obsolete;
    report.flags += c.flags;
    report.true_flags += c.true_flags;
    report.obsolete_rows += c.obsolete;
    report.deaths += c.deaths;
    leads.insert(leads.end(), c.leads.begin(), c.leads.end());
  }
  report.train_precision = train_flags > 0 ? static_cast<double>(train_true) / train_flags : 0.0;
  report.train_recall = train_obsolete > 0 ? static_cast<double>(train_true) / train_obsolete : 0.0;
  report.precision = report.flags > 0 ? static_cast<double>(report.true_flags) / report.flags : 0.0;
  report.recall = report.obsolete_rows > 0 ? static_cast<double>(report.true_flags) / report.obsolete_rows : 0.0;
  report.lead_items = static_cast<int>(leads.size());
  for (double l : leads) report.lead_at_least_3 += l >= 3.0;
  if (!leads.empty()) {
    double sum = 0.0;
    for (double l : leads) sum += l;
    report.mean_lead_periods = sum / static_cast<double>(leads.size());
    report.median_lead_periods = median(leads);
  }
}

}  // namespace

bool is_training_item(const std::string& id) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // FNV-1a mixes its high bits poorly for short ids that differ in one character ("G0001",
  // "G0002"), so finish with the 64-bit mixer of MurmurHash3 (fmix64) before taking a bit.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return (h & 1u) == 0;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

Result<BacktestReport> run_backtest(const std::vector<BacktestSeries>& series, const BacktestOptions& options) {
  Problems problems;
  if (options.obsolete_horizon_periods < 1) problems.push_back({"obsolete_horizon_periods", "must be at least 1"});
  if (options.baseline_silence_periods < 1) problems.push_back({"baseline_silence_periods", "must be at least 1"});
  if (options.score.min_history_periods < 1) problems.push_back({"score.min_history_periods", "must be at least 1"});
  if (!(options.precision_margin >= 0.0 && options.precision_margin < 1.0))
    problems.push_back({"precision_margin", "must be in [0, 1)"});
  if (!problems.empty()) return problems;
  ScoreOptions score_options = options.score;
  score_options.horizon_periods = options.obsolete_horizon_periods;

  BacktestReport report;
  std::vector<bool> train(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    train[i] = is_training_item(series[i].id);
    ++(train[i] ? report.train_items : report.test_items);
  }
  if (report.train_items < 2 || report.test_items < 2)
    return Problem{"series", "needs at least two items on each side of the training / held-out split"};

  // Signals, labels and baseline flags at every evaluated cut-off; training rows for the score.
  std::vector<Row> rows;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::span<const double> demand(series[i].demand);
    int observed = 0, silent_run = 0;  // silent_run: trailing observed-and-zero periods
    for (std::size_t c = 1; c <= demand.size(); ++c) {
      const double d = demand[c - 1];
      if (std::isnan(d)) {
        silent_run = 0;
        continue;
      }
      ++observed;
      silent_run = d > 0.0 ? 0 : silent_run + 1;
      if (observed < score_options.min_history_periods) continue;
      Row r;
      r.item = static_cast<int>(i);
      r.cutoff = static_cast<int>(c);
      r.label = silent_over_horizon(demand, c, options.obsolete_horizon_periods);
      r.baseline = silent_run >= options.baseline_silence_periods;
      auto s = compute_signals(demand.first(c), score_options.signals);
      if (!s.ok()) {
        for (Problem p : s.problems()) problems.push_back({series[i].id + ": " + p.path, p.message});
        break;
      }
      r.signals = *s;
      rows.push_back(std::move(r));
    }
  }
  if (!problems.empty()) return problems;

  // Folds: fold 0 trains on the items of the split's training side and holds out the rest;
  // fold 1 (cross-fitting) swaps the sides, so every item is held out exactly once.
  const int fold_count = options.cross_fit ? 2 : 1;
  std::vector<std::vector<bool>> fold_train(static_cast<std::size_t>(fold_count), train);
  if (fold_count == 2)
    for (std::size_t i = 0; i < train.size(); ++i) fold_train[1][i] = !train[i];
  // Scores: every row is scored by each fold's model (that fold's thresholds are chosen on its
  // training side and applied to its held-out side, both with its own model's scores).
  const auto fit_on = [&](const std::vector<bool>& tr, int latest_cutoff) {
    ScoreTrainingSet set;
    for (const Row& r : rows) {
      if (r.label < 0 || !tr[static_cast<std::size_t>(r.item)] || r.cutoff > latest_cutoff) continue;
      const ScoreFeatures x = score_features(r.signals);
      set.x.insert(set.x.end(), x.begin(), x.end());
      set.y.push_back(static_cast<unsigned char>(r.label));
    }
    return fit_score_model(set, score_options);
  };
  const int k = options.obsolete_horizon_periods;
  int first_evaluated = 0;
  for (int f = 0; f < fold_count; ++f) {
    const auto& tr = fold_train[static_cast<std::size_t>(f)];
    if (options.calibration == CalibrationData::other_items) {
      auto model = fit_on(tr, std::numeric_limits<int>::max());
      if (!model.ok()) return model.problems();
      for (Row& r : rows) r.score[static_cast<std::size_t>(f)] = no_demand_probability(*model, r.signals);
      if (f == 0) report.model = std::move(model).value();
      continue;
    }
    // Time-respecting: at cut-off c, a model fitted on the training side's rows whose outcome
    // was known at c (cut-off + K <= c); the TSB fallback while there are too few.
    std::map<int, ScoreModel> by_cutoff;
    for (const Row& r : rows) by_cutoff.emplace(r.cutoff, ScoreModel{});
    for (auto& [c, m] : by_cutoff) {
      auto model = fit_on(tr, c - k);
      if (!model.ok()) return model.problems();
      m = std::move(model).value();
    }
    for (Row& r : rows) r.score[static_cast<std::size_t>(f)] = no_demand_probability(by_cutoff[r.cutoff], r.signals);
    if (f == 0 && !by_cutoff.empty()) report.model = by_cutoff.rbegin()->second;
    for (const auto& [c, m] : by_cutoff) {
      if (!m.calibrated) first_evaluated = std::max(first_evaluated, c + 1);
    }
  }
  if (first_evaluated > 0) {
    // Evaluate every rule, the baseline included, only from the first cut-off with a calibrated
    // model in every fold on: rows before it are dropped, and so are deaths before it.
    std::erase_if(rows, [&](const Row& r) { return r.cutoff < first_evaluated; });
    report.first_evaluated_cutoff = first_evaluated;
  }
  for (Row& r : rows) {
    const bool side_a = train[static_cast<std::size_t>(r.item)];
    // Fold 0 trains on side A and holds out side B; fold 1 the reverse.
    r.held_out_score = side_a ? r.score[fold_count == 2 ? 1 : 0] : r.score[0];
  }

  const ScoreModel fallback = uncalibrated_score_model(options.obsolete_horizon_periods);
  std::vector<double> predicted, predicted_fallback;
  std::vector<unsigned char> observed;
  for (const Row& r : rows) {
    if (r.label < 0) continue;
    ++(train[static_cast<std::size_t>(r.item)] ? report.train_rows : report.test_rows);
    if (fold_count == 1 && train[static_cast<std::size_t>(r.item)]) continue;
    predicted.push_back(r.held_out_score);
    predicted_fallback.push_back(no_demand_probability(fallback, r.signals));
    observed.push_back(static_cast<unsigned char>(r.label));
  }
  if (report.train_rows == 0 || report.test_rows == 0)
    return Problem{"series", "no (item, cut-off) row has a known outcome: the histories are too short"};
  report.evaluated_rows = static_cast<int>(observed.size());
  report.reliability = reliability_table(predicted, observed);
  report.brier = brier_score(predicted, observed);
  report.brier_uncalibrated = brier_score(predicted_fallback, observed);
  int obsolete = 0;
  for (unsigned char v : observed) obsolete += v;
  report.test_obsolete_share = static_cast<double>(obsolete) / static_cast<double>(observed.size());

  const int b = options.baseline_silence_periods;
  report.baseline.name = "baseline";
  report.baseline.threshold = b;
  std::vector<FoldCounts> baseline_folds;
  for (int f = 0; f < fold_count; ++f) {
    baseline_folds.push_back(
        count_fold(rows, series, fold_train[static_cast<std::size_t>(f)], b, report.first_evaluated_cutoff,
                   [](const Row& r) { return r.baseline; }));
    const FoldCounts& c = baseline_folds.back();
    report.fold_target_precisions.push_back(c.train_flags > 0 ? static_cast<double>(c.train_true) / c.train_flags : 0.0);
    report.baseline.fold_thresholds.push_back(b);
  }
  finish(report.baseline, baseline_folds);
  report.target_precision = report.fold_target_precisions[0];

  const auto tuned = [&](const std::string& name, RuleDirection d, const auto& value) {
    RuleReport rule;
    rule.name = name;
    rule.direction = d;
    std::vector<FoldCounts> folds;
    for (int f = 0; f < fold_count; ++f) {
      const auto& tr = fold_train[static_cast<std::size_t>(f)];
      std::vector<std::pair<double, int>> value_label;
      for (const Row& r : rows)
        if (r.label >= 0 && tr[static_cast<std::size_t>(r.item)]) value_label.emplace_back(value(r, f), r.label);
      const Choice choice =
          choose_threshold(std::move(value_label), d,
                           report.fold_target_precisions[static_cast<std::size_t>(f)] + options.precision_margin);
      rule.fold_thresholds.push_back(choice.threshold);
      rule.precision_target_met = rule.precision_target_met && choice.met;
      folds.push_back(
          count_fold(rows, series, tr, b, report.first_evaluated_cutoff,
                     [&](const Row& r) { return flags(d, value(r, f), choice.threshold); }));
    }
    rule.threshold = rule.fold_thresholds[0];
    finish(rule, folds);
    return rule;
  };
  report.score = tuned("score", RuleDirection::at_least,
                       [](const Row& r, int f) { return r.score[static_cast<std::size_t>(f)]; });
  for (const SignalRule& s : signal_rules())
    report.signals.push_back(tuned(s.name, s.direction, [&s](const Row& r, int) { return s.value(r.signals); }));
  return report;
}

}  // namespace echelon::risk
