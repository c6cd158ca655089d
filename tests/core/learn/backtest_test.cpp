#include "core/learn/backtest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <vector>

#include "core/stats/stats.h"

namespace echelon::learn {
namespace {

// By hand, S = 6 every period, L = 1, test demand 3, 5, 0, 4:
//   t0: on hand 6, no order, demand 3 filled            -> on hand 3
//   t1: position 3, order 3 (due t2); demand 5: 3 filled -> on hand 0, 2 backordered
//   t2: receive 3, clear the 2 backorders -> on hand 1; order 5 (due t3); no demand -> 1
//   t3: receive 5 -> on hand 6; demand 4 filled          -> on hand 2
// Fill rate 10 / 12; mean on hand (3 + 0 + 1 + 2) / 4.
TEST(Backtest, SimulationByHand) {
  const std::vector<double> demand{9, 9, 3, 5, 0, 4};
  const std::vector<double> s(4, 6.0);
  const SimulatedService r = simulate_base_stock(demand, 2, s, 1);
  EXPECT_DOUBLE_EQ(r.demand, 12.0);
  EXPECT_DOUBLE_EQ(r.filled_from_stock, 10.0);
  EXPECT_DOUBLE_EQ(r.fill_rate, 10.0 / 12.0);
  EXPECT_DOUBLE_EQ(r.average_on_hand, 1.5);
}

// With no lead time the order arrives before demand: S = 4 meets every demand up to 4.
TEST(Backtest, ZeroLeadTimeRefillsAtOnce) {
  const std::vector<double> demand{4, 2, 4, 6};
  const std::vector<double> s(4, 4.0);
  const SimulatedService r = simulate_base_stock(demand, 0, s, 0);
  EXPECT_DOUBLE_EQ(r.filled_from_stock, 14.0);  // 4 + 2 + 4 + 4
  EXPECT_DOUBLE_EQ(r.average_on_hand, (0.0 + 2.0 + 0.0 + 0.0) / 4.0);
}

// The static method's level is the fill-rate level of N(H m, H s^2) from the training periods.
TEST(Backtest, StaticLevelFromTrainingMoments) {
  const std::vector<double> demand{8, 12, 8, 12, 10, 10, 10};  // training m = 10, s = sqrt(16/3)
  BacktestOptions o;
  o.training_periods = 4;
  o.lead_time_periods = 1;
  o.learning.min_periods = 8;
  auto r = backtest_series(demand, o);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  // New shortages per period G_2(S) - G_1(S) = 5% of 10, X_2 ~ N(20, 2 s^2), X_1 ~ N(10, s^2).
  const double sd = std::sqrt(16.0 / 3.0);
  const double level = r->static_method.order_up_to[0];
  EXPECT_NEAR(stats::normal_loss(level, 20.0, sd * std::sqrt(2.0)) - stats::normal_loss(level, 10.0, sd), 0.5, 1e-9);
  EXPECT_EQ(r->test_periods, 3);
}

// Generated demand that steps up from 10 to 20 after training: the fixed textbook buffer falls
// far short of its target while the learned one follows the new level.
TEST(Backtest, LearnedBufferFollowsAShiftTheStaticOneMisses) {
  std::mt19937_64 gen(41);
  std::poisson_distribution<int> low(10.0), high(20.0);
  std::vector<double> demand(96);
  for (int t = 0; t < 96; ++t) demand[static_cast<std::size_t>(t)] = t < 56 ? low(gen) : high(gen);
  BacktestOptions o;
  o.training_periods = 48;
  auto r = backtest_series(demand, o);
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r->static_method.service.fill_rate, 0.85);
  EXPECT_GT(r->learned.service.fill_rate, 0.85);
  EXPECT_GT(r->learned.service.fill_rate, r->static_method.service.fill_rate + 0.1);
}

// Level smoothing: S_t = S_{t-1} + w (S*_t - S_{t-1}) with S*_t the level learned at t. Checked
// against the unsmoothed run's levels with w = 1/2, period by period.
TEST(Backtest, LevelSmoothingFollowsTheRecursion) {
  std::mt19937_64 gen(7);
  std::poisson_distribution<int> low(5.0), high(15.0);
  std::vector<double> demand(40);
  for (int t = 0; t < 40; ++t) demand[static_cast<std::size_t>(t)] = t < 28 ? low(gen) : high(gen);
  BacktestOptions o;
  o.training_periods = 24;
  auto raw = backtest_series(demand, o);
  o.level_smoothing = 0.5;
  auto smooth = backtest_series(demand, o);
  ASSERT_TRUE(raw.ok() && smooth.ok());
  const std::vector<double>& r = raw->learned.order_up_to;
  const std::vector<double>& s = smooth->learned.order_up_to;
  ASSERT_EQ(r.size(), s.size());
  EXPECT_DOUBLE_EQ(s[0], r[0]);
  double expected = r[0];
  for (std::size_t i = 1; i < r.size(); ++i) {
    expected += 0.5 * (r[i] - expected);
    EXPECT_NEAR(s[i], expected, 1e-12) << i;
  }
  EXPECT_EQ(smooth->static_method.order_up_to, raw->static_method.order_up_to);  // (a) untouched
  o.level_smoothing = 0.0;
  EXPECT_EQ(backtest_series(demand, o).problems()[0].path, "level_smoothing");
}

// A plan cycle longer than the test holds the first level throughout; with re-planning on a
// change, the level is re-learned at the periods where the change test moves the start of the
// data used (each such level is the one learned on the periods before it) and held in between.
TEST(Backtest, ReplanningOnAChangeFollowsAShiftBetweenScheduledPlans) {
  std::vector<double> demand;
  for (int t = 0; t < 48; ++t) demand.push_back(t % 2 == 0 ? 18.0 : 22.0);
  for (int t = 0; t < 30; ++t) demand.push_back(t % 2 == 0 ? 38.0 : 42.0);
  BacktestOptions o;
  o.training_periods = 44;
  o.relearn_every_periods = 100;
  auto held = backtest_series(demand, o);
  ASSERT_TRUE(held.ok()) << describe(held.problems());
  for (double level : held->learned.order_up_to) EXPECT_DOUBLE_EQ(level, held->learned.order_up_to[0]);
  o.relearn_on_change = true;
  auto replanned = backtest_series(demand, o);
  ASSERT_TRUE(replanned.ok()) << describe(replanned.problems());
  const std::vector<double>& s = replanned->learned.order_up_to;
  EXPECT_DOUBLE_EQ(s[0], held->learned.order_up_to[0]);
  DemandLearningOptions learning = o.learning;
  learning.lead_time_periods = o.lead_time_periods;
  learning.target = o.target_fill_rate;
  int replans = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == s[i - 1]) continue;
    ++replans;
    auto at = learn_demand(std::span<const double>(demand).first(44 + i), learning);
    ASSERT_TRUE(at.ok());
    EXPECT_TRUE(at->change.has_value()) << i;
    EXPECT_DOUBLE_EQ(s[i], at->buffer.order_up_to) << i;
  }
  EXPECT_GT(replans, 0);
  EXPECT_GT(s.back(), 1.5 * s[0]);  // the level followed demand from about 20 to about 40
  EXPECT_GT(replanned->learned.service.fill_rate, held->learned.service.fill_rate + 0.1);
}

