#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/format.h"
#include "ui/panels.h"

namespace echelon::ui {

namespace {

enum Column {
  kItem,
  kLocation,
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

void sort_rows(const std::vector<risk::ItemRisk>& rows, SortedRows& view, std::uint64_t generation) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  const bool changed = view.sorted_generation != generation || view.order.size() != rows.size();
  if (!changed && !(specs && specs->SpecsDirty)) return;
  view.order.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) view.order[i] = static_cast<int>(i);
  if (specs && specs->SpecsCount > 0) {
    const int column = specs->Specs[0].ColumnIndex;
    const bool ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    auto less = [&](int a, int b) {
      const risk::ItemRisk& x = rows[static_cast<std::size_t>(a)];
      const risk::ItemRisk& y = rows[static_cast<std::size_t>(b)];
      if (column == kItem) return x.item < y.item;
      if (column == kLocation) return x.location < y.location;
      if (column == kReasons) return x.flag.fired.size() < y.flag.fired.size();
      return column_value(x, column) < column_value(y, column);
    };
    std::stable_sort(view.order.begin(), view.order.end(), [&](int a, int b) { return ascending ? less(a, b) : less(b, a); });
  }
  if (specs) specs->SpecsDirty = false;
  view.sorted_generation = generation;
}

}  // namespace

void risk_panel(app::AppSession& state, SortedRows& view, ShownText& shown) {
  const Scenario& scenario = state.editor().scenario();
  const bool has_history = std::any_of(scenario.demands.begin(), scenario.demands.end(),
                                       [](const Demand& d) { return d.history.has_value(); });
  if (!has_history) {
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
    for (const Problem& p : state.history_risk_problems()) ImGui::BulletText("%s: %s", p.path.c_str(), p.message.c_str());
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
  ImGui::TextWrapped("%d of %zu histories flagged at risk over the next %d periods. Exposure of the flagged: %s of %s held; "
              "best actions recover %s.",
              flagged, rows.size(), run->horizon_periods(), money(exposure_flagged, scenario.currency).c_str(),
              money(stock_value, scenario.currency).c_str(), money(recoverable, scenario.currency).c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "P(no demand) is a logistic score fitted on this portfolio's own past (every cut-off whose next %d periods are "
      "known). Stock is assumed at the plan's base-stock level of each stage, valued at unit cost; exposure is what "
      "the expected demand over the horizon would not use. Rules: TSB demand probability, a significant drop in rate, "
      "time since the last demand against the usual gap, cover, trend.",
      run->horizon_periods());
  ImGui::PopTextWrapPos();

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("risk-rows", kColumnCount, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Item");
  ImGui::TableSetupColumn("Location");
  ImGui::TableSetupColumn("P(no demand)", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
  ImGui::TableSetupColumn("TSB p");
  ImGui::TableSetupColumn("Rate ratio");
  ImGui::TableSetupColumn("Since demand");
  ImGui::TableSetupColumn("Cover");
  ImGui::TableSetupColumn("Exposure");
  ImGui::TableSetupColumn("Flagged by", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 14.0f);
  ImGui::TableSetupColumn("Best action");
  ImGui::TableHeadersRow();
  sort_rows(rows, view, state.plan_generation());

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.order.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const risk::ItemRisk& row = rows[static_cast<std::size_t>(view.order[static_cast<std::size_t>(r)])];
      ImGui::TableNextRow();
      if (row.flag.flagged) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(120, 50, 40, 90));
      ImGui::TableSetColumnIndex(kItem);
      ImGui::TextUnformatted(row.item.c_str());
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
}

}  // namespace echelon::ui
