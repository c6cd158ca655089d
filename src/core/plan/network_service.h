// Differentiated service targets across the demand stages of a multi-echelon network, and the
// network's cost–service frontier, traced with the guaranteed-service plan (plan.h).
//
// Each demand stage d (a (node, item) with external demand, e.g. a store selling to its own
// customer tier) gets a cycle-service level p_d from a grid; the plan then places safety stock
// over the whole network (Graves & Willems 2000, "Optimizing strategic safety stock placement in
// supply chains", M&SOM 2(1)): stage j holds k_j sigma_j sqrt(tau_j), where an upstream stage's
// bound pools the downstream z_d sigma_d. So raising one store's level also raises the stock
// upstream, and the cost C(p) is not a sum over stores: marginal analysis is done on the whole
// network. From every store at its lowest allowed level, each round raises by one grid step the
// store with the most demand-weighted service per unit of added cost,
//   (w_d (p_d' - p_d) / W) / (C(p with p_d') - C(p)),   w_d the store's mean demand,
// solving one plan per candidate; the sequence of plans is the differentiated frontier (a
// greedy path: exact when C is separable and convex along the grid, a heuristic otherwise, which
// is why the uniform plans are traced too and every point is a real, solved plan).
// The uniform frontier puts every store at the same grid level (raised to its floor). Every plan
// solved along the way is a real plan, so the drawn frontier is the set of solved plans that no
// other solved plan beats on both service and cost.
// The service measure is the one the guaranteed-service model protects: the cycle service level
// (demand within its bound over the net replenishment time), demand-weighted across stores.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

namespace echelon {

struct NetworkServiceOptions {
  std::vector<double> levels{0.80, 0.85, 0.90, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995};  // increasing, in (0, 1)
  // Floors per demand stage "node/item" (customer tiers), e.g. {"store-1/kettle", 0.97}.
  std::vector<std::pair<std::string, double>> floors;
  int max_plans = 2000;  // plan solves allowed for the differentiated path
  PlanOptions plan;
};

struct NetworkDemandStage {
  std::string node;
  std::string item;
  double mean_demand_per_period = 0.0;
  double current_level = 0.0;  // the scenario's own target (as the plan applies it)
  double floor = 0.0;
};

struct NetworkServicePoint {
  double service_level = 0.0;         // demand-weighted cycle service level of the stores
  double safety_stock_cost_per_year = 0.0;
  std::vector<double> levels;         // one per demand stage
};

struct NetworkServiceFrontier {
  std::vector<NetworkDemandStage> stages;
  std::vector<NetworkServicePoint> differentiated;  // greedy path, service increasing
  std::vector<NetworkServicePoint> uniform;         // one per grid level
  // Every plan solved on the way (path, candidates, uniform, current) that no other solved plan
  // beats on both service and cost: the frontier to draw, service increasing.
  std::vector<NetworkServicePoint> efficient;
  NetworkServicePoint current;                      // the scenario's targets
  int plans_solved = 0;
};

// Problems: invalid scenario, no demand stage, a bad grid or floor, a plan that fails.
Result<NetworkServiceFrontier> network_service_frontier(const Scenario& scenario, const NetworkServiceOptions& options = {});

// The cheapest point of a frontier whose service reaches `service_level` (nullptr if none).
const NetworkServicePoint* cheapest_reaching(const std::vector<NetworkServicePoint>& points, double service_level);

}  // namespace echelon
