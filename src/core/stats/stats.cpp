#include "core/stats/stats.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace echelon::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInvSqrt2Pi = 0.39894228040143267794;
}  // namespace

double standard_normal_pdf(double z) { return kInvSqrt2Pi * std::exp(-0.5 * z * z); }

double standard_normal_cdf(double z) {
  if (std::isnan(z)) return kNaN;
  // erfc keeps full relative accuracy in the far lower tail, unlike 1 - erf.
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double standard_normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) return kNaN;
  return boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), p);
}

double standard_normal_loss(double z) {
  if (std::isnan(z)) return kNaN;
  return standard_normal_pdf(z) - z * standard_normal_cdf(-z);
}

double normal_pdf(double x, double mean, double sd) {
  if (!(sd > 0.0)) return kNaN;
  return standard_normal_pdf((x - mean) / sd) / sd;
}

double normal_cdf(double x, double mean, double sd) {
  if (!(sd > 0.0)) return kNaN;
  return standard_normal_cdf((x - mean) / sd);
}

double standard_normal_loss2(double z) {
  if (std::isnan(z)) return kNaN;
  return 0.5 * ((1.0 + z * z) * standard_normal_cdf(-z) - z * standard_normal_pdf(z));
}

double normal_quantile(double p, double mean, double sd) {
  if (!(sd >= 0.0) || !std::isfinite(mean)) return kNaN;
  const double z = standard_normal_quantile(p);
  if (std::isnan(z)) return kNaN;
  return mean + sd * z;
}

double normal_loss(double x, double mean, double sd) {
  if (!(sd >= 0.0) || std::isnan(x) || std::isnan(mean)) return kNaN;
  if (sd == 0.0) return std::max(mean - x, 0.0);
  return sd * standard_normal_loss((x - mean) / sd);
}

double normal_loss2(double x, double mean, double sd) {
  if (!(sd >= 0.0) || std::isnan(x) || std::isnan(mean)) return kNaN;
  if (sd == 0.0) {
    const double gap = std::max(mean - x, 0.0);
    return 0.5 * gap * gap;
  }
  return sd * sd * standard_normal_loss2((x - mean) / sd);
}

// ----- gamma -----

namespace {
bool valid_gamma(double shape, double scale) {
  return shape > 0.0 && scale > 0.0 && std::isfinite(shape) && std::isfinite(scale);
}
// P(Gamma(shape, 1) > y) for y >= 0.
double upper_regularized(double shape, double y) { return boost::math::gamma_q(shape, y); }
}  // namespace

GammaParameters gamma_from_moments(double mean, double sd) {
  if (!(mean > 0.0) || !(sd > 0.0) || !std::isfinite(mean) || !std::isfinite(sd)) return {kNaN, kNaN};
  const double variance = sd * sd;
  return {mean * mean / variance, variance / mean};
}

double gamma_pdf(double x, double shape, double scale) {
  if (!valid_gamma(shape, scale) || std::isnan(x)) return kNaN;
  if (x < 0.0) return 0.0;
  if (x == 0.0) return shape < 1.0 ? std::numeric_limits<double>::infinity() : (shape == 1.0 ? 1.0 / scale : 0.0);
  return boost::math::gamma_p_derivative(shape, x / scale) / scale;
}

double gamma_cdf(double x, double shape, double scale) {
  if (!valid_gamma(shape, scale) || std::isnan(x)) return kNaN;
  if (x <= 0.0) return 0.0;
  return boost::math::gamma_p(shape, x / scale);
}

double gamma_quantile(double p, double shape, double scale) {
  if (!valid_gamma(shape, scale) || !(p >= 0.0 && p < 1.0)) return kNaN;
  if (p == 0.0) return 0.0;
  return scale * boost::math::gamma_p_inv(shape, p);
}

double gamma_loss(double x, double shape, double scale) {
  if (!valid_gamma(shape, scale) || std::isnan(x)) return kNaN;
  const double mean = shape * scale;
  if (x <= 0.0) return mean - x;
  const double y = x / scale;
  return std::max(mean * upper_regularized(shape + 1.0, y) - x * upper_regularized(shape, y), 0.0);
}

