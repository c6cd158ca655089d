// The import dialog and the Portfolio tab driven by mouse and keyboard, headless (as
// ui_headless_test.cpp does for the inspector).
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "app/session.h"
#include "ui/app_ui.h"
#include "ui/panels.h"

namespace echelon::ui {
namespace {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

// Two parts over 18 months without a location column, as a spreadsheet export might have them.
std::string parts_history(char sep) {
  std::string text = std::string("part") + sep + "month" + sep + "qty\n";
  for (int m = 0; m < 18; ++m) {
    const std::string month = std::to_string(2023 + m / 12) + "-" + (m % 12 + 1 < 10 ? "0" : "") + std::to_string(m % 12 + 1);
    text += "p1" + std::string(1, sep) + month + sep + std::to_string(20 + (m * 7) % 9) + "\n";
    text += "p2" + std::string(1, sep) + month + sep + std::to_string(5 + (m * 5) % 4) + "\n";
  }
  return text;
}

class ImportInput : public ::testing::Test {
 protected:
  app::AppSession state;
  UiState ui;

  void SetUp() override { create_headless_context(1280.0f, 800.0f); }
  void TearDown() override { ImGui::DestroyContext(); }

  void run_frames(int n) {
    for (int i = 0; i < n; ++i) {
      ImGui::NewFrame();
      state.begin_frame();
      draw_app(state, ui);
      ImGui::Render();
      state.step(16.0);
    }
  }
  std::optional<Rect> rect(const std::string& key) {
    auto it = ui.shown.find("rect:" + key);
    if (it == ui.shown.end()) return std::nullopt;
    Rect r;
    if (std::sscanf(it->second.c_str(), "%f %f %f %f", &r.x, &r.y, &r.w, &r.h) != 4) return std::nullopt;
    return r;
  }
  void click(const std::string& key) {
    auto r = rect(key);
    ASSERT_TRUE(r) << key;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    run_frames(1);
    io.MouseDown[0] = true;
    run_frames(1);
    io.MouseDown[0] = false;
    run_frames(1);
  }
  // Click into the field, select its text, type over it and press Enter.
  void type_into(const std::string& key, const char* text) {
    auto r = rect(key);
    ASSERT_TRUE(r) << key;
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.MousePos = ImVec2(r->x + r->w * 0.25f, r->y + r->h * 0.5f);
    run_frames(1);
    io.MouseDown[0] = true;
    run_frames(1);
    io.MouseDown[0] = false;
    run_frames(1);
    io.KeyCtrl = true;
    io.KeysDown[65] = true;
    run_frames(1);
    io.KeysDown[65] = false;
    io.KeyCtrl = false;
    io.AddInputCharactersUTF8(text);
    run_frames(1);
    io.KeysDown[13] = true;
    run_frames(1);
    io.KeysDown[13] = false;
    run_frames(1);
  }
  void run_until_idle() {
    for (int i = 0; i < 5000 && state.background_running(); ++i) run_frames(1);
    run_frames(2);
  }
};

TEST_F(ImportInput, TheDialogTurnsAHistoryIntoAPlanWithBuffers) {
  run_frames(2);
  begin_import(ui.import_dialog, "parts.csv", parts_history(','));
  run_frames(2);
  ASSERT_EQ(ui.shown["import_open"], "1");
  EXPECT_EQ(ui.shown["import_roles"], "item,period,quantity");
  EXPECT_EQ(ui.shown["import_separator"], ",");
  EXPECT_NE(ui.shown["import_summary"].find("2 series, 18 periods of a month, 2023-01 to 2024-06"), std::string::npos)
      << ui.shown["import_summary"];
  type_into("import:lead_time", "3");
  type_into("import:unit_cost", "20");
  type_into("import:location", "Lyon");
  EXPECT_EQ(ui.import_dialog.lead_time_periods, 3.0);
  EXPECT_EQ(ui.import_dialog.unit_cost, 20.0);
  click("import:import");
  EXPECT_FALSE(ui.import_dialog.open);
  run_frames(1);
  EXPECT_EQ(ui.shown.count("import_open"), 0u);
  const Scenario& s = state.editor().scenario();
  ASSERT_EQ(s.nodes.size(), 2u);
  EXPECT_EQ(s.nodes[1].id, "Lyon");
  run_until_idle();
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  for (const PlanStage& stage : state.plan()->stages) {
    if (stage.node != "Lyon") continue;
    EXPECT_GT(stage.multi_echelon.safety_stock, 0.0) << stage.item;
    EXPECT_EQ(stage.multi_echelon.net_replenishment_time, 3.0) << stage.item;
  }
  EXPECT_GT(state.plan()->multi_echelon.safety_stock_cost_per_year, 0.0);
  EXPECT_EQ(ui.shown["plan_flagged"], "0");
  EXPECT_EQ(ui.shown.count("plan_zero_cost_reason"), 0u);

  // The Portfolio tab lists both, with simulated fill; clicking a row selects its location.
  ui.requested_tab = 7;
  run_frames(2);
  EXPECT_EQ(ui.shown["portfolio_rows"], "2");
  EXPECT_EQ(ui.shown["portfolio_visible"], "2");
  click("portfolio:first_row");
  EXPECT_EQ(ui.shown["portfolio_selected"], "p1@Lyon");
  EXPECT_EQ(state.editor().selection().kind, app::SelectionKind::node);
  EXPECT_EQ(state.editor().selection().index, 1u);
  type_into("portfolio:search", "p2");
  EXPECT_EQ(ui.shown["portfolio_visible"], "1");
}

TEST_F(ImportInput, LeftOutSettingsAreFlaggedAndTheZeroCostExplained) {
  run_frames(2);
  begin_import(ui.import_dialog, "parts.csv", parts_history(','));
  run_frames(2);
  click("import:set_target");  // no target either
  click("import:import");
  ASSERT_FALSE(ui.import_dialog.open);
  run_until_idle();
  EXPECT_EQ(ui.shown["plan_flagged"], "2");
  EXPECT_EQ(ui.shown["plan_flag:zero lead time"], "2");
  EXPECT_EQ(ui.shown["plan_flag:zero cost"], "2");
  EXPECT_EQ(ui.shown["plan_flag:no target"], "2");
  EXPECT_NE(ui.shown["plan_zero_cost_reason"].find("no item has a unit cost"), std::string::npos);
  ui.requested_tab = 7;
  ui.portfolio.flagged_only = true;
  run_frames(2);
  EXPECT_EQ(ui.shown["portfolio_visible"], "2");
}

TEST_F(ImportInput, ARefusedSettingIsNamedBelowItsFieldAndNothingChanges) {
  run_frames(2);
  const Scenario before = state.editor().scenario();
  begin_import(ui.import_dialog, "parts.csv", parts_history(','));
  run_frames(2);
  type_into("import:lead_time", "-2");
  click("import:import");
  EXPECT_TRUE(ui.import_dialog.open);
  ASSERT_EQ(ui.import_dialog.problems.size(), 1u);
  EXPECT_EQ(ui.import_dialog.problems[0].path, "lead_time_periods");
  EXPECT_TRUE(state.editor().scenario() == before);
  click("import:cancel");
  EXPECT_FALSE(ui.import_dialog.open);
  EXPECT_TRUE(state.editor().scenario() == before);
}

TEST_F(ImportInput, PastingATabSeparatedTableOpensTheSameDialog) {
  run_frames(2);
  ImGui::SetClipboardText(parts_history('\t').c_str());
  click("menu:file");
  click("menu:paste_table");
  run_frames(1);
  ASSERT_TRUE(ui.import_dialog.open);
  EXPECT_EQ(ui.shown["import_separator"], "tab");
  EXPECT_EQ(ui.shown["import_roles"], "item,period,quantity");
  type_into("import:lead_time", "2");
  type_into("import:unit_cost", "5");
  click("import:import");
  EXPECT_FALSE(ui.import_dialog.open);
  EXPECT_EQ(state.editor().scenario().demands.size(), 2u);
  EXPECT_EQ(state.editor().scenario().name, "pasted table");
}

// The whole car-parts history (2,674 series; skipped without the shared data) through the
// dialog's settings: every row in the table, and drawing it clips to the rows on screen.
TEST_F(ImportInput, TheCarPartsPortfolioTableClipsToTheVisibleRows) {
  const std::string path = std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no shared data at " << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  run_frames(1);
  begin_import(ui.import_dialog, "carparts_long.csv", text);
  ui.import_dialog.lead_time_periods = 2.0;
  ui.import_dialog.unit_cost = 50.0;
  run_frames(2);
  EXPECT_NE(ui.shown["import_summary"].find("2674 series, 51 periods of a month, 1998-01 to 2002-03"), std::string::npos)
      << ui.shown["import_summary"];
  click("import:import");
  ASSERT_FALSE(ui.import_dialog.open);
  ui.requested_tab = 7;
  run_frames(3);
  EXPECT_EQ(ui.shown["portfolio_rows"], "2674");
  EXPECT_LT(std::stoi(ui.shown["portfolio_drawn"]), 100);
}

}  // namespace
}  // namespace echelon::ui
