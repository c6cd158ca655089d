#include "core/risk/risk_score.h"

#include <algorithm>
#include <cmath>

namespace echelon::risk {

namespace {

constexpr double kSmallest = 1e-12;  // floor under probabilities before taking logarithms

double safe_log(double v) { return std::log(std::max(v, kSmallest)); }

}  // namespace

ScoreFeatures score_features(const ItemSignals& s) {
  const bool none = s.demand_periods == 0;
  return {safe_log(s.tsb_probability),
          std::log1p(static_cast<double>(s.periods_since_demand)),
          std::log1p(s.age_over_usual_gap),
          safe_log(s.silence_probability),
          safe_log(s.rate_drop_p_value),
          std::log1p(static_cast<double>(s.demand_periods)),
          safe_log(1.0 + s.forecast_trend),
          std::log1p(static_cast<double>(s.observed_periods)),
          none ? 1.0 : 0.0,
          s.demand_periods == 1 ? 1.0 : 0.0,
          std::log1p(static_cast<double>(s.periods_since_demand)) * std::log1p(static_cast<double>(s.periods_since_demand))};
}

std::string_view score_feature_name(int index) {
  static constexpr std::string_view names[kScoreFeatures] = {
      "log_tsb_probability",    "log_age",           "log_age_over_usual_gap",
      "log_silence_probability", "log_rate_drop_p_value", "log_demand_periods",
      "log_forecast_ratio",     "log_observed_periods", "no_demand_yet",
      "one_demand_so_far",      "log_age_squared"};
  return index >= 0 && index < kScoreFeatures ? names[index] : std::string_view{};
}

int silent_over_horizon(std::span<const double> demand, std::size_t cutoff, int horizon) {
  if (horizon < 1 || cutoff + static_cast<std::size_t>(horizon) > demand.size()) return -1;
  bool silent = true;
  for (std::size_t t = cutoff; t < cutoff + static_cast<std::size_t>(horizon); ++t) {
    if (std::isnan(demand[t])) return -1;
    if (demand[t] > 0.0) silent = false;
  }
  return silent ? 1 : 0;
}

Problems append_training_rows(std::span<const double> demand, const ScoreOptions& options, ScoreTrainingSet& set) {
  const int stride = std::max(1, options.cutoff_stride_periods);
  int observed = 0;
  for (std::size_t c = 1; c <= demand.size(); ++c) {
    if (!std::isnan(demand[c - 1])) ++observed;
    // Cut-offs at min_history, min_history + stride, ... observed periods.
    if (observed < options.min_history_periods || (observed - options.min_history_periods) % stride != 0) continue;
    if (std::isnan(demand[c - 1])) continue;  // the same observed count again
    const int label = silent_over_horizon(demand, c, options.horizon_periods);
    if (label < 0) continue;
    auto signals = compute_signals(demand.first(c), options.signals);
    if (!signals.ok()) return signals.problems();
    const ScoreFeatures f = score_features(*signals);
    set.x.insert(set.x.end(), f.begin(), f.end());
    set.y.push_back(static_cast<unsigned char>(label));
  }
  return {};
}

ScoreModel uncalibrated_score_model(int horizon_periods) {
  ScoreModel m;
  m.horizon_periods = horizon_periods;
  return m;
}

bool enough_to_fit(const ScoreTrainingSet& set, const ScoreOptions& options) {
  int silent = 0;
  for (unsigned char v : set.y) silent += v ? 1 : 0;
  const int rows = static_cast<int>(set.rows());
  return rows >= options.min_rows && silent >= options.min_each_class && rows - silent >= options.min_each_class;
}

Result<ScoreModel> fit_score_model(const ScoreTrainingSet& set, const ScoreOptions& options) {
  Problems problems;
  if (options.horizon_periods < 1) problems.push_back({"horizon_periods", "must be at least 1"});
  if (options.min_history_periods < 1) problems.push_back({"min_history_periods", "must be at least 1"});
  if (set.x.size() != set.rows() * kScoreFeatures) problems.push_back({"rows", "every row must have every feature"});
  if (!problems.empty()) return problems;
  ScoreModel m = uncalibrated_score_model(options.horizon_periods);
  m.training_rows = static_cast<int>(set.rows());
  for (unsigned char v : set.y) m.training_silent_rows += v ? 1 : 0;
  if (!enough_to_fit(set, options)) return m;
  auto fit = fit_logistic(set.x, set.y, kScoreFeatures, options.logistic);
  if (!fit.ok()) return fit.problems();
  m.logistic = std::move(fit).value();
  m.calibrated = true;
  return m;
}

double no_demand_probability(const ScoreModel& model, const ItemSignals& signals) {
  if (!model.calibrated) return std::pow(1.0 - std::clamp(signals.tsb_probability, 0.0, 1.0), model.horizon_periods);
  const ScoreFeatures f = score_features(signals);
  return logistic_predict(model.logistic, f);
}

std::vector<ReliabilityBin> reliability_table(std::span<const double> predicted,
                                              std::span<const unsigned char> observed, int bins) {
  bins = std::max(1, bins);
  std::vector<ReliabilityBin> table(static_cast<std::size_t>(bins));
  std::vector<double> silent(table.size(), 0.0);
  for (std::size_t b = 0; b < table.size(); ++b) {
    table[b].lower = static_cast<double>(b) / bins;
    table[b].upper = static_cast<double>(b + 1) / bins;
  }
  const std::size_t n = std::min(predicted.size(), observed.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double p = std::clamp(predicted[i], 0.0, 1.0);
    const auto b = std::min(table.size() - 1, static_cast<std::size_t>(p * bins));
    ++table[b].rows;
    table[b].mean_predicted += p;
    silent[b] += observed[i] ? 1.0 : 0.0;
  }
  for (std::size_t b = 0; b < table.size(); ++b) {
    if (table[b].rows == 0) continue;
    table[b].mean_predicted /= table[b].rows;
    table[b].observed_share = silent[b] / table[b].rows;
  }
  return table;
}

double brier_score(std::span<const double> predicted, std::span<const unsigned char> observed) {
  const std::size_t n = std::min(predicted.size(), observed.size());
  if (n == 0) return 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = predicted[i] - (observed[i] ? 1.0 : 0.0);
    sum += e * e;
  }
  return sum / static_cast<double>(n);
}

}  // namespace echelon::risk
