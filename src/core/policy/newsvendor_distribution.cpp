#include "core/policy/newsvendor_distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/model/model.h"
#include "core/stats/stats.h"

namespace echelon {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A negative binomial's pmf is tabulated to its 1e-12 tail; beyond this mean the table would be long.
constexpr double kMaxCountMean = 1e6;

// (value, probability) sorted by value, equal values merged: the discrete table and the sample.
std::vector<std::pair<double, double>> sorted_outcomes(const Distribution& d) {
  std::vector<std::pair<double, double>> out;
  if (const auto* t = std::get_if<dist::Discrete>(&d)) {
    for (const dist::Outcome& o : t->outcomes) out.emplace_back(o.value, o.probability);
  } else if (const auto* e = std::get_if<dist::Empirical>(&d)) {
    const double w = 1.0 / static_cast<double>(e->sample.size());
    for (double v : e->sample) out.emplace_back(v, w);
  }
  std::sort(out.begin(), out.end());
  std::vector<std::pair<double, double>> merged;
  for (const auto& o : out) {
    if (!merged.empty() && merged.back().first == o.first) {
      merged.back().second += o.second;
    } else {
      merged.push_back(o);
    }
  }
  return merged;
}

// The pmf table of a count distribution (Poisson, negative binomial); empty otherwise.
stats::DiscreteDistribution count_table(const Distribution& d) {
  if (const auto* p = std::get_if<dist::Poisson>(&d)) return stats::poisson_distribution(p->mean);
  if (const auto* nb = std::get_if<dist::NegativeBinomial>(&d)) {
    const auto params = stats::negative_binomial_from_moments(nb->mean, nb->sd * nb->sd);
    return stats::negative_binomial_distribution(params.successes, params.probability);
  }
  return {};
}

struct LognormalParameters {
  double mu = 0.0;     // mean of ln D
  double sigma = 0.0;  // sd of ln D
};
LognormalParameters lognormal_of(const dist::Lognormal& d) {
  const double s2 = std::log1p(d.sd * d.sd / (d.mean * d.mean));
  return {std::log(d.mean) - s2 / 2.0, std::sqrt(s2)};
}

double quantile_of(const Distribution& d, double p) {
  return std::visit(
      [&](const auto& x) -> double {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Constant>) {
          return x.value;
        } else if constexpr (std::is_same_v<T, dist::Normal>) {
          return x.sd > 0.0 ? stats::normal_quantile(p, x.mean, x.sd) : x.mean;
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          return stats::gamma_quantile(p, x.shape, x.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (!(x.sd > 0.0)) return x.mean;
          const LognormalParameters l = lognormal_of(x);
          return std::exp(l.mu + l.sigma * stats::standard_normal_quantile(p));
        } else if constexpr (std::is_same_v<T, dist::Poisson> || std::is_same_v<T, dist::NegativeBinomial>) {
          return static_cast<double>(stats::discrete_quantile(count_table(d), p));
        } else {
          const auto outcomes = sorted_outcomes(d);
          double cumulative = 0.0;
          for (const auto& [value, probability] : outcomes) {
            cumulative += probability;
            // The tolerance absorbs the rounding of the running sum (0.1 + 0.2 against 0.3).
            if (cumulative >= p - 1e-12) return value;
          }
          return outcomes.back().first;
        }
      },
      d);
}
}  // namespace

double demand_loss(const Distribution& d, double s) {
  return std::visit(
      [&](const auto& x) -> double {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Constant>) {
          return std::max(x.value - s, 0.0);
        } else if constexpr (std::is_same_v<T, dist::Normal>) {
          return stats::normal_loss(s, x.mean, x.sd);
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          if (!(x.shape > 0.0) || !(x.scale > 0.0)) return kNaN;
          return s <= 0.0 ? x.shape * x.scale - s : stats::gamma_loss(s, x.shape, x.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (!(x.mean > 0.0)) return kNaN;
          if (!(x.sd > 0.0)) return std::max(x.mean - s, 0.0);
          if (s <= 0.0) return x.mean - s;
          const LognormalParameters l = lognormal_of(x);
          const double d1 = (l.mu + l.sigma * l.sigma - std::log(s)) / l.sigma;
          return x.mean * stats::standard_normal_cdf(d1) - s * stats::standard_normal_cdf(d1 - l.sigma);
        } else if constexpr (std::is_same_v<T, dist::Poisson> || std::is_same_v<T, dist::NegativeBinomial>) {
          const auto table = count_table(d);
          return table.pmf.empty() ? kNaN : stats::discrete_loss(table, s);
        } else {
          double total = 0.0;
          for (const auto& [value, probability] : sorted_outcomes(d)) total += probability * std::max(value - s, 0.0);
          return total;
        }
      },
      d);
}

