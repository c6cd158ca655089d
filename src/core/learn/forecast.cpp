#include "core/learn/forecast.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/learn/demand_class.h"
#include "core/learn/intermittent.h"
#include "core/stats/optimize.h"

namespace echelon::learn {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The one-weight grid: 0.02, 0.04, ..., 1.
constexpr int kFineSteps = 50;
constexpr double kFineStep = 0.02;
// The two-weight grid, denser where demand weights usually fall.
constexpr double kCoarseGrid[] = {0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0};

bool is_weight(double w) { return w > 0.0 && w <= 1.0; }
bool two_weights(ForecastMethod m) { return m == ForecastMethod::holt || m == ForecastMethod::tsb; }

double total(double next, double trend, int h) {
  const double hd = static_cast<double>(h);
  return std::max(0.0, hd * next + trend * hd * (hd - 1.0) / 2.0);
}

ForecastPath smoothing_path(std::span<const double> y, bool trended, const SmoothingWeights& w) {
  ForecastPath path;
  path.one_step.assign(y.size(), kNaN);
  path.one_step_trend.assign(y.size(), 0.0);
  bool started = false;
  double level = 0.0, trend = 0.0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (started) {
      path.one_step[t] = std::max(0.0, level + trend);
      path.one_step_trend[t] = trend;
    }
    if (std::isnan(y[t])) continue;
    if (!started) {
      level = y[t];
      started = true;
      continue;
    }
    if (trended) {
      const double next_level = w.alpha * y[t] + (1.0 - w.alpha) * (level + trend);
      trend = w.beta * (next_level - level) + (1.0 - w.beta) * trend;
      level = next_level;
    } else {
      level += w.alpha * (y[t] - level);
    }
  }
  path.next = started ? std::max(0.0, level + trend) : 0.0;
  path.trend = trend;
  return path;
}

}  // namespace

std::string_view forecast_method_name(ForecastMethod m) {
  switch (m) {
    case ForecastMethod::ses: return "SES";
    case ForecastMethod::holt: return "Holt";
    case ForecastMethod::croston: return "Croston";
    case ForecastMethod::sba: return "SBA";
    case ForecastMethod::tsb: return "TSB";
  }
  return "SES";
}

double ForecastPath::total_over(int h) const { return total(next, trend, h); }

double ForecastPath::total_from(std::size_t t, int h) const {
  if (t >= one_step.size() || std::isnan(one_step[t])) return kNaN;
  return total(one_step[t], one_step_trend[t], h);
}

Result<ForecastPath> run_forecast(std::span<const double> series, ForecastMethod method, const SmoothingWeights& weights) {
  Problems problems;
  if (!is_weight(weights.alpha)) problems.push_back({"alpha", "must be in (0, 1]"});
  if (two_weights(method) && !is_weight(weights.beta)) problems.push_back({"beta", "must be in (0, 1]"});
  for (std::size_t t = 0; t < series.size(); ++t) {
    if (!std::isnan(series[t]) && !(series[t] >= 0.0 && std::isfinite(series[t]))) {
      problems.push_back({"period " + std::to_string(t + 1), "demand must be a finite number of at least 0"});
    }
  }
  if (!problems.empty()) return problems;
  if (method == ForecastMethod::ses || method == ForecastMethod::holt) {
    return smoothing_path(series, method == ForecastMethod::holt, weights);
  }
  IntermittentOptions o;
  o.alpha_size = weights.alpha;
  o.alpha_interval = weights.alpha;
  o.beta_probability = method == ForecastMethod::tsb ? weights.beta : weights.alpha;
  const IntermittentMethod im = method == ForecastMethod::croston ? IntermittentMethod::croston
                                : method == ForecastMethod::sba   ? IntermittentMethod::sba
                                                                  : IntermittentMethod::tsb;
  auto r = intermittent_forecast(series, im, o);
  if (!r.ok()) return r.problems();
  ForecastPath path;
  path.one_step = std::move(r.value().forecast);
  path.one_step_trend.assign(path.one_step.size(), 0.0);
  path.next = std::isnan(r->next_forecast) ? 0.0 : r->next_forecast;  // no demand yet: forecast none
  return path;
}

double mean_square_error(std::span<const double> series, const ForecastPath& path, std::size_t from) {
  double sum = 0.0;
  int n = 0;
  for (std::size_t t = from; t < series.size() && t < path.one_step.size(); ++t) {
    if (std::isnan(series[t]) || std::isnan(path.one_step[t])) continue;
    const double e = series[t] - path.one_step[t];
    sum += e * e;
    ++n;
  }
  return n == 0 ? kNaN : sum / n;
}

SmoothingWeights fit_weights(std::span<const double> series, ForecastMethod method) {
  auto score = [&](SmoothingWeights w) {
    auto path = run_forecast(series, method, w);
    if (!path.ok()) return std::numeric_limits<double>::infinity();
    const double mse = mean_square_error(series, *path, 0);
    return std::isnan(mse) ? std::numeric_limits<double>::infinity() : mse;
  };
  SmoothingWeights best{kCoarseGrid[0], kCoarseGrid[0]};
  double best_score = std::numeric_limits<double>::infinity();
  if (two_weights(method)) {
    for (double a : kCoarseGrid) {
      for (double b : kCoarseGrid) {
        const double s = score({a, b});
        if (s < best_score) best_score = s, best = {a, b};
      }
    }
    return best;
  }
  best = {kFineStep, kFineStep};
  for (int i = 1; i <= kFineSteps; ++i) {
    const double a = kFineStep * i;
    const double s = score({a, a});
    if (s < best_score) best_score = s, best = {a, a};
  }
  if (!std::isfinite(best_score)) return best;
  // Refine between the neighbouring grid points.
  const double lo = std::max(1e-3, best.alpha - kFineStep);
  const double hi = std::min(1.0, best.alpha + kFineStep);
  const double refined = golden_section_minimum([&](double a) { return score({a, a}); }, lo, hi, 30, 1e-4);
  if (score({refined, refined}) < best_score) best = {refined, refined};
  return best;
}

