#include "core/risk/stock_csv.h"

#include <gtest/gtest.h>

namespace echelon::risk {
namespace {

TEST(StockCsv, ReadsColumnsBySynonymAndSeparator) {
  auto r = parse_stock_csv("SKU;Store;Stock;Open_Orders;Cost\nA;north;10;2;3.5\nA;south;0;;3.5\n");
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].item, "A");
  EXPECT_EQ((*r)[0].location, "north");
  EXPECT_EQ((*r)[0].on_hand_units, 10.0);
  EXPECT_EQ((*r)[0].on_order_units, 2.0);
  EXPECT_EQ((*r)[0].unit_cost, 3.5);
  EXPECT_EQ((*r)[1].on_order_units, 0.0);
  auto minimal = parse_stock_csv("part_id,on_hand\n21029627,4\n");
  ASSERT_TRUE(minimal.ok());
  EXPECT_EQ((*minimal)[0].location, "");
  EXPECT_FALSE((*minimal)[0].unit_cost.has_value());
}

TEST(StockCsv, ErrorsNameTheirLine) {
  auto r = parse_stock_csv("item,on_hand,cost\nA,-1,2\nB,3,x\nB,3,1\nB,4,1\n,1,1\n");
  ASSERT_FALSE(r.ok());
  const auto& p = r.problems();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].path, "line 2, on_hand");
  EXPECT_EQ(p[1].path, "line 3, unit_cost");
  EXPECT_EQ(p[2].path, "line 5");  // a second row for B
  EXPECT_EQ(p[3].path, "line 6, item");
  auto header = parse_stock_csv("name,qty\n");
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.problems().size(), 2u);
  EXPECT_FALSE(parse_stock_csv("").ok());
}

TEST(StockCsv, InvalidUtf8IsRefusedWithItsPlace) {
  auto r = parse_stock_csv("SKU,Store,Stock\nA,n\x80rth,10\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "line 2, column 4");
}

}  // namespace
}  // namespace echelon::risk
