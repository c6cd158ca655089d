#include "core/plan/plan_sim.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/test_scenarios.h"

namespace echelon {
namespace {

// The serial line of support/test_scenarios.h, simulated long enough for tight intervals.
Scenario serial_two_stage() {
  Scenario s = fixtures::serial_two_stage();
  s.settings.horizon_periods = 400;
  s.settings.warm_up_periods = 20;
  s.settings.replications = 64;
  s.settings.random_seed = 7;
  return s;
}

TEST(PlanSim, MapsStagesPoliciesAndLeadTimes) {
  const Scenario s = serial_two_stage();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  auto net = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(net.ok()) << describe(net.problems());
  ASSERT_EQ(net->stages.size(), 2u);
  ASSERT_EQ(net->arcs.size(), 1u);
  EXPECT_DOUBLE_EQ(net->stages[0].supply_lead_time_periods.mean, 3.0);
  EXPECT_DOUBLE_EQ(net->arcs[0].lead_time_periods.mean, 2.0);
  EXPECT_TRUE(net->stages[1].has_external_demand);
  EXPECT_DOUBLE_EQ(net->stages[1].policy.order_up_to, plan->stages[1].multi_echelon.base_stock_level);
  EXPECT_EQ(net->settings.replications, 64);
}

// The plan puts all stock at the store, covering 5 periods at 95%: with base-stock reviewed every
// period the store ends a period short exactly when 5 periods of demand exceed its level, so the
// simulated per-period stockout probability must match 5% within its confidence interval.
TEST(PlanSim, GuaranteedServicePlanDeliversItsCycleServiceLevel) {
  const Scenario s = serial_two_stage();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  auto net = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(net.ok());
  auto estimates = sim::simulate(*net);
  ASSERT_TRUE(estimates.ok()) << describe(estimates.problems());
  const sim::Estimate stockout = estimates->stages[1].stockout_probability;
  // Half-widths are 95% intervals (about 2 standard errors); allow 2 half-widths (about 4 se).
  EXPECT_NEAR(stockout.mean, 0.05, 2.0 * stockout.half_width + 1e-9)
      << "simulated " << stockout.mean << " +/- " << stockout.half_width;
  EXPECT_GT(stockout.half_width, 0.0);
}

// A learned history is simulated with its learned family at the plan's mean and sd.
TEST(PlanSim, LearnedHistoryIsSimulatedWithItsLearnedDistribution) {
  Scenario s = serial_two_stage();
  s.demands[0].per_period.reset();
  History h;
  for (int t = 0; t < 40; ++t) h.quantities.push_back(static_cast<double>((t * 7) % 11));
  s.demands[0].history = h;
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  ASSERT_TRUE(plan->stages[1].demand_model.simulated.has_value());
  auto net = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(net.ok()) << describe(net.problems());
  const sim::Distribution& d = net->stages[1].demand_per_period;
  const Distribution& learned = *plan->stages[1].demand_model.simulated;
  if (d.kind == sim::DistributionKind::discrete) {
    double m = 0.0;
    for (std::size_t i = 0; i < d.values.size(); ++i) m += d.values[i] * d.probabilities[i];
    EXPECT_NEAR(m, mean(learned), 1e-9);
  } else {
    EXPECT_NEAR(d.mean, mean(learned), 1e-9);
  }
}

}  // namespace
}  // namespace echelon
