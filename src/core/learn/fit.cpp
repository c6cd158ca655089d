// Fitting a distribution family to demand data and choosing among families (the header has the
// estimators and the scoring rule).
//
// Contents
//   moments, parameter helpers           sample moments; lognormal, negative binomial parameters
//   gamma_shape_mle, nb_size_mle         maximum-likelihood shape and size (Newton steps)
//   log_density, continuous_cdf, mass    each family's density, cdf and probability mass
//   fit_family                           one family fitted to data
//   negative_log_score, fitted_quantile  scoring a fit on held-out data
//   select_distribution                  the rolling-origin comparison of families
#include "core/learn/fit.h"

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <limits>
#include <variant>

#include "core/stats/stats.h"

namespace echelon::learn {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kProbabilityFloor = 1e-12;

double digamma(double x) { return boost::math::digamma(x); }
double trigamma(double x) { return boost::math::trigamma(x); }

struct Moments {
  double mean = 0.0;
  double variance_n = 0.0;  // divisor n
};

Moments moments(std::span<const double> data) {
  double sum = 0.0;
  for (double x : data) sum += x;
  const double n = static_cast<double>(data.size());
  Moments m;
  m.mean = sum / n;
  double squares = 0.0;
  for (double x : data) squares += (x - m.mean) * (x - m.mean);
  m.variance_n = squares / n;
  return m;
}

// Lognormal parameters of the logarithm from the scenario's (mean, sd) of the variable.
void lognormal_log_parameters(const dist::Lognormal& d, double& mu, double& sigma) {
  const double ratio = d.sd / d.mean;
  const double s2 = std::log1p(ratio * ratio);
  mu = std::log(d.mean) - 0.5 * s2;
  sigma = std::sqrt(s2);
}

// Negative binomial (r, p) from the scenario's (mean, sd): p = mean / sd^2, r = mean p / (1 - p).
stats::NegativeBinomialParameters nb_parameters(const dist::NegativeBinomial& d) {
  return stats::negative_binomial_from_moments(d.mean, d.sd * d.sd);
}

double sum_log(std::span<const double> data) {
  double s = 0.0;
  for (double x : data) s += std::log(x);
  return s;
}

// Gamma shape from s = ln x̄ - mean(ln x) > 0 by Newton's method on ln k - psi(k) = s, which is
// decreasing and convex in k, so Newton from Minka's start converges monotonically.
double gamma_shape_mle(double s) {
  double k = (3.0 - s + std::sqrt((s - 3.0) * (s - 3.0) + 24.0 * s)) / (12.0 * s);
  for (int i = 0; i < 100; ++i) {
    const double f = std::log(k) - digamma(k) - s;
    const double slope = 1.0 / k - trigamma(k);
    double next = k - f / slope;
    if (!(next > 0.0)) next = k / 2.0;
    const bool done = std::fabs(next - k) <= 1e-13 * k;
    k = next;
    if (done) break;
  }
  return k;
}

// The negative binomial profile score in r (see the header). For small r it is about
// (number of non-zero values) / r > 0; for large r about n (x̄ - s_n^2) / (2 r^2), which is
// negative exactly when the variance exceeds the mean, so there is a root between.
// psi(x + r) - psi(r): for a whole x up to 2000 the exact sum of 1/(r + j), j < x (no
// cancellation between two large digammas when r is large); otherwise the digammas.
double digamma_step(double x, double r) {
  if (x == std::floor(x) && x <= 2000.0) {
    double s = 0.0;
    for (int j = 0; j < static_cast<int>(x); ++j) s += 1.0 / (r + j);
    return s;
  }
  return digamma(x + r) - digamma(r);
}

// Each distinct value once, with its count.
std::vector<std::pair<double, double>> value_counts(std::span<const double> data) {
  std::vector<double> sorted(data.begin(), data.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<double, double>> out;
  for (double v : sorted) {
    if (!out.empty() && out.back().first == v) out.back().second += 1.0;
    else out.push_back({v, 1.0});
  }
  return out;
}

double nb_score(const std::vector<std::pair<double, double>>& counts, double n, double mean, double r) {
  double s = 0.0;
  for (const auto& [x, c] : counts) s += c * digamma_step(x, r);
  return s + n * std::log1p(-mean / (r + mean));
}

double nb_size_mle(std::span<const double> data, double mean) {
  const auto counts = value_counts(data);
  const double n = static_cast<double>(data.size());
  // Bisection on ln r: the score is positive for small r and negative for large r.
  double lo = std::log(1e-8), hi = std::log(1e6);
  if (nb_score(counts, n, mean, std::exp(hi)) > 0.0) return std::exp(hi);
  for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (nb_score(counts, n, mean, std::exp(mid)) > 0.0) lo = mid;
    else hi = mid;
  }
  return std::exp(0.5 * (lo + hi));
}

double log_density(const Fitted& f, double x) {
  return std::visit(
      [&](const auto& d) -> double {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Normal>) {
          const double z = (x - d.mean) / d.sd;
          return -0.5 * z * z - std::log(d.sd) - 0.5 * std::log(2.0 * std::numbers::pi);
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          if (!(x > 0.0)) return -std::numeric_limits<double>::infinity();
          return (d.shape - 1.0) * std::log(x) - x / d.scale - std::lgamma(d.shape) - d.shape * std::log(d.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (!(x > 0.0)) return -std::numeric_limits<double>::infinity();
          double mu = 0.0, sigma = 0.0;
          lognormal_log_parameters(d, mu, sigma);
          const double z = (std::log(x) - mu) / sigma;
          return -0.5 * z * z - std::log(sigma * x) - 0.5 * std::log(2.0 * std::numbers::pi);
        } else {
          return kNaN;
        }
      },
      f.distribution);
}

double continuous_cdf(const Fitted& f, double x) {
  return std::visit(
      [&](const auto& d) -> double {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Normal>) {
          return stats::normal_cdf(x, d.mean, d.sd);
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          return x <= 0.0 ? 0.0 : stats::gamma_cdf(x, d.shape, d.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (x <= 0.0) return 0.0;
          double mu = 0.0, sigma = 0.0;
          lognormal_log_parameters(d, mu, sigma);
          return stats::standard_normal_cdf((std::log(x) - mu) / sigma);
        } else {
          return kNaN;
        }
      },
      f.distribution);
}

// Probability of the whole number y under a discrete family.
double mass(const Fitted& f, double y) {
  const auto k = static_cast<std::int64_t>(std::llround(y));
  return std::visit(
      [&](const auto& d) -> double {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Poisson>) {
          return stats::poisson_pmf(k, d.mean);
        } else if constexpr (std::is_same_v<T, dist::NegativeBinomial>) {
          const auto p = nb_parameters(d);
          return stats::negative_binomial_pmf(k, p.successes, p.probability);
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          // Add-1/2 smoothing over the cells 0..max and one cell for everything above max.
          const double largest = *std::max_element(d.sample.begin(), d.sample.end());
          const double cells = std::floor(largest) + 2.0;
          double count = 0.0;
          if (y <= largest) {
            for (double v : d.sample) count += v == y ? 1.0 : 0.0;
          }
          return (count + 0.5) / (static_cast<double>(d.sample.size()) + 0.5 * cells);
        } else {
          return kNaN;
        }
      },
      f.distribution);
}

