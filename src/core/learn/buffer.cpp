#include "core/learn/buffer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace echelon::learn {

std::string_view service_goal_name(ServiceGoal g) {
  return g == ServiceGoal::cycle_service_level ? "cycle service level" : "fill rate";
}

namespace {

Result<LeadTimeDemand> protection_demand(const BufferSizingInput& in, LeadTimeDemandModel model, DemandKind kind) {
  LeadTimeDemandInput ltd;
  ltd.demand.kind = kind;
  ltd.demand.mean_units_per_period = in.horizon_forecast / in.protection_periods;
  ltd.demand.sd_units_per_period = in.horizon_error_sd / std::sqrt(in.protection_periods);
  ltd.lead_time.mean_periods = in.protection_periods - 1.0;
  ltd.lead_time.sd_periods = std::sqrt(in.lead_time_variance);
  ltd.review_period_periods = 1.0;
  ltd.model = model;
  return compute_lead_time_demand(ltd);
}

}  // namespace

Result<BufferSizing> size_buffer(const BufferSizingInput& in) {
  Problems problems;
  if (!(in.target > 0.0 && in.target < 1.0)) problems.push_back({"target", "must be in (0, 1)"});
  if (!(in.forecast_per_period >= 0.0 && std::isfinite(in.forecast_per_period))) {
    problems.push_back({"forecast_per_period", "must be a finite number of at least 0"});
  }
  if (!(in.horizon_forecast >= 0.0 && std::isfinite(in.horizon_forecast))) {
    problems.push_back({"horizon_forecast", "must be a finite number of at least 0"});
  }
  if (!(in.horizon_error_sd >= 0.0 && std::isfinite(in.horizon_error_sd))) {
    problems.push_back({"horizon_error_sd", "must be a finite number of at least 0"});
  }
  if (!(in.protection_periods >= 1.0 && std::isfinite(in.protection_periods))) {
    problems.push_back({"protection_periods", "must be at least 1"});
  }
  if (!(in.lead_time_variance >= 0.0 && std::isfinite(in.lead_time_variance))) {
    problems.push_back({"lead_time_variance", "must be a finite number of at least 0"});
  }
  if (!problems.empty()) return problems;

  BufferSizing out;
  out.mean = in.horizon_forecast;
  if (!(in.horizon_forecast > 0.0)) {  // nothing expected: nothing to hold
    out.expected_fill_rate = 1.0;
    return out;
  }
  // The Bhatia-Davis cap, applied to the whole Var[X] = sd_H^2 + f^2 Var[L] by shrinking both.
  BufferSizingInput capped = in;
  if (in.max_protection_demand > 0.0) {
    const double f = in.horizon_forecast / in.protection_periods;
    const double total = in.horizon_error_sd * in.horizon_error_sd + f * f * in.lead_time_variance;
    const double bound = in.horizon_forecast * std::max(0.0, in.max_protection_demand - in.horizon_forecast);
    if (total > bound) {
      const double shrink = total > 0.0 ? bound / total : 0.0;
      capped.horizon_error_sd = in.horizon_error_sd * std::sqrt(shrink);
      capped.lead_time_variance = in.lead_time_variance * shrink;
      out.variance_capped = true;
    }
  }
  const double per_period = in.horizon_forecast / in.protection_periods;
  const double per_period_variance = capped.horizon_error_sd * capped.horizon_error_sd / in.protection_periods;
  const bool counts = in.whole_units && (in.family == Family::poisson || in.family == Family::negative_binomial ||
                                         in.family == Family::empirical);
  auto build = [&](const BufferSizingInput& v) -> Result<LeadTimeDemand> {
    Result<LeadTimeDemand> x = Problem{"model", "none"};
    if (counts) {
      x = protection_demand(v, LeadTimeDemandModel::discrete_exact,
                            per_period_variance > per_period * (1.0 + 1e-9) ? DemandKind::negative_binomial
                                                                            : DemandKind::poisson);
    } else if (in.family == Family::normal) {
      x = protection_demand(v, LeadTimeDemandModel::normal, DemandKind::normal);
    }
    if (!x.ok() && v.horizon_error_sd > 0.0) x = protection_demand(v, LeadTimeDemandModel::gamma, DemandKind::gamma);
    if (!x.ok()) x = protection_demand(v, LeadTimeDemandModel::normal, DemandKind::normal);
    return x;
  };
  auto x = build(capped);
  if (!x.ok()) return x.problems();
  // The demand of one period less (H - 1 >= 1), for the exact count of new shortages.
  std::optional<LeadTimeDemand> shorter;
  if (in.exact_fill_rate && in.protection_periods >= 2.0 - 1e-12) {
    BufferSizingInput v = capped;
    const double ratio = (in.protection_periods - 1.0) / in.protection_periods;
    v.protection_periods = in.protection_periods - 1.0;
    v.horizon_forecast = in.horizon_forecast * ratio;
    v.horizon_error_sd = capped.horizon_error_sd * std::sqrt(ratio);
    if (auto y = build(v); y.ok()) shorter = std::move(y).value();
  }
  out.model = x->model;
  out.sd = sd(*x);
  // Expected units short per period at level s.
  auto short_per_period = [&](double level) { return loss(*x, level) - (shorter ? loss(*shorter, level) : 0.0); };

  const double scale = std::max(1.0, out.sd);
  if (in.goal == ServiceGoal::cycle_service_level) {
    out.order_up_to = std::max(0.0, quantile(*x, in.target));
  } else {
    const double allowed = (1.0 - in.target) * in.forecast_per_period;
    double lo = 0.0, hi = out.mean + 12.0 * scale + 1.0;
    for (int i = 0; i < 60 && short_per_period(hi) > allowed; ++i) hi += 12.0 * scale;
    if (short_per_period(lo) <= allowed) {
      hi = lo;
    } else {
      for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        if (short_per_period(mid) <= allowed) hi = mid;
        else lo = mid;
      }
    }
    out.order_up_to = integer_lattice(*x) ? std::ceil(hi - 1e-9) : hi;
  }
  if (in.cap_level_at_max && in.max_protection_demand > 0.0 && out.order_up_to > in.max_protection_demand) {
    out.order_up_to = in.max_protection_demand;
    out.level_capped = true;
  }
  out.safety_stock = out.order_up_to - out.mean;
  out.expected_fill_rate =
      in.forecast_per_period > 0.0 ? 1.0 - short_per_period(out.order_up_to) / in.forecast_per_period : 1.0;
  return out;
}

