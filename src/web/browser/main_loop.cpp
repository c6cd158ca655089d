// The page's frame loop: idle frames, the session's work within the frame budget, drawing, the
// autosave and the layout store; and main(), which sets up GLFW, WebGL2 and ImGui.
#include <GLES3/gl3.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // the settings timer

#include <algorithm>
#include <cstdio>
#include <string>

#include "browser/js_bridge.h"
#include "browser/platform.h"
#include "core/io/scenario_json.h"
#include "ui/panels.h"

namespace echelon::browser {

namespace {

void offer_restore_before_link() {
  g_host.restore_before_link = [] { g_platform.restore_before_link_requested = true; };
}

void restore_before_link() {
  const std::string saved = js::stored(kBeforeLinkKey);
  if (saved.empty()) {
    g_ui.status = "the work from before the link is no longer in the browser's storage";
  } else if (open_text("your work from before the link", saved, "restored") == 1) {
    js::forget(kBeforeLinkKey);
    g_ui.status += " (Undo brings back the link's scenario)";
  } else {
    return;  // the status line says why; the copy stays where it is
  }
  g_host.restore_before_link = nullptr;
}

// The page opened with a link while other work was autosaved: ask before that work goes.
void ask_before_link_replaces(const std::string& link_text, const std::string& autosave) {
  auto saved = read_scenario_json(autosave);
  if (!saved.ok()) {
    // The first edit of the link's scenario would overwrite the autosave that could not be read.
    if (js::keep_unreadable_autosave())
      g_ui.status += "; the autosaved text could not be read and is kept in the browser's storage as echelon.autosave.unreadable";
    return;
  }
  auto linked = read_scenario_json(link_text);
  if (linked.ok() && write_scenario_json(*saved, -1) == write_scenario_json(*linked, -1)) return;  // the same work
  LinkChoice& choice = g_platform.link_choice;
  choice.pending = true;
  choice.backup_kept = js::store(kBeforeLinkKey, autosave);
  choice.link_name = g_state.editor().scenario().name;
  choice.saved_name = saved->name;
  choice.saved_when = js::startup_autosave_when();
  choice.saved_text = autosave;
  g_ui.status = "this link would replace your autosaved work: choose in the window";
}

void choose_link() {
  LinkChoice& choice = g_platform.link_choice;
  g_ui.status = "opened the link's scenario \"" + choice.link_name + "\"";
  if (choice.backup_kept) {
    g_ui.status += "; your work \"" + choice.saved_name + "\" is kept: File > Restore work from before the link";
    offer_restore_before_link();
  }
  choice = {};
}

void keep_work() {
  LinkChoice& choice = g_platform.link_choice;
  const std::string link_name = choice.link_name;
  if (open_text("your autosaved work", choice.saved_text, "kept") == 1) {
    js::forget(kBeforeLinkKey);  // it is the current work again
    g_ui.status = "kept your work \"" + choice.saved_name + "\"; the link to \"" + link_name +
                  "\" stays in the address bar (reload the page to open it)";
  } else if (choice.backup_kept) {
    offer_restore_before_link();  // the status line says why; the copy stays reachable
  }
  choice = {};
}

void draw_link_choice() {
  const LinkChoice& choice = g_platform.link_choice;
  const char* title = "Open this link?";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) return;
  const std::string when = choice.saved_when.empty() ? std::string() : ", saved " + choice.saved_when;
  const std::string message =
      "This link opens \"" + choice.link_name + "\".\nYour autosaved work \"" + choice.saved_name + "\"" + when +
      ", would be replaced.\n\nOpen the link: " +
      (choice.backup_kept ? "your work stays available under File > Restore work from before the link."
                          : "the browser's storage could not keep a copy of your work, so it would be lost at the first edit.") +
      "\nKeep my work: the link stays in the address bar; reload the page to be asked again.";
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  g_ui.shown["link_choice"] = message;
  ImGui::Spacing();
  if (ImGui::Button("Open the link")) choose_link();
  ui::record_rect(g_ui.shown, "link_choice:open");
  ImGui::SameLine();
  if (ImGui::Button("Keep my work")) keep_work();
  ui::record_rect(g_ui.shown, "link_choice:keep");
  if (!g_platform.link_choice.pending) {
    ImGui::CloseCurrentPopup();
    g_ui.shown.erase("link_choice");
  }
  ImGui::EndPopup();
}

}  // namespace

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
  ui::draw_app(g_state, g_ui, g_host);
  if (g_platform.link_choice.pending) draw_link_choice();
  if (g_platform.restore_before_link_requested) {
    g_platform.restore_before_link_requested = false;
    restore_before_link();
  }
  const double spent = emscripten_get_now() - frame_started;
  g_state.step(std::max(2.0, kFrameBudgetMilliseconds - spent));
  ImGui::Render();
  // Edits made through the test hooks between frames count towards the frame that shows them,
  // as a slider's edit does when ImGui applies it inside the frame.
  g_platform.last_frame_compute_ms = emscripten_get_now() - frame_started + g_platform.hook_edit_ms;
  g_platform.hook_edit_ms = 0.0;
  record_frame_time(g_platform.last_frame_compute_ms);
  if (g_state.revision() != revision_before || g_state.editor().revision() != scenario_before) wake();
  if (g_state.background_running()) wake();
  // During a drag the scenario changes every frame; it is saved once the drag ends.
  // Nothing is autosaved while the link prompt waits for an answer.
  if (g_state.editor().revision() != g_platform.autosaved_revision && !g_state.dragging() &&
      !g_platform.link_choice.pending) {
    g_platform.autosaved_revision = g_state.editor().revision();
    if (!js::autosave(write_scenario_json(g_state.editor().scenario(), -1))) {
      if (!g_platform.autosave_failed)
        g_ui.status = "autosave failed: the browser's storage is full or disabled; use File > Save scenario to keep this work";
      g_platform.autosave_failed = true;
    } else {
      g_platform.autosave_failed = false;
    }
  }
  // A moved window is saved once ImGui's settings timer runs out: keep drawing until then.
  if (ImGui::GetCurrentContext()->SettingsDirtyTimer > 0.0f) wake(2);
  if (io.WantSaveIniSettings) {
    js::save_layout(ImGui::SaveIniSettingsToMemory());
    io.WantSaveIniSettings = false;
  }

  glViewport(0, 0, g_platform.framebuffer_width, g_platform.framebuffer_height);
  glClearColor(0.07f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  release_tapped_keys();
  if (++g_platform.frame_count == 1) js::signal_first_frame();
}

}  // namespace echelon::browser

