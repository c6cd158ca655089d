#include "core/service/segmentation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace echelon::service {
namespace {

SegmentationItem item(const char* id, double value, double cv, double adi = 1.0, double cv2 = 0.1, const char* tier = "") {
  SegmentationItem it;
  it.id = id;
  it.annual_value = value;
  it.forecast_error_cv = cv;
  it.adi = adi;
  it.cv2 = cv2;
  it.tier = tier;
  return it;
}

// Five items worth 50, 30, 10, 6, 4 (total 100). Cumulative share of the items ranked above each:
// 0, 0.5, 0.8, 0.9, 0.96. With cut-offs 0.8 / 0.95: A A B B C (the item starting at exactly 0.8 is
// already past the A cut-off). Input order is shuffled to check ranks are by value.
TEST(Segmentation, AbcByHand) {
  std::vector<SegmentationItem> items{item("d", 6, 0.2), item("a", 50, 0.2), item("e", 4, 0.2), item("c", 10, 0.2), item("b", 30, 0.2)};
  auto s = segment_items(items);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  EXPECT_EQ(s->items[1].abc, AbcClass::a);  // 50
  EXPECT_EQ(s->items[4].abc, AbcClass::a);  // 30
  EXPECT_EQ(s->items[3].abc, AbcClass::b);  // 10
  EXPECT_EQ(s->items[0].abc, AbcClass::b);  // 6
  EXPECT_EQ(s->items[2].abc, AbcClass::c);  // 4
  EXPECT_EQ(s->items[1].value_rank, 0);
  EXPECT_EQ(s->items[2].value_rank, 4);
  EXPECT_DOUBLE_EQ(s->items[0].cumulative_share_above, 0.9);
  EXPECT_DOUBLE_EQ(s->total_annual_value, 100.0);
  EXPECT_EQ(s->cells[0][0].items, 2);
  EXPECT_DOUBLE_EQ(s->cells[0][0].annual_value, 80.0);
  EXPECT_EQ(s->cells[1][0].items, 2);
  EXPECT_EQ(s->cells[2][0].items, 1);
}

// Moving the cut-offs moves items: with A = 0.5 only the first item is A; with B = 0.85 the item
// at 0.9 falls to C.
TEST(Segmentation, AdjustableCutoffs) {
  std::vector<SegmentationItem> items{item("a", 50, 0.2), item("b", 30, 0.2), item("c", 10, 0.2), item("d", 6, 0.2), item("e", 4, 0.2)};
  SegmentationOptions o;
  o.abc = {0.5, 0.85};
  auto s = segment_items(items, o);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->items[0].abc, AbcClass::a);
  EXPECT_EQ(s->items[1].abc, AbcClass::b);
  EXPECT_EQ(s->items[2].abc, AbcClass::b);
  EXPECT_EQ(s->items[3].abc, AbcClass::c);
}

// XYZ: cv 0.49 -> X, 0.5 -> Y (the cut-off itself is Y), 0.99 -> Y, 1.0 -> Z, NaN -> Z.
// Syntetos–Boylan: (ADI 1.0, CV² 0.1) smooth, (1.0, 0.6) erratic, (2.0, 0.1) intermittent,
// (2.0, 0.6) lumpy, ADI 0 no demand.
TEST(Segmentation, XyzAndDemandClasses) {
  const double nan = std::nan("");
  std::vector<SegmentationItem> items{item("1", 1, 0.49, 1.0, 0.1), item("2", 1, 0.5, 1.0, 0.6), item("3", 1, 0.99, 2.0, 0.1), item("4", 1, 1.0, 2.0, 0.6), item("5", 1, nan, 0.0, 0.0)};
  auto s = segment_items(items);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  EXPECT_EQ(s->items[0].xyz, XyzClass::x);
  EXPECT_EQ(s->items[1].xyz, XyzClass::y);
  EXPECT_EQ(s->items[2].xyz, XyzClass::y);
  EXPECT_EQ(s->items[3].xyz, XyzClass::z);
  EXPECT_EQ(s->items[4].xyz, XyzClass::z);
  EXPECT_EQ(s->items[0].demand_class, learn::DemandClass::smooth);
  EXPECT_EQ(s->items[1].demand_class, learn::DemandClass::erratic);
  EXPECT_EQ(s->items[2].demand_class, learn::DemandClass::intermittent);
  EXPECT_EQ(s->items[3].demand_class, learn::DemandClass::lumpy);
  EXPECT_EQ(s->items[4].demand_class, learn::DemandClass::no_demand);
  EXPECT_EQ(s->demand_class_counts[0], 1);
  EXPECT_EQ(s->demand_class_counts[4], 1);
}

// Default targets come from the editable matrix; a tier's floor raises them.
TEST(Segmentation, TargetsFromMatrixAndTiers) {
  SegmentationOptions o;
  o.targets.fill_rate[0][0] = 0.91;  // AX
  o.targets.fill_rate[1][2] = 0.85;  // BZ
  o.tiers = {{"key accounts", 0.97}, {"retail", 0.5}};
  // Values 90 and 10: A and B (cumulative above 0 and 0.9 with B cut-off 0.95).
  std::vector<SegmentationItem> items{item("a", 90, 0.1), item("b", 10, 2.0), item("c", 0, 0.1, 0, 0, "key accounts")};
  auto s = segment_items(items, o);
  ASSERT_TRUE(s.ok()) << describe(s.problems());
  EXPECT_DOUBLE_EQ(s->items[0].default_fill_rate, 0.91);
  EXPECT_DOUBLE_EQ(s->items[1].default_fill_rate, 0.85);
  EXPECT_EQ(s->items[2].abc, AbcClass::c);
  EXPECT_DOUBLE_EQ(s->items[2].default_fill_rate, 0.97);  // CX 0.95 raised to the tier's 0.97
  EXPECT_EQ(cell_name(AbcClass::b, XyzClass::z), "BZ");
}

TEST(Segmentation, BadInputNamesTheField) {
  SegmentationOptions o;
  o.abc = {0.9, 0.8};
  o.targets.fill_rate[2][1] = 1.0;
  std::vector<SegmentationItem> items{item("a", -1, 0.1), item("b", 1, 0.1, 0, 0, "nobody")};
  auto s = segment_items(items, o);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> paths;
  for (const auto& p : s.problems()) paths.push_back(p.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "abc.b_share"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "targets.CY"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "items/0/annual_value"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "items/1/tier"), paths.end());
}

}  // namespace
}  // namespace echelon::service
