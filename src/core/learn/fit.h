// Fitting a distribution to observed values by maximum likelihood, and choosing among the fitted
// families on data they were not fitted to.
//
// Families and their maximum-likelihood estimates (x_1..x_n the data, x̄ their mean):
//   normal             mean = x̄, sd = sqrt(sum (x - x̄)^2 / n)                   (divisor n: the MLE)
//   gamma              shape k solves ln k - psi(k) = ln x̄ - mean(ln x), scale = x̄ / k; needs
//                      every x > 0 (Choi & Wette 1969; Minka 2002, "Estimating a gamma
//                      distribution", starts Newton's method at k0 = (3 - s + sqrt((s-3)^2 + 24 s)) / (12 s))
//   lognormal          mu = mean(ln x), sigma^2 = mean((ln x - mu)^2); needs every x > 0.
//                      Reported as the mean exp(mu + sigma^2/2) and sd mean * sqrt(exp(sigma^2) - 1)
//                      of the variable itself (the scenario's convention, model/distribution.h)
//   poisson            mean = x̄; needs whole numbers
//   negative_binomial  p = r / (r + x̄) and r solves the profile score equation
//                      sum psi(x_i + r) - n psi(r) + n ln(r / (r + x̄)) = 0, which has one root
//                      exactly when the variance (divisor n) exceeds the mean (Aragón, Eberly &
//                      Eberly 1992); needs whole numbers
//   empirical          the sample itself, each value equally likely
// Every family needs at least two values with a positive mean; the normal also needs spread.
//
// Choosing (never on the fitting data alone): each family is fitted to the first part of the
// data and scored on the later part (the hold-out), by one of
//   log score   mean of -ln P(y) over the hold-out (lower is better). On whole-number data every
//               family is scored by the probability of the value itself: a discrete family by its
//               mass, a continuous one by the mass of (y - 1/2, y + 1/2] (for y = 0: of
//               (-inf, 1/2], so the normal's mass below zero counts as zero demand, as the
//               simulator censors it). On other data, by density, and the discrete families and
//               the empirical one are left out. The empirical family spreads its mass over
//               0..max+1 with Krichevsky–Trofimov (add-1/2) smoothing, the last cell standing for
//               every value above the sample's largest, so a new value is unlikely, not impossible.
//               Each probability is floored at 1e-12 so one surprise cannot outweigh everything.
//   pinball     mean over the hold-out and over quantile levels tau of the pinball loss
//               (y - q_tau) tau if y >= q_tau, else (q_tau - y)(1 - tau) (lower is better;
//               Koenker & Bassett 1978). With levels spread over (0, 1) it approximates the
//               continuous ranked probability score; with levels near a service target it weighs
//               the tail that sizes safety stock.
// The chosen family is then refitted to all the data (fitting part and hold-out) for use.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/model/distribution.h"

namespace echelon::learn {

enum class Family { normal, gamma, lognormal, poisson, negative_binomial, empirical };
inline constexpr Family kAllFamilies[] = {Family::normal,  Family::gamma,             Family::lognormal,
                                          Family::poisson, Family::negative_binomial, Family::empirical};
std::string_view family_name(Family f);  // "normal", "gamma", "lognormal", "poisson", "negative_binomial", "empirical"

struct Fitted {
  Family family = Family::normal;
  Distribution distribution;  // in the scenario's terms, ready for a plan or a simulation
  double log_likelihood = 0.0;  // on the fitting data: density for continuous families, mass otherwise
};

// True when every value is a whole number (demand in units, lead times in whole periods).
bool whole_numbers(std::span<const double> data);

// Maximum-likelihood fit. Problems (path "data" or the family's name): fewer than two values,
// negative or non-finite values, a zero mean, no spread (normal), a value of zero (gamma,
// lognormal), fractions (Poisson, negative binomial), variance not above the mean (negative
// binomial: the Poisson is then the better-fitting limit).
Result<Fitted> fit_family(std::span<const double> data, Family family);

// -ln P(y) as the log score above (whole_number_data says which scoring applies).
double negative_log_score(const Fitted& fitted, double y, bool whole_number_data);
// The tau-quantile of the fitted distribution, tau in (0, 1). Normal quantiles below zero are
// zero (demand and times cannot be negative); discrete families give whole numbers; the
// empirical one the smallest sample value with at least tau of the sample at or below it.
double fitted_quantile(const Fitted& fitted, double tau);
// Pinball loss of a quantile forecast q at level tau for the outcome y.
double pinball_loss(double y, double q, double tau);

enum class Criterion { log_score, pinball };
std::string_view criterion_name(Criterion c);  // "log score", "pinball loss"

struct SelectionOptions {
  Criterion criterion = Criterion::log_score;
  std::vector<double> pinball_levels{0.5, 0.75, 0.9, 0.95, 0.99};
  double holdout_share = 0.3;  // for select_distribution on one series: the last 30% is held out
  std::vector<Family> families{std::begin(kAllFamilies), std::end(kAllFamilies)};
};

struct Candidate {
  Family family = Family::normal;
  bool fitted = false;
  std::string reason;          // why it could not be fitted or scored
  double holdout_score = 0.0;  // by the criterion, lower is better (when fitted)
};

struct Selection {
  std::vector<Candidate> candidates;  // one per family tried, in the order given
  Fitted chosen;                      // the winner, refitted to fitting data and hold-out together
  Criterion criterion = Criterion::log_score;
  int fitting_values = 0;
  int holdout_values = 0;
};

// Fits every family to `fitting`, scores on `holdout`, refits the best to both. Problems when
// the hold-out is empty or no family could be fitted (each family's reason is named).
Result<Selection> select_distribution(std::span<const double> fitting, std::span<const double> holdout,
                                      const SelectionOptions& options = {});
// The same for one series in time order (NaN values skipped): the last holdout_share of its
// values (at least one) is the hold-out.
Result<Selection> select_distribution(std::span<const double> series, const SelectionOptions& options = {});

}  // namespace echelon::learn
