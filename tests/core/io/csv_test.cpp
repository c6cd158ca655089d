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

// Byte sequences from RFC 3629's table of well-formed UTF-8 (section 4) and its examples of
// ill-formed ones; columns count bytes from 1.
TEST(CsvText, CheckTextAcceptsUtf8AndNamesTheFirstBadByte) {
  EXPECT_FALSE(csv::check_text("a,b\n\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80\n"));  // e-acute, euro, an emoji
  EXPECT_FALSE(csv::check_text(""));
  struct Case {
    std::string text;
    const char* path;
  };
  const Case bad[] = {
      {"item,qty\nab\xFF,1\n", "line 2, column 3"},         // 0xFF never appears in UTF-8
      {"x\n\n\xC0\xAF", "line 3, column 1"},                // overlong "/"
      {"ab\xED\xA0\x80", "line 1, column 3"},                // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", "line 1, column 1"},             // above U+10FFFF
      {"abc\xE2\x82", "line 1, column 4"},                    // cut short at the end
      {std::string("a,b\nc,d\0e", 10), "line 2, column 4"},  // an embedded NUL
  };
  for (const Case& c : bad) {
    const auto problem = csv::check_text(c.text);
    ASSERT_TRUE(problem) << c.path;
    EXPECT_EQ(problem->path, c.path);
  }
  const auto nul = csv::check_text(std::string("a\0", 2));
  ASSERT_TRUE(nul);
  EXPECT_NE(nul->message.find("NUL"), std::string::npos);
}

TEST(CsvText, CheckTextRefusesTextOverTheByteLimit) {
  EXPECT_FALSE(csv::check_text("12345", 5));
  const auto problem = csv::check_text("123456", 5);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->message.find("the limit is 5"), std::string::npos);
  EXPECT_EQ(csv::kMaxBytes, 64u * 1024u * 1024u);
}

}  // namespace
}  // namespace echelon
