#include "core/learn/replay.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace echelon::learn {
namespace {

double mean_order_up_to(const Replay& r, int from, int to) {
  double sum = 0.0;
  int n = 0;
  for (const ReplayPeriod& p : r.periods) {
    if (p.period >= from && p.period < to) sum += p.order_up_to, ++n;
  }
  return sum / n;
}

// The mean demand over the protection interval: order-up-to level minus safety stock.
double mean_cover(const Replay& r, int from, int to) {
  double sum = 0.0;
  int n = 0;
  for (const ReplayPeriod& p : r.periods) {
    if (p.period >= from && p.period < to) sum += p.order_up_to - p.safety_stock, ++n;
  }
  return sum / n;
}

// Demand steps from 20 to 40 at period 60: the replay detects it within a few periods (the lag)
// and the buffer's order-up-to level doubles with the demand.
TEST(Replay, BuffersFollowADemandShock) {
  std::mt19937_64 gen(31);
  std::normal_distribution<double> n(0.0, 3.0);
  std::vector<double> y(100);
  for (int t = 0; t < 100; ++t) y[static_cast<std::size_t>(t)] = std::round(std::max(0.0, (t < 60 ? 20.0 : 40.0) + n(gen)));
  auto r = replay_buffers(y);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->periods.front().period, 12);  // after min_periods observed
  ASSERT_FALSE(r->demand_changes.empty());
  int first_after = -1;
  for (int c : r->demand_changes) {
    if (c > 60) {
      first_after = c;
      break;
    }
  }
  ASSERT_GT(first_after, 60);
  EXPECT_LE(first_after - 60, 10);  // the lag
  EXPECT_NEAR(mean_order_up_to(*r, 85, 100) / mean_order_up_to(*r, 40, 60), 2.0, 0.3);
}

// Lead time steps from 2 to 5 periods at period 50 under steady demand of 10: the order-up-to
// level follows once the new lead times are learned.
TEST(Replay, BuffersFollowALeadTimeShock) {
  std::vector<double> y(90), lead(90);
  for (int t = 0; t < 90; ++t) {
    y[static_cast<std::size_t>(t)] = 10.0 + (t % 3) - 1.0;
    lead[static_cast<std::size_t>(t)] = t < 50 ? 2.0 + (t % 2) * 0.5 : 5.0 + (t % 2) * 0.5;
  }
  ReplayOptions o;
  o.lead_time_observed = lead;
  o.learning.detect_changes = false;
  auto r = replay_buffers(y, o);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->lead_time_changes.empty());
  EXPECT_LE(r->lead_time_changes.front() - 50, 8);
  // The expected demand over the protection interval rises by (5.25 - 2.25) * 10 = 30; the
  // safety stock rises too (a longer interval, a more variable lead time).
  EXPECT_NEAR(mean_cover(*r, 75, 90) - mean_cover(*r, 30, 50), 30.0, 1.5);
  EXPECT_GT(mean_order_up_to(*r, 75, 90) - mean_order_up_to(*r, 30, 50), 30.0);
  EXPECT_NEAR(r->periods.back().lead_time_mean, 5.25, 1e-9);
}

TEST(Replay, Problems) {
  ReplayOptions o;
  o.lead_time_observed = {1.0};
  EXPECT_EQ(replay_buffers(std::vector<double>{1, 2}, o).problems()[0].path, "lead_time_observed");
}

}  // namespace
}  // namespace echelon::learn
