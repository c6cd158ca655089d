#include "core/model/validate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/test_support.h"

namespace echelon {
namespace {

// A plant making "w" feeds a DC, which feeds a store with demand.
Scenario small_network() {
  Scenario s;
  s.name = "small";
  s.items.push_back({"w", "Widget", 10.0, {}, std::string("A"), {}});
  Node plant;
  plant.id = "plant";
  plant.kind = "plant";
  plant.produces = {"w"};
  plant.processing_time = dist::Constant{2.0};
  Node dc;
  dc.id = "dc";
  Node store;
  store.id = "store";
  store.kind = "store";
  s.nodes = {plant, dc, store};
  s.arcs.push_back({"plant", "dc", "w", dist::Constant{1.0}, 1.0, {}});
  s.arcs.push_back({"dc", "store", "w", dist::Normal{2.0, 0.5}, 1.0, {}});
  s.demands.push_back({"store", "w", Distribution{dist::Poisson{4.0}}, {}});
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::fill_rate, 0.98});
  s.service_targets.push_back({{}, {}, std::string("A"), ServiceMeasure::cycle_service_level, 0.95});
  s.policies.push_back({"store", "w", PolicyKind::r_s, ShortageRule::lost_sales, 2.0, 30.0, {}, {}});
  return s;
}

#define EXPECT_PROBLEM_AT(scenario, path)                               \
  do {                                                                  \
    const Problems found_ = validate_scenario(scenario);                \
    EXPECT_TRUE(fixtures::has_path(found_, path)) << "wanted " << path << ", got:\n" << describe(found_); \
  } while (0)

TEST(Validate, SmallNetworkIsValid) {
  const Problems p = validate_scenario(small_network());
  EXPECT_TRUE(p.empty()) << describe(p);
}

TEST(Validate, DuplicateIds) {
  Scenario s = small_network();
  s.items.push_back(s.items[0]);
  s.nodes.push_back(s.nodes[1]);
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/items/1/id")) << describe(p);
  EXPECT_TRUE(fixtures::has_path(p, "/nodes/3/id")) << describe(p);
}

TEST(Validate, EmptyAndControlCharacterIds) {
  Scenario s = small_network();
  s.items.push_back({"", "", 1.0, {}, {}, {}});
  s.items.push_back({"a\nb", "", 1.0, {}, {}, {}});
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/items/1/id"));
  EXPECT_TRUE(fixtures::has_path(p, "/items/2/id"));
}

TEST(Validate, ArcsToMissingNodesAndItems) {
  Scenario s = small_network();
  s.arcs.push_back({"dc", "nowhere", "w", dist::Constant{0.0}, 1.0, {}});
  s.arcs.push_back({"ghost", "store", "nothing", dist::Constant{0.0}, 1.0, {}});
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/arcs/2/to")) << describe(p);
  EXPECT_TRUE(fixtures::has_path(p, "/arcs/3/from"));
  EXPECT_TRUE(fixtures::has_path(p, "/arcs/3/item"));
}

TEST(Validate, SelfArcAndDuplicateArc) {
  Scenario s = small_network();
  s.arcs.push_back({"dc", "dc", "w", dist::Constant{0.0}, 1.0, {}});
  s.arcs.push_back(s.arcs[0]);
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/arcs/2/to"));
  EXPECT_TRUE(fixtures::has_path(p, "/arcs/3"));
}

TEST(Validate, CycleIsReportedWithItsNodes) {
  Scenario s = small_network();
  s.arcs.push_back({"store", "plant", "w", dist::Constant{0.0}, 1.0, {}});
  const Problems p = validate_scenario(s);
  ASSERT_TRUE(fixtures::has_path(p, "/arcs/2")) << describe(p);
  for (const auto& problem : p)
    if (problem.path == "/arcs/2") {
      EXPECT_NE(problem.message.find("plant -> dc -> store -> plant"), std::string::npos) << problem.message;
    }
}

std::string node_name(int i) {
  std::string out = "n";
  out += std::to_string(i);
  return out;
}

