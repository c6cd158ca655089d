// No text is cut off at the window sizes people use: the app is drawn headless with the font
// the browser loads (DejaVu Sans, 15 px times the pixel ratio) at 1280x800, 1920x1080 and
// 1280x800 at pixel ratio 2 (2560x1600 pixels), every analysis tab in turn with a stage selected, and every
// window and table column is checked for content wider than the space it is given.
//
// What counts as cut off:
//   - a window without a horizontal scroll bar whose content reached further right than its
//     content region (ImGui clips what lies beyond);
//   - a table column whose widest content is wider than the column (ImGui clips each cell),
//     except in tables that scroll horizontally.
// The default network and every bundled sample are drawn, each settled first.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "app/session.h"
#include "ui/app_ui.h"

namespace echelon::ui {
namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

struct Size {
  float width = 0.0f;
  float height = 0.0f;
  float pixel_ratio = 1.0f;
};

// Everything cut off in the last frame, one line each (window or table, and by how much).
std::vector<std::string> cut_off_content() {
  std::vector<std::string> out;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  char line[512];
  for (ImGuiWindow* window : g.Windows) {
    if (!window->WasActive || window->Hidden || window->Collapsed) continue;
    if (window->Flags & (ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_AlwaysHorizontalScrollbar)) continue;
    if (window->Flags & ImGuiWindowFlags_Tooltip) continue;
    const float room = window->ContentRegionRect.GetWidth();
    const float content = window->ContentSize.x;
    if (content > room + 1.0f) {
      std::snprintf(line, sizeof line, "window '%s': content %.0f px in %.0f px", window->Name, content, room);
      out.emplace_back(line);
    }
  }
  std::vector<ImGuiTable*> tables;
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    ImGuiTable* table = g.Tables.TryGetMapData(i);
    if (table != nullptr && table->LastFrameActive >= g.FrameCount - 1) tables.push_back(table);
  }
  // A column holding a table of its own is judged by that table's columns: the outer column
  // records the inner table's ideal width, not what it draws.
  auto holds_a_table = [&](const ImGuiTable* outer, const ImGuiTableColumn& column) {
    for (const ImGuiTable* inner : tables) {
      if (inner == outer || inner->OuterWindow != outer->OuterWindow) continue;
      if (inner->OuterRect.Min.x >= column.MinX - 1.0f && inner->OuterRect.Max.x <= column.MaxX + 1.0f &&
          inner->OuterRect.Min.y >= outer->OuterRect.Min.y && inner->OuterRect.Max.y <= outer->OuterRect.Max.y + 1.0f)
        return true;
    }
    return false;
  };
  for (ImGuiTable* table : tables) {
    if (table->Flags & ImGuiTableFlags_ScrollX) continue;
    for (int c = 0; c < table->ColumnsCount; ++c) {
      const ImGuiTableColumn& column = table->Columns[c];
      if (!column.IsVisibleX || holds_a_table(table, column)) continue;
      const float widest = std::max(column.ContentMaxXUnfrozen, column.ContentMaxXHeadersUsed) - column.WorkMinX;
      const float room = column.WorkMaxX - column.WorkMinX;
      if (widest > room + 1.0f) {
        std::snprintf(line, sizeof line, "table '%s' column %d ('%s'): content %.0f px in %.0f px",
                      table->OuterWindow ? table->OuterWindow->Name : "?", c,
                      ImGui::TableGetColumnName(table, c), widest, room);
        out.emplace_back(line);
      }
    }
  }
  return out;
}

class Clipping : public ::testing::TestWithParam<Size> {
 protected:
  void SetUp() override {
    if (!std::ifstream(kFontPath)) GTEST_SKIP() << "no " << kFontPath;
    const Size size = GetParam();
    create_headless_context(size.width, size.height);
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->AddFontFromFileTTF(kFontPath, static_cast<float>(static_cast<int>(15.0f * size.pixel_ratio + 0.5f)));
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    apply_style(size.pixel_ratio);
  }
  void TearDown() override {
    if (ImGui::GetCurrentContext() != nullptr) ImGui::DestroyContext();
  }
  void frame(app::AppSession& state, UiState& ui) {
    ImGui::NewFrame();
    state.begin_frame();
    draw_app(state, ui);
    ImGui::Render();
  }
};

// Every analysis tab in turn, a few frames each, after the plan and simulation settled.
std::vector<std::string> audit_every_tab(app::AppSession& state, UiState& ui,
                                         const std::function<void(app::AppSession&, UiState&)>& frame) {
  for (int i = 0; i < 2000 && state.background_running(); ++i) {
    frame(state, ui);
    state.step(50.0);
  }
  state.editor().select({app::SelectionKind::node, 0});
  std::vector<std::string> found;
  for (int tab = 0; tab < 8; ++tab) {
    ui.requested_tab = tab;
    for (int i = 0; i < 4; ++i) {
      frame(state, ui);
      state.step(50.0);
    }
    for (const std::string& s : cut_off_content()) found.push_back("tab " + std::to_string(tab) + ": " + s);
  }
  return found;
}

std::string lines(const std::vector<std::string>& found) {
  std::string all;
  for (const std::string& s : found) all += s + "\n";
  return all;
}

TEST_P(Clipping, NoTextIsCutOffOnAnyTabOfTheDefaultNetwork) {
  app::AppSession state;
  UiState ui;
  state.editor().select({app::SelectionKind::node, 3});
  const std::vector<std::string> found =
      audit_every_tab(state, ui, [this](app::AppSession& s, UiState& u) { frame(s, u); });
  EXPECT_TRUE(found.empty()) << lines(found);
}

TEST_P(Clipping, NoTextIsCutOffOnAnyTabOfTheBundledSamples) {
  for (const char* name : {"portfolio.json", "assembly.json", "distribution_network.json", "single_store.json"}) {
    const std::string path = std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/" + name;
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    app::AppSession state;
    UiState ui;
    ASSERT_TRUE(state.open_file(name, text, "open").ok()) << name;
    const std::vector<std::string> found =
        audit_every_tab(state, ui, [this](app::AppSession& s, UiState& u) { frame(s, u); });
    EXPECT_TRUE(found.empty()) << name << ":\n" << lines(found);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, Clipping,
                         ::testing::Values(Size{1280.0f, 800.0f, 1.0f}, Size{1920.0f, 1080.0f, 1.0f},
                                           Size{2560.0f, 1600.0f, 2.0f}),
                         [](const ::testing::TestParamInfo<Size>& param) {
                           return std::to_string(static_cast<int>(param.param.width)) + "x" +
                                  std::to_string(static_cast<int>(param.param.height)) + "_dpr" +
                                  std::to_string(static_cast<int>(param.param.pixel_ratio));
                         });

}  // namespace
}  // namespace echelon::ui