double gamma_loss2(double x, double shape, double scale) {
  if (!valid_gamma(shape, scale) || std::isnan(x)) return kNaN;
  const double mean = shape * scale;
  if (x <= 0.0) {
    const double variance = shape * scale * scale;
    return 0.5 * (variance + (mean - x) * (mean - x));
  }
  const double y = x / scale;
  const double second_moment_tail = shape * (shape + 1.0) * scale * scale * upper_regularized(shape + 2.0, y);
  const double first_moment_tail = mean * upper_regularized(shape + 1.0, y);
  return std::max(0.5 * (second_moment_tail - 2.0 * x * first_moment_tail + x * x * upper_regularized(shape, y)), 0.0);
}

// ----- Poisson and negative binomial -----

double poisson_pmf(std::int64_t k, double mean) {
  if (!(mean >= 0.0) || !std::isfinite(mean)) return kNaN;
  if (k < 0) return 0.0;
  if (mean == 0.0) return k == 0 ? 1.0 : 0.0;
  const double kd = static_cast<double>(k);
  return std::exp(kd * std::log(mean) - mean - std::lgamma(kd + 1.0));
}

double poisson_cdf(std::int64_t k, double mean) {
  if (!(mean >= 0.0) || !std::isfinite(mean)) return kNaN;
  if (k < 0) return 0.0;
  if (mean == 0.0) return 1.0;
  // P(N <= k) = Q(k + 1, mean), the regularized upper incomplete gamma.
  return boost::math::gamma_q(static_cast<double>(k) + 1.0, mean);
}

NegativeBinomialParameters negative_binomial_from_moments(double mean, double variance) {
  if (!(mean > 0.0) || !(variance > mean) || !std::isfinite(variance)) return {kNaN, kNaN};
  return {mean * mean / (variance - mean), mean / variance};
}

double negative_binomial_pmf(std::int64_t k, double successes, double probability) {
  if (!(successes > 0.0) || !(probability > 0.0 && probability <= 1.0)) return kNaN;
  if (k < 0) return 0.0;
  if (probability == 1.0) return k == 0 ? 1.0 : 0.0;
  const double kd = static_cast<double>(k);
  return std::exp(std::lgamma(kd + successes) - std::lgamma(successes) - std::lgamma(kd + 1.0) +
                  successes * std::log(probability) + kd * std::log1p(-probability));
}

// ----- discrete distributions on 0..n-1 -----

namespace {
// A safety cap on table sizes: a demand this large per protection interval is not a slow mover
// and belongs to the continuous models.
constexpr std::size_t kMaxSupport = 2'000'000;
}  // namespace

DiscreteDistribution make_discrete(std::vector<double> probabilities) {
  DiscreteDistribution d;
  double total = 0.0;
  for (double p : probabilities) {
    if (!(p >= 0.0) || !std::isfinite(p)) return d;
    total += p;
  }
  if (!(total > 0.0)) return d;
  // Trailing zeros carry no information and would only lengthen the tables.
  while (!probabilities.empty() && probabilities.back() == 0.0) probabilities.pop_back();
  const std::size_t n = probabilities.size();
  for (double& p : probabilities) p /= total;
  d.pmf = std::move(probabilities);
  d.cdf.resize(n);
  double cumulative = 0.0;
  double mean = 0.0;
  double second = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    cumulative += d.pmf[k];
    d.cdf[k] = std::min(cumulative, 1.0);
    const double kd = static_cast<double>(k);
    mean += kd * d.pmf[k];
    second += kd * kd * d.pmf[k];
  }
  d.cdf[n - 1] = 1.0;
  d.mean = mean;
  d.variance = std::max(second - mean * mean, 0.0);
  // G1(k) = G1(k + 1) + P(X > k), from the top where G1(n - 1) = 0; S(k) = G1(k) + S(k + 1).
  d.loss.assign(n, 0.0);
  d.loss_sum.assign(n, 0.0);
  for (std::size_t k = n - 1; k-- > 0;) {
    d.loss[k] = d.loss[k + 1] + (1.0 - d.cdf[k]);
    d.loss_sum[k] = d.loss[k] + d.loss_sum[k + 1];
  }
  return d;
}

DiscreteDistribution poisson_distribution(double mean, double tail) {
  if (!(mean >= 0.0) || !std::isfinite(mean) || !(tail > 0.0 && tail < 1.0)) return {};
  if (mean == 0.0) return make_discrete({1.0});
  std::vector<double> pmf;
  double cumulative = 0.0;
  // Recursion p(k) = p(k - 1) * mean / k from p(0) = e^-mean while e^-mean is representable;
  // otherwise each term in log form.
  const bool recursive = mean < 600.0;
  double p = std::exp(-mean);
  for (std::int64_t k = 0;; ++k) {
    if (k > 0) p = recursive ? p * mean / static_cast<double>(k) : poisson_pmf(k, mean);
    pmf.push_back(p);
    cumulative += p;
    if (static_cast<double>(k) > mean && 1.0 - cumulative < tail) break;
    if (pmf.size() > kMaxSupport) return {};
  }
  return make_discrete(std::move(pmf));
}

