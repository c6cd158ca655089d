// The Inspector: the fields of the selected stage, arc or item, or of a group of stages edited
// together, each edit validated and undoable.
//
// Contents
//   help_marker, refused characters, problems_below   hints and the problems an edit met
//   number_field                  a number box that edits one field (merged while dragged)
//   distribution_fields/_editor   kind and parameters of a distribution
//   node_inspector                a stage: name, kind, processing time, costs, service time,
//                                 its demands and service targets
//   arc_inspector, item_inspector an arc's units and lead time; an item
//   group_inspector               one value set at every stage of a group (ranges where they differ)
//   inspector_panel               the panel: which of the above, by the selection
#include <imgui.h>
#include <imgui_internal.h>  // TempInputIsActive: a number box being typed into

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <string>

#include <functional>
#include <variant>

#include "app/scenario_edits.h"
#include "core/model/distribution.h"
#include "ui/panels.h"
#include "ui/wrapped_text.h"

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

// What the inspector drew this frame: where each field is (for the browser tests) and whether
// the refused edit's problems were shown beside the field that made it.
struct InspectorFrame {
  ShownText& shown;
  InspectorView& view;
  bool problems_shown = false;
};

// A number box's typed text accepts digits, a sign, a point and an exponent only; anything else
// typed into it this frame is noted so the box can say so instead of dropping it silently.
// Called before the box is drawn (the characters are still queued).
void note_refused_characters(InspectorFrame& frame, ImGuiID id) {
  if (!ImGui::TempInputIsActive(id)) return;
  const ImGuiIO& io = ImGui::GetIO();
  for (const ImWchar c : io.InputQueueCharacters) {
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E' || c == '*' || c == '/';
    if (allowed || c < 32) continue;
    if (frame.view.refused_in != id) frame.view.refused.clear();
    frame.view.refused_in = id;
    char utf8[5] = {};
    ImTextCharToUtf8(utf8, c);
    if (frame.view.refused.size() < 24) frame.view.refused += utf8;
  }
}

// Under the box: what was refused, while the box is still being typed into.
void refused_characters_below(InspectorFrame& frame, ImGuiID id) {
  if (frame.view.refused_in != id) return;
  if (!ImGui::TempInputIsActive(id)) {
    frame.view.refused_in = 0;
    frame.view.refused.clear();
    return;
  }
  ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.35f, 1.0f), "numbers only: \"%s\" was not taken", frame.view.refused.c_str());
  frame.shown["inspector_refused_characters"] = frame.view.refused;
}

// The problems of a refused edit, in words first and the field's path after, right below the
// field that made the edit so it stays in view.
void problems_below(app::ScenarioEditor& editor, InspectorFrame& frame, const std::string& undo_label) {
  if (editor.last_problems().empty() || editor.last_rejected_label() != undo_label) return;
  frame.problems_shown = true;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "Not applied, the last good value is kept:");
  for (const Problem& p : editor.last_problems()) bullet_wrapped_at_spaces(p.message + " (" + p.path + ")");
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton("Dismiss")) editor.dismiss_problems();
}

// One number: a drag box (slide to change, double-click or Ctrl+click to type). Edits during one
// drag form one undo step, ended when the box is released or the typed value is entered; the
// edit is applied through the editor, which keeps the last good scenario when the value is
// invalid.
bool number_field(app::ScenarioEditor& editor, InspectorFrame& frame, const char* label, const char* unit, const char* help,
                  double value, double speed, const std::string& undo_label,
                  const std::function<void(Scenario&, double)>& apply) {
  double v = value;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  const ImGuiID id = ImGui::GetID(label);
  note_refused_characters(frame, id);
  const bool changed = ImGui::DragScalar(label, ImGuiDataType_Double, &v, static_cast<float>(speed), nullptr, nullptr, "%.6g");
  record_rect(frame.shown, std::string("inspector:") + label);
  const std::string key = undo_label + "#" + std::to_string(ImGui::GetID(label));
  if (changed) editor.edit(undo_label, [&](Scenario& s) { apply(s, v); }, key);
  if (ImGui::IsItemDeactivated()) editor.end_merge();
  if (unit && *unit) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", unit);
  }
  if (help) help_marker(help);
  refused_characters_below(frame, id);
  problems_below(editor, frame, undo_label);
  return changed;
}

const char* const kDistributionKinds[] = {"constant", "normal", "gamma", "lognormal", "poisson", "negative_binomial",
                                          "discrete", "empirical"};

struct DistributionEdit {
  bool changed = false;      // `out` holds a new distribution
  bool released = false;     // a parameter's drag or typing ended this frame: the merge ends
};

