#include "core/sim/sampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace echelon::sim {
namespace {

constexpr int B = kBlockReplications;

Distribution dist(DistributionKind kind, double mean, double sd) { return {kind, mean, sd, {}, {}}; }

std::vector<double> block(const Sampler& s, std::uint64_t seed, std::uint32_t period, std::uint32_t stream) {
  std::vector<double> out(B);
  s.draw_block(rng::key_from_seed(seed), period, 0, stream, out.data());
  return out;
}

TEST(SimSampler, ConstantDrawsItsValueAndRoundsLeadTimes) {
  const Sampler demand = Sampler::make(dist(DistributionKind::constant, 7.25, 0.0), false);
  for (double x : block(demand, 1, 0, 0)) EXPECT_EQ(x, 7.25);
  const Sampler lead = Sampler::make(dist(DistributionKind::constant, 3.0, 0.0), true);
  EXPECT_EQ(lead.lead_cap, 3);
  double shipped[B];
  int leads[B];
  for (int r = 0; r < B; ++r) shipped[r] = r % 2 == 0 ? 1.0 : 0.0;
  lead.draw_leads(rng::key_from_seed(1), 0, 0, 0, shipped, leads);
  for (int r = 0; r < B; ++r) EXPECT_EQ(leads[r], r % 2 == 0 ? 3 : 1) << r;  // lanes not shipping get 1
}

// A normal or gamma with sd = 0 is the constant; gamma(mean 4, sd 2) has shape (4/2)^2 = 4 and
// scale 2^2/4 = 1 (mean = shape * scale, variance = shape * scale^2 = 4).
TEST(SimSampler, PreparesGammaParametersAndDegenerateKinds) {
  EXPECT_TRUE(Sampler::make(dist(DistributionKind::normal, 5.0, 0.0), false).is_constant());
  EXPECT_TRUE(Sampler::make(dist(DistributionKind::gamma, 5.0, 0.0), false).is_constant());
  const Sampler g = Sampler::make(dist(DistributionKind::gamma, 4.0, 2.0), false);
  EXPECT_EQ(g.kind, DistributionKind::gamma);
  EXPECT_DOUBLE_EQ(g.shape, 4.0);
  EXPECT_DOUBLE_EQ(g.scale, 1.0);
}

// Poisson(2): P(X <= 0) = e^-2 = 0.1353352832, P(X <= 1) = 3 e^-2 = 0.4060058497,
// P(X <= 2) = 5 e^-2 = 0.6766764162; the table runs to k = ceil(2 + 12 sqrt 2 + 12) = 31.
// Poisson(0) is all mass at 0.
TEST(SimSampler, PoissonTableHoldsTheCumulativeProbabilities) {
  const Sampler p = Sampler::make(dist(DistributionKind::poisson, 2.0, 0.0), false);
  ASSERT_EQ(p.cdf.size(), 32u);
  EXPECT_NEAR(p.cdf[0], 0.1353352832366127, 1e-12);
  EXPECT_NEAR(p.cdf[1], 0.4060058497098381, 1e-12);
  EXPECT_NEAR(p.cdf[2], 0.6766764161830635, 1e-12);
  EXPECT_EQ(p.cdf.back(), 1.0);
  EXPECT_EQ(p.values[5], 5.0);
  const Sampler zero = Sampler::make(dist(DistributionKind::poisson, 0.0, 0.0), false);
  for (std::uint32_t t = 0; t < 10; ++t)
    for (double x : block(zero, 3, t, 0)) EXPECT_EQ(x, 0.0);
}

// Discrete {1: 0.25, 3: 0.75}: cumulative table 0.25, 1; over 16,000 draws the share of 1s is
// 0.25 with standard deviation sqrt(0.25 * 0.75 / 16000) = 0.0034, so within 0.02 (almost 6 sd).
TEST(SimSampler, DiscreteDrawsOnlyItsValuesAtTheirProbabilities) {
  Distribution d = dist(DistributionKind::discrete, 0.0, 0.0);
  d.values = {1.0, 3.0};
  d.probabilities = {0.25, 0.75};
  const Sampler s = Sampler::make(d, false);
  ASSERT_EQ(s.cdf.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cdf[0], 0.25);
  EXPECT_EQ(s.cdf[1], 1.0);
  int ones = 0, total = 0;
  for (std::uint32_t t = 0; t < 1000; ++t) {
    for (double x : block(s, 11, t, 2)) {
      EXPECT_TRUE(x == 1.0 || x == 3.0) << x;
      ones += x == 1.0 ? 1 : 0;
      ++total;
    }
  }
  EXPECT_NEAR(static_cast<double>(ones) / total, 0.25, 0.02);
}

// The same (seed, period, replication, stream) gives the same value, whichever way it is drawn;
// another seed, period or stream gives other values.
TEST(SimSampler, DrawsAreReproducibleForASeed) {
  for (DistributionKind kind : {DistributionKind::normal, DistributionKind::gamma, DistributionKind::poisson}) {
    const Sampler s = Sampler::make(dist(kind, 20.0, 5.0), false);
    const std::vector<double> first = block(s, 42, 6, 1);
    EXPECT_EQ(block(s, 42, 6, 1), first);
    EXPECT_NE(block(s, 43, 6, 1), first);
    EXPECT_NE(block(s, 42, 7, 1), first);
    EXPECT_NE(block(s, 42, 6, 2), first);
    // A pair of periods drawn at once: for kinds other than normal it is the two periods' draws.
    if (kind != DistributionKind::normal) {
      std::vector<double> even(B), odd(B);
      s.draw_block_pair(rng::key_from_seed(42), 6, 0, 1, even.data(), odd.data());
      EXPECT_EQ(even, first);
      EXPECT_EQ(odd, block(s, 42, 7, 1));
    }
  }
}

// Normal demand is censored at zero: with mean 0 every draw is max(0, sd Z), so about half are
// exactly 0 and none is negative. The pair's two periods are different draws.
TEST(SimSampler, NormalDemandIsCensoredAtZero) {
  const Sampler s = Sampler::make(dist(DistributionKind::normal, 0.0, 1.0), false);
  int zeros = 0, total = 0;
  for (std::uint32_t t = 0; t < 200; t += 2) {
    std::vector<double> even(B), odd(B);
    s.draw_block_pair(rng::key_from_seed(5), t, 0, 0, even.data(), odd.data());
    EXPECT_NE(even, odd);
    for (const auto* v : {&even, &odd}) {
      for (double x : *v) {
        EXPECT_GE(x, 0.0);
        zeros += x == 0.0 ? 1 : 0;
        ++total;
      }
    }
  }
  // 3,200 draws; the share of zeros has sd sqrt(0.25 / 3200) = 0.0088.
  EXPECT_NEAR(static_cast<double>(zeros) / total, 0.5, 0.05);
}

// Lead times round to the nearest period within [1, lead_cap]; normal(4, 1) has cap
// round(4 + 8) = 12. The block of lead times equals one draw_lead per replication.
TEST(SimSampler, LeadTimesRoundWithinOneAndTheCap) {
  const Sampler s = Sampler::make(dist(DistributionKind::normal, 4.0, 1.0), true);
  EXPECT_EQ(s.lead_cap, 12);
  EXPECT_EQ(s.round_lead(-3.0), 1);
  EXPECT_EQ(s.round_lead(0.2), 1);
  EXPECT_EQ(s.round_lead(1.49), 1);
  EXPECT_EQ(s.round_lead(1.5), 2);
  EXPECT_EQ(s.round_lead(2.5), 3);
  EXPECT_EQ(s.round_lead(12.4), 12);
  EXPECT_EQ(s.round_lead(40.0), 12);
  EXPECT_EQ(s.round_lead(std::numeric_limits<double>::quiet_NaN()), 1);
  double shipped[B];
  for (int r = 0; r < B; ++r) shipped[r] = 1.0;
  int leads[B];
  const rng::Key key = rng::key_from_seed(9);
  for (std::uint32_t t = 0; t < 50; ++t) {
    s.draw_leads(key, t, 32, 4, shipped, leads);
    for (int r = 0; r < B; ++r) {
      EXPECT_EQ(leads[r], s.draw_lead(key, t, 32 + static_cast<std::uint32_t>(r), 4)) << t << " " << r;
      EXPECT_GE(leads[r], 1);
      EXPECT_LE(leads[r], 12);
    }
  }
}

}  // namespace
}  // namespace echelon::sim
