#include "core/policy/demand_over_periods.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/stats/stats.h"

namespace echelon {

namespace {

// One period's law: either given on the integers (pmf[k] = P(D = k)) or a function to cut into
// grid cells.
struct PeriodLaw {
  std::vector<double> integer_pmf;  // whole-unit laws (Poisson, negative binomial, whole outcomes)
  std::vector<double> values;       // discrete outcomes (not all whole)
  std::vector<double> weights;
  double top = 0.0;                 // a level the period's demand exceeds with mass below `tail`
  bool continuous = false;          // gamma or lognormal: cell masses from the cdf
  double gamma_shape = 0.0, gamma_scale = 0.0;
  double log_mu = 0.0, log_sigma = 0.0;
  bool lognormal = false;
};

double continuous_cdf(const PeriodLaw& law, double x) {
  if (x <= 0.0) return 0.0;
  if (law.lognormal) return stats::standard_normal_cdf((std::log(x) - law.log_mu) / law.log_sigma);
  return stats::gamma_cdf(x, law.gamma_shape, law.gamma_scale);
}

// The period's pmf on the grid 0, w, 2w, ... (mass moved up to the next grid point).
std::vector<double> on_grid(const PeriodLaw& law, double w, int points) {
  std::vector<double> pmf(static_cast<std::size_t>(points), 0.0);
  auto put = [&](double value, double mass) {
    const double cell = std::ceil(value / w - 1e-9);
    const std::size_t k = static_cast<std::size_t>(std::clamp(cell, 0.0, static_cast<double>(points - 1)));
    pmf[k] += mass;
  };
  if (!law.integer_pmf.empty()) {
    for (std::size_t v = 0; v < law.integer_pmf.size(); ++v) put(static_cast<double>(v), law.integer_pmf[v]);
  } else if (!law.values.empty()) {
    for (std::size_t i = 0; i < law.values.size(); ++i) put(law.values[i], law.weights[i]);
  } else {
    double below = 0.0;
    for (int k = 0; k < points; ++k) {
      const double upto = k == points - 1 ? 1.0 : continuous_cdf(law, w * k);
      pmf[static_cast<std::size_t>(k)] = std::max(0.0, upto - below);
      below = std::max(below, upto);
    }
  }
  return pmf;
}

std::vector<double> truncated(std::vector<double> pmf, std::size_t points) {
  if (pmf.size() <= points) return pmf;
  double rest = 0.0;
  for (std::size_t k = points; k < pmf.size(); ++k) rest += pmf[k];
  pmf.resize(points);
  pmf.back() += rest;  // beyond the grid's top: counted at the top (the sum's range covers it)
  return pmf;
}

// pmf^n (n-fold convolution) by repeated squaring.
std::vector<double> power(const std::vector<double>& pmf, int n, std::size_t points) {
  std::vector<double> result = {1.0};
  std::vector<double> base = pmf;
  while (n > 0) {
    if (n & 1) result = truncated(stats::convolve(result, base), points);
    n >>= 1;
    if (n > 0) base = truncated(stats::convolve(base, base), points);
  }
  return result;
}

}  // namespace

Result<double> demand_quantile_over_periods(const Distribution& per_period, double periods, double probability,
                                            const DemandSumOptions& options) {
  if (!std::isfinite(periods) || periods < 0.0) return Problem{"periods", "must be a finite number of periods, 0 or more"};
  if (!(probability > 0.0 && probability < 1.0)) return Problem{"probability", "must lie strictly between 0 and 1"};
  if (options.max_grid_points < 2) return Problem{"max_grid_points", "must be at least 2"};
  const int whole = static_cast<int>(std::floor(periods));
  const double fraction = periods - whole;

  // Constant and normal: closed forms.
  if (const auto* c = std::get_if<dist::Constant>(&per_period)) {
    if (c->value < 0.0) return Problem{"distribution", "demand must not be negative"};
    return (fraction > 0.0 && probability > 1.0 - fraction ? whole + 1 : whole) * c->value;
  }
  if (const auto* nrm = std::get_if<dist::Normal>(&per_period)) {
    auto cdf_of = [&](int m, double x) {
      if (m == 0) return x >= 0.0 ? 1.0 : 0.0;
      if (nrm->sd <= 0.0) return x >= m * nrm->mean ? 1.0 : 0.0;
      return stats::normal_cdf(x, m * nrm->mean, nrm->sd * std::sqrt(static_cast<double>(m)));
    };
    auto mixture = [&](double x) { return (1.0 - fraction) * cdf_of(whole, x) + (fraction > 0.0 ? fraction * cdf_of(whole + 1, x) : 0.0); };
    const double spread = 10.0 * (std::abs(nrm->mean) + nrm->sd) * (whole + 2);
    double lo = -spread, hi = spread;
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      (mixture(mid) >= probability ? hi : lo) = mid;
    }
    return hi;
  }

