#include "app/scenario_editor.h"

#include <algorithm>

#include "core/model/validate.h"

namespace echelon::app {

namespace {
// What differs between two scenarios, compared part by part without copying either (a drag on a
// network of thousands of stages compares every frame).
struct Difference {
  bool layout = false;        // where stages are drawn
  bool targets = false;       // the service targets
  bool target_scopes = false; // the targets other than their values (their number, scopes, measures)
  bool other = false;         // anything else
  bool any() const { return layout || targets || other; }
};
Difference difference(const Scenario& a, const Scenario& b) {
  Difference d;
  d.targets = a.service_targets != b.service_targets;
  if (d.targets) {
    d.target_scopes = a.service_targets.size() != b.service_targets.size();
    for (std::size_t i = 0; i < a.service_targets.size() && !d.target_scopes; ++i) {
      ServiceTarget value_back = b.service_targets[i];
      value_back.value = a.service_targets[i].value;
      d.target_scopes = !(value_back == a.service_targets[i]);
    }
  }
  d.other = a.name != b.name || a.description != b.description || a.period != b.period || a.currency != b.currency ||
            a.items != b.items || a.arcs != b.arcs || a.demands != b.demands || a.policies != b.policies ||
            !(a.settings == b.settings) || a.nodes.size() != b.nodes.size();
  if (d.other) return d;  // the node loop below matters only to tell a layout edit
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    if (a.nodes[i] == b.nodes[i]) continue;
    if (a.nodes[i].position != b.nodes[i].position) {
      d.layout = true;
      Node moved_back = b.nodes[i];
      moved_back.position = a.nodes[i].position;
      if (moved_back == a.nodes[i]) continue;
    }
    d.other = true;
    break;
  }
  return d;
}
// True when the two scenarios differ only in where stages are drawn.
bool differs_only_in_layout(const Scenario& a, const Scenario& b) {
  const Difference d = difference(a, b);
  return !d.targets && !d.other;
}
}  // namespace

ScenarioEditor::ScenarioEditor(Scenario initial) : scenario_(std::move(initial)) {}

void ScenarioEditor::push_undo(std::string_view label) {
  undo_.push_back({scenario_, std::string(label), identity_});
  if (undo_.size() > kMaxUndoSteps) undo_.pop_front();
  redo_.clear();
}

EditOutcome ScenarioEditor::edit(std::string_view label, const std::function<void(Scenario&)>& change,
                                 std::string_view merge_key) {
  Scenario next = scenario_;
  change(next);
  const Difference changed = difference(scenario_, next);
  if (!changed.any()) return {true, {}};
  // The scenario in force is valid, so a change of the targets alone needs only their checks
  // (the same problems as validating it whole; core/model/validate.h).
  Problems problems = changed.other || changed.layout ? validate_scenario(next) : validate_service_targets(next);
  if (!problems.empty()) {
    last_problems_ = problems;
    last_rejected_label_ = std::string(label);
    return {false, std::move(problems)};
  }
  const bool merging = !merge_key.empty() && merge_key == merge_key_ && !undo_.empty();
  if (!merging) push_undo(label);
  const bool layout_only = !changed.targets && !changed.other;
  merge_changes_model_ = merging ? (merge_changes_model_ || !layout_only) : !layout_only;
  merge_key_ = std::string(merge_key);
  scenario_ = std::move(next);
  if (!layout_only) ++model_revision_;
  if (changed.other || changed.target_scopes) ++structure_revision_;
  last_problems_.clear();
  last_rejected_label_.clear();
  ++revision_;
  keep_selection_valid();
  return {true, {}};
}

EditOutcome ScenarioEditor::replace(Scenario next, std::string_view label) {
  Problems problems = validate_scenario(next);
  if (!problems.empty()) {
    last_problems_ = problems;
    last_rejected_label_ = std::string(label);
    return {false, std::move(problems)};
  }
  push_undo(label);
  merge_key_.clear();
  scenario_ = std::move(next);
  identity_ = next_identity_++;
  last_problems_.clear();
  last_rejected_label_.clear();
  selection_ = {};
  group_.clear();
  ++revision_;
  ++model_revision_;
  ++structure_revision_;
  return {true, {}};
}

// Moves the newest step of `from` into force and what was in force onto `to` (undo or redo).
void ScenarioEditor::restore(std::deque<Step>& from, std::deque<Step>& to) {
  Step& step = from.back();
  const bool layout_only = step.identity == identity_ && differs_only_in_layout(scenario_, step.scenario);
  to.push_back({scenario_, step.label, identity_});
  scenario_ = std::move(step.scenario);
  identity_ = step.identity;
  from.pop_back();
  merge_key_.clear();
  ++revision_;
  if (!layout_only) {
    ++model_revision_;
    ++structure_revision_;
  }
  keep_selection_valid();
}

bool ScenarioEditor::undo() {
  if (undo_.empty()) return false;
  restore(undo_, redo_);
  return true;
}

bool ScenarioEditor::redo() {
  if (redo_.empty()) return false;
  restore(redo_, undo_);
  return true;
}

void ScenarioEditor::dismiss_problems() {
  last_problems_.clear();
  last_rejected_label_.clear();
}

void ScenarioEditor::select(Selection selection) {
  selection_ = selection;
  group_.clear();
  keep_selection_valid();
}

bool ScenarioEditor::in_group(std::string_view node_id) const {
  return std::find(group_.begin(), group_.end(), node_id) != group_.end();
}

void ScenarioEditor::toggle_in_group(std::size_t node_index) {
  if (node_index >= scenario_.nodes.size()) return;
  if (group_.empty() && selection_.kind == SelectionKind::node && selection_.index < scenario_.nodes.size())
    group_.push_back(scenario_.nodes[selection_.index].id);
  const std::string& id = scenario_.nodes[node_index].id;
  const auto it = std::find(group_.begin(), group_.end(), id);
  if (it == group_.end()) {
    group_.push_back(id);
    selection_ = {SelectionKind::node, node_index};
  } else {
    group_.erase(it);
    // The primary selection moves to a stage still in the group, or goes with the last one.
    selection_ = {};
    for (std::size_t i = 0; i < scenario_.nodes.size() && !group_.empty(); ++i)
      if (scenario_.nodes[i].id == group_.back()) selection_ = {SelectionKind::node, i};
  }
  if (group_.size() < 2) group_.clear();
}

void ScenarioEditor::select_group(const std::vector<std::size_t>& node_indices) {
  group_.clear();
  selection_ = {};
  for (std::size_t i : node_indices) {
    if (i >= scenario_.nodes.size() || in_group(scenario_.nodes[i].id)) continue;
    group_.push_back(scenario_.nodes[i].id);
    if (selection_.kind == SelectionKind::none) selection_ = {SelectionKind::node, i};
  }
  if (group_.size() < 2) group_.clear();
}

void ScenarioEditor::keep_selection_valid() {
  const auto count = [&]() -> std::size_t {
    switch (selection_.kind) {
      case SelectionKind::node: return scenario_.nodes.size();
      case SelectionKind::arc: return scenario_.arcs.size();
      case SelectionKind::item: return scenario_.items.size();
      case SelectionKind::none: break;
    }
    return 0;
  }();
  if (selection_.kind != SelectionKind::none && selection_.index >= count) selection_ = {};
  // Stages of the group that no longer exist (removed, or undone) leave it.
  std::erase_if(group_, [&](const std::string& id) {
    return std::none_of(scenario_.nodes.begin(), scenario_.nodes.end(), [&](const Node& n) { return n.id == id; });
  });
  if (group_.size() < 2) group_.clear();
}

}  // namespace echelon::app
