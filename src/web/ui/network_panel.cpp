// The Network tab: the scenario drawn as a canvas of stages and arcs, edited in place.
//
// Contents
//   kind_color, risk_color   node colours by stage kind and by simulated stockout risk
//   fit_view                 the view that shows the whole network on the canvas
//   network_panel            toolbar (find, kind filter, select these for a bulk edit), node
//                            radius, supply-chain highlight, group marks,
//                            arcs (bundled when zoomed out), nodes and decluttered labels, new
//                            arc, legend, hover tooltip, interaction (select, drag, pan, zoom,
//                            connect), context menu
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model/distribution.h"
#include "ui/panels.h"
#include "app/scenario_edits.h"

namespace echelon::ui {

namespace {

ImU32 kind_color(const std::string& kind) {
  if (kind == "supplier") return IM_COL32(150, 120, 220, 255);
  if (kind == "plant") return IM_COL32(230, 150, 60, 255);
  if (kind == "dc") return IM_COL32(70, 150, 230, 255);
  if (kind == "store") return IM_COL32(90, 190, 110, 255);
  return IM_COL32(160, 160, 160, 255);
}

// Green (no risk) to red (stockouts in 20% or more of periods).
ImU32 risk_color(double p) {
  const float t = static_cast<float>(std::clamp(p / 0.2, 0.0, 1.0));
  return ImGui::GetColorU32(ImVec4(0.35f + 0.6f * t, 0.8f - 0.55f * t, 0.35f, 1.0f));
}

void fit_view(const Scenario& s, CanvasView& view, ImVec2 canvas_size) {
  if (s.nodes.empty()) {
    view.zoom = view.zoom_y = 1.0f;
    view.pan_x = canvas_size.x * 0.5f;
    view.pan_y = canvas_size.y * 0.5f;
    return;
  }
  double min_x = s.nodes[0].position.x, max_x = min_x, min_y = s.nodes[0].position.y, max_y = min_y;
  for (const Node& n : s.nodes) {
    min_x = std::min(min_x, n.position.x);
    max_x = std::max(max_x, n.position.x);
    min_y = std::min(min_y, n.position.y);
    max_y = std::max(max_y, n.position.y);
  }
  const double font = ImGui::GetFontSize();
  const double margin = font * 3.0;
  // Above the top stage: its "S=" label; below the bottom stage: its name and the legend row.
  const double margin_top = font * 2.5;
  const double margin_bottom = font * 4.2;
  const double w = std::max(1e-9, max_x - min_x);
  const double h = std::max(1e-9, max_y - min_y);
  auto sane = [](double z) { return static_cast<float>(std::isfinite(z) && z > 0.0 ? std::clamp(z, 1e-4, 1e4) : 1.0); };
  const double zoom_x = (canvas_size.x - 2 * margin) / w;
  const double zoom_y = std::max(1.0, canvas_size.y - margin_top - margin_bottom) / h;
  // Keep the drawing's proportions unless they are far from the canvas's (some chains are laid
  // out in a few columns tens of times taller than wide): then each axis fills the canvas.
  const double ratio = zoom_x / zoom_y;
  const bool stretch = ratio > 8.0 || ratio < 1.0 / 8.0;
  view.zoom = sane(stretch ? zoom_x : std::min(zoom_x, zoom_y));
  view.zoom_y = sane(stretch ? zoom_y : std::min(zoom_x, zoom_y));
  view.pan_x = static_cast<float>(canvas_size.x * 0.5 - (min_x + max_x) * 0.5 * view.zoom);
  view.pan_y = static_cast<float>(margin_top + (canvas_size.y - margin_top - margin_bottom) * 0.5 -
                                  (min_y + max_y) * 0.5 * view.zoom_y);
}

void draw_node_shape(ImDrawList* draw, const std::string& kind, ImVec2 c, float r, ImU32 fill, ImU32 outline,
                     float thickness) {
  if (kind == "supplier") {
    const ImVec2 a(c.x, c.y - r), b(c.x + r, c.y + r * 0.8f), d(c.x - r, c.y + r * 0.8f);
    draw->AddTriangleFilled(a, b, d, fill);
    draw->AddTriangle(a, b, d, outline, thickness);
  } else if (kind == "plant") {
    draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), fill);
    draw->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), outline, 0.0f, 0, thickness);
  } else if (kind == "dc") {
    draw->AddRectFilled(ImVec2(c.x - r * 1.2f, c.y - r * 0.8f), ImVec2(c.x + r * 1.2f, c.y + r * 0.8f), fill, r * 0.3f);
    draw->AddRect(ImVec2(c.x - r * 1.2f, c.y - r * 0.8f), ImVec2(c.x + r * 1.2f, c.y + r * 0.8f), outline, r * 0.3f, 0,
                  thickness);
  } else {
    draw->AddCircleFilled(c, r, fill);  // automatic segment count: ImGui's cached circle, no trigonometry per node
    draw->AddCircle(c, r, outline, 0, thickness);
  }
}

