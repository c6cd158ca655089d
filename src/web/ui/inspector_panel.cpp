#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "core/model/distribution.h"
#include <functional>
#include <variant>

#include "ui/panels.h"

namespace echelon::ui {

namespace {

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// One number: a drag box (slide to change, double-click to type). Edits during one drag form
// one undo step; the edit is applied through the editor, which keeps the last good scenario when
// the value is invalid.
bool number_field(app::ScenarioEditor& editor, const char* label, const char* unit, const char* help, double value,
                  double speed, const std::string& undo_label, const std::function<void(Scenario&, double)>& apply) {
  double v = value;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  const bool changed = ImGui::DragScalar(label, ImGuiDataType_Double, &v, static_cast<float>(speed), nullptr, nullptr, "%.6g");
  const std::string key = undo_label + "#" + std::to_string(ImGui::GetID(label));
  if (changed) editor.edit(undo_label, [&](Scenario& s) { apply(s, v); }, key);
  if (ImGui::IsItemDeactivatedAfterEdit()) editor.end_merge();
  if (unit && *unit) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", unit);
  }
  if (help) help_marker(help);
  return changed;
}

const char* const kDistributionKinds[] = {"constant", "normal", "gamma", "lognormal", "poisson", "negative_binomial",
                                          "discrete", "empirical"};

// Edits a distribution in place: its kind (converted keeping the mean and, where it has one, the
// standard deviation) and its parameters.
bool distribution_fields(const char* id, const Distribution& current, Distribution& out) {
  ImGui::PushID(id);
  bool changed = false;
  int kind = static_cast<int>(current.index());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::Combo("form", &kind, kDistributionKinds, 6) && kind != static_cast<int>(current.index())) {
    out = convert_keeping_moments(current, static_cast<std::size_t>(kind)).distribution;
    changed = true;
  } else {
    out = current;
    const float w = ImGui::GetFontSize() * 9.0f;
    auto field = [&](const char* name, double& v, double speed) {
      ImGui::SetNextItemWidth(w);
      if (ImGui::DragScalar(name, ImGuiDataType_Double, &v, static_cast<float>(speed), nullptr, nullptr, "%.6g")) changed = true;
    };
    std::visit(
        [&](auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, dist::Constant>) field("value", d.value, 0.1);
          else if constexpr (std::is_same_v<T, dist::Normal>) { field("mean", d.mean, 0.1); field("std. dev.", d.sd, 0.05); }
          else if constexpr (std::is_same_v<T, dist::Gamma>) { field("shape", d.shape, 0.05); field("scale", d.scale, 0.05); }
          else if constexpr (std::is_same_v<T, dist::Lognormal>) { field("mean", d.mean, 0.1); field("std. dev.", d.sd, 0.05); }
          else if constexpr (std::is_same_v<T, dist::Poisson>) field("mean", d.mean, 0.1);
          else if constexpr (std::is_same_v<T, dist::NegativeBinomial>) { field("mean", d.mean, 0.1); field("std. dev.", d.sd, 0.05); }
          else if constexpr (std::is_same_v<T, dist::Discrete>) ImGui::TextDisabled("%zu outcomes, mean %.4g", d.outcomes.size(), mean(current));
          else ImGui::TextDisabled("%zu observations, mean %.4g", d.sample.size(), mean(current));
        },
        out);
  }
  ImGui::PopID();
  return changed;
}

