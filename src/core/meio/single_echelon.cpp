#include "core/meio/single_echelon.h"

#include <string>

namespace echelon {

Result<GsmSolution> solve_single_echelon(const GsmNetwork& network) {
  auto r = evaluate_gsm(network, std::vector<double>(network.stages.size(), 0.0));
  if (!r.ok()) return r.problems();
  GsmSolution sol = std::move(r).value();
  sol.method = "single-echelon: every stage buffers its full replenishment time";
  sol.lower_bound = sol.total_cost;  // the cost of this plan, not a bound on the optimum
  return sol;
}

Result<PlacementComparison> compare_placements(const GsmSolution& single_echelon, const GsmSolution& multi_echelon) {
  if (single_echelon.stages.size() != multi_echelon.stages.size())
    return Problem{"stages", "the two plans have different numbers of stages (" +
                                 std::to_string(single_echelon.stages.size()) + " and " +
                                 std::to_string(multi_echelon.stages.size()) + ")"};
  PlacementComparison c;
  c.single_echelon_cost = single_echelon.total_cost;
  c.multi_echelon_cost = multi_echelon.total_cost;
  c.cost_saving = c.single_echelon_cost - c.multi_echelon_cost;
  c.cost_saving_fraction = c.single_echelon_cost > 0.0 ? c.cost_saving / c.single_echelon_cost : 0.0;
  c.single_echelon_value = single_echelon.total_safety_stock_value;
  c.multi_echelon_value = multi_echelon.total_safety_stock_value;
  for (std::size_t j = 0; j < single_echelon.stages.size(); ++j) {
    const double a = single_echelon.stages[j].safety_stock, b = multi_echelon.stages[j].safety_stock;
    c.stages.push_back({static_cast<int>(j), a, b, b - a});
    if (a > 0.0) ++c.stages_holding_single;
    if (b > 0.0) ++c.stages_holding_multi;
  }
  return c;
}

}  // namespace echelon
