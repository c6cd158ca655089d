// The app's panels. Each reads AppState, draws with ImGui and emits edits back to AppState;
// none computes anything itself.
#pragma once

#include <map>
#include <string>

#include "app_state.h"

namespace echelon::ui {

// The text each panel last showed for its key results, keyed by the result's name. The browser
// tests read it to check that what a person sees equals what the core computed.
using ShownText = std::map<std::string, std::string>;

void single_location_panel(app::AppState& state, ShownText& shown);

}  // namespace echelon::ui
