// The Portfolio tab: every item at every location in one table (app/portfolio.h computes the
// rows), sortable, filterable, searchable, with a sparkline of each history and a CSV export;
// and the readiness notice under the plan's totals.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/format.h"
#include "ui/wrapped_text.h"
#include "ui/import_view.h"
#include "ui/table_sort.h"

namespace echelon::ui {

namespace {

enum Column {
  kItem,
  kLocation,
  kClass,
  kHistory,
  kMean,
  kCv,
  kLeadTime,
  kSafety,
  kBase,
  kValue,
  kPromised,
  kSimulated,
  kFill,
  kFlags,
  kColumnCount
};

double column_value(const app::PortfolioRow& r, int column) {
  switch (column) {
    case kMean: return r.mean_per_period;
    case kCv: return r.cv;
    case kLeadTime: return r.lead_time_periods;
    case kSafety: return r.safety_stock;
    case kBase: return r.base_stock;
    case kValue: return r.value;
    case kPromised: return r.promised;
    case kSimulated: return r.simulated_service.value_or(-1.0);
    case kFill: return r.simulated_fill.value_or(-1.0);
    case kFlags: return static_cast<double>(r.flags);
    default: return 0.0;
  }
}

bool contains_case_insensitive(const std::string& text, const std::string& needle_lower) {
  if (needle_lower.empty()) return true;
  std::string low(text);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low.find(needle_lower) != std::string::npos;
}

// A line through the history's values (missing ones leave a gap), scaled to its own maximum.
void sparkline(const std::vector<double>& values, float width, float height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  if (values.size() < 2) return;
  double top = 0.0;
  for (double v : values)
    if (!std::isnan(v)) top = std::max(top, v);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 colour = ImGui::GetColorU32(ImVec4(0.45f, 0.75f, 1.0f, 1.0f));
  const float step = width / static_cast<float>(values.size() - 1);
  auto point = [&](std::size_t k) {
    const double share = top > 0.0 ? values[k] / top : 0.0;
    return ImVec2(origin.x + step * static_cast<float>(k), origin.y + height - 1.0f - static_cast<float>(share) * (height - 2.0f));
  };
  for (std::size_t k = 1; k < values.size(); ++k) {
    if (std::isnan(values[k - 1]) || std::isnan(values[k])) continue;
    draw->AddLine(point(k - 1), point(k), colour, 1.0f);
  }
}

}  // namespace

void refresh_portfolio(const app::AppSession& state, PortfolioView& view) {
  ++view.frames_since_build;
  const std::uint64_t model = state.editor().model_revision();
  const std::uint64_t plan_generation = state.plan_generation();
  const std::uint64_t sim = state.simulation_revision();
  const bool changed = model != view.model_revision || plan_generation != view.plan_generation;
  const bool sim_changed = sim != view.sim_revision && (!state.simulation_running() || view.frames_since_build >= 30);
  if (!changed && !sim_changed) return;
  const Plan* plan = state.plan().ok() ? &state.plan().value() : nullptr;
  const PromiseReport* promises =
      state.promise_report() && !state.simulation_is_stale() && state.plan_is_current() ? &*state.promise_report() : nullptr;
  const app::ScenarioEditor& editor = state.editor();
  const bool same_structure =
      view.readiness_structure == editor.structure_revision() && view.readiness_identity == editor.scenario_identity();
  view.portfolio = app::build_portfolio(editor.scenario(), plan, promises,
                                        same_structure ? std::move(view.portfolio.readiness) : check_readiness(editor.scenario()));
  view.readiness_structure = editor.structure_revision();
  view.readiness_identity = editor.scenario_identity();
  view.model_revision = model;
  view.plan_generation = plan_generation;
  view.sim_revision = sim;
  view.frames_since_build = 0;
  ++view.identity;
  if (view.location_filter >= static_cast<int>(view.portfolio.locations.size())) view.location_filter = -1;
  if (view.selected >= static_cast<int>(view.portfolio.rows.size())) view.selected = -1;
}

void readiness_notice(const PortfolioView& view, ShownText& shown) {
  const ReadinessReport& r = view.portfolio.readiness;
  shown["plan_flagged"] = std::to_string(r.flagged);
  if (r.flagged == 0) return;
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%zu of %zu items need an input before this plan means much:", r.flagged,
                     r.demands.size());
  for (std::size_t k = 0; k < 4; ++k) {
    if (r.count[k] == 0) continue;
    const unsigned flag = kReadinessFlags[k];
    bullet_wrapped_at_spaces(format_text("%zu %s: %s.", r.count[k], readiness_flag_name(flag), readiness_flag_fix(flag)));
    shown[std::string("plan_flag:") + readiness_flag_name(flag)] = std::to_string(r.count[k]);
  }
  ImGui::TextDisabled("The Portfolio tab lists them (filter: flagged only).");
  ImGui::PopTextWrapPos();
}

