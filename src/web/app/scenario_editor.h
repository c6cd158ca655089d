// ScenarioEditor: the scenario being edited, with validation, undo/redo and a selection.
//
// Every change goes through `edit`, which applies it to a copy and keeps the copy only when the
// whole scenario still validates; otherwise the last good scenario stays in force and the problems
// are kept for the panel to show. Undo is by snapshots (scenarios are small values), and a run of
// edits with the same merge key (one slider drag) is one undo step.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.h"
#include "core/base/result.h"

namespace echelon::app {

enum class SelectionKind { none, node, arc, item };

struct Selection {
  SelectionKind kind = SelectionKind::none;
  std::size_t index = 0;
  friend bool operator==(const Selection&, const Selection&) = default;
};

struct EditOutcome {
  bool accepted = false;
  Problems problems;  // why it was rejected; empty when accepted
};

class ScenarioEditor {
 public:
  static constexpr std::size_t kMaxUndoSteps = 200;

  explicit ScenarioEditor(Scenario initial);

  const Scenario& scenario() const { return scenario_; }
  // Increases on every accepted change (edits, undo, redo, replace).
  std::uint64_t revision() const { return revision_; }
  // Increases on accepted changes of anything the plan reads: every change except moving stages
  // on the canvas. Plan, simulation and studies restart on this one, so a layout edit keeps them.
  std::uint64_t model_revision() const { return model_revision_; }
  // Increases on accepted changes of anything but where stages are drawn and the values of the
  // service targets (a target added, removed or moved to another scope counts): tables derived
  // from the scenario's records, such as its readiness, are kept while a service level is dragged.
  std::uint64_t structure_revision() const { return structure_revision_; }
  // Increases when another scenario takes the place of the one edited (opening a file, a sample,
  // a link, and undo or redo across such a step): figures of the old scenario mean nothing then.
  std::uint64_t scenario_identity() const { return identity_; }

  // Applies `change` to a copy of the scenario. `label` names the step in the undo menu.
  EditOutcome edit(std::string_view label, const std::function<void(Scenario&)>& change,
                   std::string_view merge_key = {});
  // Ends the current run of merged edits (call when a drag ends).
  void end_merge() { merge_key_.clear(); }
  // True during a run of merged edits (a drag is in progress).
  bool merging() const { return !merge_key_.empty(); }
  // True during a run of merged edits that change what the plan reads (not a stage being moved).
  bool merging_model_edit() const { return !merge_key_.empty() && merge_changes_model_; }

  // Replaces the whole scenario (opening a file, a sample, a link); undoable like an edit.
  EditOutcome replace(Scenario next, std::string_view label);

  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  std::string undo_label() const { return undo_.empty() ? std::string() : undo_.back().label; }
  std::string redo_label() const { return redo_.empty() ? std::string() : redo_.back().label; }
  bool undo();
  bool redo();

  // The problems of the last rejected change and its label (empty after an accepted one).
  const Problems& last_problems() const { return last_problems_; }
  const std::string& last_rejected_label() const { return last_rejected_label_; }
  void dismiss_problems();

  const Selection& selection() const { return selection_; }
  // Selects one thing; any group of stages selected together is let go.
  void select(Selection selection);

  // Stages selected together for a bulk edit, by id (ids survive the removal of other stages,
  // indices do not). Two or more ids make a group; the primary selection is one of them.
  const std::vector<std::string>& group() const { return group_; }
  bool in_group(std::string_view node_id) const;
  // Ctrl+click on a stage: adds it to the group (starting from the selected stage) or takes it
  // out. The stage added becomes the primary selection.
  void toggle_in_group(std::size_t node_index);
  // Selects the given stages together (for example every stage a filter shows).
  void select_group(const std::vector<std::size_t>& node_indices);

 private:
  struct Step {
    Scenario scenario;
    std::string label;
    std::uint64_t identity = 0;
  };
  void restore(std::deque<Step>& from, std::deque<Step>& to);
  void push_undo(std::string_view label);
  void keep_selection_valid();

  Scenario scenario_;
  std::deque<Step> undo_;
  std::deque<Step> redo_;
  std::string merge_key_;
  std::uint64_t revision_ = 0;
  std::uint64_t model_revision_ = 0;
  std::uint64_t structure_revision_ = 0;
  std::uint64_t identity_ = 0;
  std::uint64_t next_identity_ = 1;
  bool merge_changes_model_ = false;
  Problems last_problems_;
  std::string last_rejected_label_;
  Selection selection_;
  std::vector<std::string> group_;
};

}  // namespace echelon::app
