// Edits of a scenario that touch several collections at once, kept consistent.
#pragma once

#include <string>
#include <string_view>

#include "core/model/model.h"

namespace echelon::app {

// Removes the node and everything that refers to it: its arcs, demands, service targets and
// policies. Nothing else changes.
void remove_node(Scenario& scenario, std::string_view node_id);

// Adds a stage of `kind` at `position` with a fresh id ("<kind>-<n>") and returns that id. A new
// supplier produces the scenario's first item, so it can be connected at once.
std::string add_stage(Scenario& scenario, const std::string& kind, Position position);

// Renames a node's id everywhere it is referred to. The caller checks the new id is free.
void rename_node_id(Scenario& scenario, std::string_view old_id, std::string_view new_id);

}  // namespace echelon::app
