// The Service levels tab: the portfolio's cost-service frontier and the per-item targets.
//
// Contents
//   colours, uniform_investment_at   the frontier chart's colours; the uniform policy's cost
//   frontier_chart                   optimized and uniform frontiers, target picked by dragging
//   item_table                       sortable table of items with their targets and results
//   segment_matrix                   the ABC x XYZ matrix of items, value and default targets
//   class_colour, adi_cv2_scatter    demand classes on the ADI / CV^2 plane
//   service_panel                    the tab: progress, chart, matrix, scatter, table, CSV export
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/learn/demand_class.h"
#include "core/service/frontier.h"
#include "ui/charts.h"
#include "ui/format.h"
#include "ui/panels.h"
#include "ui/table_sort.h"
#include "ui/wrapped_text.h"


namespace echelon::ui {

namespace {

const ImVec4 kOptimizedColour(0.35f, 0.85f, 0.50f, 1.0f);
const ImVec4 kUniformColour(1.00f, 0.65f, 0.30f, 1.0f);
const ImVec4 kMatrixColour(0.85f, 0.85f, 0.95f, 1.0f);
const ImVec4 kProblemColour(1.0f, 0.5f, 0.4f, 1.0f);

// Investment of the uniform plans at an aggregate fill rate: linear between the traced points.
double uniform_investment_at(const std::vector<service::FrontierPoint>& uniform, double fill_rate) {
  if (uniform.empty()) return 0.0;
  if (fill_rate <= uniform.front().fill_rate) return uniform.front().investment;
  for (std::size_t k = 1; k < uniform.size(); ++k) {
    if (fill_rate <= uniform[k].fill_rate) {
      const double span = uniform[k].fill_rate - uniform[k - 1].fill_rate;
      const double t = span > 0.0 ? (fill_rate - uniform[k - 1].fill_rate) / span : 1.0;
      return uniform[k - 1].investment + t * (uniform[k].investment - uniform[k - 1].investment);
    }
  }
  return uniform.back().investment;
}

// The cost-service frontier: investment (up) against aggregate fill rate (across), the optimized
// curve, the uniform-target plans and the matrix plan; a press or drag on it picks a target.
// Returns the fill rate under the pointer while the button is held.
std::optional<double> frontier_chart(const service::Frontier& frontier, double target, ImVec2 size,
                                     const std::string& currency) {
  std::optional<double> picked;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##frontier", size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg),
                      ImGui::GetStyle().FrameRounding);
  const auto& curve = frontier.overall.points;
  if (curve.size() < 2) return picked;
  const ImVec2 plot_min(origin.x + font * 4.2f, origin.y + font * 0.6f);
  const ImVec2 plot_max(origin.x + size.x - font * 0.8f, origin.y + size.y - font * 1.8f);
  if (plot_max.x <= plot_min.x || plot_max.y <= plot_min.y) return picked;
  // Low fill rates cost next to nothing and flatten the interesting part: the axis starts at 75%
  // (fixed, so a drag does not move the axis under the pointer).
  const double x_hi = curve.back().fill_rate;
  const double x_lo = std::min(std::max(curve.front().fill_rate, 0.75), x_hi - 1e-3);
  double y_hi = service::frontier_investment_at(frontier.overall, x_hi);
  for (const auto& p : frontier.uniform)
    if (p.fill_rate <= x_hi) y_hi = std::max(y_hi, p.investment);
  if (frontier.has_current) y_hi = std::max(y_hi, frontier.current.investment);
  y_hi *= 1.05;
  if (!(x_hi > x_lo) || !(y_hi > 0.0)) return picked;
  auto to_screen = [&](double x, double y) {
    const float fx = static_cast<float>((std::clamp(x, x_lo, x_hi) - x_lo) / (x_hi - x_lo));
    const float fy = static_cast<float>(std::clamp(y / y_hi, 0.0, 1.0));
    return ImVec2(plot_min.x + fx * (plot_max.x - plot_min.x), plot_max.y - fy * (plot_max.y - plot_min.y));
  };
  const ImU32 grid = ImGui::GetColorU32(ImVec4(1.0f, 1.0f, 1.0f, 0.08f));
  const ImU32 label = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // Axes with rounded ticks.
  const double x_step = nice_tick_step(x_hi - x_lo, 6);
  for (double x = std::ceil(x_lo / x_step) * x_step; x <= x_hi + 1e-12; x += x_step) {
    const ImVec2 p = to_screen(x, 0.0);
    draw->AddLine(ImVec2(p.x, plot_min.y), ImVec2(p.x, plot_max.y), grid);
    char text[32];
    std::snprintf(text, sizeof text, "%.*f%%", x_step < 0.01 ? 1 : 0, 100.0 * x);
    draw->AddText(ImVec2(p.x - ImGui::CalcTextSize(text).x * 0.5f, plot_max.y + font * 0.2f), label, text);
  }
  const double y_step = nice_tick_step(y_hi, 4);
  for (double y = 0.0; y <= y_hi + 1e-9; y += y_step) {
    const ImVec2 p = to_screen(x_lo, y);
    draw->AddLine(ImVec2(plot_min.x, p.y), ImVec2(plot_max.x, p.y), grid);
    const std::string text = money(y, "");
    draw->AddText(ImVec2(origin.x + font * 0.3f, p.y - font * 0.5f), label, text.c_str());
  }
  draw->AddText(ImVec2(plot_min.x + font * 0.3f, plot_min.y), label, ("investment, " + currency).c_str());

