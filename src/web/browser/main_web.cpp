// Browser entry point: GLFW (Emscripten's built-in emulation) + WebGL2 + Dear ImGui, and the small
// platform layer that Emscripten 3.1.6's GLFW emulation leaves out: HiDPI sizing, wheel scaling,
// clipboard, idle frames and a test hook for the browser end-to-end tests.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // window rectangles for the test hook, the settings timer

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <string>

#include "app/session.h"
#include "ui/app_ui.h"
#include "core/io/scenario_json.h"
#include "app/scenario_edits.h"

namespace {

constexpr double kFrameBudgetMilliseconds = 6.0;  // plan + simulation slice per frame

struct Platform {
  GLFWwindow* window = nullptr;
  int framebuffer_width = 0;
  int framebuffer_height = 0;
  double pixel_ratio = 1.0;
  double font_ratio = 0.0;  // pixel ratio the fonts were last built for
  int frames_to_draw = 3;   // frames left to render before going idle
  std::uint64_t frame_count = 0;
  std::string clipboard;
  double last_frame_compute_ms = 0.0;
  double hook_edit_ms = 0.0;  // edits made by test hooks since the last frame
  std::uint64_t autosaved_revision = 0;
  double frame_times[512] = {};  // ring of recent per-frame compute times, for the report script
  int frame_time_count = 0;
};

Platform g_platform;
echelon::app::AppSession g_state;
echelon::ui::UiState g_ui;
echelon::ui::HostActions g_host;

void wake(int frames = 3) {
  if (g_platform.frames_to_draw < frames) g_platform.frames_to_draw = frames;
}

void record_frame_time(double ms) {
  g_platform.frame_times[g_platform.frame_time_count % 512] = ms;
  ++g_platform.frame_time_count;
}

// Opens text from a file, a link or the autosave; returns 1 when the scenario was replaced.
int open_text(const std::string& name, const std::string& text, const std::string& how) {
  auto opened = g_state.open_file(name, text, how);
  if (!opened.ok()) {
    const auto& problems = opened.problems();
    g_ui.status = how + " " + name + " failed: " + (problems.empty() ? std::string("unknown problem")
                                                                       : problems.front().path + ": " + problems.front().message);
    if (problems.size() > 1) g_ui.status += " (and " + std::to_string(problems.size() - 1) + " more)";
    std::fprintf(stderr, "echelon: %s %s: %s\n", how.c_str(), name.c_str(), echelon::describe(problems).c_str());
    wake();
    return 0;
  }
  g_ui.canvas.fitted = false;
  g_ui.status = how + " " + name;
  wake();
  return 1;
}


// ---- JavaScript side ------------------------------------------------------------------------

EM_JS(int, js_font_size, (), { return Module.echelonFont ? Module.echelonFont.length : 0; });
EM_JS(void, js_font_copy, (unsigned char* dst), { HEAPU8.set(Module.echelonFont, dst); });
EM_JS(void, js_signal_first_frame, (), {
  if (typeof Module.onEchelonFirstFrame === 'function') Module.onEchelonFirstFrame();
});
EM_JS(void, js_open_file_dialog, (), { if (window.echelonOpenFile) window.echelonOpenFile(); });
EM_JS(void, js_save_file, (const char* name, const char* text, const char* mime), {
  if (window.echelonSaveFile) window.echelonSaveFile(UTF8ToString(name), UTF8ToString(text), UTF8ToString(mime));
});
EM_JS(void, js_copy_link, (const char* json), { if (window.echelonCopyLink) window.echelonCopyLink(UTF8ToString(json)); });
EM_JS(void, js_autosave, (const char* json), {
  try { localStorage.setItem('echelon.autosave', UTF8ToString(json)); } catch (e) { }
});
EM_JS(void, js_save_layout, (const char* ini), {
  try { localStorage.setItem('echelon.layout', UTF8ToString(ini)); } catch (e) { }
});
// Startup text handed over by the page: a scenario from the link, else the autosave, else none.
EM_JS(char*, js_take_startup_scenario, (), {
  const text = Module.echelonStartupScenario || "";
  Module.echelonStartupScenario = "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(char*, js_startup_source, (), {
  const text = Module.echelonStartupSource || "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(char*, js_saved_layout, (), {
  let text = "";
  try { text = localStorage.getItem("echelon.layout") || ""; } catch (e) { }
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(void, js_clipboard_write, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(() => {});
});

// ---- Input helpers ---------------------------------------------------------------------------

// Wheel events arrive through the DOM directly: the GLFW emulation scales them about 100x and
// reverses them. One notch of a mouse wheel is about 100 pixels or 3 lines.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  double lines_y = e->deltaY;
  double lines_x = e->deltaX;
  if (e->deltaMode == DOM_DELTA_PIXEL) {
    lines_y /= 100.0;
    lines_x /= 100.0;
  } else if (e->deltaMode == DOM_DELTA_LINE) {
    lines_y /= 3.0;
    lines_x /= 3.0;
  }
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheel -= static_cast<float>(lines_y);
  io.MouseWheelH -= static_cast<float>(lines_x);
  wake();
  return EM_TRUE;
}

EM_BOOL on_mouse(int, const EmscriptenMouseEvent*, void*) {
  wake();
  return EM_FALSE;  // GLFW's own listener still handles the event
}

EM_BOOL on_key(int, const EmscriptenKeyboardEvent*, void*) {
  wake();
  return EM_FALSE;
}

EM_BOOL on_focus(int, const EmscriptenFocusEvent*, void*) {
  wake();
  return EM_FALSE;
}

void ignore_scroll(GLFWwindow*, double, double) {}

const char* get_clipboard(void*) { return g_platform.clipboard.c_str(); }
void set_clipboard(void*, const char* text) {
  g_platform.clipboard = text ? text : "";
  js_clipboard_write(g_platform.clipboard.c_str());
}

// ---- Fonts and scale -------------------------------------------------------------------------

void build_fonts(double pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float size = static_cast<float>(std::round(15.0 * pixel_ratio));
  const int bytes = js_font_size();
  if (bytes > 0) {
    // ImGui takes ownership of the buffer and frees it with its own allocator.
    auto* data = static_cast<unsigned char*>(ImGui::MemAlloc(static_cast<size_t>(bytes)));
    js_font_copy(data);
    io.Fonts->AddFontFromMemoryTTF(data, bytes, size);
  } else {
    ImFontConfig config;
    config.SizePixels = size;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  echelon::ui::apply_style(static_cast<float>(pixel_ratio));
  g_platform.font_ratio = pixel_ratio;
}

// The canvas is sized in physical pixels and ImGui works in them too (display size = framebuffer
// size, scale 1), with fonts and style scaled by the pixel ratio. The GLFW emulation reports the
// mouse in canvas pixels, so no further conversion is needed.
bool sync_canvas_size() {
  double css_width = 0.0;
  double css_height = 0.0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  bool changed = false;
  if (width != g_platform.framebuffer_width || height != g_platform.framebuffer_height) {
    emscripten_set_canvas_element_size("#canvas", width, height);
    g_platform.framebuffer_width = width;
    g_platform.framebuffer_height = height;
    changed = true;
  }
  if (ratio != g_platform.pixel_ratio) {
    g_platform.pixel_ratio = ratio;
    changed = true;
  }
  return changed;
}

// ---- Frame -----------------------------------------------------------------------------------

void frame() {
  if (sync_canvas_size()) wake();
  if (g_platform.frames_to_draw <= 0) {
    glfwPollEvents();
    return;  // idle: nothing changed, so an open tab costs nothing
  }
  --g_platform.frames_to_draw;

  if (g_platform.pixel_ratio != g_platform.font_ratio) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    build_fonts(g_platform.pixel_ratio);
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(g_platform.framebuffer_width),
                          static_cast<float>(g_platform.framebuffer_height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  // Chromium's virtual time (and some throttled tabs) can give a zero step, which ImGui rejects.
  if (!(io.DeltaTime > 0.0f)) io.DeltaTime = 1.0f / 60.0f;

  const auto frame_started = emscripten_get_now();
  ImGui::NewFrame();
  const std::uint64_t revision_before = g_state.revision();
  const std::uint64_t scenario_before = g_state.editor().revision();
  // Edits since the last frame (test hooks, files) get their plan before the panels draw; edits
  // made while drawing get theirs in step(). The search and the Monte Carlo then refine with
  // what is left of the frame's budget, so the page never freezes.
  g_state.begin_frame();
  echelon::ui::draw_app(g_state, g_ui, g_host);
  const double spent = emscripten_get_now() - frame_started;
  g_state.step(std::max(2.0, kFrameBudgetMilliseconds - spent));
  ImGui::Render();
  // Edits made through the test hooks between frames count towards the frame that shows them,
  // as a slider's edit does when ImGui applies it inside the frame.
  g_platform.last_frame_compute_ms = emscripten_get_now() - frame_started + g_platform.hook_edit_ms;
  g_platform.hook_edit_ms = 0.0;
  record_frame_time(g_platform.last_frame_compute_ms);
  if (g_state.revision() != revision_before || g_state.editor().revision() != scenario_before) wake();
  if (g_state.simulation_running()) wake();
  // During a drag the scenario changes every frame; it is saved once the drag ends.
  if (g_state.editor().revision() != g_platform.autosaved_revision && !g_state.dragging()) {
    g_platform.autosaved_revision = g_state.editor().revision();
    js_autosave(echelon::write_scenario_json(g_state.editor().scenario(), -1).c_str());
  }
  // A moved window is saved once ImGui's settings timer runs out: keep drawing until then.
  if (ImGui::GetCurrentContext()->SettingsDirtyTimer > 0.0f) wake(2);
  if (io.WantSaveIniSettings) {
    js_save_layout(ImGui::SaveIniSettingsToMemory());
    io.WantSaveIniSettings = false;
  }

  glViewport(0, 0, g_platform.framebuffer_width, g_platform.framebuffer_height);
  glClearColor(0.07f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  if (++g_platform.frame_count == 1) js_signal_first_frame();
}

// An edit made by a test hook between frames: timed so that it counts towards the frame that
// shows it (as a panel's edit does inside the frame), and the page is woken to draw that frame.
template <typename Edit>
auto hook_edit(Edit&& edit) {
  const double started = emscripten_get_now();
  auto result = edit();
  g_platform.hook_edit_ms += emscripten_get_now() - started;
  wake();
  return result;
}

}  // namespace

// ---- Test hook (called from JavaScript by the end-to-end tests and the shell) ---------------

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
  static std::string copy;
  auto it = g_ui.shown.find(key ? key : "");
  copy = it == g_ui.shown.end() ? std::string() : it->second;
  return copy.c_str();
}

// The rejection message of a field's last edit ("" when accepted).
EMSCRIPTEN_KEEPALIVE const char* echelon_field_problem(const char* name) {
  static std::string copy;
  auto field = echelon::app::field_from_name(name ? name : "");
  copy = field ? g_state.field_problem(*field).message : std::string("unknown field");
  return copy.c_str();
}

EMSCRIPTEN_KEEPALIVE double echelon_frame_count() { return static_cast<double>(g_platform.frame_count); }

// A file the user picked (or a test supplies): scenario JSON, Willems CSV or history CSV.
// Returns 1 when opened; 0 when refused (the current scenario stays, the status line says why).
EMSCRIPTEN_KEEPALIVE int echelon_open_text(const char* name, const char* text) {
  return open_text(name ? name : "file", text ? text : "", "opened");
}

// The current scenario as JSON (what "Save scenario" writes).
EMSCRIPTEN_KEEPALIVE const char* echelon_scenario_json() {
  static std::string copy;
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

// 1 while the plan's search or the Monte Carlo has work left (the report script waits for 0).
EMSCRIPTEN_KEEPALIVE int echelon_background_running() { return g_state.simulation_running() ? 1 : 0; }

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
  static std::string copy;
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
  static std::string copy;
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
  static std::string copy;
  char text[128];
  std::snprintf(text, sizeof text, "%.3f %.3f %.6g", g_ui.canvas.pan_x, g_ui.canvas.pan_y, g_ui.canvas.zoom);
  copy = text;
  return copy.c_str();
}

// Clipboard text pasted into the page (the DOM paste event), for ImGui's next paste.
EMSCRIPTEN_KEEPALIVE void echelon_set_clipboard(const char* text) {
  g_platform.clipboard = text ? text : "";
  wake();
}

}  // extern "C"

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "echelon: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  sync_canvas_size();
  g_platform.window = glfwCreateWindow(g_platform.framebuffer_width > 0 ? g_platform.framebuffer_width : 1280,
                                       g_platform.framebuffer_height > 0 ? g_platform.framebuffer_height : 800,
                                       "Echelon", nullptr, nullptr);
  if (!g_platform.window) {
    std::fprintf(stderr, "echelon: could not create a WebGL2 context\n");
    return 1;
  }
  glfwMakeContextCurrent(g_platform.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout persistence goes through the browser's storage, not a file
  io.IniSavingRate = 0.5f;   // seconds after a window moved before the layout is stored
  // Windows move by their title bar only: a drag inside a panel (a canvas, a table) stays there.
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;

  ImGui_ImplGlfw_InitForOpenGL(g_platform.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  glfwSetScrollCallback(g_platform.window, ignore_scroll);

  emscripten_set_wheel_callback("#canvas", nullptr, EM_FALSE, on_wheel);
  emscripten_set_mousemove_callback("#canvas", nullptr, EM_FALSE, on_mouse);
  emscripten_set_mousedown_callback("#canvas", nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_keypress_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);

  char* layout = js_saved_layout();
  if (layout[0] != '\0') ImGui::LoadIniSettingsFromMemory(layout);
  std::free(layout);

  g_host.open_file = [] { js_open_file_dialog(); };
  g_host.save_file = [](const std::string& name, const std::string& text, const std::string& mime) {
    js_save_file(name.c_str(), text.c_str(), mime.c_str());
    g_ui.status = "saved " + name;
  };
  g_host.copy_link = [] {
    js_copy_link(echelon::write_scenario_json(g_state.editor().scenario(), -1).c_str());
    g_ui.status = "link copied";
  };

  // A scenario from the link wins over the autosave; a broken one leaves the default in place.
  char* startup = js_take_startup_scenario();
  char* source = js_startup_source();
  if (startup[0] != '\0') {
    open_text("scenario", startup, source[0] != '\0' ? source : "restored");
  }
  std::free(startup);
  std::free(source);
  g_platform.autosaved_revision = g_state.editor().revision();

  build_fonts(g_platform.pixel_ratio);
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
