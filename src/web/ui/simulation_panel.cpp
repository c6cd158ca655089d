#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/plan/promise.h"
#include "ui/charts.h"
#include "ui/panels.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {

// A KPI card: name, value with its 95% interval, and an optional comparison line.
// A card: title, value, detail. The wheel scrolls the panel, not the card; hovering shows the
// whole text and the formula behind the number, in case the card is too small for it.
void kpi_card(const char* title, const char* value, const char* detail, const char* formula, ImVec2 size, bool show_detail,
              ShownText& shown) {
  ImGui::BeginChild(title, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::TextDisabled("%s", title);
  // The value in large type, smaller where a long amount would not fit the card (never cut off).
  const float room = ImGui::GetContentRegionAvail().x;
  ImGui::SetWindowFontScale(1.35f);
  const float width = ImGui::CalcTextSize(value).x;
  if (width > room && width > 0.0f) ImGui::SetWindowFontScale(std::max(0.7f, 1.35f * room / width));
  ImGui::TextUnformatted(value);
  ImGui::SetWindowFontScale(1.0f);
  if (show_detail) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", detail);
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  record_rect(shown, std::string("card:") + title);
  if (ImGui::IsItemHovered()) {
    shown["tooltip"] = std::string("card:") + title;
    shown["tooltip_formula"] = formula;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::Text("%s: %s", title, value);
    ImGui::TextDisabled("%s", detail);
    ImGui::Separator();
    ImGui::TextUnformatted(formula);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

std::string percent(const sim::Estimate& e) {
  char text[64];
  if (std::isfinite(e.half_width)) std::snprintf(text, sizeof text, "%.2f%% +/- %.2f", 100.0 * e.mean, 100.0 * e.half_width);
  else std::snprintf(text, sizeof text, "%.2f%%", 100.0 * e.mean);
  return text;
}

// 54670.2 -> "54,670"; below 1,000 `digits` significant digits (no exponent notation on the cards).
std::string readable(double v, int digits = 4) {
  char text[48];
  if (!std::isfinite(v) || std::fabs(v) >= 1e15) {
    std::snprintf(text, sizeof text, "%.*g", digits, v);
    return text;
  }
  if (std::fabs(v) < 1000.0) {
    // Whole numbers once the significant digits run out, so 860 never reads "8.6e+02".
    if (std::fabs(v) >= std::pow(10.0, digits)) std::snprintf(text, sizeof text, "%.0f", v);
    else std::snprintf(text, sizeof text, "%.*g", digits, v);
    return text;
  }
  std::snprintf(text, sizeof text, "%.0f", std::fabs(v));
  const std::string whole = text;
  std::string out = v < 0.0 ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return out;
}

std::string amount(const sim::Estimate& e, double scale, const char* unit) {
  std::string text = readable(e.mean * scale);
  if (std::isfinite(e.half_width)) text += " +/- " + readable(e.half_width * scale, 2);
  return text + " " + unit;
}

// P10 / P50 / P90 bands over time for one stage's on-hand and backorders, with a units axis on
// the left, periods along the bottom and the plan's safety stock as a dashed line (where on hand
// should stand, on average, just before an order arrives).
void fan_chart(const sim::StageSeries& series, ImVec2 size, double safety_stock_units, const char* period, ShownText& shown) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##fan", size);
  record_rect(shown, "simulation:fan");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg));
  const std::size_t n = series.on_hand_p50.size();
  if (n < 2) return;
  float hi = std::max(1.0f, static_cast<float>(safety_stock_units) * 1.1f);
  for (std::size_t t = 0; t < n; ++t) hi = std::max({hi, series.on_hand_p90[t], series.owed_p90[t]});
  const float font = ImGui::GetFontSize();
  const double y_step = nice_tick_step(hi, 4);
  char tick[32];
  std::snprintf(tick, sizeof tick, "%.6g", std::floor(hi / y_step) * y_step);
  const float axis_width = ImGui::CalcTextSize(tick).x + font * 0.6f;
  const float left = origin.x + axis_width, right = origin.x + size.x - font * 0.6f;
  const float top = origin.y + font * 1.4f, bottom = origin.y + size.y - font * 1.5f;
  if (right - left < font * 4.0f || bottom - top < font * 2.0f) return;
  auto x_of = [&](double t) { return left + (right - left) * static_cast<float>(t / static_cast<double>(n - 1)); };
  auto y_of = [&](double v) { return bottom - (bottom - top) * static_cast<float>(v / hi); };
  auto pt = [&](std::size_t t, float v) { return ImVec2(x_of(static_cast<double>(t)), y_of(v)); };
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled), grid = ImGui::GetColorU32(ImGuiCol_Border);
  // Units axis with gridlines.
  for (double v = 0.0; v <= hi + 1e-9; v += y_step) {
    const float y = y_of(v);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid, 1.0f);
    std::snprintf(tick, sizeof tick, "%.6g", v);
    const ImVec2 ts = ImGui::CalcTextSize(tick);
    draw->AddText(ImVec2(left - ts.x - font * 0.3f, y - ts.y * 0.5f), axis, tick);
  }
  // Periods along the bottom.
  const double x_step = std::max(1.0, nice_tick_step(static_cast<double>(n - 1), std::max(2, static_cast<int>((right - left) / (font * 5.0f)))));
  for (double t = 0.0; t <= static_cast<double>(n - 1) + 1e-9; t += x_step) {
    const float x = x_of(t);
    draw->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + font * 0.25f), axis, 1.0f);
    std::snprintf(tick, sizeof tick, "%.0f", t);
    const ImVec2 ts = ImGui::CalcTextSize(tick);
    draw->AddText(ImVec2(std::min(x - ts.x * 0.5f, right - ts.x), bottom + font * 0.25f), axis, tick);
  }
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), axis, 1.0f);
  draw->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis, 1.0f);
  const ImU32 band = IM_COL32(80, 150, 230, 70), mid = IM_COL32(110, 175, 255, 255);
  const ImU32 band_bo = IM_COL32(230, 90, 80, 80), mid_bo = IM_COL32(240, 110, 100, 255);
  const ImDrawListFlags saved = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (std::size_t t = 0; t + 1 < n; ++t) {
    draw->AddQuadFilled(pt(t, series.on_hand_p10[t]), pt(t, series.on_hand_p90[t]), pt(t + 1, series.on_hand_p90[t + 1]),
                        pt(t + 1, series.on_hand_p10[t + 1]), band);
    draw->AddQuadFilled(pt(t, series.owed_p10[t]), pt(t, series.owed_p90[t]), pt(t + 1, series.owed_p90[t + 1]),
                        pt(t + 1, series.owed_p10[t + 1]), band_bo);
  }
  draw->Flags = saved;
  for (std::size_t t = 0; t + 1 < n; ++t) {
    draw->AddLine(pt(t, series.on_hand_p50[t]), pt(t + 1, series.on_hand_p50[t + 1]), mid, 1.5f);
    draw->AddLine(pt(t, series.owed_p50[t]), pt(t + 1, series.owed_p50[t + 1]), mid_bo, 1.5f);
  }
  // The plan's safety stock, dashed.
  const ImU32 target = IM_COL32(250, 200, 80, 230);
  if (safety_stock_units > 0.0) {
    const float y = y_of(safety_stock_units);
    for (float x = left; x < right; x += font * 0.8f) draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + font * 0.45f, right), y), target, 1.5f);
  }
  char label[160];
  std::snprintf(label, sizeof label, "units: on hand (blue), owed (red), P10-P90 band and median; safety stock %.0f (dashed); by %s",
                safety_stock_units, period);
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  draw->AddText(ImVec2(origin.x + font * 0.3f, origin.y + font * 0.2f), ImGui::GetColorU32(ImGuiCol_Text), label);
  draw->PopClipRect();
  if (ImGui::IsItemHovered()) {
    const double t = std::clamp((ImGui::GetIO().MousePos.x - left) / (right - left), 0.0f, 1.0f) * static_cast<double>(n - 1);
    const std::size_t k = static_cast<std::size_t>(std::lround(t));
    draw->AddLine(ImVec2(x_of(static_cast<double>(k)), top), ImVec2(x_of(static_cast<double>(k)), bottom), axis, 1.0f);
    ImGui::SetTooltip("%s %zu\non hand: median %.1f (P10 %.1f, P90 %.1f)\nowed: median %.1f (P10 %.1f, P90 %.1f)", period, k,
                      series.on_hand_p50[k], series.on_hand_p10[k], series.on_hand_p90[k], series.owed_p50[k],
                      series.owed_p10[k], series.owed_p90[k]);
  }
}

