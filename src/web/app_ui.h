// The whole app's UI for one frame: lays out the panels over the display.
// Shared by the browser build and the native headless UI test.
#pragma once

#include <functional>
#include <string>

#include "app_state.h"
#include "panels/network_view.h"
#include "panels/panels.h"

namespace echelon::ui {

// Requests the UI makes of its host (the browser glue, or nothing in tests).
struct HostActions {
  std::function<void()> open_file;                 // ask the user for a scenario, CSV or Willems file
  std::function<void(const std::string& name, const std::string& text, const std::string& mime)> save_file;
  std::function<void()> copy_link;                  // put a link with the scenario in it on the clipboard
};

struct UiState {
  ShownText shown;  // what the panels displayed this frame
  CanvasView canvas;
  NetworkOverlay overlay;
  std::uint64_t overlay_sim_revision = ~std::uint64_t{0};
  std::uint64_t overlay_plan_revision = ~std::uint64_t{0};
  std::string status;  // one line at the bottom: last file action or problem
  int requested_tab = -1;  // 0 simulation, 1 plan by stage, 2 single location (applied once)
};

// Sets the style and colours once after the context is created; `scale` is the device pixel ratio.
void apply_style(float scale);

void draw_app(app::AppState& state, UiState& ui, const HostActions& host = {});

}  // namespace echelon::ui
