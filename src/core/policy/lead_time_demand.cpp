// Demand over a (random) lead time: its moments, its model (normal, gamma, or an exact compound
// count) and the functions of it that policies need (the header has the maths).
//
// Contents
//   lead_time_moments, discrete/two-point lead times   the lead time's moments and support
//   as_count, refit_as_count                            per-period demand as a count distribution
//   validate, compute_lead_time_demand                  the model chosen and built
//   cdf, loss, loss2, quantile                          first- and second-order loss functions
//   mean_cdf_over, mean_loss_over                       averages over a review interval
//   distribution_points                                 points for charts
#include "core/policy/lead_time_demand.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

namespace echelon {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Coefficient of variation of X above which the normal is replaced by the gamma (rule 3).
constexpr double kGammaCvThreshold = 0.5;
// A lead-time table must sum to one within this tolerance.
constexpr double kProbabilitySumTolerance = 1e-6;

// The field name is a view so that valid input costs no allocation.
void require_non_negative(Problems& problems, std::string_view field, double value) {
  if (!std::isfinite(value)) {
    problems.push_back({std::string(field), "must be a finite number"});
  } else if (value < 0.0) {
    problems.push_back({std::string(field), "must not be negative (got " + format_number(value) + ")"});
  }
}

bool is_whole(double value) { return std::fabs(value - std::round(value)) < 1e-9; }

bool whole_unit_demand(DemandKind kind) {
  return kind == DemandKind::poisson || kind == DemandKind::negative_binomial || kind == DemandKind::empirical;
}

struct LeadTimeMoments {
  double mean = 0.0;
  double variance = 0.0;
};

LeadTimeMoments lead_time_moments(const LeadTimeSpec& lt) {
  if (lt.points.empty()) return {lt.mean_periods, lt.sd_periods * lt.sd_periods};
  double total = 0.0, mean = 0.0, second = 0.0;
  for (const LeadTimePoint& p : lt.points) {
    total += p.probability;
    mean += p.probability * p.periods;
    second += p.probability * p.periods * p.periods;
  }
  mean /= total;
  second /= total;
  return {mean, std::max(second - mean * mean, 0.0)};
}

// The lead time as a table of points, if it is one (constant, or given as points).
bool discrete_lead_time(const LeadTimeSpec& lt, std::vector<LeadTimePoint>& out) {
  if (!lt.points.empty()) {
    double total = 0.0;
    for (const LeadTimePoint& p : lt.points) total += p.probability;
    out.clear();
    for (const LeadTimePoint& p : lt.points) out.push_back({p.periods, p.probability / total});
    return true;
  }
  if (lt.sd_periods == 0.0) {
    out = {{lt.mean_periods, 1.0}};
    return true;
  }
  return false;
}

// Two points with the lead time's mean m and variance s^2: m +/- s with probability 1/2 each, or,
// when m - s < 0, the points 0 and a = (s^2 + m^2) / m with P(a) = m / a.
std::vector<LeadTimePoint> two_point_lead_time(double m, double s) {
  if (m - s >= 0.0) return {{m - s, 0.5}, {m + s, 0.5}};
  const double a = (s * s + m * m) / m;
  return {{0.0, 1.0 - m / a}, {a, m / a}};
}

// Demand per period as a count distribution for the exact compound.
struct CountDemand {
  DemandKind kind = DemandKind::poisson;  // poisson, negative_binomial or empirical
  double mean = 0.0;
  stats::NegativeBinomialParameters nb;
  std::vector<double> empirical;
};

CountDemand refit_as_count(double mean, double variance) {
  CountDemand c;
  c.mean = mean;
  if (variance <= mean) {
    c.kind = DemandKind::poisson;
  } else {
    c.kind = DemandKind::negative_binomial;
    c.nb = stats::negative_binomial_from_moments(mean, variance);
  }
  return c;
}

CountDemand as_count(const PeriodDemand& d) {
  CountDemand c;
  c.kind = d.kind;
  c.mean = d.mean_units_per_period;
  if (d.kind == DemandKind::negative_binomial) {
    c.nb = stats::negative_binomial_from_moments(d.mean_units_per_period,
                                                 d.sd_units_per_period * d.sd_units_per_period);
  } else if (d.kind == DemandKind::empirical) {
    c.empirical = d.probabilities;
  }
  return c;
}

// The longest exact table built (units of lead-time demand): beyond it building the tables takes
// longer than an interactive frame, and such a spread of counts is as well described by the gamma
// with the same moments, which the automatic rule then uses.
constexpr double kMaxExactSupport = 200'000.0;

// P(D_1 + ... + D_t = x) for t periods. Poisson and NB sums stay in their family for any real
// t >= 0 (a Poisson process, a gamma-Poisson process); an empirical pmf needs whole t.
std::vector<double> sum_over_periods(const CountDemand& c, double t,
                                     std::map<long long, std::vector<double>>& powers) {
  if (t <= 0.0) return {1.0};
  switch (c.kind) {
    case DemandKind::poisson:
      return stats::poisson_distribution(c.mean * t).pmf;
    case DemandKind::negative_binomial: {
      // Refuse a table longer than kMaxExactSupport before building it: the negative binomial is
      // Poisson(L), L ~ Gamma(r t, (1 - p) / p), so the gamma's 1 - 1e-12 point bounds its length.
      const double r = c.nb.successes * t, scale = (1.0 - c.nb.probability) / c.nb.probability;
      if (!(stats::gamma_quantile(1.0 - 1e-12, r, scale) < kMaxExactSupport)) return {};
      return stats::negative_binomial_distribution(r, c.nb.probability).pmf;
    }
    default: {
      const long long n = std::llround(t);
      auto it = powers.find(n);
      if (it != powers.end()) return it->second;
      // Extend from the largest power already known below n.
      long long have = 0;
      std::vector<double> acc{1.0};
      for (auto& [k, v] : powers) {
        if (k < n && k > have) {
          have = k;
          acc = v;
        }
      }
      for (long long k = have; k < n; ++k) acc = stats::convolve(acc, c.empirical);
      powers[n] = acc;
      return acc;
    }
  }
}

stats::DiscreteDistribution compound(const CountDemand& c, const std::vector<LeadTimePoint>& lead,
                                     double review) {
  std::map<long long, std::vector<double>> powers;
  std::vector<double> mixture;
  for (const LeadTimePoint& p : lead) {
    if (p.probability <= 0.0) continue;
    const std::vector<double> part = sum_over_periods(c, p.periods + review, powers);
    if (part.empty()) return {};
    if (part.size() > mixture.size()) mixture.resize(part.size(), 0.0);
    for (std::size_t k = 0; k < part.size(); ++k) mixture[k] += p.probability * part[k];
  }
  return stats::make_discrete(std::move(mixture));
}

}  // namespace

