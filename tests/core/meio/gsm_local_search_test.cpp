#include "core/meio/gsm_local_search.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/test_support.h"

namespace echelon {
namespace {

struct Problem {
  GsmDiscretization disc;
};

Problem discretized(const GsmNetwork& net) {
  auto bounds = gsm_demand_bounds(net);
  EXPECT_TRUE(bounds.ok()) << describe(bounds.problems());
  auto disc = discretize_gsm(net, *bounds, 1.0, 1e7);
  EXPECT_TRUE(disc.ok()) << describe(disc.problems());
  return {std::move(*disc)};
}

// S_j <= SI_j + T_j, S_j within its bound, SI_j = max(external inbound, suppliers' S_i).
void expect_feasible(const GsmGrid& g, const GsmLocalSearchResult& r) {
  for (std::size_t j = 0; j < r.outbound.size(); ++j) {
    int in = g.min_inbound_ticks[j];
    for (int i : g.suppliers[j]) in = std::max(in, r.outbound[static_cast<std::size_t>(i)]);
    EXPECT_EQ(r.inbound[j], in) << "stage " << j;
    EXPECT_GE(r.outbound[j], 0) << "stage " << j;
    EXPECT_LE(r.outbound[j], std::min(g.max_outbound_ticks[j], in + g.processing_ticks[j])) << "stage " << j;
  }
}

// Suppliers A and B (T = 1, external inbound 0) feed C (T = 1), which feeds the customer-facing
// D (T = 1, S_D = 0); demand sd 1 at D, safety factor 1, so every stage's cost is
// h_j sqrt(tau_j). Holding costs 1, 1, 1, 10. Starting from every stage passing its time on
// (S = 1, 1, 2, 0: only D holds stock, 10 sqrt(3) = 17.32), the candidates by hand:
//   S_C = 0:                 C: sqrt(2), D: 10 sqrt(1)        = 11.414  (the optimum)
//   S_C = 1:                 C: 1,       D: 10 sqrt(2)        = 15.142
//   S_A = S_B = 0, S_C = 1:  A, B: 1 each, D: 10 sqrt(2)      = 16.142
//   S_A = S_B = S_C = 0:     A, B, C: 1 each, D: 10           = 13
GsmNetwork assembly_of_four() {
  GsmNetwork net;
  net.stages.resize(4);
  const double holding[] = {1.0, 1.0, 1.0, 10.0};
  for (std::size_t j = 0; j < 4; ++j) {
    net.stages[j].processing_time_periods = 1.0;
    net.stages[j].holding_cost_per_unit_period = holding[j];
    net.stages[j].safety_factor = 1.0;
  }
  net.stages[3].external_demand_sd_per_period = 1.0;
  net.stages[3].max_outbound_service_time_periods = 0.0;
  net.arcs = {{0, 2, 1.0}, {1, 2, 1.0}, {2, 3, 1.0}};
  return net;
}

TEST(GsmLocalSearch, ReachesTheHandComputedOptimumOfAnAssembly) {
  const GsmNetwork net = assembly_of_four();
  const Problem p = discretized(net);
  std::mt19937 rng(1);
  GsmLocalSearchOptions options;
  options.iterate = false;
  const auto r = gsm_local_search(p.disc.upper, *p.disc.upper_values, {1, 1, 2, 0}, options, rng);
  EXPECT_NEAR(r.cost, 10.0 + std::sqrt(2.0), 1e-12);
  EXPECT_EQ(r.outbound, (std::vector<int>{1, 1, 0, 0}));
  expect_feasible(p.disc.upper, r);
}

// The start's cost is the upper limit: with S_C = 0 already, nothing cheaper exists and the
// search returns the start unchanged.
TEST(GsmLocalSearch, AnOptimalStartIsKept) {
  const GsmNetwork net = assembly_of_four();
  const Problem p = discretized(net);
  std::mt19937 rng(1);
  const auto r = gsm_local_search(p.disc.upper, *p.disc.upper_values, {1, 1, 0, 0}, {}, rng);
  EXPECT_EQ(r.outbound, (std::vector<int>{1, 1, 0, 0}));
  EXPECT_NEAR(r.cost, 10.0 + std::sqrt(2.0), 1e-12);
}

// An infeasible start (S_D above its bound, S_C above SI_C + T_C) is repaired first.
TEST(GsmLocalSearch, AnInfeasibleStartIsRepaired) {
  const GsmNetwork net = assembly_of_four();
  const Problem p = discretized(net);
  std::mt19937 rng(1);
  GsmLocalSearchOptions options;
  options.work_limit = 0.0;  // no moves: only the repair
  const auto r = gsm_local_search(p.disc.upper, *p.disc.upper_values, {1, 1, 7, 3}, options, rng);
  EXPECT_EQ(r.outbound, (std::vector<int>{1, 1, 2, 0}));
  EXPECT_NEAR(r.cost, 10.0 * std::sqrt(3.0), 1e-12);
  expect_feasible(p.disc.upper, r);
}

// On random networks with undirected cycles: never worse than the repaired start, feasible, no
// cheaper than the enumerated optimum, and its cost is what evaluating its times gives.
TEST(GsmLocalSearch, NeverWorseThanItsStartAndNeverBelowTheOptimum) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 30; ++trial) {
    const GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 8);
    const Problem p = discretized(net);
    const GsmGrid& g = p.disc.upper;
    std::vector<int> start(net.stages.size());
    for (auto& s : start) s = static_cast<int>(rng() % 6u);
    GsmLocalSearchOptions stop_at_once;
    stop_at_once.work_limit = 0.0;
    const auto repaired = gsm_local_search(g, *p.disc.upper_values, start, stop_at_once, rng);
    const auto r = gsm_local_search(g, *p.disc.upper_values, start, {}, rng);
    expect_feasible(g, r);
    EXPECT_LE(r.cost, repaired.cost + 1e-9) << "trial " << trial;
    EXPECT_GE(r.cost, fixtures::gsm_brute_force(net) - 1e-9) << "trial " << trial;
    std::vector<double> periods;
    for (int s : r.outbound) periods.push_back(gsm_ticks_to_periods(s, g.resolution));
    auto e = evaluate_gsm(net, periods);
    ASSERT_TRUE(e.ok()) << describe(e.problems());
    EXPECT_NEAR(e->total_cost, r.cost, 1e-9 * std::max(1.0, r.cost)) << "trial " << trial;
  }
}