DiscreteDistribution negative_binomial_distribution(double successes, double probability, double tail) {
  if (!(successes > 0.0) || !(probability > 0.0 && probability <= 1.0) || !(tail > 0.0 && tail < 1.0)) return {};
  if (probability == 1.0) return make_discrete({1.0});
  const double mean = successes * (1.0 - probability) / probability;
  // The negative binomial is Poisson(L) with L ~ Gamma(r, (1 - p) / p), so its tail follows the
  // gamma's: a table that would run past the support limit is refused before it is built (a
  // tiny r, very overdispersed demand, otherwise walks millions of terms first).
  const double tail_point = gamma_quantile(1.0 - tail, successes, (1.0 - probability) / probability);
  if (!(tail_point < static_cast<double>(kMaxSupport))) return {};
  std::vector<double> pmf;
  pmf.reserve(static_cast<std::size_t>(tail_point + 10.0 * std::sqrt(tail_point + 1.0)) + 16);
  double cumulative = 0.0;
  const double log_p0 = successes * std::log(probability);
  const bool recursive = log_p0 > -600.0;
  double p = std::exp(log_p0);
  // The running sum in doubles can stall short of 1 - tail (very overdispersed counts: millions of
  // terms below the rounding unit of the sum), and then the walk runs to kMaxSupport only to give
  // up. It is stalled for good, and the table refused, once (all exact statements about IEEE
  // round-to-nearest):
  //   - the sum is at least 1/2, so its spacing is at least 2^-53 and adding a term below 2^-54
  //     leaves it unchanged;
  //   - the term is below 2^-54;
  //   - every later term is smaller: the ratio p_k / p_{k-1} = (k - 1 + r)(1 - p) / k falls with
  //     k when r >= 1 and is below 1 - p when r < 1; when its exact value is at most 1 - 1e-12,
  //     the three roundings of the recursion (each at most a factor 1 + 2^-53) keep it below 1.
  // Then 1 - sum >= tail holds forever and the answer is the same empty table, found sooner.
  constexpr double kHalfSpacingAtOneHalf = 0x1p-54;
  constexpr double kRatioMargin = 1e-12;
  for (std::int64_t k = 0;; ++k) {
    if (k > 0) {
      const double kd = static_cast<double>(k);
      p = recursive ? p * (kd - 1.0 + successes) / kd * (1.0 - probability)
                    : negative_binomial_pmf(k, successes, probability);
    }
    pmf.push_back(p);
    cumulative += p;
    if (static_cast<double>(k) > mean && 1.0 - cumulative < tail) break;
    if (pmf.size() > kMaxSupport) return {};
    if (recursive && k > 0 && p < kHalfSpacingAtOneHalf && cumulative >= 0.5 && 1.0 - cumulative >= tail) {
      const double kd = static_cast<double>(k) + 1.0;  // the next ratio bounds every later one
      const double next_ratio = successes >= 1.0 ? (kd - 1.0 + successes) / kd * (1.0 - probability) : 1.0 - probability;
      if (next_ratio <= 1.0 - kRatioMargin) return {};
    }
  }
  return make_discrete(std::move(pmf));
}

std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<double> out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == 0.0) continue;
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

double discrete_cdf(const DiscreteDistribution& d, double x) {
  if (d.pmf.empty() || std::isnan(x)) return kNaN;
  if (x < 0.0) return 0.0;
  const double top = static_cast<double>(d.pmf.size() - 1);
  if (x >= top) return 1.0;
  return d.cdf[static_cast<std::size_t>(std::floor(x))];
}

double discrete_loss(const DiscreteDistribution& d, double x) {
  if (d.pmf.empty() || std::isnan(x)) return kNaN;
  if (x <= 0.0) return d.mean - x;
  const double top = static_cast<double>(d.pmf.size() - 1);
  if (x >= top) return 0.0;
  const double k = std::floor(x);
  const auto i = static_cast<std::size_t>(k);
  return d.loss[i] - (x - k) * (1.0 - d.cdf[i]);
}

