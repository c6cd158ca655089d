// What the network canvas shows on top of the scenario: per-node numbers from the plan and the
// simulation, and the canvas's own pan/zoom state. Filled by the app from core results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace echelon::ui {

struct NodeOverlay {
  double safety_stock = 0.0;                   // units (summed over the node's items)
  double safety_stock_value = 0.0;             // money
  std::optional<double> outbound_service_time; // periods, from the multi-echelon plan
  // Share of periods the stage ends owing its customers longer than the service time it quotes
  // (its promise broken), from the simulation; for a stage quoting 0 this is its stockout share.
  std::optional<double> late_probability;
};

struct NetworkOverlay {
  std::vector<NodeOverlay> nodes;  // index = scenario node index; empty = no plan yet
  double max_safety_stock_value = 0.0;
};

struct CanvasView {
  float pan_x = 0.0f;   // screen offset of world origin, in pixels
  float pan_y = 0.0f;
  float zoom = 1.0f;    // pixels per world unit across
  float zoom_y = 1.0f;  // pixels per world unit down (differs from `zoom` only for lopsided layouts)
  bool fitted = false;  // fit the network to the canvas on the next frame
  float origin_x = 0.0f;  // screen position of the canvas's top-left corner in the last frame
  float origin_y = 0.0f;
  int connect_from = -1;  // node index while drawing a new arc
  bool dragging_node = false;
  // Node indices of each arc's ends (-1 when missing), rebuilt when the scenario changes, so a
  // frame does not search the node list for every arc.
  std::vector<std::pair<int, int>> arc_ends;
  std::uint64_t arc_ends_revision = ~std::uint64_t{0};
  // Find and filter: the search text, the kind shown at full strength ("" = all), and which
  // match Enter jumps to next.
  char search[64] = "";
  int kind_filter = 0;  // 0 all, 1.. kNodeKinds[k - 1]
  int next_match = 0;
  // The selected stage's supply chain: 1 upstream, 2 downstream, 0 neither (per node), rebuilt
  // when the selection or the network changes.
  std::vector<std::uint8_t> reach;
  int reach_node = -1;
  std::uint64_t reach_revision = ~std::uint64_t{0};
  // Screen-space arc bundles of a zoomed-out view: packed cell pairs, reused between frames.
  std::vector<std::uint64_t> bundle_keys;
  // The context menu: where it was opened (world position) and on which node (-1: background).
  double menu_world_x = 0.0;
  double menu_world_y = 0.0;
  int menu_node = -1;
};

// The per-stage plan table's row order, kept between frames and re-sorted only when the plan or
// the sort order changes.
// The row order of a sortable table, re-sorted only when its data or the sort order changed.
struct SortedRows {
  std::vector<int> order;
  std::uint64_t sorted_generation = ~std::uint64_t{0};
};

// The service-level tab: the item table's order, and a target being dragged (on the frontier or
// the slider) that is applied when released.
struct ServiceView {
  SortedRows items;
  std::optional<double> drag_target;
  float slider_value = 95.0f;
  bool slider_active = false;
  // A Syntetos-Boylan cut-off line being dragged on the ADI-CV^2 scatter (0: none, 1: ADI,
  // 2: CV^2), and where it is; applied when released.
  int dragging_cutoff = 0;
  double drag_adi = 1.32;
  double drag_cv2 = 0.49;
};

// The obsolescence tab: the table's order and filters.
struct RiskView {
  SortedRows rows;
  bool flagged_only = false;
  char item_filter[64] = "";
  std::vector<int> visible;  // rows after the filters, in sorted order
};

// The inspector: characters a number box refused while being typed into, shown under that box
// until it is left (ImGui's number boxes drop letters without a word).
struct InspectorView {
  unsigned int refused_in = 0;  // the ImGui id of the box
  std::string refused;          // the refused characters, as typed
};

struct PlanTableView {
  std::vector<int> order;
  std::uint64_t sorted_plan_generation = ~std::uint64_t{0};
};

}  // namespace echelon::ui