// Single units every second period in training, then two in every ten: a slow mover in decline
// (first level 3, at rate 1/2) whose rate over the last 12 periods moves between 2/12 and 4/12
// (levels 2 and 3) as the pairs enter and leave the window.
std::vector<double> declining_slow_mover() {
  std::vector<double> demand;
  for (int i = 0; i < 12; ++i) demand.insert(demand.end(), {1.0, 0.0});
  for (int i = 0; i < 3; ++i) demand.insert(demand.end(), {0, 0, 0, 0, 0, 0, 0, 0, 1.0, 1.0});
  return demand;
}

// Without a signal from the count CUSUM nothing may raise a slow mover's level: every level is
// the smaller of the first plan's and the one learned that period, so the level follows the
// decline down, does not follow the rises a single unit entering the rate's window makes, and the
// stock held is never more than re-learning every period holds (a lower level in every period).
TEST(Backtest, FallsFollowLowersASlowMoversLevelAtOnceAndNeverRaisesItWithoutASignal) {
  const std::vector<double> demand = declining_slow_mover();
  BacktestOptions o;
  o.training_periods = 24;
  o.learning.detect_changes = false;
  o.rise_in_control_arl = 1e12;  // no signal
  o.learning.intermittent_sizing = IntermittentSizing::recent_rate;
  o.level_update = LevelUpdate::falls_follow;
  auto r = backtest_series(demand, o);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  DemandLearningOptions learning = o.learning;
  learning.lead_time_periods = o.lead_time_periods;
  learning.target = o.target_fill_rate;
  const std::vector<double>& s = r->learned.order_up_to;
  ASSERT_EQ(s.size(), 30u);
  auto first = learn_demand(std::span<const double>(demand).first(24), learning);
  ASSERT_TRUE(first.ok());
  EXPECT_DOUBLE_EQ(s[0], first->buffer.order_up_to);
  bool rose_when_learned_alone = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto at = learn_demand(std::span<const double>(demand).first(24 + i), learning);
    ASSERT_TRUE(at.ok());
    EXPECT_DOUBLE_EQ(s[i], std::min(s[0], at->buffer.order_up_to)) << i;
    if (i > 0 && at->buffer.order_up_to > s[i - 1]) rose_when_learned_alone = true;
  }
  EXPECT_LT(*std::min_element(s.begin(), s.end()), s[0]);  // it followed the decline
  o.level_update = LevelUpdate::every_period;
  auto every = backtest_series(demand, o);
  ASSERT_TRUE(every.ok());
  EXPECT_LE(r->learned.service.average_on_hand, every->learned.service.average_on_hand + 1e-12);
  EXPECT_TRUE(rose_when_learned_alone);  // the demand tested what the cap is for
}

