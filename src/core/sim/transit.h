// Shipments in transit: one ring of slots per arc, each slot holding what arrives in one period,
// one double per replication of the block (kBlockReplications lanes).
//
// A shipment that leaves in period t with lead time L (whole periods, L >= 1, at most the arc's
// lead_cap) arrives at the start of period t + L (sim.h, events 1 and 4). Arrivals are at most
// lead_cap periods ahead, so a ring of lead_cap + 1 slots, addressed by period modulo the ring
// size, never lets a shipment land on a slot not yet emptied; the size is rounded up to a power
// of two so that the modulo is a mask (period & (slots - 1)). The receiving stage empties the
// slot of period t at the start of t, before anything is shipped in t.
//
// Order crossing: with it, each shipment's lead time stands on its own; without it a shipment
// never arrives before an earlier one on the same arc: arrival = max(t + L, previous arrival)
// (first in, first out, as with a single carrier).
//
// Large networks with random lead times hold tens of megabytes of rings. TransitStore allocates
// them without touching them and zeroes them in slices between blocks, so a time-budgeted step
// can stop between slices (and the first touch of fresh pages is paid in slices too).
#pragma once

#include <cstddef>
#include <memory>

#include "core/sim/sim.h"

namespace echelon::sim {

// Slots of an arc's ring: the least power of two of at least lead_cap_periods + 1.
int transit_slot_count(int lead_cap_periods);

// One arc's ring inside the store.
struct TransitRing {
  double* base = nullptr;  // slot 0
  int mask = 0;            // slots - 1

  // The lanes of what arrives in `period`.
  double* slot(int period) const { return base + static_cast<std::size_t>(period & mask) * kBlockReplications; }
};

// Ships `shipment` (per lane, in the receiving stage's units) in every lane to arrive in
// `arrival_period`: a constant lead time.
inline void put_in_transit(const TransitRing& ring, int arrival_period, const double* __restrict shipment) {
  double* __restrict slot = ring.slot(arrival_period);
  for (int r = 0; r < kBlockReplications; ++r) slot[r] += shipment[r];
}

// Ships lane r's shipment, left in period t, to arrive in t + lead[r], or (without crossing) not
// before last_arrival[r], which becomes that lane's arrival. Lanes that ship nothing are
// skipped, and keep their last arrival.
inline void put_in_transit(const TransitRing& ring, int t, const int* lead, bool crossing,
                           double* __restrict last_arrival, const double* __restrict shipment) {
  for (int r = 0; r < kBlockReplications; ++r) {
    if (!(shipment[r] > 0.0)) continue;
    double arrival = static_cast<double>(t + lead[r]);
    if (!crossing) arrival = arrival < last_arrival[r] ? last_arrival[r] : arrival;
    last_arrival[r] = arrival;
    ring.base[static_cast<std::size_t>(static_cast<int>(arrival) & ring.mask) * kBlockReplications +
              static_cast<std::size_t>(r)] += shipment[r];
  }
}

// The rings of all arcs in one allocation, zeroed in slices before each block.
struct TransitStore {
  std::size_t size = 0;    // doubles in all rings
  std::size_t zeroed = 0;  // leading doubles zeroed for the next block
  std::unique_ptr<double[]> storage;
  double* data = nullptr;

  // Zeroes the next slice (2 MB, a fraction of a millisecond), allocating on first use; true
  // once all rings are zero.
  bool zero_slice();
  // The rings have been written (a block ran, or was cut short): zero them all again.
  void mark_used() { zeroed = 0; }
};

}  // namespace echelon::sim
