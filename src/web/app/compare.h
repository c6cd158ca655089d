// Two scenarios side by side: a pinned scenario "A" with its plan and simulation, compared with
// the one being edited ("B"), so a person sees what changed in the inputs and what that did to
// the plan, its cost and its service.
//
// The input differences are the JSON Patch (RFC 6902) between the two scenarios as saved, in
// words ("changed nodes/2/holding_cost/value from 0.25 to 0.3"); positions on the canvas are
// left out. Figures are matched by (stage, item).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/sim/sim.h"

namespace echelon::app {

struct StageFigures {
  std::string node;
  std::string item;
  double outbound_service_time = 0.0;  // S, periods
  double safety_stock_units = 0.0;
  double base_stock_units = 0.0;
  double service_target = 0.0;                // 0 without own demand
  std::optional<double> simulated_fill_rate;  // with a simulation of the plan: from stock at once
  // With a simulation: periods ending with nothing owed longer than S (the measure the plan
  // promises; for a stage quoting S > 0 the fill rate from stock says little).
  std::optional<double> simulated_on_time_share;
};

struct ScenarioFigures {
  std::string name;
  double safety_stock_cost_per_year = 0.0;
  double safety_stock_value = 0.0;
  double single_echelon_cost_per_year = 0.0;
  std::optional<double> fill_rate;               // network, simulated
  std::optional<double> holding_cost_per_year;   // simulated
  std::optional<double> inventory_value;         // simulated
  std::vector<StageFigures> stages;
};

// The figures of a plan and (when it belongs to that plan) its simulation.
ScenarioFigures figures_of(const Scenario& scenario, const Plan& plan, const sim::SimEstimates* estimates);

struct FigureRow {
  std::string label;
  std::optional<double> a;
  std::optional<double> b;
  std::string unit;
};

struct StageRow {
  std::string node;
  std::string item;
  std::optional<StageFigures> a;  // absent: the stage is only in the other scenario
  std::optional<StageFigures> b;
};

struct Comparison {
  std::vector<std::string> input_changes;  // in words, at most `max_changes`
  std::size_t input_change_count = 0;      // all of them
  std::vector<FigureRow> totals;
  std::vector<StageRow> stages;            // A's order, then stages only in B
};

Comparison compare_scenarios(const Scenario& a, const ScenarioFigures& figures_a, const Scenario& b,
                             const ScenarioFigures& figures_b, std::size_t max_changes = 200);

}  // namespace echelon::app
