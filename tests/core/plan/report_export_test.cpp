#include "core/plan/report_export.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "core/plan/plan_sim.h"
#include "support/test_scenarios.h"
#include "support/test_support.h"

namespace echelon {
namespace {

using nlohmann::json;
using Row = std::vector<std::string>;

// An RFC 4180 reader written for the test, independent of the writer: quoted fields may hold
// commas, doubled quotes and line breaks.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::size_t column(const Row& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

double number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// Two nodes whose names need quoting, and a plan for them with round numbers chosen by hand.
Scenario awkward_scenario() {
  Scenario s;
  s.name = "export";
  Node plant;
  plant.id = "p1";
  plant.name = "Plant, \"North\"";
  plant.kind = "plant";
  Node store;
  store.id = "s1";
  store.name = "Store 1";
  store.kind = "store";
  s.nodes = {plant, store};
  return s;
}

Plan hand_plan() {
  Plan plan;
  PlanStage a;
  a.node_index = 0;
  a.node = "p1";
  a.item = "widget";
  a.multi_echelon.inbound_service_time = 0.0;
  a.multi_echelon.outbound_service_time = 2.0;
  a.multi_echelon.net_replenishment_time = 1.0;
  a.multi_echelon.safety_stock = 16.5;
  a.multi_echelon.base_stock_level = 36.5;
  a.multi_echelon.holding_cost = 8.25;
  a.single_echelon.safety_stock = 28.5;
  PlanStage b;
  b.node_index = 1;
  b.node = "s1";
  b.item = "widget";
  b.service_target = 0.95;
  b.safety_factor = 1.6448536269514722;  // Phi^-1(0.95), standard normal tables
  b.multi_echelon.inbound_service_time = 2.0;
  b.multi_echelon.outbound_service_time = 0.0;
  b.multi_echelon.net_replenishment_time = 4.0;
  b.multi_echelon.demand_mean_per_period = 20.0;
  b.multi_echelon.safety_stock = 0.1;
  b.multi_echelon.base_stock_level = 80.1;
  b.multi_echelon.holding_cost = 0.2;
  plan.stages = {a, b};
  plan.method = "exact";
  plan.proven_optimal = true;
  plan.multi_echelon.safety_stock_cost_per_year = 3084.5;
  return plan;
}

sim::SimEstimates hand_estimates() {
  sim::SimEstimates e;
  e.stages.resize(2);
  e.stages[0].fill_rate = {0.75, 0.25};
  e.stages[1].fill_rate = {0.5, 0.125};
  e.stages[1].on_hand = {40.0, std::numeric_limits<double>::infinity()};  // one replication: no interval
  e.stages[1].worst_fill_rate = 0.25;
  e.network.fill_rate = {0.5, 0.125};
  e.network.total_cost = {100.0, 2.5};
  e.network.total_cost_p95 = 110.0;
  e.network.total_cost_cvar95 = 115.5;
  e.convergence.replications_done = 8;
  e.convergence.replications_target = 64;
  return e;
}

TEST(ReportExport, QuotesCsvFieldsOnlyWhenNeeded) {
  // RFC 4180, section 2, rules 6 and 7: quote fields with commas, quotes or line breaks; double
  // the quotes inside.
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("Store, North"), "\"Store, North\"");
  EXPECT_EQ(csv_field("the \"big\" one"), "\"the \"\"big\"\" one\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
}

TEST(ReportExport, WritesShortestNumbersThatReadBackExactly) {
  EXPECT_EQ(csv_number(0.1), "0.1");
  EXPECT_EQ(csv_number(2.5), "2.5");
  EXPECT_EQ(csv_number(-0.0), "0");
  EXPECT_EQ(csv_number(1e300), "1e+300");
  // 1/3 needs 16 significant digits to come back as the same double.
  EXPECT_EQ(csv_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(number(csv_number(0.1 + 0.2)), 0.1 + 0.2);  // 0.30000000000000004: 17 digits
  EXPECT_EQ(csv_number(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(csv_number(-std::numeric_limits<double>::infinity()), "");
}

TEST(ReportExport, PlanCsvHasAHeaderAndOneRowPerStage) {
  auto csv = plan_csv(awkward_scenario(), hand_plan());
  ASSERT_TRUE(csv.ok()) << describe(csv.problems());
  const auto rows = parse_csv(*csv);
  ASSERT_EQ(rows.size(), 3u);
  const Row& h = rows[0];
  EXPECT_EQ(h, (Row{"node", "node_name", "kind", "item", "service_target", "safety_factor", "demand_mean_per_period",
                    "inbound_service_time", "outbound_service_time", "net_replenishment_time", "safety_stock",
                    "base_stock_level", "holding_cost_per_period", "safety_stock_value", "single_echelon_safety_stock",
                    "single_echelon_holding_cost_per_period"}));
  for (const Row& r : rows) EXPECT_EQ(r.size(), h.size());
  EXPECT_EQ(rows[1][column(h, "node_name")], "Plant, \"North\"");
  EXPECT_EQ(rows[1][column(h, "kind")], "plant");
  EXPECT_EQ(rows[1][column(h, "outbound_service_time")], "2");
  EXPECT_EQ(rows[1][column(h, "safety_stock")], "16.5");
  EXPECT_EQ(rows[1][column(h, "holding_cost_per_period")], "8.25");
  EXPECT_EQ(rows[1][column(h, "single_echelon_safety_stock")], "28.5");
  EXPECT_EQ(rows[2][column(h, "node")], "s1");
  EXPECT_EQ(rows[2][column(h, "kind")], "store");
  EXPECT_EQ(rows[2][column(h, "inbound_service_time")], "2");
  EXPECT_EQ(rows[2][column(h, "net_replenishment_time")], "4");
  EXPECT_EQ(rows[2][column(h, "safety_stock")], "0.1");
  EXPECT_EQ(rows[2][column(h, "base_stock_level")], "80.1");
  EXPECT_EQ(number(rows[2][column(h, "safety_factor")]), 1.6448536269514722);
  // The writer's raw text keeps the quoted name in one field.
  EXPECT_NE(csv->find("\"Plant, \"\"North\"\"\""), std::string::npos);
}

TEST(ReportExport, PlanJsonParsesBackWithTheSameNumbers) {
  auto text = plan_json(awkward_scenario(), hand_plan());
  ASSERT_TRUE(text.ok());
  const json j = json::parse(*text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  ASSERT_EQ(j["stages"].size(), 2u);
  EXPECT_EQ(j["stages"][0]["node_name"], "Plant, \"North\"");
  EXPECT_EQ(j["stages"][0]["multi_echelon"]["safety_stock"].get<double>(), 16.5);
  EXPECT_EQ(j["stages"][1]["multi_echelon"]["base_stock_level"].get<double>(), 80.1);
  EXPECT_EQ(j["stages"][1]["safety_factor"].get<double>(), 1.6448536269514722);
  EXPECT_EQ(j["multi_echelon"]["safety_stock_cost_per_year"].get<double>(), 3084.5);
  EXPECT_EQ(j["method"], "exact");
  EXPECT_TRUE(j["proven_optimal"].get<bool>());
}

TEST(ReportExport, RefusesAPlanOfAnotherScenario) {
  Scenario other = awkward_scenario();
  other.nodes.pop_back();
  auto csv = plan_csv(other, hand_plan());
  ASSERT_FALSE(csv.ok());
  EXPECT_TRUE(fixtures::has_path(csv.problems(), "plan/stages/1"));
  EXPECT_FALSE(plan_json(other, hand_plan()).ok());
  other = awkward_scenario();
  other.nodes[0].id = "renamed";
  EXPECT_TRUE(fixtures::has_path(plan_csv(other, hand_plan()).problems(), "plan/stages/0"));
}

TEST(ReportExport, KpiCsvGivesEachMeanWithItsInterval) {
  auto csv = kpis_csv(awkward_scenario(), hand_plan(), hand_estimates());
  ASSERT_TRUE(csv.ok()) << describe(csv.problems());
  const auto rows = parse_csv(*csv);
  ASSERT_EQ(rows.size(), 4u);  // header, two stages, the network
  const Row& h = rows[0];
  for (const Row& r : rows) EXPECT_EQ(r.size(), h.size());
  EXPECT_EQ(rows[1][column(h, "scope")], "stage");
  EXPECT_EQ(rows[2][column(h, "scope")], "stage");
  EXPECT_EQ(rows[3][column(h, "scope")], "network");
  EXPECT_EQ(rows[1][column(h, "node_name")], "Plant, \"North\"");
  // mean -/+ half-width: 0.75 -/+ 0.25 and 0.5 -/+ 0.125 (exact in binary).
  EXPECT_EQ(rows[1][column(h, "fill_rate_mean")], "0.75");
  EXPECT_EQ(rows[1][column(h, "fill_rate_low_95")], "0.5");
  EXPECT_EQ(rows[1][column(h, "fill_rate_high_95")], "1");
  EXPECT_EQ(rows[2][column(h, "fill_rate_low_95")], "0.375");
  EXPECT_EQ(rows[2][column(h, "fill_rate_high_95")], "0.625");
  EXPECT_EQ(rows[2][column(h, "promised_cycle_service_level")], "0.95");
  EXPECT_EQ(rows[2][column(h, "worst_fill_rate")], "0.25");
  // No interval from a single replication: the mean alone.
  EXPECT_EQ(rows[2][column(h, "on_hand_mean")], "40");
  EXPECT_EQ(rows[2][column(h, "on_hand_low_95")], "");
  EXPECT_EQ(rows[2][column(h, "on_hand_high_95")], "");
  // Network-wide risk measures only on the network row; per-stage measures only on stage rows.
  EXPECT_EQ(rows[3][column(h, "total_cost_mean")], "100");
  EXPECT_EQ(rows[3][column(h, "total_cost_low_95")], "97.5");
  EXPECT_EQ(rows[3][column(h, "total_cost_high_95")], "102.5");
  EXPECT_EQ(rows[3][column(h, "total_cost_p95")], "110");
  EXPECT_EQ(rows[3][column(h, "total_cost_cvar95")], "115.5");
  EXPECT_EQ(rows[1][column(h, "total_cost_p95")], "");
  EXPECT_EQ(rows[3][column(h, "cycle_service_level_mean")], "");
}

TEST(ReportExport, KpiJsonParsesBackWithTheSameNumbers) {
  auto text = kpis_json(awkward_scenario(), hand_plan(), hand_estimates());
  ASSERT_TRUE(text.ok());
  const json j = json::parse(*text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  ASSERT_EQ(j["stages"].size(), 2u);
  EXPECT_EQ(j["replications"].get<int>(), 8);
  EXPECT_EQ(j["stages"][0]["fill_rate"]["low_95"].get<double>(), 0.5);
  EXPECT_EQ(j["stages"][1]["fill_rate"]["high_95"].get<double>(), 0.625);
  EXPECT_TRUE(j["stages"][1]["on_hand"]["half_width_95"].is_null());
  EXPECT_TRUE(j["stages"][1]["on_hand"]["low_95"].is_null());
  EXPECT_EQ(j["network"]["total_cost"]["low_95"].get<double>(), 97.5);
  EXPECT_EQ(j["network"]["total_cost_cvar95"].get<double>(), 115.5);
  EXPECT_EQ(j["network"].count("cycle_service_level"), 0u);
}

TEST(ReportExport, RefusesEstimatesOfAnotherPlan) {
  sim::SimEstimates e = hand_estimates();
  e.stages.pop_back();
  auto csv = kpis_csv(awkward_scenario(), hand_plan(), e);
  ASSERT_FALSE(csv.ok());
  EXPECT_TRUE(fixtures::has_path(csv.problems(), "estimates/stages"));
  EXPECT_FALSE(kpis_json(awkward_scenario(), hand_plan(), e).ok());
}

// A planned and simulated scenario, end to end: one row per stage, and every figure the reports
// carry reads back as the number the engines produced.
TEST(ReportExport, RoundTripsARealPlanAndSimulation) {
  Scenario s = fixtures::serial_two_stage();
  s.settings.horizon_periods = 60;
  s.settings.warm_up_periods = 10;
  s.settings.replications = 8;
  s.settings.random_seed = 11;
  auto plan = make_plan(s);
  ASSERT_TRUE(plan.ok()) << describe(plan.problems());
  auto network = sim_network_from_plan(s, *plan);
  ASSERT_TRUE(network.ok());
  auto estimates = sim::simulate(*network);
  ASSERT_TRUE(estimates.ok());

  auto plan_rows = parse_csv(*plan_csv(s, *plan));
  ASSERT_EQ(plan_rows.size(), plan->stages.size() + 1);
  const Row& ph = plan_rows[0];
  for (std::size_t j = 0; j < plan->stages.size(); ++j) {
    EXPECT_EQ(plan_rows[j + 1][column(ph, "node")], plan->stages[j].node);
    EXPECT_EQ(number(plan_rows[j + 1][column(ph, "safety_stock")]), plan->stages[j].multi_echelon.safety_stock);
    EXPECT_EQ(number(plan_rows[j + 1][column(ph, "base_stock_level")]), plan->stages[j].multi_echelon.base_stock_level);
  }

  auto kpi_rows = parse_csv(*kpis_csv(s, *plan, *estimates));
  ASSERT_EQ(kpi_rows.size(), plan->stages.size() + 2);
  const Row& kh = kpi_rows[0];
  for (std::size_t j = 0; j < plan->stages.size(); ++j) {
    const sim::Estimate& f = estimates->stages[j].fill_rate;
    EXPECT_EQ(number(kpi_rows[j + 1][column(kh, "fill_rate_mean")]), f.mean);
    EXPECT_EQ(number(kpi_rows[j + 1][column(kh, "fill_rate_low_95")]), f.mean - f.half_width);
  }
  const json j = json::parse(*kpis_json(s, *plan, *estimates), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["network"]["total_cost"]["mean"].get<double>(), estimates->network.total_cost.mean);
  EXPECT_EQ(j["network"]["total_cost_p95"].get<double>(), estimates->network.total_cost_p95);
  EXPECT_EQ(j["replications"].get<int>(), estimates->convergence.replications_done);
}

}  // namespace
}  // namespace echelon