TEST(Validate, LongChainHasNoCycleAndNoStackTrouble) {
  Scenario s;
  s.items.push_back({"x", "", 1.0, {}, {}, {}});
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    Node node;
    node.id = node_name(i);
    if (i == 0) node.produces = {"x"};
    s.nodes.push_back(node);
    if (i > 0) s.arcs.push_back({node_name(i - 1), node.id, "x", dist::Constant{0.0}, 1.0, {}});
  }
  EXPECT_TRUE(validate_scenario(s).empty());
  s.arcs.push_back({"n19999", "n0", "x", dist::Constant{0.0}, 1.0, {}});
  EXPECT_TRUE(fixtures::has_path(validate_scenario(s), "/arcs/19999"));
}

TEST(Validate, NegativeInfiniteAndNaNNumbers) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Scenario s = small_network();
  s.items[0].unit_cost = -1.0;
  s.nodes[0].holding_cost.value = nan;
  s.nodes[1].position.x = inf;
  s.nodes[1].fixed_order_cost = -5.0;
  s.nodes[2].capacity_per_period = 0.0;
  s.arcs[0].quantity_per_unit = 0.0;
  s.arcs[1].transit_time = dist::Normal{-2.0, 1.0};
  const Problems p = validate_scenario(s);
  for (const char* path : {"/items/0/unit_cost", "/nodes/0/holding_cost/value", "/nodes/1/position/x",
                           "/nodes/1/fixed_order_cost", "/nodes/2/capacity_per_period", "/arcs/0/quantity_per_unit",
                           "/arcs/1/transit_time/mean"}) {
    EXPECT_TRUE(fixtures::has_path(p, path)) << path << "\n" << describe(p);
  }
}

// Finite but absurd magnitudes used to pass and then printed null (1e308 * a holding rate is
// infinite) or overflowed an integer (a lead time of 1.5e9 periods); each is refused at its path.
TEST(Validate, MagnitudesBeyondTheLimitsAreRefused) {
  Scenario s = small_network();
  s.items[0].unit_cost = 1e308;
  s.nodes[0].holding_cost.value = 2e12;
  s.nodes[0].processing_time = dist::Constant{1.5e9};
  s.nodes[1].fixed_order_cost = 1e13;
  s.nodes[1].max_service_time_periods = 20000.0;
  s.nodes[2].capacity_per_period = 1e300;
  s.nodes[2].position.y = -1e10;
  s.arcs[0].transit_time = dist::Normal{5.0, 1e8};
  s.arcs[0].quantity_per_unit = 1e-9;
  s.arcs[1].transit_time = dist::Gamma{1e-12, 1.0};  // mean tiny, sd = 1e-6: fine
  s.demands[0].per_period = dist::Poisson{2e6};
  s.policies[0].review_period_periods = 1e9;
  s.policies[0].order_up_to_level = 1e200;
  const Problems p = validate_scenario(s);
  for (const char* path :
       {"/items/0/unit_cost", "/nodes/0/holding_cost/value", "/nodes/0/processing_time/value", "/nodes/1/fixed_order_cost",
        "/nodes/1/max_service_time_periods", "/nodes/2/capacity_per_period", "/nodes/2/position/y",
        "/arcs/0/transit_time/sd", "/arcs/0/quantity_per_unit", "/demands/0/per_period/mean",
        "/policies/0/review_period_periods", "/policies/0/order_up_to_level"}) {
    EXPECT_TRUE(fixtures::has_path(p, path)) << path << "\n" << describe(p);
  }
  EXPECT_FALSE(fixtures::has_path(p, "/arcs/1/transit_time/scale")) << describe(p);
  // Exactly at the limits is fine: 10,000 periods of lead time, 1e12 of money and quantity.
  Scenario edge = small_network();
  edge.items[0].unit_cost = Limits::max_money;
  edge.arcs[0].transit_time = dist::Constant{Limits::max_time_periods};
  edge.demands[0].per_period = dist::Normal{Limits::max_quantity, Limits::max_quantity};
  edge.arcs[0].quantity_per_unit = 1.0 / Limits::max_quantity_per_unit;
  EXPECT_TRUE(validate_scenario(edge).empty()) << describe(validate_scenario(edge));
  // A gamma whose sd sqrt(shape) * scale = sqrt(1e-4) * 1e7 = 1e5 exceeds 10,000 periods.
  Scenario wide = small_network();
  wide.arcs[0].transit_time = dist::Gamma{1e-4, 1e7};
  EXPECT_PROBLEM_AT(wide, "/arcs/0/transit_time/scale");
  // History values above max_quantity.
  Scenario history = small_network();
  history.demands[0].per_period.reset();
  history.demands[0].history = History{{}, {1.0, 1e13, 2.0}};
  EXPECT_PROBLEM_AT(history, "/demands/0/history/quantities/1");
}

