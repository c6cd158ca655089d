#include "core/meio/gsm_general.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <string>

#include "support/test_support.h"

namespace echelon {
namespace {

// Snyder & Shen, Example 6.5 (tests/support/test_support.h): a tree, so one DP and gap 0.
TEST(GsmGeneral, TreeIsSolvedExactly) {
  const GsmNetwork net = textbook::snyder_shen_example_6_5();
  auto r = solve_gsm(net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->total_cost, 8.277916867529369, 1e-9);
  EXPECT_TRUE(r->proven_optimal);
  EXPECT_EQ(r->gap, 0.0);
  EXPECT_NE(r->method.find("tree"), std::string::npos) << r->method;
}

TEST(GsmGeneral, MatchesBruteForceOnRandomSmallNetworks) {
  std::mt19937 rng(424242);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;  // node budget only: reproducible
  options.max_nodes = 100000;
  for (int trial = 0; trial < 60; ++trial) {
    const int n = 3 + trial % 4;
    GsmNetwork net = fixtures::random_gsm_dag(rng, n, n);
    auto r = solve_gsm(net, options);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    const double exact = fixtures::gsm_brute_force(net);
    EXPECT_NEAR(r->total_cost, exact, 1e-9) << "trial " << trial;
    EXPECT_TRUE(r->proven_optimal) << "trial " << trial;
    EXPECT_LE(r->lower_bound, exact + 1e-9);
    std::vector<double> s;
    for (const auto& st : r->stages) s.push_back(st.outbound_service_time);
    auto e = evaluate_gsm(net, s);
    ASSERT_TRUE(e.ok()) << describe(e.problems());
    EXPECT_NEAR(e->total_cost, r->total_cost, 1e-9);
  }
}

// Random processing times (Humair et al. 2013, gsm.h): the search still finds the enumerated
// optimum of sqrt((k sigma)^2 tau + (m s)^2) on general networks with undirected cycles, and
// its bound stays below it.
TEST(GsmGeneral, MatchesBruteForceWithRandomProcessingTimes) {
  std::mt19937 rng(97531);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;
  options.max_nodes = 100000;
  std::uniform_real_distribution<double> spread(0.0, 1.5), level(0.5, 8.0);
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 3 + trial % 4;
    GsmNetwork net = fixtures::random_gsm_dag(rng, n, n);
    for (auto& st : net.stages) {
      st.processing_time_sd_periods = trial % 5 == 0 ? 0.0 : spread(rng);
      if (st.external_demand_sd_per_period > 0.0) st.external_demand_mean_per_period = level(rng);
    }
    auto r = solve_gsm(net, options);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    const double exact = fixtures::gsm_brute_force(net);
    EXPECT_NEAR(r->total_cost, exact, 1e-9 * std::max(1.0, exact)) << "trial " << trial;
    EXPECT_TRUE(r->proven_optimal) << "trial " << trial;
    EXPECT_LE(r->lower_bound, exact * (1.0 + 1e-12) + 1e-9);
  }
}

// Enumeration over every multiple of `step` periods: when every time is such a multiple, so is
// every vertex of the feasible set (gsm.h), and the concave cost's optimum is one of them.
double brute_force_on_step(const GsmNetwork& net, double step) {
  const std::vector<double> bound_sd = fixtures::gsm_bound_sd_by_paths(net);
  const std::size_t n = net.stages.size();
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : net.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  double horizon = 0.0;
  for (const auto& st : net.stages) horizon += st.processing_time_periods + st.external_inbound_service_time_periods;
  std::vector<double> s(n, 0.0);
  double best = std::numeric_limits<double>::infinity();
  std::function<void(std::size_t)> rec = [&](std::size_t j) {
    if (j == n) {
      double cost = 0.0;
      for (std::size_t k = 0; k < n; ++k) {
        double si = net.stages[k].external_inbound_service_time_periods;
        for (int i : preds[k]) si = std::max(si, s[static_cast<std::size_t>(i)]);
        // On the grid of tenths, so that 1.1 - 0.7 - 0.4 counts as 0 (sqrt would magnify the 1e-16).
        const double tau = std::round((si + net.stages[k].processing_time_periods - s[k]) * 10.0) / 10.0;
        if (tau < 0.0) return;
        cost += net.stages[k].holding_cost_per_unit_period * bound_sd[k] * std::sqrt(tau);
      }
      best = std::min(best, cost);
      return;
    }
    const auto& st = net.stages[j];
    const double bound = st.max_outbound_service_time_periods.value_or(
        st.external_demand_sd_per_period > 0.0 || st.external_demand_mean_per_period > 0.0 ? 0.0 : horizon);
    for (int v = 0; v * step <= bound + 1e-9; ++v) {
      s[j] = std::round(v * step * 10.0) / 10.0;
      rec(j + 1);
    }
  };
  rec(0);
  return best;
}

// Fractional times (tenths of a period) and fractional customer quotes: the search over the
// candidate values (sums of times along paths, gsm.h) finds the optimum of the enumeration over
// every tenth, proves it, and its answer re-evaluates to its cost.
TEST(GsmGeneral, ContinuousTimesMatchEnumerationOverTenths) {
  std::mt19937 rng(8080);
  GsmGeneralOptions options;
  const double times[] = {0.3, 0.7, 1.1, 0.0, 1.6};
  const double quotes[] = {0.0, 0.4, 1.3};
  for (int trial = 0; trial < 25; ++trial) {
    const int n = 3 + trial % 2;
    GsmNetwork net = fixtures::random_gsm_dag(rng, n, n);
    for (auto& st : net.stages) st.processing_time_periods = times[std::uniform_int_distribution<int>(0, 4)(rng)];
    for (auto& st : net.stages)
      if (st.max_outbound_service_time_periods) *st.max_outbound_service_time_periods = quotes[std::uniform_int_distribution<int>(0, 2)(rng)];
    net.stages[0].external_inbound_service_time_periods = 0.2;
    auto r = solve_gsm(net, options);
    ASSERT_TRUE(r.ok()) << describe(r.problems());
    const double exact = brute_force_on_step(net, 0.1);
    EXPECT_NEAR(r->total_cost, exact, 1e-9 * std::max(1.0, exact)) << "trial " << trial;
    EXPECT_TRUE(r->proven_optimal) << "trial " << trial;
    // The step is the coarsest that holds every time exactly: a whole number of tenths (0.2 when
    // every drawn time happens to be even in tenths; the draws differ between standard libraries).
    EXPECT_NEAR(std::round(r->time_resolution_periods / 0.1) * 0.1, r->time_resolution_periods, 1e-12) << "trial " << trial;
    std::vector<double> s;
    for (const auto& st : r->stages) s.push_back(st.outbound_service_time);
    auto e = evaluate_gsm(net, s);
    ASSERT_TRUE(e.ok()) << describe(e.problems());
    EXPECT_NEAR(e->total_cost, r->total_cost, 1e-9 * std::max(1.0, exact));
  }
}

// The search's budget counts work, not time: the same network gives the same answer twice, and
// a budget cut short still brackets the optimum.
// A search whose time limit has passed before its first DP: it stops there and says so.
GsmSolution solve_past_time_limit(const GsmNetwork& net) {
  GsmGeneralOptions tiny;
  tiny.time_limit_seconds = 1e-12;
  auto r = solve_gsm(net, tiny);
  EXPECT_TRUE(r.ok()) << describe(r.problems());
  if (!r.ok()) return {};
  EXPECT_TRUE(r->time_limit_reached);
  EXPECT_FALSE(r->proven_optimal);
  return std::move(r).value();
}

// The wall-time limit applies to trees too: a limit that has passed before the first DP ends
// the search with the first incumbent (every stage quoting 0), bound 0 and so gap 1, and says
// so; a limit that is not reached leaves the answer exactly as without one.
TEST(GsmGeneral, TimeLimitEndsEvenTheTreeDp) {
  const GsmNetwork net = textbook::snyder_shen_example_6_5();
  const GsmSolution cut = solve_past_time_limit(net);
  EXPECT_EQ(cut.lower_bound, 0.0);
  EXPECT_EQ(cut.gap, 1.0);
  auto quoting_zero = evaluate_gsm(net, std::vector<double>(net.stages.size(), 0.0));
  ASSERT_TRUE(quoting_zero.ok());
  EXPECT_NEAR(cut.total_cost, quoting_zero->total_cost, 1e-9);
  EXPECT_NE(cut.method.find("time limit"), std::string::npos) << cut.method;

  GsmGeneralOptions ample;
  ample.time_limit_seconds = 600.0;
  auto limited = solve_gsm(net, ample);
  auto unlimited = solve_gsm(net);
  ASSERT_TRUE(limited.ok() && unlimited.ok());
  EXPECT_FALSE(limited->time_limit_reached);
  EXPECT_EQ(limited->total_cost, unlimited->total_cost);
  EXPECT_EQ(limited->work_cells, unlimited->work_cells);
  EXPECT_TRUE(limited->proven_optimal);
}

// On a network with undirected cycles the limit also ends the first Lagrangian DP; the bound
// stays honest (0) and the incumbent is feasible.
TEST(GsmGeneral, TimeLimitBeforeTheFirstBoundKeepsAnHonestAnswer) {
  std::mt19937 rng(7);
  const GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 9);
  const GsmSolution r = solve_past_time_limit(net);
  const double exact = fixtures::gsm_brute_force(net);
  EXPECT_LE(r.lower_bound, exact + 1e-9);
  EXPECT_GE(r.total_cost, exact - 1e-9);
}

