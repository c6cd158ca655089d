#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/format.h"
#include "ui/panels.h"
#include "ui/table_sort.h"

namespace echelon::ui {

namespace {

enum Column {
  kItem,
  kLocation,
  kPeriods,
  kMethod,
  kMeanTraditional,
  kMeanLearned,
  kSdTraditional,
  kSdLearned,
  kSafetyTraditional,
  kSafetyLearned,
  kChange,
  kColumnCount
};

// Relative change of the learned safety stock against the traditional one; 0 when both are 0.
double change_share(const app::HistoryRow& r) {
  if (r.traditional_safety_stock <= 0.0) return r.learned_safety_stock > 0.0 ? 1.0 : 0.0;
  return r.learned_safety_stock / r.traditional_safety_stock - 1.0;
}

double column_value(const app::HistoryRow& r, int column) {
  switch (column) {
    case kPeriods: return r.observed_periods;
    case kMeanTraditional: return r.traditional_mean_per_period;
    case kMeanLearned: return r.learned_mean_per_period;
    case kSdTraditional: return r.traditional_sd_per_period;
    case kSdLearned: return r.learned_sd_per_period;
    case kSafetyTraditional: return r.traditional_safety_stock;
    case kSafetyLearned: return r.learned_safety_stock;
    case kChange: return change_share(r);
    default: return 0.0;
  }
}

}  // namespace

void learning_panel(app::AppSession& state, SortedRows& view, ShownText& shown) {
  const Scenario& scenario = state.editor().scenario();
  if (!state.has_histories()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "This scenario's demand is given as distributions, so there is nothing to learn. Open a demand history "
        "(File > Open: a history CSV, or the portfolio sample) to see what Echelon learns from it beside the "
        "traditional estimate.");
    ImGui::PopTextWrapPos();
    shown["learning_rows"] = "0";
    return;
  }
  const std::vector<app::HistoryRow>& rows = state.history_rows();
  if (rows.empty()) {
    ImGui::TextDisabled("Learning the histories with the plan...");
    shown["learning_rows"] = "0";
    return;
  }
  const app::HistoryTotals totals = app::history_totals(rows);
  const std::string traditional = money(totals.traditional_safety_stock_value, scenario.currency);
  const std::string learned = money(totals.learned_safety_stock_value, scenario.currency);
  shown["learning_rows"] = std::to_string(rows.size());
  shown["learning_traditional_value"] = traditional;
  shown["learning_learned_value"] = learned;
  const double change = totals.traditional_safety_stock_value > 0.0
                            ? totals.learned_safety_stock_value / totals.traditional_safety_stock_value - 1.0
                            : 0.0;
  ImGui::TextWrapped("%d histories. Safety stock value at the plan's placement: traditional %s, learned %s (%s%s).",
              totals.histories, traditional.c_str(), learned.c_str(), change >= 0.0 ? "+" : "",
              percent(change).c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Traditional: mean and standard deviation of the whole history. Learned: the forecast chosen by rolling-origin "
      "error and the sd of its one-step errors, after cutting the history at a detected change (the method column "
      "names what was done). Both buffers are z * sd * sqrt(net replenishment time) at the same stage; the plan and "
      "its simulation use the learned one.");
  ImGui::PopTextWrapPos();

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("learning-rows", kColumnCount, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("Location");
  ImGui::TableSetupColumn("Periods");
  ImGui::TableSetupColumn("Method", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12.0f);
  ImGui::TableSetupColumn("Mean trad.");
  ImGui::TableSetupColumn("Mean learned");
  ImGui::TableSetupColumn("SD trad.");
  ImGui::TableSetupColumn("SD learned");
  ImGui::TableSetupColumn("SS trad.");
  ImGui::TableSetupColumn("SS learned");
  ImGui::TableSetupColumn("Change");
  ImGui::TableHeadersRow();
  sort_table_rows(view, rows.size(), state.plan_generation(), [&](int column, int a, int b) {
    const app::HistoryRow& x = rows[static_cast<std::size_t>(a)];
    const app::HistoryRow& y = rows[static_cast<std::size_t>(b)];
    if (column == kItem) return x.item < y.item;
    if (column == kLocation) return x.node < y.node;
    if (column == kMethod) return x.method < y.method;
    return column_value(x, column) < column_value(y, column);
  });

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.order.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const app::HistoryRow& row = rows[static_cast<std::size_t>(view.order[static_cast<std::size_t>(r)])];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(kItem);
      ImGui::TextUnformatted(row.item.c_str());
      ImGui::TableSetColumnIndex(kLocation);
      ImGui::TextUnformatted(row.node.c_str());
      ImGui::TableSetColumnIndex(kPeriods);
      ImGui::Text("%d", row.observed_periods);
      ImGui::TableSetColumnIndex(kMethod);
      ImGui::TextUnformatted(row.method.empty() ? row.source.c_str() : row.method.c_str());
      if (ImGui::IsItemHovered() && !row.method.empty()) ImGui::SetTooltip("%s\n%s", row.source.c_str(), row.method.c_str());
      for (int c = kMeanTraditional; c <= kSafetyLearned; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::Text("%.2f", column_value(row, c));
      }
      ImGui::TableSetColumnIndex(kChange);
      const double share = change_share(row);
      const ImVec4 colour = share < -0.005 ? ImVec4(0.45f, 0.85f, 0.5f, 1.0f)
                            : share > 0.005 ? ImVec4(1.0f, 0.65f, 0.35f, 1.0f)
                                            : ImVec4(0.8f, 0.8f, 0.8f, 1.0f);
      ImGui::TextColored(colour, "%s%s", share >= 0.0 ? "+" : "", percent(share).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace echelon::ui
