// The import dialog: a demand history's preview, what the reader detected, and the settings the
// file cannot hold (core/io/history_import.h), with each refused setting's problem below it.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "ui/app_ui.h"
#include "ui/wrapped_text.h"
#include "ui/panels.h"

namespace echelon::ui {

namespace {

const char* role_name(HistoryColumnRole role) {
  switch (role) {
    case HistoryColumnRole::item: return "item";
    case HistoryColumnRole::location: return "location";
    case HistoryColumnRole::period: return "period";
    case HistoryColumnRole::quantity: return "quantity";
    case HistoryColumnRole::none: return "ignored";
  }
  return "";
}

void field_problems(const Problems& problems, const char* field) {
  for (const Problem& p : problems) {
    if (p.path != field) continue;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%s", p.message.c_str());
    ImGui::PopTextWrapPos();
  }
}

bool is_field(const std::string& path) {
  for (const char* f : {"lead_time_periods", "lead_time_column", "unit_cost", "holding_rate_per_year", "service_target",
                        "location", "scenario_name"})
    if (path == f) return true;
  return false;
}

}  // namespace

void begin_import(ImportDialog& dialog, const std::string& file_name, const std::string& text) {
  const ImportDialog defaults;
  dialog.open = true;
  dialog.file_name = file_name;
  dialog.text = text;
  dialog.problems.clear();
  dialog.preview = preview_table(text, 6);
  std::string location_column;
  for (std::size_t c = 0; c < dialog.preview.roles.size(); ++c)
    if (dialog.preview.roles[c] == HistoryColumnRole::location) location_column = dialog.preview.header[c];
  auto history = parse_history_csv(text);
  dialog.readable = history.ok();
  if (!history.ok()) {
    const Problem& p = history.problems().front();
    dialog.summary = "Cannot read it yet: " + p.path + ": " + p.message;
    return;
  }
  std::size_t locations = 0, observed = 0, cells = 0;
  {
    std::vector<std::string> seen;
    for (const HistorySeries& s : history->series) {
      if (std::find(seen.begin(), seen.end(), s.location) == seen.end() && seen.size() < 1000) seen.push_back(s.location);
      for (double q : s.quantities) observed += q == q ? 1 : 0;
      cells += s.quantities.size();
    }
    locations = seen.size();
  }
  const auto& labels = history->period_labels;
  char text_line[512];
  std::snprintf(text_line, sizeof text_line, "%zu series, %zu periods of a %s, %s to %s; %zu of %zu values present. %s",
                history->series.size(), labels.size(), period_name(history->period),
                labels.empty() ? "" : labels.front().c_str(), labels.empty() ? "" : labels.back().c_str(), observed, cells,
                location_column.empty() ? "No location column: every series is at the location below."
                                        : (std::to_string(locations) + " locations (column '" + location_column + "').").c_str());
  dialog.summary = text_line;
}

bool looks_like_table(const std::string& text) {
  const std::size_t newline = text.find('\n');
  return newline != std::string::npos && newline + 1 < text.size() && text.find('\t') < newline;
}

HistoryImportSettings import_settings(const ImportDialog& d, const app::AppSession& state) {
  HistoryImportSettings s;
  std::string name = d.file_name;
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (const auto dot = name.find_last_of('.'); dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  s.scenario_name = name.empty() ? std::string("imported") : name;
  s.history.default_location = d.location;
  s.history.absent_rows_are_zero = d.absent_rows_are_zero;
  if (d.period_choice == 1) s.history.period = Period::day;
  if (d.period_choice == 2) s.history.period = Period::week;
  if (d.period_choice == 3) s.history.period = Period::month;
  s.lead_time_periods = d.lead_time_periods;
  s.lead_time_column = d.lead_time_column;
  s.unit_cost = d.unit_cost;
  s.holding_rate_per_year = d.holding_rate_percent / 100.0;
  if (d.set_target) s.service_target = d.service_target_percent / 100.0;
  s.item_master_csv = d.item_master.data();
  // Pasted receipts first; else the receipts file opened with File > Open, if asked for.
  s.receipts_csv = d.receipts.data();
  if (s.receipts_csv.empty() && d.use_opened_receipts && state.receipts()) s.receipts_csv = state.receipts()->text;
  return s;
}

bool import_dialog(app::AppSession& state, UiState& ui) {
  ImportDialog& d = ui.import_dialog;
  const char* title = "Import demand history";
  if (d.open && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(viewport->Size.x * 0.9f, ImGui::GetFontSize() * 52.0f), viewport->Size.y * 0.85f),
                           ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;
  bool imported = false;
  ShownText& shown = ui.shown;
  shown["import_open"] = "1";
  // The body scrolls; Import and Cancel stay in view below it.
  ImGui::BeginChild("import-body", ImVec2(0.0f, -ImGui::GetFrameHeightWithSpacing() * 1.4f));
  ImGui::Text("%s", d.file_name.c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(d.readable ? ImVec4(0.6f, 0.9f, 0.6f, 1.0f) : ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%s", d.summary.c_str());
  ImGui::PopTextWrapPos();
  shown["import_summary"] = d.summary;
  char rows_text[192];
  std::snprintf(rows_text, sizeof rows_text, "First rows of %zu (%s-separated); the row under the header is what each column was taken for.",
                d.preview.data_rows, d.preview.separator == '\t' ? "tab" : d.preview.separator == ';' ? "semicolon" : "comma");
  ImGui::TextDisabled("%s", rows_text);
  shown["import_separator"] = d.preview.separator == '\t' ? "tab" : std::string(1, d.preview.separator);
  const int columns = static_cast<int>(std::min<std::size_t>(d.preview.header.size(), 12));
  if (columns > 0 && ImGui::BeginTable("import-preview", columns,
                                       ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(d.preview.header[static_cast<std::size_t>(c)].c_str());
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    std::string roles;
    for (int c = 0; c < columns; ++c) {
      ImGui::TableSetColumnIndex(c);
      const HistoryColumnRole role = d.preview.roles[static_cast<std::size_t>(c)];
      ImGui::TextColored(role == HistoryColumnRole::none ? ImVec4(0.6f, 0.6f, 0.6f, 1.0f) : ImVec4(0.5f, 0.8f, 1.0f, 1.0f), "%s",
                         role_name(role));
      roles += std::string(roles.empty() ? "" : ",") + role_name(role);
    }
    shown["import_roles"] = roles;
    for (const auto& row : d.preview.rows) {
      ImGui::TableNextRow();
      for (int c = 0; c < columns && static_cast<std::size_t>(c) < row.size(); ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
      }
    }
    ImGui::EndTable();
  }

  ImGui::Separator();
  ImGui::TextUnformatted("What the file cannot say");
  const float field_width = ImGui::GetFontSize() * 9.0f;
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputDouble("Lead time (periods)", &d.lead_time_periods, 0.0, 0.0, "%.6g");
  record_rect(shown, "import:lead_time");
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Order to receipt, in the file's periods; 0 = unknown (flagged, planned as one period).");
  field_problems(d.problems, "lead_time_periods");
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputText("or lead-time column", d.lead_time_column, sizeof d.lead_time_column);
  record_rect(shown, "import:lead_time_column");
  field_problems(d.problems, "lead_time_column");
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputDouble("Unit cost", &d.unit_cost, 0.0, 0.0, "%.6g");
  record_rect(shown, "import:unit_cost");
  ImGui::SameLine();
  ImGui::TextDisabled("(%s; 0 = unknown, flagged)", state.editor().scenario().currency.c_str());
  field_problems(d.problems, "unit_cost");
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputDouble("Holding rate (% of cost per year)", &d.holding_rate_percent, 0.0, 0.0, "%.6g");
  record_rect(shown, "import:holding_rate");
  field_problems(d.problems, "holding_rate_per_year");
  ImGui::Checkbox("Service target", &d.set_target);
  record_rect(shown, "import:set_target");
  if (d.set_target) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field_width);
    ImGui::InputDouble("% cycle service", &d.service_target_percent, 0.0, 0.0, "%.6g");
    record_rect(shown, "import:service_target");
  }
  field_problems(d.problems, "service_target");
  ImGui::SetNextItemWidth(field_width);
  ImGui::InputText("Location (file without one)", d.location, sizeof d.location);
  record_rect(shown, "import:location");
  field_problems(d.problems, "location");
  ImGui::SetNextItemWidth(field_width);
  ImGui::Combo("Period", &d.period_choice, "as detected\0day\0week\0month\0");
  ImGui::SameLine();
  ImGui::Checkbox("a period without a row is zero demand", &d.absent_rows_are_zero);
  if (ImGui::TreeNode("Item master (optional): paste CSV with item, unit_cost, lead_time, location")) {
    ImGui::InputTextMultiline("##item-master", d.item_master.data(), d.item_master.size(),
                              ImVec2(-1.0f, ImGui::GetTextLineHeight() * 6.0f));
    record_rect(shown, "import:item_master");
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("Receipts (optional): paste CSV with order_date, receipt_date, item, location")) {
    ImGui::TextDisabled("Each series then plans with the lead times observed for it (after an item master's value).");
    if (state.receipts()) {
      char label[200];
      std::snprintf(label, sizeof label, "use the opened receipts file %s when nothing is pasted", state.receipts()->file_name.c_str());
      ImGui::Checkbox(label, &d.use_opened_receipts);
    }
    ImGui::InputTextMultiline("##receipts", d.receipts.data(), d.receipts.size(), ImVec2(-1.0f, ImGui::GetTextLineHeight() * 6.0f));
    record_rect(shown, "import:receipts");
    ImGui::TreePop();
  } else if (state.receipts() && d.use_opened_receipts && d.receipts[0] == '\0') {
    ImGui::SameLine();
    ImGui::TextDisabled("(lead times from %s)", state.receipts()->file_name.c_str());
  }
  std::size_t other = 0;
  for (const Problem& p : d.problems) other += is_field(p.path) ? 0 : 1;
  if (other > 0) {
    ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%zu problem%s in the files:", other, other == 1 ? "" : "s");
    int listed = 0;
    for (const Problem& p : d.problems) {
      if (is_field(p.path) || ++listed > 8) continue;
      ImGui::PushTextWrapPos(0.0f);
      bullet_wrapped_at_spaces(p.path + ": " + p.message);
      ImGui::PopTextWrapPos();
    }
  }
  shown["import_problems"] = std::to_string(d.problems.size());
  ImGui::EndChild();

  ImGui::Separator();
  if (ImGui::Button("Import")) {
    auto opened = state.open_history(d.file_name, d.text, import_settings(d, state));
    if (opened.ok()) {
      ui.status = "imported " + d.file_name;
      ui.canvas.fitted = false;
      ui.file_problems = {};
      d.open = false;
      d.problems.clear();
      d.text.clear();
      d.text.shrink_to_fit();
      imported = true;
      ImGui::CloseCurrentPopup();
    } else {
      d.problems = opened.problems();
    }
  }
  record_rect(shown, "import:import");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    d.open = false;
    d.problems.clear();
    ui.status = "import of " + d.file_name + " cancelled";
    ImGui::CloseCurrentPopup();
  }
  record_rect(shown, "import:cancel");
  ImGui::EndPopup();
  return imported;
}

}  // namespace echelon::ui
