#include "core/risk/signals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/risk/generated_series.h"

namespace echelon::risk {
namespace {

SignalOptions halves(int window) {
  SignalOptions o;
  o.tsb_initial_periods = 6;  // p_0 = 2/6, as in the learn test
  o.recent_window_periods = window;
  o.tsb_probability_weight = 0.5;
  o.tsb_size_weight = 0.5;
  return o;
}

// The series of tests/core/learn/intermittent_test.cpp, whose TSB path is derived there by
// hand (beta = alpha = 0.5): p ends at 55/192, z at 4, and the forecast for period 5 (index 4)
// is 0.4375. With a window of 2: recent {5, 0}, earlier {0, 3, 0, 0}.
TEST(Signals, ByHand) {
  const std::vector<double> d{0, 3, 0, 0, 5, 0};
  auto r = compute_signals(d, halves(2));
  ASSERT_TRUE(r.ok());
  const ItemSignals& s = *r;
  EXPECT_EQ(s.observed_periods, 6);
  EXPECT_EQ(s.demand_periods, 2);
  EXPECT_DOUBLE_EQ(s.total_demand, 8.0);
  EXPECT_NEAR(s.tsb_probability, 55.0 / 192.0, 1e-15);
  EXPECT_NEAR(s.tsb_forecast_per_period, 55.0 / 48.0, 1e-15);
  EXPECT_NEAR(s.tsb_probability_decay, (55.0 / 192.0) / (2.0 / 6.0), 1e-15);
  EXPECT_EQ(s.recent_periods, 2);
  EXPECT_EQ(s.recent_demand_periods, 1);
  EXPECT_EQ(s.earlier_periods, 4);
  EXPECT_EQ(s.earlier_demand_periods, 1);
  EXPECT_DOUBLE_EQ(s.recent_rate_per_period, 2.5);
  EXPECT_DOUBLE_EQ(s.earlier_rate_per_period, 0.75);
  EXPECT_DOUBLE_EQ(s.rate_ratio, 2.5 / 0.75);
  // P(X <= 1) = 1 - P(X = 2) = 1 - C(2,2) C(4,0) / C(6,2) = 14/15.
  EXPECT_NEAR(s.rate_drop_p_value, 14.0 / 15.0, 1e-13);
  EXPECT_EQ(s.periods_since_demand, 1);
  EXPECT_DOUBLE_EQ(s.usual_gap_periods, 2.5);
  EXPECT_EQ(s.longest_gap_periods, 3);
  EXPECT_DOUBLE_EQ(s.age_over_usual_gap, 0.4);
  EXPECT_NEAR(s.silence_probability, 1.0 - 2.0 / 6.0, 1e-15);  // q = 2 / (5 + 1)
  EXPECT_NEAR(s.forecast_trend, (55.0 / 48.0) / 0.4375 - 1.0, 1e-14);
}

TEST(Signals, MissingPeriodsAreSkipped) {
  const double nan = std::nan("");
  const std::vector<double> plain{0, 3, 0, 0, 5, 0};
  const std::vector<double> gaps{nan, 0, 3, nan, 0, 0, 5, nan, 0};
  auto a = compute_signals(plain, halves(2));
  auto b = compute_signals(gaps, halves(2));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->observed_periods, 6);
  EXPECT_DOUBLE_EQ(a->tsb_probability, b->tsb_probability);
  EXPECT_DOUBLE_EQ(a->rate_drop_p_value, b->rate_drop_p_value);
  EXPECT_EQ(a->periods_since_demand, b->periods_since_demand);
  EXPECT_DOUBLE_EQ(a->forecast_trend, b->forecast_trend);
}

TEST(Signals, NoDemandAtAll) {
  const std::vector<double> d(10, 0.0);
  auto r = compute_signals(d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->periods_since_demand, 10);
  EXPECT_EQ(r->usual_gap_periods, 0.0);
  EXPECT_EQ(r->age_over_usual_gap, 0.0);
  EXPECT_EQ(r->rate_drop_p_value, 1.0);
  EXPECT_EQ(r->tsb_probability, 0.0);
  EXPECT_EQ(r->forecast_trend, 0.0);
}

TEST(Signals, BadInputIsNamed) {
  SignalOptions o;
  o.recent_window_periods = 0;
  o.tsb_probability_weight = 1.5;
  const std::vector<double> d{1, -1};
  auto r = compute_signals(d, o);
  ASSERT_FALSE(r.ok());
  bool window = false, weight = false, period = false;
  for (const auto& p : r.problems()) {
    window |= p.path == "recent_window_periods";
    weight |= p.path == "tsb_probability_weight";
    period |= p.path == "period 2";
  }
  EXPECT_TRUE(window && weight && period);
}

// After the last demand TSB's p only decays: k quiet periods multiply it by (1 - beta)^k exactly.
TEST(Signals, TsbProbabilityDecaysGeometricallyAfterDeath) {
  DyingItemSpec spec;
  spec.periods = 80;
  spec.demand_probability = 0.6;
  spec.fade_start = 40;
  spec.item = 3;
  const auto d = generate_dying_series(spec, 7);
  std::size_t last = 0;
  for (std::size_t t = 0; t < d.size(); ++t)
    if (d[t] > 0) last = t + 1;
  ASSERT_LE(last, 40u);
  const std::span<const double> all(d);
  auto at_death = compute_signals(all.first(last));
  ASSERT_TRUE(at_death.ok());
  for (std::size_t k : {1u, 5u, 12u}) {
    auto later = compute_signals(all.first(last + k));
    ASSERT_TRUE(later.ok());
    EXPECT_NEAR(later->tsb_probability, std::pow(0.9, static_cast<double>(k)) * at_death->tsb_probability, 1e-12);
    EXPECT_EQ(later->periods_since_demand, static_cast<int>(k));
  }
}

// Generated items with a known death date: 12 periods after the death the rate-drop test and the
// silence measures see it in nearly every frequent item, while on live items (a constant chance
// of demand, the test's null hypothesis) the exact test errs at most at its level.
TEST(Signals, SeeKnownDeathsAndRarelyFlagLiveItems) {
  int dead_detected = 0, dead_total = 0, live_false = 0, live_total = 0, dead_items = 0;
  double age_over_gap_sum = 0.0;
  for (std::uint32_t i = 0; i < 400; ++i) {
    DyingItemSpec spec;
    spec.periods = 60;
    spec.demand_probability = 0.3 + 0.6 * (i % 7) / 6.0;
    spec.item = i;
    const bool dying = i % 2 == 0;
    spec.fade_start = dying ? 36 : 60;
    const auto d = generate_dying_series(spec, 11);
    const std::span<const double> all(d);
    auto s = compute_signals(all.first(48));  // 12 periods after the death at 36, or a live item
    ASSERT_TRUE(s.ok());
    if (dying) {
      // With p >= 0.6 about 22 of 36 earlier periods had demand, and a silent window of 12 has
      // probability about 0.75^22 = 0.002 under an unchanged rate; rarer items need longer.
      if (spec.demand_probability >= 0.6) {
        ++dead_total;
        dead_detected += s->rate_drop_p_value <= 0.01;
      }
      age_over_gap_sum += s->age_over_usual_gap;
      ++dead_items;
      EXPECT_GE(s->periods_since_demand, 12);
      EXPECT_LT(s->tsb_probability_decay, 1.0);
      EXPECT_LE(s->forecast_trend, 0.0);
    } else {
      ++live_total;
      live_false += s->rate_drop_p_value <= 0.01;
    }
  }
  EXPECT_GE(dead_detected, dead_total * 95 / 100);
  EXPECT_LE(live_false, live_total * 2 / 100);  // the level is 1%; exact tests are conservative
  EXPECT_GT(age_over_gap_sum / dead_items, 4.0);
}

}  // namespace
}  // namespace echelon::risk
