#include "app/scenario_editor.h"

#include "core/model/validate.h"

namespace echelon::app {

ScenarioEditor::ScenarioEditor(Scenario initial) : scenario_(std::move(initial)) {}

void ScenarioEditor::push_undo(std::string_view label) {
  undo_.push_back({scenario_, std::string(label)});
  if (undo_.size() > kMaxUndoSteps) undo_.pop_front();
  redo_.clear();
}

EditOutcome ScenarioEditor::edit(std::string_view label, const std::function<void(Scenario&)>& change,
                                 std::string_view merge_key) {
  Scenario next = scenario_;
  change(next);
  if (next == scenario_) return {true, {}};
  Problems problems = validate_scenario(next);
  if (!problems.empty()) {
    last_problems_ = problems;
    last_rejected_label_ = std::string(label);
    return {false, std::move(problems)};
  }
  const bool merging = !merge_key.empty() && merge_key == merge_key_ && !undo_.empty();
  if (!merging) push_undo(label);
  merge_key_ = std::string(merge_key);
  scenario_ = std::move(next);
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
  last_problems_.clear();
  last_rejected_label_.clear();
  selection_ = {};
  ++revision_;
  return {true, {}};
}

bool ScenarioEditor::undo() {
  if (undo_.empty()) return false;
  redo_.push_back({scenario_, undo_.back().label});
  scenario_ = std::move(undo_.back().scenario);
  undo_.pop_back();
  merge_key_.clear();
  ++revision_;
  keep_selection_valid();
  return true;
}

bool ScenarioEditor::redo() {
  if (redo_.empty()) return false;
  undo_.push_back({scenario_, redo_.back().label});
  scenario_ = std::move(redo_.back().scenario);
  redo_.pop_back();
  merge_key_.clear();
  ++revision_;
  keep_selection_valid();
  return true;
}

void ScenarioEditor::dismiss_problems() {
  last_problems_.clear();
  last_rejected_label_.clear();
}

void ScenarioEditor::select(Selection selection) {
  selection_ = selection;
  keep_selection_valid();
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
}

}  // namespace echelon::app