const char* describe(ModelReason reason) {
  switch (reason) {
    case ModelReason::forced: return "chosen by the user";
    case ModelReason::discrete_demand:
      return "demand comes in whole units and the lead time is discrete: the exact compound distribution";
    case ModelReason::slow_mover:
      return "slow mover: the normal approximation is wrong at small means, so demand is modelled as counts";
    case ModelReason::gamma_demand: return "demand per period is gamma: the moment-matched gamma";
    case ModelReason::high_variability:
      return "coefficient of variation above 0.5: the gamma avoids the normal's mass below zero";
    case ModelReason::normal_default: return "moderate variability: the normal approximation";
    case ModelReason::no_uncertainty: return "no uncertainty: lead-time demand is the constant mean";
  }
  return "";
}

double demand_mean(const PeriodDemand& d) {
  if (d.kind != DemandKind::empirical) return d.mean_units_per_period;
  double total = 0.0, mean = 0.0;
  for (std::size_t k = 0; k < d.probabilities.size(); ++k) {
    total += d.probabilities[k];
    mean += static_cast<double>(k) * d.probabilities[k];
  }
  return total > 0.0 ? mean / total : kNaN;
}

double demand_variance(const PeriodDemand& d) {
  switch (d.kind) {
    case DemandKind::poisson: return d.mean_units_per_period;
    case DemandKind::empirical: {
      double total = 0.0, mean = 0.0, second = 0.0;
      for (std::size_t k = 0; k < d.probabilities.size(); ++k) {
        const double kd = static_cast<double>(k);
        total += d.probabilities[k];
        mean += kd * d.probabilities[k];
        second += kd * kd * d.probabilities[k];
      }
      if (!(total > 0.0)) return kNaN;
      mean /= total;
      return std::max(second / total - mean * mean, 0.0);
    }
    default: return d.sd_units_per_period * d.sd_units_per_period;
  }
}

