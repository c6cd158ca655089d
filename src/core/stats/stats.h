// Probability distributions and loss functions used across Echelon.
//
// Thin, non-throwing wrappers over Boost.Math: bad arguments give NaN, never an exception.
// The standard normal is the workhorse of safety stock; the rest of the distributions (gamma,
// Poisson, negative binomial, empirical) and the lead-time-demand models build on this header.
#pragma once

#include <cstdint>
#include <vector>

namespace echelon::stats {

// Standard normal density phi(z).
double standard_normal_pdf(double z);
// Standard normal distribution function Phi(z).
double standard_normal_cdf(double z);
// Inverse of Phi: the z with Phi(z) = p, for p in (0, 1). NaN outside (0, 1).
double standard_normal_quantile(double p);
// First-order standard normal loss L(z) = E[(Z - z)^+] = phi(z) - z * (1 - Phi(z)).
double standard_normal_loss(double z);

// Normal with mean `mean` and standard deviation `sd` (sd > 0).
double normal_pdf(double x, double mean, double sd);
double normal_cdf(double x, double mean, double sd);

// ---------------------------------------------------------------------------------------------
// Loss functions. For a demand X and a stock level x:
//   first-order loss   G1(x) = E[(X - x)^+]           expected units short,
//   second-order loss  G2(x) = E[((X - x)^+)^2] / 2   = integral of G1 from x to infinity,
// the two quantities every fill-rate and backorder formula is built from (Zipkin, "Foundations
// of Inventory Management", 2000, appendix C; Snyder & Shen, "Fundamentals of Supply Chain
// Theory", 2nd ed., section C.3). Every function below returns NaN for invalid parameters.
// ---------------------------------------------------------------------------------------------

// Second-order standard normal loss L2(z) = ((1 + z^2)(1 - Phi(z)) - z phi(z)) / 2.
double standard_normal_loss2(double z);
// Normal quantile mean + sd * Phi^-1(p); sd = 0 gives the mean.
double normal_quantile(double p, double mean, double sd);
// sd * L((x - mean) / sd); with sd = 0 the point mass at the mean: max(mean - x, 0).
double normal_loss(double x, double mean, double sd);
// sd^2 * L2((x - mean) / sd); with sd = 0: max(mean - x, 0)^2 / 2.
double normal_loss2(double x, double mean, double sd);

// Gamma with shape k > 0 and scale theta > 0 (mean k theta, variance k theta^2).
struct GammaParameters {
  double shape = 0.0;
  double scale = 0.0;
};
// Moment match: shape = mean^2 / variance, scale = variance / mean. Needs mean > 0, sd > 0.
GammaParameters gamma_from_moments(double mean, double sd);
double gamma_pdf(double x, double shape, double scale);
double gamma_cdf(double x, double shape, double scale);
double gamma_quantile(double p, double shape, double scale);
// G1(x) = k theta Q(k+1, x/theta) - x Q(k, x/theta) with Q the regularized upper incomplete gamma
// (Q(k, x/theta) = P(X > x)); uses E[X 1{X > x}] = k theta Q(k+1, x/theta).
double gamma_loss(double x, double shape, double scale);
// G2(x) = (k(k+1) theta^2 Q(k+2, y) - 2 x k theta Q(k+1, y) + x^2 Q(k, y)) / 2, y = x/theta.
double gamma_loss2(double x, double shape, double scale);

// Poisson with mean lambda >= 0.
double poisson_pmf(std::int64_t k, double mean);
double poisson_cdf(std::int64_t k, double mean);

// Negative binomial in the (r, p) form: P(k) = Gamma(k + r) / (Gamma(r) k!) p^r (1 - p)^k,
// r > 0 real, p in (0, 1]; mean r(1-p)/p, variance r(1-p)/p^2. It is the gamma mixture of
// Poissons, the usual model of overdispersed counts (variance > mean).
struct NegativeBinomialParameters {
  double successes = 0.0;    // r
  double probability = 0.0;  // p
};
// Moment match p = mean / variance, r = mean^2 / (variance - mean). Needs variance > mean > 0.
NegativeBinomialParameters negative_binomial_from_moments(double mean, double variance);
double negative_binomial_pmf(std::int64_t k, double successes, double probability);

// ---------------------------------------------------------------------------------------------
// A distribution on the integers 0, 1, ..., n-1 (demand in whole units). The tables of the
// distribution function and the first-order loss at every integer are built once, so cdf and
// loss are O(1) at any real x: between two integers G1 is linear with slope -(1 - F(k)).
// ---------------------------------------------------------------------------------------------
struct DiscreteDistribution {
  std::vector<double> pmf;      // P(X = k)
  std::vector<double> cdf;      // P(X <= k)
  std::vector<double> loss;     // G1(k) = E[(X - k)^+]
  std::vector<double> loss_sum; // S(k) = sum over j >= k of G1(j) = E[(X - k)^+ (X - k + 1)^+] / 2
  double mean = 0.0;
  double variance = 0.0;
};

// Builds the tables from probabilities of 0, 1, 2, ... . Negative or non-finite entries or an
// empty or all-zero list give an empty distribution (check `pmf.empty()`); the probabilities are
// scaled to sum to one (the tail a truncated pmf leaves out is spread proportionally).
DiscreteDistribution make_discrete(std::vector<double> probabilities);
// Poisson(mean) truncated where the remaining tail is below `tail` (default 1e-12).
DiscreteDistribution poisson_distribution(double mean, double tail = 1e-12);
// Negative binomial (r, p) truncated the same way. Empty when the table would pass 2,000,000
// entries, including when the running sum of the terms, in doubles, stops growing short of
// 1 - tail (a stall that is detected exactly, as soon as it is certain, instead of walked out).
DiscreteDistribution negative_binomial_distribution(double successes, double probability,
                                                    double tail = 1e-12);
// Distribution of the sum of two independent discrete variables (direct convolution).
std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b);

double discrete_cdf(const DiscreteDistribution& d, double x);           // P(X <= x)
double discrete_loss(const DiscreteDistribution& d, double x);          // E[(X - x)^+]
double discrete_loss2(const DiscreteDistribution& d, double x);         // E[((X - x)^+)^2] / 2
// sum over the integers j >= k of G1(j), for any integer k (also negative).
double discrete_loss_sum(const DiscreteDistribution& d, std::int64_t k);
// Smallest integer k with P(X <= k) >= p, for p in (0, 1]; -1 for an empty distribution.
std::int64_t discrete_quantile(const DiscreteDistribution& d, double p);

// ---------------------------------------------------------------------------------------------
// Sample quantiles of simulated values, by linear interpolation between order statistics
// (Hyndman & Fan, "Sample quantiles in statistical packages", 1996, definition 7; the default of
// R and NumPy): with h = (n - 1) q, Q(q) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)),
// x_(i) the i-th smallest value counting from 0.
// ---------------------------------------------------------------------------------------------

// Q(q) of values sorted in increasing order; 0 for no values.
double sample_quantile_sorted(const std::vector<double>& sorted, double q);

// Q(0.1), Q(0.5) and Q(0.9) of unsorted values, found by selection in linear time rather than a
// sort (the same order statistics, so the same values). Reorders `values`; all 0 for none.
struct SampleBand {
  double p10 = 0.0, p50 = 0.0, p90 = 0.0;
};
SampleBand sample_p10_p50_p90(std::vector<double>& values);

}  // namespace echelon::stats
