#include "core/io/scenario_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/io/history_csv.h"
#include "core/model/validate.h"
#include "core/io/willems.h"
#include "support/test_support.h"

namespace echelon {
namespace {

const std::filesystem::path kSource(ECHELON_SOURCE_DIR);

// Every field set, every distribution kind used, optional fields both set and absent.
Scenario everything() {
  Scenario s;
  s.name = "everything";
  s.description = "all fields";
  s.period = Period::month;
  s.currency = "USD";
  Lifecycle life{std::string("phase_out"), 3.0, 40.0, 12.5};
  s.items.push_back({"a", "Alpha", 12.25, std::string("tools"), std::string("AX"), life});
  s.items.push_back({"b", "Beta", 0.1, {}, {}, {}});
  Node sup;
  sup.id = "sup";
  sup.kind = "supplier";
  sup.produces = {"a", "b"};
  sup.processing_time = dist::Discrete{{{1.0, 0.25}, {3.0, 0.75}}};
  sup.holding_cost = {HoldingCostBasis::per_unit_period, 0.02};
  sup.capacity_per_period = 1e6;
  sup.cost_added_per_unit = 1.5;
  Node dc;
  dc.id = "dc/1";  // a slash in an id must survive (it is escaped only in paths)
  dc.name = "DC \"one\"";
  dc.kind = "cross-dock";
  dc.position = {-12.5, 1e-3};
  dc.processing_time = dist::Lognormal{2.0, 0.5};
  dc.max_service_time_periods = 0.0;
  dc.fixed_order_cost = 99.99;
  s.nodes = {sup, dc};
  s.arcs.push_back({"sup", "dc/1", "a", dist::Gamma{2.0, 0.3}, 1.0, 1.0});
  s.arcs.push_back({"sup", "dc/1", "b", dist::Empirical{{1.0, 2.0, 2.0, 7.5}}, 2.5, {}});
  s.demands.push_back({"dc/1", "a", Distribution{dist::NegativeBinomial{3.0, 2.5}}, {}});
  s.demands.push_back({"dc/1", "b", {}, History{std::string("2020-01"), {0.0, 4.0, std::nan(""), 0.1 + 0.2, 1e-300}}});
  s.demands.push_back({"sup", "a", Distribution{dist::Normal{5.0, 1.0 / 3.0}}, {}});
  s.demands.push_back({"sup", "b", Distribution{dist::Poisson{0.7}}, {}});
  s.service_targets.push_back({{}, {}, std::string("AX"), ServiceMeasure::fill_rate, 0.99});
  s.service_targets.push_back({std::string("dc/1"), std::string("b"), {}, ServiceMeasure::stockout_cost_per_unit, 4.0});
  s.service_targets.push_back({std::string("sup"), std::string("a"), {}, ServiceMeasure::backorder_cost_per_unit_period, 0.5});
  s.policies.push_back({"dc/1", "a", PolicyKind::s_s, ShortageRule::lost_sales, 2.0, 40.0, 10.0, {}});
  s.policies.push_back({"dc/1", "b", PolicyKind::r_q, ShortageRule::backorders, 0.0, {}, 3.0, 12.0});
  s.policies.push_back({"sup", "a", PolicyKind::base_stock, ShortageRule::backorders, 1.0, {}, {}, {}});
  s.settings = {260, 26, 1000, 18446744073709551615ull};
  s.demands.push_back({"sup", "b", Distribution{dist::Constant{-0.0}}, {}});
  s.demands.pop_back();
  return s;
}

// NaN != NaN, so histories are compared with missing values matched by position.
void expect_same(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.demands.size(), b.demands.size());
  Scenario a2 = a, b2 = b;
  for (std::size_t i = 0; i < a.demands.size(); ++i) {
    if (!a.demands[i].history || !b.demands[i].history) continue;
    auto& qa = a2.demands[i].history->quantities;
    auto& qb = b2.demands[i].history->quantities;
    ASSERT_EQ(qa.size(), qb.size());
    for (std::size_t k = 0; k < qa.size(); ++k) {
      EXPECT_EQ(std::isnan(qa[k]), std::isnan(qb[k])) << "demand " << i << " period " << k;
      if (std::isnan(qa[k])) qa[k] = qb[k] = -1.0;
    }
  }
  EXPECT_TRUE(a2 == b2);
}

TEST(ScenarioJson, EverythingRoundTrips) {
  const Scenario s = everything();
  ASSERT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
  for (int indent : {-1, 2}) {
    const std::string text = write_scenario_json(s, indent);
    auto back = load_scenario_json(text);
    ASSERT_TRUE(back.ok()) << describe(back.problems()) << "\n" << text;
    expect_same(s, *back);
    EXPECT_EQ(write_scenario_json(*back, indent), text);
  }
}

TEST(ScenarioJson, ExactDoublesSurvive) {
  Scenario s = everything();
  s.items[0].unit_cost = 0.1 + 0.2;  // 0.30000000000000004
  s.nodes[1].position.x = 1.0 / 3.0;
  s.nodes[1].position.y = 5e-324;  // smallest subnormal
  auto back = read_scenario_json(write_scenario_json(s));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->items[0].unit_cost, 0.1 + 0.2);
  EXPECT_EQ(back->nodes[1].position.x, 1.0 / 3.0);
  EXPECT_EQ(back->nodes[1].position.y, 5e-324);
}