double discrete_loss2(const DiscreteDistribution& d, double x) {
  if (d.pmf.empty() || std::isnan(x)) return kNaN;
  if (x <= 0.0) return 0.5 * (d.variance + (d.mean - x) * (d.mean - x));
  const double top = static_cast<double>(d.pmf.size() - 1);
  if (x >= top) return 0.0;
  const double k = std::floor(x);
  const auto i = static_cast<std::size_t>(k);
  const double t = x - k;
  // At an integer, E[((X - k)^+)^2] / 2 = S(k) - G1(k) / 2; between integers subtract the
  // integral of the linear G1.
  const double at_k = d.loss_sum[i] - 0.5 * d.loss[i];
  return std::max(at_k - (d.loss[i] * t - 0.5 * t * t * (1.0 - d.cdf[i])), 0.0);
}

double discrete_loss_sum(const DiscreteDistribution& d, std::int64_t k) {
  if (d.pmf.empty()) return kNaN;
  const auto n = static_cast<std::int64_t>(d.pmf.size());
  if (k >= n) return 0.0;
  if (k >= 0) return d.loss_sum[static_cast<std::size_t>(k)];
  // For j < 0, G1(j) = mean - j: add sum over j = k..-1 of (mean - j).
  const double m = static_cast<double>(-k);
  return d.loss_sum[0] + m * d.mean + 0.5 * m * (m + 1.0);
}

std::int64_t discrete_quantile(const DiscreteDistribution& d, double p) {
  if (d.pmf.empty() || !(p > 0.0 && p <= 1.0)) return -1;
  const auto it = std::lower_bound(d.cdf.begin(), d.cdf.end(), p);
  if (it == d.cdf.end()) return static_cast<std::int64_t>(d.cdf.size() - 1);
  return static_cast<std::int64_t>(it - d.cdf.begin());
}

double sample_quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

namespace {

// Order statistic k of x[first, last) (first <= k < last), by selection; reorders that range.
double order_statistic(std::vector<double>& x, std::size_t first, std::size_t k, std::size_t last) {
  const auto begin = x.begin();
  std::nth_element(begin + static_cast<std::ptrdiff_t>(first), begin + static_cast<std::ptrdiff_t>(k),
                   begin + static_cast<std::ptrdiff_t>(last));
  return x[k];
}

// Smallest of x[first, last), or `otherwise` when the range is empty.
double smallest(const std::vector<double>& x, std::size_t first, std::size_t last, double otherwise) {
  if (first >= last) return otherwise;
  return *std::min_element(x.begin() + static_cast<std::ptrdiff_t>(first), x.begin() + static_cast<std::ptrdiff_t>(last));
}

}  // namespace

SampleBand sample_p10_p50_p90(std::vector<double>& x) {
  SampleBand band;
  const std::size_t n = x.size();
  if (n == 0) return band;
  auto interpolate = [](double below, double above, double h) { return below + (h - std::floor(h)) * (above - below); };
  // The median is selected first: every value before position m is then at most x_(m) and every
  // value after it at least x_(m), so P10 is selected within [0, m) and P90 within (m, n).
  const double hm = (static_cast<double>(n) - 1.0) * 0.5;
  const auto m = static_cast<std::size_t>(std::floor(hm));
  const double m_lo = order_statistic(x, 0, m, n);
  const double m_hi = smallest(x, m + 1, n, m_lo);  // x_(m + 1)
  band.p50 = interpolate(m_lo, m_hi, hm);
  const double ha = (static_cast<double>(n) - 1.0) * 0.1;
  const auto a = static_cast<std::size_t>(std::floor(ha));  // a <= m
  const double a_lo = a < m ? order_statistic(x, 0, a, m) : m_lo;
  const double a_hi = a + 1 < m ? smallest(x, a + 1, m, m_lo) : (a + 1 == m ? m_lo : m_hi);
  band.p10 = interpolate(a_lo, a_hi, ha);
  const double hb = (static_cast<double>(n) - 1.0) * 0.9;
  const auto b = static_cast<std::size_t>(std::floor(hb));  // b >= m
  const double b_lo = b > m ? order_statistic(x, m + 1, b, n) : m_lo;
  const double b_hi = b + 1 >= n ? b_lo : (b > m ? smallest(x, b + 1, n, b_lo) : m_hi);
  band.p90 = interpolate(b_lo, b_hi, hb);
  return band;
}

}  // namespace echelon::stats