bool is_discrete(Family f) { return f == Family::poisson || f == Family::negative_binomial || f == Family::empirical; }

}  // namespace

std::string_view family_name(Family f) {
  switch (f) {
    case Family::normal: return "normal";
    case Family::gamma: return "gamma";
    case Family::lognormal: return "lognormal";
    case Family::poisson: return "poisson";
    case Family::negative_binomial: return "negative_binomial";
    case Family::empirical: return "empirical";
  }
  return "normal";
}

std::string_view criterion_name(Criterion c) { return c == Criterion::log_score ? "log score" : "pinball loss"; }

bool whole_numbers(std::span<const double> data) {
  return std::all_of(data.begin(), data.end(), [](double x) { return std::isfinite(x) && x == std::floor(x); });
}

Result<Fitted> fit_family(std::span<const double> data, Family family) {
  const std::string name(family_name(family));
  if (data.size() < 2) return Problem{"data", "needs at least two values"};
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!std::isfinite(data[i]) || data[i] < 0.0) {
      return Problem{"data/" + std::to_string(i), "must be a finite number of at least 0"};
    }
  }
  const Moments m = moments(data);
  if (!(m.mean > 0.0)) return Problem{"data", "has no positive value"};
  const double n = static_cast<double>(data.size());
  Fitted f;
  f.family = family;
  const bool has_zero = std::any_of(data.begin(), data.end(), [](double x) { return x <= 0.0; });
  if ((family == Family::gamma || family == Family::lognormal) && has_zero) {
    return Problem{name, "needs every value above 0; the data hold zeros"};
  }
  if ((family == Family::poisson || family == Family::negative_binomial) && !whole_numbers(data)) {
    return Problem{name, "needs whole numbers"};
  }
  switch (family) {
    case Family::normal: {
      if (!(m.variance_n > 0.0)) return Problem{name, "needs values that differ"};
      const double sd = std::sqrt(m.variance_n);
      f.distribution = dist::Normal{m.mean, sd};
      // sum of ln densities at the MLE: -n/2 (ln(2 pi sd^2) + 1).
      f.log_likelihood = -0.5 * n * (std::log(2.0 * std::numbers::pi * m.variance_n) + 1.0);
      return f;
    }
    case Family::gamma: {
      const double s = std::log(m.mean) - sum_log(data) / n;
      if (!(s > 1e-14)) return Problem{name, "needs values that differ"};
      const double k = gamma_shape_mle(s);
      f.distribution = dist::Gamma{k, m.mean / k};
      break;
    }
    case Family::lognormal: {
      const double mu = sum_log(data) / n;
      double squares = 0.0;
      for (double x : data) squares += (std::log(x) - mu) * (std::log(x) - mu);
      const double s2 = squares / n;
      if (!(s2 > 0.0)) return Problem{name, "needs values that differ"};
      const double mean = std::exp(mu + 0.5 * s2);
      f.distribution = dist::Lognormal{mean, mean * std::sqrt(std::expm1(s2))};
      break;
    }
    case Family::poisson: {
      f.distribution = dist::Poisson{m.mean};
      break;
    }
    case Family::negative_binomial: {
      if (!(m.variance_n > m.mean * (1.0 + 1e-9))) {
        return Problem{name, "needs a variance above the mean (the Poisson is the limit)"};
      }
      const double r = nb_size_mle(data, m.mean);
      f.distribution = dist::NegativeBinomial{m.mean, std::sqrt(m.mean + m.mean * m.mean / r)};
      break;
    }
    case Family::empirical: {
      f.distribution = dist::Empirical{std::vector<double>(data.begin(), data.end())};
      f.log_likelihood = kNaN;  // the sample's own likelihood says nothing: it is the data
      return f;
    }
  }
  double ll = 0.0;
  for (double x : data) ll += is_discrete(family) ? std::log(mass(f, x)) : log_density(f, x);
  f.log_likelihood = ll;
  return f;
}