Problems validate(const LeadTimeDemandInput& in) {
  Problems problems;
  const PeriodDemand& d = in.demand;
  if (d.kind == DemandKind::empirical) {
    double total = 0.0;
    bool bad = d.probabilities.empty();
    for (double p : d.probabilities) {
      if (!(p >= 0.0) || !std::isfinite(p)) bad = true;
      else total += p;
    }
    if (bad || !(total > 0.0)) {
      problems.push_back({"demand.probabilities",
                          "must list P(demand = 0), P(demand = 1), ... as non-negative numbers that are not all zero"});
    } else if (std::fabs(total - 1.0) > kProbabilitySumTolerance) {
      problems.push_back({"demand.probabilities", "must sum to 1 (got " + format_number(total) + ")"});
    }
  } else {
    require_non_negative(problems, "demand.mean_units_per_period", d.mean_units_per_period);
    if (d.kind != DemandKind::poisson) {
      require_non_negative(problems, "demand.sd_units_per_period", d.sd_units_per_period);
    }
    if (d.kind == DemandKind::negative_binomial && std::isfinite(d.sd_units_per_period) &&
        std::isfinite(d.mean_units_per_period) && d.mean_units_per_period > 0.0 &&
        !(d.sd_units_per_period * d.sd_units_per_period > d.mean_units_per_period)) {
      problems.push_back({"demand.sd_units_per_period",
                          "a negative binomial needs variance above the mean (sd^2 = " +
                              format_number(d.sd_units_per_period * d.sd_units_per_period) + ", mean = " +
                              format_number(d.mean_units_per_period) + "); use Poisson otherwise"});
    }
  }
  const LeadTimeSpec& lt = in.lead_time;
  if (lt.points.empty()) {
    require_non_negative(problems, "lead_time.mean_periods", lt.mean_periods);
    require_non_negative(problems, "lead_time.sd_periods", lt.sd_periods);
  } else {
    double total = 0.0;
    for (std::size_t i = 0; i < lt.points.size(); ++i) {
      const std::string at = "lead_time.points/" + std::to_string(i);
      require_non_negative(problems, at + "/periods", lt.points[i].periods);
      require_non_negative(problems, at + "/probability", lt.points[i].probability);
      if (std::isfinite(lt.points[i].probability)) total += lt.points[i].probability;
    }
    if (std::fabs(total - 1.0) > kProbabilitySumTolerance) {
      problems.push_back({"lead_time.points", "probabilities must sum to 1 (got " + format_number(total) + ")"});
    }
  }
  require_non_negative(problems, "review_period_periods", in.review_period_periods);
  require_non_negative(problems, "slow_mover_mean_units", in.slow_mover_mean_units);
  return problems;
}

