#include "browser/platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <bitset>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "browser/js_bridge.h"
#include "core/io/scenario_import.h"

namespace echelon::browser {

Platform g_platform;
app::AppSession g_state;
ui::UiState g_ui;
ui::HostActions g_host;

void wake(int frames) {
  if (g_platform.frames_to_draw < frames) g_platform.frames_to_draw = frames;
}

void record_frame_time(double ms) {
  g_platform.frame_times[g_platform.frame_time_count % 512] = ms;
  ++g_platform.frame_time_count;
}

int refuse_file(const std::string& name, const std::string& reason) {
  g_ui.status = "open " + name + " failed: " + reason;
  std::fprintf(stderr, "echelon: open %s: %s\n", name.c_str(), reason.c_str());
  wake();
  return 0;
}

// Opens text from a file, a link or the autosave; returns 1 when the scenario was replaced.
int open_text(const std::string& name, const std::string& text, const std::string& how) {
  auto opened = g_state.open_file(name, text, how);
  if (!opened.ok()) {
    const auto& problems = opened.problems();
    g_ui.status = how + " " + name + " failed: " + (problems.empty() ? std::string("unknown problem")
                                                                       : problems.front().path + ": " + problems.front().message);
    if (problems.size() > 1) g_ui.status += " (and " + std::to_string(problems.size() - 1) + " more, see View > Problems)";
    g_ui.file_problems.source = how + " " + name;
    g_ui.file_problems.problems = problems;
    g_ui.file_problems.show = true;
    std::fprintf(stderr, "echelon: %s %s: %s\n", how.c_str(), name.c_str(), echelon::describe(problems).c_str());
    wake();
    return 0;
  }
  g_ui.canvas.fitted = false;
  g_ui.file_problems = {};
  g_ui.status = how + " " + name;
  wake();
  return 1;
}

// Entry points of the page's file glue (web/shell.js). A file's text arrives as pointer and
// length in memory the page allocated with malloc and frees afterwards (never through the
// stack, whose 5 MiB a planner's history would overflow); the page checks the 64 MiB limit
// before copying anything.
extern "C" {

EMSCRIPTEN_KEEPALIVE int echelon_open_bytes(const char* name, const char* bytes, int length) {
  const std::string file = name && *name ? name : "file";
  if (!bytes || length < 0) return refuse_file(file, "nothing was read");
  if (length > kMaxFileBytes) return refuse_file(file, "it is larger than 64 MiB");
  const std::string_view text(bytes, static_cast<std::size_t>(length));
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos)
    return refuse_file(file, "it contains a NUL byte at byte " + std::to_string(nul + 1) + ", so it is not a text file");
  // Receipt records (an order and a receipt date per row) teach lead times beside the scenario,
  // which stays; any other CSV is a demand history.
  if (detect_file_format(text) == FileFormat::history_csv && g_state.open_receipts(file, text).ok()) {
    g_ui.status = "receipts " + file + ": lead times learned for " + std::to_string(g_state.receipts()->lead_times.size()) +
                  (g_state.receipts()->grouping == echelon::learn::LeadTimeGrouping::arc ? " arc(s)" : " supplier(s)") +
                  " (Learning tab, Lead time)";
    wake();
    return 1;
  }
  // A demand history cannot say its lead times, costs or targets: the import dialog asks first.
  if (detect_file_format(text) == FileFormat::history_csv) {
    ui::begin_import(g_ui.import_dialog, file, std::string(text));
    g_ui.status = "import " + file + ": set what the file cannot say, then Import";
    wake();
    return 1;
  }
  return open_text(file, std::string(text), "opened");
}

// A line for the status bar from the page (the clipboard's answer to "Copy link").
EMSCRIPTEN_KEEPALIVE void echelon_set_status(const char* text) {
  g_ui.status = text ? text : "";
  wake();
}

// The page refused a file before reading it (too large, unreadable); the status line says why.
EMSCRIPTEN_KEEPALIVE void echelon_refuse_file(const char* name, const char* reason) {
  refuse_file(name ? name : "file", reason ? reason : "it could not be read");
}

}  // extern "C"

// ---- Input helpers ---------------------------------------------------------------------------

// Wheel events arrive through the DOM directly: the GLFW emulation scales them about 100x and
// reverses them. One notch of a mouse wheel is about 100 pixels or 3 lines.
namespace {

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

// ImGui 1.86 reads the keys' state once a frame, not their events: a key pressed and released
// between two frames (a quick tap while a frame takes 70 ms, a scripted press) would never be
// seen, so Enter would not end an edit. Such a release
// is held back until a frame has been drawn with the key down (release_tapped_keys).
struct KeyTaps {
  std::bitset<512> pressed_since_frame;
  std::bitset<512> release_after_frame;
};
KeyTaps g_key_taps;

// Modifiers are released at once, as before: ImGui drops typed characters while Ctrl is down, so
// a Ctrl held back after a quick Ctrl+A would swallow the text typed next.
bool is_modifier(int key) {
  return key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
         key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
         key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void on_glfw_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (key >= 0 && key < 512 && !is_modifier(key)) {
    const auto k = static_cast<std::size_t>(key);
    if (action == GLFW_PRESS) {
      g_key_taps.pressed_since_frame.set(k);
      g_key_taps.release_after_frame.reset(k);
    } else if (action == GLFW_RELEASE && g_key_taps.pressed_since_frame.test(k)) {
      g_key_taps.release_after_frame.set(k);
      wake();
      return;
    }
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  wake();
}

}  // namespace

void release_tapped_keys() {
  for (std::size_t k = 0; k < g_key_taps.release_after_frame.size(); ++k)
    if (g_key_taps.release_after_frame.test(k))
      ImGui_ImplGlfw_KeyCallback(g_platform.window, static_cast<int>(k), 0, GLFW_RELEASE, 0);
  g_key_taps = {};
}

void install_input_callbacks() {
  glfwSetScrollCallback(g_platform.window, ignore_scroll);
  glfwSetKeyCallback(g_platform.window, on_glfw_key);  // replaces ImGui's, which it calls
  emscripten_set_wheel_callback("#canvas", nullptr, EM_FALSE, on_wheel);
  emscripten_set_mousemove_callback("#canvas", nullptr, EM_FALSE, on_mouse);
  emscripten_set_mousedown_callback("#canvas", nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_keypress_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
}

const char* get_clipboard(void*) { return g_platform.clipboard.c_str(); }
void set_clipboard(void*, const char* text) {
  g_platform.clipboard = text ? text : "";
  js::clipboard_write(g_platform.clipboard);
}

// ---- Fonts and scale -------------------------------------------------------------------------

void build_fonts(double pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float size = static_cast<float>(std::round(15.0 * pixel_ratio));
  const int bytes = js::font_size();
  if (bytes > 0) {
    // ImGui takes ownership of the buffer and frees it with its own allocator.
    auto* data = static_cast<unsigned char*>(ImGui::MemAlloc(static_cast<size_t>(bytes)));
    js::font_copy(data);
    io.Fonts->AddFontFromMemoryTTF(data, bytes, size);
  } else {
    ImFontConfig config;
    config.SizePixels = size;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  ui::apply_style(static_cast<float>(pixel_ratio));
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

}  // namespace echelon::browser
