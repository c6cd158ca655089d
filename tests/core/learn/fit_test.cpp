#include "core/learn/fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <variant>
#include <vector>

namespace echelon::learn {
namespace {

// Sum of ln Gamma densities, written out here independently of the module.
double gamma_log_likelihood(const std::vector<double>& x, double k, double theta) {
  double s = 0.0;
  for (double v : x) s += (k - 1.0) * std::log(v) - v / theta - std::lgamma(k) - k * std::log(theta);
  return s;
}

// Sum of ln negative binomial masses with size r and mean m (p = r / (r + m)).
double nb_log_likelihood(const std::vector<double>& x, double r, double m) {
  const double p = r / (r + m);
  double s = 0.0;
  for (double v : x) s += std::lgamma(v + r) - std::lgamma(r) - std::lgamma(v + 1.0) + r * std::log(p) + v * std::log1p(-p);
  return s;
}

// Textbook example: mean 5, variance with divisor n = 32 / 8 = 4.
TEST(Fit, NormalIsMeanAndDivisorNSd) {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  auto f = fit_family(x, Family::normal);
  ASSERT_TRUE(f.ok());
  const auto& d = std::get<dist::Normal>(f->distribution);
  EXPECT_DOUBLE_EQ(d.mean, 5.0);
  EXPECT_DOUBLE_EQ(d.sd, 2.0);
  EXPECT_NEAR(f->log_likelihood, -4.0 * (std::log(2.0 * std::numbers::pi * 4.0) + 1.0), 1e-12);
}

// ln x = 0, 1, 2: mu = 1, sigma^2 = 2/3; mean of the variable exp(1 + 1/3).
TEST(Fit, LognormalByHand) {
  const std::vector<double> x{1.0, std::exp(1.0), std::exp(2.0)};
  auto f = fit_family(x, Family::lognormal);
  ASSERT_TRUE(f.ok());
  const auto& d = std::get<dist::Lognormal>(f->distribution);
  EXPECT_NEAR(d.mean, std::exp(4.0 / 3.0), 1e-12);
  EXPECT_NEAR(d.sd, std::exp(4.0 / 3.0) * std::sqrt(std::exp(2.0 / 3.0) - 1.0), 1e-12);
}

TEST(Fit, PoissonIsTheMean) {
  const std::vector<double> x{0, 1, 1, 3, 5};
  auto f = fit_family(x, Family::poisson);
  ASSERT_TRUE(f.ok());
  EXPECT_DOUBLE_EQ(std::get<dist::Poisson>(f->distribution).mean, 2.0);
}

// Data 1, 2, 4: the gamma MLE maximises the likelihood; a fine grid over the shape (scale at
// its profile optimum x̄ / k) finds no better point, and the score equation holds.
TEST(Fit, GammaMaximisesTheLikelihood) {
  const std::vector<double> x{1, 2, 4};
  auto f = fit_family(x, Family::gamma);
  ASSERT_TRUE(f.ok());
  const auto& d = std::get<dist::Gamma>(f->distribution);
  EXPECT_NEAR(d.shape * d.scale, 7.0 / 3.0, 1e-12);
  // ln k - psi(k) = ln(7/3) - ln 2 = ln(7/6), with psi by its series psi(k) = ln k - 1/(2k) -
  // sum B_2j / (2j k^2j), evaluated at k + 6 and moved down by psi(k) = psi(k + 1) - 1 / k.
  auto psi = [](double k) {
    double shift = 0.0;
    while (k < 6.0) shift -= 1.0 / k, k += 1.0;
    const double k2 = 1.0 / (k * k);
    return shift + std::log(k) - 0.5 / k - k2 * (1.0 / 12 - k2 * (1.0 / 120 - k2 * (1.0 / 252 - k2 / 240)));
  };
  EXPECT_NEAR(std::log(d.shape) - psi(d.shape), std::log(7.0 / 6.0), 1e-9);
  const double best = gamma_log_likelihood(x, d.shape, d.scale);
  EXPECT_NEAR(f->log_likelihood, best, 1e-9);
  for (double k = 0.5; k < 20.0; k += 0.01) EXPECT_LE(gamma_log_likelihood(x, k, 7.0 / 3.0 / k), best + 1e-12);
}

// Mean 3, variance (divisor n) 62 / 5 > 3: a negative binomial; brute force over the size r
// with p at its profile optimum, and over p for the fitted r.
TEST(Fit, NegativeBinomialMaximisesTheLikelihood) {
  const std::vector<double> x{0, 0, 1, 5, 9};
  auto f = fit_family(x, Family::negative_binomial);
  ASSERT_TRUE(f.ok());
  const auto& d = std::get<dist::NegativeBinomial>(f->distribution);
  EXPECT_NEAR(d.mean, 3.0, 1e-12);
  const double r = d.mean * d.mean / (d.sd * d.sd - d.mean);
  const double best = nb_log_likelihood(x, r, 3.0);
  EXPECT_NEAR(f->log_likelihood, best, 1e-9);
  for (double rr = 0.05; rr < 50.0; rr *= 1.01) EXPECT_LE(nb_log_likelihood(x, rr, 3.0), best + 1e-12);
  for (double m = 1.0; m < 6.0; m += 0.01) EXPECT_LE(nb_log_likelihood(x, r, m), best + 1e-12);
}

TEST(Fit, RefusalsAreNamed) {
  const std::vector<double> zeros{0, 2, 3};
  EXPECT_EQ(fit_family(zeros, Family::gamma).problems()[0].path, "gamma");
  EXPECT_EQ(fit_family(zeros, Family::lognormal).problems()[0].path, "lognormal");
  const std::vector<double> fractions{0.5, 2, 3};
  EXPECT_EQ(fit_family(fractions, Family::poisson).problems()[0].path, "poisson");
  const std::vector<double> underdispersed{2, 3, 4};
  EXPECT_EQ(fit_family(underdispersed, Family::negative_binomial).problems()[0].path, "negative_binomial");
  const std::vector<double> negative{1, -1};
  EXPECT_EQ(fit_family(negative, Family::normal).problems()[0].path, "data/1");
  const std::vector<double> one{4};
  EXPECT_FALSE(fit_family(one, Family::normal).ok());
  const std::vector<double> flat{4, 4};
  EXPECT_FALSE(fit_family(flat, Family::normal).ok());
}

// Generated samples with known parameters: the estimates land within a few standard errors.
TEST(Fit, RecoversKnownParametersFromGeneratedSamples) {
  std::mt19937_64 gen(12345);
  std::gamma_distribution<double> g(2.0, 3.0);
  std::vector<double> x(20000);
  for (double& v : x) v = g(gen);
  auto gamma = fit_family(x, Family::gamma);
  ASSERT_TRUE(gamma.ok());
  EXPECT_NEAR(std::get<dist::Gamma>(gamma->distribution).shape, 2.0, 0.06);  // se about 0.019
  EXPECT_NEAR(std::get<dist::Gamma>(gamma->distribution).scale, 3.0, 0.09);

  // Negative binomial as a gamma mixture of Poissons: size 1.5, mean 4 (sd sqrt(4 + 16 / 1.5)).
  std::vector<double> counts(20000);
  for (double& v : counts) {
    std::gamma_distribution<double> rate(1.5, 4.0 / 1.5);
    std::poisson_distribution<int> count(rate(gen));
    v = count(gen);
  }
  auto nb = fit_family(counts, Family::negative_binomial);
  ASSERT_TRUE(nb.ok());
  const auto& d = std::get<dist::NegativeBinomial>(nb->distribution);
  EXPECT_NEAR(d.mean, 4.0, 0.08);
  EXPECT_NEAR(d.mean * d.mean / (d.sd * d.sd - d.mean), 1.5, 0.08);
}

// Log scores by hand: Poisson(2) at 1 is 2 e^-2; a normal on whole numbers at 0 is the mass
// below 1/2; the empirical sample {0, 0, 1, 3} has cells 0..3 and "above 3" (five cells), so
// P(0) = 2.5 / 6.5 and any unseen value has 0.5 / 6.5.
TEST(Fit, LogScoresByHand) {
  Fitted poisson{Family::poisson, dist::Poisson{2.0}, 0.0};
  EXPECT_NEAR(negative_log_score(poisson, 1.0, true), 2.0 - std::log(2.0), 1e-12);
  Fitted normal{Family::normal, dist::Normal{1.0, 2.0}, 0.0};
  EXPECT_NEAR(negative_log_score(normal, 0.0, true), -std::log(0.5 * std::erfc(0.25 / std::sqrt(2.0))), 1e-12);
  EXPECT_NEAR(negative_log_score(normal, 3.0, false),
              0.5 + std::log(2.0) + 0.5 * std::log(2.0 * std::numbers::pi), 1e-12);  // z = 1: -ln phi(1)/2
  Fitted empirical{Family::empirical, dist::Empirical{{0, 0, 1, 3}}, 0.0};
  EXPECT_NEAR(negative_log_score(empirical, 0.0, true), -std::log(2.5 / 6.5), 1e-12);
  EXPECT_NEAR(negative_log_score(empirical, 2.0, true), -std::log(0.5 / 6.5), 1e-12);
  EXPECT_NEAR(negative_log_score(empirical, 7.0, true), -std::log(0.5 / 6.5), 1e-12);
}

TEST(Fit, QuantilesAndPinballByHand) {
  EXPECT_DOUBLE_EQ(pinball_loss(10.0, 8.0, 0.9), 1.8);
  EXPECT_NEAR(pinball_loss(5.0, 8.0, 0.9), 0.3, 1e-15);
  Fitted empirical{Family::empirical, dist::Empirical{{4, 1, 3, 2}}, 0.0};
  EXPECT_DOUBLE_EQ(fitted_quantile(empirical, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(fitted_quantile(empirical, 0.51), 3.0);
  EXPECT_DOUBLE_EQ(fitted_quantile(empirical, 0.99), 4.0);
  // Poisson(2): F(2) = 5 e^-2 = 0.677, F(3) = 19/3 e^-2 = 0.857.
  Fitted poisson{Family::poisson, dist::Poisson{2.0}, 0.0};
  EXPECT_DOUBLE_EQ(fitted_quantile(poisson, 0.6), 2.0);
  EXPECT_DOUBLE_EQ(fitted_quantile(poisson, 0.8), 3.0);
  Fitted normal{Family::normal, dist::Normal{1.0, 2.0}, 0.0};
  EXPECT_DOUBLE_EQ(fitted_quantile(normal, 0.05), 0.0);  // below zero: none
  EXPECT_NEAR(fitted_quantile(normal, 0.975), 1.0 + 2.0 * 1.959963984540054, 1e-9);
}

// Each family is fitted on the fitting part and scored on the hold-out only: the Poisson's
// score is -ln P(y) at the fitting data's mean.
TEST(Fit, SelectionScoresOnTheHoldOut) {
  const std::vector<double> fitting{1, 2, 3, 2};  // mean 2
  const std::vector<double> holdout{4};
  SelectionOptions o;
  o.families = {Family::poisson, Family::normal};
  auto s = select_distribution(fitting, holdout, o);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->candidates.size(), 2u);
  // P(4) = e^-2 2^4 / 24.
  EXPECT_NEAR(s->candidates[0].holdout_score, -std::log(std::exp(-2.0) * 16.0 / 24.0), 1e-12);
  // Normal(2, sqrt(0.5)): mass of (3.5, 4.5].
  const double sd = std::sqrt(0.5);
  const double mass = 0.5 * std::erfc(-(2.5 / sd) / std::sqrt(2.0)) - 0.5 * std::erfc(-(1.5 / sd) / std::sqrt(2.0));
  EXPECT_NEAR(s->candidates[1].holdout_score, -std::log(mass), 1e-12);
  EXPECT_EQ(s->chosen.family, Family::poisson);
  // Refitted to all five values: mean 12 / 5.
  EXPECT_DOUBLE_EQ(std::get<dist::Poisson>(s->chosen.distribution).mean, 2.4);
}

// The empirical family always fits its own data best, but on a hold-out with values it has not
// seen it loses to a smooth family: selection is not on the fitting data.
TEST(Fit, EmpiricalDoesNotWinByMemorising) {
  std::mt19937_64 gen(7);
  std::poisson_distribution<int> p(6.0);
  std::vector<double> fitting(30), holdout(200);
  for (double& v : fitting) v = p(gen);
  for (double& v : holdout) v = p(gen);
  auto s = select_distribution(fitting, holdout);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->chosen.family, Family::empirical);
}

// Among the parametric families the generating one wins. (The empirical family is left out here:
// with a thousand values it is a fair competitor, and it wins such contests on its merits.)
TEST(Fit, SelectionFindsTheGeneratingFamily) {
  std::mt19937_64 gen(99);
  SelectionOptions parametric;
  parametric.families = {Family::normal, Family::gamma, Family::lognormal, Family::poisson, Family::negative_binomial};
  // Overdispersed counts (size 0.8, mean 5) with zeros: negative binomial.
  std::vector<double> counts(1500);
  for (double& v : counts) {
    std::gamma_distribution<double> rate(0.8, 5.0 / 0.8);
    std::poisson_distribution<int> count(rate(gen));
    v = count(gen);
  }
  auto nb = select_distribution(counts, parametric);
  ASSERT_TRUE(nb.ok());
  EXPECT_EQ(nb->chosen.family, Family::negative_binomial);
  // Skewed continuous values (shape 0.7): gamma; symmetric ones (mean 100, sd 5): normal.
  std::gamma_distribution<double> g(0.7, 10.0);
  std::normal_distribution<double> n(100.0, 5.0);
  std::vector<double> skewed(1500), symmetric(1500);
  for (double& v : skewed) v = g(gen);
  for (double& v : symmetric) v = n(gen);
  auto sg = select_distribution(skewed, parametric);
  auto sn = select_distribution(symmetric, parametric);
  ASSERT_TRUE(sg.ok() && sn.ok());
  EXPECT_EQ(sg->chosen.family, Family::gamma);
  EXPECT_EQ(sn->chosen.family, Family::normal);
  // Pinball loss picks the same families.
  SelectionOptions pin = parametric;
  pin.criterion = Criterion::pinball;
  EXPECT_EQ(select_distribution(skewed, pin)->chosen.family, Family::gamma);
}

TEST(Fit, SelectionProblems) {
  const std::vector<double> x{1, 2, 3};
  EXPECT_EQ(select_distribution(x, std::vector<double>{}).problems()[0].path, "holdout");
  const std::vector<double> zeros{0, 0, 0, 0};
  auto none = select_distribution(zeros);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.problems().size(), 6u);  // every family names its reason
}

}  // namespace
}  // namespace echelon::learn
