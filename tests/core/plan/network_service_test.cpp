#include "core/plan/network_service.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/io/scenario_json.h"
#include "core/stats/stats.h"

namespace echelon {
namespace {

// Two stores that each buy the item from outside (no shared upstream stage): the guaranteed-service
// stock of store d is z_d sigma_d sqrt(T_d), so the yearly cost is separable:
//   a: sigma 20, T 4 weeks  -> SS = 40 z_a;   b: sigma 10, T 9 weeks -> SS = 30 z_b;
//   holding 25% of 52 a year = 13 per unit-year:  C = 13 (40 z_a + 30 z_b).
// (Both demands are at least 5 standard deviations above zero, so the simulation's censoring of
// normal demand at zero, which the plan buffers for, is below 1e-6 of a unit.)
Scenario two_stores() {
  Scenario s;
  s.name = "two stores";
  Item x;
  x.id = "x";
  x.unit_cost = 52.0;
  s.items.push_back(x);
  for (auto [id, t] : {std::pair<const char*, double>{"store-a", 4.0}, {"store-b", 9.0}}) {
    Node n;
    n.id = id;
    n.kind = "store";
    n.produces = {"x"};
    n.processing_time = dist::Constant{t};
    s.nodes.push_back(n);
  }
  s.demands.push_back({"store-a", "x", Distribution{dist::Normal{100.0, 20.0}}, std::nullopt});
  s.demands.push_back({"store-b", "x", Distribution{dist::Normal{50.0, 10.0}}, std::nullopt});
  return s;
}

double hand_cost(double pa, double pb) {
  return 13.0 * (40.0 * stats::standard_normal_quantile(pa) + 30.0 * stats::standard_normal_quantile(pb));
}

TEST(NetworkService, UniformPlansByHand) {
  NetworkServiceOptions o;
  o.levels = {0.8, 0.9, 0.95, 0.99};
  auto f = network_service_frontier(two_stores(), o);
  ASSERT_TRUE(f.ok()) << describe(f.problems());
  ASSERT_EQ(f->stages.size(), 2u);
  ASSERT_EQ(f->uniform.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(f->uniform[k].service_level, o.levels[k], 1e-12);
    EXPECT_NEAR(f->uniform[k].safety_stock_cost_per_year, hand_cost(o.levels[k], o.levels[k]),
                1e-6 * hand_cost(o.levels[k], o.levels[k]));
  }
  // No target in the scenario: the plan's default 95% everywhere.
  EXPECT_NEAR(f->current.service_level, 0.95, 1e-12);
}

// With a separable cost convex along the grid, every point of the greedy path is the cheapest of
// all grid combinations reaching its service (it is a vertex of the lower convex envelope).
// Brute force over the 9 x 9 grid with the hand formula; service weights 100 and 50.
TEST(NetworkService, GreedyPathMatchesBruteForceWhenSeparable) {
  NetworkServiceOptions o;
  auto f = network_service_frontier(two_stores(), o);
  ASSERT_TRUE(f.ok()) << describe(f.problems());
  ASSERT_GE(f->differentiated.size(), 2u * (o.levels.size() - 1));
  for (const NetworkServicePoint& p : f->differentiated) {
    double best = std::numeric_limits<double>::infinity();
    for (double a : o.levels)
      for (double b : o.levels)
        if ((100.0 * a + 50.0 * b) / 150.0 >= p.service_level - 1e-12) best = std::min(best, hand_cost(a, b));
    EXPECT_NEAR(p.safety_stock_cost_per_year, best, 1e-6 * std::fabs(best)) << p.service_level;
  }
  // Floors (customer tiers) hold on every point.
  o.floors = {{"store-b/x", 0.97}};
  auto g = network_service_frontier(two_stores(), o);
  ASSERT_TRUE(g.ok());
  for (const auto& p : g->differentiated) EXPECT_GE(p.levels[1], 0.97);
}

TEST(NetworkService, DistributionNetworkSample) {
  std::ifstream in(std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/distribution_network.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = load_scenario_json(ss.str());
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  NetworkServiceOptions o;
  auto f = network_service_frontier(*s, o);
  ASSERT_TRUE(f.ok()) << describe(f.problems());
  EXPECT_EQ(f->stages.size(), 6u);
  // Service rises along the path and cost with it.
  for (std::size_t k = 1; k < f->differentiated.size(); ++k)
    EXPECT_GT(f->differentiated[k].service_level, f->differentiated[k - 1].service_level);
  const NetworkServicePoint* diff = cheapest_reaching(f->differentiated, f->current.service_level);
  ASSERT_NE(diff, nullptr);
  // The efficient set: service and cost both increase, and nothing solved beats any of its points
  // (the current and uniform plans are among the solved ones).
  ASSERT_FALSE(f->efficient.empty());
  for (std::size_t k = 1; k < f->efficient.size(); ++k) {
    EXPECT_GT(f->efficient[k].service_level, f->efficient[k - 1].service_level);
    EXPECT_GT(f->efficient[k].safety_stock_cost_per_year, f->efficient[k - 1].safety_stock_cost_per_year);
  }
  for (const auto& u : f->uniform)
    EXPECT_LE(cheapest_reaching(f->efficient, u.service_level)->safety_stock_cost_per_year, u.safety_stock_cost_per_year);
  EXPECT_LE(cheapest_reaching(f->efficient, f->current.service_level)->safety_stock_cost_per_year,
            f->current.safety_stock_cost_per_year);
  EXPECT_GT(f->plans_solved, 6);
}

TEST(NetworkService, BadOptionsNameTheField) {
  NetworkServiceOptions o;
  o.levels = {0.9, 0.8};
  auto f = network_service_frontier(two_stores(), o);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.problems()[0].path, "levels/1");
  NetworkServiceOptions p;
  p.floors = {{"store-z/x", 0.9}};
  auto g = network_service_frontier(two_stores(), p);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.problems()[0].path, "floors/0");
}

}  // namespace
}  // namespace echelon
