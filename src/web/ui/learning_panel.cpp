#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/charts.h"
#include "ui/format.h"
#include "ui/panels.h"
#include "ui/table_sort.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {

// A histogram's bins as the chart's columns.
struct HistogramColumns {
  std::vector<double> lows, highs, counts, expected;
};
HistogramColumns histogram_columns(const std::vector<app::HistogramBin>& bins) {
  HistogramColumns h;
  for (const app::HistogramBin& b : bins) {
    h.lows.push_back(b.low);
    h.highs.push_back(b.high);
    h.counts.push_back(b.count);
    h.expected.push_back(b.expected_count);
  }
  return h;
}

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

std::string fixed(double x, const char* format = "%.2f") {
  char text[48];
  std::snprintf(text, sizeof text, format, x);
  return text;
}

const ImVec4 kUnder(1.0f, 0.65f, 0.35f, 1.0f);
const ImVec4 kOver(0.55f, 0.75f, 1.0f, 1.0f);

void demand_section(const app::DemandDetail& d, ShownText& shown) {
  const std::string klass = d.demand_class + " (ADI " + fixed(d.adi) + ", CV\xc2\xb2 " + fixed(d.cv2) + ")";
  shown["learning_class"] = d.demand_class;
  shown["learning_adi"] = fixed(d.adi);
  shown["learning_cv2"] = fixed(d.cv2);
  shown["learning_law"] = d.law;
  std::string line = "Class: " + klass + ". ";
  if (d.law.empty()) {
    line += "No law learned: " + d.method + ".";
  } else {
    shown["learning_score"] = fixed(d.score, "%.3f");
    line += "Law: " + d.law + " (" + d.law_parameters + "), " + d.criterion + " " + fixed(d.score, "%.3f") + " on " +
            std::to_string(d.holdout_values) + " held-out periods.";
  }
  text_wrapped_at_spaces(line);
  if (ImGui::IsItemHovered() && !d.candidates.empty()) {
    std::string lines = "Hold-out " + d.criterion + " of every family (lower is better):";
    for (const app::DistributionScore& c : d.candidates)
      lines += "\n  " + c.family + ": " + (c.fitted ? fixed(c.score, "%.3f") : "not fitted, " + c.reason);
    ImGui::SetTooltip("%s", lines.c_str());
  }
  std::string legend;
  if (d.normal_gap) {
    const app::BaseStockGap& g = *d.normal_gap;
    const std::string phrase = app::stock_gap_phrase(g.gap_units);
    shown["learning_normal_gap"] = phrase;
    ImGui::PushStyleColor(ImGuiCol_Text, g.gap_units < 0.0 ? kUnder : kOver);
    text_wrapped_at_spaces("The normal assumption would " + phrase + ".");
    ImGui::PopStyleColor();
    legend = "Base stock " + fixed(g.alternative_level, "%.1f") + " normal vs " + fixed(g.learned_level, "%.1f") +
             " learned, covering " + percent(g.probability) + " of " + fixed(g.periods, "%.1f") + " periods. ";
  } else {
    shown["learning_normal_gap"] = "";
    legend = "No normal comparison: " + d.normal_gap_note + ". ";
  }
  const std::string forecast = d.forecast_method.empty() ? std::string("sample mean") : d.forecast_method;
  legend += "Bars: demand" + std::string(d.first_period_used > 0 ? " (faded: before the data used)" : "") + "; line: " +
            forecast + " forecast, then " + std::to_string(d.future.size()) + " periods +- " + fixed(d.band_z) +
            " x sd " + fixed(d.error_sd_per_period) + ". Right: histogram, dots the fitted law.";
  text_disabled_wrapped_at_spaces(legend);

  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float height = std::max(font * 6.0f, avail.y - font * 0.2f);
  const float gap = font * 0.5f;
  const float series_width = (avail.x - gap) * 0.62f;
  ui::SeriesChartData data;
  data.bars = d.quantities;
  data.line = d.fitted;
  data.future = d.future;
  for (const double f : d.future) {
    data.band_low.push_back(std::max(0.0, f - d.band_z * d.error_sd_per_period));
    data.band_high.push_back(f + d.band_z * d.error_sd_per_period);
  }
  data.labels = &d.labels;
  data.faded_before = d.first_period_used;
  data.marker = d.change_period;
  series_chart("learning-series", data, ImVec2(series_width, height));
  record_rect(shown, "learning:series_chart");
  ImGui::SameLine(0.0f, gap);
  HistogramColumns h = histogram_columns(d.bins);
  if (d.law.empty()) h.expected.clear();
  histogram_chart("learning-histogram", h.lows, h.highs, h.counts, h.expected, ImVec2(avail.x - series_width - gap, height));
  record_rect(shown, "learning:histogram_chart");
}