TEST(GsmGeneral, WorkBudgetIsDeterministic) {
  std::mt19937 rng(31337);
  for (int trial = 0; trial < 10; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 9);
    GsmGeneralOptions options;
    options.work_budget_cells = 200.0 * (1 + trial);
    auto a = solve_gsm(net, options);
    auto b = solve_gsm(net, options);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->total_cost, b->total_cost);
    EXPECT_EQ(a->lower_bound, b->lower_bound);
    EXPECT_EQ(a->work_cells, b->work_cells);
    const double exact = fixtures::gsm_brute_force(net);
    EXPECT_LE(a->lower_bound, exact + 1e-9);
    EXPECT_GE(a->total_cost, exact - 1e-9);
  }
}

// The bound is honest even when the search is cut short: lower bound <= brute-force optimum
// <= reported cost.
TEST(GsmGeneral, BoundBracketsOptimumWhenStoppedEarly) {
  std::mt19937 rng(99);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;
  options.max_nodes = 1;
  options.lagrangian_iterations = 3;
  options.local_search_rounds = 0;
  for (int trial = 0; trial < 30; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 8);
    auto r = solve_gsm(net, options);
    ASSERT_TRUE(r.ok());
    const double exact = fixtures::gsm_brute_force(net);
    EXPECT_LE(r->lower_bound, exact + 1e-9);
    EXPECT_GE(r->total_cost, exact - 1e-9);
  }
}

