// Sorting a table's rows by the column a person clicked, once when the data or the sort order
// changes rather than every frame.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "ui/network_view.h"

namespace echelon::ui {

// Call between the table's header row and its rows. `less(column, a, b)` orders rows a and b by
// `column` ascending; the order is reversed for a descending sort. `generation` names the data
// (a new one re-sorts).
template <typename Less>
void sort_table_rows(SortedRows& view, std::size_t count, std::uint64_t generation, Less less) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  const bool changed = view.sorted_generation != generation || view.order.size() != count;
  if (!changed && !(specs && specs->SpecsDirty)) return;
  view.order.resize(count);
  for (std::size_t i = 0; i < count; ++i) view.order[i] = static_cast<int>(i);
  if (specs && specs->SpecsCount > 0) {
    const int column = specs->Specs[0].ColumnIndex;
    const bool ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(view.order.begin(), view.order.end(),
                     [&](int a, int b) { return ascending ? less(column, a, b) : less(column, b, a); });
  }
  if (specs) specs->SpecsDirty = false;
  view.sorted_generation = generation;
}

}  // namespace echelon::ui
