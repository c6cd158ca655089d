// Probability distributions and loss functions used across Echelon.
//
// Thin, non-throwing wrappers over Boost.Math: bad arguments give NaN, never an exception.
// The standard normal is the workhorse of safety stock; the rest of the distributions (gamma,
// Poisson, negative binomial, empirical) and the lead-time-demand models build on this header.
#pragma once

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

}  // namespace echelon::stats