// The local search on the incumbent (polish_share) only ever improves it and keeps it
// feasible: with the search stopped right after the bounding phase, the polished answer costs
// no more than the unpolished one, no less than the enumerated optimum, and evaluating its
// service times gives its cost.
TEST(GsmGeneral, PolishNeverWorsensAndStaysFeasible) {
  std::mt19937 rng(2024);
  GsmGeneralOptions plain;
  plain.max_nodes = 0;
  plain.lagrangian_iterations = 2;
  plain.local_search_rounds = 0;
  plain.polish_share = 0.0;
  GsmGeneralOptions polished = plain;
  polished.polish_share = 1.0;
  for (int trial = 0; trial < 40; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 8);
    auto a = solve_gsm(net, plain);
    auto b = solve_gsm(net, polished);
    ASSERT_TRUE(a.ok() && b.ok());
    const double exact = fixtures::gsm_brute_force(net);
    EXPECT_LE(b->total_cost, a->total_cost + 1e-9) << "trial " << trial;
    EXPECT_GE(b->total_cost, exact - 1e-9) << "trial " << trial;
    std::vector<double> s;
    for (const auto& st : b->stages) s.push_back(st.outbound_service_time);
    auto e = evaluate_gsm(net, s);
    ASSERT_TRUE(e.ok()) << describe(e.problems());
    EXPECT_NEAR(e->total_cost, b->total_cost, 1e-9);
  }
}

