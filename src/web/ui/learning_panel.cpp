#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/charts.h"
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
  ImGui::Text("Class: %s.", klass.c_str());
  ImGui::SameLine();
  if (d.law.empty()) {
    ImGui::TextDisabled("No law learned: %s", d.method.c_str());
  } else {
    shown["learning_score"] = fixed(d.score, "%.3f");
    ImGui::Text("Law: %s (%s), %s %.3f on %d held-out periods.", d.law.c_str(), d.law_parameters.c_str(),
                d.criterion.c_str(), d.score, d.holdout_values);
    if (ImGui::IsItemHovered()) {
      std::string lines = "Hold-out " + d.criterion + " of every family (lower is better):";
      for (const app::DistributionScore& c : d.candidates)
        lines += "\n  " + c.family + ": " + (c.fitted ? fixed(c.score, "%.3f") : "not fitted, " + c.reason);
      ImGui::SetTooltip("%s", lines.c_str());
    }
  }
  if (d.normal_gap) {
    const app::BaseStockGap& g = *d.normal_gap;
    const std::string phrase = app::stock_gap_phrase(g.gap_units);
    shown["learning_normal_gap"] = phrase;
    ImGui::TextColored(g.gap_units < 0.0 ? kUnder : kOver, "The normal assumption would %s", phrase.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(base stock %.1f vs %.1f learned, covering %s of %.1f periods)", g.alternative_level,
                        g.learned_level, percent(g.probability).c_str(), g.periods);
  } else {
    shown["learning_normal_gap"] = "";
    ImGui::TextDisabled("No normal comparison: %s.", d.normal_gap_note.c_str());
  }
  const std::string band = d.forecast_method.empty() ? std::string("sample mean") : d.forecast_method;
  ImGui::TextDisabled("Bars: demand per period%s; line: %s one-step forecast, then the next %zu periods +- %.2f x sd %.2f.",
                      d.first_period_used > 0 ? " (faded: before the data used)" : "", band.c_str(), d.future.size(),
                      d.band_z, d.error_sd_per_period);

  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float height = std::max(font * 7.0f, avail.y - font * 0.2f);
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
  std::vector<double> lows, highs, counts, expected;
  for (const app::HistogramBin& b : d.bins) {
    lows.push_back(b.low);
    highs.push_back(b.high);
    counts.push_back(b.count);
    expected.push_back(b.expected_count);
  }
  if (d.law.empty()) expected.clear();
  histogram_chart("learning-histogram", lows, highs, counts, expected, ImVec2(avail.x - series_width - gap, height));
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
  ImGui::Text("%s: %d receipts, mean %.2f periods, sd %.2f, 90%% within %.2f.", l.group.c_str(), l.receipts,
              l.mean_periods, l.sd_periods, l.p90_periods);
  ImGui::TextDisabled("%s (%s).", l.method.c_str(), l.matched.c_str());
  if (l.mean_gap) {
    const std::string phrase = app::stock_gap_phrase(l.mean_gap->gap_units);
    shown["learning_lead_time_gap"] = phrase;
    ImGui::TextColored(l.mean_gap->gap_units < 0.0 ? kUnder : kOver, "Using the mean lead time alone would %s",
                       phrase.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(base stock %.1f vs %.1f with the lead time's spread)", l.mean_gap->alternative_level,
                        l.mean_gap->learned_level);
  }
  std::vector<double> lows, highs, counts, expected;
  for (const app::HistogramBin& b : l.bins) {
    lows.push_back(b.low);
    highs.push_back(b.high);
    counts.push_back(b.count);
    expected.push_back(b.expected_count);
  }
  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  histogram_chart("lead-time-histogram", lows, highs, counts, expected,
                  ImVec2(std::min(avail.x, font * 36.0f), std::max(font * 7.0f, avail.y - font * 0.2f)));
  record_rect(shown, "learning:lead_time_chart");
}

// The selected history closely: its demand, and the lead time of who supplies it.
void learning_detail(app::AppSession& state, ShownText& shown) {
  const app::DemandDetail& d = *state.learning_detail();
  shown["learning_selected"] = d.item + "@" + d.node;
  ImGui::Text("%s at %s", d.item.c_str(), d.node.c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Close")) {
    state.select_learning_row(-1);
    return;
  }
  if (!ImGui::BeginTabBar("learning-detail")) return;
  if (ImGui::BeginTabItem("Demand")) {
    demand_section(d, shown);
    ImGui::EndTabItem();
  }
  const bool lead_open = ImGui::BeginTabItem("Lead time");
  record_rect(shown, "learning:lead_time_tab");
  if (lead_open) {
    lead_time_section(state, d, shown);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
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
  const bool detail = state.learning_detail().has_value();
  if (!detail) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "Traditional: mean and standard deviation of the whole history. Learned: the forecast chosen by rolling-origin "
      "error and the sd of its one-step errors, after cutting the history at a detected change (the method column "
      "names what was done). Both buffers are z * sd * sqrt(net replenishment time) at the same stage; the plan and "
      "its simulation use the learned one. Click a row to see its history, forecast, fitted law and lead time.");
  ImGui::PopTextWrapPos();
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  const float table_height = detail ? std::max(ImGui::GetTextLineHeightWithSpacing() * 5.0f,
                                                ImGui::GetContentRegionAvail().y * 0.30f)
                                     : 0.0f;
  if (!ImGui::BeginTable("learning-rows", kColumnCount, flags, ImVec2(0.0f, table_height))) return;
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
    ImGui::BeginChild("learning-detail-region", ImVec2(0.0f, 0.0f), false);
    learning_detail(state, shown);
    ImGui::EndChild();
  }
}

}  // namespace echelon::ui