double negative_log_score(const Fitted& f, double y, bool whole_number_data) {
  double p = kNaN;
  if (is_discrete(f.family)) {
    if (!whole_number_data) return kNaN;
    p = mass(f, y);
  } else if (whole_number_data) {
    p = continuous_cdf(f, y + 0.5) - (y <= 0.0 ? 0.0 : continuous_cdf(f, y - 0.5));
  } else {
    const double ld = log_density(f, y);
    return -std::max(ld, std::log(kProbabilityFloor));
  }
  return -std::log(std::max(p, kProbabilityFloor));
}

double fitted_quantile(const Fitted& f, double tau) {
  if (!(tau > 0.0 && tau < 1.0)) return kNaN;
  return std::visit(
      [&](const auto& d) -> double {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, dist::Normal>) {
          return std::max(0.0, stats::normal_quantile(tau, d.mean, d.sd));
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          return stats::gamma_quantile(tau, d.shape, d.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          double mu = 0.0, sigma = 0.0;
          lognormal_log_parameters(d, mu, sigma);
          return std::exp(mu + sigma * stats::standard_normal_quantile(tau));
        } else if constexpr (std::is_same_v<T, dist::Poisson>) {
          return static_cast<double>(stats::discrete_quantile(stats::poisson_distribution(d.mean), tau));
        } else if constexpr (std::is_same_v<T, dist::NegativeBinomial>) {
          const auto p = nb_parameters(d);
          return static_cast<double>(
              stats::discrete_quantile(stats::negative_binomial_distribution(p.successes, p.probability), tau));
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          std::vector<double> sorted = d.sample;
          std::sort(sorted.begin(), sorted.end());
          // Smallest value with at least tau of the sample at or below it: index ceil(n tau) - 1.
          const double position = std::ceil(static_cast<double>(sorted.size()) * tau - 1e-12);
          const auto index = static_cast<std::size_t>(std::max(1.0, position)) - 1;
          return sorted[std::min(index, sorted.size() - 1)];
        } else {
          return kNaN;
        }
      },
      f.distribution);
}

