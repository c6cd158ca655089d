#include "core/learn/change_point.h"

#include <algorithm>
#include <cmath>

namespace echelon::learn {

Result<CusumResult> cusum(std::span<const double> values, const CusumOptions& o) {
  Problems problems;
  if (!(o.reference_sd > 0.0 && std::isfinite(o.reference_sd))) problems.push_back({"reference_sd", "must be above 0"});
  if (!(o.k >= 0.0 && std::isfinite(o.k))) problems.push_back({"k", "must be at least 0"});
  if (!(o.h > 0.0 && std::isfinite(o.h))) problems.push_back({"h", "must be above 0"});
  if (!std::isfinite(o.reference_mean)) problems.push_back({"reference_mean", "must be a finite number"});
  if (!problems.empty()) return problems;
  CusumResult r;
  r.upper.resize(values.size());
  r.lower.resize(values.size());
  double up = 0.0, down = 0.0;
  for (std::size_t t = 0; t < values.size(); ++t) {
    if (!std::isnan(values[t])) {
      const double z = (values[t] - o.reference_mean) / o.reference_sd;
      up = std::max(0.0, up + z - o.k);
      down = std::max(0.0, down - z - o.k);
      if (up > o.h || down > o.h) {
        r.alarms.push_back(static_cast<int>(t));
        r.upward.push_back(up > o.h);
        up = down = 0.0;
      }
    }
    r.upper[t] = up;
    r.lower[t] = down;
  }
  return r;
}

bool CountCusum::step(double count) {
  if (std::isnan(count)) return false;
  sum = std::max(0.0, sum + count - reference_k);
  if (sum < interval_h) return false;
  sum = 0.0;
  return true;
}

Result<CountCusum> make_count_cusum(double mu0, double r, double arl) {
  Problems problems;
  if (!(mu0 > 0.0 && std::isfinite(mu0))) problems.push_back({"in_control_mean", "must be a finite number above 0"});
  if (!(r > 1.0 && std::isfinite(r))) problems.push_back({"rise_ratio", "must be a finite number above 1"});
  if (!(arl > 1.0 && std::isfinite(arl))) problems.push_back({"in_control_arl", "must be a finite number above 1"});
  if (!problems.empty()) return problems;
  CountCusum c;
  const double log_r = std::log(r);
  c.reference_k = mu0 * (r - 1.0) / log_r;
  const double drift = mu0 * (r - 1.0 - log_r);  // |E0[z]|
  const double wanted = arl * drift;
  double lo = 0.0, hi = 1.0;
  while (std::exp(hi) - hi - 1.0 < wanted && hi < 700.0) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double b = 0.5 * (lo + hi);
    if (std::exp(b) - b - 1.0 < wanted) lo = b;
    else hi = b;
  }
  c.interval_h = hi / log_r;
  return c;
}

ChangeTest likelihood_ratio_change(std::span<const double> values, const ChangeTestOptions& o) {
  ChangeTest out;
  std::vector<double> y;
  std::vector<int> index;
  for (std::size_t t = 0; t < values.size(); ++t) {
    if (std::isnan(values[t])) continue;
    y.push_back(values[t]);
    index.push_back(static_cast<int>(t));
  }
  const int n = static_cast<int>(y.size());
  const int m = std::max(2, o.min_segment);
  if (n < 2 * m) return out;
  // Prefix sums of y and y^2 give each segment's variance in O(1).
  std::vector<double> s(static_cast<std::size_t>(n) + 1, 0.0), q(static_cast<std::size_t>(n) + 1, 0.0);
  // Centre first: sums of squares of large values lose digits otherwise.
  double centre = 0.0;
  for (double v : y) centre += v;
  centre /= n;
  for (int i = 0; i < n; ++i) {
    const double v = y[static_cast<std::size_t>(i)] - centre;
    s[static_cast<std::size_t>(i) + 1] = s[static_cast<std::size_t>(i)] + v;
    q[static_cast<std::size_t>(i) + 1] = q[static_cast<std::size_t>(i)] + v * v;
  }
  auto variance = [&](int from, int to) {  // values [from, to)
    const double count = to - from;
    const double sum = s[static_cast<std::size_t>(to)] - s[static_cast<std::size_t>(from)];
    const double squares = q[static_cast<std::size_t>(to)] - q[static_cast<std::size_t>(from)];
    return std::max(o.variance_floor, squares / count - (sum / count) * (sum / count));
  };
  const double whole = n * std::log(variance(0, n));
  double best = -1.0;
  int best_k = -1;
  for (int k = m; k <= n - m; ++k) {
    const double lr = whole - k * std::log(variance(0, k)) - (n - k) * std::log(variance(k, n));
    if (lr > best) best = lr, best_k = k;
  }
  out.statistic = best;
  out.threshold = o.penalty_per_log_n * std::log(static_cast<double>(n));
  if (best_k < 0) return out;
  auto mean_of = [&](int from, int to) {
    return centre + (s[static_cast<std::size_t>(to)] - s[static_cast<std::size_t>(from)]) / (to - from);
  };
  out.mean_before = mean_of(0, best_k);
  out.mean_after = mean_of(best_k, n);
  out.sd_before = std::sqrt(variance(0, best_k));
  out.sd_after = std::sqrt(variance(best_k, n));
  out.changed = best > out.threshold;
  out.split = out.changed ? index[static_cast<std::size_t>(best_k)] : -1;
  return out;
}

namespace {
double bernoulli_log_likelihood(double k, double m) {
  double l = 0.0;
  if (k > 0.0) l += k * std::log(k / m);
  if (m - k > 0.0) l += (m - k) * std::log(1.0 - k / m);
  return l;
}
}  // namespace

ChangeTest occurrence_change(std::span<const double> values, const ChangeTestOptions& o) {
  ChangeTest out;
  std::vector<int> index;
  std::vector<int> hits_before{0};  // prefix counts of periods with demand
  for (std::size_t t = 0; t < values.size(); ++t) {
    if (std::isnan(values[t])) continue;
    index.push_back(static_cast<int>(t));
    hits_before.push_back(hits_before.back() + (values[t] > 0.0 ? 1 : 0));
  }
  const int n = static_cast<int>(index.size());
  const int m = std::max(2, o.min_segment);
  if (n < 2 * m) return out;
  const double total = hits_before.back();
  const double whole = bernoulli_log_likelihood(total, n);
  double best = -1.0;
  int best_k = -1;
  for (int k = m; k <= n - m; ++k) {
    const double k1 = hits_before[static_cast<std::size_t>(k)];
    const double lr = 2.0 * (bernoulli_log_likelihood(k1, k) + bernoulli_log_likelihood(total - k1, n - k) - whole);
    if (lr > best) best = lr, best_k = k;
  }
  out.statistic = best;
  out.threshold = o.occurrence_penalty_per_log_n * std::log(static_cast<double>(n));
  const double k1 = hits_before[static_cast<std::size_t>(best_k)];
  out.mean_before = k1 / best_k;
  out.mean_after = (total - k1) / (n - best_k);
  out.changed = best > out.threshold;
  out.split = out.changed ? index[static_cast<std::size_t>(best_k)] : -1;
  return out;
}

}  // namespace echelon::learn
