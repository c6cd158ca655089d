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

namespace echelon::ui {

namespace {

// The plot rectangle of a chart with a y axis: room on the left for the widest tick label and
// one text row below for the x labels.
struct Plot {
  ImVec2 min, max;
  double y_hi = 1.0;
  double y_step = 1.0;
  ImVec2 to_screen(double fx, double y) const {
    const float py = static_cast<float>(y_hi > 0.0 ? std::clamp(y / y_hi, 0.0, 1.0) : 0.0);
    return ImVec2(min.x + static_cast<float>(fx) * (max.x - min.x), max.y - py * (max.y - min.y));
  }
};

Plot begin_plot(const char* id, double y_max, ImVec2 size, ImVec2& origin) {
  origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg),
                      ImGui::GetStyle().FrameRounding);
  Plot plot;
  plot.y_step = nice_tick_step(y_max > 0.0 ? y_max : 1.0, 4);
  plot.y_hi = std::max(plot.y_step, std::ceil((y_max > 0.0 ? y_max : 1.0) / plot.y_step) * plot.y_step);
  char label[32];
  float widest = 0.0f;
  for (double t = 0.0; t <= plot.y_hi + plot.y_step * 1e-6; t += plot.y_step) {
    std::snprintf(label, sizeof label, "%g", t);
    widest = std::max(widest, ImGui::CalcTextSize(label).x);
  }
  plot.min = ImVec2(origin.x + widest + font * 0.6f, origin.y + font * 0.6f);
  plot.max = ImVec2(origin.x + size.x - font * 0.6f, origin.y + size.y - font * 1.5f);
  if (plot.max.x <= plot.min.x || plot.max.y <= plot.min.y) return plot;
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.25f);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  for (double t = 0.0; t <= plot.y_hi + plot.y_step * 1e-6; t += plot.y_step) {
    const ImVec2 p = plot.to_screen(0.0, t);
    draw->AddLine(ImVec2(plot.min.x, p.y), ImVec2(plot.max.x, p.y), grid, 1.0f);
    std::snprintf(label, sizeof label, "%g", t);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(plot.min.x - ts.x - font * 0.3f, p.y - ts.y * 0.5f), text, label);
  }
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  draw->AddLine(ImVec2(plot.min.x, plot.max.y), ImVec2(plot.max.x, plot.max.y), axis, 1.0f);
  draw->AddLine(ImVec2(plot.min.x, plot.min.y), ImVec2(plot.min.x, plot.max.y), axis, 1.0f);
  return plot;
}

bool drawable(const Plot& plot) { return plot.max.x > plot.min.x && plot.max.y > plot.min.y; }

// A label centred under x, kept inside the chart and to the right of the last one drawn.
void x_label(ImDrawList* draw, const Plot& plot, float x, const char* text, float& last_right, ImVec2 origin, ImVec2 size) {
  const float font = ImGui::GetFontSize();
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const float tx = std::clamp(x - ts.x * 0.5f, origin.x + 2.0f, origin.x + size.x - ts.x - 2.0f);
  if (tx < last_right + font * 0.8f) return;
  draw->AddLine(ImVec2(x, plot.max.y), ImVec2(x, plot.max.y + font * 0.25f), ImGui::GetColorU32(ImGuiCol_TextDisabled), 1.0f);
  draw->AddText(ImVec2(tx, plot.max.y + font * 0.25f), ImGui::GetColorU32(ImGuiCol_Text), text);
  last_right = tx + ts.x;
}

}  // namespace

