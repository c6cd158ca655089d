// The whole app's UI for one frame: lays out the panels over the display.
// Shared by the browser build and the native headless UI test.
#pragma once

#include <functional>
#include <string>

#include "app/session.h"
#include "ui/import_view.h"
#include "ui/network_view.h"
#include "ui/panels.h"

namespace echelon::ui {

// Requests the UI makes of its host (the browser glue, or nothing in tests).
struct HostActions {
  std::function<void()> open_file;                 // ask the user for a scenario, CSV or Willems file
  SaveFile save_file;
  std::function<void()> copy_link;                  // put a link with the scenario in it on the clipboard
  // Fetch a sample served with the site (assets/scenarios/<file>) and open it like a file.
  std::function<void(const std::string& file)> open_example;
  // Reopen the work a link replaced (set only while that work is kept).
  std::function<void()> restore_before_link;
};

struct UiState {
  ShownText shown;  // what the panels displayed this frame
  ShownText menu_rects;  // where the menu bar's menus are (kept while a menu is open)
  CanvasView canvas;
  InspectorView inspector;
  PlanTableView plan_table;
  SortedRows learning_table;
  RiskView risk_table;
  ServiceView service;
  NetworkOverlay overlay;
  std::uint64_t overlay_sim_revision = ~std::uint64_t{0};
  std::uint64_t overlay_plan_revision = ~std::uint64_t{0};
  std::string status;  // one line at the bottom: last file action or problem
  bool show_glossary = false;  // Help > Glossary
  FileProblems file_problems;  // the Problems window (View > Problems)
  ImportDialog import_dialog;  // a history waiting for its import settings
  PortfolioView portfolio;     // the Portfolio tab
  int requested_tab = -1;  // 0 simulation, 1 plan by stage, 2 single location, 3 demand learning, 4 obsolescence, 5 service levels, 6 compare, 7 portfolio (applied once)
  // Window layout: the default follows the display until a person moves or resizes a window (or
  // the layout was restored from storage); "Reset layout" returns to the default.
  bool reset_layout = false;      // apply the default layout on the next frame
  bool layout_customized = false;
  float layout_display_w = 0.0f;  // display size the default layout was last applied for
  float layout_display_h = 0.0f;
  unsigned int held_control = 0;  // ImGui's active control (an ImGuiID) at the end of the last frame, 0: none
};

// Sets the style and colours once after the context is created; `scale` is the device pixel ratio.
void apply_style(float scale);

// Creates an ImGui context with no window or GPU (the font atlas is built in memory), styled as
// the app at scale 1, for the headless UI tests and the frame benchmark: every panel lays out as
// in the browser at this display size. ImGui::DestroyContext() ends it.
void create_headless_context(float display_width, float display_height);

void draw_app(app::AppSession& state, UiState& ui, const HostActions& host = {});

// Saves a report of the current plan or simulation through the host, as the File menu does; a
// report that cannot be made now says why on the status line.
void save_report(const app::AppSession& state, UiState& ui, const HostActions& host, ReportKind kind);

}  // namespace echelon::ui