Result<LeadTimeDemand> compute_lead_time_demand(const LeadTimeDemandInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;

  LeadTimeDemand x;
  const double mu = demand_mean(in.demand);
  const double var_d = demand_variance(in.demand);
  const LeadTimeMoments lt = lead_time_moments(in.lead_time);
  x.protection_interval_periods = lt.mean + in.review_period_periods;
  x.mean = x.protection_interval_periods * mu;
  x.variance_from_demand = x.protection_interval_periods * var_d;
  x.variance_from_lead_time = mu * mu * lt.variance;
  x.variance = x.variance_from_demand + x.variance_from_lead_time;

  std::vector<LeadTimePoint> lead_points;
  const bool lead_discrete = discrete_lead_time(in.lead_time, lead_points);
  const bool counts = whole_unit_demand(in.demand.kind);
  bool whole_times = true;
  for (const LeadTimePoint& p : lead_points) whole_times = whole_times && is_whole(p.periods + in.review_period_periods);
  const bool exact_possible =
      lead_discrete && (in.demand.kind != DemandKind::empirical || whole_times);
  const bool slow = !counts && x.mean > 0.0 && x.mean < in.slow_mover_mean_units;
  const double cv = x.mean > 0.0 ? std::sqrt(x.variance) / x.mean : 0.0;

  // Choose.
  LeadTimeDemandModel model = in.model;
  if (model == LeadTimeDemandModel::automatic) {
    if (x.variance == 0.0) {
      model = LeadTimeDemandModel::normal;
      x.reason = ModelReason::no_uncertainty;
    } else if (counts && (exact_possible || in.demand.kind != DemandKind::empirical)) {
      model = LeadTimeDemandModel::discrete_exact;
      x.reason = ModelReason::discrete_demand;
    } else if (slow && in.demand.kind != DemandKind::empirical) {
      model = LeadTimeDemandModel::discrete_exact;
      x.reason = ModelReason::slow_mover;
    } else if (in.demand.kind == DemandKind::gamma) {
      model = LeadTimeDemandModel::gamma;
      x.reason = ModelReason::gamma_demand;
    } else if (cv > kGammaCvThreshold) {
      model = LeadTimeDemandModel::gamma;
      x.reason = ModelReason::high_variability;
    } else {
      model = LeadTimeDemandModel::normal;
      x.reason = ModelReason::normal_default;
    }
  } else {
    x.reason = ModelReason::forced;
    if (model == LeadTimeDemandModel::normal && (slow || (counts && x.mean < in.slow_mover_mean_units))) {
      x.warnings.push_back("Mean lead-time demand is only " + format_number(x.mean) +
                           " units: the normal approximation is poor for slow movers; the discrete model is "
                           "recommended.");
    }
  }
  if (model == LeadTimeDemandModel::gamma && !(x.mean > 0.0 && x.variance > 0.0)) {
    model = LeadTimeDemandModel::normal;  // a gamma needs a positive mean and variance
    x.reason = ModelReason::no_uncertainty;
  }
  if (!counts && x.mean > 0.0 && x.mean < in.slow_mover_mean_units && model != LeadTimeDemandModel::discrete_exact &&
      in.model == LeadTimeDemandModel::automatic) {
    x.warnings.push_back("Mean lead-time demand is only " + format_number(x.mean) +
                         " units: a slow mover for which the normal approximation is poor.");
  }
  x.model = model;

  if (model == LeadTimeDemandModel::gamma) {
    x.gamma = stats::gamma_from_moments(x.mean, std::sqrt(x.variance));
  } else if (model == LeadTimeDemandModel::discrete_exact) {
    if (in.demand.kind == DemandKind::empirical && !exact_possible) {
      return Problem{"model",
                     "the exact compound for an empirical demand table needs a lead time given as points (or "
                     "constant) with lead time plus review period in whole periods"};
    }
    CountDemand c = counts ? as_count(in.demand) : refit_as_count(mu, var_d);
    if (!counts) {
      x.warnings.push_back(std::string("Demand per period is modelled as ") +
                           (c.kind == DemandKind::poisson ? "Poisson" : "negative binomial") + " with mean " +
                           format_number(mu) + " (counts of whole units)" +
                           (c.kind == DemandKind::poisson && var_d < mu ? ", whose variance is larger than the one given"
                                                                       : "") +
                           ".");
    }
    if (!lead_discrete) {
      lead_points = two_point_lead_time(lt.mean, std::sqrt(lt.variance));
      x.warnings.push_back("The lead time, given only by its mean and standard deviation, is modelled by two points "
                           "with the same mean and variance.");
    }
    if (c.kind == DemandKind::empirical) {
      c.empirical = stats::make_discrete(c.empirical).pmf;  // normalised
    }
    x.discrete = compound(c, lead_points, in.review_period_periods);
    if (x.discrete.pmf.empty() && in.model == LeadTimeDemandModel::automatic && x.variance > 0.0) {
      // Too long a tail to tabulate (very overdispersed counts): the gamma with the same moments.
      x.model = LeadTimeDemandModel::gamma;
      x.gamma = stats::gamma_from_moments(x.mean, std::sqrt(x.variance));
      x.warnings.push_back("The exact distribution of these counts has too long a tail to tabulate; the gamma with "
                           "the same mean and variance is used.");
      return x;
    }
    if (x.discrete.pmf.empty()) {
      return Problem{"model", "the exact lead-time-demand distribution is too large to tabulate; use gamma or normal"};
    }
    // Report the moments of the distribution actually used (a refit may change the variance).
    x.mean = x.discrete.mean;
    const double used_variance = x.discrete.variance;
    if (x.variance > 0.0) {
      const double scale = used_variance / x.variance;
      x.variance_from_demand *= scale;
      x.variance_from_lead_time *= scale;
    } else {
      x.variance_from_demand = used_variance;
    }
    x.variance = used_variance;
  }
  return x;
}

double sd(const LeadTimeDemand& x) { return std::sqrt(x.variance); }

bool integer_lattice(const LeadTimeDemand& x) { return x.model == LeadTimeDemandModel::discrete_exact; }

