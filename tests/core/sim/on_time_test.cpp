#include "core/sim/on_time.h"

#include <gtest/gtest.h>

#include <vector>

namespace echelon::sim {
namespace {

constexpr int B = kBlockReplications;

std::vector<double> lanes(double x) { return std::vector<double>(B, x); }

TEST(SimOnTime, QuotedTimeRoundsToWholePeriods) {
  EXPECT_EQ(quoted_whole_periods(-2.0), 0);
  EXPECT_EQ(quoted_whole_periods(0.49), 0);
  EXPECT_EQ(quoted_whole_periods(1.5), 2);
  EXPECT_EQ(quoted_whole_periods(1e12), 1000000);
}

// Two streams share the state: S = 2 takes 3 slots + 1 sum row, S = 0 takes 1 + 1.
TEST(SimOnTime, StreamsAreLaidOutOneAfterAnother) {
  std::size_t size = 0;
  const OnTimeStream a = track_on_time(2, size);
  const OnTimeStream b = track_on_time(0, size);
  EXPECT_EQ(a.span, 3);
  EXPECT_EQ(a.offset, 0u);
  EXPECT_EQ(b.span, 1);
  EXPECT_EQ(b.offset, 4u * B);
  EXPECT_EQ(size, 6u * B);
}

// S = 2, orders 5, 3, 4 in periods 0, 1, 2. At the end of period 2, with 12 owed: the orders of
// periods 1 and 2 (7) may still be open, so 12 - 7 = 5 is overdue, all of period 0's order:
// due 5, late units min(5, 5) = 5. With 6 owed nothing is overdue (due 5, late 0). The stream's
// units count u = 2 times in the stage's units.
TEST(SimOnTime, DebtOlderThanTheQuotedTimeIsLate) {
  std::size_t size = 0;
  const OnTimeStream stream = track_on_time(2, size);
  std::vector<double> state(size, 0.0);
  const double orders[] = {5.0, 3.0, 4.0};
  for (int t = 0; t < 3; ++t) record_orders(state.data(), stream, t, lanes(orders[t]).data());
  EXPECT_EQ(orders_of_period(state.data(), stream, 2)[0], 4.0);
  for (double owed : {12.0, 6.0}) {
    std::vector<double> late = lanes(0.0), due = lanes(0.0), late_units = lanes(0.0);
    add_overdue(state.data(), stream, 2, 2, true, lanes(owed).data(), 2.0, late.data(), due.data(), late_units.data());
    for (int r = 0; r < B; ++r) {
      EXPECT_EQ(late[r], owed == 12.0 ? 10.0 : 0.0);
      EXPECT_EQ(due[r], 10.0);
      EXPECT_EQ(late_units[r], owed == 12.0 ? 10.0 : 0.0);
    }
    std::vector<double> first = lanes(0.0);
    overdue_debt(state.data(), stream, 2, lanes(owed).data(), 1.0, first.data());
    EXPECT_EQ(first[0], owed == 12.0 ? 5.0 : 0.0);
  }
  // Period 3 orders 1: the ring drops period 0 (sum 3 + 4 + 1 = 8). With 9 owed, the orders of
  // periods 2 and 3 (5) may be open, so 9 - 5 = 4 is overdue; period 1's order (3) is the one
  // judged, and min(3, 4) = 3 of it was not served in time. Not judged: due and late units stay 0.
  record_orders(state.data(), stream, 3, lanes(1.0).data());
  std::vector<double> late = lanes(0.0), due = lanes(0.0), late_units = lanes(0.0);
  add_overdue(state.data(), stream, 3, 2, true, lanes(9.0).data(), 1.0, late.data(), due.data(), late_units.data());
  EXPECT_EQ(late[0], 4.0);
  EXPECT_EQ(due[0], 3.0);
  EXPECT_EQ(late_units[0], 3.0);
  std::vector<double> due2 = lanes(0.0), late_units2 = lanes(0.0), late2 = lanes(0.0);
  add_overdue(state.data(), stream, 3, 2, false, lanes(9.0).data(), 1.0, late2.data(), due2.data(), late_units2.data());
  EXPECT_EQ(late2[0], 4.0);
  EXPECT_EQ(due2[0], 0.0);
  EXPECT_EQ(late_units2[0], 0.0);
}

// Quoting 0: any debt is late, however small; quoting 1: a debt above the recent orders by less
// than 1e-9 (1 + sum) is rounding of the running sum, not lateness.
TEST(SimOnTime, ZeroQuoteCountsAnyDebtAndTheToleranceAbsorbsRounding) {
  std::size_t size = 0;
  const OnTimeStream now = track_on_time(0, size);
  const OnTimeStream one = track_on_time(1, size);
  std::vector<double> state(size, 0.0);
  record_orders(state.data(), now, 0, lanes(3.0).data());
  record_orders(state.data(), one, 0, lanes(3.0).data());
  record_orders(state.data(), one, 1, lanes(2.0).data());
  std::vector<double> late = lanes(0.0), due = lanes(0.0), late_units = lanes(0.0);
  add_overdue(state.data(), now, 0, 0, true, lanes(1e-12).data(), 1.0, late.data(), due.data(), late_units.data());
  EXPECT_EQ(late[0], 1e-12);
  EXPECT_EQ(due[0], 3.0);
  std::vector<double> late1 = lanes(0.0), due1 = lanes(0.0), late_units1 = lanes(0.0);
  // Period 1, S = 1: recent = q(1) = 2; owed 2 + 1e-12 is within 1e-9 * (1 + 5).
  add_overdue(state.data(), one, 1, 1, true, lanes(2.0 + 1e-12).data(), 1.0, late1.data(), due1.data(), late_units1.data());
  EXPECT_EQ(late1[0], 0.0);
  EXPECT_EQ(due1[0], 3.0);
  EXPECT_EQ(late_units1[0], 0.0);
}

}  // namespace
}  // namespace echelon::sim
