#include "core/meio/gsm_willems.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/meio/gsm_general.h"

namespace echelon {
namespace {

std::string chain_path(int number) {
  char name[512];
  std::snprintf(name, sizeof name, "%s/willems/willems_%02d.csv", ECHELON_SHARED_DATA_DIR, number);
  return name;
}

Result<GsmNetwork> load_chain(int number) {
  std::ifstream in(chain_path(number), std::ios::binary);
  if (!in) return Problem{chain_path(number), "cannot open"};
  std::stringstream text;
  text << in.rdbuf();
  auto chain = parse_willems_csv(text.str());
  if (!chain.ok()) return chain.problems();
  return gsm_network_from_willems(*chain);
}

// Hand-built chain: part (cost 2) and part (cost 3) feed an assembly (cost 5) that feeds a
// retailer (cost 1): values 2, 3, 10, 11; holding costs 0.35 * value.
TEST(GsmWillems, UnitValuesAccumulateAlongTheBillOfMaterials) {
  WillemsChain c;
  c.stages.resize(4);
  const double cost[] = {2, 3, 5, 1};
  for (std::size_t j = 0; j < 4; ++j) {
    c.stages[j].name = std::string(1, static_cast<char>('a' + j));
    c.stages[j].stage_cost = cost[j];
    c.stages[j].stage_time_mean_days = 1.0;
  }
  c.stages[3].is_demand_stage = true;
  c.stages[3].avg_demand_per_day = 10;
  c.stages[3].sd_demand_per_day = 3;
  c.stages[3].service_level = 0.95;
  c.arcs = {{0, 2}, {1, 2}, {2, 3}};
  auto net = gsm_network_from_willems(c);
  ASSERT_TRUE(net.ok()) << describe(net.problems());
  EXPECT_DOUBLE_EQ(net->stages[2].unit_value, 10.0);
  EXPECT_DOUBLE_EQ(net->stages[3].unit_value, 11.0);
  EXPECT_DOUBLE_EQ(net->stages[3].holding_cost_per_unit_period, 0.35 * 11.0);
  EXPECT_NEAR(net->stages[3].safety_factor, 1.6448536269514722, 1e-9);
  EXPECT_EQ(net->stages[3].max_outbound_service_time_periods.value_or(-1), 0.0);
  c.stages[3].service_level = 1.0;
  EXPECT_FALSE(gsm_network_from_willems(c).ok());
}

// Stage-time spread, only when asked: stDevStageTime 0.5, or a discrete table {2: 0.25, 4: 0.75}
// (mean 3.5, variance 0.25 * 2.25 + 0.75 * 0.25 = 0.75, sd 0.8660254).
TEST(GsmWillems, StochasticStageTimesWhenAsked) {
  WillemsChain c;
  c.stages.resize(2);
  c.stages[0].name = "part";
  c.stages[0].stage_time_mean_days = 3.0;
  c.stages[0].stage_time_sd_days = 0.5;
  c.stages[1].name = "shop";
  c.stages[1].stage_time_mean_days = 3.5;
  c.stages[1].stage_time_distribution = {{0.25, 2.0}, {0.75, 4.0}};
  c.stages[1].is_demand_stage = true;
  c.stages[1].avg_demand_per_day = 10;
  c.stages[1].sd_demand_per_day = 3;
  c.stages[1].service_level = 0.95;
  c.arcs = {{0, 1}};
  auto plain = gsm_network_from_willems(c);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->stages[0].processing_time_sd_periods, 0.0);
  WillemsGsmOptions o;
  o.stochastic_stage_times = true;
  auto random = gsm_network_from_willems(c, o);
  ASSERT_TRUE(random.ok());
  EXPECT_DOUBLE_EQ(random->stages[0].processing_time_sd_periods, 0.5);
  EXPECT_NEAR(random->stages[1].processing_time_sd_periods, 0.8660254037844386, 1e-12);
}

// Humair & Willems (2011), optimal safety-stock costs of the chains without stage-time
// variability (3 significant figures), as listed in the reference-data notes:
// 13: 6,090,000; 17: 1,090,000; 23: 426,000; 25: 1,140,000; 35: 1,790,000.
// Where the solver does not land within rounding, `tolerance` says by how much and why:
// - chain 23: the solver proves 425,385 optimal (gap 0, the solution re-evaluates to that
//   cost), 0.14% below the published 426,000, so the published figure is not the optimum of
//   the convention as written (a safety factor rounded to 2.33 for 99% would explain it).
// Chain 35 is proven optimal at 1,794,628, which rounds to the published figure.
struct Published {
  int chain;
  double cost;
  double tolerance;  // relative; 0 = within rounding to 3 significant figures
};

template <class Chain>
std::string ChainName(const ::testing::TestParamInfo<Chain>& param_info) {
  char name[32];
  std::snprintf(name, sizeof name, "chain%02d", param_info.param.chain);
  return name;
}

class GsmWillemsPublished : public ::testing::TestWithParam<Published> {};

TEST_P(GsmWillemsPublished, ReproducesPublishedOptimalCost) {
  const Published p = GetParam();
  auto net = load_chain(p.chain);
  if (!net.ok()) GTEST_SKIP() << "reference data not available: " << describe(net.problems());
  auto r = solve_gsm(*net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  // Within rounding to 3 significant figures: |cost - published| <= half a unit of the third digit.
  const double unit = std::pow(10.0, std::floor(std::log10(p.cost)) - 2.0);
  const double allowed = std::max(0.5 * unit, p.tolerance * p.cost);
  EXPECT_NEAR(r->total_cost, p.cost, allowed) << "lower bound " << r->lower_bound << ", gap " << r->gap;
  // A proven bound can never exceed a true optimum.
  EXPECT_LE(r->lower_bound, p.cost + 0.5 * unit);
  // The reported service times reproduce the reported cost.
  std::vector<double> s;
  for (const auto& st : r->stages) s.push_back(st.outbound_service_time);
  auto e = evaluate_gsm(*net, s);
  ASSERT_TRUE(e.ok()) << describe(e.problems());
  EXPECT_NEAR(e->total_cost, r->total_cost, 1e-6 * r->total_cost);
}

INSTANTIATE_TEST_SUITE_P(Chains, GsmWillemsPublished,
                         ::testing::Values(Published{13, 6.09e6, 0.0}, Published{17, 1.09e6, 0.0},
                                           Published{23, 4.26e5, 0.002}, Published{25, 1.14e6, 0.0},
                                           Published{35, 1.79e6, 0.0}),
                         ChainName<Published>);

// The chains without a reliable published cost whose search does not close its gap within the
// default budget: the proven gap stays within 1%, and chain 27 lands within 0.1% of the least
// cost known for it, 727,412 (an earlier version of the search with 20 times the budget).
struct Unpublished {
  int chain;
  double best_known;  // 0: none to compare with beyond the bound
};

class GsmWillemsUnpublished : public ::testing::TestWithParam<Unpublished> {};

TEST_P(GsmWillemsUnpublished, ProvenGapWithinOnePercent) {
  const Unpublished p = GetParam();
  auto net = load_chain(p.chain);
  if (!net.ok()) GTEST_SKIP() << "reference data not available: " << describe(net.problems());
  auto r = solve_gsm(*net);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_LE(r->gap, 0.01) << "cost " << r->total_cost << ", lower bound " << r->lower_bound;
  EXPECT_LE(r->lower_bound, r->total_cost);
  if (p.best_known > 0.0) {
    EXPECT_LE(r->total_cost, 1.001 * p.best_known);
    EXPECT_LE(r->lower_bound, p.best_known);
  }
}

INSTANTIATE_TEST_SUITE_P(Chains, GsmWillemsUnpublished,
                         ::testing::Values(Unpublished{19, 0.0}, Unpublished{21, 0.0}, Unpublished{27, 727412.0}),
                         ChainName<Unpublished>);

}  // namespace
}  // namespace echelon
