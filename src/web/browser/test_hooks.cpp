// Functions JavaScript calls: the page's shell (opening text, waking the loop, the clipboard)
// and the browser end-to-end tests (edits as a person would make them, what the panels showed,
// frame times, window and node positions for real mouse input).
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // window rectangles

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/scenario_edits.h"
#include "browser/platform.h"
#include "core/io/scenario_json.h"

using namespace echelon::browser;

extern "C" {

// Applies an edit exactly as the panel would. Returns 1 when accepted, 0 when rejected
// (the message is then shown in the panel), -1 for an unknown field.
EMSCRIPTEN_KEEPALIVE int echelon_set_field(const char* name, double value) {
  auto field = echelon::app::field_from_name(name ? name : "");
  if (!field) return -1;
  const bool accepted = g_state.set_field(*field, value);
  wake();
  return accepted ? 1 : 0;
}

// The text the UI showed for a result in the last rendered frame ("" when not shown).
EMSCRIPTEN_KEEPALIVE const char* echelon_shown_text(const char* key) {
  std::string& copy = g_platform.returned_text;
  auto it = g_ui.shown.find(key ? key : "");
  copy = it == g_ui.shown.end() ? std::string() : it->second;
  return copy.c_str();
}

// The rejection message of a field's last edit ("" when accepted).
EMSCRIPTEN_KEEPALIVE const char* echelon_field_problem(const char* name) {
  std::string& copy = g_platform.returned_text;
  auto field = echelon::app::field_from_name(name ? name : "");
  copy = field ? g_state.field_problem(*field).message : std::string("unknown field");
  return copy.c_str();
}

EMSCRIPTEN_KEEPALIVE double echelon_frame_count() { return static_cast<double>(g_platform.frame_count); }

// The current scenario as JSON (what "Save scenario" writes).
EMSCRIPTEN_KEEPALIVE const char* echelon_scenario_json() {
  std::string& copy = g_platform.returned_text;
  copy = echelon::write_scenario_json(g_state.editor().scenario());
  return copy.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* echelon_status() { return g_ui.status.c_str(); }

EMSCRIPTEN_KEEPALIVE void echelon_select_tab(int tab) {
  g_ui.requested_tab = tab;
  wake();
}

EMSCRIPTEN_KEEPALIVE void echelon_select_node(int index) {
  g_state.editor().select({echelon::app::SelectionKind::node, static_cast<std::size_t>(index < 0 ? 0 : index)});
  wake();
}

// Selects nothing (0), a stage (1), an arc (2) or an item (3) by index, as a click would.
EMSCRIPTEN_KEEPALIVE int echelon_select(int kind, int index) {
  if (kind < 0 || kind > 3 || index < 0) return 0;
  const auto& s = g_state.editor().scenario();
  const auto i = static_cast<std::size_t>(index);
  const std::size_t count = kind == 1 ? s.nodes.size() : kind == 2 ? s.arcs.size() : kind == 3 ? s.items.size() : 1;
  if (i >= count) return 0;
  g_state.editor().select({static_cast<echelon::app::SelectionKind>(kind), i});
  wake();
  return 1;
}

EMSCRIPTEN_KEEPALIVE int echelon_node_count() { return static_cast<int>(g_state.editor().scenario().nodes.size()); }

// Sets the value of the index-th service target, as dragging its slider does (one undo step per
// drag: `dragging` 1 while the drag goes on, 0 on release). Returns 1 when accepted.
EMSCRIPTEN_KEEPALIVE int echelon_set_service_target(int index, double value, int dragging) {
  const auto i = static_cast<std::size_t>(index);
  if (index < 0 || i >= g_state.editor().scenario().service_targets.size()) return -1;
  return hook_edit([&] {
    auto outcome = g_state.editor().edit("service target", [&](echelon::Scenario& s) { s.service_targets[i].value = value; },
                                        "target-" + std::to_string(i));
    if (!dragging) g_state.editor().end_merge();
    return outcome.accepted ? 1 : 0;
  });
}

// Adds a stage of the given kind as the canvas menu does; removes one by index.
EMSCRIPTEN_KEEPALIVE int echelon_add_stage(const char* kind) {
  const std::string k = kind ? kind : "dc";
  return hook_edit([&] {
    return g_state.editor().edit("add " + k, [&](echelon::Scenario& s) { echelon::app::add_stage(s, k, {100.0, 100.0}); }).accepted ? 1 : 0;
  });
}

EMSCRIPTEN_KEEPALIVE int echelon_remove_stage(int index) {
  const auto& nodes = g_state.editor().scenario().nodes;
  if (index < 0 || static_cast<std::size_t>(index) >= nodes.size()) return -1;
  const std::string id = nodes[static_cast<std::size_t>(index)].id;
  return hook_edit([&] {
    return g_state.editor().edit("remove " + id, [&](echelon::Scenario& s) { echelon::app::remove_node(s, id); }).accepted ? 1 : 0;
  });
}

EMSCRIPTEN_KEEPALIVE int echelon_undo() {
  return hook_edit([] { return g_state.editor().undo() ? 1 : 0; });
}

// Per-frame compute times (ms) of the most recent frames, for the report script: returns the
// count and writes up to `max` values into `out` (oldest first).
EMSCRIPTEN_KEEPALIVE int echelon_frame_times(double* out, int max) {
  const int n = std::min({g_platform.frame_time_count, 512, max});
  for (int i = 0; i < n; ++i) {
    out[i] = g_platform.frame_times[(g_platform.frame_time_count - n + i) % 512];
  }
  return n;
}

// Replications behind the estimates on screen; 0 while they belong to an earlier plan.
EMSCRIPTEN_KEEPALIVE int echelon_simulation_done() {
  const auto& sim = g_state.simulation();
  return sim && !g_state.simulation_is_stale() ? sim->convergence.replications_done : 0;
}

// What keeps the page busy, in words, for a test that waited too long to say why.
EMSCRIPTEN_KEEPALIVE const char* echelon_activity() {
  static std::string text;
  const auto& s = g_state;
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "frames %.0f; merging an edit %d (of the model %d); plan current %d, search %.*s; simulation running %d, "
                "stale %d, replications %d of %d; history analysis running %d; service optimisation running %d",
                static_cast<double>(g_platform.frame_count), s.editor().merging() ? 1 : 0, s.dragging() ? 1 : 0,
                s.plan_is_current() ? 1 : 0, static_cast<int>(s.plan_search_phase().size()), s.plan_search_phase().data(),
                s.simulation_running() ? 1 : 0, s.simulation_is_stale() ? 1 : 0, s.simulation_replications_done(),
                s.simulation_replications_target(), s.history_risk_running() ? 1 : 0, s.service_running() ? 1 : 0);
  text = buffer;
  return text.c_str();
}

// 1 while the plan's search or the Monte Carlo has work left (the report script waits for 0).
EMSCRIPTEN_KEEPALIVE int echelon_background_running() { return g_state.background_running() ? 1 : 0; }

// Keeps the app rendering for the given number of frames (used after a resize from JavaScript
// and by tests that need a fresh frame).
EMSCRIPTEN_KEEPALIVE void echelon_wake(int frames) { wake(frames); }

// Saves a report as the File menu's export items do ("plan_csv", "plan_json", "kpis_csv",
// "kpis_json"). Returns 1 when a file was handed to the browser, 0 when it cannot be made now
// (the status line says why), -1 for an unknown name.
EMSCRIPTEN_KEEPALIVE int echelon_export(const char* name) {
  const auto kind = echelon::ui::report_kind_from_name(name ? name : "");
  if (!kind) return -1;
  g_ui.status.clear();
  echelon::ui::save_report(g_state, g_ui, g_host, *kind);
  wake();
  return g_ui.status.rfind("saved ", 0) == 0 ? 1 : 0;
}

// A window's rectangle as "x y w h" in framebuffer pixels ("" when it does not exist).
EMSCRIPTEN_KEEPALIVE const char* echelon_window_rect(const char* name) {
  std::string& copy = g_platform.returned_text;
  copy.clear();
  if (ImGuiWindow* window = ImGui::FindWindowByName(name ? name : "")) {
    char text[128];
    std::snprintf(text, sizeof text, "%.1f %.1f %.1f %.1f", window->Pos.x, window->Pos.y, window->Size.x, window->Size.y);
    copy = text;
  }
  return copy.c_str();
}

// "Reset layout" of the View menu.
EMSCRIPTEN_KEEPALIVE void echelon_reset_layout() {
  g_ui.reset_layout = true;
  wake();
}

// A stage's position: on the scenario's drawing ("world"), and where the canvas drew it last frame
// (framebuffer pixels), each as "x y" ("" for an unknown index).
EMSCRIPTEN_KEEPALIVE const char* echelon_node_position(int index, int on_screen) {
  std::string& copy = g_platform.returned_text;
  copy.clear();
  const auto& nodes = g_state.editor().scenario().nodes;
  if (index < 0 || static_cast<std::size_t>(index) >= nodes.size()) return copy.c_str();
  const auto& p = nodes[static_cast<std::size_t>(index)].position;
  const auto& v = g_ui.canvas;
  char text[128];
  if (on_screen) {
    std::snprintf(text, sizeof text, "%.3f %.3f", v.origin_x + v.pan_x + static_cast<float>(p.x) * v.zoom,
                  v.origin_y + v.pan_y + static_cast<float>(p.y) * v.zoom_y);
  } else {
    std::snprintf(text, sizeof text, "%.6g %.6g", p.x, p.y);
  }
  copy = text;
  return copy.c_str();
}

// The canvas's pan (pixels) and zoom (pixels per unit across) as "pan_x pan_y zoom".
EMSCRIPTEN_KEEPALIVE const char* echelon_canvas_view() {
  std::string& copy = g_platform.returned_text;
  char text[128];
  std::snprintf(text, sizeof text, "%.3f %.3f %.6g", g_ui.canvas.pan_x, g_ui.canvas.pan_y, g_ui.canvas.zoom);
  copy = text;
  return copy.c_str();
}

// Clipboard text pasted into the page (the DOM paste event), for ImGui's next paste.
// A table pasted while no text field is being edited (cells copied from a spreadsheet) opens the
// import dialog, as File > Paste table does.
EMSCRIPTEN_KEEPALIVE void echelon_set_clipboard(const char* bytes, int length) {
  if (!bytes || length < 0) return;
  g_platform.clipboard.assign(bytes, static_cast<std::size_t>(length));
  if (!ImGui::GetIO().WantTextInput && !g_ui.import_dialog.open && echelon::ui::looks_like_table(g_platform.clipboard)) {
    echelon::ui::begin_import(g_ui.import_dialog, "pasted table", g_platform.clipboard);
  }
  wake();
}

}  // extern "C"