  PeriodLaw law;
  const bool ok = std::visit(
      [&](const auto& d) -> bool {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Poisson>) {
          if (d.mean < 0.0) return false;
          law.integer_pmf = stats::poisson_distribution(d.mean, options.tail).pmf;
        } else if constexpr (std::is_same_v<T, dist::NegativeBinomial>) {
          const double var = d.sd * d.sd;
          if (d.mean < 0.0) return false;
          if (var <= d.mean) {
            law.integer_pmf = stats::poisson_distribution(d.mean, options.tail).pmf;
          } else {
            const double r = d.mean * d.mean / (var - d.mean);
            law.integer_pmf = stats::negative_binomial_distribution(r, r / (r + d.mean), options.tail).pmf;
          }
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          if (!(d.shape > 0.0 && d.scale > 0.0)) return false;
          law.continuous = true;
          law.gamma_shape = d.shape;
          law.gamma_scale = d.scale;
          law.top = stats::gamma_quantile(1.0 - options.tail, d.shape, d.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (!(d.mean > 0.0 && d.sd > 0.0)) return false;
          law.continuous = true;
          law.lognormal = true;
          law.log_sigma = std::sqrt(std::log1p(d.sd * d.sd / (d.mean * d.mean)));
          law.log_mu = std::log(d.mean) - 0.5 * law.log_sigma * law.log_sigma;
          law.top = std::exp(law.log_mu + law.log_sigma * stats::standard_normal_quantile(1.0 - options.tail));
        } else if constexpr (std::is_same_v<T, dist::Discrete>) {
          for (const dist::Outcome& o : d.outcomes) {
            if (o.value < 0.0) return false;
            law.values.push_back(o.value);
            law.weights.push_back(o.probability);
          }
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          const double share = d.sample.empty() ? 0.0 : 1.0 / static_cast<double>(d.sample.size());
          for (double v : d.sample) {
            if (v < 0.0) return false;
            law.values.push_back(v);
            law.weights.push_back(share);
          }
        }
        return true;
      },
      per_period);
  if (!ok) return Problem{"distribution", "demand must not be negative and its parameters must be positive"};
  if (!law.integer_pmf.empty()) {
    law.top = static_cast<double>(law.integer_pmf.size() - 1);
  } else if (!law.values.empty()) {
    law.top = *std::max_element(law.values.begin(), law.values.end());
  }
  if (law.integer_pmf.empty() && law.values.empty() && !law.continuous) return Problem{"distribution", "has no outcomes"};

  const int draws = whole + (fraction > 0.0 ? 1 : 0);
  if (draws == 0 || law.top <= 0.0) return 0.0;
  // Grid width: whole units while the sum's range fits, else the range over the grid's points.
  const double range = law.top * draws;
  const bool whole_units = !law.integer_pmf.empty() ||
                           (!law.values.empty() && std::all_of(law.values.begin(), law.values.end(),
                                                               [](double v) { return v == std::floor(v); }));
  double w = range / (options.max_grid_points - 1);
  if (whole_units) w = std::max(1.0, std::ceil(w));
  const int per_period_points = static_cast<int>(std::ceil(law.top / w)) + 1;
  const std::vector<double> pmf = on_grid(law, w, per_period_points);
  const std::size_t points = static_cast<std::size_t>(options.max_grid_points) + static_cast<std::size_t>(per_period_points);
  const std::vector<double> low = power(pmf, whole, points);
  std::vector<double> high;
  if (fraction > 0.0) high = truncated(stats::convolve(low, pmf), points);
  double below_low = 0.0, below_high = 0.0;
  const std::size_t n = std::max(low.size(), high.size());
  for (std::size_t k = 0; k < n; ++k) {
    below_low += k < low.size() ? low[k] : 0.0;
    below_high += k < high.size() ? high[k] : 0.0;
    const double cdf = fraction > 0.0 ? (1.0 - fraction) * below_low + fraction * below_high : below_low;
    if (cdf >= probability - 1e-12) return w * static_cast<double>(k);
  }
  return w * static_cast<double>(n - 1);
}

double demand_cdf_over_whole_periods(const Distribution& per_period, int periods, double x, double shift_per_period) {
  if (periods <= 0) return x >= 0.0 ? 1.0 : 0.0;
  const double n = static_cast<double>(periods);
  x -= n * shift_per_period;
  if (const auto* c = std::get_if<dist::Constant>(&per_period)) return x >= n * c->value ? 1.0 : 0.0;
  if (const auto* g = std::get_if<dist::Gamma>(&per_period)) {
    if (g->shape > 0.0 && g->scale > 0.0) return x <= 0.0 ? 0.0 : stats::gamma_cdf(x, n * g->shape, g->scale);
  }
  if (const auto* p = std::get_if<dist::Poisson>(&per_period)) {
    if (x < 0.0) return 0.0;
    if (!(p->mean > 0.0)) return 1.0;
    return stats::poisson_cdf(static_cast<std::int64_t>(std::floor(std::min(x, 9e15))), n * p->mean);
  }
  const double m = mean(per_period), sd = std::sqrt(std::max(0.0, variance(per_period)));
  if (!(sd > 0.0)) return x >= n * m ? 1.0 : 0.0;
  return stats::normal_cdf(x, n * m, sd * std::sqrt(n));
}