TEST(ScenarioJson, MissingValuesAreNullInTheFile) {
  const std::string text = write_scenario_json(everything(), -1);
  EXPECT_NE(text.find("[0,4,null,0.30000000000000004,1e-300]"), std::string::npos) << text;
  EXPECT_NE(text.find("\"format\":\"echelon-scenario\",\"version\":1"), std::string::npos);
}

TEST(ScenarioJson, EverySampleRoundTrips) {
  const auto folder = kSource / "assets" / "scenarios";
  ASSERT_TRUE(std::filesystem::is_directory(folder)) << folder;
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    const std::string text = fixtures::read_text(entry.path());
    auto first = load_scenario_json(text);
    ASSERT_TRUE(first.ok()) << entry.path() << "\n" << describe(first.problems());
    auto second = load_scenario_json(write_scenario_json(*first));
    ASSERT_TRUE(second.ok()) << entry.path();
    expect_same(*first, *second);
    // The written form is also what the generator wrote, up to formatting: same JSON value.
    EXPECT_EQ(write_scenario_json(*first, -1), write_scenario_json(*second, -1));
  }
  EXPECT_GE(count, 4);
}

TEST(ScenarioJson, PortfolioSampleIsSmallAndVaried) {
  const auto path = kSource / "assets" / "scenarios" / "portfolio.json";
  EXPECT_LT(std::filesystem::file_size(path), 1024u * 1024u);
  auto s = load_scenario_json(fixtures::read_text(path));
  ASSERT_TRUE(s.ok());
  EXPECT_GE(s->items.size(), 200u);
  std::size_t dying = 0;
  for (const auto& d : s->demands) {
    ASSERT_TRUE(d.history.has_value());
    EXPECT_EQ(d.history->quantities.size(), 156u);  // 3 years of weeks
    double tail = 0.0;
    for (std::size_t k = 130; k < 156; ++k) tail += d.history->quantities[k];
    dying += tail == 0.0 ? 1 : 0;
  }
  EXPECT_GT(dying, 0u);
}

TEST(ScenarioJson, UnknownFieldsAreReportedNotDropped) {
  std::string text = write_scenario_json(everything(), -1);
  text.insert(1, "\"extra\":1,");
  const auto pos = text.find("\"unit_cost\"");
  text.insert(pos, "\"price\":2,");
  auto read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(fixtures::has_path(read.problems(), "/extra")) << describe(read.problems());
  EXPECT_TRUE(fixtures::has_path(read.problems(), "/items/0/price")) << describe(read.problems());
}

TEST(ScenarioJson, SyntaxErrorsSayWhere) {
  // The comma on line 2 is followed by "}" at line 3, column 1.
  auto read = read_scenario_json("{\"format\": \"echelon-scenario\",\n \"version\": 1,\n}");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.problems()[0].path, "line 3, column 1") << describe(read.problems());
}

constexpr const char* kHead = R"({"format":"echelon-scenario","version":1,"period":"week","currency":"EUR")";

TEST(ScenarioJson, DuplicateFieldsAreReportedWithTheirPointer) {
  const std::string text = std::string(kHead) +
                           R"(,"items":[{"id":"a","id":"b"}],"nodes":[],"name":"x","name":"y","a/b":1,"a/b":2})";
  auto read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(fixtures::has_path(read.problems(), "/items/0/id")) << describe(read.problems());
  EXPECT_TRUE(fixtures::has_path(read.problems(), "/name")) << describe(read.problems());
  EXPECT_TRUE(fixtures::has_path(read.problems(), "/a~1b")) << describe(read.problems());
  EXPECT_NE(read.problems()[0].message.find("duplicate"), std::string::npos);
}