  std::vector<ImVec2> line;
  line.reserve(curve.size());
  line.push_back(to_screen(x_lo, service::frontier_investment_at(frontier.overall, x_lo)));
  for (const auto& p : curve)
    if (p.fill_rate > x_lo) line.push_back(to_screen(p.fill_rate, p.investment));
  draw->AddPolyline(line.data(), static_cast<int>(line.size()), ImGui::GetColorU32(kOptimizedColour), 0, 2.0f);
  std::vector<ImVec2> uniform;
  for (const auto& p : frontier.uniform)
    if (p.fill_rate >= x_lo && p.fill_rate <= x_hi) uniform.push_back(to_screen(p.fill_rate, p.investment));
  if (uniform.size() >= 2)
    draw->AddPolyline(uniform.data(), static_cast<int>(uniform.size()), ImGui::GetColorU32(kUniformColour), 0, 1.5f);
  if (frontier.has_current) {
    const ImVec2 c = to_screen(frontier.current.fill_rate, frontier.current.investment);
    const float r = font * 0.35f;
    draw->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y),
                        ImGui::GetColorU32(kMatrixColour));
  }
  const ImVec2 t = to_screen(target, service::frontier_investment_at(frontier.overall, target));
  draw->AddLine(ImVec2(t.x, plot_min.y), ImVec2(t.x, plot_max.y), ImGui::GetColorU32(ImVec4(1, 1, 1, 0.35f)));
  draw->AddCircleFilled(t, font * 0.35f, ImGui::GetColorU32(kOptimizedColour));

  if (held) {
    const float fx = (ImGui::GetIO().MousePos.x - plot_min.x) / (plot_max.x - plot_min.x);
    picked = std::clamp(x_lo + static_cast<double>(std::clamp(fx, 0.0f, 1.0f)) * (x_hi - x_lo), 0.5, 0.995);
  }
  return picked;
}

enum ItemColumn { kItem, kLocation, kSegment, kClass, kMatrix, kOptimized, kSafety, kInvestment, kSimulated, kItemColumns };

