// The newsvendor for any demand distribution of the scenario format (model/distribution.h:
// constant, normal, gamma, lognormal, Poisson, negative binomial, discrete table, empirical
// sample), in either of its two textbook forms.
//
// Cost form: each unit left over costs c_o (overage), each unit short costs c_u (underage).
// Price form: units cost c each, sell at p, leftovers fetch the salvage value v < c, and each
// unit short also loses goodwill g >= 0 (a penalty beyond the lost margin); then
// c_u = p - c + g and c_o = c - v, and the expected profit is
//   pi(S) = p E[min(S, D)] + v E[(S - D)^+] - c S - g E[(D - S)^+].
// Either way the expected cost  C(S) = c_o E[(S - D)^+] + c_u E[(D - S)^+]  is convex, and
// pi(S) = (p - c) E[D] - C(S) (expand both with E[min(S, D)] = E[D] - E[(D - S)^+]), so the
// minimiser of C maximises pi; it is the critical fractile
//   F(S*) = c_u / (c_u + c_o)
// (the smallest S with F(S) >= c_u / (c_u + c_o) where demand comes in steps) (Snyder & Shen,
// "Fundamentals of Supply Chain Theory", 2nd ed., section 4.3; Nahmias, "Production and
// Operations Analysis", 6th ed., ch. 5; Porteus, "Foundations of Stochastic Inventory
// Theory", ch. 1).
//
// With E[(S - D)^+] = S - E[D] + G1(S), G1(S) = E[(D - S)^+] the loss function, computed per form:
//   normal (mu, sigma)   G1 = sigma L((S - mu)/sigma), L(z) = phi(z) - z (1 - Phi(z))
//   gamma (k, theta)     G1 = k theta Q(k + 1, S/theta) - S Q(k, S/theta)  (stats.h)
//   lognormal (m, sd)    with s^2 = ln(1 + sd^2/m^2), mu = ln m - s^2/2 (so E[D] = m):
//                        S* = exp(mu + s z*), z* = Phi^{-1}(c_u / (c_u + c_o)), and for S > 0
//                        G1 = m Phi(d1) - S Phi(d2), d1 = (mu + s^2 - ln S)/s, d2 = d1 - s
//                        (the partial expectation of the lognormal; Johnson, Kotz &
//                        Balakrishnan, "Continuous Univariate Distributions", vol. 1, ch. 14)
//   Poisson, negative binomial: their pmfs truncated below 1e-12 of tail (stats.h)
//   discrete table, empirical sample: sums over the outcomes (equal weights for a sample).
// The normal here is the plain normal (its mass below zero included), as in the textbooks.
#pragma once

#include <string>

#include "core/base/result.h"
#include "core/model/distribution.h"

namespace echelon {

enum class NewsvendorForm { costs, prices };

struct GeneralNewsvendorInput {
  Distribution demand = dist::Normal{0.0, 0.0};
  NewsvendorForm form = NewsvendorForm::costs;
  // Cost form.
  double overage_cost_per_unit = 0.0;   // c_o > 0
  double underage_cost_per_unit = 0.0;  // c_u > 0
  // Price form.
  double selling_price = 0.0;           // p > 0
  double unit_cost = 0.0;               // c > 0, with p + g > c
  double salvage_value = 0.0;           // v < c (may be negative: a disposal cost)
  double goodwill_cost_per_unit_short = 0.0;  // g >= 0
};

struct GeneralNewsvendorResult {
  double overage_cost_per_unit = 0.0;   // c_o used
  double underage_cost_per_unit = 0.0;  // c_u used
  double critical_ratio = 0.0;          // c_u / (c_u + c_o)
  double order_quantity = 0.0;          // S*
  double expected_cost = 0.0;           // C(S*)
  double expected_profit = 0.0;         // pi(S*) (price form; 0 in the cost form)
  double expected_sales = 0.0;          // E[min(S*, D)]
  double expected_left_over = 0.0;      // E[(S* - D)^+]
  double expected_short = 0.0;          // E[(D - S*)^+]
  double in_stock_probability = 0.0;    // P(D <= S*)
  double fill_rate = 0.0;               // E[min(S*, D)] / E[D] (1 when E[D] = 0)
  double demand_mean = 0.0;
  double demand_sd = 0.0;
};

Problems validate(const GeneralNewsvendorInput& input);
Result<GeneralNewsvendorResult> compute_general_newsvendor(const GeneralNewsvendorInput& input);

// E[(D - S)^+] and P(D <= S) for a valid demand distribution (NaN for an invalid one).
double demand_loss(const Distribution& demand, double level);
double demand_cdf(const Distribution& demand, double level);

}  // namespace echelon