// Edits a distribution in place: its kind (converted keeping the mean and, where it has one, the
// standard deviation) and its parameters. Each parameter's box is recorded as
// "rect:inspector:<id>:<parameter>".
DistributionEdit distribution_fields(const char* id, const Distribution& current, Distribution& out, InspectorFrame& frame) {
  ImGui::PushID(id);
  bool changed = false;
  bool released = false;
  int kind = static_cast<int>(current.index());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::Combo("form", &kind, kDistributionKinds, 6) && kind != static_cast<int>(current.index())) {
    out = convert_keeping_moments(current, static_cast<std::size_t>(kind)).distribution;
    changed = true;
    released = true;  // a change of form is a step of its own
  } else {
    out = current;
    const float w = ImGui::GetFontSize() * 9.0f;
    auto field = [&](const char* name, double& v, double speed) {
      ImGui::SetNextItemWidth(w);
      const ImGuiID box = ImGui::GetID(name);
      note_refused_characters(frame, box);
      if (ImGui::DragScalar(name, ImGuiDataType_Double, &v, static_cast<float>(speed), nullptr, nullptr, "%.6g")) changed = true;
      if (ImGui::IsItemDeactivated()) released = true;
      record_rect(frame.shown, std::string("inspector:") + id + ":" + name);
      refused_characters_below(frame, box);
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
  return {changed, released};
}

// A distribution's fields applied through the editor as one merged edit per drag.
void distribution_editor(app::ScenarioEditor& editor, InspectorFrame& frame, const char* id, const Distribution& current,
                         const std::string& undo_label, const std::string& merge_key,
                         const std::function<void(Scenario&, const Distribution&)>& apply) {
  Distribution next;
  const DistributionEdit e = distribution_fields(id, current, next, frame);
  if (e.changed) editor.edit(undo_label, [&](Scenario& sc) { apply(sc, next); }, merge_key);
  if (e.released) editor.end_merge();
  problems_below(editor, frame, undo_label);
}

void node_inspector(app::ScenarioEditor& editor, InspectorFrame& frame, std::size_t index) {
  const Scenario& s = editor.scenario();
  // Copies: an edit below replaces the scenario, and references into it would dangle.
  const Node n = s.nodes[index];
  const std::string node_id = n.id;
  ImGui::Text("Stage %s", n.id.c_str());
  ImGui::Separator();

  char name[256];
  std::snprintf(name, sizeof name, "%s", n.name.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  if (ImGui::InputText("name", name, sizeof name)) {
    const std::string v = name;
    editor.edit("rename stage", [&](Scenario& sc) { sc.nodes[index].name = v; }, "name-" + n.id);
  }
  record_rect(frame.shown, "inspector:name");
  if (ImGui::IsItemDeactivated()) editor.end_merge();
  problems_below(editor, frame, "rename stage");

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
              "model plans with its mean and, when it varies, covers its spread; the simulation draws "
              "from the whole distribution.");
  distribution_editor(editor, frame, "processing", n.processing_time, "processing time", "proc-" + n.id,
                      [index](Scenario& sc, const Distribution& d) { sc.nodes[index].processing_time = d; });

  ImGui::Spacing();
  const bool annual = n.holding_cost.basis == HoldingCostBasis::annual_rate_of_value;
  number_field(editor, frame, "holding cost", annual ? "of value per year" : "per unit per period",
               "Cost of holding one unit here: a yearly rate on the unit's value (0.25 = 25% a year), or money per unit per period.",
               n.holding_cost.value, 0.005, "holding cost",
               [index](Scenario& sc, double v) { sc.nodes[index].holding_cost.value = v; });
  const double max_s = n.max_service_time_periods.value_or(0.0);
  number_field(editor, frame, "max service time", "periods",
               "Longest service time this stage may quote to its customers. 0 at a store means customers are served from stock.",
               max_s, 0.1, "max service time",
               [index](Scenario& sc, double v) { sc.nodes[index].max_service_time_periods = v; });

  // Demand and targets at this stage.
  for (std::size_t d = 0; d < s.demands.size(); ++d) {
    if (s.demands[d].node != n.id) continue;
    const std::string item = s.demands[d].item;
    ImGui::PushID(static_cast<int>(d));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Text("Demand for %s (units per period)", item.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("remove")) {
      editor.edit("remove demand for " + item, [&](Scenario& sc) { app::remove_demand(sc, node_id, item); });
      ImGui::PopID();
      return;  // the demands moved; the next frame draws them again
    }
    if (s.demands[d].per_period) {
      distribution_editor(editor, frame, "demand", *s.demands[d].per_period, "demand", "demand-" + std::to_string(d),
                          [d](Scenario& sc, const Distribution& v) { sc.demands[d].per_period = v; });
    } else if (s.demands[d].history) {
      ImGui::TextDisabled("history of %zu periods (learned for the plan)", s.demands[d].history->quantities.size());
    }
    ImGui::PopID();
  }
  bool has_target = false;
  for (std::size_t t = 0; t < s.service_targets.size(); ++t) {
    const ServiceTarget target = s.service_targets[t];
    if (!target.node || *target.node != n.id) continue;
    has_target = true;
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
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    // A drag box rather than a slider: 0.05 per 100 pixels, finer with Alt, typed with Ctrl+click.
    if (ImGui::DragScalar("target", ImGuiDataType_Double, &level, 0.0005f, &lo, &hi, "%.4f", ImGuiSliderFlags_AlwaysClamp)) {
      editor.edit("service target", [&](Scenario& sc) { sc.service_targets[t].value = level; }, "target-" + std::to_string(t));
    }
    record_rect(frame.shown, "inspector:target:" + target.item.value_or("all"));
    if (ImGui::IsItemDeactivated()) editor.end_merge();
    help_marker("Drag to change by 0.05 per 100 pixels; hold Alt for a finer step; Ctrl+click to type a value "
                "between 0.5 and 0.999.");
    problems_below(editor, frame, "service target");
    ImGui::PopID();
  }

  // Any stage can be given demand (and with it a target), whatever its kind.
  ImGui::Spacing();
  ImGui::Separator();
  const std::vector<std::string> items = app::items_at_stage(s, n.id);
  std::vector<std::string> without_demand;
  for (const std::string& item : items) {
    const bool has = std::any_of(s.demands.begin(), s.demands.end(),
                                 [&](const Demand& d) { return d.node == node_id && d.item == item; });
    if (!has) without_demand.push_back(item);
  }
  const bool supplied = !n.produces.empty() || std::any_of(s.arcs.begin(), s.arcs.end(), [&](const Arc& a) { return a.to == node_id; });
  if (s.items.empty()) {
    ImGui::TextDisabled("Add an item to the scenario to give this stage demand.");
  } else if (!supplied) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("To give this stage demand, connect a supplier, plant or DC to it first: right-click that stage "
                        "on the network, choose Connect to..., then click this one.");
    ImGui::PopTextWrapPos();
  } else if (!without_demand.empty()) {
    std::string label = "Add demand for " + without_demand.front();
    if (ImGui::Button(label.c_str())) {
      const std::string item = without_demand.front();
      editor.edit("add demand for " + item + " at " + node_id, [&](Scenario& sc) { app::add_demand(sc, node_id, item); });
    }
    record_rect(frame.shown, "inspector:add_demand");
    problems_below(editor, frame, "add demand for " + without_demand.front() + " at " + node_id);
    help_marker("External customers order this item here: normal demand of 10 units a period (edit it above once "
                "added) with a 95% cycle-service target.");
  }
  if (!has_target) {
    bool has_demand = false;
    for (const Demand& d : s.demands) has_demand = has_demand || d.node == node_id;
    if (has_demand && ImGui::Button("Add service target")) {
      editor.edit("add service target at " + node_id, [&](Scenario& sc) {
        ServiceTarget t;
        t.node = node_id;
        t.value = 0.95;
        sc.service_targets.push_back(t);
      });
    }
  }
}