void item_table(const service::Portfolio& portfolio, const service::ServiceResults& results, SortedRows& view,
                std::uint64_t generation, const std::string& currency) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("service-items", kItemColumns, flags, ImVec2(0.0f, ImGui::GetFontSize() * 14.0f))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Item");
  ImGui::TableSetupColumn("Location");
  ImGui::TableSetupColumn("Segment");
  ImGui::TableSetupColumn("Demand class");
  ImGui::TableSetupColumn("Matrix target");
  ImGui::TableSetupColumn("Optimized");
  ImGui::TableSetupColumn("Safety stock");
  ImGui::TableSetupColumn("Investment", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
  ImGui::TableSetupColumn("Simulated");
  ImGui::TableHeadersRow();

  const auto& items = results.optimized.items;
  auto index_of = [&](std::size_t k) { return static_cast<std::size_t>(results.item_index[k]); };
  auto matrix_of = [&](std::size_t k) {
    const std::size_t i = index_of(k);
    return i < portfolio.items.size() ? portfolio.items[i].current_fill_rate : 0.0;
  };
  auto simulated_of = [&](std::size_t k) {
    return results.verified && k < results.verification.items.size() && results.verification.items[k].simulated
               ? results.verification.items[k].simulated_fill_rate.mean
               : -1.0;
  };
  const std::size_t count = std::min(items.size(), results.item_index.size());
  auto key = [&](int column, std::size_t k) -> double {
    switch (column) {
      case kMatrix: return matrix_of(k);
      case kOptimized: return items[k].fill_rate;
      case kSafety: return items[k].safety_stock_units;
      case kInvestment: return items[k].investment;
      case kSimulated: return simulated_of(k);
      default: return 0.0;
    }
  };
  sort_table_rows(view, count, generation, [&](int column, int a, int b) {
    const auto x = static_cast<std::size_t>(a), y = static_cast<std::size_t>(b);
    if (column == kItem) return items[x].id < items[y].id;
    if (column == kLocation) return portfolio.locations[index_of(x)] < portfolio.locations[index_of(y)];
    if (column == kSegment || column == kClass) return items[x].segment < items[y].segment;
    return key(column, x) < key(column, y);
  });
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.order.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const auto k = static_cast<std::size_t>(view.order[static_cast<std::size_t>(r)]);
      const service::ItemAllocation& a = items[k];
      const std::size_t i = index_of(k);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(kItem);
      ImGui::TextUnformatted(a.id.c_str());
      ImGui::TableSetColumnIndex(kLocation);
      ImGui::TextUnformatted(i < portfolio.locations.size() ? portfolio.locations[i].c_str() : "");
      ImGui::TableSetColumnIndex(kSegment);
      ImGui::TextUnformatted(a.segment.c_str());
      ImGui::TableSetColumnIndex(kClass);
      if (i < portfolio.segmentation.items.size()) {
        const std::string_view name = learn::demand_class_name(portfolio.segmentation.items[i].demand_class);
        ImGui::Text("%.*s", static_cast<int>(name.size()), name.data());
      }
      ImGui::TableSetColumnIndex(kMatrix);
      ImGui::TextUnformatted(percent(matrix_of(k)).c_str());
      ImGui::TableSetColumnIndex(kOptimized);
      ImGui::TextColored(a.fill_rate < matrix_of(k) - 1e-4 ? kUniformColour : kOptimizedColour, "%s",
                         percent(a.fill_rate).c_str());
      ImGui::TableSetColumnIndex(kSafety);
      ImGui::Text("%.1f", a.safety_stock_units);
      ImGui::TableSetColumnIndex(kInvestment);
      ImGui::TextUnformatted(money(a.investment, currency).c_str());
      ImGui::TableSetColumnIndex(kSimulated);
      const double sim = simulated_of(k);
      if (sim < 0.0) {
        ImGui::TextDisabled("-");
      } else {
        const double half = 1.96 * results.verification.items[k].simulated_fill_rate.standard_error;
        ImGui::Text("%s +- %.1f", percent(sim).c_str(), 100.0 * half);
      }
    }
  }
  ImGui::EndTable();
}

