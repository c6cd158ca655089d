#include "core/meio/single_echelon.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.h"

namespace echelon {
namespace {

// Snyder & Shen Example 6.5 (tests/support/test_support.h). Single-echelon: every stage quotes
// 0, so tau = SI + T = 3, 1, 1, 1 with bounds sqrt2, 1, sqrt2, 1 and h = 1, 3, 2, 3:
// cost = sqrt(6) + 3 + 2 sqrt(2) + 3 = 11.2779 (hand-derived); the GSM optimum is 8.2779, so
// stage 4 (index 3) gives up its stock.
TEST(SingleEchelon, EveryStageBuffersItsReplenishmentTime) {
  auto single = solve_single_echelon(textbook::snyder_shen_example_6_5());
  ASSERT_TRUE(single.ok()) << describe(single.problems());
  EXPECT_NEAR(single->total_cost, std::sqrt(6.0) + 3.0 + 2.0 * std::sqrt(2.0) + 3.0, 1e-12);
  EXPECT_NEAR(single->stages[0].net_replenishment_time, 3.0, 1e-12);
  EXPECT_NEAR(single->total_safety_stock_value, 10.0 * single->total_cost, 1e-9);
}

TEST(SingleEchelon, ComparisonShowsWhereStockMoved) {
  auto single = solve_single_echelon(textbook::snyder_shen_example_6_5());
  auto multi = solve_gsm_tree(textbook::snyder_shen_example_6_5());
  ASSERT_TRUE(single.ok() && multi.ok());
  auto c = compare_placements(*single, *multi);
  ASSERT_TRUE(c.ok());
  EXPECT_NEAR(c->cost_saving, 3.0, 1e-9);
  EXPECT_NEAR(c->cost_saving_fraction, 3.0 / single->total_cost, 1e-12);
  EXPECT_EQ(c->stages_holding_single, 4);
  EXPECT_EQ(c->stages_holding_multi, 3);
  EXPECT_NEAR(c->stages[3].change, -1.0, 1e-12);
  EXPECT_NEAR(c->stages[0].change, 0.0, 1e-12);
  GsmSolution other;
  EXPECT_FALSE(compare_placements(*single, other).ok());
}

}  // namespace
}  // namespace echelon
