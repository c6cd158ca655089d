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

// "Nice" tick spacing for an axis spanning `range` with about `target_ticks` ticks.
double nice_tick_step(double range, int target_ticks);

}  // namespace echelon::ui
