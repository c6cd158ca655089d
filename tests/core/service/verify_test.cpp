#include "core/service/verify.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace echelon::service {
namespace {

ServiceItem poisson_item(const char* id, double mean, double lead_time) {
  ServiceItem it;
  it.id = id;
  it.unit_cost = 1.0;
  it.demand.demand.kind = DemandKind::poisson;
  it.demand.demand.mean_units_per_period = mean;
  it.demand.lead_time.mean_periods = lead_time;
  it.demand.review_period_periods = 1;
  return it;
}

// Aggregation by hand: weights 3 and 1 (mean demand), simulated 0.9 ± 0.01 and 0.8 ± 0.02:
//   F = (3·0.9 + 1·0.8) / 4 = 0.875,  se = sqrt((0.75·0.01)² + (0.25·0.02)²) = sqrt(8.125e-5).
// Promised 0.88 and 0.85 aggregate to 0.8725: inside the interval, so met and consistent.
TEST(Verify, AggregationByHand) {
  std::vector<ServiceItem> items{poisson_item("a", 3.0, 1.0), poisson_item("b", 1.0, 1.0)};
  std::vector<ItemVerification> v(2);
  v[0].simulated = v[1].simulated = true;
  v[0].promised_fill_rate = 0.88;
  v[1].promised_fill_rate = 0.85;
  v[0].simulated_fill_rate = {0.9, 0.01};
  v[1].simulated_fill_rate = {0.8, 0.02};
  const Verification s = summarise_verification(items, v, FillRateWeighting::demand);
  EXPECT_NEAR(s.simulated_fill_rate, 0.875, 1e-12);
  EXPECT_NEAR(s.promised_fill_rate, 0.8725, 1e-12);
  EXPECT_NEAR(s.standard_error, std::sqrt(8.125e-5), 1e-12);
  EXPECT_NEAR(s.half_width_95, 1.96 * std::sqrt(8.125e-5), 1e-12);
  EXPECT_TRUE(s.met);
  EXPECT_TRUE(s.consistent);
  // A promise far above what was simulated is not met.
  v[0].promised_fill_rate = 0.99;
  v[1].promised_fill_rate = 0.99;
  EXPECT_FALSE(summarise_verification(items, v, FillRateWeighting::demand).met);
}

// Poisson demand, lead time 1, review 1, at the analytic level for a 0.95 fill rate: the
// simulated fill rate covers the analytic one (whole units, no approximation on either side).
TEST(Verify, SimulationAgreesWithTheAnalyticFillRate) {
  const std::vector<ServiceItem> items{poisson_item("a", 4.0, 1.0), poisson_item("b", 0.5, 2.0)};
  std::vector<ItemVerification> v;
  VerifyOptions o;
  o.periods = 20000;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto d = protection_demands(items[i].demand);
    ASSERT_TRUE(d.ok());
    auto level = solve_level(*d, position_of(items[i]), KpiMeasure::fill_rate, 0.95);
    ASSERT_TRUE(level.ok());
    const double promised = fill_rate_at_level(items[i], *d, *level);
    v.push_back(verify_item(items[i], *level, promised, o, i));
    ASSERT_TRUE(v.back().simulated) << v.back().skipped_reason;
  }
  const Verification s = summarise_verification(items, v, FillRateWeighting::demand);
  EXPECT_GT(s.standard_error, 0.0);
  EXPECT_TRUE(s.met);
  EXPECT_TRUE(s.consistent) << s.promised_fill_rate << " vs " << s.simulated_fill_rate << " ± " << s.half_width_95;
  // Same seed, same answer.
  const ItemVerification again = verify_item(items[0], v[0].level, v[0].promised_fill_rate, o, 0);
  EXPECT_DOUBLE_EQ(again.simulated_fill_rate.mean, v[0].simulated_fill_rate.mean);
}

// An item checked two replications at a time (a frame's worth each) gives verify_item()'s result
// bit for bit.
TEST(Verify, ReplicationSlicesGiveTheOneCallResultExactly) {
  ServiceItem it = poisson_item("a", 4.0, 2.0);
  it.demand.demand.kind = DemandKind::negative_binomial;
  it.demand.demand.sd_units_per_period = 3.0;
  VerifyOptions o;
  o.replications = 7;
  const ItemVerification whole = verify_item(it, 14.0, 0.9, o, 3);
  ASSERT_TRUE(whole.simulated) << whole.skipped_reason;
  ItemVerifier sliced(it, 14.0, 0.9, o, 3);
  int steps = 0;
  while (!sliced.step(2)) {
    ++steps;
    EXPECT_EQ(sliced.replications_done(), 2 * steps);
    EXPECT_FALSE(sliced.result().simulated);
  }
  EXPECT_EQ(steps, 3);  // 2 + 2 + 2, then the seventh
  ASSERT_TRUE(sliced.result().simulated);
  const SimEstimate& a = sliced.result().simulated_fill_rate;
  EXPECT_EQ(std::memcmp(&a.mean, &whole.simulated_fill_rate.mean, sizeof(double)), 0);
  EXPECT_EQ(std::memcmp(&a.standard_error, &whole.simulated_fill_rate.standard_error, sizeof(double)), 0);
  EXPECT_EQ(verify_work_units(o), 7 * verify_replication_work_units(o));
  EXPECT_EQ(verify_replication_work_units(o), 4);  // 4,200 periods a replication
}

TEST(Verify, ContinuousReviewIsSkippedWithAReason) {
  ServiceItem it = poisson_item("c", 2.0, 1.0);
  it.demand.review_period_periods = 0;
  it.lot_size_units = 5;
  const ItemVerification v = verify_item(it, 3.0, 0.9, {}, 0);
  EXPECT_FALSE(v.simulated);
  EXPECT_NE(v.skipped_reason.find("review_period_periods"), std::string::npos);
  ItemVerifier sliced(it, 3.0, 0.9, {}, 0);
  EXPECT_TRUE(sliced.done());
  EXPECT_EQ(sliced.result().skipped_reason, v.skipped_reason);
}

}  // namespace
}  // namespace echelon::service
