// The app's report downloads and window layout, rendered headless (no window, no GPU).
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/session.h"
#include "ui/app_ui.h"

namespace echelon::ui {
namespace {

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

class UiReportsLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    create_headless_context(1280.0f, 800.0f);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void frame(app::AppSession& state, UiState& ui, const HostActions& host = {}) {
    ImGui::NewFrame();
    state.begin_frame();
    draw_app(state, ui, host);
    ImGui::Render();
  }

  static ImVec2 window_pos(const char* name) { return ImGui::FindWindowByName(name)->Pos; }
};

// The simulation sets up over a frame or two before its first estimates.
void simulate_until_estimates(app::AppSession& state) {
  for (int i = 0; i < 20 && !(state.simulation() && !state.simulation_is_stale()); ++i) state.step(50.0);
}

struct SavedFile {
  std::string name, text, mime;
};

TEST_F(UiReportsLayout, PlanReportsHaveOneRowPerStage) {
  app::AppSession state;
  auto csv = report_file(state, ReportKind::plan_csv);
  ASSERT_TRUE(csv.ok()) << describe(csv.problems());
  const std::size_t stages = state.plan()->stages.size();
  EXPECT_EQ(line_count(csv->text), stages + 1);  // header + one line per stage
  EXPECT_EQ(csv->mime, "text/csv");
  EXPECT_NE(csv->name.find("-plan.csv"), std::string::npos);
  auto json = report_file(state, ReportKind::plan_json);
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->mime, "application/json");
}

TEST_F(UiReportsLayout, KpiReportsWaitForTheSimulationOfTheCurrentPlan) {
  app::AppSession state;
  auto early = report_file(state, ReportKind::kpis_csv);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.problems().front().path, "simulation");
  simulate_until_estimates(state);
  ASSERT_TRUE(state.simulation().has_value());
  auto csv = report_file(state, ReportKind::kpis_csv);
  ASSERT_TRUE(csv.ok()) << describe(csv.problems());
  EXPECT_EQ(line_count(csv->text), state.plan()->stages.size() + 2);  // header, stages, network
}

TEST_F(UiReportsLayout, SaveReportHandsTheFileToTheHostOrSaysWhyNot) {
  app::AppSession state;
  UiState ui;
  std::vector<SavedFile> saved;
  HostActions host;
  host.save_file = [&](const std::string& name, const std::string& text, const std::string& mime) {
    saved.push_back({name, text, mime});
  };
  save_report(state, ui, host, ReportKind::kpis_json);
  EXPECT_TRUE(saved.empty());
  EXPECT_NE(ui.status.find("simulation"), std::string::npos) << ui.status;
  save_report(state, ui, host, ReportKind::plan_csv);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(line_count(saved[0].text), state.plan()->stages.size() + 1);
  // Rendering every tab with the export buttons present keeps ImGui's checks quiet.
  simulate_until_estimates(state);
  for (int tab = 0; tab < 3; ++tab) {
    ui.requested_tab = tab;
    frame(state, ui, host);
    frame(state, ui, host);
  }
  ui.requested_tab = 0;
  frame(state, ui, host);
  frame(state, ui, host);
  EXPECT_TRUE(ui.shown.count("rect:export:kpis_csv"));
}

TEST_F(UiReportsLayout, AMovedWindowStaysUntilTheLayoutIsReset) {
  app::AppSession state;
  UiState ui;
  frame(state, ui);
  frame(state, ui);
  const ImVec2 home = window_pos("Plan");
  EXPECT_EQ(ui.shown["layout_customized"], "0");

  ImGui::SetWindowPos("Plan", ImVec2(home.x - 300.0f, home.y - 200.0f));
  frame(state, ui);
  EXPECT_EQ(ui.shown["layout_customized"], "1");
  EXPECT_FLOAT_EQ(window_pos("Plan").x, home.x - 300.0f);

  // A customised layout survives a change of display size...
  ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
  frame(state, ui);
  EXPECT_FLOAT_EQ(window_pos("Plan").x, home.x - 300.0f);

  // ...and "Reset layout" brings back the default for the display in use.
  ui.reset_layout = true;
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["layout_customized"], "0");
  EXPECT_GT(window_pos("Plan").x, home.x);  // the right column sits further right on a wider display
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  for (const char* name : {"Network", "Analysis", "Inspector", "Plan"}) {
    const ImGuiWindow* w = ImGui::FindWindowByName(name);
    EXPECT_LE(w->Pos.x + w->Size.x, viewport->Size.x + 0.5f) << name;
    EXPECT_LE(w->Pos.y + w->Size.y, viewport->Size.y + 0.5f) << name;
  }
}

TEST_F(UiReportsLayout, TheDefaultLayoutFollowsTheDisplay) {
  app::AppSession state;
  UiState ui;
  frame(state, ui);
  const ImVec2 before = window_pos("Inspector");
  ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
  frame(state, ui);
  EXPECT_GT(window_pos("Inspector").x, before.x);
  EXPECT_EQ(ui.shown["layout_customized"], "0");
}

// "x y w h" of a control the panels recorded.
ImVec4 rect_of(const ShownText& shown, const std::string& key) {
  const auto it = shown.find("rect:" + key);
  if (it == shown.end()) return ImVec4(0, 0, 0, 0);
  ImVec4 r;
  std::sscanf(it->second.c_str(), "%f %f %f %f", &r.x, &r.y, &r.z, &r.w);
  return r;
}

// The single-location tab draws the calculator and the full engine side by side when there is
// room: each stays inside its own column and the window, at both common screen sizes.
TEST_F(UiReportsLayout, SingleLocationColumnsDoNotOverlap) {
  for (const ImVec2 display : {ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    ImGui::GetIO().DisplaySize = display;
    app::AppSession state;
    UiState ui;
    ui.requested_tab = 2;
    frame(state, ui);
    frame(state, ui);
    const ImVec4 typed = rect_of(ui.shown, "typed:mean_demand_per_period");
    const ImVec4 combo = rect_of(ui.shown, "engine:target_type");
    ASSERT_GT(typed.z, 0.0f) << display.x;
    ASSERT_GT(combo.z, 0.0f) << display.x;
    EXPECT_LE(typed.x + typed.z, combo.x) << "the calculator runs into the engine column at " << display.x;
    const ImGuiWindow* analysis = ImGui::FindWindowByName("Analysis");
    EXPECT_LE(combo.x + combo.z, analysis->Pos.x + analysis->Size.x) << display.x;
  }
}

}  // namespace
}  // namespace echelon::ui