// The ABC x XYZ matrix: items and annual value per cell, and each cell's default target
// (editable; Enter applies it).
void segment_matrix(app::AppSession& state, const service::Portfolio& portfolio, const std::string& currency) {
  app::ServiceSettings settings = state.service_settings();
  bool changed = false;
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame;
  if (ImGui::BeginTable("abc-xyz", 4, flags)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2.0f);
    ImGui::TableSetupColumn("X (steady)");
    ImGui::TableSetupColumn("Y (variable)");
    ImGui::TableSetupColumn("Z (erratic)");
    ImGui::TableHeadersRow();
    for (int a = 0; a < 3; ++a) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string_view abc = service::abc_name(static_cast<service::AbcClass>(a));
      ImGui::Text("%.*s", static_cast<int>(abc.size()), abc.data());
      for (int x = 0; x < 3; ++x) {
        ImGui::TableSetColumnIndex(x + 1);
        const service::SegmentCell& cell = portfolio.segmentation.cells[static_cast<std::size_t>(a)][static_cast<std::size_t>(x)];
        // Wrapped at spaces, so a cell at 1280x800 shows its whole value rather than clipping it.
        text_wrapped_at_spaces(format_text("%d items, %s a year", cell.items, money(cell.annual_value, currency).c_str()));
        ImGui::PushID(a * 3 + x);
        double value = 100.0 * settings.targets.fill_rate[static_cast<std::size_t>(a)][static_cast<std::size_t>(x)];
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::InputDouble("##target", &value, 0.0, 0.0, "%.1f%%", ImGuiInputTextFlags_EnterReturnsTrue)) {
          settings.targets.fill_rate[static_cast<std::size_t>(a)][static_cast<std::size_t>(x)] = value / 100.0;
          changed = true;
        }
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  double abc[2] = {100.0 * settings.abc.a_share, 100.0 * settings.abc.b_share};
  if (ImGui::InputScalarN("ABC value cut-offs", ImGuiDataType_Double, abc, 2, nullptr, nullptr, "%.0f%%",
                          ImGuiInputTextFlags_EnterReturnsTrue)) {
    settings.abc.a_share = abc[0] / 100.0;
    settings.abc.b_share = abc[1] / 100.0;
    changed = true;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  double xyz[2] = {settings.xyz.x_cv, settings.xyz.y_cv};
  if (ImGui::InputScalarN("XYZ error-CV cut-offs", ImGuiDataType_Double, xyz, 2, nullptr, nullptr, "%.2f",
                          ImGuiInputTextFlags_EnterReturnsTrue)) {
    settings.xyz.x_cv = xyz[0];
    settings.xyz.y_cv = xyz[1];
    changed = true;
  }
  if (changed) state.set_service_settings(settings);
  for (const Problem& p : state.service_settings_problems())
    ImGui::TextColored(kProblemColour, "%s: %s", p.path.c_str(), p.message.c_str());
}


ImVec4 class_colour(learn::DemandClass c) {
  switch (c) {
    case learn::DemandClass::smooth: return ImVec4(0.40f, 0.80f, 0.50f, 0.9f);
    case learn::DemandClass::erratic: return ImVec4(0.95f, 0.75f, 0.30f, 0.9f);
    case learn::DemandClass::intermittent: return ImVec4(0.45f, 0.65f, 1.00f, 0.9f);
    case learn::DemandClass::lumpy: return ImVec4(0.95f, 0.40f, 0.40f, 0.9f);
    case learn::DemandClass::no_demand: break;
  }
  return ImVec4(0.6f, 0.6f, 0.6f, 0.9f);
}

// Every item by its average inter-demand interval (log scale) and the squared CV of its demand
// sizes, coloured by its Syntetos-Boylan class; the two cut-off lines can be dragged, and the
// points recolour as they move (the classification is applied when the line is released).
void adi_cv2_scatter(app::AppSession& state, const service::Portfolio& portfolio, ServiceView& view, ShownText& shown) {
  const float font = ImGui::GetFontSize();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, font * 11.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##adi-cv2", size);
  record_rect(shown, "service:scatter");
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg),
                      ImGui::GetStyle().FrameRounding);
  const ImVec2 lo(origin.x + font * 2.2f, origin.y + font * 0.5f);
  const ImVec2 hi(origin.x + size.x - font * 0.5f, origin.y + size.y - font * 1.6f);
  if (hi.x <= lo.x || hi.y <= lo.y) return;
  double adi_max = 2.0, cv2_max = 1.0;
  for (const auto& it : portfolio.segmentation_inputs) {
    if (it.adi > 0.0) adi_max = std::max(adi_max, it.adi);
    cv2_max = std::max(cv2_max, std::min(it.cv2, 4.0));
  }
  adi_max *= 1.1;
  cv2_max *= 1.1;
  const double log_max = std::log(adi_max);
  auto x_of = [&](double adi) { return lo.x + static_cast<float>(std::log(std::max(adi, 1.0)) / log_max) * (hi.x - lo.x); };
  auto y_of = [&](double cv2) { return hi.y - static_cast<float>(std::min(cv2, cv2_max) / cv2_max) * (hi.y - lo.y); };
  auto adi_at = [&](float x) { return std::exp(std::clamp((x - lo.x) / (hi.x - lo.x), 0.01f, 1.0f) * log_max); };
  auto cv2_at = [&](float y) { return std::clamp(static_cast<double>((hi.y - y) / (hi.y - lo.y)), 0.01, 1.0) * cv2_max; };

  const learn::DemandClassCutoffs& settled = state.service_settings().demand_class;
  if (view.dragging_cutoff == 0) {
    view.drag_adi = settled.adi;
    view.drag_cv2 = settled.cv2;
  }
  const float line_x = x_of(view.drag_adi);
  const float line_y = y_of(view.drag_cv2);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    const float dx = std::abs(mouse.x - line_x), dy = std::abs(mouse.y - line_y);
    if (std::min(dx, dy) < font * 0.6f) view.dragging_cutoff = dx < dy ? 1 : 2;
  }
  if (active && view.dragging_cutoff == 1) view.drag_adi = adi_at(mouse.x);
  if (active && view.dragging_cutoff == 2) view.drag_cv2 = cv2_at(mouse.y);
  if (!active && view.dragging_cutoff != 0) {
    app::ServiceSettings settings = state.service_settings();
    settings.demand_class = {view.drag_adi, view.drag_cv2};
    state.set_service_settings(settings);
    view.dragging_cutoff = 0;
  }
  if ((hovered || active) && (view.dragging_cutoff != 0 || std::abs(mouse.x - line_x) < font * 0.6f ||
                              std::abs(mouse.y - line_y) < font * 0.6f))
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  const learn::DemandClassCutoffs live{view.drag_adi, view.drag_cv2};
  int counts[5] = {0, 0, 0, 0, 0};
  for (const auto& it : portfolio.segmentation_inputs) {
    const learn::DemandClass c = it.adi > 0.0 ? learn::classify(it.adi, it.cv2, live) : learn::DemandClass::no_demand;
    ++counts[static_cast<int>(c)];
    if (it.adi <= 0.0) continue;
    draw->AddCircleFilled(ImVec2(x_of(it.adi), y_of(it.cv2)), font * 0.16f, ImGui::GetColorU32(class_colour(c)));
  }
  const ImU32 cut = ImGui::GetColorU32(ImVec4(1.0f, 1.0f, 1.0f, 0.75f));
  draw->AddLine(ImVec2(line_x, lo.y), ImVec2(line_x, hi.y), cut, view.dragging_cutoff == 1 ? 2.5f : 1.5f);
  draw->AddLine(ImVec2(lo.x, line_y), ImVec2(hi.x, line_y), cut, view.dragging_cutoff == 2 ? 2.5f : 1.5f);
  const ImU32 label = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char text[64];
  std::snprintf(text, sizeof text, "ADI %.2f", view.drag_adi);
  draw->AddText(ImVec2(line_x + font * 0.2f, hi.y + font * 0.1f), label, text);
  std::snprintf(text, sizeof text, "CV2 %.2f", view.drag_cv2);
  draw->AddText(ImVec2(lo.x - font * 2.1f, line_y - font * 1.1f), label, text);
  draw->AddText(ImVec2(hi.x - ImGui::CalcTextSize("ADI (log) ->").x, hi.y + font * 0.1f), label, "ADI (log) ->");
  for (int c = 0; c < 4; ++c) {
    const auto cls = static_cast<learn::DemandClass>(c);
    const std::string legend = std::string(learn::demand_class_name(cls)) + " " + std::to_string(counts[c]);
    if (c > 0) same_line_if_fits(ImGui::CalcTextSize(legend.c_str()).x);
    ImGui::TextColored(class_colour(cls), "%s", legend.c_str());
  }
  shown["service_smooth_items"] = std::to_string(counts[0]);
  text_disabled_wrapped_at_spaces("Drag a line to move a cut-off (Syntetos, Boylan & Croston 2005: ADI 1.32, CV2 0.49).");
}

}  // namespace

