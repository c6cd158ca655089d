// The Single location tab's textbook models: a model chooser, the inputs, the optimal decision
// and its cost, the formula in words, and the analytic figures beside the simulated policy.
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/panels.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {

const ImVec4 kProblemColour(1.0f, 0.45f, 0.4f, 1.0f);

std::string shown_number(double v) {
  char text[48];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

void model_chooser(app::TextbookState& book, ShownText& shown) {
  const auto& models = app::textbook_models();
  const app::TextbookModelInfo& current = app::textbook_model_info(book.model());
  ImGui::SetNextItemWidth(-FLT_MIN);
  // Tall enough for every model, so none is scrolled out of the list.
  if (ImGui::BeginCombo("##textbook model", current.title, ImGuiComboFlags_HeightLargest)) {
    for (const app::TextbookModelInfo& info : models) {
      const bool selected = info.model == book.model();
      if (ImGui::Selectable(info.title, selected)) book.select(info.model);
      record_rect(shown, std::string("textbook:model:") + info.key);
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  record_rect(shown, "textbook:model");
  shown["textbook:model"] = current.key;
}

// A choice (a distribution, a form, a target) as a combo; its entries are recorded for tests.
void choice_row_value(app::TextbookState& book, std::size_t index, const app::TextbookField& f, ShownText& shown) {
  const auto current = static_cast<std::size_t>(book.inputs()[index]);
  const std::string key = "textbook:input:" + f.name;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##choice", current < f.choices.size() ? f.choices[current].c_str() : "?",
                        ImGuiComboFlags_HeightLargest)) {
    for (std::size_t k = 0; k < f.choices.size(); ++k) {
      if (ImGui::Selectable(f.choices[k].c_str(), k == current)) book.set_input(index, static_cast<double>(k), true);
      record_rect(shown, key + ":" + std::to_string(k));
      if (k == current) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  record_rect(shown, key);
  shown[key] = current < f.choices.size() ? f.choices[current] : "?";
}

// A number: a drag field (Ctrl+click or double-click to type). A slow model solves when the
// drag ends.
void number_row_value(app::TextbookState& book, std::size_t index, const app::TextbookField& f, ShownText& shown) {
  ImGui::SetNextItemWidth(-FLT_MIN);
  const double value = book.inputs()[index];
  double v = value;
  // About a thousandth of the value per pixel; whole inputs step by a unit every few pixels.
  const double speed = f.whole ? 0.1 : std::max(1e-3, std::fabs(value) * 1e-3);
  const char* format = f.whole ? "%.0f" : "%.6g";
  const bool changed = ImGui::DragScalar("##value", ImGuiDataType_Double, &v, static_cast<float>(speed), &f.min_value,
                                         &f.max_value, format, ImGuiSliderFlags_AlwaysClamp);
  const bool released = ImGui::IsItemDeactivated();
  record_rect(shown, "textbook:input:" + f.name);
  if (changed) {
    if (f.whole) v = std::round(v);
    if (v != value) book.set_input(index, v, false);
  }
  if (released) book.solve();
  shown["textbook:input:" + f.name] = shown_number(book.inputs()[index]);
}

// One input row: label (its help on hover), value, unit. Inputs that take no part given the
// others (the sd of a Poisson demand, demands beyond the horizon) are not shown.
void input_row(app::TextbookState& book, std::size_t index, const app::TextbookField& f, ShownText& shown) {
  if (!app::textbook_field_applies(book.model(), book.inputs(), index)) {
    shown.erase("textbook:input:" + f.name);
    return;
  }
  ImGui::PushID(f.name.c_str());
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(f.label.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.help.c_str());
  ImGui::TableSetColumnIndex(1);
  if (f.choices.empty()) {
    number_row_value(book, index, f, shown);
  } else {
    choice_row_value(book, index, f, shown);
  }
  ImGui::TableSetColumnIndex(2);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", f.unit.c_str());
  ImGui::PopID();
}

void result_section(const app::TextbookState& book, ShownText& shown) {
  const auto& result = book.result();
  const app::TextbookResult* r = result.ok() ? &result.value() : book.last_good();
  if (!result.ok()) {
    ImGui::PushTextWrapPos(0.0f);
    for (const Problem& p : result.problems()) ImGui::TextColored(kProblemColour, "%s: %s", p.path.c_str(), p.message.c_str());
    if (r) ImGui::TextDisabled("Showing the last result that solved.");
    ImGui::PopTextWrapPos();
    shown["textbook:problems"] = describe(result.problems());
  } else {
    shown.erase("textbook:problems");
  }
  if (!r) return;
  shown["textbook:decision"] = r->decision;
  shown["textbook:cost"] = shown_number(r->cost);
  shown["textbook:formula"] = r->formula;
  ImGui::Text("Optimal decision: %s", r->decision.c_str());
  ImGui::Text("%s: %s", r->cost_label.c_str(), shown_number(r->cost).c_str());
  text_disabled_wrapped_at_spaces(r->formula);

  ImGui::Spacing();
  if (!r->comparison.empty()) {
    ImGui::TextUnformatted("The same policy, analytic and simulated (+- std. error)");
    if (ImGui::BeginTable("textbook-compare", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                     ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("measure");
      ImGui::TableSetupColumn("analytic");
      ImGui::TableSetupColumn("simulated / played out");
      ImGui::TableHeadersRow();
      for (const app::TextbookComparison& c : r->comparison) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(c.measure.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(c.analytic.empty() ? "-" : c.analytic.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(c.simulated.c_str());
      }
      ImGui::EndTable();
    }
    shown["textbook:sim_cost"] = shown_number(r->simulated_cost);
  } else {
    shown.erase("textbook:sim_cost");
  }
  text_disabled_wrapped_at_spaces(r->simulation_note);

  if (!r->variants.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(r->variants_title.c_str());
    ImGui::PopTextWrapPos();
    const int columns = static_cast<int>(r->variants_header.size());
    if (ImGui::BeginTable("textbook-variants", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                            ImGuiTableFlags_SizingStretchProp)) {
      for (const std::string& h : r->variants_header) ImGui::TableSetupColumn(h.c_str());
      ImGui::TableHeadersRow();
      for (const auto& row : r->variants) {
        ImGui::TableNextRow();
        for (std::size_t k = 0; k < row.size() && k < r->variants_header.size(); ++k) {
          ImGui::TableSetColumnIndex(static_cast<int>(k));
          text_wrapped_at_spaces(row[k]);
        }
      }
      ImGui::EndTable();
    }
    shown["textbook:variants"] = std::to_string(r->variants.size());
  } else {
    shown.erase("textbook:variants");
  }

  if (!r->details.empty() && ImGui::BeginTable("textbook-details", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& [name, value] : r->details) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(name.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(value.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace

void textbook_section(app::AppSession& state, ShownText& shown) {
  app::TextbookState& book = state.textbook();
  const float font = ImGui::GetFontSize();
  model_chooser(book, shown);
  const app::TextbookModelInfo& info = app::textbook_model_info(book.model());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(info.summary);
  ImGui::PopTextWrapPos();

  const bool two_columns = ImGui::GetContentRegionAvail().x > font * 48.0f;
  const bool layout = two_columns && ImGui::BeginTable("textbook-layout", 2,
                                                       ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                                           ImGuiTableFlags_SizingStretchProp);
  if (layout) {
    ImGui::TableSetupColumn("inputs", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("results", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
  }
  if (ImGui::BeginTable("textbook-inputs", 3, ImGuiTableFlags_SizingStretchProp)) {
    // The unit column fits the longest unit, so none is clipped.
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("unit", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("money/unit/period").x);
    for (std::size_t i = 0; i < info.fields.size(); ++i) input_row(book, i, info.fields[i], shown);
    ImGui::EndTable();
  }
  const Problem& refused = book.field_problem();
  if (!refused.message.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kProblemColour, "%s: %s", refused.path.c_str(), refused.message.c_str());
    ImGui::PopTextWrapPos();
    shown["textbook:refused"] = refused.path + ": " + refused.message;
  } else {
    shown.erase("textbook:refused");
  }
  if (app::textbook_solves_on_release(book.model(), book.inputs())) {
    ImGui::BeginDisabled(!book.pending());
    if (ImGui::Button("Solve")) book.solve();
    ImGui::EndDisabled();
    record_rect(shown, "textbook:solve");
    ImGui::SameLine();
    ImGui::TextDisabled(book.pending() ? "inputs changed" : "solved when a drag ends");
  }
  if (layout) {
    ImGui::TableSetColumnIndex(1);
  } else {
    ImGui::Separator();
  }
  result_section(book, shown);
  if (layout) ImGui::EndTable();
}

}  // namespace echelon::ui