// Searching in slices of one DP each must reach the very answer of one uninterrupted search
// (the node budget, not the clock, ends both), and the bound shown between slices is honest.
TEST(GsmSearch, SlicedSearchEqualsOneSearch) {
  std::mt19937 rng(2024);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;
  options.max_nodes = 5000;
  for (int trial = 0; trial < 20; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 8);
    auto whole = solve_gsm(net, options);
    ASSERT_TRUE(whole.ok()) << describe(whole.problems());
    auto search = GsmSearch::start(net, options);
    ASSERT_TRUE(search.ok()) << describe(search.problems());
    const double exact = fixtures::gsm_brute_force(net);
    int slices = 0;
    while (!search.value().step(1e-6)) {  // a budget far below one DP: one DP per slice
      ++slices;
      const GsmSolution partial = search->solution();
      EXPECT_FALSE(partial.proven_optimal);
      EXPECT_LE(partial.lower_bound, exact + 1e-9) << "trial " << trial << " slice " << slices;
      EXPECT_GE(partial.total_cost, exact - 1e-9);
    }
    const GsmSolution sliced = search->solution();
    EXPECT_EQ(sliced.total_cost, whole->total_cost) << "trial " << trial;
    EXPECT_EQ(sliced.lower_bound, whole->lower_bound) << "trial " << trial;
    EXPECT_EQ(sliced.proven_optimal, whole->proven_optimal);
    EXPECT_EQ(sliced.nodes, whole->nodes);
    EXPECT_TRUE(search->finished());
    EXPECT_EQ(search->phase(), "done");
  }
}

// Before any step the answer is the incumbent: quoting 0 everywhere (the single-echelon
// policy), or the warm start when it is better. Started from the optimum, the search shows the
// optimum at once.
// A chain of 6,000 stages, each taking 19,000 periods: the horizon is 1.14e8 periods, the tick
// about 1.14e8 / 57 (the automatic cap sqrt(2e7 / 6000) = 57 ticks), so every stage's time
// rounds up to one tick on the relaxation's grid and its inbound horizon grows by one tick per
// stage: 1 + 2 + ... + 6000 = 1.8e7 cells, over the 1e7 limit. Building them took gigabytes at
// 20,000 stages; start() refuses the network instead, from the grids' sizes alone.
TEST(GsmSearch, GridsTooLargeAreRefusedBeforeBeingBuilt) {
  GsmNetwork net;
  const int n = 6000;
  for (int j = 0; j < n; ++j) {
    GsmStage s;
    s.name = "s" + std::to_string(j);
    s.processing_time_periods = 19000.0;
    s.holding_cost_per_unit_period = 1.0;
    if (j == n - 1) {
      s.external_demand_mean_per_period = 10.0;
      s.external_demand_sd_per_period = 3.0;
    }
    net.stages.push_back(s);
    if (j > 0) net.arcs.push_back({j - 1, j, 1.0});
  }
  auto search = GsmSearch::start(net);
  ASSERT_FALSE(search.ok());
  EXPECT_NE(search.problems()[0].message.find("too large"), std::string::npos) << describe(search.problems());
  // 300 stages (45,150 cells) are planned as before.
  net.stages.resize(300);
  net.arcs.resize(299);
  net.stages.back().external_demand_mean_per_period = 10.0;
  net.stages.back().external_demand_sd_per_period = 3.0;
  EXPECT_TRUE(solve_gsm(net).ok());
}

TEST(GsmSearch, WarmStartIsTheFirstAnswer) {
  std::mt19937 rng(77);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;
  for (int trial = 0; trial < 10; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 8);
    const double exact = fixtures::gsm_brute_force(net);
    auto cold = GsmSearch::start(net, options);
    ASSERT_TRUE(cold.ok());
    auto zero = evaluate_gsm(net, std::vector<double>(net.stages.size(), 0.0));
    ASSERT_TRUE(zero.ok());
    EXPECT_NEAR(cold->solution().total_cost, zero->total_cost, 1e-9);
    EXPECT_FALSE(cold->finished());

    auto best = solve_gsm(net, options);
    ASSERT_TRUE(best.ok());
    std::vector<double> outbound;
    for (const auto& st : best->stages) outbound.push_back(st.outbound_service_time);
    auto warm = GsmSearch::start(net, options, outbound);
    ASSERT_TRUE(warm.ok());
    EXPECT_NEAR(warm->solution().total_cost, exact, 1e-9) << "trial " << trial;
    EXPECT_NE(warm->solution().method.find("has not started"), std::string::npos) << warm->solution().method;
    warm.value().step(0.0);
    EXPECT_EQ(warm->solution().method.find("has not started"), std::string::npos);
    EXPECT_NEAR(warm->solution().total_cost, exact, 1e-9);
    EXPECT_TRUE(warm->solution().proven_optimal);
  }
}