// Every stage's promise beside the simulation of the plan on the same measure: the verdict, and
// for a stage below its promise, why and what closing the gap would cost.
void promise_table(const PromiseReport& report, bool stale, ShownText& shown) {
  char summary[200];
  std::snprintf(summary, sizeof summary, "Promise by stage: %d kept, %d within the 95%% interval, %d below%s",
                report.stages_kept, report.stages_within_interval, report.stages_below, stale ? " (earlier plan)" : "");
  if (!stale) shown["promise_summary"] = summary;
  if (!ImGui::CollapsingHeader(summary, ImGuiTreeNodeFlags_DefaultOpen)) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  const float rows = static_cast<float>(std::min<std::size_t>(report.stages.size(), 6) + 1);
  if (!ImGui::BeginTable("promises", 8, flags, ImVec2(0.0f, rows * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFontSize() * 0.6f)))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Stage");
  ImGui::TableSetupColumn("Quoted");
  ImGui::TableSetupColumn("Promised");
  ImGui::TableSetupColumn("Simulated");
  ImGui::TableSetupColumn("Verdict");
  ImGui::TableSetupColumn("From stock");
  ImGui::TableSetupColumn("Measure");
  ImGui::TableSetupColumn("Why, and the cost to close it");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(report.stages.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const StagePromise& p = report.stages[static_cast<std::size_t>(r)];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::Text("%s / %s", p.node.c_str(), p.item.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::Text("%.3g", p.quoted_service_time_periods);
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%.1f%%", 100.0 * p.promised);
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(percent(p.simulated).c_str());
      ImGui::TableSetColumnIndex(4);
      const ImVec4 colour = p.verdict == PromiseVerdict::below ? ImVec4(1.0f, 0.55f, 0.4f, 1.0f)
                            : p.verdict == PromiseVerdict::within_interval ? ImVec4(1.0f, 0.85f, 0.4f, 1.0f)
                                                                            : ImVec4(0.45f, 0.85f, 0.5f, 1.0f);
      ImGui::TextColored(colour, "%s", promise_verdict_name(p.verdict));
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(percent(p.from_stock_at_once).c_str());
      ImGui::TableSetColumnIndex(6);
      ImGui::TextUnformatted(p.measure.c_str());
      ImGui::TableSetColumnIndex(7);
      if (p.verdict == PromiseVerdict::below) {
        ImGui::Text("%s: +%.3g units (%.3g / period)", shortfall_cause_name(p.cause), p.extra_safety_stock_units,
                    p.extra_holding_cost_per_period);
        if (ImGui::IsItemHovered() && !p.explanation.empty()) ImGui::SetTooltip("%s", p.explanation.c_str());
      } else {
        ImGui::TextDisabled("-");
      }
    }
  }
  ImGui::EndTable();
}

}  // namespace