namespace {

// Totals of every run of k consecutive values (k = 0: a single total of 0).
std::vector<double> block_totals(const std::vector<double>& values, std::size_t k) {
  if (k == 0) return {0.0};
  std::vector<double> out;
  for (std::size_t i = 0; i + k <= values.size(); ++i) {
    double sum = 0.0;
    for (std::size_t j = 0; j < k; ++j) sum += values[i + j];
    out.push_back(sum);
  }
  return out;
}

// The least level with short(level) <= allowed, scanning whole levels up from 0 to `top`; with
// `continuous`, interpolated linearly inside the last step (exact when short is linear between
// whole levels).
template <class Short>
double least_level(const Short& short_per_period, double allowed, double top, bool continuous) {
  double level = 0.0;
  double previous = short_per_period(0.0);
  double current = previous;
  while (level < top && current > allowed + 1e-12) {
    level += 1.0;
    previous = current;
    current = short_per_period(level);
  }
  if (continuous && level > 0.0 && previous > current && current <= allowed + 1e-12) {
    return level - 1.0 + std::clamp((previous - allowed) / (previous - current), 0.0, 1.0);
  }
  return level;
}

double mean_excess(const std::vector<double>& totals, double level) {
  double sum = 0.0;
  for (double x : totals) sum += std::max(0.0, x - level);
  return sum / static_cast<double>(totals.size());
}

}  // namespace

Result<BufferSizing> size_buffer_empirical(std::span<const double> demand_per_period, int protection_periods,
                                           ServiceGoal goal, double target, bool continuous_level) {
  if (!(target > 0.0 && target < 1.0)) return Problem{"target", "must be in (0, 1)"};
  if (protection_periods < 1) return Problem{"protection_periods", "must be at least 1"};
  std::vector<double> values;
  for (double v : demand_per_period) {
    if (std::isnan(v)) continue;
    if (!(v >= 0.0 && std::isfinite(v) && v == std::floor(v))) {
      return Problem{"demand", "must be whole numbers of at least 0 for the empirical method"};
    }
    values.push_back(v);
  }
  const auto h = static_cast<std::size_t>(protection_periods);
  if (values.size() < h + 1) return Problem{"demand", "needs more observed periods than the protection interval"};
  double f = 0.0;
  for (double v : values) f += v;
  f /= static_cast<double>(values.size());
  const std::vector<double> longer = block_totals(values, h);
  const std::vector<double> shorter = block_totals(values, h - 1);
  BufferSizing out;
  out.mean = f * static_cast<double>(h);
  out.model = LeadTimeDemandModel::discrete_exact;
  double block_mean = 0.0, squares = 0.0;
  for (double x : longer) block_mean += x;
  block_mean /= static_cast<double>(longer.size());
  for (double x : longer) squares += (x - block_mean) * (x - block_mean);
  out.sd = std::sqrt(squares / static_cast<double>(longer.size()));
  const double largest = *std::max_element(longer.begin(), longer.end());
  auto short_per_period = [&](double level) { return mean_excess(longer, level) - mean_excess(shorter, level); };
  if (goal == ServiceGoal::cycle_service_level) {
    std::vector<double> sorted = longer;
    std::sort(sorted.begin(), sorted.end());
    const double position = std::ceil(static_cast<double>(sorted.size()) * target - 1e-12);
    const auto index = static_cast<std::size_t>(std::max(1.0, position)) - 1;
    out.order_up_to = sorted[std::min(index, sorted.size() - 1)];
  } else if (f > 0.0) {
    out.order_up_to = least_level(short_per_period, (1.0 - target) * f, largest, continuous_level);
  }
  out.safety_stock = out.order_up_to - out.mean;
  out.expected_fill_rate = f > 0.0 ? 1.0 - short_per_period(out.order_up_to) / f : 1.0;
  return out;
}


