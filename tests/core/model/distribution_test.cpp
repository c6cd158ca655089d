#include "core/model/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/test_support.h"

namespace echelon {
namespace {

// Moments by hand: gamma mean k*theta and variance k*theta^2 (any probability text, e.g.
// Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions, ch. 17); Poisson
// variance = mean; a discrete table by direct sums.
TEST(Distribution, MeanAndVariance) {
  EXPECT_DOUBLE_EQ(mean(dist::Constant{4.0}), 4.0);
  EXPECT_DOUBLE_EQ(variance(dist::Constant{4.0}), 0.0);
  EXPECT_DOUBLE_EQ(mean(dist::Normal{10.0, 3.0}), 10.0);
  EXPECT_DOUBLE_EQ(variance(dist::Normal{10.0, 3.0}), 9.0);
  EXPECT_DOUBLE_EQ(mean(dist::Gamma{2.0, 3.0}), 6.0);
  EXPECT_DOUBLE_EQ(variance(dist::Gamma{2.0, 3.0}), 18.0);
  EXPECT_DOUBLE_EQ(mean(dist::Lognormal{5.0, 2.0}), 5.0);
  EXPECT_DOUBLE_EQ(variance(dist::Lognormal{5.0, 2.0}), 4.0);
  EXPECT_DOUBLE_EQ(mean(dist::Poisson{3.5}), 3.5);
  EXPECT_DOUBLE_EQ(variance(dist::Poisson{3.5}), 3.5);
  EXPECT_DOUBLE_EQ(variance(dist::NegativeBinomial{3.0, 2.0}), 4.0);
  // 0.4*20 + 0.4*25 + 0.2*50 = 28; E[X^2] = 160 + 250 + 500 = 910; 910 - 784 = 126.
  const dist::Discrete table{{{20.0, 0.4}, {25.0, 0.4}, {50.0, 0.2}}};
  EXPECT_NEAR(mean(table), 28.0, 1e-12);
  EXPECT_NEAR(variance(table), 126.0, 1e-12);
  // Sample {1, 2, 3, 6}: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, over n = 4.
  const dist::Empirical sample{{1.0, 2.0, 3.0, 6.0}};
  EXPECT_DOUBLE_EQ(mean(sample), 3.0);
  EXPECT_DOUBLE_EQ(variance(sample), 3.5);
}

TEST(Distribution, KindNames) {
  EXPECT_EQ(kind_name(dist::Constant{}), "constant");
  EXPECT_EQ(kind_name(dist::NegativeBinomial{}), "negative_binomial");
  EXPECT_EQ(kind_name(dist::Empirical{}), "empirical");
}

TEST(Distribution, ValidOnesHaveNoProblems) {
  for (const Distribution& d : {Distribution{dist::Constant{0.0}}, Distribution{dist::Normal{5.0, 0.0}},
                                Distribution{dist::Gamma{0.5, 2.0}}, Distribution{dist::Lognormal{1.0, 3.0}},
                                Distribution{dist::Poisson{0.0}}, Distribution{dist::NegativeBinomial{2.0, 1.5}},
                                Distribution{dist::Discrete{{{1.0, 0.3}, {2.0, 0.7}}}},
                                Distribution{dist::Empirical{{0.0, 4.0}}}}) {
    EXPECT_TRUE(validate_distribution(d, "/d", Support::non_negative).empty()) << kind_name(d);
  }
}

TEST(Distribution, EachRuleHasAFailingExample) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Constant{-1.0}, "/d", Support::non_negative), "/d/value"));
  EXPECT_TRUE(validate_distribution(dist::Constant{-1.0}, "/d", Support::any_real).empty());
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Constant{inf}, "/d", Support::any_real), "/d/value"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Normal{1.0, -1.0}, "/d", Support::any_real), "/d/sd"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Normal{nan, 1.0}, "/d", Support::any_real), "/d/mean"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Gamma{0.0, 1.0}, "/d", Support::any_real), "/d/shape"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Gamma{1.0, -2.0}, "/d", Support::any_real), "/d/scale"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Lognormal{0.0, 1.0}, "/d", Support::any_real), "/d/mean"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Poisson{-0.1}, "/d", Support::any_real), "/d/mean"));
  // Variance equal to the mean is a Poisson, not a negative binomial.
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::NegativeBinomial{4.0, 2.0}, "/d", Support::any_real), "/d/sd"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Discrete{}, "/d", Support::any_real), "/d/outcomes"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Discrete{{{1.0, 0.5}, {2.0, 0.4}}}, "/d", Support::any_real),
                       "/d/outcomes"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Discrete{{{1.0, 1.5}, {2.0, -0.5}}}, "/d", Support::any_real),
                       "/d/outcomes/0/probability"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Discrete{{{-1.0, 1.0}}}, "/d", Support::non_negative),
                       "/d/outcomes/0/value"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Empirical{}, "/d", Support::any_real), "/d/sample"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Empirical{{1.0, nan}}, "/d", Support::any_real), "/d/sample/1"));
  EXPECT_TRUE(fixtures::has_path(validate_distribution(dist::Empirical{{1.0, 2.0, 3.0}}, "/d", Support::any_real, 2), "/d/sample"));
}

}  // namespace
}  // namespace echelon

namespace echelon {
namespace {

// Converting keeps the mean and sd where the form can hold them: gamma shape m²/sd² = 4 and
// scale sd²/m = 2.5 for mean 10, sd 5.
TEST(DistributionConvert, GammaKeepsMeanAndSd) {
  const auto c = convert_keeping_moments(dist::Normal{10.0, 5.0}, 2);
  ASSERT_TRUE(std::holds_alternative<dist::Gamma>(c.distribution));
  EXPECT_DOUBLE_EQ(std::get<dist::Gamma>(c.distribution).shape, 4.0);
  EXPECT_DOUBLE_EQ(std::get<dist::Gamma>(c.distribution).scale, 2.5);
  EXPECT_TRUE(c.note.empty());
  EXPECT_NEAR(mean(c.distribution), 10.0, 1e-12);
  EXPECT_NEAR(variance(c.distribution), 25.0, 1e-12);
}

TEST(DistributionConvert, NegativeBinomialNeedsOverdispersion) {
  const auto kept = convert_keeping_moments(dist::Normal{4.0, 3.0}, 5);  // variance 9 > 4: kept
  EXPECT_TRUE(kept.note.empty());
  EXPECT_DOUBLE_EQ(std::get<dist::NegativeBinomial>(kept.distribution).sd, 3.0);
  const auto widened = convert_keeping_moments(dist::Poisson{8.0}, 5);  // variance 8 = mean: widened to 16
  EXPECT_FALSE(widened.note.empty());
  EXPECT_DOUBLE_EQ(std::get<dist::NegativeBinomial>(widened.distribution).sd, 4.0);
  EXPECT_TRUE(validate_distribution(widened.distribution, "/d", Support::non_negative).empty());
}

TEST(DistributionConvert, EveryParametricFormOfAZeroMeanIsValid) {
  for (std::size_t kind = 0; kind < 6; ++kind) {
    const auto c = convert_keeping_moments(dist::Constant{0.0}, kind);
    EXPECT_TRUE(validate_distribution(c.distribution, "/d", Support::non_negative).empty()) << kind;
  }
}

TEST(DistributionConvert, TablesAreKept) {
  const Distribution table = dist::Discrete{{{1.0, 0.5}, {3.0, 0.5}}};
  const auto c = convert_keeping_moments(table, 6);
  EXPECT_EQ(c.distribution, table);
  EXPECT_FALSE(c.note.empty());
}

}  // namespace
}  // namespace echelon
