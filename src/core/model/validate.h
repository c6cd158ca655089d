// Scenario validation: every problem at once, each with its JSON path and a plain message.
//
// Paths follow JSON Pointer (RFC 6901) over the file layout of scenario_json.h, so a
// problem at "/arcs/3/to" names the `to` field of the fourth arc both in memory and in the
// file. Checked:
// - ids: non-empty, not too long, unique among items and among nodes; every reference
//   (arc ends, arc item, demand, target, policy, `produces`) names an existing node or item;
// - numbers: finite, with the sign each field needs; distributions via validate_distribution;
//   service levels and fill rates strictly inside (0, 1); sourcing shares in [0, 1] and, where
//   given for an item into a node, summing to 1;
// - structure: no arc from a node to itself, no duplicate arcs, demands, policies or targets;
//   the arcs form no cycle (each cycle is reported once, with its nodes); every item a node
//   ships or faces demand for reaches it from a node that produces it;
// - policies: the levels each kind uses and no others, s <= S, Q > 0;
// - magnitudes within `Limits`: times (lead, transit, processing, review, service, shelf life)
//   at most max_time_periods, quantities at most max_quantity, money at most max_money, Poisson
//   means at most max_poisson_mean, units per unit within [1/max_quantity_per_unit,
//   max_quantity_per_unit]: what plan and simulate need to compute without overflow, so a
//   scenario that validates never yields an infinite or NaN result;
// - sizes within `Limits`, settings within range.
// Validation never stops at the first problem and never fails on any input.
#pragma once

#include "core/model/model.h"
#include "core/base/result.h"

namespace echelon {

Problems validate_scenario(const Scenario& scenario);

// The problems of the service targets alone (their count, scopes, values and repeats), in the
// order validate_scenario gives them. For a scenario whose every part other than its targets is
// that of a scenario which passed validate_scenario, the two return the same: an editor whose
// change touched only targets (a service level dragged on a network of thousands of stages)
// checks those, in time linear in the items, nodes and targets, without the whole network.
Problems validate_service_targets(const Scenario& scenario);

}  // namespace echelon