// A warm start of the wrong size (another network) or with impossible values is ignored.
TEST(GsmSearch, UnusableWarmStartIsIgnored) {
  const GsmNetwork net = textbook::snyder_shen_example_6_5();
  auto zero = evaluate_gsm(net, std::vector<double>(net.stages.size(), 0.0));
  ASSERT_TRUE(zero.ok());
  for (const std::vector<double>& warm : {std::vector<double>{1.0, 2.0},
                                          std::vector<double>(net.stages.size(), std::nan("")),
                                          std::vector<double>(net.stages.size(), -1.0)}) {
    auto search = GsmSearch::start(net, {}, warm);
    ASSERT_TRUE(search.ok());
    EXPECT_NEAR(search->solution().total_cost, zero->total_cost, 1e-9);
  }
}

TEST(GsmGeneral, RelaxingLargestServiceTimeNeverRaisesCost) {
  std::mt19937 rng(5);
  GsmGeneralOptions options;
  options.time_limit_seconds = 0.0;
  for (int trial = 0; trial < 20; ++trial) {
    GsmNetwork net = fixtures::random_gsm_dag(rng, 6, 6);
    auto before = solve_gsm(net, options);
    for (auto& s : net.stages)
      if (s.max_outbound_service_time_periods) *s.max_outbound_service_time_periods += 1.0;
    auto after = solve_gsm(net, options);
    ASSERT_TRUE(before.ok() && after.ok());
    ASSERT_TRUE(before->proven_optimal && after->proven_optimal);
    EXPECT_LE(after->total_cost, before->total_cost + 1e-9);
  }
}

TEST(GsmGeneral, ZeroVariabilityGivesZeroCost) {
  std::mt19937 rng(11);
  GsmNetwork net = fixtures::random_gsm_dag(rng, 8, 8);
  for (auto& s : net.stages) s.external_demand_sd_per_period = 0.0;
  net.stages.back().external_demand_mean_per_period = 3.0;
  auto r = solve_gsm(net);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total_cost, 0.0);
}

// Times that no grid of the ladder holds within the horizon cap are rounded; the answer is then
// feasible and the bound still holds. Times 1.3 and 0.7 on a grid capped at 2 ticks per period.
TEST(GsmGeneral, RoundedTimesKeepAValidBound) {
  GsmNetwork net;
  net.stages.resize(3);
  net.stages[0].processing_time_periods = 1.3;
  net.stages[1].processing_time_periods = 0.7;
  net.stages[2].processing_time_periods = 2.1;
  for (auto& s : net.stages) {
    s.holding_cost_per_unit_period = 1.0;
    s.safety_factor = 1.0;
  }
  net.stages[2].external_demand_sd_per_period = 1.0;
  net.arcs = {{0, 2, 1.0}, {1, 2, 1.0}, {0, 1, 1.0}};
  GsmGeneralOptions options;
  options.time_resolution_periods = 0.5;
  auto r = solve_gsm(net, options);
  ASSERT_TRUE(r.ok());
  // Continuous optimum by hand (bounds: 2 at stage 0, which reaches stage 2 along two paths, 1
  // elsewhere): buffering only at the end, S_0 = 1.3, S_1 = 2.0, tau_2 = 4.1, costs
  // sqrt(4.1) = 2.0248; buffering at 0 or 1 instead costs at least 1.414 + 1.844 (S_1 = 0) or
  // 2 sqrt(1.3) + sqrt(2.8) (S_0 = 0), so 2.0248 is the optimum.
  EXPECT_LE(r->lower_bound, std::sqrt(4.1) + 1e-9);
  EXPECT_GE(r->total_cost, std::sqrt(4.1) - 1e-9);
  std::vector<double> s;
  for (const auto& st : r->stages) s.push_back(st.outbound_service_time);
  EXPECT_TRUE(evaluate_gsm(net, s).ok());
}

}  // namespace
}  // namespace echelon
