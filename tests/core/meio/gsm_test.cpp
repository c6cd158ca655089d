#include "core/meio/gsm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <set>

#include "core/policy/safety_stock.h"
#include "support/test_support.h"

namespace echelon {
namespace {

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 6.5 (instance in
// tests/support/test_support.h): optimal service times {1: 0, 2: 0, 3: 0, 4: 1}, cost 8.2779.
TEST(GsmTree, SnyderShenExample6_5) {
  auto r = solve_gsm_tree(textbook::snyder_shen_example_6_5());
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->total_cost, 8.277916867529369, 1e-9);
  EXPECT_TRUE(r->proven_optimal);
  EXPECT_DOUBLE_EQ(r->stages[0].outbound_service_time, 0.0);
  EXPECT_DOUBLE_EQ(r->stages[1].outbound_service_time, 0.0);
  EXPECT_DOUBLE_EQ(r->stages[2].outbound_service_time, 0.0);
  EXPECT_DOUBLE_EQ(r->stages[3].outbound_service_time, 1.0);
  // Hand-derived: stage 1 has SI = 1, tau = 3, pooled bound sqrt(2): SS = sqrt(6).
  EXPECT_NEAR(r->stages[0].net_replenishment_time, 3.0, 1e-12);
  EXPECT_NEAR(r->stages[0].safety_stock, std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(r->stages[2].safety_stock, std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(r->stages[3].safety_stock, 0.0, 1e-12);
  EXPECT_NEAR(r->lower_bound, r->total_cost, 1e-9);
}

// One stage with random processing time is the single-location buffer: demand mean 20, sd 5
// per period, time mean 4, sd 1.5, 95% cycle service, quoting 0. By hand:
//   SS = 1.6448536 * sqrt(4 * 25 + 20^2 * 1.5^2) = 1.6448536 * sqrt(1000) = 52.0148388;
// variance shares 100 : 900, so 5.2014839 from demand and 46.8133549 from the lead time.
TEST(GsmStochasticLeadTime, OneStageEqualsSingleLocationBuffer) {
  GsmNetwork net;
  GsmStage st;
  st.processing_time_periods = 4.0;
  st.processing_time_sd_periods = 1.5;
  st.holding_cost_per_unit_period = 2.0;
  st.external_demand_mean_per_period = 20.0;
  st.external_demand_sd_per_period = 5.0;
  net.stages.push_back(st);
  auto r = solve_gsm_tree(net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  const GsmStageResult& g = r->stages[0];
  EXPECT_NEAR(g.safety_stock, 52.01483878755574, 1e-9);
  EXPECT_NEAR(g.safety_stock_from_demand, 5.201483878755574, 1e-9);
  EXPECT_NEAR(g.safety_stock_from_lead_time, 46.81335490880017, 1e-9);
  EXPECT_NEAR(r->total_cost, 2.0 * 52.01483878755574, 1e-9);
  EXPECT_NEAR(g.base_stock_level, 80.0 + 52.01483878755574, 1e-9);

  SafetyStockInput single;
  single.mean_demand_per_period = 20.0;
  single.sd_demand_per_period = 5.0;
  single.mean_lead_time_periods = 4.0;
  single.sd_lead_time_periods = 1.5;
  single.review_period_periods = 0.0;
  single.cycle_service_level = 0.95;
  auto one = compute_safety_stock(single);
  ASSERT_TRUE(one.ok());
  EXPECT_NEAR(g.safety_stock, one->safety_stock, 1e-9);
  EXPECT_NEAR(g.safety_stock_from_demand, one->safety_stock_from_demand, 1e-9);
  EXPECT_NEAR(g.safety_stock_from_lead_time, one->safety_stock_from_lead_time, 1e-9);
}

// Serial: A (T = 3, sd 1, h 1) supplies B (T = 1, h 2; demand mean 10, sd 2, z = 1.6448536, quotes
// 0). With S_A = S in {0..3}: A costs sqrt((2z)^2 (3 - S) + (10 z * 1)^2), B costs 2 * 2z sqrt(S + 1):
//   S = 0: 17.4074946 + 2 * 3.2897073 = 23.9869091
//   S = 1: 17.0938203 + 2 * 4.6523486 = 26.3985175
//   S = 2: 16.7742815 + 2 * 5.6979401 = 28.1701617
//   S = 3: 16.4485363 + 2 * 6.5794145 = 29.6073653
// so S_A = 0, and A's safety stock keeps its lead-time part at any S (16.45 even at tau = 0).
TEST(GsmStochasticLeadTime, SerialTreeByEnumeration) {
  GsmNetwork net;
  GsmStage a;
  a.processing_time_periods = 3.0;
  a.processing_time_sd_periods = 1.0;
  a.holding_cost_per_unit_period = 1.0;
  GsmStage b;
  b.processing_time_periods = 1.0;
  b.holding_cost_per_unit_period = 2.0;
  b.external_demand_mean_per_period = 10.0;
  b.external_demand_sd_per_period = 2.0;
  net.stages = {a, b};
  net.arcs = {{0, 1, 1.0}};
  auto r = solve_gsm_tree(net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->total_cost, 23.98690906787071, 1e-9);
  EXPECT_DOUBLE_EQ(r->stages[0].outbound_service_time, 0.0);
  auto e = evaluate_gsm(net, {3.0, 0.0});
  ASSERT_TRUE(e.ok()) << describe(e.problems());
  EXPECT_NEAR(e->total_cost, 29.607365285126498, 1e-9);
  EXPECT_NEAR(e->stages[0].safety_stock, 16.448536269514722, 1e-9);
  EXPECT_NEAR(e->stages[0].safety_stock_from_lead_time, 16.448536269514722, 1e-9);
  EXPECT_NEAR(e->stages[0].safety_stock_from_demand, 0.0, 1e-12);
  EXPECT_NEAR(fixtures::gsm_brute_force(net), 23.98690906787071, 1e-9);
}

TEST(GsmStochasticLeadTime, NegativeSpreadIsRefused) {
  GsmNetwork net;
  net.stages.resize(1);
  net.stages[0].processing_time_sd_periods = -1.0;
  EXPECT_TRUE(fixtures::has_path(validate(net), "stages/0/processing_time_sd_periods"));
}

TEST(GsmTree, EvaluateGivenTimesMatchesBook) {
  auto r = evaluate_gsm(textbook::snyder_shen_example_6_5(), {0, 0, 0, 1});
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->total_cost, 8.277916867529369, 1e-9);
  auto bad = evaluate_gsm(textbook::snyder_shen_example_6_5(), {0, 1, 0, 1});  // stage 2 must quote 0
  EXPECT_FALSE(bad.ok());
}

// Base stock B = mu * tau + SS (Graves & Willems 2000, eq. for the base-stock level).
TEST(GsmTree, BaseStockAddsPipelineMean) {
  GsmNetwork net = textbook::snyder_shen_example_6_5();
  net.stages[1].external_demand_mean_per_period = 10.0;
  net.stages[3].external_demand_mean_per_period = 5.0;
  auto r = solve_gsm_tree(net);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->stages[0].demand_mean_per_period, 15.0, 1e-12);
  EXPECT_NEAR(r->stages[0].base_stock_level, 15.0 * 3.0 + std::sqrt(6.0), 1e-9);
}

// Demand bound pools independent demands in variance, but one demand reached along two paths
// adds linearly: a diamond a -> {b, c} -> d with 2 units of b and 1 of c per d gives a 3 units
// per unit of d: k sigma = 3 * z * sd.
TEST(GsmTree, DemandBoundCountsPathsLinearly) {
  GsmNetwork net;
  net.stages.resize(4);
  net.stages[3].external_demand_sd_per_period = 2.0;
  net.stages[3].external_demand_mean_per_period = 7.0;
  net.stages[3].safety_factor = 1.5;
  net.arcs = {{0, 1, 1.0}, {0, 2, 1.0}, {1, 3, 2.0}, {2, 3, 1.0}};
  auto b = gsm_demand_bounds(net);
  ASSERT_TRUE(b.ok()) << describe(b.problems());
  EXPECT_NEAR((*b)[0].bound_sd, 3.0 * 1.5 * 2.0, 1e-12);
  EXPECT_NEAR((*b)[0].mean_per_period, 21.0, 1e-12);
  EXPECT_NEAR((*b)[1].bound_sd, 2.0 * 1.5 * 2.0, 1e-12);
}

TEST(GsmTree, RejectsCyclesAndBadFields) {
  GsmNetwork net = textbook::snyder_shen_example_6_5();
  net.arcs.push_back({1, 0, 1.0});
  net.stages[2].processing_time_periods = -1.0;
  const Problems p = validate(net);
  ASSERT_GE(p.size(), 2u);
  EXPECT_EQ(p[0].path, "stages/2/processing_time_periods");
  EXPECT_EQ(p.back().path, "arcs");
  GsmNetwork dag = textbook::snyder_shen_example_6_5();
  dag.arcs.push_back({0, 3, 1.0});  // an undirected cycle: not a tree
  auto r = solve_gsm_tree(dag);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "arcs/3");
}

TEST(GsmTree, ZeroVariabilityGivesZeroCost) {
  GsmNetwork net = textbook::snyder_shen_example_6_5();
  net.stages[1].external_demand_sd_per_period = 0.0;
  net.stages[3].external_demand_sd_per_period = 0.0;
  net.stages[1].external_demand_mean_per_period = 4.0;
  auto r = solve_gsm_tree(net);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total_cost, 0.0);
}

// ---- Brute force on random small trees ----

GsmNetwork random_tree(std::mt19937& rng, int n) {
  GsmNetwork net = fixtures::random_gsm_stages(rng, n);
  // Random labelled tree, arcs oriented from the lower to the higher index or the reverse.
  for (int j = 1; j < n; ++j) {
    const int p = std::uniform_int_distribution<int>(0, j - 1)(rng);
    const bool down = std::bernoulli_distribution(0.5)(rng);
    net.arcs.push_back(down ? GsmArc{p, j, 1.0} : GsmArc{j, p, 1.0});
  }
  fixtures::face_sinks_with_demand(net, rng);
  return net;
}

TEST(GsmTree, MatchesBruteForceOnRandomTrees) {
  std::mt19937 rng(20240605);
  for (int trial = 0; trial < 60; ++trial) {
    const int n = 2 + trial % 5;
    GsmNetwork net = random_tree(rng, n);
    auto r = solve_gsm_tree(net);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    EXPECT_NEAR(r->total_cost, fixtures::gsm_brute_force(net), 1e-9) << "trial " << trial;
    // The reported times reproduce the reported cost.
    std::vector<double> s;
    for (const auto& st : r->stages) s.push_back(st.outbound_service_time);
    auto e = evaluate_gsm(net, s);
    ASSERT_TRUE(e.ok()) << describe(e.problems());
    EXPECT_NEAR(e->total_cost, r->total_cost, 1e-9);
  }
}

TEST(GsmTree, RelaxingLargestServiceTimeNeverRaisesCost) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 30; ++trial) {
    GsmNetwork net = random_tree(rng, 6);
    auto before = solve_gsm_tree(net);
    ASSERT_TRUE(before.ok());
    for (auto& s : net.stages)
      if (s.max_outbound_service_time_periods) *s.max_outbound_service_time_periods += 1.0;
    auto after = solve_gsm_tree(net);
    ASSERT_TRUE(after.ok());
    EXPECT_LE(after->total_cost, before->total_cost + 1e-12);
  }
}

