#include "app_ui.h"

#include <imgui.h>

#include <algorithm>

#include "core/version.h"

namespace echelon::ui {

void apply_style(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowPadding = ImVec2(12.0f, 10.0f);
  style.FramePadding = ImVec2(6.0f, 4.0f);
  style.ItemSpacing = ImVec2(8.0f, 6.0f);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.29f, 0.48f, 1.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

void draw_app(app::AppState& state, UiState& ui) {
  ui.shown.clear();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float font = ImGui::GetFontSize();

  // Menu bar across the top.
  if (ImGui::BeginMainMenuBar()) {
    ImGui::TextUnformatted("Echelon");
    ImGui::TextDisabled("inventory-optimization planning simulator  v%s", version_string());
    ImGui::EndMainMenuBar();
  }

  // The work area below the menu bar (the viewport's own work rectangle lags by one frame).
  const float menu_height = ImGui::GetFrameHeight();
  const ImVec2 work_pos(viewport->Pos.x, viewport->Pos.y + menu_height);
  const ImVec2 work_size(viewport->Size.x, viewport->Size.y - menu_height);
  const float margin = font * 0.5f;
  // One panel for now, so it fills the work area and follows window resizes.
  ImGui::SetNextWindowPos(ImVec2(work_pos.x + margin, work_pos.y + margin), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(work_size.x - 2.0f * margin, work_size.y - 2.0f * margin), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;
  if (ImGui::Begin("Single location", nullptr, flags)) single_location_panel(state, ui.shown);
  ImGui::End();
}

}  // namespace echelon::ui
