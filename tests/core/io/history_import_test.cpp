#include "core/io/history_import.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <variant>

#include "core/plan/plan.h"

namespace echelon {
namespace {

// Two parts over 14 months, no location column (as the car-parts file).
std::string monthly_history(char sep = ',') {
  std::string text = std::string("part_id") + sep + "month" + sep + "qty\n";
  for (int m = 1; m <= 14; ++m) {
    const std::string month = (m <= 12 ? "2024-" : "2025-") + std::string(((m - 1) % 12 + 1) < 10 ? "0" : "") +
                              std::to_string((m - 1) % 12 + 1);
    text += std::string("a") + sep + month + sep + (m % 2 ? "8" : "12") + "\n";
    text += std::string("b") + sep + month + sep + (m % 2 ? "1" : "3") + "\n";
  }
  return text;
}

HistoryImportSettings berlin_settings() {
  HistoryImportSettings s;
  s.scenario_name = "parts";
  s.history.default_location = "Berlin";
  s.lead_time_periods = 4.0;
  s.unit_cost = 10.0;
  s.holding_rate_per_year = 0.24;
  s.service_target = 0.95;
  return s;
}

const Arc* arc_into(const Scenario& s, const std::string& node, const std::string& item) {
  for (const Arc& a : s.arcs)
    if (a.to == node && a.item == item) return &a;
  return nullptr;
}

TEST(HistoryImport, BuildsSupplierLocationAndItemsFromSettings) {
  auto imported = import_history(monthly_history(), berlin_settings());
  ASSERT_TRUE(imported.ok()) << describe(imported.problems());
  const Scenario& s = imported.value();
  EXPECT_EQ(s.name, "parts");
  EXPECT_EQ(s.period, Period::month);
  ASSERT_EQ(s.nodes.size(), 2u);
  EXPECT_EQ(s.nodes[0].id, "supplier");
  EXPECT_EQ(s.nodes[0].kind, "supplier");
  EXPECT_EQ(s.nodes[0].produces, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.nodes[1].id, "Berlin");
  EXPECT_EQ(s.nodes[1].holding_cost.basis, HoldingCostBasis::annual_rate_of_value);
  EXPECT_EQ(s.nodes[1].holding_cost.value, 0.24);
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].unit_cost, 10.0);
  ASSERT_EQ(s.arcs.size(), 2u);
  EXPECT_EQ(mean(s.arcs[0].transit_time), 4.0);
  ASSERT_EQ(s.service_targets.size(), 2u);
  EXPECT_EQ(*s.service_targets[1].node, "Berlin");
  EXPECT_EQ(*s.service_targets[1].item, "b");
  EXPECT_EQ(s.service_targets[1].value, 0.95);
  ASSERT_EQ(s.demands.size(), 2u);
  EXPECT_EQ(s.demands[0].history->quantities.size(), 14u);
  EXPECT_EQ(s.demands[0].history->quantities[1], 12.0);
}

TEST(HistoryImport, TabSeparatedTextReadsLikeCsv) {
  // A table pasted from a spreadsheet: tabs, and Windows line endings.
  std::string tsv = monthly_history('\t');
  std::string crlf;
  for (char c : tsv) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto from_csv = import_history(monthly_history(), berlin_settings());
  auto from_tsv = import_history(crlf, berlin_settings());
  ASSERT_TRUE(from_tsv.ok()) << describe(from_tsv.problems());
  ASSERT_TRUE(from_csv.ok());
  EXPECT_EQ(from_tsv.value(), from_csv.value());
  const TablePreview preview = preview_table(crlf, 3);
  EXPECT_EQ(preview.separator, '\t');
  ASSERT_EQ(preview.header.size(), 3u);
  EXPECT_EQ(preview.roles[0], HistoryColumnRole::item);
  EXPECT_EQ(preview.roles[1], HistoryColumnRole::period);
  EXPECT_EQ(preview.roles[2], HistoryColumnRole::quantity);
  EXPECT_EQ(preview.rows.size(), 3u);
  EXPECT_EQ(preview.rows[0][1], "2024-01");
  EXPECT_EQ(preview.data_rows, 28u);
}

