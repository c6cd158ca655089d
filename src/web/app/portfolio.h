// The portfolio: one row per demand (item at a location) with its demand, plan and service side
// by side, and totals by location, for the Portfolio tab. Computed here, from the scenario, the
// plan and the simulation's promise check, so the panel only draws, sorts and filters.
//
// Columns, and where each comes from:
//   demand class   Syntetos-Boylan class of the history (core/learn/demand_class.h); "given"
//                  for a demand distribution
//   mean, cv       the mean and sd per period the plan used (PlanStage::demand_model), cv = sd/mean
//   lead time      the stage's replenishment time, processing plus slowest inbound transit
//                  (core/model/readiness.h), before the plan's rounding up to one period
//   safety stock, base stock   the multi-echelon plan (units)
//   value          unit cost x safety stock (working capital in the buffer)
//   promised       what the plan promises at the stage (core/plan/promise.h): the cycle-service
//                  target behind its safety factor, the share of periods ending with nothing owed
//   simulated      the simulation of the plan on that same measure, with the verdict (kept,
//                  within the 95% interval, below): the promise is judged on what it promises
//   simulated fill the share of demand met from stock at once (a different measure, shown
//                  beside it: with intermittent demand most periods have no demand and cannot be
//                  short, so the cycle service runs well above the fill rate)
//   flags          core/model/readiness.h
// Location totals weight fill by mean demand (units met over units demanded), so a thousand
// slow movers do not outweigh the items that carry the volume.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/model/model.h"
#include "core/model/readiness.h"
#include "core/plan/plan.h"
#include "core/plan/promise.h"

namespace echelon::app {

struct PortfolioRow {
  std::size_t demand = 0;  // index into Scenario::demands (its history draws the sparkline)
  std::size_t node = 0;    // index into Scenario::nodes
  int stage = -1;          // index into Plan::stages; -1 without a plan
  std::string item;
  std::string location;
  std::string category;  // the item's category ("" when it has none)
  std::string demand_class;
  double mean_per_period = 0.0;
  double cv = 0.0;
  double lead_time_periods = 0.0;
  double safety_stock = 0.0;
  double base_stock = 0.0;
  double value = 0.0;
  double promised = 0.0;
  std::optional<double> simulated_service;  // on the promised measure
  std::optional<PromiseVerdict> verdict;
  std::optional<double> simulated_fill;     // from stock at once
  unsigned flags = 0;  // ReadinessFlag bits
};

// Totals of a group of rows: a location, or an item category (`location` then holds the category).
struct PortfolioLocationTotal {
  std::string location;
  std::size_t items = 0;
  std::size_t flagged = 0;
  double safety_stock_value = 0.0;
  double mean_demand_per_period = 0.0;
  std::optional<double> demand_weighted_fill;  // when every row of the location has a simulated fill
  std::size_t meeting_promise = 0;             // rows whose promise is kept or within the 95% interval
};

struct Portfolio {
  std::vector<PortfolioRow> rows;  // in Scenario::demands order
  std::vector<PortfolioLocationTotal> locations;  // in order of first appearance
  std::vector<PortfolioLocationTotal> categories;  // by item category ("" for none), same totals
  ReadinessReport readiness;
  double safety_stock_value = 0.0;
  bool has_plan = false;
  bool has_simulation = false;
};

// `plan` and `promises` may be absent or stale (the rows then carry what is on hand); a promise
// report is used only when it has one entry per plan stage.
Portfolio build_portfolio(const Scenario& scenario, const Plan* plan, const PromiseReport* promises);
// The same with the scenario's readiness (check_readiness) computed before, for a caller that
// keeps it while only the plan changes (a service level being dragged).
Portfolio build_portfolio(const Scenario& scenario, const Plan* plan, const PromiseReport* promises, ReadinessReport readiness);

// The rows as CSV (header, then one line per row of `order`, or every row when it is empty), for
// the export button.
std::string portfolio_csv(const Portfolio& portfolio, const std::vector<int>& order);

}  // namespace echelon::app
