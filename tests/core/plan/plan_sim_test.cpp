#include "core/plan/plan_sim.h"
#include "core/plan/plan.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <utility>

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
  ASSERT_TRUE(plan->stages[1].demand_model.simulated != nullptr);
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

// The scenario's policies are simulated as given (docs/scenario-format.md, "Levels left out are
// computed by the planner"): a given level reaches the simulator, and lowering it changes what
// the simulation reports.
TEST(PlanSim, GivenLevelChangesTheSimulation) {
  Scenario s = serial_two_stage();
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  auto planned = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(planned.ok());
  const double plan_level = plan->stages[1].multi_echelon.base_stock_level;

  // A base_stock policy without levels is the plan itself.
  Policy p;
  p.node = "store";
  p.item = "w";
  p.kind = PolicyKind::base_stock;
  s.policies = {p};
  auto same = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->stages[1].policy.kind, sim::PolicyKind::base_stock);
  EXPECT_DOUBLE_EQ(same->stages[1].policy.order_up_to, plan_level);

  // 30 units below the plan's level (about 2.7 sd of the 5 periods' demand below it).
  s.policies[0].order_up_to_level = plan_level - 30.0;
  auto lowered = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(lowered.ok());
  EXPECT_DOUBLE_EQ(lowered->stages[1].policy.order_up_to, plan_level - 30.0);
  auto before = sim::simulate(*planned);
  auto after = sim::simulate(*lowered);
  ASSERT_TRUE(before.ok() && after.ok());
  const sim::Estimate& a = before->stages[1].stockout_probability;
  const sim::Estimate& b = after->stages[1].stockout_probability;
  // 5 periods of normal(20, 5) demand are normal(100, 11.18): the plan level 100 + 1.645 * 11.18 =
  // 118.4 is short in 5% of periods, 88.4 in P(Z > -1.04) = 85% of them.
  EXPECT_GT(b.mean - b.half_width, a.mean + a.half_width) << a.mean << " against " << b.mean;
  EXPECT_GT(b.mean, 0.5);
}