double demand_cdf(const Distribution& d, double s) {
  return std::visit(
      [&](const auto& x) -> double {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Constant>) {
          return s >= x.value ? 1.0 : 0.0;
        } else if constexpr (std::is_same_v<T, dist::Normal>) {
          if (!(x.sd > 0.0)) return s >= x.mean ? 1.0 : 0.0;
          return stats::normal_cdf(s, x.mean, x.sd);
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          return s <= 0.0 ? 0.0 : stats::gamma_cdf(s, x.shape, x.scale);
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          if (!(x.sd > 0.0)) return s >= x.mean ? 1.0 : 0.0;
          if (s <= 0.0) return 0.0;
          const LognormalParameters l = lognormal_of(x);
          return stats::standard_normal_cdf((std::log(s) - l.mu) / l.sigma);
        } else if constexpr (std::is_same_v<T, dist::Poisson> || std::is_same_v<T, dist::NegativeBinomial>) {
          const auto table = count_table(d);
          return table.pmf.empty() ? kNaN : stats::discrete_cdf(table, s);
        } else {
          double total = 0.0;
          for (const auto& [value, probability] : sorted_outcomes(d)) {
            if (value <= s) total += probability;
          }
          return std::min(total, 1.0);
        }
      },
      d);
}

Problems validate(const GeneralNewsvendorInput& in) {
  Problems problems = validate_distribution(in.demand, "demand", Support::non_negative, Limits::max_distribution_entries);
  if (const auto* p = std::get_if<dist::Poisson>(&in.demand); p && p->mean > kMaxCountMean) {
    problems.push_back({"demand/mean", "too large: a Poisson mean of at most " + format_number(kMaxCountMean) + " (got " + format_number(p->mean) + ")"});
  }
  if (const auto* nb = std::get_if<dist::NegativeBinomial>(&in.demand);
      nb && (nb->mean > kMaxCountMean || nb->sd * nb->sd > 1e4 * kMaxCountMean)) {
    problems.push_back({"demand", "too large: a negative binomial of mean at most " + format_number(kMaxCountMean) +
                                      " and variance at most " + format_number(1e4 * kMaxCountMean)});
  }
  auto positive = [&](const char* field, double v) {
    if (!std::isfinite(v) || !(v > 0.0) || v > 1e12) problems.push_back({field, "must be a positive number up to 1e12 (got " + format_number(v) + ")"});
  };
  if (in.form == NewsvendorForm::costs) {
    positive("overage_cost_per_unit", in.overage_cost_per_unit);
    positive("underage_cost_per_unit", in.underage_cost_per_unit);
    return problems;
  }
  positive("selling_price", in.selling_price);
  positive("unit_cost", in.unit_cost);
  if (!std::isfinite(in.salvage_value) || std::fabs(in.salvage_value) > 1e12) {
    problems.push_back({"salvage_value", "must be a finite number (got " + format_number(in.salvage_value) + ")"});
  } else if (std::isfinite(in.unit_cost) && !(in.salvage_value < in.unit_cost)) {
    problems.push_back({"salvage_value", "must be below unit_cost (got " + format_number(in.salvage_value) + " against " +
                                             format_number(in.unit_cost) + "): otherwise stocking without limit pays"});
  }
  const double g = in.goodwill_cost_per_unit_short;
  if (!std::isfinite(g) || g < 0.0 || g > 1e12) {
    problems.push_back({"goodwill_cost_per_unit_short", "must be a number from 0 to 1e12 (got " + format_number(g) + ")"});
  } else if (std::isfinite(in.selling_price) && std::isfinite(in.unit_cost) && !(in.selling_price + g > in.unit_cost)) {
    problems.push_back({"selling_price", "selling_price plus goodwill_cost_per_unit_short must exceed unit_cost (got " +
                                             format_number(in.selling_price + g) + " against " + format_number(in.unit_cost) +
                                             "): otherwise stocking nothing is best"});
  }
  return problems;
}

Result<GeneralNewsvendorResult> compute_general_newsvendor(const GeneralNewsvendorInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  GeneralNewsvendorResult r;
  if (in.form == NewsvendorForm::costs) {
    r.overage_cost_per_unit = in.overage_cost_per_unit;
    r.underage_cost_per_unit = in.underage_cost_per_unit;
  } else {
    r.overage_cost_per_unit = in.unit_cost - in.salvage_value;
    r.underage_cost_per_unit = in.selling_price - in.unit_cost + in.goodwill_cost_per_unit_short;
  }
  const double co = r.overage_cost_per_unit, cu = r.underage_cost_per_unit;
  r.critical_ratio = cu / (cu + co);
  r.demand_mean = mean(in.demand);
  r.demand_sd = std::sqrt(std::max(0.0, variance(in.demand)));
  const double s = quantile_of(in.demand, r.critical_ratio);
  r.order_quantity = s;
  r.expected_short = demand_loss(in.demand, s);
  r.expected_left_over = std::max(0.0, s - r.demand_mean + r.expected_short);
  r.expected_sales = r.demand_mean - r.expected_short;
  r.expected_cost = co * r.expected_left_over + cu * r.expected_short;
  if (in.form == NewsvendorForm::prices) {
    r.expected_profit = in.selling_price * r.expected_sales + in.salvage_value * r.expected_left_over - in.unit_cost * s -
                        in.goodwill_cost_per_unit_short * r.expected_short;
  }
  r.in_stock_probability = demand_cdf(in.demand, s);
  r.fill_rate = r.demand_mean > 0.0 ? r.expected_sales / r.demand_mean : 1.0;
  const double outputs[] = {r.order_quantity, r.expected_cost, r.expected_profit, r.expected_sales, r.expected_left_over,
                            r.expected_short, r.in_stock_probability, r.fill_rate, r.demand_mean, r.demand_sd};
  for (double v : outputs) {
    if (!std::isfinite(v)) return Problem{"demand", "too large: the expected cost or profit overflows (check its parameters)"};
  }
  return r;
}

}  // namespace echelon
