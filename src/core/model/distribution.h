// Distributions as values: what a scenario says about demand per period and about times.
//
// A `Distribution` is one of eight plain forms, each with its parameters named as a planner
// would state them:
//   constant            value
//   normal              mean, sd
//   gamma               shape k, scale theta          (mean k*theta, variance k*theta^2)
//   lognormal           mean, sd of the variable itself (not of its logarithm)
//   poisson             mean                          (variance = mean)
//   negative_binomial   mean, sd with sd^2 > mean     (size r = mean^2 / (sd^2 - mean),
//                                                      success probability p = mean / sd^2)
//   discrete            a table of (value, probability) outcomes summing to 1
//   empirical           a sample of observed values, each equally likely
// Units are those of the field holding the distribution (units per period for demand, periods
// for times). Nothing here samples or evaluates densities: the engines convert these values
// into their own models (see stats.h).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace echelon {

namespace dist {
struct Constant {
  double value = 0.0;
  friend bool operator==(const Constant&, const Constant&) = default;
};
struct Normal {
  double mean = 0.0;
  double sd = 0.0;
  friend bool operator==(const Normal&, const Normal&) = default;
};
struct Gamma {
  double shape = 1.0;
  double scale = 1.0;
  friend bool operator==(const Gamma&, const Gamma&) = default;
};
struct Lognormal {
  double mean = 1.0;
  double sd = 0.0;
  friend bool operator==(const Lognormal&, const Lognormal&) = default;
};
struct Poisson {
  double mean = 0.0;
  friend bool operator==(const Poisson&, const Poisson&) = default;
};
struct NegativeBinomial {
  double mean = 1.0;
  double sd = 2.0;
  friend bool operator==(const NegativeBinomial&, const NegativeBinomial&) = default;
};
struct Outcome {
  double value = 0.0;
  double probability = 0.0;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};
struct Discrete {
  std::vector<Outcome> outcomes;
  friend bool operator==(const Discrete&, const Discrete&) = default;
};
struct Empirical {
  std::vector<double> sample;
  friend bool operator==(const Empirical&, const Empirical&) = default;
};
}  // namespace dist

using Distribution = std::variant<dist::Constant, dist::Normal, dist::Gamma, dist::Lognormal, dist::Poisson,
                                  dist::NegativeBinomial, dist::Discrete, dist::Empirical>;

// The name used in files: "constant", "normal", "gamma", "lognormal", "poisson",
// "negative_binomial", "discrete", "empirical".
std::string_view kind_name(const Distribution& d);

// Mean and variance. For an empirical sample the variance is that of resampling it (divide by
// n, not n - 1). Precondition: the distribution is valid (NaN otherwise).
double mean(const Distribution& d);
double variance(const Distribution& d);

// The same quantity in another form (`kind_index` is the position in `Distribution`, 0 constant
// to 5 negative binomial), keeping the mean and, where the form has a free spread, the standard
// deviation. Where the new form cannot hold these moments the nearest valid parameters are used
// and `note` says what changed:
//   gamma needs mean > 0 and sd > 0 (shape m^2/sd^2, scale sd^2/m); lognormal needs mean > 0;
//   Poisson has variance = mean; the negative binomial needs variance > mean, so a smaller
//   spread becomes variance = kNegativeBinomialMinDispersion x mean.
// Discrete tables and samples are kept as they are (there is no one table for a mean and sd).
inline constexpr double kNegativeBinomialMinDispersion = 2.0;
inline constexpr double kSmallestPositiveMean = 1e-9;
struct ConvertedDistribution {
  Distribution distribution;
  std::string note;  // empty when the moments were kept exactly
};
ConvertedDistribution convert_keeping_moments(const Distribution& d, std::size_t kind_index);

// What values a field allows: demand and times cannot be negative.
enum class Support { any_real, non_negative };

// Every problem with the distribution, each path being `path` plus the parameter
// ("/demand/0/distribution/sd"): parameters must be finite; sd >= 0; gamma shape and scale > 0;
// lognormal mean > 0; Poisson mean >= 0; negative binomial mean > 0 and sd^2 > mean; a discrete
// table non-empty with probabilities in [0, 1] summing to 1 (within 1e-6); an empirical sample
// non-empty. With Support::non_negative, constant values, normal means, discrete values and
// sample values below zero are refused too. At most `max_entries` outcomes or sample values.
Problems validate_distribution(const Distribution& d, const std::string& path, Support support,
                               std::size_t max_entries = 100000);

}  // namespace echelon