// Single units in one period of ten, then in two of every three: against the plan's rate of
// 2/12 (two units in the last 12 training periods; k = (1/6) / ln 2 = 0.2404, h = 4.527 for an
// in-control run length of 370) the count CUSUM climbs by 0.76 on a unit and falls by 0.24
// without one: 0.76, 1.52, 1.28, 2.04, 2.80, 2.56, 3.32, 4.08, 3.84, 4.60 >= h after the tenth
// test period, so the level rises from the eleventh on; with an in-control run length too long
// to ever signal it stays at the first.
TEST(Backtest, FallsFollowRaisesASlowMoversLevelOnASignalledRise) {
  std::vector<double> demand;
  for (int i = 0; i < 3; ++i) demand.insert(demand.end(), {0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0});
  for (int i = 0; i < 10; ++i) demand.insert(demand.end(), {1.0, 1.0, 0.0});
  BacktestOptions o;
  o.training_periods = 30;
  o.learning.intermittent_sizing = IntermittentSizing::recent_rate;
  o.level_update = LevelUpdate::falls_follow;
  auto r = backtest_series(demand, o);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const std::vector<double>& s = r->learned.order_up_to;
  for (std::size_t i = 0; i < 10; ++i) EXPECT_LE(s[i], s[0]) << i;
  EXPECT_GT(s[10], s[0]);
  o.rise_in_control_arl = 1e12;
  auto blind = backtest_series(demand, o);
  ASSERT_TRUE(blind.ok());
  for (double level : blind->learned.order_up_to) EXPECT_LE(level, blind->learned.order_up_to[0]);
  EXPECT_GT(s.back(), blind->learned.order_up_to.back());
}

TEST(Backtest, Problems) {
  BacktestOptions o;
  o.training_periods = 4;
  EXPECT_EQ(backtest_series(std::vector<double>{1, 2, 3}, o).problems()[0].path, "demand");
  o.rise_ratio = 1.0;
  EXPECT_EQ(backtest_series(std::vector<double>{1, 2, 3, 4, 5}, o).problems()[0].path, "rise_ratio");
  o.rise_ratio = 2.0;
  o.target_fill_rate = 1.0;
  EXPECT_EQ(backtest_series(std::vector<double>{1, 2, 3, 4, 5}, o).problems()[0].path, "target_fill_rate");
}

}  // namespace
}  // namespace echelon::learn