double pinball_loss(double y, double q, double tau) { return y >= q ? (y - q) * tau : (q - y) * (1.0 - tau); }

Result<Selection> select_distribution(std::span<const double> fitting, std::span<const double> holdout,
                                      const SelectionOptions& options) {
  if (holdout.empty()) return Problem{"holdout", "needs at least one value to score the fits on"};
  for (double tau : options.pinball_levels) {
    if (!(tau > 0.0 && tau < 1.0)) return Problem{"pinball_levels", "every level must be in (0, 1)"};
  }
  if (options.criterion == Criterion::pinball && options.pinball_levels.empty()) {
    return Problem{"pinball_levels", "needs at least one level"};
  }
  std::vector<double> all(fitting.begin(), fitting.end());
  all.insert(all.end(), holdout.begin(), holdout.end());
  const bool whole = whole_numbers(all);
  Selection sel;
  sel.criterion = options.criterion;
  sel.fitting_values = static_cast<int>(fitting.size());
  sel.holdout_values = static_cast<int>(holdout.size());
  int best = -1;
  for (Family family : options.families) {
    Candidate c;
    c.family = family;
    auto fit = fit_family(fitting, family);
    if (!fit.ok()) {
      c.reason = fit.problems()[0].message;
      sel.candidates.push_back(std::move(c));
      continue;
    }
    double score = 0.0;
    if (options.criterion == Criterion::log_score) {
      if (is_discrete(family) && !whole) {
        c.reason = "cannot be scored by probability on fractional data";
        sel.candidates.push_back(std::move(c));
        continue;
      }
      for (double y : holdout) score += negative_log_score(*fit, y, whole);
      score /= static_cast<double>(holdout.size());
    } else {
      for (double tau : options.pinball_levels) {
        const double q = fitted_quantile(*fit, tau);
        for (double y : holdout) score += pinball_loss(y, q, tau);
      }
      score /= static_cast<double>(holdout.size() * options.pinball_levels.size());
    }
    c.fitted = true;
    c.holdout_score = score;
    // Ties keep the earlier family (the simpler ones come first in kAllFamilies).
    if (best < 0 || score < sel.candidates[static_cast<std::size_t>(best)].holdout_score) {
      best = static_cast<int>(sel.candidates.size());
    }
    sel.candidates.push_back(std::move(c));
  }
  if (best < 0) {
    Problems problems;
    for (const Candidate& c : sel.candidates) problems.push_back({std::string(family_name(c.family)), c.reason});
    if (problems.empty()) problems.push_back({"families", "none to fit"});
    return problems;
  }
  const Family family = sel.candidates[static_cast<std::size_t>(best)].family;
  auto refit = fit_family(all, family);
  if (!refit.ok()) {
    // Cannot happen for a family that fitted on part of the data, except the negative binomial
    // whose variance condition can fail on the whole; keep the fit on the fitting part then.
    refit = fit_family(fitting, family);
  }
  sel.chosen = std::move(refit).value();
  return sel;
}

Result<Selection> select_distribution(std::span<const double> series, const SelectionOptions& options) {
  std::vector<double> values;
  for (double x : series) {
    if (!std::isnan(x)) values.push_back(x);
  }
  if (values.size() < 3) return Problem{"series", "needs at least three observed values"};
  if (!(options.holdout_share > 0.0 && options.holdout_share < 1.0)) {
    return Problem{"holdout_share", "must be in (0, 1)"};
  }
  auto held = static_cast<std::size_t>(std::llround(options.holdout_share * static_cast<double>(values.size())));
  held = std::clamp<std::size_t>(held, 1, values.size() - 2);
  const std::span<const double> all(values);
  return select_distribution(all.first(values.size() - held), all.last(held), options);
}

}  // namespace echelon::learn
