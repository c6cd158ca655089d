#include "core/service/service_curve.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/stats/stats.h"

namespace echelon::service {
namespace {

ServiceItem normal_item(double mean, double sd, double lead_time, double unit_cost) {
  ServiceItem it;
  it.id = "n";
  it.unit_cost = unit_cost;
  it.demand.demand.kind = DemandKind::normal;
  it.demand.demand.mean_units_per_period = mean;
  it.demand.demand.sd_units_per_period = sd;
  it.demand.lead_time.mean_periods = lead_time;
  it.demand.review_period_periods = 1;
  it.demand.model = LeadTimeDemandModel::normal;
  it.min_fill_rate = 0.80;
  it.max_fill_rate = 0.995;
  return it;
}

// Lead time 0, review 1: the order placed at the end of a period arrives before the next one's
// demand, so X_L = 0 and X_{L+R} = D. The fill rate of S = mu + z sigma is then
//   1 - E[(D - S)^+] / mu = 1 - sigma L(z) / mu        (L the standard normal loss function)
// and the safety stock is z sigma. Every sampled point must satisfy that formula, evaluated here
// with the standard normal loss directly (not through the policy layer).
TEST(ServiceCurve, PointsFollowTheNormalLossFormula) {
  const ServiceItem it = normal_item(100.0, 30.0, 0.0, 2.0);
  auto c = service_curve(it);
  ASSERT_TRUE(c.ok()) << describe(c.problems());
  ASSERT_GE(c->points.size(), 10u);
  for (const ServiceCurvePoint& p : c->points) {
    const double z = (p.level - 100.0) / 30.0;
    EXPECT_NEAR(p.fill_rate, 1.0 - 30.0 * stats::standard_normal_loss(z) / 100.0, 1e-9);
    EXPECT_NEAR(p.safety_stock_units, 30.0 * z, 1e-9);
    EXPECT_NEAR(p.investment, 2.0 * 30.0 * z, 1e-9);
  }
  EXPECT_NEAR(c->points.front().fill_rate, 0.80, 1e-7);
  EXPECT_NEAR(c->points.back().fill_rate, 0.995, 1e-7);
  // 0.80 by hand: L(z) = 0.2 * 100 / 30 = 0.6667, so z = -0.5 region: L(-0.5) = 0.6978,
  // L(-0.4) = 0.6304; the level sits between 100 - 15 and 100 - 12.
  EXPECT_GT(c->points.front().level, 85.0);
  EXPECT_LT(c->points.front().level, 88.0);
  EXPECT_DOUBLE_EQ(c->mean_demand_per_period, 100.0);
}

// The kept points form a convex curve: slopes (investment per point of fill) increase.
TEST(ServiceCurve, HullIsConvex) {
  ServiceItem it = normal_item(20.0, 12.0, 2.0, 5.0);
  it.min_fill_rate = 0.5;
  auto c = service_curve(it);
  ASSERT_TRUE(c.ok());
  double last_slope = -1e300;
  for (std::size_t k = 0; k + 1 < c->points.size(); ++k) {
    const auto& a = c->points[k];
    const auto& b = c->points[k + 1];
    ASSERT_GT(b.fill_rate, a.fill_rate);
    const double slope = (b.investment - a.investment) / (b.fill_rate - a.fill_rate);
    EXPECT_GT(slope, last_slope);
    last_slope = slope;
  }
}

// Poisson demand lives on the integers: every level is a whole number, and interpolating moves up
// to the next whole level, so the fill rate is at least the one asked for.
TEST(ServiceCurve, WholeUnitsForCounts) {
  ServiceItem it;
  it.id = "p";
  it.unit_cost = 1.0;
  it.demand.demand.kind = DemandKind::poisson;
  it.demand.demand.mean_units_per_period = 3.0;
  it.demand.lead_time.mean_periods = 1.0;
  it.demand.review_period_periods = 1;
  it.min_fill_rate = 0.7;
  it.max_fill_rate = 0.99;
  auto c = service_curve(it);
  ASSERT_TRUE(c.ok()) << describe(c.problems());
  EXPECT_TRUE(c->whole_units);
  for (const auto& p : c->points) EXPECT_DOUBLE_EQ(p.level, std::round(p.level));
  const ServiceCurvePoint mid = point_at_fill_rate(*c, 0.9);
  EXPECT_GE(mid.fill_rate, 0.9);
  EXPECT_DOUBLE_EQ(mid.level, std::round(mid.level));
}

// Interpolation on a continuous curve: the level is interpolated linearly and the analytic fill
// rate there is at least the chord's (the fill rate is concave in the level above the mean).
TEST(ServiceCurve, InterpolatedLevelsKeepThePromise) {
  const ServiceItem it = normal_item(50.0, 20.0, 3.0, 1.0);
  auto d = protection_demands(it.demand);
  ASSERT_TRUE(d.ok());
  auto c = service_curve(it, *d, ServiceCurveOptions{8});
  ASSERT_TRUE(c.ok());
  for (double f : {0.85, 0.9, 0.95, 0.97, 0.99}) {
    const ServiceCurvePoint p = point_at_fill_rate(*c, f);
    EXPECT_DOUBLE_EQ(p.fill_rate, f);
    EXPECT_GE(fill_rate_at_level(it, *d, p.level), f - 1e-12);
  }
}

TEST(ServiceCurve, BadInputNamesTheField) {
  ServiceItem it = normal_item(10.0, 2.0, 1.0, -1.0);
  it.max_fill_rate = 1.0;
  it.demand.demand.sd_units_per_period = -2.0;
  auto c = service_curve(it);
  ASSERT_FALSE(c.ok());
  bool cost = false, max = false, demand = false;
  for (const auto& p : c.problems()) {
    cost |= p.path == "unit_cost";
    max |= p.path == "max_fill_rate";
    demand |= p.path.rfind("demand/", 0) == 0;
  }
  EXPECT_TRUE(cost && max && demand);
}

}  // namespace
}  // namespace echelon::service
