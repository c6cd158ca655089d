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

  const ImVec2 work_pos = viewport->WorkPos;
  const ImVec2 work_size = viewport->WorkSize;
  const float margin = font * 0.5f;
  const float panel_width = std::min(work_size.x - 2.0f * margin, font * 52.0f);
  ImGui::SetNextWindowPos(ImVec2(work_pos.x + margin, work_pos.y + margin), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(panel_width, work_size.y - 2.0f * margin), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Single location")) single_location_panel(state, ui.shown);
  ImGui::End();
}

}  // namespace echelon::ui
