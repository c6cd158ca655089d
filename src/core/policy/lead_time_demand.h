// Lead-time demand: the demand X over the protection interval, that is a random lead time L
// plus a fixed review period R, with independent random demand D in every period.
//
// Moments (Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", 4th
// ed., section 6.10; Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., 4.3.3):
//   E[X]   = (E[L] + R) E[D]
//   Var[X] = (E[L] + R) Var[D] + E[D]^2 Var[L]
// The distribution of X is modelled in one of three ways:
//   normal          the normal with those moments (the classical approximation);
//   gamma           the gamma with those moments (never negative, right-skewed; the usual
//                   choice when the coefficient of variation of X is large);
//   discrete exact  the compound distribution P(X = x) = sum_l P(L = l) P(D_1+...+D_{l+R} = x)
//                   for whole-unit demand (Poisson, negative binomial, empirical) and a discrete
//                   lead time: Poisson and negative binomial sums are closed-form (Poisson(n m),
//                   NB(n r, p)), an empirical pmf is convolved numerically.
//
// The stated rule (`LeadTimeDemandModel::automatic`), in order:
//   1. Whole-unit demand -> discrete exact: Poisson and negative binomial always (a lead time
//      given only by mean and sd becomes the two-point lead time with the same mean and variance,
//      which keeps E[X] and Var[X]); an empirical table when the lead time is constant or given as
//      points and lead time plus review period is a whole number of periods.
//   2. A slow mover: E[X] below `slow_mover_mean_units` (default 10 units). The normal puts
//      visible mass below zero and misplaces the quantiles there, so the demand per period is
//      refitted as a count (Poisson when Var[D] <= E[D], negative binomial otherwise; the same
//      two-point lead time as in rule 1) and the exact compound is used, with a warning.
//   3. Gamma demand per period, or a coefficient of variation sd[X]/E[X] above 0.5 -> gamma
//      (the normal would give a visible probability of negative demand: Phi(-2) = 2.3%).
//   4. Otherwise -> normal.
// An exact table that would run past 200,000 units (very overdispersed counts, whose 1 - 1e-12
// point the gamma mixing law bounds) is not built: the automatic rule then takes the gamma with
// the same moments and says so in a warning; a forced discrete model gets a problem.
// Any other choice can be forced; a forced discrete model must be possible (problem otherwise).
//
// Units: demand in units per period, times in periods (the same period as the demand).
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/stats/stats.h"

namespace echelon {

enum class DemandKind { normal, gamma, poisson, negative_binomial, empirical };

// Demand in one period. normal and gamma use mean and sd; poisson uses the mean (sd is ignored,
// it equals sqrt(mean)); negative_binomial uses mean and sd with sd^2 > mean; empirical uses
// `probabilities` (P(D = 0), P(D = 1), ...) and ignores mean and sd.
struct PeriodDemand {
  DemandKind kind = DemandKind::normal;
  double mean_units_per_period = 0.0;
  double sd_units_per_period = 0.0;
  std::vector<double> probabilities;
};

struct LeadTimePoint {
  double periods = 0.0;
  double probability = 0.0;
};

// Either mean and sd (points empty), or a discrete table of points (then mean and sd are ignored).
struct LeadTimeSpec {
  double mean_periods = 0.0;
  double sd_periods = 0.0;
  std::vector<LeadTimePoint> points;
};

enum class LeadTimeDemandModel { automatic, normal, gamma, discrete_exact };

// Why the rule picked the model (text via `describe`).
enum class ModelReason {
  forced,               // the caller chose it
  discrete_demand,      // rule 1
  slow_mover,           // rule 2
  gamma_demand,         // rule 3, gamma demand per period
  high_variability,     // rule 3, coefficient of variation above 0.5
  normal_default,       // rule 4
  no_uncertainty,       // variance zero: a point mass at the mean (normal with sd 0)
};
const char* describe(ModelReason reason);

struct LeadTimeDemandInput {
  PeriodDemand demand;
  LeadTimeSpec lead_time;
  double review_period_periods = 0.0;  // 0 = continuous review
  LeadTimeDemandModel model = LeadTimeDemandModel::automatic;
  double slow_mover_mean_units = 10.0;
};

// The distribution of X. Evaluate it with the free functions below.
struct LeadTimeDemand {
  LeadTimeDemandModel model = LeadTimeDemandModel::normal;  // never automatic
  ModelReason reason = ModelReason::normal_default;
  double protection_interval_periods = 0.0;  // E[L] + R
  double mean = 0.0;                         // E[X], units
  double variance = 0.0;                     // Var[X], units^2
  double variance_from_demand = 0.0;         // (E[L] + R) Var[D]
  double variance_from_lead_time = 0.0;      // E[D]^2 Var[L]
  stats::GammaParameters gamma;              // when model == gamma
  stats::DiscreteDistribution discrete;      // when model == discrete_exact
  std::vector<std::string> warnings;         // plain-language remarks (slow mover refit, ...)
};

// Every invalid field is reported (path = field name).
Problems validate(const LeadTimeDemandInput& input);

Result<LeadTimeDemand> compute_lead_time_demand(const LeadTimeDemandInput& input);

// Mean and variance of the per-period demand as specified (empirical: from the table).
double demand_mean(const PeriodDemand& demand);
double demand_variance(const PeriodDemand& demand);

// Evaluation. `integer_lattice` is true for discrete_exact: X takes whole values only.
double sd(const LeadTimeDemand& x);
bool integer_lattice(const LeadTimeDemand& x);
double cdf(const LeadTimeDemand& x, double level);    // P(X <= level)
double loss(const LeadTimeDemand& x, double level);   // E[(X - level)^+]
double loss2(const LeadTimeDemand& x, double level);  // E[((X - level)^+)^2] / 2
// Smallest level with P(X <= level) >= p (whole units for discrete_exact), p in (0, 1).
double quantile(const LeadTimeDemand& x, double p);
// Average of P(X <= u) and of E[(X - u)^+] over u uniform on (lo, hi]: continuous u for the
// normal and gamma models; u in {lo + 1, ..., hi} for discrete_exact (lo and hi whole numbers).
// Both reduce to differences of the loss functions: (1/Q) int F = 1 - (G1(lo) - G1(hi)) / Q and
// (1/Q) int G1 = (G2(lo) - G2(hi)) / Q, with the sums in place of integrals on the integers.
double mean_cdf_over(const LeadTimeDemand& x, double lo, double hi);
double mean_loss_over(const LeadTimeDemand& x, double lo, double hi);

// Points (x, density or probability) for charts: the density over mean +/- 4 sd for the
// continuous models, the probabilities of the whole values for discrete_exact.
struct DistributionPoint {
  double x = 0.0;
  double density = 0.0;
};
std::vector<DistributionPoint> distribution_points(const LeadTimeDemand& x, int point_count);

}  // namespace echelon
