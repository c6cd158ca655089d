#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/report_export.h"
#include "ui/format.h"
#include "ui/panels.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {

// Columns of the per-stage table, in order.
enum Column { kStage, kItem, kS, kSI, kTau, kSafety, kBase, kCost, kSingleSafety, kColumnCount };

double column_value(const PlanStage& s, int column) {
  switch (column) {
    case kS: return s.multi_echelon.outbound_service_time;
    case kSI: return s.multi_echelon.inbound_service_time;
    case kTau: return s.multi_echelon.net_replenishment_time;
    case kSafety: return s.multi_echelon.safety_stock;
    case kBase: return s.multi_echelon.base_stock_level;
    case kCost: return s.multi_echelon.holding_cost;
    case kSingleSafety: return s.single_echelon.safety_stock;
    default: return 0.0;
  }
}

}  // namespace

void plan_summary(const app::AppSession& state, ShownText& shown) {
  const Result<Plan>& result = state.plan();
  const std::string& currency = state.editor().scenario().currency;
  if (const auto learning = state.plan_learning()) {
    ImGui::TextWrapped("Learning demand from %zu histories before planning (forecast method, error spread and "
                       "change points per series)...", learning->total);
    const float share = learning->total > 0 ? static_cast<float>(learning->done) / static_cast<float>(learning->total) : 0.0f;
    char label[64];
    std::snprintf(label, sizeof label, "%zu / %zu", learning->done, learning->total);
    ImGui::ProgressBar(share, ImVec2(-1.0f, 0.0f), label);
    shown["plan_learning"] = label;
    return;
  }
  if (!result.ok() && state.plan_in_preparation()) {
    const std::string doing = result.problems().empty() ? std::string("preparing the plan") : result.problems()[0].message;
    text_disabled_wrapped_at_spaces("Preparing the first plan: " + doing + "...");
    shown["plan_preparing"] = doing;
    return;
  }
  if (!result.ok()) {
    ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "No plan for this scenario:");
    for (const Problem& p : result.problems()) bullet_wrapped_at_spaces(p.path + ": " + p.message);
    return;
  }
  const Plan& plan = result.value();
  const double saving = plan.single_echelon.safety_stock_cost_per_year - plan.multi_echelon.safety_stock_cost_per_year;
  const double share = plan.single_echelon.safety_stock_cost_per_year > 0.0
                           ? saving / plan.single_echelon.safety_stock_cost_per_year
                           : 0.0;
  if (ImGui::BeginTable("totals", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("Multi-echelon");
    ImGui::TableSetupColumn("Single-echelon");
    ImGui::TableHeadersRow();
    auto row = [&](const char* label, double multi, double single, const char* key) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(label);
      ImGui::TableSetColumnIndex(1);
      const std::string m = money(multi, currency);
      ImGui::TextUnformatted(m.c_str());
      shown[key] = m;
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(money(single, currency).c_str());
    };
    row("Safety stock cost / year", plan.multi_echelon.safety_stock_cost_per_year,
        plan.single_echelon.safety_stock_cost_per_year, "plan_cost_per_year");
    row("Safety stock value", plan.multi_echelon.safety_stock_value, plan.single_echelon.safety_stock_value,
        "plan_safety_stock_value");
    ImGui::EndTable();
  }
  // A cost of 0 is never a finding by itself: say which input makes it so.
  if (!(plan.multi_echelon.safety_stock_cost_per_year > 0.0)) {
    const Scenario& scenario = state.editor().scenario();
    std::size_t no_cost = 0;
    for (const Item& item : scenario.items) no_cost += item.unit_cost > 0.0 ? 0 : 1;
    std::string why;
    if (scenario.demands.empty()) why = "there is no demand in the scenario";
    else if (plan.multi_echelon.safety_stock_units <= 0.0) why = "no stage needs safety stock (no demand variability over the lead times)";
    else if (no_cost == scenario.items.size()) why = "no item has a unit cost: set the unit costs (import dialog, item master or the inspector)";
    else if (no_cost > 0) why = std::to_string(no_cost) + " of " + std::to_string(scenario.items.size()) + " items have no unit cost, and the others' holding cost is 0";
    else why = "the holding cost is 0 at every stage that holds stock: set a holding rate";
    text_colored_wrapped_at_spaces(1.0f, 0.8f, 0.35f, 1.0f, "The cost is 0 because " + why + ".");
    shown["plan_zero_cost_reason"] = why;
  }
  // Stock held at no cost (an imported supplier that always ships at once) is part of the value
  // but adds nothing to the cost: say how much, so the totals read right beside the Portfolio's.
  double free_value = 0.0;
  for (std::size_t j = 0; j < plan.stages.size() && j < plan.network.stages.size(); ++j)
    if (!(plan.network.stages[j].holding_cost_per_unit_period > 0.0)) free_value += plan.stages[j].multi_echelon.safety_stock_value;
  if (free_value > 0.0) {
    text_disabled_wrapped_at_spaces(format_text(
        "%s of the safety stock value sits at stages held at no cost (such as an imported supplier that always ships "
        "at once): it adds no holding cost. The Portfolio tab counts the stock at the demand locations only.",
        money(free_value, currency).c_str()));
    shown["plan_value_at_no_cost"] = money(free_value, currency);
  }
  text_wrapped_at_spaces(
      format_text("Placing buffers across the network saves %.1f%% of the safety-stock cost.", 100.0 * share));
  if (plan.proven_optimal) {
    text_disabled_wrapped_at_spaces(format_text("Optimal (%s), %.1f ms", plan.method.c_str(), state.last_plan_milliseconds()));
  } else if (state.plan_is_preliminary()) {
    // No bound is proven before the search has run, so no gap is claimed yet.
    const std::string_view phase = state.plan_search_phase();
    if (state.dragging()) {
      text_disabled_wrapped_at_spaces("Preliminary: " + plan.method + ". The search runs when the drag ends.");
    } else {
      text_disabled_wrapped_at_spaces(format_text("Preliminary, searching (%.*s, %.0f ms so far): %s",
                                                  static_cast<int>(phase.size()), phase.data(),
                                                  state.last_plan_milliseconds(), plan.method.c_str()));
    }
  } else {
    text_disabled_wrapped_at_spaces(format_text("Best found, within %.2f%% of optimal (%s), %.0f ms", 100.0 * plan.gap,
                                                plan.method.c_str(), state.last_plan_milliseconds()));
  }
  for (const std::string& note : plan.notes) text_colored_wrapped_at_spaces(1.0f, 0.8f, 0.35f, 1.0f, note);
}

