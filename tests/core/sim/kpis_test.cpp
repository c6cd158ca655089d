#include "core/sim/kpis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::sim {
namespace {

// Student t 97.5% quantiles in closed form: 1 degree of freedom tan(0.475 pi) = 12.7062047362;
// 2 degrees (2p - 1) sqrt(2 / (4 p (1 - p))) at p = 0.975 = 4.3026527297.
constexpr double kT1 = 12.706204736174707;
constexpr double kT2 = 4.302652729749461;

// {2, 4, 9}: mean 5, squared deviations 9 + 1 + 16 = 26, sample variance 13, standard error
// sqrt(13 / 3) = 2.0816660, half-width t(0.975, 2) * 2.0816660 = 8.9566859.
TEST(SimKpis, WelfordMeanAndHalfWidthOnAHandExample) {
  Welford w;
  w.add(2.0);
  EXPECT_TRUE(std::isinf(w.estimate().half_width));  // one replication: no interval
  w.add(4.0);
  w.add(9.0);
  const Estimate e = w.estimate();
  EXPECT_DOUBLE_EQ(e.mean, 5.0);
  EXPECT_DOUBLE_EQ(w.m2, 26.0);
  EXPECT_NEAR(e.half_width, kT2 * std::sqrt(13.0 / 3.0), 1e-5);
  EXPECT_NEAR(e.half_width, 8.9566859, 1e-5);
}

// One stage over 10 periods: external demand 100 of which 90 met from stock -> fill 0.9; 4
// replenishment cycles, 1 with a stockout -> CSL 0.75; on hand 50 + in transit 30 = 80 stock
// charged -> value 5 * 80 / 10 = 40, holding 2 * 80 / 10 = 16; 3 orders at 10 -> 3; backorders
// 6 at 4 -> 2.4; total 16 + 3 + 2.4 = 21.4; on time in 7 of 10 periods, 20 of 100 due units late
// -> 0.7 and 0.8.
TEST(SimKpis, StageValuesFromTheirSumsOnAHandExample) {
  SimStage st;
  st.unit_value = 5.0;
  st.holding_cost_per_unit_period = 2.0;
  st.ordering_cost_per_order = 10.0;
  st.shortage_cost_per_unit = 4.0;
  double sums[kAccCount] = {};
  sums[aExtDemand] = 100.0;
  sums[aExtFilled] = 90.0;
  sums[aCycles] = 4.0;
  sums[aCycleStockouts] = 1.0;
  sums[aStockout] = 2.0;
  sums[aReady] = 9.0;
  sums[aOnHand] = 50.0;
  sums[aInTransit] = 30.0;
  sums[aOrders] = 3.0;
  sums[aBackorders] = 6.0;
  sums[aOnTimePeriods] = 7.0;
  sums[aDueUnits] = 100.0;
  sums[aLateUnits] = 20.0;
  double v[kStageKpiCount];
  stage_kpi_values(st, sums, 10.0, v);
  EXPECT_DOUBLE_EQ(v[kFill], 0.9);
  EXPECT_DOUBLE_EQ(v[kCsl], 0.75);
  EXPECT_DOUBLE_EQ(v[kReady], 0.9);
  EXPECT_DOUBLE_EQ(v[kStockout], 0.2);
  EXPECT_DOUBLE_EQ(v[kOnHand], 5.0);
  EXPECT_DOUBLE_EQ(v[kInTransit], 3.0);
  EXPECT_DOUBLE_EQ(v[kValue], 40.0);
  EXPECT_DOUBLE_EQ(v[kHold], 16.0);
  EXPECT_DOUBLE_EQ(v[kOrder], 3.0);
  EXPECT_DOUBLE_EQ(v[kShort], 2.4);
  EXPECT_DOUBLE_EQ(v[kTotal], 21.4);
  EXPECT_DOUBLE_EQ(v[kOnTimePeriods], 0.7);
  EXPECT_DOUBLE_EQ(v[kOnTimeUnits], 0.8);
  // No demand and no receipt: fill 1; CSL 0 once the stage was short, else 1; nothing due: 1.
  double none[kAccCount] = {};
  none[aStockout] = 1.0;
  stage_kpi_values(st, none, 10.0, v);
  EXPECT_EQ(v[kFill], 1.0);
  EXPECT_EQ(v[kCsl], 0.0);
  EXPECT_EQ(v[kOnTimeUnits], 1.0);
}

// Two replications of one store (holding 1, 10 periods): on hand 50 and 70 -> costs 5 and 7;
// fill 90/100 and 100/100. Means 6 and 0.95; half-widths t(0.975, 1) * standard error:
// cost deviations +-1 -> variance 2, standard error 1, half-width 12.706; fill deviations
// +-0.05 -> variance 0.005, standard error 0.05, half-width 0.6353. Quantiles of {5, 7}
// (Hyndman-Fan 7): median 6, p90 5 + 0.9 * 2 = 6.8, p95 6.9; CVaR 95%: the worst ceil(2 / 20) = 1
// replication, 7. Short periods 3 and 0 of 10 -> stockout share 0.15.
TEST(SimKpis, TallyOverReplicationsOnAHandExample) {
  std::vector<SimStage> stages(1);
  stages[0].holding_cost_per_unit_period = 1.0;
  stages[0].has_external_demand = true;
  KpiTally tally;
  tally.reset(1);
  double sums[kAccCount] = {};
  sums[aExtDemand] = 100.0;
  sums[aExtFilled] = 90.0;
  sums[aOnHand] = 50.0;
  tally.add_replication(stages, sums, 3.0, 10.0);
  sums[aExtFilled] = 100.0;
  sums[aOnHand] = 70.0;
  tally.add_replication(stages, sums, 0.0, 10.0);
  const SimEstimates e = tally.estimates(2, 4);
  const NetworkKpis& nk = e.network;
  EXPECT_DOUBLE_EQ(nk.total_cost.mean, 6.0);
  EXPECT_NEAR(nk.total_cost.half_width, kT1 * 1.0, 1e-5);
  EXPECT_DOUBLE_EQ(nk.fill_rate.mean, 0.95);
  EXPECT_NEAR(nk.fill_rate.half_width, kT1 * 0.05, 1e-6);
  EXPECT_DOUBLE_EQ(nk.holding_cost.mean, 6.0);
  EXPECT_DOUBLE_EQ(nk.stockout_probability.mean, 0.15);
  EXPECT_DOUBLE_EQ(nk.total_cost_median, 6.0);
  EXPECT_DOUBLE_EQ(nk.total_cost_p90, 6.8);
  EXPECT_DOUBLE_EQ(nk.total_cost_p95, 6.9);
  EXPECT_DOUBLE_EQ(nk.total_cost_cvar95, 7.0);
  EXPECT_DOUBLE_EQ(nk.worst_fill_rate, 0.9);
  ASSERT_EQ(e.stages.size(), 1u);
  EXPECT_DOUBLE_EQ(e.stages[0].worst_fill_rate, 0.9);
  EXPECT_DOUBLE_EQ(e.stages[0].on_hand.mean, 6.0);
  EXPECT_EQ(e.convergence.replications_done, 2);
  EXPECT_FALSE(e.convergence.finished);
  EXPECT_NEAR(e.convergence.total_cost_relative_half_width, kT1 / 6.0, 1e-6);
  tally.reset(1);
  EXPECT_TRUE(tally.rep_total_cost.empty());
  EXPECT_EQ(tally.net_kpi[nTotal].n, 0.0);
}

}  // namespace
}  // namespace echelon::sim