void portfolio_panel(app::AppSession& state, PortfolioView& view, ShownText& shown, const SaveFile& save) {
  const app::Portfolio& p = view.portfolio;
  const Scenario& scenario = state.editor().scenario();
  if (p.rows.empty()) {
    ImGui::TextDisabled("No demand in this scenario. Open or paste a demand history (File > Open, File > Paste table).");
    shown["portfolio_rows"] = "0";
    return;
  }
  // Filters.
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  ImGui::InputTextWithHint("##search", "search item or location", view.search, sizeof view.search);
  record_rect(shown, "portfolio:search");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  const char* current = view.location_filter < 0 ? "every location" : p.locations[static_cast<std::size_t>(view.location_filter)].location.c_str();
  if (ImGui::BeginCombo("##location", current)) {
    if (ImGui::Selectable("every location", view.location_filter < 0)) view.location_filter = -1;
    for (std::size_t k = 0; k < p.locations.size(); ++k) {
      if (ImGui::Selectable(p.locations[k].location.c_str(), view.location_filter == static_cast<int>(k))) view.location_filter = static_cast<int>(k);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("flagged only", &view.flagged_only);
  record_rect(shown, "portfolio:flagged_only");
  ImGui::SameLine();
  if (save && ImGui::SmallButton("Export CSV")) {
    save(scenario.name + "-portfolio.csv", app::portfolio_csv(p, view.visible), "text/csv");
  }
  record_rect(shown, "export:portfolio_csv");

  // Totals by location.
  char totals[256];
  std::snprintf(totals, sizeof totals, "%zu item%s, %zu location%s, safety stock at %s %s%s", p.rows.size(),
                p.rows.size() == 1 ? "" : "s", p.locations.size(), p.locations.size() == 1 ? "" : "s",
                p.locations.size() == 1 ? "this location" : "these locations",
                money(p.safety_stock_value, scenario.currency).c_str(), p.has_simulation ? "" : "; simulated fill when the simulation has run");
  text_disabled_wrapped_at_spaces(totals);
  shown["portfolio_value"] = money(p.safety_stock_value, scenario.currency);
  // The same totals by location and by item category, each under its own header.
  auto group_totals = [&](const char* header, const char* table_id, const char* first_column,
                          const std::vector<app::PortfolioLocationTotal>& groups) {
    if (!ImGui::CollapsingHeader(header)) return;
    const float rows = static_cast<float>(std::min<std::size_t>(groups.size(), 6) + 1);
    if (!ImGui::BeginTable(table_id, 6, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY,
                           ImVec2(0.0f, ImGui::GetTextLineHeightWithSpacing() * rows)))
      return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(first_column);
    ImGui::TableSetupColumn("Items");
    ImGui::TableSetupColumn("Flagged");
    ImGui::TableSetupColumn("Safety stock value");
    ImGui::TableSetupColumn("Fill (demand-weighted)");
    ImGui::TableSetupColumn("Keeping promise");
    ImGui::TableHeadersRow();
    for (const app::PortfolioLocationTotal& t : groups) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.location.empty() ? "(none)" : t.location.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%zu", t.items);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", t.flagged);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money(t.safety_stock_value, scenario.currency).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.demand_weighted_fill ? percent(*t.demand_weighted_fill).c_str() : "-");
      ImGui::TableNextColumn();
      if (p.has_simulation) ImGui::Text("%zu of %zu", t.meeting_promise, t.items);
      else ImGui::TextUnformatted("-");
    }
    ImGui::EndTable();
  };
  group_totals("Totals by location", "portfolio-locations", "Location", p.locations);
  group_totals("Totals by category", "portfolio-categories", "Category", p.categories);
  shown["portfolio_categories"] = std::to_string(p.categories.size());

  const float detail_height = view.selected >= 0 ? ImGui::GetTextLineHeightWithSpacing() * 4.0f : 0.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("portfolio", kColumnCount, flags, ImVec2(0.0f, -detail_height))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_DefaultSort);
    ImGui::TableSetupColumn("Location");
    ImGui::TableSetupColumn("Class");
    ImGui::TableSetupColumn("History", ImGuiTableColumnFlags_NoSort);
    ImGui::TableSetupColumn("Mean");
    ImGui::TableSetupColumn("CV");
    ImGui::TableSetupColumn("Lead time");
    ImGui::TableSetupColumn("Safety stock");
    ImGui::TableSetupColumn("Base stock");
    ImGui::TableSetupColumn("Value");
    ImGui::TableSetupColumn("Promised");
    ImGui::TableSetupColumn("Simulated");
    ImGui::TableSetupColumn("Fill");
    ImGui::TableSetupColumn("Flags");
    ImGui::TableHeadersRow();
    sort_table_rows(view.rows, p.rows.size(), view.identity, [&](int column, int a, int b) {
      const app::PortfolioRow& ra = p.rows[static_cast<std::size_t>(a)];
      const app::PortfolioRow& rb = p.rows[static_cast<std::size_t>(b)];
      switch (column) {
        case kItem: return ra.item < rb.item;
        case kLocation: return ra.location < rb.location;
        case kClass: return ra.demand_class < rb.demand_class;
        default: return column_value(ra, column) < column_value(rb, column);
      }
    });
    std::string needle(view.search);
    for (char& c : needle) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    view.visible.clear();
    for (int i : view.rows.order) {
      const app::PortfolioRow& r = p.rows[static_cast<std::size_t>(i)];
      if (view.flagged_only && r.flags == 0) continue;
      if (view.location_filter >= 0 && r.location != p.locations[static_cast<std::size_t>(view.location_filter)].location) continue;
      if (!needle.empty() && !contains_case_insensitive(r.item, needle) && !contains_case_insensitive(r.location, needle)) continue;
      view.visible.push_back(i);
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.visible.size()));
    int drawn = 0;
    while (clipper.Step()) {
      for (int v = clipper.DisplayStart; v < clipper.DisplayEnd; ++v) {
        const int i = view.visible[static_cast<std::size_t>(v)];
        const app::PortfolioRow& r = p.rows[static_cast<std::size_t>(i)];
        ++drawn;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(r.item.c_str(), view.selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
          view.selected = i;
          state.editor().select({app::SelectionKind::node, r.node});
          // The Learning tab then shows the same history closely.
          const std::vector<app::HistoryRow>& histories = state.history_rows();
          for (std::size_t k = 0; k < histories.size(); ++k) {
            if (histories[k].demand_index == r.demand) {
              state.select_learning_row(static_cast<int>(k));
              break;
            }
          }
        }
        if (v == 0) record_rect(shown, "portfolio:first_row");
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.location.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.demand_class.c_str());
        ImGui::TableNextColumn();
        const Demand& demand = scenario.demands[r.demand];
        if (demand.history) sparkline(demand.history->quantities, ImGui::GetFontSize() * 6.0f, ImGui::GetTextLineHeight());
        else ImGui::TextDisabled("given");
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", r.mean_per_period);
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", r.cv);
        ImGui::TableNextColumn();
        ImGui::Text("%.3g", r.lead_time_periods);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", r.safety_stock);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", r.base_stock);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(r.value, scenario.currency).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.promised > 0.0 ? percent(r.promised).c_str() : "-");
        ImGui::TableNextColumn();
        // The promise judged on its own measure; orange only when the whole 95% interval is below.
        if (r.simulated_service) {
          const bool below = r.verdict && *r.verdict == PromiseVerdict::below;
          if (below) ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), "%s", percent(*r.simulated_service).c_str());
          else ImGui::TextUnformatted(percent(*r.simulated_service).c_str());
          if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Share of periods ending with nothing owed, in the simulation of the plan: %s",
                              r.verdict ? promise_verdict_name(*r.verdict) : "");
        } else {
          ImGui::TextDisabled("-");
        }
        ImGui::TableNextColumn();
        if (r.simulated_fill) ImGui::TextUnformatted(percent(*r.simulated_fill).c_str());
        else ImGui::TextDisabled("-");
        ImGui::TableNextColumn();
        if (r.flags) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", describe_flags(r.flags).c_str());
      }
    }
    ImGui::EndTable();
    shown["portfolio_drawn"] = std::to_string(drawn);
  }
  shown["portfolio_rows"] = std::to_string(p.rows.size());
  shown["portfolio_visible"] = std::to_string(view.visible.size());
  if (view.selected >= 0 && static_cast<std::size_t>(view.selected) < p.rows.size()) {
    const app::PortfolioRow& r = p.rows[static_cast<std::size_t>(view.selected)];
    text_wrapped_at_spaces(format_text("%s at %s: safety stock %.1f, base stock %.1f, lead time %.3g periods", r.item.c_str(),
                                       r.location.c_str(), r.safety_stock, r.base_stock, r.lead_time_periods));
    shown["portfolio_selected"] = r.item + "@" + r.location;
    ImGui::PushTextWrapPos(0.0f);
    for (unsigned f : kReadinessFlags)
      if (r.flags & f) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s: %s.", readiness_flag_name(f), readiness_flag_fix(f));
    ImGui::PopTextWrapPos();
  }
}

}  // namespace echelon::ui