// Each kind, with its levels left out, takes them from the plan (plan_sim.h): R_S adds R - 1
// periods of mean demand, s_S and r_Q take the EOQ as lot. Store: mu = 20 per period, h = 2, and
// with K = 50 the EOQ is sqrt(2 * 50 * 20 / 2) = sqrt(1000) = 31.6228 (by hand).
TEST(PlanSim, PolicyKindsTakeMissingLevelsFromThePlan) {
  Scenario s = serial_two_stage();
  s.nodes[1].fixed_order_cost = 50.0;
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok());
  const double b = plan->stages[1].multi_echelon.base_stock_level;
  ASSERT_NEAR(plan->stages[1].multi_echelon.demand_mean_per_period, 20.0, 1e-12);
  Policy p;
  p.node = "store";
  p.item = "w";

  p.kind = PolicyKind::r_s;
  p.review_period_periods = 3.0;
  s.policies = {p};
  auto rs = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(rs.ok()) << describe(rs.problems());
  EXPECT_EQ(rs->stages[1].policy.kind, sim::PolicyKind::periodic_review);
  EXPECT_EQ(rs->stages[1].policy.review_period_periods, 3);
  EXPECT_DOUBLE_EQ(rs->stages[1].policy.order_up_to, b + 40.0);

  p.kind = PolicyKind::s_s;
  p.review_period_periods = 2.0;
  p.order_up_to_level = b + 100.0;
  s.policies = {p};
  auto ss = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(ss.ok());
  EXPECT_EQ(ss->stages[1].policy.kind, sim::PolicyKind::min_max);
  EXPECT_EQ(ss->stages[1].policy.review_period_periods, 2);
  EXPECT_DOUBLE_EQ(ss->stages[1].policy.order_up_to, b + 100.0);
  EXPECT_DOUBLE_EQ(ss->stages[1].policy.reorder_level, b + 20.0);
  // Reviewed every other period, the store orders at most every other period: at most 25 a period.
  auto est = sim::simulate(*ss);
  ASSERT_TRUE(est.ok());
  EXPECT_LE(est->stages[1].ordering_cost.mean, 25.0 + 1e-9);
  EXPECT_GT(est->stages[1].ordering_cost.mean, 5.0);

  p.order_up_to_level.reset();
  p.review_period_periods = 1.0;
  s.policies = {p};
  auto ss_default = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(ss_default.ok());
  EXPECT_DOUBLE_EQ(ss_default->stages[1].policy.reorder_level, b);
  EXPECT_NEAR(ss_default->stages[1].policy.order_up_to, b + 31.6227766, 1e-6);

  p.kind = PolicyKind::r_q;
  p.review_period_periods = 0.0;
  s.policies = {p};
  auto rq = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(rq.ok());
  EXPECT_EQ(rq->stages[1].policy.kind, sim::PolicyKind::reorder_point);
  EXPECT_DOUBLE_EQ(rq->stages[1].policy.reorder_level, b);
  EXPECT_NEAR(rq->stages[1].policy.order_quantity, 31.6227766, 1e-6);
  EXPECT_EQ(rq->stages[1].policy.review_period_periods, 1);  // continuous review: every period
  s.policies[0].review_period_periods = 3.0;
  auto rq_periodic = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(rq_periodic.ok());
  EXPECT_EQ(rq_periodic->stages[1].policy.review_period_periods, 3);
  EXPECT_DOUBLE_EQ(rq_periodic->stages[1].policy.reorder_level, b + 40.0);
  auto rq_est = sim::simulate(*rq_periodic);
  ASSERT_TRUE(rq_est.ok());
  EXPECT_LE(rq_est->stages[1].ordering_cost.mean, 50.0 / 3.0 + 1e-9);  // at most one order in 3 periods
  s.policies[0].review_period_periods = 0.0;
  s.policies[0].order_quantity = 7.0;
  s.policies[0].reorder_point = 12.0;
  auto rq_given = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(rq_given.ok());
  EXPECT_DOUBLE_EQ(rq_given->stages[1].policy.order_quantity, 7.0);
  EXPECT_DOUBLE_EQ(rq_given->stages[1].policy.reorder_level, 12.0);
  // The supplier has no policy: the plan's base-stock level as before.
  EXPECT_EQ(rq_given->stages[0].policy.kind, sim::PolicyKind::base_stock);
  EXPECT_DOUBLE_EQ(rq_given->stages[0].policy.order_up_to, std::max(0.0, plan->stages[0].multi_echelon.base_stock_level));
}

}  // namespace
}  // namespace echelon

namespace echelon {
namespace {

// Shortage-cost targets reach the simulated stage: the last applicable one in scenario order,
// whether it names the item or only the node; targets of another item or measure do not apply.
TEST(SimNetworkFromPlan, LastApplicableShortageCostTargetApplies) {
  // The plan of the scenario without them (the targets only change the simulated costs here; a
  // node-wide cost target is a segment's in a valid scenario, the case the lookup also covers).
  auto plan = make_plan(fixtures::serial_two_stage());
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  Scenario s = fixtures::serial_two_stage();
  const auto cost = [](std::optional<std::string> item, ServiceMeasure m, double v) {
    return ServiceTarget{std::string("store"), std::move(item), std::nullopt, m, v};
  };
  s.service_targets = {cost(std::string("w"), ServiceMeasure::backorder_cost_per_unit_period, 5.0),
                       cost(std::nullopt, ServiceMeasure::stockout_cost_per_unit, 7.0),
                       cost(std::string("other"), ServiceMeasure::backorder_cost_per_unit_period, 11.0),
                       cost(std::string("w"), ServiceMeasure::cycle_service_level, 0.9)};
  auto net = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(net.ok()) << describe(net.problems());
  std::size_t store = 0;
  for (std::size_t j = 0; j < plan->stages.size(); ++j) store = plan->stages[j].node == "store" ? j : store;
  EXPECT_EQ(net->stages[store].shortage_cost_per_unit, 7.0);  // the node-wide target comes after the item's
  std::swap(s.service_targets[0], s.service_targets[1]);
  net = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(net.ok());
  EXPECT_EQ(net->stages[store].shortage_cost_per_unit, 5.0);  // now the item's comes last
}

}  // namespace
}  // namespace echelon
