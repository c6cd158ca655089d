#include "ui/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>  // the window's visible (clip) rectangle

#include "ui/panels.h"

namespace echelon::ui {

void record_rect(ShownText& shown, const std::string& key) {
  // The part of the item that can be seen: a table row spanning columns scrolled out of view has
  // its centre off screen, and a click there would miss it.
  ImVec2 a = ImGui::GetItemRectMin();
  ImVec2 b = ImGui::GetItemRectMax();
  const ImRect visible = ImGui::GetCurrentWindowRead()->InnerClipRect;
  const ImVec2 ca(std::max(a.x, visible.Min.x), std::max(a.y, visible.Min.y));
  const ImVec2 cb(std::min(b.x, visible.Max.x), std::min(b.y, visible.Max.y));
  if (cb.x > ca.x && cb.y > ca.y) {
    a = ca;
    b = cb;
  }
  char text[96];
  std::snprintf(text, sizeof text, "%.1f %.1f %.1f %.1f", a.x, a.y, b.x - a.x, b.y - a.y);
  shown["rect:" + key] = text;
}

double nice_tick_step(double range, int target_ticks) {
  if (!(range > 0.0) || target_ticks < 1) return 1.0;
  const double rough = range / target_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  const double fraction = rough / magnitude;
  const double nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;
  return nice * magnitude;
}

void density_chart(const char* id, const std::vector<double>& xs, const std::vector<double>& densities,
                   const std::vector<ChartMarker>& markers, double shade_above, ImVec2 size) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float font = ImGui::GetFontSize();
  const ImVec2 plot_min(origin.x + font * 0.5f, origin.y + font * 2.7f);  // two rows of marker labels
  const ImVec2 plot_max(origin.x + size.x - font * 0.5f, origin.y + size.y - font * 1.8f);
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                      ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);

  if (xs.size() < 2 || xs.size() != densities.size() || plot_max.x <= plot_min.x || plot_max.y <= plot_min.y) {
    ImGui::PopID();
    return;
  }
  const double x_lo = xs.front();
  const double x_hi = xs.back();
  const double y_hi = *std::max_element(densities.begin(), densities.end()) * 1.08;
  auto to_screen = [&](double x, double y) {
    const float fx = static_cast<float>((x - x_lo) / (x_hi - x_lo));
    const float fy = static_cast<float>(y_hi > 0.0 ? y / y_hi : 0.0);
    return ImVec2(plot_min.x + fx * (plot_max.x - plot_min.x), plot_max.y - fy * (plot_max.y - plot_min.y));
  };

  const ImU32 fill = ImGui::GetColorU32(ImVec4(0.30f, 0.55f, 0.85f, 0.35f));
  const ImU32 fill_tail = ImGui::GetColorU32(ImVec4(0.90f, 0.35f, 0.30f, 0.55f));
  const ImU32 line = ImGui::GetColorU32(ImVec4(0.35f, 0.65f, 1.00f, 1.0f));
  // Filled area as vertical quads between neighbouring points (the curve is not convex).
  // Anti-aliased fill would draw a faint seam between every pair of quads.
  const ImDrawListFlags saved_flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (size_t i = 0; i + 1 < xs.size(); ++i) {
    const ImVec2 a = to_screen(xs[i], densities[i]);
    const ImVec2 b = to_screen(xs[i + 1], densities[i + 1]);
    const bool tail = xs[i] >= shade_above;
    draw->AddQuadFilled(ImVec2(a.x, plot_max.y), a, b, ImVec2(b.x, plot_max.y), tail ? fill_tail : fill);
  }
  draw->Flags = saved_flags;
  std::vector<ImVec2> polyline;
  polyline.reserve(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) polyline.push_back(to_screen(xs[i], densities[i]));
  draw->AddPolyline(polyline.data(), static_cast<int>(polyline.size()), line, ImDrawFlags_None, 2.0f);

  // X axis with rounded ticks.
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  draw->AddLine(ImVec2(plot_min.x, plot_max.y), ImVec2(plot_max.x, plot_max.y), axis, 1.0f);
  const double step = nice_tick_step(x_hi - x_lo, 6);
  char label[64];
  for (double t = std::ceil(x_lo / step) * step; t <= x_hi; t += step) {
    const ImVec2 p = to_screen(t, 0.0);
    draw->AddLine(p, ImVec2(p.x, p.y + font * 0.3f), axis, 1.0f);
    std::snprintf(label, sizeof label, "%g", std::abs(t) < step * 1e-6 ? 0.0 : t);
    const ImVec2 text_size = ImGui::CalcTextSize(label);
    const float tx = std::clamp(p.x - text_size.x * 0.5f, origin.x + 2.0f, origin.x + size.x - text_size.x - 2.0f);
    draw->AddText(ImVec2(tx, p.y + font * 0.35f), ImGui::GetColorU32(ImGuiCol_Text), label);
  }

  // Markers with their labels above the plot, nudged so that neighbours do not overlap.
  float last_label_right = -1e9f;
  float label_row = 0.0f;
  for (const ChartMarker& m : markers) {
    if (m.x < x_lo || m.x > x_hi) continue;
    const ImVec2 p = to_screen(m.x, 0.0);
    draw->AddLine(ImVec2(p.x, plot_min.y), ImVec2(p.x, plot_max.y), m.color, 2.0f);
    const ImVec2 text_size = ImGui::CalcTextSize(m.label.c_str());
    float tx = std::clamp(p.x - text_size.x * 0.5f, origin.x + 2.0f, origin.x + size.x - text_size.x - 2.0f);
    label_row = (tx < last_label_right + font * 0.5f && label_row < 1.0f) ? label_row + 1.0f : 0.0f;
    draw->AddText(ImVec2(tx, origin.y + font * 0.2f + label_row * font * 1.15f), m.color, m.label.c_str());
    last_label_right = tx + text_size.x;
  }
  ImGui::PopID();
}

void stacked_bar(const char* id, const std::vector<BarSegment>& segments, float height) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("##bar", ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  double total = 0.0;
  for (const BarSegment& s : segments) total += std::max(0.0, s.value);
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg));
  if (total > 0.0) {
    float x = origin.x;
    for (const BarSegment& s : segments) {
      const float w = static_cast<float>(std::max(0.0, s.value) / total) * width;
      draw->AddRectFilled(ImVec2(x, origin.y), ImVec2(x + w, origin.y + height), s.color);
      x += w;
    }
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.5f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float box = ImGui::GetTextLineHeight() * 0.7f;
    const float pad = (ImGui::GetTextLineHeight() - box) * 0.5f;
    draw->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + box, p.y + pad + box), segments[i].color);
    ImGui::Dummy(ImVec2(box, box));
    ImGui::SameLine();
    ImGui::TextUnformatted(segments[i].label.c_str());
  }
  ImGui::PopID();
}

}  // namespace echelon::ui
