// The Problems window: every problem of the last file that failed to open and of the last edit
// that was refused, message first and place after; a problem at a stage or an arc selects it.
#include <imgui.h>

#include <cstdlib>
#include <string>

#include "ui/panels.h"

namespace echelon::ui {

std::optional<app::Selection> selection_for_path(const std::string& path, const Scenario& scenario) {
  auto index_after = [&](const char* prefix) -> std::optional<std::size_t> {
    const std::string p(prefix);
    if (path.compare(0, p.size(), p) != 0) return std::nullopt;
    const char* digits = path.c_str() + p.size();
    if (*digits < '0' || *digits > '9') return std::nullopt;
    return static_cast<std::size_t>(std::strtoull(digits, nullptr, 10));
  };
  if (auto i = index_after("/nodes/"); i && *i < scenario.nodes.size()) return app::Selection{app::SelectionKind::node, *i};
  if (auto i = index_after("/arcs/"); i && *i < scenario.arcs.size()) return app::Selection{app::SelectionKind::arc, *i};
  if (auto i = index_after("/items/"); i && *i < scenario.items.size()) return app::Selection{app::SelectionKind::item, *i};
  // Demands and targets belong to their stage.
  auto stage_of = [&](const std::string& id) -> std::optional<app::Selection> {
    for (std::size_t n = 0; n < scenario.nodes.size(); ++n)
      if (scenario.nodes[n].id == id) return app::Selection{app::SelectionKind::node, n};
    return std::nullopt;
  };
  if (auto i = index_after("/demands/"); i && *i < scenario.demands.size()) return stage_of(scenario.demands[*i].node);
  if (auto i = index_after("/service_targets/"); i && *i < scenario.service_targets.size() && scenario.service_targets[*i].node)
    return stage_of(*scenario.service_targets[*i].node);
  return std::nullopt;
}

void problems_window(app::ScenarioEditor& editor, FileProblems& file, ShownText& shown) {
  const bool any = !file.problems.empty() || !editor.last_problems().empty();
  shown["problems_count"] = std::to_string(file.problems.size() + editor.last_problems().size());
  if (!any || !file.show) return;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40.0f, ImGui::GetFontSize() * 16.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Problems", &file.show)) {
    ImGui::End();
    return;
  }
  record_rect(shown, "problems:window");
  int row = 0;
  auto list = [&](const Problems& problems, bool in_scenario) {
    ImGui::PushTextWrapPos(0.0f);
    for (const Problem& p : problems) {
      ImGui::PushID(row++);
      const auto target = in_scenario ? selection_for_path(p.path, editor.scenario()) : std::nullopt;
      ImGui::Bullet();
      ImGui::TextWrapped("%s", p.message.c_str());
      ImGui::SameLine();
      if (target) {
        if (ImGui::SmallButton(p.path.empty() ? "show" : p.path.c_str())) editor.select(*target);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select it on the network and in the inspector");
      } else {
        ImGui::TextDisabled("%s", p.path.c_str());
      }
      ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
  };
  if (!file.problems.empty()) {
    ImGui::Text("%s: %zu problem%s, nothing was changed", file.source.c_str(), file.problems.size(),
                file.problems.size() == 1 ? "" : "s");
    list(file.problems, false);
    if (ImGui::SmallButton("Clear")) file.problems.clear();
    record_rect(shown, "problems:clear");
    ImGui::Separator();
  }
  if (!editor.last_problems().empty()) {
    ImGui::Text("\"%s\" was not applied; the last good scenario is kept:", editor.last_rejected_label().c_str());
    list(editor.last_problems(), true);
    if (ImGui::SmallButton("Dismiss")) editor.dismiss_problems();
  }
  ImGui::End();
}

}  // namespace echelon::ui