void lead_time_section(const app::AppSession& state, const app::DemandDetail& d, ShownText& shown) {
  const auto& receipts = state.receipts();
  if (!receipts) {
    shown["learning_lead_time"] = "none";
    ImGui::TextWrapped(
        "No receipt records loaded. Open a receipts CSV with File > Open (one row per order received: supplier, "
        "location, item, order_date, receipt_date) to learn this item's lead time.");
    return;
  }
  const auto& detail = state.lead_time_detail();
  if (!detail) {
    shown["learning_lead_time"] = "no match";
    ImGui::TextWrapped("No receipts in %s belong to %s at %s or to the stage that supplies it (%zu groups in the file).",
                       receipts->file_name.c_str(), d.item.c_str(), d.node.c_str(), receipts->lead_times.size());
    return;
  }
  const app::LeadTimeDetail& l = *detail;
  shown["learning_lead_time"] = l.group;
  text_wrapped_at_spaces(l.group + ": " + std::to_string(l.receipts) + " receipts, mean " + fixed(l.mean_periods) +
                         " periods, sd " + fixed(l.sd_periods) + ", 90% arrive within " + fixed(l.p90_periods) +
                         ". Law: " + l.law + ".");
  if (l.mean_gap) {
    const std::string phrase = app::stock_gap_phrase(l.mean_gap->gap_units);
    shown["learning_lead_time_gap"] = phrase;
    ImGui::PushStyleColor(ImGuiCol_Text, l.mean_gap->gap_units < 0.0 ? kUnder : kOver);
    text_wrapped_at_spaces("Using the mean lead time alone would " + phrase + ".");
    ImGui::PopStyleColor();
  }
  std::string note = l.method + " (" + l.matched + ").";
  if (l.mean_gap)
    note += " Base stock " + fixed(l.mean_gap->alternative_level, "%.1f") + " with the mean lead time vs " +
            fixed(l.mean_gap->learned_level, "%.1f") + " with its spread, at the stage's safety factor.";
  note += " Bars: receipts per lead time (periods); dots: the learned law.";
  text_disabled_wrapped_at_spaces(note);
  HistogramColumns h = histogram_columns(l.bins);
  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  histogram_chart("lead-time-histogram", h.lows, h.highs, h.counts, h.expected,
                  ImVec2(std::min(avail.x, font * 36.0f), std::max(font * 6.0f, avail.y - font * 0.2f)));
  record_rect(shown, "learning:lead_time_chart");
}

// The selected history closely: its demand, and the lead time of who supplies it.
void learning_detail(app::AppSession& state, ShownText& shown) {
  const app::DemandDetail& d = *state.learning_detail();
  shown["learning_selected"] = d.item + "@" + d.node;
  if (!ImGui::BeginTabBar("learning-detail")) return;
  const std::string demand_tab = "Demand of " + d.item + " at " + d.node + "###demand";
  if (ImGui::BeginTabItem(demand_tab.c_str())) {
    demand_section(d, shown);
    ImGui::EndTabItem();
  }
  const bool lead_open = ImGui::BeginTabItem("Lead time");
  record_rect(shown, "learning:lead_time_tab");
  if (lead_open) {
    lead_time_section(state, d, shown);
    ImGui::EndTabItem();
  }
  const bool close = ImGui::TabItemButton("Close", ImGuiTabItemFlags_Trailing);
  ImGui::EndTabBar();
  if (close) state.select_learning_row(-1);
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
  text_wrapped_at_spaces(std::to_string(totals.histories) + " histories. Safety stock value at the plan's placement: traditional " +
                         traditional + ", learned " + learned + " (" + (change >= 0.0 ? "+" : "") + percent(change) + ").");
  const bool detail = state.learning_detail().has_value();
  if (!detail) {
    text_disabled_wrapped_at_spaces(
        "Traditional: mean and standard deviation of the whole history. Learned: the forecast chosen by rolling-origin "
        "error and the sd of its one-step errors, after cutting the history at a detected change (the method column "
        "names what was done). Both buffers are z * sd * sqrt(net replenishment time) at the same stage; the plan and "
        "its simulation use the learned one. Click a row to see its history, forecast, fitted law and lead time.");
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  // With a row selected, the table keeps the left third and the selected history the rest.
  const float gap = ImGui::GetFontSize() * 0.5f;
  const float detail_width = detail ? std::floor(ImGui::GetContentRegionAvail().x * 0.66f) : 0.0f;
  if (detail) ImGui::BeginChild("learning-table-region", ImVec2(ImGui::GetContentRegionAvail().x - detail_width - gap, 0.0f));
  if (!ImGui::BeginTable("learning-rows", kColumnCount, flags)) {
    if (detail) ImGui::EndChild();
    return;
  }
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
      const int index = view.order[static_cast<std::size_t>(r)];
      const app::HistoryRow& row = rows[static_cast<std::size_t>(index)];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(kItem);
      ImGui::PushID(index);
      if (ImGui::Selectable(row.item.c_str(), state.selected_learning_row() == index, ImGuiSelectableFlags_SpanAllColumns))
        state.select_learning_row(index);
      if (r == 0) record_rect(shown, "learning:first_row");
      ImGui::PopID();
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
  if (detail) {
    ImGui::EndChild();
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginChild("learning-detail-region", ImVec2(0.0f, 0.0f), false);
    learning_detail(state, shown);
    ImGui::EndChild();
  }
}

}  // namespace echelon::ui
