#include "ui/app_ui.h"

#include <imgui.h>
#include <imgui_internal.h>  // MarkIniSettingsDirty

#include <algorithm>
#include <cmath>

#include "core/io/scenario_json.h"
#include "core/base/version.h"
#include "app/default_scenario.h"
#include "app/examples.h"
#include "app/scenario_edits.h"

namespace echelon::ui {

void apply_style(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 4.0f;
  style.ChildRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowPadding = ImVec2(10.0f, 8.0f);
  style.FramePadding = ImVec2(6.0f, 3.0f);
  style.ItemSpacing = ImVec2(8.0f, 5.0f);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.18f, 1.0f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.29f, 0.48f, 1.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

void create_headless_context(float display_width, float display_height) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(display_width, display_height);
  io.DeltaTime = 1.0f / 60.0f;
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas; no texture is made
  apply_style(1.0f);
}

namespace {

// Rebuilds the canvas overlay when the plan or the simulation changed.
void refresh_overlay(const app::AppSession& state, UiState& ui) {
  const Result<Plan>& plan = state.plan();
  const std::uint64_t plan_revision = state.plan_generation();
  if (ui.overlay_plan_revision == plan_revision && ui.overlay_sim_revision == state.simulation_revision()) return;
  ui.overlay_plan_revision = plan_revision;
  ui.overlay_sim_revision = state.simulation_revision();
  const Scenario& s = state.editor().scenario();
  ui.overlay = {};
  if (!plan.ok()) return;
  ui.overlay.nodes.assign(s.nodes.size(), {});
  const auto& sim = state.simulation();
  const bool sim_matches = sim && sim->stages.size() == plan->stages.size();
  for (std::size_t j = 0; j < plan->stages.size(); ++j) {
    const PlanStage& stage = plan->stages[j];
    if (stage.node_index >= ui.overlay.nodes.size()) continue;
    NodeOverlay& o = ui.overlay.nodes[stage.node_index];
    o.safety_stock += stage.multi_echelon.safety_stock;
    o.safety_stock_value += stage.multi_echelon.safety_stock_value;
    o.outbound_service_time = stage.multi_echelon.outbound_service_time;
    if (sim_matches) {
      // Late against the stage's own promise: a stage quoting S > 0 holds no stock by design, and
      // its "stockout" share would paint a kept promise red.
      const double p = 1.0 - sim->stages[j].on_time_period_share.mean;
      o.late_probability = std::max(o.late_probability.value_or(0.0), p);
    }
  }
  for (const NodeOverlay& o : ui.overlay.nodes) {
    ui.overlay.max_safety_stock_value = std::max(ui.overlay.max_safety_stock_value, o.safety_stock_value);
  }
}

void save_scenario(const HostActions& host, const app::ScenarioEditor& editor) {
  host.save_file("scenario.echelon.json", write_scenario_json(editor.scenario()), "application/json");
}

}  // namespace

void save_report(const app::AppSession& state, UiState& ui, const HostActions& host, ReportKind kind) {
  if (!host.save_file) return;
  auto file = report_file(state, kind);
  if (!file.ok()) {
    ui.status = std::string(report_label(kind)) + ": " + file.problems().front().message;
    return;
  }
  host.save_file(file->name, file->text, file->mime);
}

namespace {

void main_menu(app::AppSession& state, UiState& ui, const HostActions& host) {
  if (!ImGui::BeginMainMenuBar()) return;
  ImGui::TextUnformatted("Echelon");
  app::ScenarioEditor& editor = state.editor();
  // A menu's label is the last item only while the menu is closed: keep its rectangle from then.
  const bool file_open = ImGui::BeginMenu("File");
  if (!file_open) record_rect(ui.menu_rects, "menu:file");
  if (file_open) {
    if (ImGui::MenuItem("Open scenario, history or receipts CSV, or Willems chain...", "Ctrl+O", false, static_cast<bool>(host.open_file))) {
      host.open_file();
    }
    if (host.restore_before_link) {
      if (ImGui::MenuItem("Restore work from before the link")) host.restore_before_link();
      record_rect(ui.shown, "menu:restore_before_link");
    }
    if (ImGui::MenuItem("Paste table (tab-separated history)", "Ctrl+V")) {
      const char* text = ImGui::GetClipboardText();
      if (text && *text) begin_import(ui.import_dialog, "pasted table", text);
      else ui.status = "the clipboard holds no table: copy the cells in the spreadsheet first";
    }
    record_rect(ui.shown, "menu:paste_table");
    if (ImGui::MenuItem("Save scenario", "Ctrl+S", false, static_cast<bool>(host.save_file))) {
      save_scenario(host, editor);
    }
    if (ImGui::MenuItem("New scenario")) {
      editor.replace(app::new_scenario(), "new scenario");
      ui.canvas.fitted = false;
      ui.status = "new scenario (Undo brings back the previous one)";
    }
    record_rect(ui.shown, "menu:new");
    if (ImGui::BeginMenu("Examples")) {
      for (const app::Example& example : app::examples()) {
        const std::string label(example.title);
        const bool served = example.file.empty() || static_cast<bool>(host.open_example);
        if (ImGui::MenuItem(label.c_str(), nullptr, false, served)) {
          if (example.file.empty()) {
            editor.replace(app::default_scenario(), "open example " + label);
            ui.canvas.fitted = false;
          } else {
            host.open_example(std::string(example.file));
          }
          ui.status = "example: " + label;
        }
        record_rect(ui.shown, "menu:example:" + (example.file.empty() ? std::string("default") : std::string(example.file)));
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
          ImGui::TextUnformatted(example.teaches.data(), example.teaches.data() + example.teaches.size());
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
      }
      ImGui::EndMenu();
    }
    record_rect(ui.shown, "menu:examples");
    ImGui::Separator();
    const bool have_plan = state.plan().ok();
    const bool have_kpis = have_plan && state.simulation() && !state.simulation_is_stale();
    for (const ReportKind kind : {ReportKind::plan_csv, ReportKind::plan_json, ReportKind::kpis_csv, ReportKind::kpis_json}) {
      const bool kpis = kind == ReportKind::kpis_csv || kind == ReportKind::kpis_json;
      if (ImGui::MenuItem(report_label(kind), nullptr, false, host.save_file && (kpis ? have_kpis : have_plan))) {
        save_report(state, ui, host, kind);
      }
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Copy link to this scenario", nullptr, false, static_cast<bool>(host.copy_link))) host.copy_link();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    const std::string undo = editor.can_undo() ? "Undo " + editor.undo_label() : "Undo";
    const std::string redo = editor.can_redo() ? "Redo " + editor.redo_label() : "Redo";
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, editor.can_undo())) editor.undo();
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Y", false, editor.can_redo())) editor.redo();
    ImGui::EndMenu();
  }
  const bool view_open = ImGui::BeginMenu("View");
  if (!view_open) record_rect(ui.menu_rects, "menu:view");
  if (view_open) {
    if (ImGui::MenuItem("Fit network to view")) ui.canvas.fitted = false;
    const bool have_problems = !ui.file_problems.problems.empty() || !editor.last_problems().empty();
    if (ImGui::MenuItem("Problems", nullptr, ui.file_problems.show, have_problems)) ui.file_problems.show = !ui.file_problems.show;
    if (ImGui::MenuItem("Reset layout")) ui.reset_layout = true;
    record_rect(ui.shown, "menu:reset_layout");
    ImGui::EndMenu();
  }
  const bool help_open = ImGui::BeginMenu("Help");
  if (!help_open) record_rect(ui.menu_rects, "menu:help");
  if (help_open) {
    if (ImGui::MenuItem("Glossary of symbols and measures", nullptr, ui.show_glossary)) ui.show_glossary = !ui.show_glossary;
    record_rect(ui.shown, "menu:glossary");
    ImGui::EndMenu();
  }
  const float version_width = ImGui::CalcTextSize("v0.0.0").x + ImGui::GetFontSize() * 2.0f;
  // The scenario's name and the status line share what the menus leave, cut with an ellipsis
  // (the whole line is the tooltip) so they never run under the version label.
  std::string line = editor.scenario().name + (ui.status.empty() ? "" : "  |  " + ui.status);
  const std::string full = line;
  const float room = ImGui::GetWindowWidth() - version_width - ImGui::GetCursorPosX() - ImGui::GetFontSize();
  if (room > 0.0f && ImGui::CalcTextSize(line.c_str()).x > room) {
    while (!line.empty() && ImGui::CalcTextSize((line + "...").c_str()).x > room) {
      line.pop_back();
      while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();  // whole UTF-8 characters
      if (!line.empty() && static_cast<unsigned char>(line.back()) >= 0xC0) line.pop_back();
    }
    line += "...";
  }
  ImGui::TextDisabled("%s", line.c_str());
  if (line != full && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
    ImGui::TextUnformatted(full.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ui.shown["status_line"] = line;
  ImGui::SameLine(ImGui::GetWindowWidth() - version_width);
  ImGui::TextDisabled("v%s", version_string());
  ImGui::EndMainMenuBar();
}

// ImGui 1.86 indexes keys by the backend's own codes: named keys go through GetKeyIndex, and
// letters without a named key use GLFW's codes, which are their upper-case ASCII values.
bool named_key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }
bool letter_pressed(char upper_case_letter) { return ImGui::IsKeyPressed(upper_case_letter); }

// Ctrl+V of a table is not a key shortcut: the page's paste event delivers the text after the key
// (browser/test_hooks.cpp echelon_set_clipboard opens the import dialog with it).
void shortcuts(app::AppSession& state, UiState& ui, const HostActions& host) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ui.import_dialog.open) return;
  app::ScenarioEditor& editor = state.editor();
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  if (ctrl && named_key_pressed(ImGuiKey_Z)) {
    if (io.KeyShift) editor.redo();
    else editor.undo();
  }
  if (ctrl && named_key_pressed(ImGuiKey_Y)) editor.redo();
  if (ctrl && letter_pressed('S') && host.save_file) {
    save_scenario(host, editor);
  }
  if (ctrl && letter_pressed('O') && host.open_file) host.open_file();
  if (named_key_pressed(ImGuiKey_Delete) && editor.selection().kind == app::SelectionKind::node) {
    const std::string id = editor.scenario().nodes[editor.selection().index].id;
    editor.edit("remove " + id, [&](Scenario& sc) { app::remove_node(sc, id); });
  }
}

}  // namespace

