// "Served within the quoted service time": what a stage owes one customer stream (its external
// customers, or one child's arc) judged against the time it quotes, S whole periods (sim.h's
// quoted_service_time_periods, rounded to the nearest period).
//
// A stream keeps the orders of its last S + 1 periods in a ring of S + 1 slots (slot t mod
// (S + 1) holds q(t)), followed by their running sum, each one double per replication
// (kBlockReplications lanes); all streams share one array, `state`. Debts are served first in,
// first out, so at the end of period t the part of the debt placed at t - S or earlier that is
// still open is
//     overdue(t) = max(0, owed(t) - (q(t - S + 1) + ... + q(t))),
// and the part of period t - S's orders not served in time is min(q(t - S), overdue(t)).
// Example, S = 2: orders 5, 3, 4 in periods 0, 1, 2 and 12 still owed at the end of period 2:
// overdue = 12 - (3 + 4) = 5, all of period 0's order; with 6 owed nothing is overdue.
// The slot of t - S is (t + 1) mod (S + 1), so the sum of the other slots is sum - that slot.
//
// A stage quoting S = 0 counts any debt as late, as its stockout indicator does; above 0 a
// relative tolerance of 1e-9 (of 1 + the running sum) absorbs the rounding of the running sum.
// The engine's due-first allocation (sim.h, Allocation) ships overdue debts first.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/sim/sim.h"

namespace echelon::sim {

struct OnTimeStream {
  int span = 0;             // S + 1 slots; 0 = not tracked
  std::size_t offset = 0;   // first slot in the shared state
};

// S in whole periods: the nearest, at least 0 and at most a million.
inline int quoted_whole_periods(double quoted_service_time_periods) {
  return static_cast<int>(std::min(1e6, std::floor(std::max(0.0, quoted_service_time_periods) + 0.5)));
}

// A stream for a stage quoting `quoted_periods`, placed at the end of a state of `state_size`
// doubles, which grows by its S + 2 rows of lanes.
inline OnTimeStream track_on_time(int quoted_periods, std::size_t& state_size) {
  OnTimeStream stream;
  stream.span = quoted_periods + 1;
  stream.offset = state_size;
  state_size += static_cast<std::size_t>(stream.span + 1) * kBlockReplications;
  return stream;
}

// The lanes of q(period), for a period of the last S + 1.
inline const double* orders_of_period(const double* state, const OnTimeStream& stream, int period) {
  return state + stream.offset + static_cast<std::size_t>(period % stream.span) * kBlockReplications;
}

// Records q(t) (per lane); untracked streams are skipped.
inline void record_orders(double* state, const OnTimeStream& stream, int t, const double* __restrict q) {
  if (stream.span == 0) return;
  double* __restrict base = state + stream.offset;
  double* __restrict slot = base + static_cast<std::size_t>(t % stream.span) * kBlockReplications;
  double* __restrict sum = base + static_cast<std::size_t>(stream.span) * kBlockReplications;
  for (int r = 0; r < kBlockReplications; ++r) {
    sum[r] += q[r] - slot[r];
    slot[r] = q[r];
  }
}

// due[r] = open * overdue(t) of lane r (without the tolerance), for the due-first allocation.
inline void overdue_debt(const double* state, const OnTimeStream& stream, int t, const double* owed, double open,
                         double* due) {
  const double* base = state + stream.offset;
  const double* oldest = base + static_cast<std::size_t>((t + 1) % stream.span) * kBlockReplications;
  const double* sum = base + static_cast<std::size_t>(stream.span) * kBlockReplications;
  for (int r = 0; r < kBlockReplications; ++r) {
    const double recent = stream.span == 1 ? 0.0 : sum[r] - oldest[r];
    due[r] = open * std::min(owed[r], std::max(0.0, owed[r] - recent));
  }
}

// Adds the stream's overdue debt at the end of period t to `late`; when `judged` (period t - S
// was measured) also q(t - S) to `due` and its part not served in time to `late_units`. `owed`
// is in the stream's units; `u` converts to the stage's.
inline void add_overdue(const double* state, const OnTimeStream& stream, int t, int quoted_periods, bool judged,
                        const double* __restrict owed, double u, double* __restrict late, double* __restrict due,
                        double* __restrict late_units) {
  const double* base = state + stream.offset;
  const double* oldest = base + static_cast<std::size_t>((t + 1) % stream.span) * kBlockReplications;  // q(t - S)
  const double* sum = base + static_cast<std::size_t>(stream.span) * kBlockReplications;
  for (int r = 0; r < kBlockReplications; ++r) {
    const double recent = stream.span == 1 ? 0.0 : sum[r] - oldest[r];
    const double over = std::max(0.0, owed[r] - recent);
    const double tolerance = quoted_periods == 0 ? 0.0 : 1e-9 * (1.0 + std::fabs(sum[r]));
    const double overdue = over > tolerance ? over : 0.0;
    late[r] += u * overdue;
    if (judged) {
      due[r] += u * oldest[r];
      late_units[r] += u * std::min(oldest[r], overdue);
    }
  }
}

}  // namespace echelon::sim