void node_inspector(app::ScenarioEditor& editor, std::size_t index) {
  const Scenario& s = editor.scenario();
  const Node& n = s.nodes[index];
  ImGui::Text("Stage %s", n.id.c_str());
  ImGui::Separator();

  char name[256];
  std::snprintf(name, sizeof name, "%s", n.name.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  if (ImGui::InputText("name", name, sizeof name)) {
    const std::string v = name;
    editor.edit("rename stage", [&](Scenario& sc) { sc.nodes[index].name = v; }, "name-" + n.id);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) editor.end_merge();

  int kind = 4;
  for (int k = 0; k < 4; ++k) {
    if (n.kind == kNodeKinds[k]) kind = k;
  }
  const char* kinds[] = {"supplier", "plant", "dc", "store", "other"};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::Combo("kind", &kind, kinds, kind == 4 ? 5 : 4) && kind < 4) {
    const std::string v = kNodeKinds[kind];
    editor.edit("change stage kind", [&](Scenario& sc) { sc.nodes[index].kind = v; });
  }

  ImGui::Spacing();
  ImGui::TextUnformatted("Processing time (periods)");
  help_marker("Time to make or obtain one unit here once its inputs are available. The guaranteed-service "
              "model uses its mean; the simulation draws from the whole distribution.");
  Distribution next;
  if (distribution_fields("processing", n.processing_time, next)) {
    editor.edit("processing time", [&](Scenario& sc) { sc.nodes[index].processing_time = next; }, "proc-" + n.id);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) editor.end_merge();

  ImGui::Spacing();
  const bool annual = n.holding_cost.basis == HoldingCostBasis::annual_rate_of_value;
  number_field(editor, "holding cost", annual ? "of value per year" : "per unit per period",
               "Cost of holding one unit here: a yearly rate on the unit's value (0.25 = 25% a year), or money per unit per period.",
               n.holding_cost.value, 0.005, "holding cost",
               [index](Scenario& sc, double v) { sc.nodes[index].holding_cost.value = v; });
  const double max_s = n.max_service_time_periods.value_or(0.0);
  number_field(editor, "max service time", "periods",
               "Longest service time this stage may quote to its customers. 0 at a store means customers are served from stock.",
               max_s, 0.1, "max service time",
               [index](Scenario& sc, double v) { sc.nodes[index].max_service_time_periods = v; });

  // Demand and targets at this stage.
  for (std::size_t d = 0; d < s.demands.size(); ++d) {
    if (s.demands[d].node != n.id) continue;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Text("Demand for %s (units per period)", s.demands[d].item.c_str());
    if (s.demands[d].per_period) {
      Distribution next_demand;
      ImGui::PushID(static_cast<int>(d));
      if (distribution_fields("demand", *s.demands[d].per_period, next_demand)) {
        editor.edit("demand", [&](Scenario& sc) { sc.demands[d].per_period = next_demand; }, "demand-" + std::to_string(d));
      }
      ImGui::PopID();
    } else if (s.demands[d].history) {
      ImGui::TextDisabled("history of %zu periods", s.demands[d].history->quantities.size());
    }
  }
  for (std::size_t t = 0; t < s.service_targets.size(); ++t) {
    const ServiceTarget& target = s.service_targets[t];
    if (!target.node || *target.node != n.id) continue;
    ImGui::PushID(static_cast<int>(t) + 1000);
    ImGui::Text("Service target for %s", target.item.value_or("all items").c_str());
    int measure = target.measure == ServiceMeasure::fill_rate ? 1 : 0;
    const char* measures[] = {"cycle service level", "fill rate"};
    // Wide enough for the longer choice plus the arrow, so it is never cut off.
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(measures[0]).x + ImGui::GetFrameHeight() +
                            2.0f * ImGui::GetStyle().FramePadding.x);
    if ((target.measure == ServiceMeasure::cycle_service_level || target.measure == ServiceMeasure::fill_rate) &&
        ImGui::Combo("measure", &measure, measures, 2)) {
      editor.edit("service measure", [&](Scenario& sc) {
        sc.service_targets[t].measure = measure == 1 ? ServiceMeasure::fill_rate : ServiceMeasure::cycle_service_level;
      });
    }
    double level = target.value;
    const double lo = 0.5, hi = 0.999;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::SliderScalar("target", ImGuiDataType_Double, &level, &lo, &hi, "%.3f")) {
      editor.edit("service target", [&](Scenario& sc) { sc.service_targets[t].value = level; }, "target-" + std::to_string(t));
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) editor.end_merge();
    ImGui::PopID();
  }
}

void arc_inspector(app::ScenarioEditor& editor, std::size_t index) {
  const Arc& a = editor.scenario().arcs[index];
  ImGui::Text("Arc %s -> %s (%s)", a.from.c_str(), a.to.c_str(), a.item.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted("Transit time (periods)");
  help_marker("Time on the way from the upstream stage to the downstream one.");
  Distribution next;
  if (distribution_fields("transit", a.transit_time, next)) {
    editor.edit("transit time", [&](Scenario& sc) { sc.arcs[index].transit_time = next; }, "transit-" + std::to_string(index));
  }
  number_field(editor, "quantity per unit", "units", "Units of this item in one unit of the downstream stage's output (bill of materials).",
               a.quantity_per_unit, 0.05, "quantity per unit",
               [index](Scenario& sc, double v) { sc.arcs[index].quantity_per_unit = v; });
}

void item_inspector(app::ScenarioEditor& editor, std::size_t index) {
  const Item& item = editor.scenario().items[index];
  ImGui::Text("Item %s", item.id.c_str());
  ImGui::Separator();
  number_field(editor, "unit cost", editor.scenario().currency.c_str(), "Value of one unit; holding costs are a rate on it.",
               item.unit_cost, 0.1, "unit cost", [index](Scenario& sc, double v) { sc.items[index].unit_cost = v; });
}

}  // namespace

void inspector_panel(app::ScenarioEditor& editor) {
  const auto& sel = editor.selection();
  if (!editor.last_problems().empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "\"%s\" was not applied; the last good scenario is kept:",
                       editor.last_rejected_label().c_str());
    for (const Problem& p : editor.last_problems()) {
      ImGui::BulletText("%s: %s", p.path.c_str(), p.message.c_str());
    }
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Dismiss")) editor.dismiss_problems();
    ImGui::Separator();
  }
  switch (sel.kind) {
    case app::SelectionKind::node: node_inspector(editor, sel.index); break;
    case app::SelectionKind::arc: arc_inspector(editor, sel.index); break;
    case app::SelectionKind::item: item_inspector(editor, sel.index); break;
    case app::SelectionKind::none:
      ImGui::TextWrapped("Select a stage or an arc on the network to see and edit its fields. "
                         "Right-click the canvas to add stages; right-click a stage to connect or remove it.");
      if (!editor.scenario().items.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Items");
        for (std::size_t i = 0; i < editor.scenario().items.size() && i < 50; ++i) {
          if (ImGui::Selectable(editor.scenario().items[i].id.c_str())) editor.select({app::SelectionKind::item, i});
        }
      }
      break;
  }
}

}  // namespace echelon::ui
