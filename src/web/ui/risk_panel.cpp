#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/format.h"
#include "ui/panels.h"
#include "ui/wrapped_text.h"
#include "ui/table_sort.h"

namespace echelon::ui {

namespace {

enum Column {
  kItem,
  kLocation,
  kHistory,
  kNoDemand,
  kTsb,
  kRateRatio,
  kSinceDemand,
  kCover,
  kExposure,
  kReasons,
  kAction,
  kColumnCount
};

double column_value(const risk::ItemRisk& r, int column) {
  switch (column) {
    case kNoDemand: return r.no_demand_probability;
    case kTsb: return r.signals.tsb_probability;
    case kRateRatio: return r.signals.rate_ratio;
    case kSinceDemand: return r.signals.periods_since_demand;
    case kCover: return r.exposure ? r.exposure->cover_ratio : -1.0;
    case kExposure: return r.exposure ? r.exposure->exposure_value : -1.0;
    case kAction: return r.actions.empty() ? -1.0 : r.actions.front().cash_recovered;
    default: return 0.0;
  }
}

std::string reasons(const risk::ItemRisk& r) {
  std::string text;
  for (const risk::RuleHit& hit : r.flag.fired) {
    if (!text.empty()) text += ", ";
    text += std::string(hit.rule);
  }
  return text;
}



// One history's cut-offs left to right: a strip per rule marking the cut-offs where it fired,
// the rule set's flag and the baseline (12 silent periods), and the first cut-off of each.
void timeline_chart(const risk::ItemRisk& item, const app::RiskTimeline& t, ShownText& shown) {
  ImGui::Text("%s at %s: flagged first at period %d, the baseline at period %d%s", item.item.c_str(), item.location.c_str(),
              t.first_flag, t.first_baseline,
              t.first_flag > 0 && t.first_baseline > 0
                  ? (" (" + std::to_string(t.first_baseline - t.first_flag) + " periods earlier)").c_str()
                  : "");
  shown["risk_timeline_first_flag"] = std::to_string(t.first_flag);
  if (t.cutoffs.empty()) return;
  const float font = ImGui::GetFontSize();
  const float label_width = font * 11.0f;
  const std::size_t strips = t.rules.size() + 2;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float strip = font * 0.9f;
  ImGui::Dummy(ImVec2(width, strip * static_cast<float>(strips)));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float x0 = origin.x + label_width;
  const float cell = std::max(1.0f, (width - label_width) / static_cast<float>(t.cutoffs.size()));
  auto row = [&](std::size_t r, const char* name, const std::vector<unsigned char>& on, ImU32 colour) {
    const float y = origin.y + strip * static_cast<float>(r);
    draw->AddText(ImVec2(origin.x, y), ImGui::GetColorU32(ImGuiCol_TextDisabled), name);
    draw->AddRectFilled(ImVec2(x0, y + strip * 0.15f), ImVec2(x0 + cell * static_cast<float>(t.cutoffs.size()), y + strip * 0.85f),
                        ImGui::GetColorU32(ImGuiCol_FrameBg));
    for (std::size_t k = 0; k < on.size(); ++k)
      if (on[k]) draw->AddRectFilled(ImVec2(x0 + cell * static_cast<float>(k), y + strip * 0.15f),
                                     ImVec2(x0 + cell * static_cast<float>(k + 1), y + strip * 0.85f), colour);
  };
  row(0, "flag (rule set)", t.flagged, IM_COL32(230, 90, 70, 255));
  row(1, "baseline: 12 silent", t.baseline, IM_COL32(160, 160, 170, 255));
  for (std::size_t r = 0; r < t.rules.size(); ++r) row(r + 2, t.rules[r].c_str(), t.fired[r], IM_COL32(240, 180, 70, 220));
}

}  // namespace

void risk_panel(app::AppSession& state, RiskView& risk_view, ShownText& shown) {
  SortedRows& view = risk_view.rows;
  const Scenario& scenario = state.editor().scenario();
  if (!state.has_histories()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "Obsolescence risk is read from demand histories, and this scenario has none. Open a demand history "
        "(File > Open: a history CSV, or the portfolio sample) to see which items may not sell again.");
    ImGui::PopTextWrapPos();
    shown["risk_rows"] = "0";
    return;
  }
  if (!state.history_risk_problems().empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "The risk analysis cannot run on these histories:");
    for (const Problem& p : state.history_risk_problems()) bullet_wrapped_at_spaces(p.path + ": " + p.message);
    return;
  }
  const auto& run = state.history_risk();
  if (!run || !run->finished()) {
    const double progress = run ? run->progress() : 0.0;
    const std::string phase = run ? run->phase() : std::string("waiting for the plan");
    char label[96];
    std::snprintf(label, sizeof label, "%s, %.0f%%", phase.c_str(), 100.0 * progress);
    ImGui::TextUnformatted("Scoring every history for the risk of no further demand...");
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(ImGui::GetFontSize() * 20.0f, 0.0f), label);
    shown["risk_rows"] = "0";
    shown["risk_progress"] = label;
    return;
  }
  const std::vector<risk::ItemRisk>& rows = run->results();
  int flagged = 0;
  double exposure_flagged = 0.0;
  double stock_value = 0.0;
  double recoverable = 0.0;
  for (const risk::ItemRisk& r : rows) {
    if (r.exposure) stock_value += r.exposure->stock_value;
    if (!r.flag.flagged) continue;
    ++flagged;
    if (r.exposure) exposure_flagged += r.exposure->exposure_value;
    if (!r.actions.empty()) recoverable += r.actions.front().cash_recovered;
  }
  shown["risk_rows"] = std::to_string(rows.size());
  shown["risk_flagged"] = std::to_string(flagged);
  shown["risk_exposure_flagged"] = money(exposure_flagged, scenario.currency);
  text_wrapped_at_spaces(format_text("%d of %zu histories flagged at risk over the next %d periods. Exposure of the flagged: "
                                     "%s of %s held; best actions recover %s.",
                                     flagged, rows.size(), run->horizon_periods(),
                                     money(exposure_flagged, scenario.currency).c_str(),
                                     money(stock_value, scenario.currency).c_str(),
                                     money(recoverable, scenario.currency).c_str()));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "P(no demand) is a logistic score fitted on this portfolio's own past (every cut-off whose next %d periods are "
      "known). Stock is assumed at the plan's base-stock level of each stage, valued at unit cost; exposure is what "
      "the expected demand over the horizon would not use. Rules: TSB demand probability, a significant drop in rate, "
      "time since the last demand against the usual gap, cover, trend.",
      run->horizon_periods());
  ImGui::PopTextWrapPos();

  ImGui::Checkbox("flagged only", &risk_view.flagged_only);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  ImGui::InputTextWithHint("##item-filter", "filter items", risk_view.item_filter, sizeof risk_view.item_filter);
  ImGui::SameLine();
  ImGui::TextDisabled("Click a row to see when each rule would have flagged it.");

  const auto& timeline = state.selected_risk_timeline();
  const float timeline_height = timeline ? ImGui::GetFontSize() * 8.5f : 0.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  const float table_height = std::max(ImGui::GetFontSize() * 6.0f, ImGui::GetContentRegionAvail().y - timeline_height);
  if (!ImGui::BeginTable("risk-rows", kColumnCount, flags, ImVec2(0.0f, table_height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Item");
  ImGui::TableSetupColumn("Location");
  ImGui::TableSetupColumn("History", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.0f);
  ImGui::TableSetupColumn("P(no demand)", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
  ImGui::TableSetupColumn("TSB p");
  ImGui::TableSetupColumn("Rate ratio");
  ImGui::TableSetupColumn("Since demand");
  ImGui::TableSetupColumn("Cover");
  ImGui::TableSetupColumn("Exposure");
  ImGui::TableSetupColumn("Flagged by", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 14.0f);
  ImGui::TableSetupColumn("Best action");
  ImGui::TableHeadersRow();
  sort_table_rows(view, rows.size(), state.plan_generation(), [&](int column, int a, int b) {
    const risk::ItemRisk& x = rows[static_cast<std::size_t>(a)];
    const risk::ItemRisk& y = rows[static_cast<std::size_t>(b)];
    if (column == kItem) return x.item < y.item;
    if (column == kLocation) return x.location < y.location;
    if (column == kReasons) return x.flag.fired.size() < y.flag.fired.size();
    return column_value(x, column) < column_value(y, column);
  });

  // The filters apply to the sorted order.
  risk_view.visible.clear();
  const std::string filter = risk_view.item_filter;
  for (const int i : view.order) {
    const risk::ItemRisk& row = rows[static_cast<std::size_t>(i)];
    if (risk_view.flagged_only && !row.flag.flagged) continue;
    if (!filter.empty() && row.item.find(filter) == std::string::npos && row.location.find(filter) == std::string::npos) continue;
    risk_view.visible.push_back(i);
  }
  shown["risk_visible"] = std::to_string(risk_view.visible.size());
  const std::vector<app::HistoryRow>& history = state.history_rows();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(risk_view.visible.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const int index = risk_view.visible[static_cast<std::size_t>(r)];
      const risk::ItemRisk& row = rows[static_cast<std::size_t>(index)];
      ImGui::TableNextRow();
      if (row.flag.flagged) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(120, 50, 40, 90));
      ImGui::TableSetColumnIndex(kItem);
      ImGui::PushID(index);
      if (ImGui::Selectable(row.item.c_str(), state.selected_risk_item() == index, ImGuiSelectableFlags_SpanAllColumns))
        state.select_risk_item(index);
      ImGui::PopID();
      ImGui::TableSetColumnIndex(kHistory);
      if (static_cast<std::size_t>(index) < history.size()) {
        const Demand& d = scenario.demands[history[static_cast<std::size_t>(index)].demand_index];
        if (d.history && !d.history->quantities.empty()) {
          const auto& q = d.history->quantities;
          auto value_at = [](void* data, int i) -> float {
            const double v = static_cast<const double*>(data)[i];
            return std::isnan(v) ? 0.0f : static_cast<float>(v);
          };
          ImGui::PushID(index);
          ImGui::PlotHistogram("##spark", value_at, const_cast<double*>(q.data()), static_cast<int>(q.size()), 0, nullptr,
                               0.0f, FLT_MAX, ImVec2(ImGui::GetFontSize() * 7.0f, ImGui::GetTextLineHeight()));
          ImGui::PopID();
        }
      }
      ImGui::TableSetColumnIndex(kLocation);
      ImGui::TextUnformatted(row.location.c_str());
      ImGui::TableSetColumnIndex(kNoDemand);
      ImGui::TextUnformatted(percent(row.no_demand_probability).c_str());
      ImGui::TableSetColumnIndex(kTsb);
      ImGui::Text("%.3f", row.signals.tsb_probability);
      ImGui::TableSetColumnIndex(kRateRatio);
      ImGui::Text("%.2f", row.signals.rate_ratio);
      ImGui::TableSetColumnIndex(kSinceDemand);
      ImGui::Text("%d", row.signals.periods_since_demand);
      ImGui::TableSetColumnIndex(kCover);
      if (!row.exposure) ImGui::TextDisabled("unknown");
      else if (std::isinf(row.exposure->cover_ratio)) ImGui::TextUnformatted("no demand");
      else ImGui::Text("%.1f x", row.exposure->cover_ratio);
      ImGui::TableSetColumnIndex(kExposure);
      if (row.exposure) ImGui::TextUnformatted(money(row.exposure->exposure_value, scenario.currency).c_str());
      else ImGui::TextDisabled("-");
      ImGui::TableSetColumnIndex(kReasons);
      const std::string why = reasons(row);
      ImGui::TextUnformatted(why.empty() ? "-" : why.c_str());
      ImGui::TableSetColumnIndex(kAction);
      if (row.actions.empty()) {
        ImGui::TextDisabled("-");
      } else {
        const risk::MitigationAction& best = row.actions.front();
        const std::string_view name = risk::action_name(best.kind);
        ImGui::Text("%.*s %.0f u, %s", static_cast<int>(name.size()), name.data(), best.units,
                    money(best.cash_recovered, scenario.currency).c_str());
      }
    }
  }
  ImGui::EndTable();
  if (timeline && state.selected_risk_item() >= 0 && static_cast<std::size_t>(state.selected_risk_item()) < rows.size())
    timeline_chart(rows[static_cast<std::size_t>(state.selected_risk_item())], *timeline, shown);
}

}  // namespace echelon::ui