TEST(HistoryImport, TheLocationGetsExactlyTheLeadTimeGiven) {
  // With the sample moments (no learning) the buffer at the location is z sigma sqrt(tau) with
  // tau its replenishment time: the supplier quotes 0 and holds nothing of the planner's, so
  // tau = L. Lead time 4 against 1: the demand buffers differ by sqrt(4 / 1) = 2 exactly (were
  // the supplier's period added, by sqrt(5 / 2) = 1.58).
  PlanOptions options;
  options.history.learn = false;
  HistoryImportSettings one = berlin_settings();
  one.lead_time_periods = 1.0;
  auto s4 = import_history(monthly_history(), berlin_settings());
  auto s1 = import_history(monthly_history(), one);
  ASSERT_TRUE(s4.ok() && s1.ok());
  auto p4 = make_plan(s4.value(), options);
  auto p1 = make_plan(s1.value(), options);
  ASSERT_TRUE(p4.ok()) << describe(p4.problems());
  ASSERT_TRUE(p1.ok());
  auto location_stage = [](const Plan& p, const std::string& item) -> const PlanStage* {
    for (const PlanStage& st : p.stages)
      if (st.node == "Berlin" && st.item == item) return &st;
    return nullptr;
  };
  const PlanStage* a4 = location_stage(p4.value(), "a");
  const PlanStage* a1 = location_stage(p1.value(), "a");
  ASSERT_TRUE(a4 && a1);
  EXPECT_EQ(a4->multi_echelon.net_replenishment_time, 4.0);
  EXPECT_GT(a1->multi_echelon.safety_stock, 0.0);
  // The part of the buffer that covers demand (the rest covers the supplier's own shortfalls,
  // and the shape of the demand over random times, gsm_delays.h, and is not proportional to sqrt(tau)).
  auto demand_part = [](const PlanStage& st) {
    return st.multi_echelon.safety_stock - st.multi_echelon.safety_stock_for_supplier_delays -
           st.multi_echelon.safety_stock_for_lead_time_shape;
  };
  EXPECT_NEAR(demand_part(*a4) / demand_part(*a1), 2.0, 1e-9);
  // The cost is the location's: 24% a year of 10 EUR is 0.2 EUR per unit-month.
  EXPECT_GT(p4->multi_echelon.safety_stock_cost_per_period, 0.0);
  double location_units = 0.0;
  for (const PlanStage& st : p4->stages)
    if (st.node == "Berlin") location_units += st.multi_echelon.safety_stock;
  EXPECT_NEAR(p4->multi_echelon.safety_stock_cost_per_period, 0.2 * location_units, 1e-9);
}

TEST(HistoryImport, ItemMasterOverridesCostLeadTimeAndLocation) {
  HistoryImportSettings s = berlin_settings();
  s.item_master_csv = "item;unit_cost;lead_time;location\na;5;2;Hamburg\nb;;;\n";
  auto imported = import_history(monthly_history(), s);
  ASSERT_TRUE(imported.ok()) << describe(imported.problems());
  const Scenario& sc = imported.value();
  EXPECT_EQ(sc.items[0].unit_cost, 5.0);
  EXPECT_EQ(sc.items[1].unit_cost, 10.0);  // blank: the settings' value
  EXPECT_EQ(sc.demands[0].node, "Hamburg");
  EXPECT_EQ(sc.demands[1].node, "Berlin");
  ASSERT_NE(arc_into(sc, "Hamburg", "a"), nullptr);
  EXPECT_EQ(mean(arc_into(sc, "Hamburg", "a")->transit_time), 2.0);
  EXPECT_EQ(mean(arc_into(sc, "Berlin", "b")->transit_time), 4.0);
  EXPECT_EQ(sc.nodes.size(), 3u);
}

TEST(HistoryImport, LeadTimeColumnGivesEachSeriesItsOwn) {
  const char* text =
      "item,location,week,qty,lt\n"
      "a,x,1,5,3\n"
      "a,x,2,6,\n"
      "b,x,1,2,1\n"
      "b,y,1,2,\n"
      "b,y,2,2,\n";
  HistoryImportSettings s = berlin_settings();
  s.lead_time_periods = 7.0;
  s.lead_time_column = "LT";
  auto imported = import_history(text, s);
  ASSERT_TRUE(imported.ok()) << describe(imported.problems());
  EXPECT_EQ(mean(arc_into(imported.value(), "x", "a")->transit_time), 3.0);
  EXPECT_EQ(mean(arc_into(imported.value(), "x", "b")->transit_time), 1.0);
  EXPECT_EQ(mean(arc_into(imported.value(), "y", "b")->transit_time), 7.0);  // no value: the setting

  const char* clash = "item,week,qty,lt\na,1,5,3\na,2,6,4\n";
  auto bad = import_history(clash, s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems()[0].path, "line 3, lt");
  s.lead_time_column = "lead";
  auto missing = import_history(clash, s);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.problems()[0].path, "lead_time_column");
  EXPECT_NE(missing.problems()[0].message.find("item, week, qty, lt"), std::string::npos);
}

