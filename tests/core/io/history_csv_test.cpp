#include "core/io/history_csv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/model/validate.h"
#include "support/test_support.h"

namespace echelon {
namespace {

TEST(HistoryCsv, WeeklyIsoDatesWithGapsAndMissingValues) {
  const char* text =
      "SKU,Location,Date,Qty\n"
      "a,x,2024-01-01,3\n"
      "a,x,2024-01-15,\n"     // missing
      "b,x,2024-01-08,0\n"
      "a,x,2024-01-22,5\n";
  auto h = parse_history_csv(text);
  ASSERT_TRUE(h.ok()) << describe(h.problems());
  EXPECT_EQ(h->period, Period::week);
  ASSERT_EQ(h->period_labels.size(), 4u);
  EXPECT_EQ(h->period_labels[0], "2024-01-01");
  EXPECT_EQ(h->period_labels[3], "2024-01-22");
  ASSERT_EQ(h->series.size(), 2u);
  const auto& a = h->series[0].quantities;
  EXPECT_EQ(a[0], 3.0);
  EXPECT_TRUE(std::isnan(a[1]));  // no row: missing by default
  EXPECT_TRUE(std::isnan(a[2]));  // empty: missing
  EXPECT_EQ(a[3], 5.0);
  HistoryCsvOptions zero;
  zero.absent_rows_are_zero = true;
  auto z = parse_history_csv(text, zero);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->series[0].quantities[1], 0.0);  // no row: no demand
  EXPECT_TRUE(std::isnan(z->series[0].quantities[2]));  // empty stays missing
  EXPECT_EQ(z->series[1].quantities[0], 0.0);
}

TEST(HistoryCsv, DateFormats) {
  // Monthly from year-month labels.
  auto m = parse_history_csv("item,month,sales\na,2023-11,1\na,2024-02,4\n");
  ASSERT_TRUE(m.ok()) << describe(m.problems());
  EXPECT_EQ(m->period, Period::month);
  EXPECT_EQ(m->period_labels, (std::vector<std::string>{"2023-11", "2023-12", "2024-01", "2024-02"}));
  // Day-first slashes (31 > 12), semicolons; 3 days apart -> daily.
  auto d = parse_history_csv("part;site;date;qty\np;s;30/12/2023;1\np;s;02/01/2024;2\n");
  ASSERT_TRUE(d.ok()) << describe(d.problems());
  EXPECT_EQ(d->period, Period::day);
  EXPECT_EQ(d->period_labels.front(), "2023-12-30");
  EXPECT_EQ(d->series[0].quantities.size(), 4u);
  // Month-first slashes (20 > 12).
  auto us = parse_history_csv("item,date,qty\na,01/20/2024,1\na,01/27/2024,2\n");
  ASSERT_TRUE(us.ok()) << describe(us.problems());
  EXPECT_EQ(us->period_labels.front(), "2024-01-20");
  // Dotted day-first.
  auto dot = parse_history_csv("item,date,qty\na,15.03.2024,1\n");
  ASSERT_TRUE(dot.ok());
  EXPECT_EQ(dot->period_labels.front(), "2024-03-15");
  // ISO weeks: 2024-W01 starts on Monday 2024-01-01; 2021-W01 on Monday 2021-01-04 (ISO 8601).
  auto w = parse_history_csv("item,week,qty\na,2024-W01,1\na,2024-W03,2\n");
  ASSERT_TRUE(w.ok()) << describe(w.problems());
  EXPECT_EQ(w->period_labels.front(), "2024-01-01");
  EXPECT_EQ(w->series[0].quantities.size(), 3u);
  auto w21 = parse_history_csv("item,week,qty\na,2021-W01,1\n");
  ASSERT_TRUE(w21.ok());
  EXPECT_EQ(w21->period_labels.front(), "2021-01-04");
  // Leap day is a date; 2023-02-29 is not.
  EXPECT_TRUE(parse_history_csv("item,date,qty\na,2024-02-29,1\n").ok());
  EXPECT_TRUE(fixtures::has_path(parse_history_csv("item,date,qty\na,2023-02-29,1\n").problems(), "line 2, date"));
}

TEST(HistoryCsv, PeriodIndices) {
  auto h = parse_history_csv("item,period,quantity\na,3,1\na,5,2\nb,4,NA\n");
  ASSERT_TRUE(h.ok()) << describe(h.problems());
  EXPECT_EQ(h->period_labels, (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_TRUE(std::isnan(h->series[1].quantities[1]));
}

TEST(HistoryCsv, ErrorsNameTheirLines) {
  auto h = parse_history_csv("item,location,date,quantity\na,x,2024-01-01,1\na,x,2024-01-08,x\n,x,2024-01-15,1\n");
  ASSERT_FALSE(h.ok());
  EXPECT_TRUE(fixtures::has_path(h.problems(), "line 3, quantity"));
  EXPECT_TRUE(fixtures::has_path(h.problems(), "line 4, item"));
}

TEST(HistoryCsv, ToScenarioIsValid) {
  auto h = parse_history_csv(
      "item,location,date,quantity\na,x,2024-01-01,1\nb,y,2024-01-08,2\na,y,2024-01-08,\na,y,2024-01-01,4\n");
  ASSERT_TRUE(h.ok());
  const Scenario s = history_to_scenario(*h, "hist");
  EXPECT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.nodes.size(), 2u);
  EXPECT_EQ(s.demands.size(), 3u);
  EXPECT_EQ(s.demands[0].history->start, "2024-01-01");
  EXPECT_TRUE(validate_scenario(s).empty()) << describe(validate_scenario(s));
}

// Reference data: the car parts file (data/README.md): 2,674 series, 51 months from 1998-01,
// 165 series with gaps (months without a row). Counted independently here by scanning rows.
TEST(HistoryCsv, CarPartsReferenceFile) {
  const std::filesystem::path path = std::filesystem::path(ECHELON_SHARED_DATA_DIR) / "carparts_long.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no reference data at " << path;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::set<std::string> parts, gappy;
  std::map<std::string, std::size_t> rows_per_part;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const std::string part = line.substr(0, line.find(','));
    parts.insert(part);
    ++rows_per_part[part];
    if (line.back() == ',' || line.back() == '\r') gappy.insert(part);  // an empty quantity
  }
  for (const auto& [part, rows] : rows_per_part)
    if (rows < 51) gappy.insert(part);
  auto h = parse_history_csv(text);
  ASSERT_TRUE(h.ok()) << describe(h.problems());
  EXPECT_EQ(h->series.size(), parts.size());
  EXPECT_EQ(h->series.size(), 2674u);
  EXPECT_EQ(h->period, Period::month);
  EXPECT_EQ(h->period_labels.size(), 51u);
  EXPECT_EQ(h->period_labels.front(), "1998-01");
  std::size_t with_missing = 0;
  for (const auto& s : h->series) {
    bool any = false;
    for (double q : s.quantities) any = any || std::isnan(q);
    with_missing += any ? 1 : 0;
  }
  EXPECT_EQ(with_missing, gappy.size());
  EXPECT_EQ(with_missing, 165u);
}

TEST(HistoryCsv, InvalidUtf8IsRefusedWithItsLineAndColumn) {
  auto h = parse_history_csv("item,period,qty\na,1,2\n\xE9t\xE9,2,3\n");  // Latin-1 "ete"
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.problems()[0].path, "line 3, column 1");
  EXPECT_NE(h.problems()[0].message.find("UTF-8"), std::string::npos);
}

TEST(HistoryCsv, SeriesTimesSpanIsCapped) {
  // 501 series, each with a row in period 0 and in period 9999: a file of about 10 kB whose
  // table would hold 501 x 10,000 = 5,010,000 values, just over kMaxHistoryCells.
  std::string text = "item,period,qty\n";
  for (int i = 0; i < 501; ++i) text += "i" + std::to_string(i) + ",0,1\ni" + std::to_string(i) + ",9999,1\n";
  auto h = parse_history_csv(text);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.problems()[0].path, "line 1");
  EXPECT_NE(h.problems()[0].message.find("5010000 values; the limit is 5000000"), std::string::npos)
      << h.problems()[0].message;
  // 500 series fit exactly.
  text = "item,period,qty\n";
  for (int i = 0; i < 500; ++i) text += "i" + std::to_string(i) + ",0,1\ni" + std::to_string(i) + ",9999,1\n";
  EXPECT_TRUE(parse_history_csv(text).ok());
}

}  // namespace
}  // namespace echelon
