// The app's panels. Each reads AppSession, draws with ImGui and emits edits back to AppSession;
// none computes anything itself.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/session.h"
#include "ui/network_view.h"
#include "app/scenario_editor.h"

namespace echelon::ui {

// The text each panel last showed for its key results, keyed by the result's name. The browser
// tests read it to check that what a person sees equals what the core computed.
using ShownText = std::map<std::string, std::string>;

// Records the last item's screen rectangle as "rect:<key>" = "x y w h" (in framebuffer pixels),
// so browser tests can click a control like a person would.
void record_rect(ShownText& shown, const std::string& key);

void single_location_panel(app::AppSession& state, ShownText& shown);
// The textbook models (a sub-tab of Single location): chooser, inputs, the optimal decision and
// cost, the formula in words, the analytic vs simulated table. Records "rect:textbook:*".
void textbook_section(app::AppSession& state, ShownText& shown);

// The network canvas: stages and arcs, pan and zoom, drag, add and remove, select; overlays of
// the plan and the simulation.
// Records the context menu's entries as "rect:network:<entry>" while it is open.
void network_panel(app::ScenarioEditor& editor, const NetworkOverlay& overlay, CanvasView& view, ShownText& shown);

// Every field of the selected stage, arc or item, editable; shows why an edit was refused below
// the field that made it. Records each field's rectangle as "rect:inspector:<field>".
void inspector_panel(app::ScenarioEditor& editor, InspectorView& view, ShownText& shown);

// Multi-echelon versus single-echelon totals, the optimality gap and the plan's notes.
void plan_summary(const app::AppSession& state, ShownText& shown);
// Hands a file to the person (the browser downloads it); empty when the host cannot.
using SaveFile = std::function<void(const std::string& name, const std::string& text, const std::string& mime)>;

// The per-stage plan: sortable, copyable and exportable as CSV or JSON, rows select stages.
void plan_table(app::AppSession& state, PlanTableView& view, ShownText& shown, const SaveFile& save = {});

// Live Monte Carlo: progress, KPI cards with 95% intervals, the selected stage's fan chart, and
// the KPI export.
void simulation_panel(const app::AppSession& state, ShownText& shown, const SaveFile& save = {});

// Demand histories: the traditional estimate (sample mean and sd) beside the learned one the plan
// used, the method named, and the safety stock each would need at the plan's placement.
void learning_panel(app::AppSession& state, SortedRows& rows, ShownText& shown);

// Slow-moving and obsolete stock: the histories ranked by the calibrated probability of no
// demand over the horizon, with the signals that fired, the exposure at the plan's stock and the
// best mitigation.
void risk_panel(app::AppSession& state, RiskView& view, ShownText& shown);

// Service levels: the ABC x XYZ matrix with editable cell targets and cut-offs, the aggregate
// target, the cost-service frontier (optimized, uniform, matrix plans; drag to set the target),
// the simulation check of the promise and the item table with its CSV export.
void service_panel(app::AppSession& state, ServiceView& view, ShownText& shown, const SaveFile& save = {});

// Compare A/B: pin the scenario as A, then see B (the scenario in force) beside it: totals with
// differences, the input changes in words, and the placement and service by stage.
void compare_panel(app::AppSession& state, ShownText& shown);

// Problems of the last file that failed to open, kept until cleared or replaced.
struct FileProblems {
  std::string source;  // "open plan.csv", "link", ...
  Problems problems;
  bool show = false;   // the Problems window is open
};

// Where a problem's JSON path points in the scenario: the stage, arc or item to select (demands
// and service targets select their stage); none when the path names no such object.
std::optional<app::Selection> selection_for_path(const std::string& path, const Scenario& scenario);

// Every problem of the last failed file and of the last refused edit, in words first; a problem
// at a stage or arc has a button that selects it. Shown while `file.show` and anything is listed.
void problems_window(app::ScenarioEditor& editor, FileProblems& file, ShownText& shown);

// The symbols and measures the panels use (S, SI, tau, CSL, fill rate, ...), each in words, as a
// formula, and where the app shows it. A window of its own; `open` turns false when closed.
void glossary_window(bool& open, ShownText& shown);

// ---- Reports (core/report_export.h) as files ----
enum class ReportKind { plan_csv, plan_json, kpis_csv, kpis_json };
struct ReportFile {
  std::string name;  // e.g. "retail-network-plan.csv"
  std::string text;
  std::string mime;
};
// The report of the current plan (or of its simulation, for the KPI kinds), or why it cannot be
// made now: no plan, no simulation yet, or figures that belong to an earlier plan.
Result<ReportFile> report_file(const app::AppSession& state, ReportKind kind);
std::optional<ReportKind> report_kind_from_name(std::string_view name);  // "plan_csv", ...
const char* report_label(ReportKind kind);                                // "Export plan (CSV)", ...
// A small button that saves the report; disabled (with the reason as tooltip) when it cannot be
// made. Records its rectangle as "rect:export:<name>". Returns the saved file's name, or "".
std::string report_button(const app::AppSession& state, ReportKind kind, const SaveFile& save, ShownText& shown);

}  // namespace echelon::ui
