#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/charts.h"
#include "core/policy/safety_stock.h"
#include "ui/panels.h"
#include "ui/wrapped_text.h"

namespace echelon::ui {

namespace {

using app::SingleLocationField;

struct FieldSpec {
  SingleLocationField field;
  const char* label;
  const char* unit;
  double slider_min;
  double slider_max;
  const char* format;
  const char* help;
};

constexpr FieldSpec kFields[] = {
    {SingleLocationField::MeanDemand, "Demand per day, mean", "units/day", 0.0, 1000.0, "%.1f",
     "Average demand in one day (one period)."},
    {SingleLocationField::SdDemand, "Demand per day, std. dev.", "units/day", 0.0, 500.0, "%.1f",
     "Standard deviation of one day's demand: how much a day varies around the mean."},
    {SingleLocationField::MeanLeadTime, "Lead time, mean", "days", 0.0, 60.0, "%.2f",
     "Average time from placing a replenishment order to receiving it."},
    {SingleLocationField::SdLeadTime, "Lead time, std. dev.", "days", 0.0, 20.0, "%.2f",
     "Standard deviation of the lead time. Late deliveries need buffer too."},
    {SingleLocationField::ReviewPeriod, "Review period", "days", 0.0, 30.0, "%.1f",
     "Days between order decisions (0 = continuous review). Demand during the review period is "
     "exposed as well, so it adds to the protection interval."},
    {SingleLocationField::CycleServiceLevel, "Cycle service level", "target", 0.5, 0.999, "%.3f",
     "Target probability of no stockout in a replenishment cycle (type 1 service). "
     "Type a value below 0.5 to see a negative safety factor."},
};

void field_row(app::AppSession& state, const FieldSpec& spec, ShownText& shown) {
  ImGui::PushID(static_cast<int>(spec.field));
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(spec.label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", spec.help);

  double value = state.field_value(spec.field);
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-FLT_MIN);
  double slider_value = value;
  if (ImGui::SliderScalar("##slider", ImGuiDataType_Double, &slider_value, &spec.slider_min, &spec.slider_max,
                          spec.format)) {
    state.set_field(spec.field, slider_value);
  }
  ImGui::TableSetColumnIndex(2);
  ImGui::SetNextItemWidth(-FLT_MIN);
  double typed_value = value;
  if (ImGui::InputDouble("##typed", &typed_value, 0.0, 0.0, "%.6g")) {
    state.set_field(spec.field, typed_value);
  }
  record_rect(shown, "typed:" + std::string(app::field_name(spec.field)));
  ImGui::TableSetColumnIndex(3);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", spec.unit);

  const auto& problem = state.field_problem(spec.field);
  if (!problem.message.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s = %g rejected: %s. Kept %g.",
                       std::string(app::field_name(spec.field)).c_str(), problem.rejected_value,
                       problem.message.c_str(), value);
    ImGui::PopTextWrapPos();
  }
  ImGui::PopID();
}

void result_row(const char* label, const char* key, double value, const char* unit, const char* help,
                ShownText& shown) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  shown[key] = text;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(text);
  ImGui::TableSetColumnIndex(2);
  ImGui::TextDisabled("%s", unit);
}

