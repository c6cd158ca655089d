#include "core/io/receipts_csv.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace echelon {
namespace {

TEST(ReceiptsCsv, ReadsDatesAndSynonyms) {
  const char* text =
      "Vendor,SKU,PO_Date,Delivery_Date,qty\n"
      "acme,A1,2024-02-27,2024-03-02,10\n"
      "acme,A2,2024-12-30,2025-01-04,5\n";
  auto r = parse_receipts_csv(text);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_TRUE(r->iso_dates);
  EXPECT_TRUE(r->has_supplier);
  EXPECT_FALSE(r->has_location);
  ASSERT_EQ(r->receipts.size(), 2u);
  EXPECT_EQ(r->receipts[0].supplier, "acme");
  EXPECT_EQ(r->receipts[0].item, "A1");
  EXPECT_DOUBLE_EQ(r->receipts[0].lead_time(), 4.0);  // 2024 is a leap year: Feb 28, 29, Mar 1, 2
  EXPECT_DOUBLE_EQ(r->receipts[1].lead_time(), 5.0);
  EXPECT_EQ(r->receipts[1].line, 3u);
}

TEST(ReceiptsCsv, PeriodNumbersAndSemicolons) {
  auto r = parse_receipts_csv("from;to;order_period;receipt_period\nplant;dc;3;5\nplant;dc;4;4\n");
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_FALSE(r->iso_dates);
  EXPECT_EQ(r->receipts[0].location, "dc");
  EXPECT_DOUBLE_EQ(r->receipts[0].lead_time(), 2.0);
  EXPECT_DOUBLE_EQ(r->receipts[1].lead_time(), 0.0);
}

TEST(ReceiptsCsv, ErrorsNameTheirLine) {
  const char* text =
      "supplier,order_date,receipt_date\n"
      "a,2024-03-05,2024-03-01\n"
      "\n"
      "a,2024-02-30,2024-03-01\n"
      "a,,2024-03-01\n"
      "a,2024-03-01,7\n";
  auto r = parse_receipts_csv(text);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(fixtures::has_path(r.problems(), "line 2, receipt_date"));
  EXPECT_TRUE(fixtures::has_path(r.problems(), "line 4, order_date"));
  EXPECT_TRUE(fixtures::has_path(r.problems(), "line 5, order_date"));
  EXPECT_TRUE(fixtures::has_path(r.problems(), "line 6, receipt_date"));
  EXPECT_TRUE(fixtures::has_path(parse_receipts_csv("supplier,qty\na,1\n").problems(), "line 1"));
  EXPECT_FALSE(parse_receipts_csv("").ok());
}

TEST(ReceiptsCsv, InvalidUtf8AndNulAreRefusedWithTheirPlace) {
  auto bad = parse_receipts_csv("from,to,order_period,receipt_period\nplant,d\xC3" "c,3,5\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems()[0].path, "line 2, column 8");
  auto nul = parse_receipts_csv(std::string("from,to,order_period,receipt_period\nplant,dc,3\0,5\n", 50));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.problems()[0].path, "line 2, column 11");
}

}  // namespace
}  // namespace echelon