void series_chart(const char* id, const SeriesChartData& data, ImVec2 size) {
  ImGui::PushID(id);
  double y_max = 0.0;
  auto widen = [&](const std::vector<double>& v) {
    for (const double x : v)
      if (std::isfinite(x)) y_max = std::max(y_max, x);
  };
  widen(data.bars);
  widen(data.line);
  widen(data.future);
  widen(data.band_high);
  ImVec2 origin;
  const Plot plot = begin_plot("##series", y_max * 1.05, size, origin);
  const std::size_t history = data.bars.size();
  const std::size_t total = history + data.future.size();
  if (!drawable(plot) || total == 0) {
    ImGui::PopID();
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(plot.min.x, plot.min.y - 1.0f), ImVec2(plot.max.x + 1.0f, plot.max.y + 1.0f), true);
  const double slot = 1.0 / static_cast<double>(total);
  auto centre = [&](std::size_t t) { return (static_cast<double>(t) + 0.5) * slot; };
  const float bar_half = std::max(0.5f, static_cast<float>(slot * (plot.max.x - plot.min.x)) * 0.4f);
  const ImU32 bar = ImGui::GetColorU32(ImVec4(0.45f, 0.60f, 0.80f, 0.85f));
  const ImU32 bar_faded = ImGui::GetColorU32(ImVec4(0.45f, 0.60f, 0.80f, 0.30f));
  for (std::size_t t = 0; t < history; ++t) {
    if (!std::isfinite(data.bars[t])) continue;
    const ImVec2 top = plot.to_screen(centre(t), data.bars[t]);
    draw->AddRectFilled(ImVec2(top.x - bar_half, top.y), ImVec2(top.x + bar_half, plot.max.y),
                        static_cast<int>(t) < data.faded_before ? bar_faded : bar);
  }
  // The band of the future periods, then the lines.
  const ImU32 band = ImGui::GetColorU32(ImVec4(1.0f, 0.65f, 0.30f, 0.28f));
  const std::size_t future = std::min({data.future.size(), data.band_low.size(), data.band_high.size()});
  for (std::size_t k = 0; k + 1 < future; ++k) {
    const ImVec2 a_lo = plot.to_screen(centre(history + k), data.band_low[k]);
    const ImVec2 a_hi = plot.to_screen(centre(history + k), data.band_high[k]);
    const ImVec2 b_lo = plot.to_screen(centre(history + k + 1), data.band_low[k + 1]);
    const ImVec2 b_hi = plot.to_screen(centre(history + k + 1), data.band_high[k + 1]);
    draw->AddQuadFilled(a_lo, a_hi, b_hi, b_lo, band);
  }
  auto polyline = [&](const std::vector<double>& values, std::size_t first, ImU32 colour) {
    std::vector<ImVec2> points;
    auto flush = [&] {
      if (points.size() >= 2) draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, 2.0f);
      points.clear();
    };
    for (std::size_t t = 0; t < values.size(); ++t) {
      if (!std::isfinite(values[t])) {
        flush();
        continue;
      }
      points.push_back(plot.to_screen(centre(first + t), values[t]));
    }
    flush();
  };
  const ImU32 forecast = ImGui::GetColorU32(ImVec4(1.0f, 0.65f, 0.30f, 1.0f));
  polyline(data.line, 0, forecast);
  polyline(data.future, history, forecast);
  if (future == 1) {
    const ImVec2 lo = plot.to_screen(centre(history), data.band_low[0]);
    const ImVec2 hi = plot.to_screen(centre(history), data.band_high[0]);
    draw->AddLine(lo, hi, forecast, 3.0f);
  }
  // Where the history ends, and where a change was found.
  const ImU32 divider = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  if (!data.future.empty()) {
    const float x = plot.to_screen(static_cast<double>(history) * slot, 0.0).x;
    draw->AddLine(ImVec2(x, plot.min.y), ImVec2(x, plot.max.y), divider, 1.0f);
  }
  if (data.marker > 0 && static_cast<std::size_t>(data.marker) < history) {
    const float x = plot.to_screen(static_cast<double>(data.marker) * slot, 0.0).x;
    draw->AddLine(ImVec2(x, plot.min.y), ImVec2(x, plot.max.y), ImGui::GetColorU32(ImVec4(0.9f, 0.35f, 0.3f, 1.0f)), 2.0f);
  }
  draw->PopClipRect();
  // X labels: the first, then every k-th period where there is room, and the first forecast one.
  if (data.labels && data.labels->size() >= total) {
    const float font = ImGui::GetFontSize();
    const float label_width = ImGui::CalcTextSize((*data.labels)[0].c_str()).x + font;
    const float period_width = (plot.max.x - plot.min.x) / static_cast<float>(total);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_width / std::max(period_width, 0.1f))));
    float last_right = -1e9f;
    for (std::size_t t = 0; t < total; t += every) {
      x_label(draw, plot, plot.to_screen(centre(t), 0.0).x, (*data.labels)[t].c_str(), last_right, origin, size);
    }
  }
  ImGui::PopID();
}

void histogram_chart(const char* id, const std::vector<double>& lows, const std::vector<double>& highs,
                     const std::vector<double>& counts, const std::vector<double>& expected, ImVec2 size) {
  ImGui::PushID(id);
  const std::size_t bins = std::min({lows.size(), highs.size(), counts.size()});
  double y_max = 0.0;
  for (std::size_t b = 0; b < bins; ++b) y_max = std::max(y_max, counts[b]);
  for (const double e : expected)
    if (std::isfinite(e)) y_max = std::max(y_max, e);
  ImVec2 origin;
  const Plot plot = begin_plot("##histogram", y_max * 1.05, size, origin);
  if (!drawable(plot) || bins == 0) {
    ImGui::PopID();
    return;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const double x_lo = lows.front();
  const double x_hi = highs[bins - 1];
  const double span = x_hi > x_lo ? x_hi - x_lo : 1.0;
  auto fx = [&](double x) { return (x - x_lo) / span; };
  const ImU32 bar = ImGui::GetColorU32(ImVec4(0.45f, 0.60f, 0.80f, 0.85f));
  const ImU32 edge = ImGui::GetColorU32(ImGuiCol_FrameBg);
  for (std::size_t b = 0; b < bins; ++b) {
    const ImVec2 a = plot.to_screen(fx(lows[b]), counts[b]);
    const ImVec2 c = plot.to_screen(fx(highs[b]), 0.0);
    draw->AddRectFilled(a, c, bar);
    draw->AddRect(a, c, edge);
  }
  const ImU32 fit = ImGui::GetColorU32(ImVec4(1.0f, 0.65f, 0.30f, 1.0f));
  std::vector<ImVec2> points;
  for (std::size_t b = 0; b < std::min(bins, expected.size()); ++b) {
    points.push_back(plot.to_screen(fx(0.5 * (lows[b] + highs[b])), expected[b]));
    draw->AddCircleFilled(points.back(), 3.0f, fit);
  }
  if (points.size() >= 2) draw->AddPolyline(points.data(), static_cast<int>(points.size()), fit, ImDrawFlags_None, 2.0f);
  // X ticks at rounded values of the bins' unit (whole-number bins are centred on their value).
  const bool whole_bins = std::abs(lows[0] - std::floor(lows[0]) - 0.5) < 1e-9;
  const double step = std::max(whole_bins ? 1.0 : 0.0, nice_tick_step(span, 6));
  float last_right = -1e9f;
  char label[32];
  for (double t = std::ceil((whole_bins ? x_lo + 0.5 : x_lo) / step) * step; t <= x_hi + step * 1e-6; t += step) {
    std::snprintf(label, sizeof label, "%g", std::abs(t) < step * 1e-6 ? 0.0 : t);
    x_label(draw, plot, plot.to_screen(fx(t), 0.0).x, label, last_right, origin, size);
  }
  ImGui::PopID();
}

}  // namespace echelon::ui
