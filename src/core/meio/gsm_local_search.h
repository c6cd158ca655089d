// Local search on a guaranteed-service placement, re-costed incrementally.
//
// A placement is every stage's outbound service time S_j on the grid (ticks); the inbound time
// follows, SI_j = max(external inbound, max over suppliers S_i), and S_j is feasible when
// 0 <= S_j <= min(bound on S_j, SI_j + T_j). A stage costs sqrt(c_j^2 tau_j + d_j^2) with its
// net replenishment time tau_j = SI_j + T_j - S_j (gsm.h).
//
// Moves:
//   - stage j's outbound time set to another of its candidates X_j;
//   - stage j's inbound time lowered to a candidate y in Y_j: each supplier's S_i capped at y;
//   - the same, carried upstream: a capped supplier whose net replenishment time was 0 keeps it
//     at 0 by capping its own suppliers at y - T_i, and so on up the pass-through path. Without
//     this move the descent stops at 729,217 on Willems chain 27; with it, 727,451.
// After a move, stages downstream are re-made feasible in topological order, either clamping
// their S_k (it can only fall) or, in the "following" variant, keeping every stage whose net
// replenishment time was 0 at 0 (S_k = SI_k + T_k), so a pass-through path moves as a whole.
// Only the stages whose times change are visited, so a move costs the size of its effect
// rather than O(n + m): the work counted is one unit per stage visited plus one per arc read.
//
// The search:
//   1. Descent: first improvement over every stage's moves, in topological order, until a full
//      pass gains nothing.
//   2. Iterated local search (Lourenco, Martin & Stuetzle, "Iterated local search", Handbook of
//      Metaheuristics, 2003): kick one to three random stages to random candidates, descend again
//      over the stages the kick touched and their neighbours only, keep the result if it is
//      cheaper than the best, else undo it; stop after a number of kicks in a row without a gain.
//      Random choices use the generator's raw output (fixed by the C++ standard) and the budget
//      counts work, so a run repeats exactly, natively and in wasm.
// Never worse than the start and always feasible.
#pragma once

#include <memory>
#include <random>
#include <vector>

#include "core/meio/gsm.h"

namespace echelon {

struct GsmLocalSearchResult {
  std::vector<int> outbound, inbound;  // ticks, feasible
  double cost = 0.0;                   // gsm_tick_cost of the placement, recomputed in full
  double work = 0.0;                   // units spent (stages visited + arcs read)
  long long kicks = 0;                 // iterated-local-search rounds run
  long long kicks_improving = 0;       // rounds that lowered the best cost
};

struct GsmLocalSearchOptions {
  double work_limit = 1e7;         // both phases together
  bool iterate = true;             // after the descent, kick and descend while work remains
  long long stall_kicks = 1000;    // stop after this many kicks in a row without a gain
};

// The search in slices, for a caller that spreads it over frames:
//   GsmLocalSearch ls(grid, candidates, start);
//   while (!ls.run(ls.work() + slice, true, stall, rng)) show(ls.best());
// `start` need not be feasible: it is repaired first (gsm.h's rule, S_j clamped). The grid and
// candidates must outlive the search.
class GsmLocalSearch {
 public:
  GsmLocalSearch(const GsmGrid& grid, const GsmCandidates& candidates, std::vector<int> start);
  GsmLocalSearch(GsmLocalSearch&&) noexcept;
  GsmLocalSearch& operator=(GsmLocalSearch&&) noexcept;
  ~GsmLocalSearch();
  // Works until the total work reaches `work_limit`; true once finished (see the header).
  bool run(double work_limit, bool iterate, long long stall_kicks, std::mt19937& rng);
  GsmLocalSearchResult best() const;
  double work() const;

 private:
  struct Impl;
  const GsmGrid* grid_;
  std::unique_ptr<Impl> impl_;
};

// The whole search in one call.
GsmLocalSearchResult gsm_local_search(const GsmGrid& grid, const GsmCandidates& candidates,
                                      std::vector<int> outbound, const GsmLocalSearchOptions& options,
                                      std::mt19937& rng);

}  // namespace echelon
