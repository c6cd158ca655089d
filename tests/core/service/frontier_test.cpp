#include "core/service/frontier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

namespace echelon::service {
namespace {

ServiceCurve curve(const char* id, const char* segment, double weight, std::vector<std::pair<double, double>> pts) {
  ServiceCurve c;
  c.id = id;
  c.segment = segment;
  c.mean_demand_per_period = weight;
  for (auto [f, inv] : pts) c.points.push_back({f, inv, inv, inv});
  return c;
}

// The two items of allocation_test's hand example (A slopes 100, 400; B slopes 600, 1800, equal
// demand). The kinks, cheapest slope first, from (0.80, 0):
//   A1 -> (0.85, 10), A2 -> (0.875, 30), B1 -> (0.925, 90), B2 -> (0.95, 180).
// The uniform plan at t: A(t) + B(t); at t = 0.9: 10 + 60 = 70, above the frontier's 60 there.
TEST(Frontier, KinksByHand) {
  std::vector<ServiceCurve> cs{curve("A", "s1", 1, {{0.8, 0}, {0.9, 10}, {0.95, 30}}),
                               curve("B", "s2", 1, {{0.8, 0}, {0.9, 60}, {0.95, 150}})};
  const std::vector<double> current{0.9, 0.95};
  FrontierOptions o;
  o.uniform_points = 4;  // t = 0.8, 0.85, 0.9, 0.95
  const Frontier f = trace_frontier(cs, current, o);
  const std::vector<std::pair<double, double>> kinks{{0.8, 0}, {0.85, 10}, {0.875, 30}, {0.925, 90}, {0.95, 180}};
  ASSERT_EQ(f.overall.points.size(), kinks.size());
  for (std::size_t k = 0; k < kinks.size(); ++k) {
    EXPECT_NEAR(f.overall.points[k].fill_rate, kinks[k].first, 1e-12);
    EXPECT_NEAR(f.overall.points[k].investment, kinks[k].second, 1e-12);
  }
  EXPECT_NEAR(f.overall.points[3].multiplier, 2 * 600.0, 1e-9);  // per unit of aggregate: slope × W
  EXPECT_NEAR(frontier_investment_at(f.overall, 0.90), 60.0, 1e-9);
  ASSERT_EQ(f.uniform.size(), 4u);
  EXPECT_NEAR(f.uniform[2].fill_rate, 0.9, 1e-12);
  EXPECT_NEAR(f.uniform[2].investment, 70.0, 1e-12);
  EXPECT_NEAR(f.uniform[1].investment, 5.0 + 30.0, 1e-12);
  ASSERT_TRUE(f.has_current);
  EXPECT_NEAR(f.current.fill_rate, 0.925, 1e-12);
  EXPECT_NEAR(f.current.investment, 160.0, 1e-12);  // above the frontier's 90 at 0.925
  ASSERT_EQ(f.segments.size(), 2u);
  EXPECT_EQ(f.segments[1].segment, "s2");
  ASSERT_EQ(f.segments[1].points.size(), 3u);
  EXPECT_NEAR(f.segments[1].points[1].investment, 60.0, 1e-12);
  double t = 0.0, cost = 0.0;
  ASSERT_TRUE(best_uniform_at(cs, FillRateWeighting::demand, 0.9, t, cost));
  EXPECT_NEAR(t, 0.9, 1e-9);
  EXPECT_NEAR(cost, 70.0, 1e-6);
  EXPECT_FALSE(best_uniform_at(cs, FillRateWeighting::demand, 0.96, t, cost));
}

// Every uniform point lies on or above the frontier (the frontier is the least investment).
TEST(Frontier, UniformNeverBelowFrontier) {
  std::vector<ServiceCurve> cs{curve("A", "", 3, {{0.7, 0}, {0.9, 10}, {0.97, 40}, {0.99, 90}}),
                               curve("B", "", 1, {{0.7, 0}, {0.8, 3}, {0.95, 30}, {0.99, 100}}),
                               curve("C", "", 2, {{0.7, 0}, {0.85, 50}, {0.9, 120}, {0.99, 500}})};
  const Frontier f = trace_frontier(cs, {});
  EXPECT_FALSE(f.has_current);
  for (const FrontierPoint& u : f.uniform)
    EXPECT_GE(u.investment, frontier_investment_at(f.overall, u.fill_rate) - 1e-9) << u.fill_rate;
}

}  // namespace
}  // namespace echelon::service
