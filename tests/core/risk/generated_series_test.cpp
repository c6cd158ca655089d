#include "core/risk/generated_series.h"

#include <gtest/gtest.h>

namespace echelon::risk {
namespace {

TEST(GeneratedSeries, NoDemandFromTheDeathPeriodOnAndTheSameEveryRun) {
  DyingItemSpec spec;
  spec.periods = 100;
  spec.demand_probability = 0.9;
  spec.mean_size = 3.0;
  spec.fade_start = 50;
  spec.fade_periods = 9;
  spec.item = 5;
  ASSERT_EQ(death_period(spec), 59);
  const auto a = generate_dying_series(spec, 42);
  const auto b = generate_dying_series(spec, 42);
  EXPECT_EQ(a, b);
  for (int t = 59; t < 100; ++t) EXPECT_EQ(a[static_cast<std::size_t>(t)], 0.0) << t;
  int before = 0;
  for (int t = 0; t < 50; ++t) before += a[static_cast<std::size_t>(t)] > 0 ? 1 : 0;
  EXPECT_GE(before, 38);  // 45 expected, sd 2.1
  spec.fade_start = 100;
  EXPECT_FALSE(death_period(spec).has_value());
}

// While alive, the share of periods with demand and the mean size match the spec (sampling
// error: p = 0.3 over 20,000 periods has sd 0.0032; sizes 1 + Poisson(1.5) have sd 1.22 / sqrt(6,000)).
TEST(GeneratedSeries, FrequencyAndSizeMatchTheSpec) {
  DyingItemSpec spec;
  spec.periods = 20000;
  spec.demand_probability = 0.3;
  spec.mean_size = 2.5;
  spec.fade_start = 20000;
  const auto d = generate_dying_series(spec, 1);
  double hits = 0, units = 0;
  for (double v : d) {
    hits += v > 0 ? 1 : 0;
    units += v;
  }
  EXPECT_NEAR(hits / 20000.0, 0.3, 0.015);
  EXPECT_NEAR(units / hits, 2.5, 0.07);
}

TEST(GeneratedSeries, PortfolioHasTheRequestedShareDying) {
  const auto items = generate_portfolio(1000, 60, 0.4, 3);
  ASSERT_EQ(items.size(), 1000u);
  EXPECT_EQ(items[0].id, "G0001");
  int dying = 0;
  for (const auto& g : items) {
    ASSERT_EQ(g.demand.size(), 60u);
    if (auto death = death_period(g.spec)) {
      ++dying;
      EXPECT_GE(g.spec.fade_start, 15);
      EXPECT_LT(g.spec.fade_start, 45);
      for (std::size_t t = static_cast<std::size_t>(*death); t < 60; ++t) EXPECT_EQ(g.demand[t], 0.0);
    }
  }
  EXPECT_NEAR(dying / 1000.0, 0.4, 0.05);
}

}  // namespace
}  // namespace echelon::risk
