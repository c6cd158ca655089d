// The guaranteed-service model on general acyclic networks (assembly and distribution mixed,
// undirected cycles allowed), with a proven lower bound so every answer carries its gap.
//
// What the literature offers and what was chosen:
// - Humair & Willems (Operations Research 59(3), 2011) solve general networks exactly by a
//   dynamic program over clusters of commonality; it is exact but its effort grows quickly with
//   the overlap of paths (days on the largest Willems chain).
// - Shu & Karimi (2009) and the piecewise-linear MIP approaches (Magnanti et al. 2006) give good
//   solutions but need an LP/MIP solver, which an in-browser engine does not have.
// - Huang et al. (2022) decompose the network into trees and iterate between tree solutions and
//   the coupling constraints, reporting near-optimal costs quickly.
// Echelon combines the last idea with a bound, using only the exact tree DP of gsm.h over each
// stage's candidate service times (sums of stage times along paths, exact for continuous times):
//  1. Lagrangian relaxation: keep a maximum-weight spanning tree (weight c_i + c_j, so arcs
//     between costly stages stay exact), move each other arc's constraint S_i <= SI_j into the
//     objective with a multiplier lambda_e >= 0. For every lambda the tree DP gives a valid lower
//     bound; subgradient steps (Polyak's rule) raise it (Fisher 1981, "The Lagrangian relaxation
//     method for solving integer programming problems").
//  2. Upper bounds: every relaxed solution is repaired into a feasible one, and also solved again
//     with each cut arc held at a threshold between the relaxed S_i and SI_j (S_i <= theta <=
//     SI_j), which is feasible and keeps what the relaxation got right (a Lagrangian heuristic).
//     A large neighbourhood search re-solves random spanning trees exactly with each left-out arc
//     cut at a threshold between the incumbent's values, which never loses the incumbent and
//     moves many service times at once.
//     Every new incumbent is then polished by a descent (gsm_local_search.h: one stage's time
//     moved, or its suppliers' times capped, with pass-through paths moved whole, each move
//     re-costed over the stages it changes), within polish_share of the budget.
//  3. Branch and bound, best bound first. Each node starts from its parent's multipliers and
//     takes a few subgradient steps of its own (its bounds change which multipliers are best; on
//     Willems chain 35 this closes a gap of 0.5% that fixed multipliers left open). A violated
//     arc splits S_i's candidates (S_i <= theta | S_i, SI_j > theta). A node whose relaxation
//     with lambda = 0 satisfies every arc is solved. When the budget ends, the lowest open bound
//     is the proven lower bound.
//  4. Iterated local search on the incumbent (gsm_local_search.h) with the share of the budget
//     that branch and bound leaves it (iterated_search_share), unless the gap is closed. On
//     Willems chain 27 the descent with upstream pass-through moves lowers the answer from
//     729,217 to 727,451 (727,412 is the least known); the iterated search lowers chain 19's
//     from 315,164 to 314,970 within the same budget.
// The budget counts DP cells (pairs of candidate times evaluated, plus the values passed over)
// and the local search's stage visits, so the same input gives the same answer on every run and in both builds; a wall-time limit
// is available as an upper bound only. Random choices use the generator's raw output, which the
// C++ standard fixes, and heap ties are broken by a total order, for the same reason.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/meio/gsm.h"
#include "core/meio/gsm_local_search.h"

namespace echelon {

struct GsmGeneralOptions {
  double time_resolution_periods = 0.0;  // 0 = automatic (gsm.h)
  // Work bound of one tree DP, in cells (pairs of candidate outbound and inbound times, gsm.h):
  // beyond it times are rounded to a coarser grid, and a network too large even then is refused.
  double max_dp_cells = 1e7;
  // The search's budget in DP cells, summed over every DP it solves: the same input always
  // gets the same answer, natively and in the browser. About 1e8 cells take a second natively.
  double work_budget_cells = 1.5e8;
  double time_limit_seconds = 0.0;       // an upper bound on wall time as well; 0 = none
  long long max_nodes = 200000;          // branch-and-bound nodes
  int lagrangian_iterations = 120;
  int node_subgradient_steps = 3;        // DPs per branch-and-bound node, re-fitting the multipliers
  int local_search_rounds = 60;          // spanning-tree neighbourhoods tried without improvement
  // Local search on each new incumbent (single stages' times, re-costed exactly), limited to
  // this share of the work budget in all.
  double polish_share = 0.2;
  // The share of the budget branch and bound leaves to the iterated local search after it.
  double iterated_search_share = 0.1;
  unsigned seed = 1;                     // for the neighbourhoods (results are reproducible)
};

// Best solution found, its proven lower bound and gap. Trees are solved exactly by one DP.
Result<GsmSolution> solve_gsm(const GsmNetwork& network, const GsmGeneralOptions& options = {});

// The same search in slices, so an interactive caller can refine a plan across frames:
//   auto search = GsmSearch::start(network, options, earlier_answer);   // grids, first incumbent
//   while (!search->step(4.0)) show(search->solution());               // about 4 ms per call
// Each step() does at least one tree DP and stops once its slice is used up; the options' time
// limit counts the time spent inside step() calls, so slicing changes nothing but wall time.
// solve_gsm(network, options) is start() followed by one unlimited step().
class GsmSearch {
 public:
  // `warm_start_outbound`: outbound service times (periods, one per stage) of an earlier answer,
  // such as the plan before an edit; repaired to feasibility and kept when it beats quoting 0
  // everywhere. Ignored when its size differs from the stage count.
  // `earlier`: a search started before with the same grid options, such as the one of the plan
  // before an edit; when its network has the same times and arcs (gsm_same_times), its grids and
  // candidate values are taken with the new costs instead of being built again (the same grids,
  // so the same answers; a changed service target changes only the costs).
  static Result<GsmSearch> start(const GsmNetwork& network, const GsmGeneralOptions& options = {},
                                 const std::vector<double>& warm_start_outbound = {},
                                 const GsmSearch* earlier = nullptr);

  GsmSearch(GsmSearch&&) noexcept;
  GsmSearch& operator=(GsmSearch&&) noexcept;
  ~GsmSearch();

  // Searches for about `max_milliseconds` (0: until finished). Returns true once finished.
  bool step(double max_milliseconds);
  bool finished() const;
  // The best answer so far, with the lower bound proven so far and their gap; proven_optimal
  // only once finished. Costs one evaluation of the network (linear in its size).
  GsmSolution solution() const;
  // The cost of given outbound service times (periods, one per stage, feasible: all zero always
  // is) with the demand bounds already computed, as evaluate_gsm would give it.
  GsmSolution evaluate(const std::vector<double>& outbound_service_times) const;
  // The demand bounds of the network (gsm_demand_bounds), computed once at start.
  const std::vector<GsmDemandBound>& demand_bounds() const;
  double seconds_spent() const;      // inside step() calls
  std::string_view phase() const;    // "bounding", "neighbourhood search", "branch and bound", "done"

 private:
  struct State;
  explicit GsmSearch(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace echelon
