// The single-echelon baseline of the guaranteed-service model, and its comparison with a
// multi-echelon placement.
//
// Baseline: every stage buffers its own full replenishment time, as when each location is
// planned on its own: it quotes S_j = 0 to its customers, so it is quoted SI_j = 0 by internal
// suppliers (the external inbound time by outside ones) and holds k_j sigma_j sqrt(SI_j + T_j).
// This is always feasible, and it is the starting point against which Graves & Willems (2000)
// report the savings of optimised placement.
//
// The comparison reports, per stage and in total, the safety stock and its cost and value in
// both plans, and which stages gained or lost stock ("where stock moved").
#pragma once

#include <vector>

#include "core/meio/gsm.h"

namespace echelon {

// Every stage quotes 0: its safety stock covers its whole replenishment time.
Result<GsmSolution> solve_single_echelon(const GsmNetwork& network);

struct StageShift {
  int stage = 0;
  double single_echelon_safety_stock = 0.0;
  double multi_echelon_safety_stock = 0.0;
  double change = 0.0;  // multi - single (units); negative: stock left this stage
};

struct PlacementComparison {
  double single_echelon_cost = 0.0;  // holding cost per period
  double multi_echelon_cost = 0.0;
  double cost_saving = 0.0;          // single - multi
  double cost_saving_fraction = 0.0; // saving / single (0 when single is 0)
  double single_echelon_value = 0.0; // value of safety stock (unit values)
  double multi_echelon_value = 0.0;
  int stages_holding_single = 0;     // stages with positive safety stock
  int stages_holding_multi = 0;
  std::vector<StageShift> stages;    // every stage, in network order
};

// Both solutions must come from the same network (same number of stages).
Result<PlacementComparison> compare_placements(const GsmSolution& single_echelon, const GsmSolution& multi_echelon);

}  // namespace echelon
