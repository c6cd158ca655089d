// The browser platform layer shared by the browser files: the app's one session and UI state,
// the page's frame bookkeeping (idle frames, frame times), and what Emscripten 3.1.6's GLFW
// emulation leaves out (HiDPI sizing, wheel scaling, clipboard, fonts from the page).
//
//   platform.cpp    globals, opening text, input callbacks, fonts and canvas size
//   js_bridge.cpp   the JavaScript side (EM_JS): files, storage, clipboard, start-up text
//   main_loop.cpp   the frame loop and main()
//   test_hooks.cpp  functions the end-to-end tests and the page's shell call
#pragma once

#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <cstdint>
#include <string>

#include "app/session.h"
#include "ui/app_ui.h"

namespace echelon::browser {

inline constexpr double kFrameBudgetMilliseconds = 6.0;  // plan + simulation slice per frame

// The page opened with a link while different work was autosaved: until the person chooses,
// the link's scenario shows under a prompt and nothing is autosaved. The autosave is copied to
// kBeforeLinkKey first, so "Open the link" loses nothing either.
inline constexpr const char* kBeforeLinkKey = "echelon.autosave.before-link";
struct LinkChoice {
  bool pending = false;
  bool backup_kept = false;  // the browser's storage took the copy under kBeforeLinkKey
  std::string link_name;
  std::string saved_name;
  std::string saved_when;  // the page's local date and time, or "" when unknown
  std::string saved_text;
};

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
  bool autosave_failed = false;  // the last autosave was refused (reported once until one succeeds)
  double frame_times[512] = {};  // ring of recent per-frame compute times, for the report script
  int frame_time_count = 0;
  std::string returned_text;  // text a hook returns to JavaScript (copied there at once)
  LinkChoice link_choice;
  bool restore_before_link_requested = false;  // File > Restore work from before the link
};

extern Platform g_platform;
extern app::AppSession g_state;
extern ui::UiState g_ui;
extern ui::HostActions g_host;

// Keeps drawing for at least `frames` more frames (the page idles otherwise).
void wake(int frames = 3);
void record_frame_time(double ms);

// Opens text from a file, a link or the autosave; returns 1 when the scenario was replaced. A
// failure is reported on the status line (first problem, and how many more) and in the console.
int open_text(const std::string& name, const std::string& text, const std::string& how);
// A file refused before it was read: the status line and the console say why; returns 0.
int refuse_file(const std::string& name, const std::string& reason);
// The largest file the app opens (the core's readers have the same limit).
inline constexpr int kMaxFileBytes = 64 * 1024 * 1024;

// Input callbacks and the clipboard, installed by main().
void install_input_callbacks();
// Releases the keys that were pressed and released before the frame just drawn saw them (call at
// the end of every drawn frame).
void release_tapped_keys();
const char* get_clipboard(void*);
void set_clipboard(void*, const char* text);

// Builds the UI font at the device pixel ratio (the page's font, or ImGui's default).
void build_fonts(double pixel_ratio);
// Sizes the canvas in physical pixels; true when the size or the pixel ratio changed.
bool sync_canvas_size();

void frame();

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

}  // namespace echelon::browser
