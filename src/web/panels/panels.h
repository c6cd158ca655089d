// The app's panels. Each reads AppState, draws with ImGui and emits edits back to AppState;
// none computes anything itself.
#pragma once

#include <map>
#include <string>

#include "app_state.h"
#include "panels/network_view.h"
#include "scenario_editor.h"

namespace echelon::ui {

// The text each panel last showed for its key results, keyed by the result's name. The browser
// tests read it to check that what a person sees equals what the core computed.
using ShownText = std::map<std::string, std::string>;

// Records the last item's screen rectangle as "rect:<key>" = "x y w h" (in framebuffer pixels),
// so browser tests can click a control like a person would.
void record_rect(ShownText& shown, const std::string& key);

void single_location_panel(app::AppState& state, ShownText& shown);

// The network canvas: stages and arcs, pan and zoom, drag, add and remove, select; overlays of
// the plan and the simulation.
void network_panel(app::ScenarioEditor& editor, const NetworkOverlay& overlay, CanvasView& view);

// Every field of the selected stage, arc or item, editable; shows why an edit was refused.
void inspector_panel(app::ScenarioEditor& editor);

// Multi-echelon versus single-echelon totals, the optimality gap and the plan's notes.
void plan_summary(app::AppState& state, ShownText& shown);
// The per-stage plan: sortable, copyable as CSV, rows select stages.
void plan_table(app::AppState& state, ShownText& shown);
std::string plan_csv(const Plan& plan);

// Live Monte Carlo: progress, KPI cards with 95% intervals, the selected stage's fan chart.
void simulation_panel(app::AppState& state, ShownText& shown);

}  // namespace echelon::ui