// An object of 100,000 fields (a crafted file of about 1.4 MB) is refused at its 1,001st field,
// while parsing; reading it whole into the ordered map took time quadratic in the field count.
TEST(ScenarioJson, ObjectsWithTooManyFieldsAreRefusedWhileParsing) {
  std::string text = kHead;
  for (int k = 0; k < 100000; ++k) text += ",\"k" + std::to_string(k) + "\":0";
  text += "}";
  auto read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  ASSERT_EQ(read.problems().size(), 1u) << describe(read.problems());
  EXPECT_EQ(read.problems()[0].path, "");
  EXPECT_NE(read.problems()[0].message.find("more than 1000 fields"), std::string::npos);
  // 996 unknown fields next to the 4 of kHead (1,000 in all) are read, and each is reported.
  text = kHead;
  for (int k = 0; k < 996; ++k) text += ",\"k" + std::to_string(k) + "\":0";
  text += "}";
  read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.problems().size(), 996u);
  EXPECT_EQ(read.problems()[995].path, "/k995");
}

TEST(ScenarioJson, LongArraysAreRefusedWhileParsingWithTheirPointer) {
  std::string text = std::string(kHead) + R"(,"demands":[{"node":"n","item":"i","history":{"quantities":[)";
  for (std::size_t k = 0; k <= kMaxScenarioArrayEntries; ++k) text += k ? ",1" : "1";
  text += "]}}]}";
  auto read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  ASSERT_EQ(read.problems().size(), 1u) << describe(read.problems());
  EXPECT_EQ(read.problems()[0].path, "/demands/0/history/quantities");
  EXPECT_NE(read.problems()[0].message.find("more than 200000 entries"), std::string::npos);
}

TEST(ScenarioJson, InvalidUtf8IsASyntaxErrorWithItsPlace) {
  // Line 2 is ` "name": "caf\xE9"`: the Latin-1 byte is column 14. 0xE9 starts a three-byte
  // sequence in UTF-8, so the lexer fails at the next byte, the closing quote in column 15.
  const std::string text = std::string(kHead) + ",\n \"name\": \"caf\xE9\"}";
  auto read = read_scenario_json(text);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.problems()[0].path, "line 2, column 15") << describe(read.problems());
  EXPECT_NE(read.problems()[0].message.find("UTF-8"), std::string::npos) << read.problems()[0].message;
}

TEST(ScenarioJson, TextThatIsNotUtf8IsWrittenWithReplacementCharacters) {
  // A name typed in the app or built in code may hold any bytes; writing must not abort (a
  // throw under JSON_NOEXCEPTION) and must give JSON that reads back.
  Scenario s = everything();
  s.name = "bad \xFF byte";
  s.items[0].id = "\xC3";  // cut short
  for (int indent : {-1, 2}) {
    const std::string text = write_scenario_json(s, indent);
    EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);  // U+FFFD in UTF-8
    auto read = read_scenario_json(text);
    ASSERT_TRUE(read.ok()) << describe(read.problems());
    EXPECT_EQ(read->items[0].id, "\xEF\xBF\xBD");
  }
}

TEST(ScenarioJson, VersionsNewerThanThisOneAreRefusedPlainly) {
  auto read = read_scenario_json(R"({"format":"echelon-scenario","version":7,"period":"week","currency":"EUR"})");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.problems()[0].path, "/version");
  EXPECT_NE(read.problems()[0].message.find("newer"), std::string::npos);
}

TEST(ScenarioJson, MinimalFileUsesDefaults) {
  auto read = load_scenario_json(R"({"format":"echelon-scenario","version":1,"period":"day","currency":"EUR"})");
  ASSERT_TRUE(read.ok()) << describe(read.problems());
  EXPECT_EQ(read->period, Period::day);
  EXPECT_TRUE(read->nodes.empty());
  EXPECT_EQ(read->settings, Settings{});
}

// ------------------------------------------------------------------ the malformed catalogue

struct Malformed {
  const char* file;
  const char* path;  // one of the problems must have exactly this path
};

