#include "core/learn/demand_learner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <variant>

namespace echelon::learn {

std::string_view spread_basis_name(SpreadBasis b) {
  return b == SpreadBasis::forecast_error ? "forecast error" : "demand spread";
}

namespace {

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

struct SampleMoments {
  int n = 0;
  double mean = 0.0;
  double sd = 0.0;
};

SampleMoments sample_moments(std::span<const double> y) {
  SampleMoments m;
  double sum = 0.0;
  for (double v : y) {
    if (std::isnan(v)) continue;
    sum += v;
    ++m.n;
  }
  if (m.n == 0) return m;
  m.mean = sum / m.n;
  double squares = 0.0;
  for (double v : y) {
    if (!std::isnan(v)) squares += (v - m.mean) * (v - m.mean);
  }
  m.sd = m.n > 1 ? std::sqrt(squares / (m.n - 1)) : 0.0;
  return m;
}

int observed_from(std::span<const double> y, std::size_t from) {
  int n = 0;
  for (std::size_t t = from; t < y.size(); ++t) n += std::isnan(y[t]) ? 0 : 1;
  return n;
}

// The latest start (index) that still leaves `count` observed periods, or 0.
std::size_t start_keeping(std::span<const double> y, int count) {
  int seen = 0;
  for (std::size_t t = y.size(); t-- > 0;) {
    seen += std::isnan(y[t]) ? 0 : 1;
    if (seen >= count) return t;
  }
  return 0;
}

}  // namespace

Result<LearnedDemand> learn_demand(std::span<const double> history, const DemandLearningOptions& o) {
  Problems problems;
  if (!(o.lead_time_periods >= 0.0 && std::isfinite(o.lead_time_periods))) {
    problems.push_back({"lead_time_periods", "must be a finite number of at least 0"});
  }
  if (!(o.lead_time_variance >= 0.0 && std::isfinite(o.lead_time_variance))) {
    problems.push_back({"lead_time_variance", "must be a finite number of at least 0"});
  }
  if (!(o.target > 0.0 && o.target < 1.0)) problems.push_back({"target", "must be in (0, 1)"});
  if (o.window_periods < 0) problems.push_back({"window_periods", "must be at least 0"});
  if (o.min_periods < 8) problems.push_back({"min_periods", "must be at least 8"});
  if (o.rate_window_periods < 1) problems.push_back({"rate_window_periods", "must be at least 1"});
  for (std::size_t t = 0; t < history.size(); ++t) {
    if (!std::isnan(history[t]) && !(history[t] >= 0.0 && std::isfinite(history[t]))) {
      problems.push_back({"period " + std::to_string(t + 1), "demand must be a finite number of at least 0"});
      break;
    }
  }
  if (!problems.empty()) return problems;

  LearnedDemand out;
  out.basis = o.basis;
  out.protection_periods = o.lead_time_periods + 1.0;
  const double h = out.protection_periods;

  // 1. The data used.
  std::size_t from = 0;
  if (o.window_periods > 0 && history.size() > static_cast<std::size_t>(o.window_periods)) {
    from = history.size() - static_cast<std::size_t>(o.window_periods);
  }
  if (o.detect_changes) {
    const std::span<const double> window = history.subspan(from);
    const DemandClass c = demand_profile(window).demand_class;
    const ChangeTest test = c == DemandClass::smooth || c == DemandClass::erratic
                                ? likelihood_ratio_change(window, o.change)
                                : occurrence_change(window, o.change);
    if (test.changed) {
      const std::size_t cut = std::min(from + static_cast<std::size_t>(test.split), start_keeping(history, o.min_periods));
      if (cut > from) {
        out.change_period = static_cast<int>(from) + test.split;
        from = cut;
        out.change = test;
      }
    }
  }
  const std::span<const double> used = history.subspan(from);
  out.first_period_used = static_cast<int>(from);
  out.periods_used = observed_from(history, from);
  out.profile = demand_profile(used);
  const SampleMoments moments = sample_moments(used);
  out.demand_sd_per_period = moments.sd;

  std::vector<double> values;
  for (double v : used) {
    if (!std::isnan(v)) values.push_back(v);
  }
  const bool whole = whole_numbers(values);

  auto fallback = [&](const std::string& why) -> Result<LearnedDemand> {
    out.learned = false;
    out.mean_per_period = moments.mean;
    out.error_sd_per_period = moments.sd;
    out.protection_sd = moments.sd * std::sqrt(h);
    out.protection_mean = moments.mean * h;
    out.basis = SpreadBasis::demand_spread;
    out.demand_per_period = moments.sd > 0.0 ? Distribution{dist::Normal{moments.mean, moments.sd}}
                                             : Distribution{dist::Constant{moments.mean}};
    BufferSizingInput in;
    in.family = Family::normal;
    in.whole_units = whole;
    in.forecast_per_period = moments.mean;
    in.horizon_forecast = moments.mean * h;
    in.horizon_error_sd = out.protection_sd;
    in.protection_periods = h;
    in.lead_time_variance = o.lead_time_variance;
    in.goal = o.goal;
    in.target = o.target;
    auto sized = size_buffer(in);
    if (!sized.ok()) return sized.problems();
    out.buffer = *sized;
    out.method = "sample mean and sd (" + why + ")";
    return out;
  };
  if (out.periods_used < o.min_periods) {
    return fallback("history too short to learn: " + std::to_string(out.periods_used) + " periods");
  }
  if (out.profile.demand_class == DemandClass::no_demand) return fallback("no demand in the data used");

  // 3. Distribution.
  if (auto sel = select_distribution(values, o.distribution); sel.ok()) {
    out.distribution = std::move(sel).value();
    out.demand_per_period = out.distribution->chosen.distribution;
  } else {
    out.demand_per_period = Distribution{dist::Normal{moments.mean, moments.sd}};
  }

  // 4. Forecast, with its error measured over the whole periods covering H.
  ForecastOptions fo;
  fo.methods = o.methods;
  fo.horizon_periods = std::max(1, static_cast<int>(std::ceil(h - 1e-9)));
  auto forecast = select_forecast(used, fo);
  if (!forecast.ok()) return fallback("no forecast: " + forecast.problems()[0].message);
  out.forecast = std::move(forecast).value();
  const double share = h / fo.horizon_periods;  // H as a share of the whole periods measured
  out.mean_per_period = out.forecast->forecast_per_period;
  out.error_sd_per_period = out.forecast->one_step_error_sd;
  const ForecastSelection& fs = *out.forecast;
  out.bias_over_protection = o.correct_bias ? fs.horizon_error_mean * share : 0.0;
  out.protection_mean = std::max(0.0, fs.horizon_forecast * share + out.bias_over_protection);
  const double centred_variance =
      o.correct_bias ? std::max(0.0, fs.horizon_error_sd * fs.horizon_error_sd - fs.horizon_error_mean * fs.horizon_error_mean)
                     : fs.horizon_error_sd * fs.horizon_error_sd;
  out.protection_sd = o.basis == SpreadBasis::forecast_error ? std::sqrt(centred_variance * share)
                                                             : moments.sd * std::sqrt(h);

  // 5. Buffer.
  BufferSizingInput in;
  in.family = out.distribution ? out.distribution->chosen.family : Family::normal;
  in.whole_units = whole;
  in.forecast_per_period = out.protection_mean / h;
  in.horizon_forecast = out.protection_mean;
  in.horizon_error_sd = out.protection_sd;
  in.protection_periods = h;
  in.lead_time_variance = o.lead_time_variance;
  in.goal = o.goal;
  in.target = o.target;
  bool cap_level = false;
  {
    // M: the largest total over H periods seen in the data used (whole windows of ceil(H)
    // observed periods, scaled to H).
    double largest = 0.0;
    const std::size_t w = static_cast<std::size_t>(fo.horizon_periods);
    for (std::size_t i = 0; i + w <= values.size(); ++i) {
      double sum = 0.0;
      for (std::size_t k = 0; k < w; ++k) sum += values[i + k];
      largest = std::max(largest, sum);
    }
    if (o.basis == SpreadBasis::forecast_error) in.max_protection_demand = largest * share;
    cap_level = out.profile.demand_class == DemandClass::intermittent || out.profile.demand_class == DemandClass::lumpy;
  }
  in.cap_level_at_max = cap_level && o.cap_level_at_largest;
  const bool empirical = o.intermittent_sizing != IntermittentSizing::parametric && cap_level && whole &&
                         std::fabs(h - std::round(h)) < 1e-9;
  Result<BufferSizing> sized = Problem{"buffer", "not sized"};
  // recent_rate: the rate's periods, the last of the observed values used.
  const std::size_t rate_periods = std::min(values.size(), static_cast<std::size_t>(std::max(1, o.rate_window_periods)));
  if (empirical && o.intermittent_sizing == IntermittentSizing::recent_rate) {
    double rate = 0.0;
    for (std::size_t i = values.size() - rate_periods; i < values.size(); ++i) rate += values[i];
    rate /= static_cast<double>(rate_periods);
    BufferSizingInput poisson = in;
    poisson.family = Family::poisson;
    poisson.forecast_per_period = rate;
    poisson.horizon_forecast = rate * h;
    poisson.horizon_error_sd = std::sqrt(rate * h);
    poisson.max_protection_demand = 0.0;
    poisson.cap_level_at_max = false;
    sized = size_buffer(poisson);
    out.empirical_sizing = sized.ok();
    if (sized.ok()) out.protection_mean = rate * h, out.protection_sd = poisson.horizon_error_sd;
  } else if (empirical && o.intermittent_sizing == IntermittentSizing::empirical_blocks) {
    sized = size_buffer_empirical(used, static_cast<int>(std::round(h)), o.goal, o.target, o.continuous_levels);
    out.empirical_sizing = sized.ok();
  } else if (empirical) {
    std::vector<double> sizes;
    for (double v : values) {
      if (v > 0.0) sizes.push_back(v);
    }
    sized = size_buffer_compound_binomial(sizes, in.forecast_per_period, static_cast<int>(std::round(h)), o.goal,
                                          o.target, o.continuous_levels);
    out.empirical_sizing = sized.ok();
  }
  if (!out.empirical_sizing) sized = size_buffer(in);
  if (!sized.ok()) return sized.problems();
  out.buffer = *sized;
  out.learned = true;

  std::string text = std::string(demand_class_name(out.profile.demand_class)) + " demand; " +
                     std::string(forecast_method_name(out.forecast->method)) + " forecast (a " +
                     fixed(out.forecast->weights.alpha, 3);
  if (out.forecast->method == ForecastMethod::holt || out.forecast->method == ForecastMethod::tsb) {
    text += ", b " + fixed(out.forecast->weights.beta, 3);
  }
  text += ")";
  if (o.correct_bias && out.bias_over_protection != 0.0) {
    text += ", bias " + fixed(out.bias_over_protection, 2) + " over H added";
  }
  if (out.empirical_sizing && o.intermittent_sizing == IntermittentSizing::recent_rate) {
    text += "; buffer from a Poisson of the mean demand of the last " + std::to_string(rate_periods) + " periods";
  } else if (out.empirical_sizing && o.intermittent_sizing == IntermittentSizing::compound_binomial) {
    text += "; buffer from the forecast's chance of demand with the sizes seen (compound binomial over H periods)";
  } else if (out.empirical_sizing) {
    text += "; buffer from the empirical demand over H periods (overlapping blocks)";
  } else {
    text += "; buffer on the " + std::string(spread_basis_name(o.basis)) + " sd " + fixed(out.protection_sd, 2) +
            " over " + fixed(h, 2) + " periods";
  }
  if (o.basis == SpreadBasis::forecast_error && !out.empirical_sizing) {
    text += out.forecast->horizon_from_one_step ? " (one-step rolling-origin error scaled by sqrt(H))"
                                                : " (rolling origin, " + std::to_string(out.forecast->horizon_origins) + " origins)";
  }
  if (out.distribution) {
    text += "; " + std::string(family_name(out.distribution->chosen.family)) + " by hold-out " +
            std::string(criterion_name(out.distribution->criterion));
  }
  if (out.change) text += "; learned since a change at period " + std::to_string(out.first_period_used + 1);
  out.method = std::move(text);
  return out;
}

Distribution with_moments(const Distribution& learned, double m, double sd) {
  if (!(m > 0.0)) return dist::Constant{0.0};
  if (!(sd > 0.0)) return dist::Constant{m};
  return std::visit(
      [&](const auto& d) -> Distribution {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Gamma>) {
          const double shape = m * m / (sd * sd);
          return dist::Gamma{shape, m / shape};
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          return dist::Lognormal{m, sd};
        } else if constexpr (std::is_same_v<T, dist::Poisson>) {
          return dist::Poisson{m};
        } else if constexpr (std::is_same_v<T, dist::NegativeBinomial>) {
          if (sd * sd > m * (1.0 + 1e-9)) return dist::NegativeBinomial{m, sd};
          return dist::Poisson{m};
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          const double shift = m - mean(learned);
          dist::Empirical e = d;
          for (double& v : e.sample) v = std::max(0.0, v + shift);
          return e;
        } else {
          return dist::Normal{m, sd};
        }
      },
      learned);
}

}  // namespace echelon::learn