TEST(HistoryImport, SettingsProblemsNameTheirField) {
  HistoryImportSettings s;
  s.lead_time_periods = -1.0;
  s.unit_cost = std::nan("");
  s.holding_rate_per_year = 25.0;  // a percentage typed as a rate
  s.service_target = 1.0;
  s.history.default_location = "  ";
  const Problems problems = validate_import_settings(s);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].path, "lead_time_periods");
  EXPECT_EQ(problems[1].path, "unit_cost");
  EXPECT_EQ(problems[2].path, "holding_rate_per_year");
  EXPECT_EQ(problems[3].path, "service_target");
  EXPECT_EQ(problems[4].path, "location");
  auto refused = import_history(monthly_history(), s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problems().size(), 5u);
  EXPECT_TRUE(validate_import_settings(berlin_settings()).empty());
}

// Receipts of part a, dated: 31, 31 and 61 days, in a monthly history (365.25 / 12 days a
// month): 31 / 30.4375 = 1.01848 periods with probability 2/3, 61 / 30.4375 = 2.00411 with 1/3.
// Part b has no receipts: the settings' 4 periods. The item master still comes first.
TEST(HistoryImport, ReceiptsGiveEachSeriesItsObservedLeadTimes) {
  HistoryImportSettings s = berlin_settings();
  s.receipts_csv =
      "sku,order_date,receipt_date\n"
      "a,2024-01-01,2024-02-01\n"
      "a,2024-03-01,2024-04-01\n"
      "a,2024-05-01,2024-07-01\n";
  auto imported = import_history(monthly_history(), s);
  ASSERT_TRUE(imported.ok()) << describe(imported.problems());
  const Arc* a = arc_into(imported.value(), "Berlin", "a");
  ASSERT_NE(a, nullptr);
  const auto* d = std::get_if<dist::Discrete>(&a->transit_time);
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->outcomes.size(), 2u);
  EXPECT_NEAR(d->outcomes[0].value, 31.0 / 30.4375, 1e-12);
  EXPECT_NEAR(d->outcomes[0].probability, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(d->outcomes[1].value, 61.0 / 30.4375, 1e-12);
  EXPECT_NEAR(d->outcomes[1].probability, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(mean(arc_into(imported.value(), "Berlin", "b")->transit_time), 4.0);

  s.item_master_csv = "item,lead_time\na,2\n";
  auto mastered = import_history(monthly_history(), s);
  ASSERT_TRUE(mastered.ok()) << describe(mastered.problems());
  EXPECT_EQ(mean(arc_into(mastered.value(), "Berlin", "a")->transit_time), 2.0);
}

// Receipts without an item or location column describe every series; whole-number dates are
// the history's own periods; one observed value is a constant.
TEST(HistoryImport, ReceiptsWithoutItemColumnDescribeEverySeries) {
  HistoryImportSettings s = berlin_settings();
  s.receipts_csv = "ordered;received\n10;13\n20;23\n";
  auto imported = import_history(monthly_history(), s);
  ASSERT_TRUE(imported.ok()) << describe(imported.problems());
  for (const char* item : {"a", "b"}) {
    const Arc* a = arc_into(imported.value(), "Berlin", item);
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(std::holds_alternative<dist::Constant>(a->transit_time));
    EXPECT_EQ(mean(a->transit_time), 3.0);
  }
}

TEST(HistoryImport, ReceiptProblemsNameTheReceiptsFile) {
  HistoryImportSettings s = berlin_settings();
  s.receipts_csv = "ordered,received\n10,13\n20,18\n";
  auto bad = import_history(monthly_history(), s);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems()[0].path.rfind("receipts, line 3", 0), 0u) << bad.problems()[0].path;
}

TEST(HistoryImport, ItemMasterProblemsNameLineAndColumn) {
  auto bad = parse_item_master_csv("sku,cost\na,12\nb,abc\nc,-1\na,3\n");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.problems().size(), 3u);
  EXPECT_EQ(bad.problems()[0].path, "item master, line 3, cost");
  EXPECT_EQ(bad.problems()[1].path, "item master, line 4, cost");
  EXPECT_EQ(bad.problems()[2].path, "item master, line 5");
  auto nothing = parse_item_master_csv("item,colour\na,red\n");
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.problems()[0].path, "item master, line 1");
}

}  // namespace
}  // namespace echelon
