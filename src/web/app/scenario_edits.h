// Edits of a scenario that touch several collections at once, kept consistent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"

namespace echelon::app {

// Removes the node and everything that refers to it: its arcs, demands, service targets and
// policies. Nothing else changes.
void remove_node(Scenario& scenario, std::string_view node_id);

// Adds a stage of `kind` at `position` with a fresh id ("<kind>-<n>") and returns that id. A new
// supplier produces the scenario's first item, so it can be connected at once.
std::string add_stage(Scenario& scenario, const std::string& kind, Position position);

// The items a stage handles: those it produces and those arriving on its inbound arcs, in
// scenario order without repeats. A stage with neither handles every item of the scenario
// (it can be given demand for any of them before it is connected).
std::vector<std::string> items_at_stage(const Scenario& scenario, std::string_view node_id);

// Gives the stage a demand for `item` (normal, mean 10 and sd 3 units per period, to be edited)
// and, when no target applies to it yet, a 95% cycle-service target. Returns false (and changes
// nothing) when the stage already has a demand for that item.
bool add_demand(Scenario& scenario, std::string_view node_id, std::string_view item_id);

// Removes the stage's demand for `item` and the (stage, item) service target.
void remove_demand(Scenario& scenario, std::string_view node_id, std::string_view item_id);

// Renames a node's id everywhere it is referred to. The caller checks the new id is free.
void rename_node_id(Scenario& scenario, std::string_view old_id, std::string_view new_id);

// Bulk edits across a group of stages (by id; ids not in the scenario are skipped).

// The lowest and highest value of one number over the group, to show "0.2 to 0.3" when the
// stages differ. `count` is how many stages gave a value (none: count 0).
struct ValueRange {
  double low = 0.0;
  double high = 0.0;
  std::size_t count = 0;
  bool mixed() const { return count > 1 && high != low; }
};
enum class StageNumber { holding_cost, fixed_order_cost, max_service_time, service_target };
ValueRange stage_number_range(const Scenario& scenario, const std::vector<std::string>& node_ids, StageNumber which);

// Sets one number at every stage of the group. For the service target, every target at those
// stages takes the value; stages without one are left alone (see `stages_with_target`). For
// processing time, each stage gets the distribution given.
void set_stage_number(Scenario& scenario, const std::vector<std::string>& node_ids, StageNumber which, double value);
void set_processing_time(Scenario& scenario, const std::vector<std::string>& node_ids, const Distribution& time);
ValueRange processing_time_mean_range(const Scenario& scenario, const std::vector<std::string>& node_ids);

// How many stages of the group have a service target.
std::size_t stages_with_target(const Scenario& scenario, const std::vector<std::string>& node_ids);

}  // namespace echelon::app
