#include "core/risk/exposure.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::risk {
namespace {

// On hand 100, on order 30, cost 8; forecast 2.5 per period over 12: D = 30, E = 100 (excess
// units), of which 30 are cancelled on order and 70 are physical; exposure 800.
TEST(Exposure, ByHand) {
  const StockPosition stock{100.0, 30.0, 8.0};
  auto e = compute_exposure(stock, 2.5, 12);
  ASSERT_TRUE(e.ok());
  EXPECT_DOUBLE_EQ(e->expected_demand_units, 30.0);
  EXPECT_DOUBLE_EQ(e->cover_ratio, 100.0 / 30.0);
  EXPECT_DOUBLE_EQ(e->excess_units, 100.0);
  EXPECT_DOUBLE_EQ(e->physical_excess_units, 70.0);
  EXPECT_DOUBLE_EQ(e->exposure_value, 800.0);
  EXPECT_DOUBLE_EQ(e->stock_value, 1040.0);

  // Transfer room 50 at cost 1: 50 * 7 = 350; markdown 70 * 0.6 * 0.5 * 8 = 168; return
  // 70 * (0.7 * 8 - 0.5) = 357; cancel 30 * 8 = 240.
  ActionAssumptions a;
  a.transfer_cost_per_unit = 1.0;
  a.return_fee_per_unit = 0.5;
  auto actions = rank_actions(stock, *e, 50.0, a);
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->size(), 4u);
  EXPECT_EQ((*actions)[0].kind, ActionKind::return_to_supplier);
  EXPECT_NEAR((*actions)[0].cash_recovered, 357.0, 1e-12);
  EXPECT_EQ((*actions)[1].kind, ActionKind::transfer);
  EXPECT_NEAR((*actions)[1].cash_recovered, 350.0, 1e-12);
  EXPECT_DOUBLE_EQ((*actions)[1].units, 50.0);
  EXPECT_EQ((*actions)[2].kind, ActionKind::stop_replenishment);
  EXPECT_DOUBLE_EQ((*actions)[2].cash_recovered, 240.0);
  EXPECT_EQ((*actions)[3].kind, ActionKind::markdown);
  EXPECT_NEAR((*actions)[3].cash_recovered, 168.0, 1e-12);
}

TEST(Exposure, NoDemandMeansInfiniteCoverAndNoTransferWithoutRoom) {
  auto e = compute_exposure({10.0, 0.0, 2.0}, 0.0, 12);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(std::isinf(e->cover_ratio));
  EXPECT_DOUBLE_EQ(e->excess_units, 10.0);
  ActionAssumptions a;
  a.returns_allowed = false;
  auto actions = rank_actions({10.0, 0.0, 2.0}, *e, 0.0, a);
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->size(), 2u);  // markdown 10 * 0.6 * 0.5 * 2 = 6, then stop replenishment at 0
  EXPECT_EQ((*actions)[0].kind, ActionKind::markdown);
  EXPECT_DOUBLE_EQ((*actions)[0].cash_recovered, 6.0);
  EXPECT_EQ((*actions)[1].kind, ActionKind::stop_replenishment);
  EXPECT_EQ((*actions)[1].cash_recovered, 0.0);
}

TEST(Exposure, StockWithinDemandHasNoExcess) {
  auto e = compute_exposure({10.0, 5.0, 2.0}, 2.0, 12);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->excess_units, 0.0);
  EXPECT_EQ(e->exposure_value, 0.0);
  auto none = compute_exposure({0.0, 0.0, 2.0}, 0.0, 12);
  EXPECT_EQ(none->cover_ratio, 0.0);
}

TEST(Exposure, BadInputIsNamed) {
  auto e = compute_exposure({-1.0, 0.0, 2.0}, 1.0, 0);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.problems()[0].path, "on_hand_units");
  EXPECT_EQ(e.problems()[1].path, "horizon_periods");
  ActionAssumptions a;
  a.markdown_sell_through = 1.5;
  auto r = rank_actions({}, {}, -1.0, a);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "markdown_sell_through");
  EXPECT_EQ(r.problems()[1].path, "transfer_room_units");
}

}  // namespace
}  // namespace echelon::risk