Result<ForecastSelection> select_forecast(std::span<const double> series, const ForecastOptions& options) {
  if (options.horizon_periods < 1) return Problem{"horizon_periods", "must be at least 1"};
  if (options.first_origin < 0) return Problem{"first_origin", "must be at least 0"};
  if (options.min_horizon_origins < 1) return Problem{"min_horizon_origins", "must be at least 1"};
  int observed = 0;
  for (double y : series) observed += std::isnan(y) ? 0 : 1;
  if (observed < 8) return Problem{"series", "needs at least 8 observed periods to fit and evaluate a forecast"};
  const std::size_t n = series.size();
  std::size_t origin = static_cast<std::size_t>(options.first_origin);
  if (options.first_origin == 0) {
    // The period holding the observed value at 60% of the observed ones (at least the 7th).
    const int wanted = std::max(6, static_cast<int>(std::llround(0.6 * observed)));
    int seen = 0;
    for (origin = 0; origin < n; ++origin) {
      if (std::isnan(series[origin])) continue;
      if (seen == wanted) break;
      ++seen;
    }
  }
  if (origin >= n) return Problem{"first_origin", "leaves no period to evaluate the forecasts on"};
  const std::span<const double> before = series.first(origin);

  std::vector<ForecastMethod> methods = options.methods;
  if (methods.empty()) {
    const DemandClass c = demand_profile(before).demand_class;
    if (c == DemandClass::smooth || c == DemandClass::erratic) methods = {ForecastMethod::ses, ForecastMethod::holt};
    else methods = {ForecastMethod::croston, ForecastMethod::sba, ForecastMethod::tsb};
  }
  ForecastSelection sel;
  int best = -1;
  ForecastPath best_path;
  for (ForecastMethod m : methods) {
    MethodScore score;
    score.method = m;
    score.weights = fit_weights(before, m);
    auto path = run_forecast(series, m, score.weights);
    if (!path.ok()) return path.problems();
    score.one_step_mse = mean_square_error(series, *path, origin);
    for (std::size_t t = origin; t < n; ++t) score.origins += !std::isnan(series[t]) && !std::isnan(path->one_step[t]);
    if (!std::isnan(score.one_step_mse) &&
        (best < 0 || score.one_step_mse < sel.candidates[static_cast<std::size_t>(best)].one_step_mse)) {
      best = static_cast<int>(sel.candidates.size());
      best_path = std::move(path).value();
    }
    sel.candidates.push_back(score);
  }
  if (best < 0) return Problem{"series", "no method has a forecast to evaluate after the first origin"};
  const MethodScore& chosen = sel.candidates[static_cast<std::size_t>(best)];
  sel.method = chosen.method;
  sel.one_step_error_sd = std::sqrt(chosen.one_step_mse);
  {
    double error_sum = 0.0;
    int errors = 0;
    for (std::size_t t = origin; t < n; ++t) {
      if (std::isnan(series[t]) || std::isnan(best_path.one_step[t])) continue;
      error_sum += series[t] - best_path.one_step[t];
      ++errors;
    }
    sel.one_step_error_mean = errors > 0 ? error_sum / errors : 0.0;
  }

  // Errors of totals over H periods from each origin whose window is fully observed.
  const int h = options.horizon_periods;
  double sum = 0.0, sum_sq = 0.0;
  int count = 0;
  for (std::size_t o = origin; o + static_cast<std::size_t>(h) <= n; ++o) {
    const double f = best_path.total_from(o, h);
    if (std::isnan(f)) continue;
    double actual = 0.0;
    bool complete = true;
    for (int i = 0; i < h; ++i) {
      const double y = series[o + static_cast<std::size_t>(i)];
      if (std::isnan(y)) complete = false;
      else actual += y;
    }
    if (!complete) continue;
    sum += actual - f;
    sum_sq += (actual - f) * (actual - f);
    ++count;
  }
  sel.horizon_origins = count;
  if (h == 1 || count < options.min_horizon_origins) {
    sel.horizon_from_one_step = h > 1;
    sel.horizon_error_sd = sel.one_step_error_sd * std::sqrt(static_cast<double>(h));
    sel.horizon_error_mean = sel.one_step_error_mean * static_cast<double>(h);
    if (h == 1) sel.horizon_origins = chosen.origins;
  } else {
    sel.horizon_error_sd = std::sqrt(sum_sq / count);
    sel.horizon_error_mean = sum / count;
  }

  // The forecast itself, with weights refitted to everything.
  sel.weights = fit_weights(series, sel.method);
  auto final_path = run_forecast(series, sel.method, sel.weights);
  if (!final_path.ok()) return final_path.problems();
  sel.forecast_per_period = final_path->next;
  sel.horizon_forecast = final_path->total_over(h);
  return sel;
}

}  // namespace echelon::learn