// Continuous times: a serial line with T = 0.5 and 1.25 is solved on a grid of 1/4 period,
// exactly. Two stages, upstream h = 1, downstream h = 2, sd 1, z 1, customer quote 0:
// S_1 = 0 costs 1*sqrt(0.5) + 2*sqrt(1.25) = 2.9432; S_1 = 0.5 costs 2*sqrt(1.75) = 2.6458.
TEST(GsmTree, FractionalTimesUseAFinerGrid) {
  GsmNetwork net;
  net.stages.resize(2);
  net.stages[0].processing_time_periods = 0.5;
  net.stages[0].holding_cost_per_unit_period = 1.0;
  net.stages[1].processing_time_periods = 1.25;
  net.stages[1].holding_cost_per_unit_period = 2.0;
  net.stages[1].external_demand_sd_per_period = 1.0;
  for (auto& s : net.stages) s.safety_factor = 1.0;
  net.arcs = {{0, 1, 1.0}};
  auto r = solve_gsm_tree(net);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->time_resolution_periods, 0.25);
  EXPECT_NEAR(r->total_cost, 2.0 * std::sqrt(1.75), 1e-12);
  EXPECT_NEAR(r->stages[0].outbound_service_time, 0.5, 1e-12);
}

}  // namespace
}  // namespace echelon