TEST(Validate, ProbabilitiesOutsideUnitIntervalOrNotSummingToOne) {
  Scenario s = small_network();
  s.nodes[0].processing_time = dist::Discrete{{{1.0, 0.6}, {2.0, 0.6}}};
  s.arcs[0].sourcing_share = 1.5;
  EXPECT_PROBLEM_AT(s, "/nodes/0/processing_time/outcomes");
  EXPECT_PROBLEM_AT(s, "/arcs/0/sourcing_share");
}

TEST(Validate, SourcingSharesMustSumToOne) {
  Scenario s = small_network();
  Node dc2;
  dc2.id = "dc2";
  s.nodes.push_back(dc2);
  s.arcs.push_back({"plant", "dc2", "w", dist::Constant{1.0}, 1.0, {}});
  s.arcs.push_back({"dc2", "store", "w", dist::Constant{1.0}, 1.0, 0.3});
  s.arcs[1].sourcing_share = 0.5;
  EXPECT_PROBLEM_AT(s, "/arcs/1/sourcing_share");
  s.arcs[1].sourcing_share = 0.7;
  EXPECT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
  s.arcs[1].sourcing_share.reset();
  EXPECT_PROBLEM_AT(s, "/arcs/1/sourcing_share");
}

TEST(Validate, ServiceTargetsOutsideOpenUnitInterval) {
  Scenario s = small_network();
  s.service_targets[0].value = 1.0;
  s.service_targets[1].value = 0.0;
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/service_targets/0/value"));
  EXPECT_TRUE(fixtures::has_path(p, "/service_targets/1/value"));
  s = small_network();
  s.service_targets[0].measure = ServiceMeasure::backorder_cost_per_unit_period;
  s.service_targets[0].value = 3.0;  // a cost may exceed 1
  EXPECT_TRUE(validate_scenario(s).empty());
  s.service_targets[0].value = -3.0;
  EXPECT_PROBLEM_AT(s, "/service_targets/0/value");
}

TEST(Validate, TargetScope) {
  Scenario s = small_network();
  s.service_targets[1].segment = "Z";
  EXPECT_PROBLEM_AT(s, "/service_targets/1/segment");
  s = small_network();
  s.service_targets[0].item.reset();
  EXPECT_PROBLEM_AT(s, "/service_targets/0/item");
  s = small_network();
  s.service_targets.push_back(s.service_targets[0]);
  EXPECT_PROBLEM_AT(s, "/service_targets/2");
}

TEST(Validate, DemandThatNoSupplyReaches) {
  Scenario s = small_network();
  Node lonely;
  lonely.id = "lonely";
  lonely.kind = "store";
  s.nodes.push_back(lonely);
  s.demands.push_back({"lonely", "w", Distribution{dist::Constant{1.0}}, {}});
  EXPECT_PROBLEM_AT(s, "/demands/1");
  // An arc shipping an item its origin never has.
  s = small_network();
  s.items.push_back({"v", "", 1.0, {}, {}, {}});
  s.arcs.push_back({"dc", "store", "v", dist::Constant{1.0}, 1.0, {}});
  EXPECT_PROBLEM_AT(s, "/arcs/2/item");
}

TEST(Validate, DemandNeedsExactlyOneSourceAndSaneHistory) {
  Scenario s = small_network();
  s.demands[0].history = History{{}, {1.0, 2.0}};
  EXPECT_PROBLEM_AT(s, "/demands/0");
  s.demands[0].per_period.reset();
  s.demands[0].history->quantities = {1.0, -2.0, std::nan("")};
  EXPECT_PROBLEM_AT(s, "/demands/0/history/quantities/1");
  s.demands[0].history->quantities = {std::nan(""), std::nan("")};
  EXPECT_PROBLEM_AT(s, "/demands/0/history/quantities");
  s.demands[0].history->quantities = {1.0, std::nan(""), 0.0};
  EXPECT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
  s.demands.push_back(s.demands[0]);
  EXPECT_PROBLEM_AT(s, "/demands/1");
  s.demands[1].node = "missing";
  EXPECT_PROBLEM_AT(s, "/demands/1/node");
}

