#include "core/sim/policy_sim.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <utility>

namespace echelon {
namespace {

// The counter-based generator: addressed draws are reproducible, and 100,000 uniforms have mean
// 1/2 within 4 standard errors (sd of U(0,1) = 1/sqrt(12)).
TEST(PolicySim, GeneratorIsAddressedAndUniform) {
  EXPECT_EQ(sim_uniform(7, 1, 2, 0, 3), sim_uniform(7, 1, 2, 0, 3));
  EXPECT_NE(sim_uniform(7, 1, 2, 0, 3), sim_uniform(7, 1, 2, 0, 4));
  const int n = 100000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = sim_uniform(99, 0, static_cast<std::uint64_t>(i), 0, 0);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 4.0 / std::sqrt(12.0 * n));
}

// The same seed gives the same result; deterministic demand gives the hand-computed state:
// 10 per period, L = 1, S = 25 -> every period ends with 25 - 20 = 5 on hand, no shortage.
TEST(PolicySim, DeterministicCaseByHand) {
  PolicySimInput in;
  in.demand = {DemandKind::normal, 10.0, 0.0, {}};
  in.lead_time = {1.0, 0.0, {}};
  in.level = 25.0;
  in.periods = 1000;
  in.replications = 3;
  auto r = simulate_policy(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_DOUBLE_EQ(r->on_hand_units.mean, 5.0);
  EXPECT_DOUBLE_EQ(r->fill_rate.mean, 1.0);
  EXPECT_DOUBLE_EQ(r->cycle_service_level.mean, 1.0);
  EXPECT_DOUBLE_EQ(r->orders_per_period.mean, 1.0);
}

// Poisson(1) demand, lead time 0, review 1, base stock S = 1: every period starts with exactly
// one unit (last period's order has arrived), so units short are (D - 1)+ and
//   fill rate  = 1 - E[(D - 1)+] / E[D] = 1 - (E[D] - 1 + P(D = 0)) / 1 = 1 - e^-1 = 0.63212,
//   ready rate = P(D <= 1) = 2 e^-1 = 0.73576.
// Run as replications 0-1, 2-4 and 5-9 and appended, the tally gives the one-call result bit
// for bit (each replication's draws are addressed, not sequenced), and both agree with the above.
PolicySimInput poisson_base_stock() {
  PolicySimInput in;
  in.demand = {DemandKind::poisson, 1.0, 1.0, {}};
  in.lead_time = {0.0, 0.0, {}};
  in.level = 1.0;
  in.periods = 4000;
  in.replications = 10;
  in.seed = 2026;
  return in;
}

void expect_identical(const SimEstimate& a, const SimEstimate& b) {
  EXPECT_EQ(std::memcmp(&a.mean, &b.mean, sizeof(double)), 0) << a.mean << " vs " << b.mean;
  EXPECT_EQ(std::memcmp(&a.standard_error, &b.standard_error, sizeof(double)), 0)
      << a.standard_error << " vs " << b.standard_error;
}

TEST(PolicySim, ReplicationsRunInPiecesGiveTheOneCallResultExactly) {
  const PolicySimInput in = poisson_base_stock();
  auto whole = simulate_policy(in);
  ASSERT_TRUE(whole.ok()) << describe(whole.problems());
  PolicySimTally tally;
  for (const auto& [first, count] : {std::pair{0, 2}, std::pair{2, 3}, std::pair{5, 50}}) {
    auto piece = simulate_policy_replications(in, first, count);
    ASSERT_TRUE(piece.ok()) << describe(piece.problems());
    EXPECT_EQ(piece->first_replication, first);
    ASSERT_TRUE(append_tally(tally, *piece));
  }
  ASSERT_EQ(tally.replications(), 10);  // the last range is clipped to the run's 10
  const PolicySimResult pieces = estimate_policy(tally);
  expect_identical(pieces.fill_rate, whole->fill_rate);
  expect_identical(pieces.ready_rate, whole->ready_rate);
  expect_identical(pieces.cycle_service_level, whole->cycle_service_level);
  expect_identical(pieces.backorders_units, whole->backorders_units);
  expect_identical(pieces.on_hand_units, whole->on_hand_units);
  expect_identical(pieces.orders_per_period, whole->orders_per_period);
  EXPECT_GT(whole->fill_rate.standard_error, 0.0);
  EXPECT_NEAR(whole->fill_rate.mean, 1.0 - std::exp(-1.0), 4.0 * whole->fill_rate.standard_error);
  EXPECT_NEAR(whole->ready_rate.mean, 2.0 * std::exp(-1.0), 4.0 * whole->ready_rate.standard_error);
}

TEST(PolicySim, TalliesAppendOnlyInReplicationOrder) {
  const PolicySimInput in = poisson_base_stock();
  auto first = simulate_policy_replications(in, 0, 2);
  auto skipped = simulate_policy_replications(in, 3, 2);
  ASSERT_TRUE(first.ok() && skipped.ok());
  PolicySimTally tally = *first;
  EXPECT_FALSE(append_tally(tally, *skipped));
  EXPECT_EQ(tally.replications(), 2);
  auto outside = simulate_policy_replications(in, 10, 1);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.problems()[0].path, "replications");
  EXPECT_FALSE(simulate_policy_replications(in, 0, 0).ok());
}

TEST(PolicySim, RejectsWhatItCannotSimulate) {
  PolicySimInput in;
  in.demand = {DemandKind::normal, 10.0, 2.0, {}};
  in.lead_time = {1.5, 0.3, {}};
  in.review_period_periods = 0;
  in.replications = 1;
  auto r = simulate_policy(in);
  ASSERT_FALSE(r.ok());
  EXPECT_GE(r.problems().size(), 3u);
}

}  // namespace
}  // namespace echelon
