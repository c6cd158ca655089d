// The car-parts history (2,674 monthly series, shared data) imported with settings, as the
// import dialog does, then planned and simulated in frames as in the browser: prints the time of
// each step, the frames they took, the per-frame compute time of the Portfolio tab, and how the
// simulated service compares with the promise (demand-weighted fill, share of items meeting it).
//   app_import_bench [path/to/carparts_long.csv] [lead_time_periods] [unit_cost] [--slow-ms=N]
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/portfolio.h"
#include "app/session.h"
#include "core/io/history_import.h"
#include "ui/app_ui.h"

namespace {

using clock_type = std::chrono::steady_clock;
constexpr double kFrameBudgetMilliseconds = 6.0;  // the browser app's plan + simulation budget

double since(clock_type::time_point t0) { return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count(); }

// The last frame's parts: begin_frame + drawing, and the session's step.
double g_draw_ms = 0.0, g_step_ms = 0.0;

double frame(echelon::app::AppSession& state, echelon::ui::UiState& ui) {
  const auto started = clock_type::now();
  ImGui::NewFrame();
  state.begin_frame();
  echelon::ui::draw_app(state, ui);
  const double spent = since(started);
  g_draw_ms = spent;
  const auto stepping = clock_type::now();
  state.step(std::max(2.0, kFrameBudgetMilliseconds - spent));
  g_step_ms = since(stepping);
  ImGui::Render();
  return since(started);
}

// With ECHELON_BENCH_VERBOSE set, frames over 50 ms (ECHELON_BENCH_SLOW_MS) are itemised by phase of the
// session's step.
void print_phases(int index, double frame_ms, const echelon::app::AppSession& state, const std::string& service_phase) {
  const auto& t = state.last_step_phase_times();
  std::printf("  slow frame %d: %.1f ms = draw %.1f + step %.1f [plan %.1f, history start %.1f, risk %.1f, service start %.1f, "
              "service %.1f, sim network %.1f, sim start %.1f, sim %.1f, estimates %.1f, promises %.1f, series %.1f]\n",
              index, frame_ms, g_draw_ms, g_step_ms, t.plan_milliseconds, t.history_start_milliseconds,
              t.history_risk_milliseconds, t.service_start_milliseconds, t.service_milliseconds, t.sim_network_milliseconds,
              t.sim_start_milliseconds, t.sim_milliseconds, t.estimates_milliseconds, t.promises_milliseconds,
              t.series_milliseconds);
  if (t.service_milliseconds > 20.0) std::printf("    service study phase before the frame: %s\n", service_phase.c_str());
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace echelon;
  // --slow-ms=N itemises frames over N ms, as ECHELON_BENCH_VERBOSE does (wasm under node does
  // not see the environment); it is taken out before the positional arguments are read.
  double slow_ms_option = -1.0;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--slow-ms=", 10) == 0) slow_ms_option = std::atof(argv[i] + 10);
    else args.push_back(argv[i]);
  }
  argc = static_cast<int>(args.size());
  argv = args.data();
  const std::string path = argc > 1 ? argv[1] : std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
  std::ifstream in(path);
  if (!in) {
    std::printf("app_import_bench: no data at %s (skipped)\n", path.c_str());
    return 0;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  HistoryImportSettings settings;
  settings.scenario_name = "carparts";
  settings.lead_time_periods = argc > 2 ? std::atof(argv[2]) : 2.0;
  settings.unit_cost = argc > 3 ? std::atof(argv[3]) : 40.0;
  settings.holding_rate_per_year = 0.25;
  settings.service_target = 0.95;

  ui::create_headless_context(1280.0f, 800.0f);
  app::AppSession state;
  ui::UiState ui;
  ui.requested_tab = 7;
  frame(state, ui);

  auto t0 = clock_type::now();
  auto opened = state.open_history("carparts_long.csv", text, settings);
  const double import_ms = since(t0);
  if (!opened.ok()) {
    std::printf("import failed: %s\n", describe(opened.problems()).c_str());
    return 1;
  }
  const bool verbose = std::getenv("ECHELON_BENCH_VERBOSE") != nullptr || slow_ms_option >= 0.0;
  // ECHELON_BENCH_SLOW_MS: the frame time above which a verbose run itemises a frame (default 50).
  const char* slow_setting = std::getenv("ECHELON_BENCH_SLOW_MS");
  const double slow_ms = slow_ms_option >= 0.0 ? slow_ms_option : slow_setting ? std::atof(slow_setting) : 50.0;
  std::vector<double> frames;
  int plan_frames = 0;
  double plan_ms = 0.0;
  t0 = clock_type::now();
  for (int i = 0; i < 1000000 && state.background_running(); ++i) {
    const bool sim_before = state.simulation_running(), risk_before = state.history_risk_running(),
               service_before = state.service_running();
    const std::string service_phase = state.service_run() ? state.service_run()->phase() : std::string("none");
    frames.push_back(frame(state, ui));
    // A frame far over budget: say what was running, so the slow step can be found.
    if (frames.back() > 250.0)
      std::printf("  long frame %d: %.0f ms (running before it: simulation %d, obsolescence %d, service study %d)\n", i,
                  frames.back(), sim_before, risk_before, service_before);
    if (verbose && frames.back() > slow_ms) print_phases(i, frames.back(), state, service_phase);
    if (plan_frames == 0 && state.plan().ok() && !state.plan_learning() && !state.plan_is_preliminary()) {
      plan_frames = i + 1;
      plan_ms = since(t0);
    }
  }
  const double all_ms = since(t0);
  std::vector<double> idle;
  for (int i = 0; i < 60; ++i) idle.push_back(frame(state, ui));

  const Plan& plan = state.plan().value();
  t0 = clock_type::now();
  const app::Portfolio p = app::build_portfolio(state.editor().scenario(), &plan, state.promise_report() ? &*state.promise_report() : nullptr);
  const double build_ms = since(t0);

  double demand = 0.0, met = 0.0, promised = 0.0, service = 0.0;
  std::size_t meeting = 0, with_fill = 0, kept = 0, within = 0;
  for (const app::PortfolioRow& r : p.rows) {
    if (!r.simulated_fill) continue;
    ++with_fill;
    demand += r.mean_per_period;
    met += r.mean_per_period * *r.simulated_fill;
    promised += r.mean_per_period * r.promised;
    service += r.mean_per_period * r.simulated_service.value_or(0.0);
    meeting += *r.simulated_fill + 1e-9 >= r.promised ? 1 : 0;
    kept += r.verdict && *r.verdict == echelon::PromiseVerdict::kept ? 1 : 0;
    within += r.verdict && *r.verdict == echelon::PromiseVerdict::within_interval ? 1 : 0;
  }
  std::printf("car-parts import: %zu series, lead time %.3g periods, unit cost %.3g, target 95%% cycle service\n", p.rows.size(),
              settings.lead_time_periods, settings.unit_cost);
  std::printf("  %-44s %10.1f ms\n", "import (parse + build + validate)", import_ms);
  std::printf("  %-44s %10.1f ms in %d frames\n", "learn + plan until final", plan_ms, plan_frames);
  std::printf("  %-44s %10.1f ms in %zu frames\n", "learn + plan + simulation + analyses", all_ms, frames.size());
  std::printf("  %-44s %10.2f / %.2f / %.2f ms\n", "frame while working: median / p95 / max", percentile(frames, 0.5),
              percentile(frames, 0.95), percentile(frames, 1.0));
  const auto over_50 = std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > 50.0; });
  std::printf("  %-44s %10td\n", "frames over 50 ms while working", over_50);
  std::printf("  %-44s %10.2f / %.2f ms\n", "frame with the Portfolio tab idle: median / max", percentile(idle, 0.5),
              percentile(idle, 1.0));
  std::printf("  %-44s %10.2f ms\n", "portfolio rows rebuilt", build_ms);
  std::printf("  %-44s %10s\n", "rows drawn per frame", ui.shown["portfolio_drawn"].c_str());
  std::printf("  plan: safety stock cost %.0f EUR/year, value %.0f EUR; flagged items %zu\n",
              plan.multi_echelon.safety_stock_cost_per_year, p.safety_stock_value, p.readiness.flagged);
  if (with_fill > 0 && demand > 0.0) {
    std::printf("  promised measure (periods with nothing owed), demand-weighted: promised %.4f, simulated %.4f\n",
                promised / demand, service / demand);
    std::printf("  items keeping their promise: %zu kept, %zu within the 95%% interval, %zu below, of %zu\n", kept, within,
                with_fill - kept - within, with_fill);
    std::printf("  fill rate from stock at once (another measure), demand-weighted: %.4f; %zu items at or above the target\n",
                met / demand, meeting);
  } else {
    std::printf("  no simulation estimates\n");
  }
  ImGui::DestroyContext();
  return 0;
}
