// The whole app's UI for one frame: lays out the panels over the display.
// Shared by the browser build and the native headless UI test.
#pragma once

#include "app_state.h"
#include "panels/panels.h"

namespace echelon::ui {

struct UiState {
  ShownText shown;  // what the panels displayed this frame
};

// Sets the style and colours once after the context is created; `scale` is the device pixel ratio.
void apply_style(float scale);

void draw_app(app::AppState& state, UiState& ui);

}  // namespace echelon::ui