// Type 1 / type 2 targets, the demand distribution and the lead-time-demand model, planned by the
// full single-location engine (exact for discrete demand, loss functions for fill rates).
void engine_section(app::AppSession& state, ShownText& shown) {
  ImGui::TextUnformatted("Full engine: service type and distribution");
  auto choices = state.choices();
  bool changed = false;
  // Labels in their own column and controls filling the rest, so nothing runs past the column.
  if (ImGui::BeginTable("engine-choices", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("lead-time demand").x);
    ImGui::TableSetupColumn("control", ImGuiTableColumnFlags_WidthStretch);
    auto label = [](const char* text) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(text);
      ImGui::TableSetColumnIndex(1);
      ImGui::SetNextItemWidth(-FLT_MIN);
    };
    int target = choices.target_kind == ServiceTargetKind::fill_rate ? 1 : 0;
    const char* targets[] = {"cycle service level (type 1)", "fill rate (type 2)"};
    label("target type");
    if (ImGui::Combo("##target type", &target, targets, 2)) {
      choices.target_kind = target == 1 ? ServiceTargetKind::fill_rate : ServiceTargetKind::cycle_service_level;
      changed = true;
    }
    record_rect(shown, "engine:target_type");
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("The target value above is read as this measure. A fill rate is solved through the loss "
                        "function, not the cycle-service formula, and usually needs less stock.");
    }
    int demand = static_cast<int>(choices.demand_kind);
    const char* demands[] = {"normal", "gamma", "Poisson", "negative binomial"};
    label("demand per day");
    if (ImGui::Combo("##demand per day", &demand, demands, 4)) {
      choices.demand_kind = static_cast<DemandKind>(demand);
      changed = true;
    }
    int model = static_cast<int>(choices.model);
    const char* models[] = {"automatic", "normal", "gamma (moment-matched)", "exact (discrete)"};
    label("lead-time demand");
    if (ImGui::Combo("##lead-time demand", &model, models, 4)) {
      choices.model = static_cast<LeadTimeDemandModel>(model);
      changed = true;
    }
    ImGui::EndTable();
  }
  if (changed) state.set_choices(choices);

  const auto& plan = state.single_location_plan();
  if (!plan.ok()) {
    for (const Problem& p : plan.problems()) {
      ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s: %s", p.path.c_str(), p.message.c_str());
    }
    return;
  }
  const BufferResult& b = plan->buffer;
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", b.safety_stock);
  shown["engine_safety_stock"] = text;
  text_wrapped_at_spaces(format_text("Safety stock %s units, order-up-to %.2f, safety factor %.3f", text,
                                     plan->order_up_to_level, b.safety_factor));
  text_wrapped_at_spaces(format_text("Achieved: cycle service %.2f%%, fill rate %.2f%%, ready rate %.2f%%",
                                     100.0 * b.achieved.cycle_service_level, 100.0 * b.achieved.fill_rate,
                                     100.0 * b.achieved.ready_rate));
  text_wrapped_at_spaces(format_text("One more point of service costs %.2f units", b.extra_stock_per_point));
  text_disabled_wrapped_at_spaces("Model: " + plan->model_reason);
  for (const std::string& w : b.warnings) text_colored_wrapped_at_spaces(1.0f, 0.8f, 0.35f, 1.0f, w);
}

// Inputs and the normal-approximation results.
void calculator_section(app::AppSession& state, ShownText& shown) {
  const float font = ImGui::GetFontSize();
  if (ImGui::BeginTable("inputs", 4, ImGuiTableFlags_SizingStretchProp)) {
    float label_width = font * 8.0f;  // the widest label decides, so none is cut off
    for (const FieldSpec& spec : kFields) label_width = std::max(label_width, ImGui::CalcTextSize(spec.label).x);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, label_width);
    ImGui::TableSetupColumn("slider", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("typed", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("unit", ImGuiTableColumnFlags_WidthFixed, font * 4.5f);
    for (const FieldSpec& spec : kFields) field_row(state, spec, shown);
    ImGui::EndTable();
  }

  ImGui::Separator();
  ImGui::TextUnformatted("Normal approximation");
  const SafetyStockResult& r = state.single_location_result();
  if (ImGui::BeginTable("results", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, font * 6.0f);
    ImGui::TableSetupColumn("unit", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    result_row("Safety stock", "safety_stock", r.safety_stock, "units",
               "z x standard deviation of demand over lead time plus review period.", shown);
    const bool periodic = state.single_location_input().review_period_periods > 0.0;
    result_row(periodic ? "Order-up-to level" : "Reorder point", "reorder_point", r.reorder_point, "units",
               "Mean demand over the protection interval plus the safety stock.", shown);
    result_row("  from demand variability", "safety_stock_from_demand", r.safety_stock_from_demand, "units",
               "Share of the buffer due to day-to-day demand variation ((L + R) x var(D) of the variance).",
               shown);
    result_row("  from lead-time variability", "safety_stock_from_lead_time", r.safety_stock_from_lead_time,
               "units", "Share of the buffer due to lead-time variation (mean demand squared x var(L)).", shown);
    result_row("Safety factor z", "safety_factor", r.safety_factor, "",
               "Standard normal quantile of the cycle service level.", shown);
    result_row("Mean lead-time demand", "mean_lead_time_demand", r.mean_lead_time_demand, "units",
               "(mean lead time + review period) x mean demand per day.", shown);
    result_row("Std. dev. of lead-time demand", "sd_lead_time_demand", r.sd_lead_time_demand, "units",
               "sqrt((L + R) var(D) + mean(D)^2 var(L)).", shown);
    ImGui::EndTable();
  }
  for (const std::string& note : r.notes) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1.0f), "%s", note.c_str());
    ImGui::PopTextWrapPos();
  }
}

