// A Willems (2008) chain as a Scenario (see willems.h for the file format).
//
// Each stage becomes a node that produces an item of its own (a stage in the guaranteed-service
// model is an item at a location), so an arc i -> j carries item i into j, one unit per unit:
// - node: id and name = stageName; kind from stageClassification (Part/Parts -> supplier,
//   Manuf -> plant, Dist -> dc, Retail -> store, Trans -> transport; others lower-cased);
//   position = (xPos, yPos); processing_time = the discrete StageTime table when given,
//   else normal(stageTime, stDevStageTime) when the deviation is positive, else constant;
//   max_service_time_periods = maxServiceTime; cost_added_per_unit = stageCost;
//   holding cost = annual rate 0.35 of the unit value (the convention behind the published
//   costs, Humair & Willems 2011);
// - item: id = stageName, category = stageClassification, unit_cost = the cumulative value
//   v_j = stageCost_j + sum of v_i over the stages feeding j;
// - demand at demand stages: normal(avgDemand, stDevDemand) per day; a cycle-service-level
//   target = serviceLevel.
// The period is a day (the data set's unit). relDepth is not carried (it follows from the arcs).
#pragma once

#include <string>

#include "core/model/model.h"
#include "core/base/result.h"
#include "core/io/willems.h"

namespace echelon {

inline constexpr double kWillemsAnnualHoldingRate = 0.35;

// Fails only when the arcs form a cycle (unit values are then undefined); the problems name
// the stages involved.
Result<Scenario> import_willems(const WillemsChain& chain, const std::string& scenario_name);

}  // namespace echelon
