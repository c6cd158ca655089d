// Compare A/B: a pinned scenario beside the one being edited.
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "ui/panels.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {
std::string figure(const std::optional<double>& v, const std::string& unit) {
  if (!v) return "-";
  char text[64];
  if (unit == "%") std::snprintf(text, sizeof text, "%.2f%%", 100.0 * *v);
  else std::snprintf(text, sizeof text, "%.6g %s", *v, unit.c_str());
  return text;
}
std::string difference(const std::optional<double>& a, const std::optional<double>& b, const std::string& unit) {
  if (!a || !b) return "";
  char text[64];
  const double d = *b - *a;
  if (unit == "%") {
    std::snprintf(text, sizeof text, "%+.2f points", 100.0 * d);
  } else if (std::abs(*a) > 1e-12) {
    std::snprintf(text, sizeof text, "%+.6g (%+.1f%%)", d, 100.0 * d / std::abs(*a));
  } else {
    std::snprintf(text, sizeof text, "%+.6g", d);
  }
  return text;
}
}  // namespace

void compare_panel(app::AppSession& state, ShownText& shown) {
  const bool can_pin = state.plan().ok() && !state.plan_is_preliminary() && state.plan_is_current();
  if (!can_pin) ImGui::BeginDisabled();
  if (ImGui::Button(state.has_pinned() ? "Pin this scenario as A again" : "Pin this scenario as A")) state.pin_as_a();
  if (!can_pin) ImGui::EndDisabled();
  record_rect(shown, "compare:pin");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Keeps this scenario, its plan and (once finished) its simulation as A. Then edit, open an example "
                      "or a file: the scenario in force is B and both are compared here.");
  }
  if (!state.has_pinned()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Pin a scenario as A, change it (or open another), and see side by side what changed in the "
                        "inputs and what that did to the plan's placement, its cost and the simulated service.");
    ImGui::PopTextWrapPos();
    shown["compare_state"] = "none";
    return;
  }
  ImGui::SameLine();
  if (ImGui::Button("Open A")) state.open_pinned();
  ImGui::SameLine();
  if (ImGui::Button("Unpin")) {
    state.unpin();
    return;
  }
  const auto& comparison = state.comparison();
  if (!comparison) {
    ImGui::TextDisabled("Waiting for the plan of B...");
    shown["compare_state"] = "waiting";
    return;
  }
  shown["compare_state"] = "ready";
  shown["compare_changes"] = std::to_string(comparison->input_change_count);

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("totals", 4, flags)) {
    ImGui::TableSetupColumn("Figure", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("A (pinned)");
    ImGui::TableSetupColumn("B (now)");
    ImGui::TableSetupColumn("B - A");
    ImGui::TableHeadersRow();
    for (const app::FigureRow& r : comparison->totals) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(figure(r.a, r.unit).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(figure(r.b, r.unit).c_str());
      ImGui::TableNextColumn();
      const std::string d = difference(r.a, r.b, r.unit);
      ImGui::TextUnformatted(d.c_str());
      if (r.label.rfind("Safety stock cost per year (multi", 0) == 0) shown["compare_cost_difference"] = d;
    }
    ImGui::EndTable();
  }

  char header[96];
  std::snprintf(header, sizeof header, "What changed in the inputs (%zu)###inputs", comparison->input_change_count);
  if (ImGui::CollapsingHeader(header, ImGuiTreeNodeFlags_DefaultOpen)) {
    if (comparison->input_changes.empty()) ImGui::TextDisabled("Nothing: A and B have the same inputs (positions aside).");
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& c : comparison->input_changes) bullet_wrapped_at_spaces(c);
    if (comparison->input_change_count > comparison->input_changes.size())
      ImGui::TextDisabled("... and %zu more", comparison->input_change_count - comparison->input_changes.size());
    ImGui::PopTextWrapPos();
  }

  if (ImGui::CollapsingHeader("Placement by stage", ImGuiTreeNodeFlags_DefaultOpen)) {
    const ImGuiTableFlags stage_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                        ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    const float height = std::max(ImGui::GetFontSize() * 8.0f, ImGui::GetContentRegionAvail().y);
    if (ImGui::BeginTable("stages", 9, stage_flags, ImVec2(0.0f, height))) {
      ImGui::TableSetupScrollFreeze(1, 1);
      ImGui::TableSetupColumn("Stage / item");
      ImGui::TableSetupColumn("S: A -> B");
      ImGui::TableSetupColumn("Safety stock A");
      ImGui::TableSetupColumn("Safety stock B");
      ImGui::TableSetupColumn("Difference");
      ImGui::TableSetupColumn("As promised A");
      ImGui::TableSetupColumn("As promised B");
      ImGui::TableSetupColumn("From stock A");
      ImGui::TableSetupColumn("From stock B");
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(comparison->stages.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const app::StageRow& r = comparison->stages[static_cast<std::size_t>(i)];
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::Text("%s / %s", r.node.c_str(), r.item.c_str());
          ImGui::TableNextColumn();
          char s_a[32] = "-", s_b[32] = "-";
          if (r.a) std::snprintf(s_a, sizeof s_a, "%.3g", r.a->outbound_service_time);
          if (r.b) std::snprintf(s_b, sizeof s_b, "%.3g", r.b->outbound_service_time);
          ImGui::Text("%s -> %s", s_a, s_b);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.a ? figure(r.a->safety_stock_units, "units").c_str() : "only in B");
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.b ? figure(r.b->safety_stock_units, "units").c_str() : "only in A");
          ImGui::TableNextColumn();
          if (r.a && r.b) ImGui::TextUnformatted(difference(r.a->safety_stock_units, r.b->safety_stock_units, "").c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.a ? figure(r.a->simulated_on_time_share, "%").c_str() : "");
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.b ? figure(r.b->simulated_on_time_share, "%").c_str() : "");
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.a ? figure(r.a->simulated_fill_rate, "%").c_str() : "");
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.b ? figure(r.b->simulated_fill_rate, "%").c_str() : "");
        }
      }
      ImGui::EndTable();
    }
  }
}

}  // namespace echelon::ui