WholePeriodSumKey whole_period_sum_key(const Distribution& per_period, double shift_per_period) {
  WholePeriodSumKey key;
  key.kind = per_period.index();
  key.shift = shift_per_period;
  if (const auto* c = std::get_if<dist::Constant>(&per_period)) {
    key.first = c->value;
  } else if (const auto* g = std::get_if<dist::Gamma>(&per_period)) {
    key.first = g->shape;
    key.second = g->scale;
  } else if (const auto* p = std::get_if<dist::Poisson>(&per_period)) {
    key.first = p->mean;
  } else {
    key.first = mean(per_period);
    key.second = std::sqrt(std::max(0.0, variance(per_period)));
  }
  return key;
}

double demand_level_over_random_periods(const Distribution& per_period, const std::vector<double>& periods,
                                        double probability, double shift_per_period) {
  double mass = 0.0;
  for (double p : periods)
    if (p > 0.0) mass += p;
  if (!(mass > 0.0) || !(probability > 0.0)) return 0.0;
  const double target = std::min(probability, 1.0) * mass;
  auto cdf = [&](double x) {
    double p = 0.0;
    for (std::size_t n = 0; n < periods.size(); ++n)
      if (periods[n] > 0.0) p += periods[n] * demand_cdf_over_whole_periods(per_period, static_cast<int>(n), x, shift_per_period);
    return p;
  };
  if (cdf(0.0) >= target) return 0.0;
  // A first guess from the normal of the mixture's mean and variance, then a bracket around it and
  // regula falsi with the Illinois change, bisecting whenever two steps fail to halve the bracket:
  // about ten evaluations of the mixture instead of forty, to the same 1e-9 relative width.
  const double m = std::max(0.0, mean(per_period) + shift_per_period);
  const double variance_per_period = std::max(0.0, variance(per_period));
  double mean_periods = 0.0, second_moment_periods = 0.0;
  for (std::size_t n = 0; n < periods.size(); ++n)
    if (periods[n] > 0.0) {
      const double w = periods[n] / mass, x = static_cast<double>(n);
      mean_periods += w * x;
      second_moment_periods += w * x * x;
    }
  const double variance_periods = std::max(0.0, second_moment_periods - mean_periods * mean_periods);
  const double mixture_sd = std::sqrt(mean_periods * variance_per_period + variance_periods * m * m);
  const double step = std::max(1e-6, mixture_sd);
  const double z = stats::standard_normal_quantile(std::clamp(probability, 1e-12, 1.0 - 1e-12));
  double lo = 0.0, hi = std::max(1e-9, mean_periods * m + z * mixture_sd);
  double f_lo = cdf(lo) - target, f_hi = cdf(hi) - target;
  if (f_hi < 0.0) {  // the guess is short: walk up, doubling the step
    double width = step;
    for (int it = 0; it < 200 && f_hi < 0.0; ++it) {
      lo = hi;
      f_lo = f_hi;
      hi = lo + width;
      f_hi = cdf(hi) - target;
      width *= 2.0;
    }
  } else {  // the guess holds: look for a short level below it
    const double below = hi - step;
    if (below > 0.0) {
      const double f_below = cdf(below) - target;
      if (f_below < 0.0) {
        lo = below;
        f_lo = f_below;
      } else {
        hi = below;
        f_hi = f_below;
      }
    }
  }
  bool replaced_high_last = false, replaced_low_last = false;
  double width_two_steps_ago = hi - lo, width_one_step_ago = hi - lo;
  for (int it = 0; it < 300 && hi - lo > 1e-9 * std::max(1.0, hi); ++it) {
    double x = 0.5 * (lo + hi);
    const bool stalled = (hi - lo) > 0.5 * width_two_steps_ago;
    if (!stalled && f_hi > f_lo) {
      const double secant = lo - f_lo * (hi - lo) / (f_hi - f_lo);
      if (secant > lo && secant < hi) x = secant;
    }
    width_two_steps_ago = width_one_step_ago;
    width_one_step_ago = hi - lo;
    const double f = cdf(x) - target;
    if (f >= 0.0) {
      hi = x;
      f_hi = f;
      if (replaced_high_last) f_lo *= 0.5;  // Illinois: the low end stayed twice, halve its weight
      replaced_high_last = true;
      replaced_low_last = false;
    } else {
      lo = x;
      f_lo = f;
      if (replaced_low_last) f_hi *= 0.5;
      replaced_low_last = true;
      replaced_high_last = false;
    }
  }
  return hi;
}

}  // namespace echelon
