#include "core/service/service_study.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace echelon::service {
namespace {

std::vector<ServiceItem> three_items() {
  struct Spec { double mean, sd, lead, cost; };
  const Spec specs[3] = {{100, 30, 2, 1.0}, {10, 8, 4, 20.0}, {6, 0, 1, 5.0}};
  std::vector<ServiceItem> items;
  for (int i = 0; i < 3; ++i) {
    ServiceItem it;
    it.id = "i" + std::to_string(i);
    it.segment = i == 0 ? "fast" : "slow";
    it.unit_cost = specs[i].cost;
    if (i == 2) it.demand.demand = {DemandKind::poisson, specs[i].mean, 0.0, {}};
    else it.demand.demand = {DemandKind::normal, specs[i].mean, specs[i].sd, {}};
    it.demand.lead_time.mean_periods = specs[i].lead;
    it.demand.review_period_periods = 1;
    it.min_fill_rate = 0.8;
    it.current_fill_rate = 0.97;
    items.push_back(it);
  }
  return items;
}

ServiceRequest request() {
  ServiceRequest r;
  r.allocation.target_fill_rate = 0.95;
  r.verification.periods = 3000;
  r.verification.replications = 8;
  return r;
}

// Sliced one unit at a time or run in one call, a study gives the same answer; progress never goes
// back and ends at 1; the answer keeps its promise analytically and in simulation.
TEST(ServiceStudy, SlicingDoesNotChangeTheAnswer) {
  auto a = ServiceStudy::start(three_items(), request());
  auto b = ServiceStudy::start(three_items(), request());
  ASSERT_TRUE(a.ok() && b.ok());
  a.value().step(1LL << 40);
  ASSERT_TRUE(a->done());
  double last = 0.0;
  int calls = 0, simulation_calls = 0;
  while (!b->done()) {
    simulation_calls += b->phase() == "simulation check";
    b.value().step(7);
    EXPECT_GE(b->progress(), last);
    last = b->progress();
    ++calls;
  }
  EXPECT_GT(calls, 5);  // each curve, the allocation and the promise take calls of their own
  // A replication of 3,200 periods costs 3 units, and a call stops once it has spent at least its
  // 7: three replications a call, so the 24 replications of the three items take about 8 calls
  // (one per item, 3, if an item's check could not stop between replications).
  EXPECT_GE(simulation_calls, 7);
  EXPECT_DOUBLE_EQ(b->progress(), 1.0);
  ASSERT_FALSE(a->failed()) << describe(a->problems());
  const ServiceResults& ra = a->results();
  const ServiceResults& rb = b->results();
  ASSERT_EQ(ra.optimized.items.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(ra.optimized.items[i].level, rb.optimized.items[i].level);
  EXPECT_EQ(ra.uniform.investment, rb.uniform.investment);
  EXPECT_EQ(ra.current.investment, rb.current.investment);
  ASSERT_EQ(ra.frontier.overall.points.size(), rb.frontier.overall.points.size());
  for (std::size_t k = 0; k < ra.frontier.overall.points.size(); ++k) {
    EXPECT_EQ(ra.frontier.overall.points[k].fill_rate, rb.frontier.overall.points[k].fill_rate);
    EXPECT_EQ(ra.frontier.overall.points[k].investment, rb.frontier.overall.points[k].investment);
  }
  EXPECT_DOUBLE_EQ(ra.verification.simulated_fill_rate, rb.verification.simulated_fill_rate);
  ASSERT_EQ(ra.verification.items.size(), rb.verification.items.size());
  for (std::size_t i = 0; i < ra.verification.items.size(); ++i) {
    EXPECT_EQ(ra.verification.items[i].simulated_fill_rate.mean, rb.verification.items[i].simulated_fill_rate.mean);
    EXPECT_EQ(ra.verification.items[i].simulated_fill_rate.standard_error,
              rb.verification.items[i].simulated_fill_rate.standard_error);
  }
  EXPECT_GE(ra.optimized.aggregate_fill_rate, 0.95 - 1e-9);
  EXPECT_GE(ra.promised_fill_rate, 0.95 - 1e-9);
  EXPECT_LE(ra.optimized.investment, ra.uniform.investment + 1e-9);
  EXPECT_GE(ra.savings_vs_uniform, 0.0);
  EXPECT_TRUE(ra.has_current);
  EXPECT_GT(ra.current.investment, 0.0);
  EXPECT_FALSE(ra.frontier.overall.points.empty());
  EXPECT_EQ(ra.frontier.segments.size(), 2u);
  ASSERT_TRUE(ra.verified);
  EXPECT_TRUE(ra.verification.met) << ra.verification.promised_fill_rate << " vs " << ra.verification.simulated_fill_rate
                                   << " ± " << ra.verification.half_width_95;
  EXPECT_EQ(a->phase(), "done");
  // One unit a call: the allocation and the frontier each take a call of their own, and the
  // answer is still the same.
  auto c = ServiceStudy::start(three_items(), request());
  ASSERT_TRUE(c.ok());
  int frontier_starts = 0;
  while (!c->done()) {
    frontier_starts += c->phase() == "frontier";
    c.value().step(1);
  }
  EXPECT_EQ(frontier_starts, 1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ra.optimized.items[i].level, c->results().optimized.items[i].level);
  EXPECT_EQ(ra.uniform.investment, c->results().uniform.investment);
  EXPECT_EQ(ra.verification.simulated_fill_rate, c->results().verification.simulated_fill_rate);
}

TEST(ServiceStudy, UnreachableTargetFailsWithTheField) {
  ServiceRequest r = request();
  r.allocation.target_fill_rate = 0.998;  // every item's upper bound is 0.995
  auto s = ServiceStudy::start(three_items(), r);
  ASSERT_TRUE(s.ok());
  s.value().step(1LL << 40);
  ASSERT_TRUE(s->failed());
  EXPECT_EQ(s->problems()[0].path, "target_fill_rate");
}

TEST(ServiceStudy, BadItemsAreNamed) {
  std::vector<ServiceItem> items = three_items();
  items[1].unit_cost = -3;
  auto s = ServiceStudy::start(items, request());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.problems()[0].path, "items/1/unit_cost");
}

}  // namespace
}  // namespace echelon::service