void draw_app(app::AppSession& state, UiState& ui, const HostActions& host) {
  ui.shown.clear();
  refresh_overlay(state, ui);
  main_menu(state, ui, host);
  ui.shown.insert(ui.menu_rects.begin(), ui.menu_rects.end());
  shortcuts(state, ui, host);
  refresh_portfolio(state, ui.portfolio);

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float font = ImGui::GetFontSize();
  const float menu_height = ImGui::GetFrameHeight();
  const ImVec2 pos(viewport->Pos.x, viewport->Pos.y + menu_height);
  const ImVec2 size(viewport->Size.x, viewport->Size.y - menu_height);
  const float gap = font * 0.3f;
  const float right_width = std::clamp(size.x * 0.34f, font * 22.0f, font * 34.0f);
  const float left_width = size.x - right_width - 3.0f * gap;
  const float top_height = (size.y - 3.0f * gap) * 0.56f;
  const float bottom_height = size.y - 3.0f * gap - top_height;
  const float right_x = 2.0f * gap + left_width;
  const float inspector_height = (size.y - 3.0f * gap) * 0.55f;

  // The default layout is applied when first shown (unless restored from storage), when asked
  // for, and when the display changes while nobody has arranged the windows by hand.
  const bool display_changed = viewport->Size.x != ui.layout_display_w || viewport->Size.y != ui.layout_display_h;
  const bool first_frame = ui.layout_display_w == 0.0f;
  const bool apply_default = ui.reset_layout || (display_changed && !first_frame && !ui.layout_customized);
  if (ui.reset_layout) ui.layout_customized = false;
  ui.layout_display_w = viewport->Size.x;
  ui.layout_display_h = viewport->Size.y;
  const ImGuiCond cond = apply_default ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse;

  // Places a window at its default rectangle (per `cond`) and, after Begin, notes whether a
  // person has moved or resized it away from there.
  auto begin = [&](const char* name, float x, float y, float w, float h, ImGuiWindowFlags extra) {
    const ImVec2 default_pos(pos.x + x, pos.y + y);
    const ImVec2 default_size(w, h);
    ImGui::SetNextWindowPos(default_pos, cond);
    ImGui::SetNextWindowSize(default_size, cond);
    const bool open = ImGui::Begin(name, nullptr, flags | extra);
    const ImVec2 p = ImGui::GetWindowPos();
    const ImVec2 sz = ImGui::GetWindowSize();
    const float tolerance = 1.5f;
    if (!apply_default && (std::abs(p.x - default_pos.x) > tolerance || std::abs(p.y - default_pos.y) > tolerance ||
                           std::abs(sz.x - default_size.x) > tolerance || std::abs(sz.y - default_size.y) > tolerance)) {
      ui.layout_customized = true;
    }
    return open;
  };

  if (begin("Network", gap, gap, left_width, top_height, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    network_panel(state.editor(), ui.overlay, ui.canvas, ui.shown);
  }
  ImGui::End();

  if (begin("Analysis", gap, 2.0f * gap + top_height, left_width, bottom_height, 0)) {
    if (ImGui::BeginTabBar("analysis-tabs")) {
      // Each tab's place is recorded, selected or not, so it can be clicked like a person would.
      auto tab_item = [&](const char* label, int tab) {
        const bool open = ImGui::BeginTabItem(label, nullptr, ui.requested_tab == tab ? ImGuiTabItemFlags_SetSelected
                                                                                      : ImGuiTabItemFlags_None);
        record_rect(ui.shown, "tab:" + std::to_string(tab));
        return open;
      };
      if (tab_item("Simulation", 0)) {
        simulation_panel(state, ui.shown, host.save_file);
        ImGui::EndTabItem();
      }
      if (tab_item("Plan by stage", 1)) {
        plan_table(state, ui.plan_table, ui.shown, host.save_file);
        ImGui::EndTabItem();
      }
      if (tab_item("Single location", 2)) {
        single_location_panel(state, ui.shown);
        ImGui::EndTabItem();
      }
      if (tab_item("Learning", 3)) {
        learning_panel(state, ui.learning_table, ui.shown);
        ImGui::EndTabItem();
      }
      if (tab_item("Obsolescence", 4)) {
        risk_panel(state, ui.risk_table, ui.shown);
        ImGui::EndTabItem();
      }
      if (tab_item("Service levels", 5)) {
        service_panel(state, ui.service, ui.shown, host.save_file);
        ImGui::EndTabItem();
      }
      if (tab_item("Compare A/B", 6)) {
        compare_panel(state, ui.shown);
        ImGui::EndTabItem();
      }
      if (tab_item("Portfolio", 7)) {
        portfolio_panel(state, ui.portfolio, ui.shown, host.save_file);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
      ui.requested_tab = -1;
    }
  }
  ImGui::End();

  if (begin("Inspector", right_x, gap, right_width, inspector_height, 0)) inspector_panel(state.editor(), ui.inspector, ui.shown);
  ImGui::End();

  if (begin("Plan", right_x, 2.0f * gap + inspector_height, right_width, size.y - 3.0f * gap - inspector_height, 0)) {
    plan_summary(state, ui.shown);
    readiness_notice(ui.portfolio, ui.shown);
  }
  ImGui::End();

  if (ui.show_glossary) glossary_window(ui.show_glossary, ui.shown);
  problems_window(state.editor(), ui.file_problems, ui.shown);
  import_dialog(state, ui);

  if (ui.reset_layout) {
    ImGui::MarkIniSettingsDirty();  // the stored layout becomes the default one too
    ui.reset_layout = false;
  }
  ui.shown["layout_customized"] = ui.layout_customized ? "1" : "0";

  // A held control ends its run of merged edits when released (IsItemDeactivated in the panels).
  // One that stops being drawn while held (its stage deselected, its panel replaced) never reports
  // that: ImGui lets go of it silently. The run ends here then, so the plan and the Monte Carlo
  // never wait for a release that cannot come.
  const ImGuiID active = ImGui::GetActiveID();
  if (ui.held_control != 0 && active == 0 && state.editor().merging()) state.editor().end_merge();
  ui.held_control = active;
}

}  // namespace echelon::ui
