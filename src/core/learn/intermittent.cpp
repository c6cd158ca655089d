#include "core/learn/intermittent.h"

#include <cmath>
#include <limits>
#include <string>

namespace echelon::learn {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_weight(double w) { return w > 0.0 && w <= 1.0; }

}  // namespace

std::string_view intermittent_method_name(IntermittentMethod m) {
  switch (m) {
    case IntermittentMethod::croston: return "Croston";
    case IntermittentMethod::sba: return "SBA";
    case IntermittentMethod::tsb: return "TSB";
  }
  return "Croston";
}

Result<IntermittentPath> intermittent_forecast(std::span<const double> demand, IntermittentMethod method,
                                               const IntermittentOptions& options) {
  Problems problems;
  if (!is_weight(options.alpha_size)) problems.push_back({"alpha_size", "must be in (0, 1]"});
  if (!is_weight(options.alpha_interval)) problems.push_back({"alpha_interval", "must be in (0, 1]"});
  if (!is_weight(options.beta_probability)) problems.push_back({"beta_probability", "must be in (0, 1]"});
  if (options.initial_probability && !(*options.initial_probability >= 0.0 && *options.initial_probability <= 1.0)) {
    problems.push_back({"initial_probability", "must be in [0, 1]"});
  }
  int observed = 0, nonzero = 0;
  double first_size = kNaN;
  int first_position = 0;
  for (std::size_t t = 0; t < demand.size(); ++t) {
    const double d = demand[t];
    if (std::isnan(d)) continue;
    if (d < 0.0 || std::isinf(d)) {
      problems.push_back({"period " + std::to_string(t + 1), "demand must be a finite number of at least 0"});
      continue;
    }
    ++observed;
    if (d > 0.0) {
      if (nonzero == 0) {
        first_size = d;
        first_position = observed;
      }
      ++nonzero;
    }
  }
  if (!problems.empty()) return problems;

  IntermittentPath path;
  const std::size_t n = demand.size();
  path.forecast.assign(n, kNaN);
  path.probability.assign(n, kNaN);
  path.size.assign(n, kNaN);

  if (method == IntermittentMethod::tsb) {
    double p = options.initial_probability.value_or(observed > 0 ? static_cast<double>(nonzero) / observed : 0.0);
    double z = nonzero > 0 ? first_size : 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      path.probability[t] = p;
      path.size[t] = z;
      path.forecast[t] = p * z;
      const double d = demand[t];
      if (std::isnan(d)) continue;
      const bool occurred = d > 0.0;
      p += options.beta_probability * ((occurred ? 1.0 : 0.0) - p);
      if (occurred) z += options.alpha_size * (d - z);
    }
    path.next_probability = p;
    path.next_size = z;
    path.next_forecast = p * z;
    return path;
  }

  // Croston and SBA: nothing is known before the first demand.
  const double bias = method == IntermittentMethod::sba ? 1.0 - options.alpha_interval / 2.0 : 1.0;
  double z = kNaN, x = kNaN;
  int since_last = 0;  // observed periods since the last demand, counting the current one
  bool started = false;
  for (std::size_t t = 0; t < n; ++t) {
    if (started) {
      path.size[t] = z;
      path.probability[t] = 1.0 / x;
      path.forecast[t] = bias * z / x;
    }
    const double d = demand[t];
    if (std::isnan(d)) continue;
    ++since_last;
    if (d <= 0.0) continue;
    if (!started) {
      z = first_size;
      x = static_cast<double>(first_position);
      started = true;
    } else {
      z += options.alpha_size * (d - z);
      x += options.alpha_interval * (since_last - x);
    }
    since_last = 0;
  }
  if (started) {
    path.next_size = z;
    path.next_probability = 1.0 / x;
    path.next_forecast = bias * z / x;
  } else {
    path.next_size = path.next_probability = path.next_forecast = kNaN;
  }
  return path;
}

}  // namespace echelon::learn
