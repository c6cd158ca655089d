#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

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

}  // namespace

void network_panel(app::ScenarioEditor& editor, const NetworkOverlay& overlay, CanvasView& view, ShownText& shown) {
  const Scenario& s = editor.scenario();
  const float font = ImGui::GetFontSize();
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

  if (view.arc_ends_revision != editor.revision() || view.arc_ends.size() != s.arcs.size()) {
    std::unordered_map<std::string_view, int> node_index;  // hashed: ids of large networks share long prefixes
    node_index.reserve(s.nodes.size());
    for (std::size_t i = 0; i < s.nodes.size(); ++i) node_index.emplace(s.nodes[i].id, static_cast<int>(i));
    auto index_of = [&](const std::string& id) {
      const auto it = node_index.find(id);
      return it == node_index.end() ? -1 : it->second;
    };
    view.arc_ends.clear();
    for (const Arc& arc : s.arcs) view.arc_ends.emplace_back(index_of(arc.from), index_of(arc.to));
    view.arc_ends_revision = editor.revision();
  }

  // Arcs.
  // Dense networks get fainter arcs so that stages and their overlays stay visible.
  const ImU32 arc_color = s.arcs.size() > 300 ? IM_COL32(130, 140, 155, 45) : IM_COL32(130, 140, 155, 170);
  const bool show_arc_labels = s.arcs.size() < 60;
  const auto& selection = editor.selection();
  for (std::size_t a = 0; a < s.arcs.size(); ++a) {
    const Arc& arc = s.arcs[a];
    const auto [from, to] = view.arc_ends[a];
    if (from < 0 || to < 0) continue;
    ImVec2 p = to_screen(s.nodes[static_cast<std::size_t>(from)].position);
    ImVec2 q = to_screen(s.nodes[static_cast<std::size_t>(to)].position);
    const float dx = q.x - p.x, dy = q.y - p.y;
    const float len = std::hypot(dx, dy);
    if (len < 1.0f) continue;
    const float ux = dx / len, uy = dy / len;
    p = ImVec2(p.x + ux * base_radius, p.y + uy * base_radius);
    q = ImVec2(q.x - ux * base_radius * 1.3f, q.y - uy * base_radius * 1.3f);
    const bool selected = selection.kind == app::SelectionKind::arc && selection.index == a;
    const ImU32 color = selected ? IM_COL32(255, 210, 90, 255) : arc_color;
    draw->AddLine(p, q, color, selected ? 2.5f : 1.2f);
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
  const bool have_overlay = overlay.nodes.size() == s.nodes.size();
  const bool show_labels = s.nodes.size() <= 120;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    const ImVec2 c = to_screen(n.position);
    if (c.x < origin.x - 50 || c.y < origin.y - 50 || c.x > origin.x + size.x + 50 || c.y > origin.y + size.y + 50) continue;
    const bool selected = selection.kind == app::SelectionKind::node && selection.index == i;
    ImU32 fill = kind_color(n.kind);
    if (have_overlay && overlay.nodes[i].stockout_probability) fill = risk_color(*overlay.nodes[i].stockout_probability);
    const ImU32 outline = selected ? IM_COL32(255, 210, 90, 255)
                          : static_cast<int>(i) == hovered_node ? IM_COL32(255, 255, 255, 255)
                                                                 : IM_COL32(20, 20, 20, 255);
    draw_node_shape(draw, n.kind, c, base_radius, fill, outline, selected ? 2.5f : 1.0f);
    if (have_overlay && overlay.max_safety_stock_value > 0.0) {
      const float h = base_radius * 2.2f * static_cast<float>(overlay.nodes[i].safety_stock_value / overlay.max_safety_stock_value);
      const float x = c.x + base_radius * 1.4f;
      draw->AddRectFilled(ImVec2(x, c.y + base_radius - h), ImVec2(x + base_radius * 0.45f, c.y + base_radius),
                          IM_COL32(250, 200, 70, 230));
    }
    if (show_labels) {
      const std::string& label = n.name.empty() ? n.id : n.name;
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      draw->AddText(ImVec2(c.x - ts.x * 0.5f, c.y + base_radius * 1.1f), IM_COL32(220, 225, 230, 255), label.c_str());
      if (have_overlay && overlay.nodes[i].outbound_service_time) {
        char st[32];
        std::snprintf(st, sizeof st, "S=%.3g", *overlay.nodes[i].outbound_service_time);
        draw->AddText(ImVec2(c.x - ImGui::CalcTextSize(st).x * 0.5f, c.y - base_radius * 1.1f - font), IM_COL32(160, 200, 255, 255), st);
      }
    }
  }

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
      draw->AddText(ImVec2(x, y), IM_COL32(200, 205, 210, 255), "colour = simulated stockout risk (green low, red high)");
    }
  }
  draw->PopClipRect();

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