// Where the buffer comes from, and the lead-time-demand density with the reorder point.
void charts_section(const app::AppSession& state, float chart_height) {
  const float font = ImGui::GetFontSize();
  const SafetyStockResult& r = state.single_location_result();
  ImGui::TextUnformatted("Where the safety stock comes from");
  char demand_label[64];
  char lead_label[64];
  std::snprintf(demand_label, sizeof demand_label, "demand variability %.1f", r.safety_stock_from_demand);
  std::snprintf(lead_label, sizeof lead_label, "lead-time variability %.1f", r.safety_stock_from_lead_time);
  stacked_bar("split",
              {{r.safety_stock_from_demand, ImGui::GetColorU32(ImVec4(0.30f, 0.60f, 0.95f, 1.0f)), demand_label},
               {r.safety_stock_from_lead_time, ImGui::GetColorU32(ImVec4(0.95f, 0.65f, 0.25f, 1.0f)), lead_label}},
              font * 1.2f);

  ImGui::Spacing();
  ImGui::TextUnformatted("Lead-time demand distribution (normal approximation)");
  const std::vector<CurvePoint>& curve = state.single_location_curve();
  if (curve.empty()) {
    ImGui::TextDisabled("No uncertainty: lead-time demand is exactly %.2f units.", r.mean_lead_time_demand);
    return;
  }
  std::vector<double> xs;
  std::vector<double> ys;
  xs.reserve(curve.size());
  ys.reserve(curve.size());
  for (const CurvePoint& p : curve) {
    xs.push_back(p.x);
    ys.push_back(p.density);
  }
  char mean_label[64];
  char rop_label[64];
  std::snprintf(mean_label, sizeof mean_label, "mean %.1f", r.mean_lead_time_demand);
  std::snprintf(rop_label, sizeof rop_label, "%s %.1f", state.single_location_input().review_period_periods > 0.0
                                                              ? "order-up-to"
                                                              : "reorder point",
                r.reorder_point);
  density_chart("ltd", xs, ys,
                {{r.mean_lead_time_demand, ImGui::GetColorU32(ImGuiCol_TextDisabled), mean_label},
                 {r.reorder_point, ImGui::GetColorU32(ImVec4(0.95f, 0.40f, 0.35f, 1.0f)), rop_label}},
                r.reorder_point, ImVec2(ImGui::GetContentRegionAvail().x, chart_height));
}

void safety_stock_section(app::AppSession& state, ShownText& shown) {
  const float font = ImGui::GetFontSize();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "Safety stock for one location when both demand and lead time vary. The buffer covers the "
      "lead time plus the review period. Left: the normal approximation of lead-time demand; right: "
      "the full engine with a choice of service measure and distribution.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  // Two columns (resizable) when there is room; one above the other when narrow. A table keeps
  // each column's content inside its own cell, so the two never draw over each other.
  const bool two_columns = ImGui::GetContentRegionAvail().x > font * 48.0f;
  if (two_columns && ImGui::BeginTable("single-location-layout", 2,
                                       ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                           ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("calculator", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("engine", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    calculator_section(state, shown);
    ImGui::TableSetColumnIndex(1);
    engine_section(state, shown);
    ImGui::Spacing();
    ImGui::Separator();
    charts_section(state, font * 9.0f);
    ImGui::EndTable();
    return;
  }
  calculator_section(state, shown);
  ImGui::Spacing();
  ImGui::Separator();
  engine_section(state, shown);
  ImGui::Spacing();
  ImGui::Separator();
  charts_section(state, font * 10.0f);
}

}  // namespace

// Two sub-tabs: the safety-stock calculator and the textbook models.
void single_location_panel(app::AppSession& state, ShownText& shown) {
  if (!ImGui::BeginTabBar("single-location-tabs")) return;
  if (ImGui::BeginTabItem("Safety stock")) {
    record_rect(shown, "single:safety_stock");
    safety_stock_section(state, shown);
    ImGui::EndTabItem();
  } else {
    record_rect(shown, "single:safety_stock");
  }
  if (ImGui::BeginTabItem("Textbook models")) {
    record_rect(shown, "single:textbook");
    textbook_section(state, shown);
    ImGui::EndTabItem();
  } else {
    record_rect(shown, "single:textbook");
  }
  ImGui::EndTabBar();
}

}  // namespace echelon::ui