void simulation_panel(const app::AppSession& state, ShownText& shown, const SaveFile& save) {
  const auto& estimates = state.simulation();
  if (!state.simulation_problems().empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "The plan cannot be simulated:");
    for (const Problem& p : state.simulation_problems()) bullet_wrapped_at_spaces(p.path + ": " + p.message);
    return;
  }
  if (!estimates && !state.plan().ok()) {
    // Nothing is simulated before there is a plan: say what the simulation waits for.
    const bool preparing = state.plan_in_preparation() || state.plan_learning().has_value();
    const char* waiting = preparing ? "The simulation starts once the first plan is ready (see the Plan panel)."
                                    : "Nothing to simulate: this scenario has no plan (the Plan panel says why).";
    text_disabled_wrapped_at_spaces(waiting);
    shown["simulation_waiting"] = waiting;
    return;
  }
  if (!estimates) {
    // On thousands of stages the first block of replications takes many frames: the bar moves
    // with its periods, the count with whole replications.
    char label[96];
    std::snprintf(label, sizeof label, "Simulating the plan: %d of %d replications", state.simulation_replications_done(),
                  state.simulation_replications_target());
    ImGui::ProgressBar(static_cast<float>(state.simulation_progress()), ImVec2(-1.0f, 0.0f), label);
    shown["simulation_progress"] = label;
    return;
  }
  const Result<Plan>& plan = state.plan();
  // Progress of the current plan's run (the figures below may still be the previous run's).
  const int done = state.simulation_replications_done();
  const int target = state.simulation_replications_target();
  const float progress = target > 0 ? static_cast<float>(done) / static_cast<float>(target) : 0.0f;
  char overlay[96];
  std::snprintf(overlay, sizeof overlay, "%d of %d replications%s", done, target, done < target ? " (refining)" : "");
  const float export_width = ImGui::CalcTextSize("Export KPIs (CSV)Export KPIs (JSON)").x +
                             4.0f * ImGui::GetStyle().FramePadding.x + 2.0f * ImGui::GetStyle().ItemSpacing.x;
  ImGui::ProgressBar(progress, ImVec2(std::max(ImGui::GetFontSize() * 8.0f, ImGui::GetContentRegionAvail().x - export_width), 0.0f),
                     overlay);
  ImGui::SameLine();
  report_button(state, ReportKind::kpis_csv, save, shown);
  ImGui::SameLine();
  report_button(state, ReportKind::kpis_json, save, shown);
  if (state.dragging() && state.simulation_is_stale()) {
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "These figures are for the plan before this drag; the simulation restarts when you let go.");
  } else if (state.plan_is_preliminary() && state.simulation_is_stale()) {
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "These figures are for the plan before the last edit; the simulation restarts once the new plan's search ends.");
  } else if (state.simulation_is_stale()) {
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "These figures are for the plan before the last edit; the new run shows its first results shortly.");
  }
  if (!state.simulation_is_stale()) shown["sim_replications"] = std::to_string(estimates->convergence.replications_done);

  const sim::NetworkKpis& k = estimates->network;
  const Period period = state.editor().scenario().period;
  const double per_year = periods_per_year(period);
  const std::string& currency = state.editor().scenario().currency;
  const float font = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const int per_row = avail > font * 36.0f ? 3 : 2;
  const ImVec2 card((avail - ImGui::GetStyle().ItemSpacing.x * static_cast<float>(per_row - 1)) / static_cast<float>(per_row),
                    font * 4.6f);

  const std::string fill = percent(k.fill_rate);
  shown["sim_fill_rate"] = fill;
  char fill_detail[160];
  std::snprintf(fill_detail, sizeof fill_detail, "share of customer demand met from stock; worst run %.1f%%",
                100.0 * k.worst_fill_rate);
  // Service on the promised measure, weighted by demand, and how many demand stages keep their
  // promise: both stay meaningful with hundreds of demand stages, where "any stage short in a
  // period" is near 100% whatever the plan. The any-stage share is named only on small networks.
  const auto& report = state.promise_report();
  std::string promised_service = "...";
  char promised_detail[240] = "measured once the first replications finish";
  std::string kept_value = "...";
  char kept_detail[200] = "measured once the first replications finish";
  if (report && plan.ok() && report->demand_weighted.demand_stages > 0) {
    const DemandWeightedService& dw = report->demand_weighted;
    promised_service = percent(dw.simulated);
    shown["sim_promised_service"] = promised_service;
    const int n = dw.demand_stages;
    if (n == 1) {
      std::snprintf(promised_detail, sizeof promised_detail, "periods with nothing owed past the quoted time; promised %.1f%%",
                    100.0 * dw.promised);
    } else if (n <= 6) {
      std::snprintf(promised_detail, sizeof promised_detail,
                    "demand-weighted over %d demand stages, promised %.1f%%; any of them short in %.1f%% of periods", n,
                    100.0 * dw.promised, 100.0 * k.stockout_probability.mean);
    } else {
      std::snprintf(promised_detail, sizeof promised_detail, "demand-weighted over %d demand stages; promised %.1f%%", n,
                    100.0 * dw.promised);
    }
    char kept_text[64];
    std::snprintf(kept_text, sizeof kept_text, "%d of %d", dw.demand_stages_meeting, n);
    kept_value = kept_text;
    shown["sim_promises_kept"] = kept_value;
    std::snprintf(kept_detail, sizeof kept_detail, "demand stages at or within the interval of their promise; all stages: %d kept, %d within, %d below",
                  report->stages_kept, report->stages_within_interval, report->stages_below);
  }
  const std::string value = amount(k.inventory_value, 1.0, currency.c_str());
  const std::string holding = amount(k.holding_cost, per_year, (currency + "/yr").c_str());
  char p95[96];
  std::snprintf(p95, sizeof p95, "%s %s", readable(k.total_cost_p95).c_str(), currency.c_str());
  char p95_detail[160];
  // No thousands separators here: the wrapped line may break after a comma.
  std::snprintf(p95_detail, sizeof p95_detail, "total cost per period, 95th percentile over runs (median %.0f, CVaR95 %.0f)",
                k.total_cost_median, k.total_cost_cvar95);
  struct Card {
    const char* title;
    const char* value;
    const char* detail;
    const char* formula;
  };
  const Card cards[] = {
      {"Fill rate", fill.c_str(), fill_detail,
       "units shipped from stock at once / units demanded, summed over customer-facing stages and periods after "
       "warm-up; mean over replications +/- 1.96 s / sqrt(n)"},
      {"Service as promised", promised_service.c_str(), promised_detail,
       "each demand stage d: share of periods ending with nothing owed for longer than its quoted service time (at "
       "time 0: no customer short), weighted by mean demand mu_d: sum mu_d p_d / sum mu_d; +/- the weighted "
       "average of the stages' 95% half-widths"},
      {"Promises kept", kept_value.c_str(), kept_detail,
       "demand stages whose simulated share is at or above the plan's promise, or whose 95% interval reaches it"},
      {"Inventory value", value.c_str(), "average on hand and in transit, at unit value",
       "sum over stages of (average on hand + average in transit) x the item's value at that stage"},
      {"Holding cost", holding.c_str(), "per year, from the simulated stock",
       "sum over stages of average on hand x holding cost per unit and period x periods per year"},
      {"P95 cost", p95, p95_detail,
       "the 95th percentile over replications of the total cost per period (holding + backorder + ordering); "
       "CVaR95 is the mean of the worst 5%"},
  };
  // Cards are as tall as their longest wrapped detail, so no text is cut off.
  // With a stage selected its chart is what the person asked for: the cards shrink to title and
  // value (details on hover) and the chart comes right after them, above the promise table, so
  // it is in view at 1280x800.
  const auto& sel = state.editor().selection();
  int selected_stage = -1;
  if (plan.ok() && sel.kind == app::SelectionKind::node) {
    for (std::size_t j = 0; j < plan->stages.size() && j < estimates->stages.size(); ++j) {
      if (plan->stages[j].node_index == sel.index) {
        selected_stage = static_cast<int>(j);
        break;
      }
    }
  }
  const bool compact = selected_stage >= 0;
  const int cards_per_row = compact ? (avail > font * 54.0f ? 6 : 3) : per_row;
  const float card_w = (avail - ImGui::GetStyle().ItemSpacing.x * static_cast<float>(cards_per_row - 1)) /
                       static_cast<float>(cards_per_row);
  const float wrap = card_w - 2.0f * ImGui::GetStyle().WindowPadding.x;
  float detail_height = 0.0f;
  for (const Card& c : cards) detail_height = std::max(detail_height, ImGui::CalcTextSize(c.detail, nullptr, false, wrap).y);
  const ImVec2 card_size(card_w, compact ? font * 2.9f + ImGui::GetStyle().WindowPadding.y
                                         : font * 3.3f + detail_height + ImGui::GetStyle().WindowPadding.y);
  int index = 0;
  for (const Card& c : cards) {
    if (index % cards_per_row != 0) ImGui::SameLine();
    kpi_card(c.title, c.value, c.detail, c.formula, card_size, !compact, shown);
    ++index;
  }
  shown["sim_cards_compact"] = compact ? "1" : "0";

  if (compact) {
    const std::size_t j = static_cast<std::size_t>(selected_stage);
    const sim::StageKpis& s = estimates->stages[j];
    ImGui::Separator();
    ImGui::Text("%s / %s", plan->stages[j].node.c_str(), plan->stages[j].item.c_str());
    const StagePromise* promise = nullptr;
    if (report && j < report->stages.size()) promise = &report->stages[j];
    if (promise) {
      text_wrapped_at_spaces(format_text("promised %.1f%% of %s; simulated %s; units within the quoted time %s; from stock at once %s",
                                         100.0 * promise->promised, promise->measure.c_str(),
                                         percent(promise->simulated).c_str(), percent(promise->units_on_time).c_str(),
                                         percent(promise->from_stock_at_once).c_str()));
      if (!promise->explanation.empty()) text_colored_wrapped_at_spaces(1.0f, 0.8f, 0.35f, 1.0f, promise->explanation);
    } else if (plan->stages[j].service_target > 0.0) {
      text_wrapped_at_spaces(format_text("promised cycle service %.1f%%, fill rate %s", 100.0 * plan->stages[j].service_target,
                                         percent(s.fill_rate).c_str()));
    } else {
      text_wrapped_at_spaces("internal stage: fill rate to its customers " + percent(s.fill_rate) + ", average on hand " +
                             amount(s.on_hand, 1.0, "units"));
    }
    for (const sim::StageSeries& series : estimates->series) {
      if (series.stage == static_cast<int>(j)) {
        const float room = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();
        fan_chart(series, ImVec2(ImGui::GetContentRegionAvail().x, std::max(font * 9.0f, room)),
                  plan->stages[j].multi_echelon.safety_stock, period_name(state.editor().scenario().period), shown);
      }
    }
  }

  if (report) promise_table(*report, state.simulation_is_stale(), shown);
  if (!compact) ImGui::TextDisabled("Select a stage to see its inventory over time.");
}

}  // namespace echelon::ui