void plan_table(app::AppSession& state, PlanTableView& view, ShownText& shown, const SaveFile& save) {
  const Result<Plan>& result = state.plan();
  if (!result.ok()) {
    ImGui::TextDisabled("No plan: see the problems listed in the inspector.");
    return;
  }
  const Plan& plan = result.value();
  shown["plan_rows"] = std::to_string(plan.stages.size());
  if (ImGui::SmallButton("Copy as CSV")) {
    auto csv = echelon::plan_csv(state.editor().scenario(), plan);
    if (csv.ok()) ImGui::SetClipboardText(csv->c_str());
  }
  ImGui::SameLine();
  report_button(state, ReportKind::plan_csv, save, shown);
  ImGui::SameLine();
  report_button(state, ReportKind::plan_json, save, shown);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu stages. Click a header to sort; click a row to select its stage.", plan.stages.size());

  // Columns fit their content, scrolling sideways when the panel is narrower than all of them;
  // each scenario gets a table of its own, so another file's longer names get their own fit.
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingFixedFit;
  char table_id[48];
  std::snprintf(table_id, sizeof table_id, "plan-stages-%llu",
                static_cast<unsigned long long>(state.editor().scenario_identity()));
  if (!ImGui::BeginTable(table_id, kColumnCount, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("Item");
  ImGui::TableSetupColumn("S (out)");
  ImGui::TableSetupColumn("SI (in)");
  ImGui::TableSetupColumn("Net repl. time");
  ImGui::TableSetupColumn("Safety stock");
  ImGui::TableSetupColumn("Base stock");
  ImGui::TableSetupColumn("Holding / period");
  ImGui::TableSetupColumn("SS single-ech.");
  ImGui::TableHeadersRow();

  // Sorted only when the plan or the sort order changed, not every frame.
  std::vector<int>& order = view.order;
  std::uint64_t& sorted_revision = view.sorted_plan_generation;
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  const bool plan_changed = sorted_revision != state.plan_generation() ||
                            order.size() != plan.stages.size();
  if (plan_changed || (specs && specs->SpecsDirty)) {
    order.resize(plan.stages.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    if (specs && specs->SpecsCount > 0) {
      const int column = specs->Specs[0].ColumnIndex;
      const bool ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      auto less = [&](int a, int b) {
        const PlanStage& x = plan.stages[static_cast<std::size_t>(a)];
        const PlanStage& y = plan.stages[static_cast<std::size_t>(b)];
        if (column == kStage) return x.node < y.node;
        if (column == kItem) return x.item < y.item;
        return column_value(x, column) < column_value(y, column);
      };
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return ascending ? less(a, b) : less(b, a); });
    }
    if (specs) specs->SpecsDirty = false;
    sorted_revision = state.plan_generation();
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order.size()));
  const auto& selection = state.editor().selection();
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const PlanStage& s = plan.stages[static_cast<std::size_t>(order[static_cast<std::size_t>(r)])];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const bool selected = selection.kind == app::SelectionKind::node && selection.index == s.node_index;
      ImGui::PushID(r);
      if (ImGui::Selectable(s.node.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        state.editor().select({app::SelectionKind::node, s.node_index});
      }
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(s.item.c_str());
      for (int c = kS; c < kColumnCount; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::Text("%.2f", column_value(s, c));
      }
    }
  }
  ImGui::EndTable();
}

}  // namespace echelon::ui
