#include "core/sim/transit.h"

#include <algorithm>

namespace echelon::sim {

int transit_slot_count(int lead_cap_periods) {
  int slots = 1;
  while (slots < lead_cap_periods + 1) slots *= 2;
  return slots;
}

bool TransitStore::zero_slice() {
  if (!storage && size > 0) {
    storage.reset(new double[size]);
    data = storage.get();
    zeroed = 0;
  }
  constexpr std::size_t kSlice = std::size_t{1} << 18;
  const std::size_t end = std::min(size, zeroed + kSlice);
  std::fill(data + zeroed, data + end, 0.0);
  zeroed = end;
  return zeroed >= size;
}

}  // namespace echelon::sim