// The kicks only ever keep a cheaper placement: with the same start, the iterated search ends
// no worse than the descent alone, and the same seed repeats the same answer.
TEST(GsmLocalSearch, IteratingNeverLosesTheDescentsAnswerAndRepeatsExactly) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 10; ++trial) {
    const GsmNetwork net = fixtures::random_gsm_dag(rng, 30, 45);
    const Problem p = discretized(net);
    const std::vector<int> start(net.stages.size(), 0);
    GsmLocalSearchOptions descent_only;
    descent_only.iterate = false;
    std::mt19937 a(3), b(3), c(3);
    const auto descent = gsm_local_search(p.disc.upper, *p.disc.upper_values, start, descent_only, a);
    const auto iterated = gsm_local_search(p.disc.upper, *p.disc.upper_values, start, {}, b);
    const auto again = gsm_local_search(p.disc.upper, *p.disc.upper_values, start, {}, c);
    EXPECT_LE(iterated.cost, descent.cost + 1e-9) << "trial " << trial;
    EXPECT_GT(iterated.kicks, 0) << "trial " << trial;
    EXPECT_EQ(iterated.outbound, again.outbound) << "trial " << trial;
    EXPECT_EQ(iterated.work, again.work) << "trial " << trial;
    expect_feasible(p.disc.upper, iterated);
  }
}

// In slices, the best answer so far only ever improves, and a finished search stays finished.
TEST(GsmLocalSearch, SlicesOnlyImproveTheBest) {
  std::mt19937 gen(5);
  const GsmNetwork net = fixtures::random_gsm_dag(gen, 40, 60);
  const Problem p = discretized(net);
  std::mt19937 rng(9);
  GsmLocalSearch search(p.disc.upper, *p.disc.upper_values, std::vector<int>(net.stages.size(), 0));
  double last = search.best().cost;
  bool finished = false;
  for (int slice = 0; slice < 10000 && !finished; ++slice) {
    finished = search.run(search.work() + 500.0, true, 200, rng);
    const double now = search.best().cost;
    EXPECT_LE(now, last + 1e-9) << "slice " << slice;
    last = now;
  }
  EXPECT_TRUE(finished);
  EXPECT_TRUE(search.run(search.work() + 500.0, true, 200, rng));
  expect_feasible(p.disc.upper, search.best());
}

}  // namespace
}  // namespace echelon
