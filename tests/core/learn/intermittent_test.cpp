#include "core/learn/intermittent.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::learn {
namespace {

const std::vector<double> kSeries{0, 3, 0, 0, 5, 0};

IntermittentOptions halves() {
  IntermittentOptions o;
  o.alpha_size = o.alpha_interval = o.beta_probability = 0.5;
  return o;
}

// By hand: first demand 3 at position 2 gives z = 3, x = 2; the demand 5 after an interval of 3
// gives z = 3 + 0.5 (5 - 3) = 4 and x = 2 + 0.5 (3 - 2) = 2.5.
TEST(Intermittent, CrostonByHand) {
  auto r = intermittent_forecast(kSeries, IntermittentMethod::croston, halves());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::isnan(r->forecast[0]));
  EXPECT_TRUE(std::isnan(r->forecast[1]));
  EXPECT_DOUBLE_EQ(r->forecast[2], 1.5);
  EXPECT_DOUBLE_EQ(r->forecast[4], 1.5);
  EXPECT_DOUBLE_EQ(r->forecast[5], 1.6);
  EXPECT_DOUBLE_EQ(r->next_forecast, 1.6);
  EXPECT_DOUBLE_EQ(r->next_size, 4.0);
  EXPECT_DOUBLE_EQ(r->next_probability, 0.4);
}

TEST(Intermittent, SbaIsCrostonTimesOneMinusHalfAlpha) {
  auto r = intermittent_forecast(kSeries, IntermittentMethod::sba, halves());
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->forecast[2], 0.75 * 1.5);
  EXPECT_DOUBLE_EQ(r->next_forecast, 0.75 * 1.6);
}

// By hand, p_0 = 2/6, z_0 = 3: p goes 1/3, 1/6, 7/12, 7/24, 7/48, 55/96, 55/192; z becomes 4 at the
// second demand.
TEST(Intermittent, TsbByHand) {
  auto r = intermittent_forecast(kSeries, IntermittentMethod::tsb, halves());
  ASSERT_TRUE(r.ok());
  const double expected[] = {1.0, 0.5, 1.75, 0.875, 0.4375, 55.0 / 96.0 * 4.0};
  for (int t = 0; t < 6; ++t) EXPECT_NEAR(r->forecast[t], expected[t], 1e-15) << t;
  EXPECT_NEAR(r->next_probability, 55.0 / 192.0, 1e-15);
  EXPECT_NEAR(r->next_forecast, 55.0 / 192.0 * 4.0, 1e-15);
}

TEST(Intermittent, TsbDecaysThroughZerosWhileCrostonStaysPut) {
  std::vector<double> d{4, 0, 4, 0, 4, 0, 4};
  d.insert(d.end(), 20, 0.0);
  auto tsb = intermittent_forecast(d, IntermittentMethod::tsb);
  auto croston = intermittent_forecast(d, IntermittentMethod::croston);
  ASSERT_TRUE(tsb.ok() && croston.ok());
  EXPECT_LT(tsb->next_forecast, 0.5 * tsb->forecast[7]);
  EXPECT_DOUBLE_EQ(croston->next_forecast, croston->forecast[7]);
}

TEST(Intermittent, MissingPeriodsChangeNothing) {
  const double nan = std::nan("");
  const std::vector<double> with_gap{0, 3, nan, 0, 0, 5, 0};
  auto a = intermittent_forecast(kSeries, IntermittentMethod::croston, halves());
  auto b = intermittent_forecast(with_gap, IntermittentMethod::croston, halves());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_DOUBLE_EQ(a->next_forecast, b->next_forecast);
}

TEST(Intermittent, BadInputsAreNamed) {
  IntermittentOptions o;
  o.alpha_size = 0.0;
  auto r = intermittent_forecast(kSeries, IntermittentMethod::tsb, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "alpha_size");
  const std::vector<double> negative{1, -2};
  auto n = intermittent_forecast(negative, IntermittentMethod::croston);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.problems()[0].path, "period 2");
}

}  // namespace
}  // namespace echelon::learn
