// The demand summed over a number of periods, D_1 + ... + D_n with independent draws from one
// period's distribution, and its quantiles: the order-up-to level that covers the demand over a
// replenishment time with a given probability, for any demand distribution of the scenario
// format (not only the normal).
//
// A fractional number of periods n = m + f (0 < f < 1) is the mixture that takes m + 1 periods
// with probability f and m otherwise, as the simulation runs a time between whole periods
// (core/plan/plan_sim.h): P(X <= x) = (1 - f) P(S_m <= x) + f P(S_{m+1} <= x).
//
// Method, per distribution of one period:
//   constant c         the sum is n c (a mixture of m c and (m + 1) c);
//   normal (mu, sigma) closed form, S_m ~ Normal(m mu, sigma sqrt(m)); the mixture is solved by
//                      bisection on its cdf;
//   everything else    the distribution of one period is put on a grid of width w (w = 1 for
//                      whole-unit demand while the sum's range fits the grid) by moving each
//                      value's mass up to the next grid point, the n-fold sum is the n-fold
//                      convolution of that pmf (by repeated squaring), and the quantile is read
//                      off it. Moving mass up makes every computed level at least the exact one
//                      and at most n w above it (each of the n draws is raised by less than w).
//                      Poisson and negative binomial use their pmfs (stats.h); gamma and
//                      lognormal the mass of each grid cell from the cdf; discrete and empirical
//                      their outcomes (empirical: each observation 1/N).
// The grid holds at most `max_grid_points` points over the sum's range (per-period range times
// ceil(n)), which bounds the work to about max_grid_points^2 log2(n) multiply-adds.
//
// References: Feller, "An Introduction to Probability Theory and Its Applications", vol. 1,
// ch. XI (sums of independent lattice variables by convolution); Zipkin, "Foundations of
// Inventory Management", 2000, section 6.2 (the base-stock level as a quantile of lead-time
// demand).
#pragma once

#include <vector>

#include "core/base/result.h"
#include "core/model/distribution.h"

namespace echelon {

struct DemandSumOptions {
  int max_grid_points = 256;
  double tail = 1e-9;  // per-period mass beyond the grid's top (continuous and unbounded laws)
};

// The smallest level x with P(D_1 + ... + D_n <= x) >= probability. Problems: n negative or not
// finite, probability outside (0, 1), a distribution with negative values.
Result<double> demand_quantile_over_periods(const Distribution& per_period, double periods, double probability,
                                            const DemandSumOptions& options = {});

// P(D_1 + ... + D_n <= x) for a whole number of periods n >= 0 (the sum is 0 for n = 0), in
// closed form where the sum stays in the family: constant (n c), normal (n mu, sigma sqrt(n)),
// gamma (shape n k, same scale), Poisson (mean n lambda, P(S <= x) = P(S <= floor x)). Other laws
// (lognormal, negative binomial, discrete, empirical) by the normal of the same mean and variance,
// as the central limit theorem takes the sum. With `shift_per_period` c, each period's demand is
// the law plus c (a shifted law, for example the three-moment gamma of a sum of skewed demands):
// P(D_1 + ... + D_n <= x) is then the above at x - n c.
double demand_cdf_over_whole_periods(const Distribution& per_period, int periods, double x,
                                     double shift_per_period = 0.0);

// What demand_cdf_over_whole_periods reads of a law: two laws with equal keys give the same sums
// (the law's position in Distribution and its parameters, or its mean and standard deviation
// where the normal of those stands in).
struct WholePeriodSumKey {
  std::size_t kind = 0;
  double first = 0.0;
  double second = 0.0;
  double shift = 0.0;
  bool operator==(const WholePeriodSumKey&) const = default;
};
WholePeriodSumKey whole_period_sum_key(const Distribution& per_period, double shift_per_period = 0.0);

// The smallest level x >= 0 with sum_n periods[n] P(D_1 + ... + D_n <= x) >= probability *
// sum_n periods[n]: the quantile of demand over a random whole number of periods N
// (periods[n] = P(N = n)), a mixture over N of the sums above (Zipkin 2000, section 6.2, with the
// time random). 0 when the periods carry no mass or probability <= 0; a bracketed root search (regula falsi,
// Illinois, with bisection when it stalls) to 1e-9 relative.
double demand_level_over_random_periods(const Distribution& per_period, const std::vector<double>& periods,
                                        double probability, double shift_per_period = 0.0);

}  // namespace echelon