TEST(Validate, PolicyFieldsMatchTheKind) {
  Scenario s = small_network();
  s.policies[0].order_quantity = 5.0;
  EXPECT_PROBLEM_AT(s, "/policies/0/order_quantity");
  s.policies[0] = {"store", "w", PolicyKind::s_s, ShortageRule::backorders, 1.0, 10.0, 20.0, {}};
  EXPECT_PROBLEM_AT(s, "/policies/0/reorder_point");
  s.policies[0] = {"store", "w", PolicyKind::r_q, ShortageRule::backorders, 0.0, {}, 5.0, 0.0};
  EXPECT_PROBLEM_AT(s, "/policies/0/order_quantity");
  s.policies[0] = {"store", "w", PolicyKind::base_stock, ShortageRule::backorders, 3.0, 10.0, {}, {}};
  EXPECT_PROBLEM_AT(s, "/policies/0/review_period_periods");
  s.policies[0] = {"store", "w", PolicyKind::r_q, ShortageRule::backorders, 0.0, {}, 5.0, 12.0};
  EXPECT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
}

TEST(Validate, SettingsRanges) {
  Scenario s = small_network();
  s.settings.horizon_periods = 0;
  s.settings.replications = 0;
  const Problems p = validate_scenario(s);
  EXPECT_TRUE(fixtures::has_path(p, "/settings/horizon_periods"));
  EXPECT_TRUE(fixtures::has_path(p, "/settings/replications"));
  EXPECT_TRUE(fixtures::has_path(p, "/settings/warm_up_periods"));
}

TEST(Validate, SizesBeyondLimits) {
  Scenario s = small_network();
  s.demands[0].per_period.reset();
  s.demands[0].history = History{{}, std::vector<double>(Limits::max_history_periods + 1, 1.0)};
  EXPECT_PROBLEM_AT(s, "/demands/0/history/quantities");
  s = small_network();
  s.items[0].id = std::string(Limits::max_id_length + 1, 'x');
  EXPECT_PROBLEM_AT(s, "/items/0/id");
}

TEST(Validate, EveryProblemAtOnce) {
  Scenario s = small_network();
  s.items[0].unit_cost = -1.0;
  s.arcs[0].to = "nowhere";
  s.service_targets[0].value = 2.0;
  s.settings.replications = 0;
  EXPECT_GE(validate_scenario(s).size(), 4u);
}

}  // namespace
// The targets-only check gives exactly the problems of the whole check when only targets are
// wrong: a value outside (0, 1), a node that does not exist, a segment no item has, a repeat.
TEST(Validate, TargetsAloneGiveTheWholeCheckProblems) {
  Scenario s = small_network();
  ASSERT_TRUE(validate_scenario(s).empty());
  EXPECT_TRUE(validate_service_targets(s).empty());
  s.service_targets.clear();
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::cycle_service_level, 1.2});
  s.service_targets.push_back({std::string("nowhere"), std::string("w"), {}, ServiceMeasure::fill_rate, 0.9});
  s.service_targets.push_back({{}, {}, std::string("Z"), ServiceMeasure::cycle_service_level, 0.9});
  s.service_targets.push_back({std::string("store"), std::string("w"), {}, ServiceMeasure::fill_rate, 0.9});
  const Problems whole = validate_scenario(s);
  const Problems targets = validate_service_targets(s);
  ASSERT_EQ(whole.size(), 4u) << describe(whole);
  ASSERT_EQ(targets.size(), whole.size()) << describe(targets);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(targets[i].path, whole[i].path);
    EXPECT_EQ(targets[i].message, whole[i].message);
  }
  EXPECT_EQ(whole[0].path, "/service_targets/0/value");
  EXPECT_EQ(whole[1].path, "/service_targets/1/node");
  EXPECT_EQ(whole[2].path, "/service_targets/2/segment");
  EXPECT_EQ(whole[3].path, "/service_targets/3");
}

}  // namespace echelon
