#include "core/io/csv.h"

#include <gtest/gtest.h>

namespace echelon {
namespace {

TEST(CsvText, FieldsAndQuotes) {
  auto f = csv::split_fields(R"(a,"b, c","say ""hi""",,e)");
  ASSERT_TRUE(f.error.empty());
  ASSERT_EQ(f.fields.size(), 5u);
  EXPECT_EQ(f.fields[1], "b, c");
  EXPECT_EQ(f.fields[2], "say \"hi\"");
  EXPECT_EQ(f.fields[3], "");
  EXPECT_FALSE(csv::split_fields("\"open").error.empty());
  EXPECT_FALSE(csv::split_fields("\"a\"b").error.empty());
}

TEST(CsvText, LinesDropBomAndCarriageReturns) {
  const auto lines = csv::split_lines("\xEF\xBB\xBFh1\r\nx\n\ny");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "h1");
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_EQ(lines[3].text, "y");
}

TEST(CsvText, Numbers) {
  EXPECT_EQ(csv::parse_number(" 12 "), 12.0);
  EXPECT_EQ(csv::parse_number("-0.5"), -0.5);
  EXPECT_EQ(csv::parse_number("1e3"), 1000.0);
  for (const char* bad : {"", "nan", "inf", "0x10", "1,5", "12abc", "1e999"}) EXPECT_FALSE(csv::parse_number(bad)) << bad;
}

TEST(CsvText, TrimAndLower) {
  EXPECT_EQ(csv::trim(" \tab c\t "), "ab c");
  EXPECT_EQ(csv::trim(""), "");
  EXPECT_EQ(csv::lower("SKU_Id"), "sku_id");
}

}  // namespace
}  // namespace echelon