// Paths worked out by hand from each file (line and column counted in an editor).
const Malformed kCatalogue[] = {
    {"json_empty.json", "line 1, column 1"},
    {"json_trailing_comma.json", "line 3, column 1"},
    {"json_unclosed_string.json", "line 1, column 42"},
    {"json_top_level_array.json", ""},
    {"json_deep_nesting.json", ""},
    {"json_missing_format.json", "/format"},
    {"json_wrong_format.json", "/format"},
    {"json_newer_version.json", "/version"},
    {"json_version_string.json", "/version"},
    {"json_missing_period.json", "/period"},
    {"json_bad_period.json", "/period"},
    {"json_unknown_top_field.json", "/colour"},
    {"json_unknown_escaped_field.json", "/a~1b"},
    {"json_items_not_array.json", "/items"},
    {"json_item_not_object.json", "/items/0"},
    {"json_item_id_number.json", "/items/0/id"},
    {"json_item_missing_id.json", "/items/0/id"},
    {"json_duplicate_item.json", "/items/1/id"},
    {"json_negative_unit_cost.json", "/items/0/unit_cost"},
    {"json_unknown_item_field.json", "/items/0/price"},
    {"json_overflow_number.json", "line 1, column 148"},  // 1e999 spans columns 144-148; refused as it ends
    {"json_nan_as_string.json", "/items/0/unit_cost"},
    {"json_unknown_distribution.json", "/nodes/0/processing_time/kind"},
    {"json_negative_sd.json", "/nodes/1/processing_time/sd"},
    {"json_distribution_extra_field.json", "/nodes/1/processing_time/sd"},
    {"json_discrete_sum.json", "/arcs/0/transit_time/outcomes"},
    {"json_probability_above_one.json", "/arcs/0/transit_time/outcomes/0/probability"},
    {"json_empty_sample.json", "/arcs/1/transit_time/sample"},
    {"json_holding_basis.json", "/nodes/0/holding_cost/basis"},
    {"json_arc_missing_node.json", "/arcs/0/to"},
    {"json_arc_self.json", "/arcs/0/to"},
    {"json_cycle.json", "/arcs/2"},
    {"json_share_out_of_range.json", "/arcs/1/sourcing_share"},
    {"json_demand_both.json", "/demands/0"},
    {"json_demand_neither.json", "/demands/0"},
    {"json_history_string.json", "/demands/0/history/quantities/2"},
    {"json_history_negative.json", "/demands/0/history/quantities/1"},
    {"json_demand_unreached.json", "/demands/0"},
    {"json_negative_binomial_variance.json", "/demands/0/per_period/sd"},
    {"json_service_level_one.json", "/service_targets/0/value"},
    {"json_fill_rate_zero.json", "/service_targets/0/value"},
    {"json_bad_measure.json", "/service_targets/0/measure"},
    {"json_policy_kind.json", "/policies/0/kind"},
    {"json_policy_s_above_S.json", "/policies/0/reorder_point"},
    {"json_horizon_zero.json", "/settings/horizon_periods"},
    {"json_seed_negative.json", "/settings/random_seed"},
    {"history_empty.csv", "line 1"},
    {"history_no_quantity_column.csv", "line 1"},
    {"history_bad_number.csv", "line 3, qty"},
    {"history_negative.csv", "line 4, quantity"},
    {"history_bad_date.csv", "line 2, date"},
    {"history_mixed_styles.csv", "line 3, date"},
    {"history_duplicate_row.csv", "line 4"},
    {"history_open_quote.csv", "line 2"},
    {"history_ambiguous_slashes.csv", "line 3, date"},
    {"history_blank_item.csv", "line 3, item"},
    {"history_too_long.csv", "line 1"},
    {"willems_no_chain_row.csv", "line 1"},
    {"willems_arc_to_missing_stage.csv", "line 3, to"},
    {"willems_bad_stage_time.csv", "line 4, stageTime"},
    {"willems_probabilities_sum.csv", "line 4, StageTime_1_p"},
    {"willems_duplicate_stage.csv", "line 5, stageName"},
    {"willems_service_level_above_one.csv", "line 4, serviceLevel"},
    {"willems_missing_stage_column.csv", "line 2"},
};

Problems read_any(const std::string& name, const std::string& text) {
  if (name.rfind("json_", 0) == 0) return load_scenario_json(text).problems();
  if (name.rfind("history_", 0) == 0) return parse_history_csv(text).problems();
  return parse_willems_csv(text).problems();
}

TEST(MalformedCatalogue, EveryInputGetsAClearErrorAtItsPath) {
  const auto folder = kSource / "tests" / "data" / "malformed";
  ASSERT_TRUE(std::filesystem::is_directory(folder)) << folder;
  std::set<std::string> listed;
  for (const Malformed& m : kCatalogue) {
    listed.insert(m.file);
    const std::string text = fixtures::read_text(folder / m.file);
    const Problems problems = read_any(m.file, text);
    ASSERT_FALSE(problems.empty()) << m.file << " was accepted";
    EXPECT_TRUE(fixtures::has_path(problems, m.path)) << m.file << ": wanted path '" << m.path << "', got\n" << describe(problems);
    for (const auto& p : problems) EXPECT_FALSE(p.message.empty()) << m.file;
  }
  EXPECT_GE(listed.size(), 40u);
  // Every file in the folder is in the table, so none goes unchecked.
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    EXPECT_TRUE(listed.count(entry.path().filename().string())) << entry.path() << " is not in the catalogue table";
  }
}

}  // namespace
}  // namespace echelon
