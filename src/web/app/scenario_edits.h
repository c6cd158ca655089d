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

}  // namespace echelon::app