int main() {
  using namespace echelon::browser;
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
  install_input_callbacks();

  const std::string layout = js::saved_layout();
  if (!layout.empty()) ImGui::LoadIniSettingsFromMemory(layout.c_str());

  g_host.open_file = [] { js::open_file_dialog(); };
  g_host.open_example = [](const std::string& file) { js::open_example(file); };
  g_host.save_file = [](const std::string& name, const std::string& text, const std::string& mime) {
    js::save_file(name, text, mime);
    g_ui.status = "saved " + name;
  };
  // The page says on the status line whether the clipboard took the link (echelon_set_status).
  g_host.copy_link = [] {
    g_ui.status = "copying the link...";
    js::copy_link(write_scenario_json(g_state.editor().scenario(), -1));
  };

  // A scenario from the link opens, but asks first when it would replace other autosaved work; a
  // broken link leaves the autosave (or the default) in place.
  const std::string startup = js::take_startup_scenario();
  const std::string source = js::startup_source();
  const std::string how = source.empty() ? "restored" : source;
  const int opened = startup.empty() ? 0 : open_text("scenario", startup, how);
  if (!startup.empty() && opened == 0 && how == "restored") {
    // The first edit would overwrite the autosave that could not be read: keep it aside.
    if (js::keep_unreadable_autosave())
      g_ui.status += "; the autosaved text is kept in the browser's storage as echelon.autosave.unreadable";
  }
  if (opened == 1 && how == "link") {
    const std::string autosave = js::take_startup_autosave();
    if (!autosave.empty()) ask_before_link_replaces(startup, autosave);
  }
  if (!g_platform.link_choice.pending && !js::stored(kBeforeLinkKey).empty()) offer_restore_before_link();
  const std::string link_problem = js::startup_problem();
  if (!link_problem.empty()) g_ui.status = link_problem;
  g_platform.autosaved_revision = g_state.editor().revision();

  build_fonts(g_platform.pixel_ratio);
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
