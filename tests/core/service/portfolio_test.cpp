#include "core/service/portfolio.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/io/scenario_json.h"

namespace echelon::service {
namespace {

double mean_of(const std::vector<LeadTimePoint>& pts) {
  double m = 0.0, total = 0.0;
  for (const auto& p : pts) {
    m += p.periods * p.probability;
    total += p.probability;
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  return m;
}

// A constant lead time is one point; a gamma(4, 0.75) (mean 3) becomes whole periods whose mean
// stays within rounding of 3 (the half-period bins are centred on the whole values).
TEST(Portfolio, WholePeriodLeadTimes) {
  const auto c = whole_period_points(dist::Constant{2.0});
  ASSERT_EQ(c.size(), 1u);
  EXPECT_DOUBLE_EQ(c[0].periods, 2.0);
  const auto g = whole_period_points(dist::Gamma{4.0, 0.75});
  EXPECT_GT(g.size(), 5u);
  EXPECT_NEAR(mean_of(g), 3.0, 0.05);
  for (const auto& p : g) EXPECT_DOUBLE_EQ(p.periods, std::round(p.periods));
}

Scenario small_scenario() {
  Scenario s;
  s.name = "t";
  Node dc;
  dc.id = "dc";
  dc.processing_time = dist::Constant{2.0};
  s.nodes.push_back(dc);
  for (auto [id, cost] : {std::pair<const char*, double>{"fast", 10.0}, {"slow", 50.0}, {"dead", 1.0}, {"dist", 2.0}}) {
    Item it;
    it.id = id;
    it.unit_cost = cost;
    s.items.push_back(it);
  }
  std::vector<double> fast, slow, dead(30, 0.0);
  for (int t = 0; t < 60; ++t) {
    fast.push_back(100 + (t % 5) * 10 - 20);  // 80..120, mean 100
    slow.push_back(t % 4 == 0 ? 3 : 0);       // intermittent, mean 0.75
  }
  s.demands.push_back({"dc", "fast", std::nullopt, History{std::nullopt, fast}});
  s.demands.push_back({"dc", "slow", std::nullopt, History{std::nullopt, slow}});
  s.demands.push_back({"dc", "dead", std::nullopt, History{std::nullopt, dead}});
  s.demands.push_back({"dc", "dist", Distribution{dist::Normal{50.0, 10.0}}, std::nullopt});
  ServiceTarget t;
  t.node = "dc";
  t.measure = ServiceMeasure::cycle_service_level;
  t.value = 0.95;
  s.service_targets.push_back(t);
  return s;
}

TEST(Portfolio, ItemsFromAScenario) {
  auto p = portfolio_from_scenario(small_scenario());
  ASSERT_TRUE(p.ok()) << describe(p.problems());
  ASSERT_EQ(p->items.size(), 3u);  // "dead" has no demand to serve
  ASSERT_EQ(p->excluded.size(), 1u);
  EXPECT_EQ(p->items[0].id, "fast");
  EXPECT_EQ(p->items[0].demand.demand.kind, DemandKind::normal);       // whole numbers but mean 100
  EXPECT_EQ(p->items[1].demand.demand.kind, DemandKind::negative_binomial);  // counts, sd² > mean
  EXPECT_EQ(p->items[2].demand.demand.kind, DemandKind::normal);
  EXPECT_NEAR(p->items[2].demand.demand.mean_units_per_period, 50.0, 1e-12);
  EXPECT_EQ(p->items[0].demand.lead_time.points.size(), 1u);
  // Annual value of "dist": 2 × 50 × 52 (weekly periods) = 5200.
  EXPECT_NEAR(p->segmentation_inputs[2].annual_value, 5200.0, 1e-9);
  // Demand at 1-based periods 1, 5, ..., 57: ADI = t_n / n = 57 / 15.
  EXPECT_DOUBLE_EQ(p->segmentation_inputs[1].adi, 57.0 / 15.0);
  // The current target is a 95% cycle service level, turned into the fill rate of that level:
  // above 95% for the steady normal items (short cycles: most demand is met even in a cycle that
  // ends short); lumpy counts can fall below it (one large order empties the shelf).
  EXPECT_GT(p->items[0].current_fill_rate, 0.95);
  EXPECT_GT(p->items[2].current_fill_rate, 0.95);
  for (const auto& it : p->items) {
    EXPECT_GT(it.current_fill_rate, 0.5) << it.id;
    EXPECT_LT(it.current_fill_rate, 1.0);
  }
  EXPECT_EQ(p->items[0].segment.size(), 2u);  // "AX"-style labels
}

TEST(Portfolio, TheSampleLoads) {
  std::ifstream in(std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/portfolio.json");
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = load_scenario_json(ss.str());
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  auto p = portfolio_from_scenario(*s);
  ASSERT_TRUE(p.ok()) << describe(p.problems());
  EXPECT_GT(p->items.size(), 250u);
  int a = 0;
  for (const auto& seg : p->segmentation.items) a += seg.abc == AbcClass::a;
  EXPECT_GT(a, 0);
  // The DC's processing time is gamma(4, 0.75), mean 3 weeks: whole-period points around 3, or the
  // single point 3 when lead times are fixed at their mean.
  EXPECT_NEAR(mean_of(p->items[0].demand.lead_time.points), 3.0, 0.05);
  PortfolioOptions fixed;
  fixed.constant_lead_time = true;
  auto q = portfolio_from_scenario(*s, fixed);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->items[0].demand.lead_time.points.size(), 1u);
  EXPECT_DOUBLE_EQ(q->items[0].demand.lead_time.points[0].periods, 3.0);
}

// Built three demands at a time, the sample's portfolio is the one-call portfolio, item by item.
TEST(Portfolio, TheBuilderGivesTheOneCallPortfolio) {
  std::ifstream in(std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/portfolio.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = load_scenario_json(ss.str());
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  auto whole = portfolio_from_scenario(*s);
  ASSERT_TRUE(whole.ok());
  auto b = PortfolioBuilder::start(*s);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->demands_total(), s->demands.size());
  int calls = 0;
  while (!b.value().step(3)) {
    ++calls;
    EXPECT_EQ(b->demands_done(), 3u * static_cast<std::size_t>(calls));
  }
  EXPECT_EQ(static_cast<std::size_t>(calls), (s->demands.size() - 1) / 3);
  auto built = b.value().finish();
  ASSERT_TRUE(built.ok()) << describe(built.problems());
  ASSERT_EQ(built->items.size(), whole->items.size());
  for (std::size_t i = 0; i < whole->items.size(); ++i) {
    const ServiceItem& x = built->items[i];
    const ServiceItem& y = whole->items[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.segment, y.segment);
    EXPECT_EQ(x.current_fill_rate, y.current_fill_rate);
    EXPECT_EQ(x.demand.demand.kind, y.demand.demand.kind);
    EXPECT_EQ(x.demand.demand.mean_units_per_period, y.demand.demand.mean_units_per_period);
    EXPECT_EQ(x.demand.demand.sd_units_per_period, y.demand.demand.sd_units_per_period);
    EXPECT_EQ(x.demand.lead_time.points.size(), y.demand.lead_time.points.size());
    EXPECT_EQ(built->segmentation.items[i].abc, whole->segmentation.items[i].abc);
    EXPECT_EQ(built->segmentation.items[i].default_fill_rate, whole->segmentation.items[i].default_fill_rate);
  }
  EXPECT_EQ(built->excluded, whole->excluded);
  EXPECT_EQ(built->notes, whole->notes);
  EXPECT_EQ(built->locations, whole->locations);
}

TEST(Portfolio, BadDemandNamesThePath) {
  Scenario s = small_scenario();
  s.demands[1].node = "nowhere";
  auto p = portfolio_from_scenario(s);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.problems()[0].path, "/demands/1/node");
  auto b = PortfolioBuilder::start(s);
  ASSERT_TRUE(b.ok());
  while (!b.value().step(1)) {
  }
  auto built = b.value().finish();
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.problems()[0].path, "/demands/1/node");
}

}  // namespace
}  // namespace echelon::service
