// Per-frame compute time of the app while a service level is dragged, natively and in wasm under
// Node: each frame edits the target (one merged undo step, validated), lays out the whole UI headless (ImGui
// without a GPU) and gives the Monte Carlo what is left of the frame budget, as the browser's
// main loop does. After the drag ends the frames continue until the plan and the simulation have
// settled, since those frames are part of what the user sees.
//   app_drag_bench [path/to/willems_37.csv]
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "app/session.h"
#include "ui/app_ui.h"
#include "core/io/scenario_import.h"

namespace {

using clock_type = std::chrono::steady_clock;
constexpr double kFrameBudgetMilliseconds = 6.0;  // the browser app's plan + simulation budget

// Vertices ImGui hands to the GPU each frame: what a software rasteriser (SwiftShader in headless
// Chromium) pays for, apart from the fill.
std::vector<int> g_vertices;

// `edit` runs inside the frame's time, as a slider's edit does when ImGui reports the drag.
double frame(echelon::app::AppSession& state, echelon::ui::UiState& ui, const std::function<void()>& edit = {}) {
  const auto started = clock_type::now();
  if (edit) edit();
  ImGui::NewFrame();
  state.begin_frame();
  echelon::ui::draw_app(state, ui);
  const double spent = std::chrono::duration<double, std::milli>(clock_type::now() - started).count();
  const bool preliminary = state.plan_is_preliminary();
  state.step(std::max(2.0, kFrameBudgetMilliseconds - spent));
  ImGui::Render();
  g_vertices.push_back(ImGui::GetDrawData()->TotalVtxCount);
  const double total = std::chrono::duration<double, std::milli>(clock_type::now() - started).count();
  // With ECHELON_BENCH_VERBOSE set, slow frames are itemised: layout (with re-planning after an
  // edit) against background work (plan search, then the Monte Carlo).
  static const bool verbose = std::getenv("ECHELON_BENCH_VERBOSE") != nullptr;
  if (verbose && total > 12.0)
    std::printf("  slow frame: %.2f ms = layout and plan %.2f + background %.2f (plan %s, %d replications)\n", total, spent,
                total - spent, preliminary ? "being refined" : "final", state.simulation_replications_done());
  return total;
}

void report(const char* label, std::vector<double> times) {
  if (times.empty()) return;
  std::sort(times.begin(), times.end());
  const auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(q * static_cast<double>(times.size())))]; };
#ifdef __EMSCRIPTEN__
  const char* target = "wasm";
#else
  const char* target = "native";
#endif
  std::printf("%-34s %-6s %4zu frames  median %6.2f ms  p90 %6.2f ms  p95 %6.2f ms  worst %7.2f ms\n", label, target,
              times.size(), at(0.5), at(0.9), at(0.95), times.back());
}

// Drags the first service target from 0.90 to 0.99 over 90 frames, then lets everything settle.
void drag(echelon::app::AppSession& state, const char* label) {
  echelon::ui::UiState ui;
  ui.requested_tab = 0;
  for (int i = 0; i < 1000 && (state.simulation_running() || i < 3); ++i) frame(state, ui);  // settle first
  std::vector<double> during;
  std::vector<double> after;
  const int frames = 90;
  for (int f = 0; f < frames; ++f) {
    const double value = 0.90 + 0.09 * (static_cast<double>(f) / frames);
    auto edit = [&] {
      state.editor().edit("service target", [&](echelon::Scenario& s) { s.service_targets[0].value = value; }, "target-0");
      if (f == frames - 1) state.editor().end_merge();
    };
    (f == frames - 1 ? after : during).push_back(frame(state, ui, edit));
  }
  for (int i = 0; i < 2000 && state.simulation_running(); ++i) after.push_back(frame(state, ui));
  std::vector<double> all = during;
  all.insert(all.end(), after.begin(), after.end());
  report((std::string(label) + ", drag").c_str(), during);
  report((std::string(label) + ", settling").c_str(), after);
  report((std::string(label) + ", all").c_str(), all);
  std::sort(g_vertices.begin(), g_vertices.end());
  if (!g_vertices.empty())
    std::printf("%-34s vertices per frame: median %d, largest %d\n", label, g_vertices[g_vertices.size() / 2], g_vertices.back());
  g_vertices.clear();
}

}  // namespace

int main(int argc, char** argv) {
  echelon::ui::create_headless_context(1280.0f, 800.0f);

  {
    echelon::app::AppSession state;
    drag(state, "plant-DC-stores (default)");
  }
  const std::string path = argc > 1 ? argv[1] : std::string(ECHELON_SHARED_DATA_DIR) + "/willems/willems_37.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::printf("%s not found: the Willems case is skipped\n", path.c_str());
  } else {
    std::stringstream text;
    text << in.rdbuf();
    auto scenario = echelon::import_scenario_file(path, text.str());
    if (!scenario.ok()) {
      std::printf("%s: %s\n", path.c_str(), echelon::describe(scenario.problems()).c_str());
      return 1;
    }
    echelon::app::AppSession state;
    state.editor().replace(std::move(scenario).value(), "open");
    if (state.editor().scenario().service_targets.empty()) {
      std::printf("%s has no service targets to drag\n", path.c_str());
    } else {
      drag(state, "Willems chain 37");
    }
  }
  ImGui::DestroyContext();
  return 0;
}