// The same shapes filled only, without anti-aliasing and with an 8-sided circle: for stages drawn
// a few pixels wide when zoomed out, where the outline and the smoothed edge are invisible but
// cost most of the vertices (about 70 per stage against 8, which a software rasteriser pays for).
void draw_node_shape_coarse(ImDrawList* draw, const std::string& kind, ImVec2 c, float r, ImU32 fill) {
  const ImDrawListFlags flags = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  if (kind == "supplier") {
    draw->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y + r * 0.8f), ImVec2(c.x - r, c.y + r * 0.8f), fill);
  } else if (kind == "plant") {
    draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), fill);
  } else if (kind == "dc") {
    draw->AddRectFilled(ImVec2(c.x - r * 1.2f, c.y - r * 0.8f), ImVec2(c.x + r * 1.2f, c.y + r * 0.8f), fill);
  } else {
    draw->AddCircleFilled(c, r, fill, 8);
  }
  draw->Flags = flags;
}

}  // namespace

void network_panel(app::ScenarioEditor& editor, const NetworkOverlay& overlay, CanvasView& view, ShownText& shown) {
  const Scenario& s = editor.scenario();
  const float font = ImGui::GetFontSize();
  // Toolbar: find a stage by name or id, and show one kind at full strength.
  ImGui::SetNextItemWidth(font * 11.0f);
  const bool find_entered = ImGui::InputTextWithHint("##find", "find stage (Enter: next)", view.search, sizeof view.search,
                                                     ImGuiInputTextFlags_EnterReturnsTrue);
  record_rect(shown, "network:find");
  ImGui::SameLine();
  const char* filters[] = {"all kinds", "suppliers", "plants", "DCs", "stores"};
  ImGui::SetNextItemWidth(font * 7.5f);
  ImGui::Combo("##kind", &view.kind_filter, filters, 5);
  const std::string_view needle(view.search);
  auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  auto contains = [&](const std::string& hay) {
    if (needle.empty()) return false;
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != hay.end();
  };
  auto matches = [&](const Node& n) { return contains(n.id) || contains(n.name); };
  int match_count = 0;
  if (!needle.empty()) {
    for (const Node& n : s.nodes) match_count += matches(n) ? 1 : 0;
    ImGui::SameLine();
    ImGui::TextDisabled("%d match%s", match_count, match_count == 1 ? "" : "es");
  }
  shown["network_matches"] = std::to_string(match_count);
  auto passes_filter = [&](const Node& n) {
    return view.kind_filter <= 0 || view.kind_filter > 4 || n.kind == kNodeKinds[view.kind_filter - 1];
  };
  // Select every stage the find box and the kind filter show, for a bulk edit in the inspector.
  if (!needle.empty() || view.kind_filter > 0) {
    ImGui::SameLine();
    if (ImGui::SmallButton("select these")) {
      std::vector<std::size_t> picked;
      for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        if (passes_filter(s.nodes[i]) && (needle.empty() || matches(s.nodes[i]))) picked.push_back(i);
      }
      editor.select_group(picked);
      if (picked.size() == 1) editor.select({app::SelectionKind::node, picked.front()});
    }
    record_rect(shown, "network:select_these");
  }
  shown["network_group"] = std::to_string(editor.group().size());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  view.origin_x = origin.x;
  view.origin_y = origin.y;
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, font * 10.0f);
  size.y = std::max(size.y, font * 10.0f);
  if (!view.fitted) {
    fit_view(s, view, size);
    view.fitted = true;
  }

  ImGui::InvisibleButton("##network", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                                                ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(24, 27, 32, 255));

  auto to_screen = [&](const Position& p) {
    return ImVec2(origin.x + view.pan_x + static_cast<float>(p.x) * view.zoom,
                  origin.y + view.pan_y + static_cast<float>(p.y) * view.zoom_y);
  };
  auto to_world = [&](ImVec2 q) {
    return Position{(q.x - origin.x - view.pan_x) / view.zoom, (q.y - origin.y - view.pan_y) / view.zoom_y};
  };

  // Enter in the find box: select the next match and centre the view on it.
  if (find_entered && match_count > 0) {
    int seen = 0;
    const int want = view.next_match % match_count;
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
      if (!matches(s.nodes[i])) continue;
      if (seen++ != want) continue;
      editor.select({app::SelectionKind::node, i});
      view.pan_x = size.x * 0.5f - static_cast<float>(s.nodes[i].position.x) * view.zoom;
      view.pan_y = size.y * 0.5f - static_cast<float>(s.nodes[i].position.y) * view.zoom_y;
      break;
    }
    view.next_match = want + 1;
    ImGui::SetKeyboardFocusHere(-1);  // keep typing in the box
  }
  if (needle.empty()) view.next_match = 0;

  // Node radius: constant on screen, shrinking only for very dense networks.
  const float base_radius = font * (s.nodes.size() > 300 ? 0.35f : s.nodes.size() > 60 ? 0.55f : 0.9f);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered_node = -1;
  if (hovered) {
    float best = base_radius * 1.6f;
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
      const ImVec2 c = to_screen(s.nodes[i].position);
      const float d = std::hypot(c.x - mouse.x, c.y - mouse.y);
      if (d < best) {
        best = d;
        hovered_node = static_cast<int>(i);
      }
    }
  }

  if (view.arc_ends_revision != editor.model_revision() || view.arc_ends.size() != s.arcs.size()) {
    std::unordered_map<std::string_view, int> node_index;  // hashed: ids of large networks share long prefixes
    node_index.reserve(s.nodes.size());
    for (std::size_t i = 0; i < s.nodes.size(); ++i) node_index.emplace(s.nodes[i].id, static_cast<int>(i));
    auto index_of = [&](const std::string& id) {
      const auto it = node_index.find(id);
      return it == node_index.end() ? -1 : it->second;
    };
    view.arc_ends.clear();
    for (const Arc& arc : s.arcs) view.arc_ends.emplace_back(index_of(arc.from), index_of(arc.to));
    view.arc_ends_revision = editor.model_revision();
  }

  // The selected stage's supply chain, marked by walking the arcs up and down from it.
  const auto& selection = editor.selection();
  const int selected_node = selection.kind == app::SelectionKind::node ? static_cast<int>(selection.index) : -1;
  if (view.reach_node != selected_node || view.reach_revision != editor.model_revision() || view.reach.size() != s.nodes.size()) {
    view.reach_node = selected_node;
    view.reach_revision = editor.model_revision();
    view.reach.assign(s.nodes.size(), 0);
    if (selected_node >= 0 && static_cast<std::size_t>(selected_node) < s.nodes.size()) {
      for (const std::uint8_t direction : {std::uint8_t{1}, std::uint8_t{2}}) {
        std::vector<int> stack = {selected_node};
        while (!stack.empty()) {
          const int at = stack.back();
          stack.pop_back();
          for (const auto& [from, to] : view.arc_ends) {
            const int next = direction == 1 ? (to == at ? from : -1) : (from == at ? to : -1);
            if (next < 0 || next == selected_node || view.reach[static_cast<std::size_t>(next)] & direction) continue;
            view.reach[static_cast<std::size_t>(next)] |= direction;
            stack.push_back(next);
          }
        }
      }
    }
  }
  const bool highlighting = selected_node >= 0;

  // Arcs. On screen only; a zoomed-out view of a large network draws bundles (arcs whose ends
  // fall in the same pair of small screen cells drawn once, stronger for more arcs) so drawing
  // stays within the frame however many arcs there are. With a stage selected, its supply chain
  // is drawn bright (upstream amber, downstream blue) and the rest faint.
  const ImU32 arc_color = s.arcs.size() > 300 ? IM_COL32(130, 140, 155, 45) : IM_COL32(130, 140, 155, 170);
  const ImU32 faint_arc = IM_COL32(130, 140, 155, 25);
  const ImU32 upstream_arc = IM_COL32(250, 190, 90, 220), downstream_arc = IM_COL32(110, 185, 255, 220);
  const float min_x = origin.x, min_y = origin.y, max_x = origin.x + size.x, max_y = origin.y + size.y;
  auto off_screen = [&](ImVec2 p, ImVec2 q) {
    return (p.x < min_x && q.x < min_x) || (p.x > max_x && q.x > max_x) || (p.y < min_y && q.y < min_y) ||
           (p.y > max_y && q.y > max_y);
  };
  int arcs_on_screen = 0;
  for (const auto& [from, to] : view.arc_ends) {
    if (from < 0 || to < 0) continue;
    arcs_on_screen += off_screen(to_screen(s.nodes[static_cast<std::size_t>(from)].position),
                                 to_screen(s.nodes[static_cast<std::size_t>(to)].position)) ? 0 : 1;
  }
  const bool bundled = arcs_on_screen > 400;
  const bool show_arc_labels = arcs_on_screen < 60;
  auto chain_of = [&](int from, int to) -> int {  // 1 upstream of the selection, 2 downstream, 0 other
    if (!highlighting) return 0;
    const auto f = static_cast<std::size_t>(from), t = static_cast<std::size_t>(to);
    if ((view.reach[f] & 1) && ((view.reach[t] & 1) || to == selected_node)) return 1;
    if ((view.reach[t] & 2) && ((view.reach[f] & 2) || from == selected_node)) return 2;
    return 0;
  };
  if (bundled) {
    // About 600 cells over the canvas: at most a few thousand distinct bundles whatever the size.
    const float cell = std::max(font * 0.6f, std::sqrt(size.x * size.y / 600.0f));
    view.bundle_keys.clear();
    auto q16 = [&](float v, float lo) { return static_cast<std::uint64_t>(std::clamp((v - lo) / cell + 2.0f, 0.0f, 65535.0f)); };
    for (const auto& [from, to] : view.arc_ends) {
      if (from < 0 || to < 0 || chain_of(from, to) != 0) continue;
      const ImVec2 p = to_screen(s.nodes[static_cast<std::size_t>(from)].position);
      const ImVec2 q = to_screen(s.nodes[static_cast<std::size_t>(to)].position);
      if (off_screen(p, q)) continue;
      view.bundle_keys.push_back(q16(p.x, min_x) << 48 | q16(p.y, min_y) << 32 | q16(q.x, min_x) << 16 | q16(q.y, min_y));
    }
    std::sort(view.bundle_keys.begin(), view.bundle_keys.end());
    auto at = [&](std::uint64_t v, float lo) { return lo + (static_cast<float>(v & 0xFFFF) - 2.0f + 0.5f) * cell; };
    int bundles = 0;
    for (std::size_t k = 0; k < view.bundle_keys.size(); ++bundles) {
      std::size_t run = k + 1;
      while (run < view.bundle_keys.size() && view.bundle_keys[run] == view.bundle_keys[k]) ++run;
      const std::uint64_t key = view.bundle_keys[k];
      const ImVec2 p(at(key >> 48, min_x), at(key >> 32, min_y)), q(at(key >> 16, min_x), at(key, min_y));
      const float strength = std::min(1.0f, 0.25f + 0.15f * static_cast<float>(run - k));
      const ImU32 c = highlighting ? faint_arc : IM_COL32(130, 140, 155, static_cast<int>(40.0f + 120.0f * strength));
      draw->AddLine(p, q, c, 1.0f + std::min(2.0f, 0.3f * static_cast<float>(run - k - 1)));
      k = run;
    }
    shown["network_arc_bundles"] = std::to_string(bundles);
  }
  shown["network_arcs_on_screen"] = std::to_string(arcs_on_screen);
  for (std::size_t a = 0; a < s.arcs.size(); ++a) {
    const Arc& arc = s.arcs[a];
    const auto [from, to] = view.arc_ends[a];
    if (from < 0 || to < 0) continue;
    const int chain = chain_of(from, to);
    if (bundled && chain == 0 && !(selection.kind == app::SelectionKind::arc && selection.index == a)) continue;
    ImVec2 p = to_screen(s.nodes[static_cast<std::size_t>(from)].position);
    ImVec2 q = to_screen(s.nodes[static_cast<std::size_t>(to)].position);
    if (off_screen(p, q)) continue;
    const float dx = q.x - p.x, dy = q.y - p.y;
    const float len = std::hypot(dx, dy);
    if (len < 1.0f) continue;
    const float ux = dx / len, uy = dy / len;
    p = ImVec2(p.x + ux * base_radius, p.y + uy * base_radius);
    q = ImVec2(q.x - ux * base_radius * 1.3f, q.y - uy * base_radius * 1.3f);
    const bool selected = selection.kind == app::SelectionKind::arc && selection.index == a;
    const ImU32 color = selected ? IM_COL32(255, 210, 90, 255)
                        : chain == 1 ? upstream_arc
                        : chain == 2 ? downstream_arc
                        : highlighting ? faint_arc
                                       : arc_color;
    draw->AddLine(p, q, color, selected ? 2.5f : chain != 0 ? 1.8f : 1.2f);
    const float head = std::min(font * 0.45f, len * 0.3f);
    draw->AddTriangleFilled(q, ImVec2(q.x - ux * head - uy * head * 0.5f, q.y - uy * head + ux * head * 0.5f),
                            ImVec2(q.x - ux * head + uy * head * 0.5f, q.y - uy * head - ux * head * 0.5f), color);
    if (show_arc_labels) {
      char label[32];
      std::snprintf(label, sizeof label, "%.3g", mean(arc.transit_time));
      const ImVec2 mid((p.x + q.x) * 0.5f, (p.y + q.y) * 0.5f);
      draw->AddText(ImVec2(mid.x + 3.0f, mid.y - font), IM_COL32(150, 160, 175, 255), label);
    }
    // Clicking near an arc selects it.
    if (hovered && hovered_node < 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      const float t = std::clamp(((mouse.x - p.x) * ux + (mouse.y - p.y) * uy), 0.0f, len);
      const float ex = p.x + ux * t - mouse.x, ey = p.y + uy * t - mouse.y;
      if (std::hypot(ex, ey) < font * 0.4f) editor.select({app::SelectionKind::arc, a});
    }
  }

  // Nodes: shape by kind, colour by risk when simulated, a bar for safety stock value.
  // Names and service times appear once few enough stages are on screen (zoom in to read them);
  // search matches and the selected stage's supply chain are always labelled.
  const bool have_overlay = overlay.nodes.size() == s.nodes.size();
  auto on_canvas = [&](ImVec2 c) {
    return !(c.x < origin.x - 50 || c.y < origin.y - 50 || c.x > origin.x + size.x + 50 || c.y > origin.y + size.y + 50);
  };
  int nodes_on_screen = 0;
  for (const Node& n : s.nodes) nodes_on_screen += on_canvas(to_screen(n.position)) ? 1 : 0;
  const bool show_labels = nodes_on_screen <= 400;
  // A label is drawn only where no other label is: screen rows a line high, split into cells,
  // claimed by the labels drawn so far (so stages stacked closely are labelled every few rows
  // until zoomed in further).
  const float cell_w = font * 2.0f, cell_h = font * 1.05f;
  std::unordered_set<std::uint64_t> claimed;
  claimed.reserve(4096);
  auto claim = [&](ImVec2 at, float width, float height) {
    const auto row0 = static_cast<std::int64_t>(std::floor((at.y - origin.y) / cell_h));
    const auto row1 = static_cast<std::int64_t>(std::floor((at.y + height - 1.0f - origin.y) / cell_h));
    const auto col0 = static_cast<std::int64_t>(std::floor((at.x - origin.x) / cell_w));
    const auto col1 = static_cast<std::int64_t>(std::floor((at.x + width - origin.x) / cell_w));
    auto key = [](std::int64_t r, std::int64_t c) { return static_cast<std::uint64_t>((r + 100000) * 400000 + (c + 100000)); };
    for (std::int64_t r = row0; r <= row1; ++r)
      for (std::int64_t c = col0; c <= col1; ++c)
        if (claimed.count(key(r, c))) return false;
    for (std::int64_t r = row0; r <= row1; ++r)
      for (std::int64_t c = col0; c <= col1; ++c) claimed.insert(key(r, c));
    return true;
  };
  int labels_drawn = 0;
  // Stages selected together, marked per node once a frame (a group may hold every stage).
  std::vector<char> grouped;
  if (!editor.group().empty()) {
    const std::unordered_set<std::string_view> ids(editor.group().begin(), editor.group().end());
    grouped.resize(s.nodes.size(), 0);
    for (std::size_t i = 0; i < s.nodes.size(); ++i) grouped[i] = ids.count(s.nodes[i].id) ? 1 : 0;
  }
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    const ImVec2 c = to_screen(n.position);
    if (!on_canvas(c)) continue;
    const bool selected = (selection.kind == app::SelectionKind::node && selection.index == i) || (!grouped.empty() && grouped[i]);
    const bool match = matches(n);
    const bool dimmed = !passes_filter(n) || (highlighting && !selected && view.reach[i] == 0 && !match);
    ImU32 fill = kind_color(n.kind);
    if (have_overlay && overlay.nodes[i].late_probability) fill = risk_color(*overlay.nodes[i].late_probability);
    if (dimmed) fill = (fill & 0x00FFFFFFu) | (70u << 24);
    const ImU32 outline = selected ? IM_COL32(255, 210, 90, 255)
                          : match ? IM_COL32(255, 120, 220, 255)
                          : static_cast<int>(i) == hovered_node ? IM_COL32(255, 255, 255, 255)
                                                                 : IM_COL32(20, 20, 20, dimmed ? 70 : 255);
    // Zoomed out (labels hidden) a plain stage is a flat shape; the ones that stand out (selected,
    // found, hovered) keep their outline.
    const bool plain = !selected && !match && static_cast<int>(i) != hovered_node;
    if (!show_labels && plain)
      draw_node_shape_coarse(draw, n.kind, c, base_radius, fill);
    else
      draw_node_shape(draw, n.kind, c, match ? base_radius * 1.4f : base_radius, fill, outline, selected || match ? 2.5f : 1.0f);
    if (!show_labels && (match || selected)) {
      const std::string& label = n.name.empty() ? n.id : n.name;
      draw->AddText(ImVec2(c.x + base_radius * 1.6f, c.y - font * 0.5f), IM_COL32(255, 235, 250, 255), label.c_str());
    }
    if (have_overlay && overlay.max_safety_stock_value > 0.0) {
      const float h = base_radius * 2.2f * static_cast<float>(overlay.nodes[i].safety_stock_value / overlay.max_safety_stock_value);
      const float x = c.x + base_radius * 1.4f;
      draw->AddRectFilled(ImVec2(x, c.y + base_radius - h), ImVec2(x + base_radius * 0.45f, c.y + base_radius),
                          IM_COL32(250, 200, 70, 230));
    }
    if (show_labels && !dimmed) {
      const std::string& label = n.name.empty() ? n.id : n.name;
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      const ImVec2 at(c.x - ts.x * 0.5f, c.y + base_radius * 1.1f);
      char st[32] = "";
      if (have_overlay && overlay.nodes[i].outbound_service_time)
        std::snprintf(st, sizeof st, "S=%.3g", *overlay.nodes[i].outbound_service_time);
      const ImVec2 ss = ImGui::CalcTextSize(st);
      const ImVec2 st_at(c.x - ss.x * 0.5f, c.y - base_radius * 1.1f - font);
      if (claim(at, ts.x, ts.y)) {
        draw->AddText(at, IM_COL32(220, 225, 230, 255), label.c_str());
        ++labels_drawn;
        if (st[0] && claim(st_at, ss.x, ss.y)) draw->AddText(st_at, IM_COL32(160, 200, 255, 255), st);
      }
    }
  }

  shown["network_labels"] = labels_drawn > 0 ? "1" : "0";
  shown["network_labels_drawn"] = std::to_string(labels_drawn);

  // New arc being drawn.
  if (view.connect_from >= 0 && static_cast<std::size_t>(view.connect_from) < s.nodes.size()) {
    draw->AddLine(to_screen(s.nodes[static_cast<std::size_t>(view.connect_from)].position), mouse,
                  IM_COL32(255, 210, 90, 200), 2.0f);
  }

  // Legend.
  {
    float x = origin.x + font * 0.6f;
    const float y = origin.y + size.y - font * 1.6f;
    for (const char* kind : kNodeKinds) {
      draw_node_shape(draw, kind, ImVec2(x + font * 0.4f, y + font * 0.5f), font * 0.35f, kind_color(kind),
                      IM_COL32(20, 20, 20, 255), 1.0f);
      draw->AddText(ImVec2(x + font * 1.0f, y), IM_COL32(200, 205, 210, 255), kind);
      x += font * 1.4f + ImGui::CalcTextSize(kind).x + font * 0.6f;
    }
    if (have_overlay) {
      draw->AddRectFilled(ImVec2(x, y + font * 0.1f), ImVec2(x + font * 0.3f, y + font * 0.9f), IM_COL32(250, 200, 70, 230));
      draw->AddText(ImVec2(x + font * 0.5f, y), IM_COL32(200, 205, 210, 255), "safety stock value");
      x += font * 0.9f + ImGui::CalcTextSize("safety stock value").x + font * 0.6f;
      draw->AddText(ImVec2(x, y), IM_COL32(200, 205, 210, 255), "colour = periods late on promise (green few, red many)");
    }
  }
  draw->PopClipRect();

  // Hovering a stage: what it is and what the plan and the simulation say about it.
  if (hovered_node >= 0 && !view.dragging_node && !ImGui::IsPopupOpen("network-menu")) {
    const Node& n = s.nodes[static_cast<std::size_t>(hovered_node)];
    shown["tooltip"] = "stage:" + n.id;
    ImGui::BeginTooltip();
    ImGui::Text("%s (%s, %s)", n.name.empty() ? n.id.c_str() : n.name.c_str(), n.id.c_str(), n.kind.c_str());
    if (have_overlay) {
      const NodeOverlay& o = overlay.nodes[static_cast<std::size_t>(hovered_node)];
      if (o.outbound_service_time) ImGui::Text("quotes S = %.3g periods to its customers", *o.outbound_service_time);
      ImGui::Text("safety stock %.4g units, worth %.4g", o.safety_stock, o.safety_stock_value);
      if (o.late_probability) {
        if (o.outbound_service_time && *o.outbound_service_time > 0.0)
          ImGui::Text("simulated: customers wait longer than S in %.1f%% of periods", 100.0 * *o.late_probability);
        else
          ImGui::Text("simulated stockout in %.1f%% of periods", 100.0 * *o.late_probability);
      }
    }
    ImGui::TextDisabled("click: select and see its supply chain; drag: move; right-click: connect or remove");
    ImGui::EndTooltip();
  }

  // Interaction: select, drag nodes, pan, zoom, connect.
  ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0.0f) {
    const Position anchor = to_world(mouse);
    const float factor = std::pow(1.15f, io.MouseWheel);
    view.zoom = std::clamp(view.zoom * factor, 1e-4f, 1e4f);
    view.zoom_y = std::clamp(view.zoom_y * factor, 1e-4f, 1e4f);
    view.pan_x = mouse.x - origin.x - static_cast<float>(anchor.x) * view.zoom;
    view.pan_y = mouse.y - origin.y - static_cast<float>(anchor.y) * view.zoom_y;
  }
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    if (view.connect_from >= 0) {
      if (hovered_node >= 0 && hovered_node != view.connect_from) {
        const Node& from = s.nodes[static_cast<std::size_t>(view.connect_from)];
        const Node& to = s.nodes[static_cast<std::size_t>(hovered_node)];
        std::string item = !from.produces.empty() ? from.produces.front() : (s.items.empty() ? "" : s.items.front().id);
        for (const Arc& a : s.arcs) {
          if (a.to == from.id) item = a.item;  // a distribution node passes on what it receives
        }
        editor.edit("connect " + from.id + " to " + to.id, [&](Scenario& sc) {
          Arc arc;
          arc.from = from.id;
          arc.to = to.id;
          arc.item = item;
          arc.transit_time = dist::Constant{1.0};
          sc.arcs.push_back(arc);
        });
      }
      view.connect_from = -1;
    } else if (hovered_node >= 0 && (io.KeyCtrl || io.KeyShift || io.KeySuper)) {
      editor.toggle_in_group(static_cast<std::size_t>(hovered_node));  // bulk edit: add or take out
    } else if (hovered_node >= 0) {
      editor.select({app::SelectionKind::node, static_cast<std::size_t>(hovered_node)});
      view.dragging_node = true;
    } else if (editor.selection().kind == app::SelectionKind::node) {
      editor.select({});
    }
  }
  if (view.dragging_node && ImGui::IsMouseDragging(ImGuiMouseButton_Left) &&
      editor.selection().kind == app::SelectionKind::node) {
    const std::size_t i = editor.selection().index;
    const Position p = to_world(mouse);
    const std::string id = s.nodes[i].id;
    editor.edit("move " + id, [&](Scenario& sc) { sc.nodes[i].position = p; }, "move-" + id);
  } else if (!view.dragging_node && ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    view.pan_x += io.MouseDelta.x;
    view.pan_y += io.MouseDelta.y;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
    view.pan_x += io.MouseDelta.x;
    view.pan_y += io.MouseDelta.y;
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && view.dragging_node) {
    view.dragging_node = false;
    editor.end_merge();
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) view.connect_from = -1;

  // Context menu: add and remove stages and arcs.
  int& menu_node = view.menu_node;
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
    const Position clicked = to_world(mouse);
    view.menu_world_x = clicked.x;
    view.menu_world_y = clicked.y;
    menu_node = hovered_node;
    if (hovered_node >= 0) editor.select({app::SelectionKind::node, static_cast<std::size_t>(hovered_node)});
    ImGui::OpenPopup("network-menu");
  }
  if (ImGui::BeginPopup("network-menu")) {
    if (menu_node >= 0 && static_cast<std::size_t>(menu_node) < s.nodes.size()) {
      const std::string id = s.nodes[static_cast<std::size_t>(menu_node)].id;
      ImGui::TextDisabled("%s", id.c_str());
      if (ImGui::MenuItem("Connect to...")) view.connect_from = menu_node;
      record_rect(shown, "network:connect");
      if (ImGui::MenuItem("Remove stage")) {
        editor.edit("remove " + id, [&](Scenario& sc) { app::remove_node(sc, id); });
        menu_node = -1;
      }
    } else {
      for (const char* kind : kNodeKinds) {
        const std::string label = std::string("Add ") + kind;
        if (ImGui::MenuItem(label.c_str())) {
          Position at;
          at.x = view.menu_world_x;
          at.y = view.menu_world_y;
          const std::string k = kind;
          editor.edit(label, [&](Scenario& sc) { app::add_stage(sc, k, at); });
        }
      }
      ImGui::Separator();
      if (ImGui::MenuItem("Fit to view")) view.fitted = false;
    }
    if (editor.selection().kind == app::SelectionKind::arc && ImGui::MenuItem("Remove selected arc")) {
      const std::size_t a = editor.selection().index;
      editor.edit("remove arc", [&](Scenario& sc) {
        if (a < sc.arcs.size()) sc.arcs.erase(sc.arcs.begin() + static_cast<std::ptrdiff_t>(a));
      });
    }
    ImGui::EndPopup();
  }
}

}  // namespace echelon::ui