void service_panel(app::AppSession& state, ServiceView& view, ShownText& shown, const SaveFile& save) {
  const std::string& currency = state.editor().scenario().currency;
  const auto& run = state.service_run();
  if (!run) {
    ImGui::TextDisabled("Preparing the service-level study...");
    return;
  }
  if (!run->problems().empty()) {
    ImGui::TextColored(kProblemColour, "No service-level study for this scenario:");
    for (const Problem& p : run->problems()) bullet_wrapped_at_spaces(p.path + ": " + p.message);
    return;
  }
  const service::ServiceResults* results = run->results();
  if (!results) {
    char label[96];
    std::snprintf(label, sizeof label, "%s, %.0f%%", run->phase().c_str(), 100.0 * run->progress());
    ImGui::TextUnformatted("Computing every item's cost-service curve, the optimal targets and their simulation check...");
    ImGui::ProgressBar(static_cast<float>(run->progress()), ImVec2(ImGui::GetFontSize() * 20.0f, 0.0f), label);
    shown["service_progress"] = label;
    return;
  }
  const service::Portfolio& portfolio = *run->portfolio();
  const double target = view.drag_target.value_or(state.service_settings().target_fill_rate);
  const double optimized = service::frontier_investment_at(results->frontier.overall, target);
  const double uniform = uniform_investment_at(results->frontier.uniform, target);
  shown["service_items"] = std::to_string(results->optimized.items.size());
  shown["service_optimized_investment"] = money(results->optimized.investment, currency);
  shown["service_uniform_investment"] = money(results->uniform.investment, currency);
  shown["service_savings"] = percent(results->savings_vs_uniform);

  const float width = ImGui::GetContentRegionAvail().x;
  const float left_width = std::max(ImGui::GetFontSize() * 24.0f, width * 0.42f);
  ImGui::BeginChild("service-left", ImVec2(left_width, 0.0f), false);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (!view.slider_active) view.slider_value = static_cast<float>(100.0 * state.service_settings().target_fill_rate);
  ImGui::SliderFloat("aggregate fill-rate target", &view.slider_value, 80.0f, 99.5f, "%.1f%%");
  view.slider_active = ImGui::IsItemActive();
  if (view.slider_active) view.drag_target = view.slider_value / 100.0;
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    app::ServiceSettings settings = state.service_settings();
    settings.target_fill_rate = view.slider_value / 100.0;
    state.set_service_settings(settings);
    view.drag_target.reset();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(kOptimizedColour, "Differentiated targets: %s", money(optimized, currency).c_str());
  const std::string best_uniform = "best uniform target: " + money(uniform, currency);
  same_line_if_fits(ImGui::CalcTextSize(best_uniform.c_str()).x);
  ImGui::TextColored(kUniformColour, "%s", best_uniform.c_str());
  if (!view.drag_target) {
    ImGui::Text("At %s aggregate fill rate the optimized targets need %s less safety-stock investment than the best "
                "uniform target (%s on every item).",
                percent(results->optimized.aggregate_fill_rate).c_str(), percent(results->savings_vs_uniform).c_str(),
                percent(results->uniform_target).c_str());
    if (results->has_current)
      ImGui::TextColored(kMatrixColour, "Matrix targets: %s for %s aggregate.", money(results->current.investment, currency).c_str(),
                         percent(results->current.aggregate_fill_rate).c_str());
    if (results->verified) {
      const auto& v = results->verification;
      const std::string simulated = percent(v.simulated_fill_rate, 2) + " +- " + percent(v.half_width_95, 2);
      shown["service_simulated"] = simulated;
      ImGui::TextColored(v.met ? kOptimizedColour : kProblemColour, "Promised %s, simulated %s: %s.",
                         percent(v.promised_fill_rate, 2).c_str(), simulated.c_str(),
                         v.met ? "promise kept" : "below the promise");
    }
    ImGui::TextDisabled("Certificate: duality gap %s, multiplier %.4g per point of fill rate.",
                        money(std::max(0.0, results->optimized.certificate.duality_gap), currency).c_str(),
                        results->optimized.certificate.multiplier / 100.0);
  } else {
    ImGui::TextDisabled("Release to compute the item targets and their simulation check at %s.", percent(target).c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  segment_matrix(state, portfolio, currency);
  ImGui::Separator();
  adi_cv2_scatter(state, portfolio, view, shown);
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("service-right", ImVec2(0.0f, 0.0f), false);
  ImGui::TextColored(kOptimizedColour, "optimized");
  same_line_if_fits(ImGui::CalcTextSize("uniform targets").x);
  ImGui::TextColored(kUniformColour, "uniform targets");
  same_line_if_fits(ImGui::CalcTextSize("matrix targets").x);
  ImGui::TextColored(kMatrixColour, "matrix targets");
  const char* chart_hint = "(press or drag on the chart to set the target)";
  same_line_if_fits(ImGui::CalcTextSize(chart_hint).x);
  text_disabled_wrapped_at_spaces(chart_hint);
  const float chart_height = std::max(ImGui::GetFontSize() * 9.0f, ImGui::GetContentRegionAvail().y * 0.5f);
  const auto picked = frontier_chart(results->frontier, target, ImVec2(ImGui::GetContentRegionAvail().x, chart_height), currency);
  record_rect(shown, "service:frontier");
  if (picked) {
    view.drag_target = *picked;
  } else if (view.drag_target && !view.slider_active) {
    app::ServiceSettings settings = state.service_settings();
    settings.target_fill_rate = *view.drag_target;
    state.set_service_settings(settings);
    view.drag_target.reset();
  }
  if (ImGui::SmallButton("Export items (CSV)") && save && run->portfolio())
    save("service-levels.csv", app::service_items_csv(portfolio, *results), "text/csv");
  record_rect(shown, "service:export");
  ImGui::SameLine();
  ImGui::TextDisabled("%zu items; click a header to sort.", results->optimized.items.size());
  item_table(portfolio, *results, view.items, state.service_run_generation(), currency);
  ImGui::EndChild();
}

}  // namespace echelon::ui
