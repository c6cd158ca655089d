// The Willems (2008) supply-chain CSV format, parsed into plain values.
//
// Source: S. P. Willems, "Data Set: Real-World Multiechelon Supply Chains Used for Inventory
// Optimization", Manufacturing & Service Operations Management 10(1), 2008, as exported to a
// flat CSV (a flattened XML document):
//   row 1   "/chain"
//   row 2   column paths: "/arcs/arc/@from", "/arcs/arc/@to", "/stages/stage/@stageName", ...
//   then    arc rows (from and to filled) and stage rows (stageName filled), in any order.
// Columns are found by their path, so their order and the optional ones (stDevStageTime,
// StageTime_k_p / StageTime_k_v for k = 1, 2, ...) may vary between files; columns this parser
// does not know (company, SIC code, ...) are ignored.
//
// Units are those of the data set: times in days, demand per day, costs in the chain's money.
// This module only reads; `willems_import.h` turns a chain into a Scenario.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon {

// One outcome of a discrete stage-time distribution.
struct WillemsTimeOutcome {
  double probability = 0.0;
  double value_days = 0.0;
};

struct WillemsStage {
  std::string name;            // stageName, unique within the chain
  std::string classification;  // stageClassification: Part, Manuf, Dist, Retail, Trans (as written)
  double rel_depth = 0.0;      // relDepth: position in the drawing, 0 = most downstream
  double stage_time_mean_days = 0.0;  // stageTime
  double stage_time_sd_days = 0.0;    // stDevStageTime; 0 when blank
  // StageTime_k_p / StageTime_k_v in column order; empty when the file gives none. The
  // probabilities sum to 1 (checked).
  std::vector<WillemsTimeOutcome> stage_time_distribution;
  double stage_cost = 0.0;  // cost added at this stage (not the cumulative unit value)
  // External demand: a stage is a demand stage when avgDemand is filled.
  bool is_demand_stage = false;
  double avg_demand_per_day = 0.0;    // avgDemand (0 when not a demand stage)
  double sd_demand_per_day = 0.0;     // stDevDemand (0 when not a demand stage)
  double service_level = 0.0;         // serviceLevel in (0, 1] at demand stages, 0 elsewhere
  std::optional<double> max_service_time_days;  // maxServiceTime, when filled
  double x_pos = 0.0;  // layout coordinates of the original drawing
  double y_pos = 0.0;
};

// An arc: `from` supplies `to` (indices into WillemsChain::stages), one unit per unit.
struct WillemsArc {
  std::size_t from = 0;
  std::size_t to = 0;
};

struct WillemsChain {
  std::vector<WillemsStage> stages;  // in file order
  std::vector<WillemsArc> arcs;      // in file order
  std::size_t demand_stage_count() const;
};

// Parses the whole text. Every problem found is returned, each with the path "line N" or
// "line N, <column>" (1-based line numbers as an editor shows them): missing or unknown layout,
// numbers that are not finite decimals, negative times, costs or demands, service levels
// outside (0, 1], stage-time probabilities outside [0, 1] or not summing to 1, duplicate stage
// names, arcs naming a stage that does not exist or joining a stage to itself.
// Cycles are not checked here (see validate.h, which checks the imported scenario).
Result<WillemsChain> parse_willems_csv(std::string_view text);

}  // namespace echelon