namespace {

// The law of a sum of independent copies: the discrete convolution of two probability vectors
// indexed by whole units.
std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == 0.0) continue;
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

// E[(X - s)^+] for X with P(X = x) = pmf[x].
double discrete_loss(const std::vector<double>& pmf, double s) {
  double sum = 0.0;
  for (std::size_t x = 0; x < pmf.size(); ++x) {
    const double excess = static_cast<double>(x) - s;
    if (excess > 0.0) sum += excess * pmf[x];
  }
  return sum;
}

}  // namespace

Result<BufferSizing> size_buffer_compound_binomial(std::span<const double> sizes, double forecast_per_period,
                                                   int protection_periods, ServiceGoal goal, double target,
                                                   bool continuous_level) {
  if (!(target > 0.0 && target < 1.0)) return Problem{"target", "must be in (0, 1)"};
  if (protection_periods < 1) return Problem{"protection_periods", "must be at least 1"};
  if (!(forecast_per_period >= 0.0 && std::isfinite(forecast_per_period))) {
    return Problem{"forecast_per_period", "must be a finite number of at least 0"};
  }
  if (sizes.empty()) return Problem{"sizes", "needs at least one demand size"};
  double largest = 0.0, size_sum = 0.0;
  for (double s : sizes) {
    if (!(s >= 1.0 && std::isfinite(s) && s == std::floor(s))) {
      return Problem{"sizes", "must be whole numbers of at least 1"};
    }
    largest = std::max(largest, s);
    size_sum += s;
  }
  const double mean_size = size_sum / static_cast<double>(sizes.size());
  const double p = std::min(1.0, forecast_per_period / mean_size);
  BufferSizing out;
  out.model = LeadTimeDemandModel::discrete_exact;
  if (!(p > 0.0)) {
    out.expected_fill_rate = 1.0;
    return out;
  }
  // One period's law.
  std::vector<double> one(static_cast<std::size_t>(largest) + 1, 0.0);
  one[0] = 1.0 - p;
  for (double s : sizes) one[static_cast<std::size_t>(s)] += p / static_cast<double>(sizes.size());
  std::vector<double> shorter{1.0};  // X_0 = 0
  for (int k = 1; k < protection_periods; ++k) shorter = convolve(shorter, one);
  const std::vector<double> longer = convolve(shorter, one);
  const double f = p * mean_size;
  out.mean = f * protection_periods;
  double second = 0.0;
  for (std::size_t x = 0; x < longer.size(); ++x) second += static_cast<double>(x * x) * longer[x];
  out.sd = std::sqrt(std::max(0.0, second - out.mean * out.mean));
  auto short_per_period = [&](double level) { return discrete_loss(longer, level) - discrete_loss(shorter, level); };
  const double top = static_cast<double>(longer.size() - 1);
  if (goal == ServiceGoal::cycle_service_level) {
    double cdf = 0.0;
    std::size_t s = 0;
    for (; s + 1 < longer.size(); ++s) {
      cdf += longer[s];
      if (cdf >= target - 1e-12) break;
    }
    out.order_up_to = static_cast<double>(s);
  } else {
    out.order_up_to = least_level(short_per_period, (1.0 - target) * f, top, continuous_level);
  }
  out.safety_stock = out.order_up_to - out.mean;
  out.expected_fill_rate = 1.0 - short_per_period(out.order_up_to) / f;
  return out;
}

}  // namespace echelon::learn
