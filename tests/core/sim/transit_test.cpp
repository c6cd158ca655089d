#include "core/sim/transit.h"

#include <gtest/gtest.h>

#include <vector>

namespace echelon::sim {
namespace {

constexpr int B = kBlockReplications;

// Ring sizes: the least power of two of at least cap + 1 (cap 1 -> 2, 3 -> 4, 4 -> 8, 8 -> 16).
TEST(SimTransit, RingSizeIsThePowerOfTwoAboveTheLongestLead) {
  EXPECT_EQ(transit_slot_count(1), 2);
  EXPECT_EQ(transit_slot_count(2), 4);
  EXPECT_EQ(transit_slot_count(3), 4);
  EXPECT_EQ(transit_slot_count(4), 8);
  EXPECT_EQ(transit_slot_count(8), 16);
}

// A constant lead time of 3 on a ring of 4 slots: shipped in period 6, the units sit in the
// slot of period 9 (slot 1) and in no other; period 9 finds them, period 5 (the same slot one
// turn earlier) was before they left.
TEST(SimTransit, AShipmentArrivesAfterItsLeadTime) {
  std::vector<double> store(4 * B, 0.0);
  const TransitRing ring{store.data(), transit_slot_count(3) - 1};
  std::vector<double> shipment(B);
  for (int r = 0; r < B; ++r) shipment[r] = 1.0 + r;
  put_in_transit(ring, 6 + 3, shipment.data());
  EXPECT_EQ(ring.slot(9), store.data() + 1 * B);
  for (int period = 6; period < 10; ++period)
    for (int r = 0; r < B; ++r) EXPECT_EQ(ring.slot(period)[r], period == 9 ? 1.0 + r : 0.0) << period << " " << r;
}

// Drawn lead times, lane 0 and lane 1: shipped 10 units in period 0 with lead 5, then 4 units in
// period 1 with lead 1. With crossing the second arrives in period 2, before the first (5);
// without crossing it waits for the first and both arrive in period 5. Lane 2 ships nothing and
// keeps its last arrival.
TEST(SimTransit, WithoutCrossingAShipmentWaitsForTheOneBefore) {
  for (bool crossing : {true, false}) {
    std::vector<double> store(8 * B, 0.0);
    const TransitRing ring{store.data(), 7};
    std::vector<double> last(B, 0.0), first(B, 0.0), second(B, 0.0);
    std::vector<int> lead_first(B, 5), lead_second(B, 1);
    first[0] = first[1] = 10.0;
    second[0] = second[1] = 4.0;
    last[2] = 3.0;
    put_in_transit(ring, 0, lead_first.data(), crossing, last.data(), first.data());
    put_in_transit(ring, 1, lead_second.data(), crossing, last.data(), second.data());
    for (int lane = 0; lane < 2; ++lane) {
      if (crossing) {
        EXPECT_EQ(ring.slot(2)[lane], 4.0);
        EXPECT_EQ(ring.slot(5)[lane], 10.0);
        EXPECT_EQ(last[lane], 2.0);
      } else {
        EXPECT_EQ(ring.slot(2)[lane], 0.0);
        EXPECT_EQ(ring.slot(5)[lane], 14.0);
        EXPECT_EQ(last[lane], 5.0);
      }
    }
    EXPECT_EQ(last[2], 3.0);
    for (int period = 0; period < 8; ++period) EXPECT_EQ(ring.slot(period)[2], 0.0);
  }
}

// The store zeroes 2^18 doubles a call: 2^18 + 10 doubles take two calls, and after a block has
// used the rings they are zeroed again from the start.
TEST(SimTransit, StoreIsZeroedInSlices) {
  TransitStore store;
  store.size = (std::size_t{1} << 18) + 10;
  EXPECT_FALSE(store.zero_slice());
  EXPECT_TRUE(store.zero_slice());
  ASSERT_NE(store.data, nullptr);
  store.data[0] = 5.0;
  store.data[store.size - 1] = 7.0;
  store.mark_used();
  EXPECT_FALSE(store.zero_slice());
  EXPECT_EQ(store.data[0], 0.0);
  EXPECT_EQ(store.data[store.size - 1], 7.0);
  EXPECT_TRUE(store.zero_slice());
  EXPECT_EQ(store.data[store.size - 1], 0.0);
}

}  // namespace
}  // namespace echelon::sim