void arc_inspector(app::ScenarioEditor& editor, InspectorFrame& frame, std::size_t index) {
  const Arc a = editor.scenario().arcs[index];  // a copy: the edits below replace the scenario
  ImGui::Text("Arc %s -> %s (%s)", a.from.c_str(), a.to.c_str(), a.item.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted("Transit time (periods)");
  help_marker("Time on the way from the upstream stage to the downstream one.");
  distribution_editor(editor, frame, "transit", a.transit_time, "transit time", "transit-" + std::to_string(index),
                      [index](Scenario& sc, const Distribution& d) { sc.arcs[index].transit_time = d; });
  number_field(editor, frame, "quantity per unit", "units",
               "Units of this item in one unit of the downstream stage's output (bill of materials).", a.quantity_per_unit,
               0.05, "quantity per unit", [index](Scenario& sc, double v) { sc.arcs[index].quantity_per_unit = v; });
}

void item_inspector(app::ScenarioEditor& editor, InspectorFrame& frame, std::size_t index) {
  const Item item = editor.scenario().items[index];
  ImGui::Text("Item %s", item.id.c_str());
  ImGui::Separator();
  number_field(editor, frame, "unit cost", editor.scenario().currency.c_str(), "Value of one unit; holding costs are a rate on it.",
               item.unit_cost, 0.1, "unit cost", [index](Scenario& sc, double v) { sc.items[index].unit_cost = v; });
}

// Stages selected together: each field sets its value at every one of them in one undo step.
// A field whose stages differ says so ("now 0.2 to 0.3") and shows the primary stage's value.
void group_inspector(app::ScenarioEditor& editor, InspectorFrame& frame) {
  const Scenario& s = editor.scenario();
  const std::vector<std::string> ids = editor.group();  // a copy: edits below may change the group
  const std::size_t count = ids.size();
  ImGui::Text("%zu stages selected", count);
  frame.shown["inspector_group"] = std::to_string(count);
  ImGui::PushTextWrapPos(0.0f);
  std::string names;
  for (std::size_t i = 0; i < count && i < 8; ++i) names += (i ? ", " : "") + ids[i];
  if (count > 8) names += ", and " + std::to_string(count - 8) + " more";
  ImGui::TextDisabled("%s", names.c_str());
  ImGui::TextDisabled("A value entered here is set at every selected stage. Ctrl+click a stage to add or remove it; "
                      "click one stage to select it alone.");
  ImGui::PopTextWrapPos();
  ImGui::Separator();

  auto now = [](const app::ValueRange& r) {
    char text[96];
    if (r.mixed()) std::snprintf(text, sizeof text, "(now %.4g to %.4g)", r.low, r.high);
    else text[0] = '\0';
    return std::string(text);
  };
  const std::string n_text = std::to_string(count) + " stages";
  auto group_number = [&](const char* label, const char* unit, const char* help, app::StageNumber which, double speed) {
    const app::ValueRange r = app::stage_number_range(s, ids, which);
    if (r.count == 0) return;
    const std::string shown_unit = std::string(unit) + (r.mixed() ? " " + now(r) : "");
    number_field(editor, frame, label, shown_unit.c_str(), help, r.low, speed, std::string(label) + " at " + n_text,
                 [&ids, which](Scenario& sc, double v) { app::set_stage_number(sc, ids, which, v); });
  };

  ImGui::TextUnformatted("Processing time (periods)");
  const app::ValueRange proc = app::processing_time_mean_range(s, ids);
  if (proc.mixed()) {
    ImGui::SameLine();
    ImGui::TextDisabled("means now %.4g to %.4g", proc.low, proc.high);
  }
  const app::Selection primary = editor.selection();
  const Node& first = primary.kind == app::SelectionKind::node && primary.index < s.nodes.size() ? s.nodes[primary.index] : s.nodes.front();
  const Distribution seed = first.processing_time;
  distribution_editor(editor, frame, "processing", seed, "processing time at " + n_text, "group-proc",
                      [&ids](Scenario& sc, const Distribution& d) { app::set_processing_time(sc, ids, d); });
  ImGui::Spacing();
  group_number("holding cost", "rate or per unit", "Holding cost at each selected stage, on the basis each stage uses (a yearly rate of value, or money per unit per period).",
               app::StageNumber::holding_cost, 0.005);
  group_number("fixed order cost", s.currency.c_str(), "Cost of placing one replenishment order at each selected stage.",
               app::StageNumber::fixed_order_cost, 1.0);
  group_number("max service time", "periods", "Longest service time each selected stage may quote.",
               app::StageNumber::max_service_time, 0.1);
  const std::size_t with_target = app::stages_with_target(s, ids);
  if (with_target > 0) {
    group_number("service target", "", "Every service target at the selected stages takes this value (0.5 to 0.999).",
                 app::StageNumber::service_target, 0.0005);
    if (with_target < count) ImGui::TextDisabled("%zu of %zu stages have a target; the others keep none.", with_target, count);
  } else {
    ImGui::TextDisabled("None of these stages has a service target.");
  }
  if (ImGui::SmallButton("Select one stage only")) editor.select(primary);
}

}  // namespace

void inspector_panel(app::ScenarioEditor& editor, InspectorView& view, ShownText& shown) {
  InspectorFrame frame{shown, view};
  const auto& sel = editor.selection();
  if (editor.group().size() >= 2) {
    group_inspector(editor, frame);
  } else switch (sel.kind) {
    case app::SelectionKind::node: node_inspector(editor, frame, sel.index); break;
    case app::SelectionKind::arc: arc_inspector(editor, frame, sel.index); break;
    case app::SelectionKind::item: item_inspector(editor, frame, sel.index); break;
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
  // A refused edit made elsewhere (the canvas, a menu): its problems at the end of the panel.
  if (!editor.last_problems().empty() && !frame.problems_shown) {
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "\"%s\" was not applied; the last good scenario is kept:",
                       editor.last_rejected_label().c_str());
    for (const Problem& p : editor.last_problems()) bullet_wrapped_at_spaces(p.message + " (" + p.path + ")");
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Dismiss")) editor.dismiss_problems();
  }
  shown["inspector_problems"] = std::to_string(editor.last_problems().size());
}

}  // namespace echelon::ui