double cdf(const LeadTimeDemand& x, double level) {
  switch (x.model) {
    case LeadTimeDemandModel::gamma: return stats::gamma_cdf(level, x.gamma.shape, x.gamma.scale);
    case LeadTimeDemandModel::discrete_exact: return stats::discrete_cdf(x.discrete, level);
    default: {
      const double s = sd(x);
      if (s == 0.0) return level >= x.mean ? 1.0 : 0.0;
      return stats::normal_cdf(level, x.mean, s);
    }
  }
}

double loss(const LeadTimeDemand& x, double level) {
  switch (x.model) {
    case LeadTimeDemandModel::gamma: return stats::gamma_loss(level, x.gamma.shape, x.gamma.scale);
    case LeadTimeDemandModel::discrete_exact: return stats::discrete_loss(x.discrete, level);
    default: return stats::normal_loss(level, x.mean, sd(x));
  }
}

double loss2(const LeadTimeDemand& x, double level) {
  switch (x.model) {
    case LeadTimeDemandModel::gamma: return stats::gamma_loss2(level, x.gamma.shape, x.gamma.scale);
    case LeadTimeDemandModel::discrete_exact: return stats::discrete_loss2(x.discrete, level);
    default: return stats::normal_loss2(level, x.mean, sd(x));
  }
}

double quantile(const LeadTimeDemand& x, double p) {
  if (!(p > 0.0 && p < 1.0)) return kNaN;
  switch (x.model) {
    case LeadTimeDemandModel::gamma: return stats::gamma_quantile(p, x.gamma.shape, x.gamma.scale);
    case LeadTimeDemandModel::discrete_exact:
      return static_cast<double>(stats::discrete_quantile(x.discrete, p));
    default: return stats::normal_quantile(p, x.mean, sd(x));
  }
}

double mean_cdf_over(const LeadTimeDemand& x, double lo, double hi) {
  const double width = hi - lo;
  if (!(width > 0.0)) return cdf(x, hi);
  if (integer_lattice(x)) {
    const auto a = static_cast<std::int64_t>(std::llround(lo));
    const auto b = static_cast<std::int64_t>(std::llround(hi));
    return 1.0 - (loss(x, static_cast<double>(a + 1)) - loss(x, static_cast<double>(b + 1))) /
                     static_cast<double>(b - a);
  }
  return 1.0 - (loss(x, lo) - loss(x, hi)) / width;
}

double mean_loss_over(const LeadTimeDemand& x, double lo, double hi) {
  const double width = hi - lo;
  if (!(width > 0.0)) return loss(x, hi);
  if (integer_lattice(x)) {
    const auto a = static_cast<std::int64_t>(std::llround(lo));
    const auto b = static_cast<std::int64_t>(std::llround(hi));
    return (stats::discrete_loss_sum(x.discrete, a + 1) - stats::discrete_loss_sum(x.discrete, b + 1)) /
           static_cast<double>(b - a);
  }
  return (loss2(x, lo) - loss2(x, hi)) / width;
}

std::vector<DistributionPoint> distribution_points(const LeadTimeDemand& x, int point_count) {
  std::vector<DistributionPoint> points;
  if (x.model == LeadTimeDemandModel::discrete_exact) {
    for (std::size_t k = 0; k < x.discrete.pmf.size(); ++k) {
      if (x.discrete.pmf[k] < 1e-9 && static_cast<double>(k) > x.mean) break;
      points.push_back({static_cast<double>(k), x.discrete.pmf[k]});
    }
    return points;
  }
  const double s = sd(x);
  if (!(s > 0.0) || point_count < 2) return points;
  const double lo = x.model == LeadTimeDemandModel::gamma ? std::max(0.0, x.mean - 4.0 * s) : x.mean - 4.0 * s;
  const double hi = x.mean + 4.0 * s;
  points.reserve(static_cast<std::size_t>(point_count));
  for (int i = 0; i < point_count; ++i) {
    const double v = lo + (hi - lo) * i / (point_count - 1);
    const double density = x.model == LeadTimeDemandModel::gamma ? stats::gamma_pdf(v, x.gamma.shape, x.gamma.scale)
                                                                 : stats::normal_pdf(v, x.mean, s);
    points.push_back({v, std::isfinite(density) ? density : 0.0});
  }
  return points;
}

}  // namespace echelon
