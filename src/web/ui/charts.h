// Charts drawn with ImGui's draw lists (no plotting library ships for this target).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace echelon::ui {

struct ChartMarker {
  double x = 0.0;
  ImU32 color = 0;
  std::string label;
};

// A filled density curve over the points' x range, with vertical markers and an x axis with
// rounded tick labels. `shade_above` fills the area right of that x in a second colour (for
// example the stockout region beyond the reorder point). Takes the whole `size`.
void density_chart(const char* id, const std::vector<double>& xs, const std::vector<double>& densities,
                   const std::vector<ChartMarker>& markers, double shade_above, ImVec2 size);

// One horizontal bar split into coloured segments with a legend under it.
struct BarSegment {
  double value = 0.0;
  ImU32 color = 0;
  std::string label;
};
void stacked_bar(const char* id, const std::vector<BarSegment>& segments, float height);

// A series over periods: the observed values as bars (NaN: a gap), a line over them (say the
// one-step forecast), then `future` periods drawn as a line inside a band, with a y axis in
// units and x labels from `labels` (one per period, history then future), thinned so they do not
// overlap. Periods before `faded_before` are drawn faded (not used); `marker` >= 0 draws a
// vertical line before that period. Takes the whole `size`.
struct SeriesChartData {
  std::vector<double> bars;
  std::vector<double> line;
  std::vector<double> future;
  std::vector<double> band_low, band_high;  // one per future period
  const std::vector<std::string>* labels = nullptr;
  int faded_before = 0;
  int marker = -1;
};
void series_chart(const char* id, const SeriesChartData& data, ImVec2 size);

// Bars of counts per bin [lows[i], highs[i]) with the expected counts drawn over them as points
// joined by a line, a y axis in counts and an x axis in the bins' unit. Takes the whole `size`.
void histogram_chart(const char* id, const std::vector<double>& lows, const std::vector<double>& highs,
                     const std::vector<double>& counts, const std::vector<double>& expected, ImVec2 size);

// "Nice" tick spacing for an axis spanning `range` with about `target_ticks` ticks.
double nice_tick_step(double range, int target_ticks);

}  // namespace echelon::ui
