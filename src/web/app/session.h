// AppSession: what the app is editing and what the core computed from it, in plain C++.
//
// Three kinds of callers, and what each may call:
//   panels (src/web/ui)   the const getters, and edits: set_field, set_choices, and the editor's
//                         edit/select/undo calls. A panel never starts work.
//   the host's frame loop begin_frame() before drawing and step(budget) after it, once a frame.
//   the host's file glue  open_file() (an edit that replaces the scenario).
// All work (the plan search, the Monte Carlo) happens in begin_frame() and step(), sliced so a
// frame stays within its budget. Nothing here knows about ImGui or the browser, so it is tested
// natively. An edit that the core rejects leaves the last good inputs and results in force and
// records the problem under the field's name, so a typo never loses work.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan.h"
#include "core/plan/promise.h"
#include "core/base/result.h"
#include "core/io/history_import.h"
#include "core/learn/portfolio.h"
#include "core/policy/safety_stock.h"
#include "core/sim/sim.h"
#include "core/policy/single_location.h"
#include "app/compare.h"
#include "app/demand_detail.h"
#include "app/history_analysis.h"
#include "app/service_run.h"
#include "app/textbook_models.h"
#include "app/scenario_editor.h"

namespace echelon::app {

enum class SingleLocationField {
  MeanDemand,
  SdDemand,
  MeanLeadTime,
  SdLeadTime,
  ReviewPeriod,
  CycleServiceLevel,
  Count
};

// The core's name of each field, as used in problems and in the test hook.
std::string_view field_name(SingleLocationField field);
std::optional<SingleLocationField> field_from_name(std::string_view name);

struct SingleLocationFieldProblem {
  double rejected_value = 0.0;
  std::string message;  // empty when the field's last edit was accepted
};

class AppSession {
 public:
  AppSession();

  const SafetyStockInput& single_location_input() const { return input_; }
  const SafetyStockResult& single_location_result() const { return result_; }
  // The textbook models of the Single location tab (their own inputs; nothing shared with the scenario).
  TextbookState& textbook() { return textbook_; }
  const TextbookState& textbook() const { return textbook_; }
  // The lead-time-demand density of the normal approximation (x, density), recomputed on edits
  // only; empty when lead-time demand has no spread.
  const std::vector<CurvePoint>& single_location_curve() const { return curve_; }
  double field_value(SingleLocationField field) const;

  // Returns true when the edit was accepted. A rejected edit keeps the last good state and sets
  // the field's problem message; the next accepted edit of that field clears it.
  bool set_field(SingleLocationField field, double value);
  const SingleLocationFieldProblem& field_problem(SingleLocationField field) const;
  bool has_problems() const;

  // Increases on every accepted edit: panels and caches compare it to know what changed.
  std::uint64_t revision() const { return revision_; }

  // ---- The same location planned with the full single-location engine ----
  // Target type (cycle service or fill rate), demand distribution and lead-time-demand model;
  // the mean, sd, lead time, review period and target value come from the fields above.
  struct SingleLocationChoices {
    ServiceTargetKind target_kind = ServiceTargetKind::cycle_service_level;
    DemandKind demand_kind = DemandKind::normal;
    LeadTimeDemandModel model = LeadTimeDemandModel::automatic;
  };
  const SingleLocationChoices& choices() const { return choices_; }
  void set_choices(const SingleLocationChoices& choices);
  // Recomputed after every accepted edit or change of choices.
  const Result<SingleLocationPlan>& single_location_plan() const { return single_location_plan_; }

  // ---- The network scenario ----
  ScenarioEditor& editor() { return editor_; }
  const ScenarioEditor& editor() const { return editor_; }

  // ---- The frame loop (the host calls these, never a panel) ----
  // Starts the work that edits since the last call ask for: a scenario edit starts a new plan
  // search from the placement before it (warm start) with a first short slice, so the frame
  // drawn next shows numbers at once. Small networks are solved within it; larger ones show the
  // earlier placement re-costed at the new inputs, marked preliminary, until step() finishes.
  void begin_frame();
  // Background work within a time budget, once per frame after drawing: first begin_frame()'s
  // work for edits made while drawing, then the plan's search, then the Monte Carlo of the final
  // plan (restarted when the plan changed, after a drag has ended). Cheap when all is done.
  void step(double budget_milliseconds);

  // Opens a file's text as the scenario (any format core/io/scenario_import.h reads); on success
  // the editor holds it as an undoable replacement described by `how` ("open", "link", ...).
  // On failure nothing changes and every problem is returned.
  Result<bool> open_file(std::string_view file_name, std::string_view text, const std::string& how);
  // Opens a demand history with import settings (core/io/history_import.h), the same way.
  Result<bool> open_history(std::string_view file_name, std::string_view text, const HistoryImportSettings& settings);

  // The plan of the scenario as it stood at the last begin_frame() or step(): during the frame
  // of an edit it may be one edit behind (plan_is_current() says so); the next frame has it.
  const Result<Plan>& plan() const { return plan_; }
  bool plan_is_current() const { return plan_revision_ == editor_.model_revision(); }
  // Time spent on the current plan so far (first slice, plus refinement across frames).
  double last_plan_milliseconds() const { return last_plan_milliseconds_; }
  // Where the last step() spent its time, by phase (wall clock, read by benches hunting slow
  // frames; nothing is decided on it).
  struct StepPhaseTimes {
    double plan_milliseconds = 0.0;            // a new plan's first slice, learning, the search
    double history_start_milliseconds = 0.0;   // the history rows and the risk run's start
    double history_risk_milliseconds = 0.0;
    double service_start_milliseconds = 0.0;
    double service_milliseconds = 0.0;
    double sim_network_milliseconds = 0.0;     // the simulated network from the plan
    double sim_start_milliseconds = 0.0;       // the simulation's setup
    double sim_milliseconds = 0.0;             // the Monte Carlo
    double estimates_milliseconds = 0.0;       // the estimates of the replications so far
    double promises_milliseconds = 0.0;        // the promise check of those estimates
    double series_milliseconds = 0.0;          // the selected stage's bands
  };
  const StepPhaseTimes& last_step_phase_times() const { return step_phase_times_; }
  bool plan_is_preliminary() const { return plan_search_.has_value(); }
  // True while the first plan of a scenario is being set up (the learned models handed over,
  // single-echelon buffers sized in slices): plan() then holds what is being done, not a problem.
  bool plan_in_preparation() const {
    return !plan_.ok() && (learned_plan_owed_ || (plan_search_.has_value() && !plan_search_->prepared()));
  }
  // While the scenario's demand histories are being learned (a new or changed set of histories),
  // before its plan can start: series learned so far and in all. The plan then holds no plan.
  struct LearningProgress {
    std::size_t done = 0;
    std::size_t total = 0;
  };
  std::optional<LearningProgress> plan_learning() const {
    if (!learner_) return std::nullopt;
    return LearningProgress{learner_->done(), learner_->total()};
  }
  // What the search is doing while the plan is preliminary ("bounding", "branch and bound", ...).
  std::string_view plan_search_phase() const { return plan_search_ ? plan_search_->phase() : std::string_view("done"); }
  // Increases every time a plan is published (after an edit, and when a search finishes).
  std::uint64_t plan_generation() const { return plan_generation_; }
  // True during a run of merged edits of the model (a slider drag); the Monte Carlo waits for
  // its end. Moving a stage on the canvas is not one: the plan does not read positions.
  bool dragging() const { return editor_.merging_model_edit(); }

  const std::optional<sim::SimEstimates>& simulation() const { return sim_estimates_; }
  // True when the estimates on hand belong to an earlier plan (a new run has not published yet,
  // or has not started because the plan is still being refined or dragged).
  bool simulation_is_stale() const {
    return sim_estimates_.has_value() &&
           (sim_stale_ || simulated_plan_generation_ != plan_generation_ || pending_sim_network_.has_value());
  }
  // Progress of the run of the current plan.
  int simulation_replications_done() const { return simulation_ ? simulation_->replications_done() : 0; }
  int simulation_replications_target() const { return simulation_target_; }
  // Share of the current run done, counting the block of replications under way (Simulation::progress).
  double simulation_progress() const { return simulation_ ? simulation_->progress() : 0.0; }
  // True while an edit awaits its plan, or the plan's search or the Monte Carlo has work left
  // (the page keeps drawing frames until then).
  bool simulation_running() const {
    return !plan_is_current() || learner_.has_value() || learned_plan_owed_ || plan_search_.has_value() ||
           (simulation_ && !simulation_->finished()) || estimates_owed_ || pending_sim_network_.has_value() ||
           simulated_plan_generation_ != plan_generation_;
  }
  // True while the plan, the Monte Carlo or the history analysis has work left: the page keeps
  // drawing frames until then.
  bool background_running() const { return simulation_running() || history_risk_running() || service_running(); }
  const Problems& simulation_problems() const { return sim_problems_; }
  // Each stage's promise beside what the simulation of the plan measures on the same measure
  // (core/plan/promise.h), refreshed with the estimates; absent before the first estimates.
  const std::optional<PromiseReport>& promise_report() const { return promise_report_; }
  // Increases whenever new simulation estimates arrive (for idle detection and charts).
  std::uint64_t simulation_revision() const { return sim_revision_; }

  // ---- The scenario's demand histories (app/history_analysis.h) ----
  // Learned beside traditional estimates, rebuilt when a final plan is published (empty without
  // histories, or while the plan of an edit is still being searched).
  const std::vector<HistoryRow>& history_rows() const { return history_rows_; }
  // Whether any demand of the scenario (as of the last begin_frame or step) is a history.
  bool has_histories() const { return has_histories_; }
  // The obsolescence analysis of the histories at the current plan, run in slices after the
  // plan's search: absent without histories or plan; finished() once its results are complete.
  const std::optional<HistoryRiskRun>& history_risk() const { return history_risk_; }
  bool history_risk_running() const {
    return history_plan_generation_ != plan_generation_ || history_risk_pending_ ||
           (history_risk_ && !history_risk_->finished());
  }
  const Problems& history_risk_problems() const { return history_risk_problems_; }
  // Chooses the history (index into history_risk()->results()) whose cut-off by cut-off flags
  // the obsolescence view shows; computed here at once (one history, a few thousand operations).
  void select_risk_item(int index);
  int selected_risk_item() const { return selected_risk_item_; }
  const std::optional<RiskTimeline>& selected_risk_timeline() const { return risk_timeline_; }
  // Chooses the row of history_rows() the Learning tab shows closely (-1: none); its
  // detail (app/demand_detail.h) is computed here at once and again when a new plan is published.
  void select_learning_row(int row);
  int selected_learning_row() const { return selected_learning_row_; }
  const std::optional<DemandDetail>& learning_detail() const { return learning_detail_; }

  // ---- Receipt records (lead times learned per arc or supplier, app/demand_detail.h) ----
  // Reads and learns a receipts CSV; kept across scenarios until another one is opened. On
  // failure nothing changes and every problem is returned.
  Result<bool> open_receipts(std::string_view file_name, std::string_view text);
  const std::optional<LoadedReceipts>& receipts() const { return receipts_; }
  // The lead time of the selected demand's supplier (absent without receipts or a match).
  const std::optional<LeadTimeDetail>& lead_time_detail() const { return lead_time_detail_; }

  // ---- Service levels (app/service_run.h) ----
  const ServiceSettings& service_settings() const { return service_settings_; }
  // An edit (panels may call it): accepted settings restart the study; invalid ones are refused,
  // the settings in force stay, and service_settings_problems() names the setting.
  bool set_service_settings(const ServiceSettings& settings);
  const Problems& service_settings_problems() const { return service_settings_problems_; }
  // The study of the scenario at the settings in force; restarted after every scenario edit
  // (once a drag has ended). Absent until the first frames after the app opens.
  const std::optional<ServiceRun>& service_run() const { return service_run_; }
  // Increases every time a study starts (for tables that sort its results once).
  std::uint64_t service_run_generation() const { return service_run_generation_; }
  bool service_running() const {
    return service_scenario_revision_ != editor_.model_revision() || service_run_settings_revision_ != service_settings_revision_ ||
           (service_run_ && !service_run_->done());
  }

  // ---- Two scenarios side by side (app/compare.h) ----
  // Pins the scenario in force, with its plan and simulation, as "A" (panels may call it). False
  // while there is no plan to pin.
  bool pin_as_a();
  void unpin() { pinned_.reset(); comparison_.reset(); }
  bool has_pinned() const { return pinned_.has_value(); }
  // Opens A again (an undoable replacement); A stays pinned, so the two can be swapped back.
  bool open_pinned();
  // A beside the scenario in force, refreshed when its plan or simulation changes; absent
  // without a pinned A or while the current plan is not ready.
  const std::optional<Comparison>& comparison() const { return comparison_; }

 private:
  TextbookState textbook_;
  struct Pinned {
    Scenario scenario;
    ScenarioFigures figures;
  };
  std::optional<Pinned> pinned_;
  std::optional<Comparison> comparison_;
  std::uint64_t compared_plan_generation_ = ~std::uint64_t{0};
  std::uint64_t compared_sim_revision_ = ~std::uint64_t{0};
  void refresh_comparison();

  SafetyStockInput input_;
  SafetyStockResult result_;
  std::array<SingleLocationFieldProblem, static_cast<size_t>(SingleLocationField::Count)> problems_{};
  std::uint64_t revision_ = 0;

  void recompute_single_location_plan();
  std::vector<CurvePoint> curve_;
  SingleLocationChoices choices_;
  Result<SingleLocationPlan> single_location_plan_{Problems{}};

  void start_plan_search();
  void keep_finished_search();
  void attach_selected_series();
  void refresh_estimates(StepPhaseTimes& times);
  void forget_figures_of_another_scenario();
  std::uint64_t figures_identity_ = 0;  // the scenario identity the figures on hand belong to

  ScenarioEditor editor_;
  // Demand learned from the scenario's histories, reused by every plan while the histories stay
  // the same (an edit of a cost or a target does not relearn 300 series); a new set of histories
  // is learned in slices across frames before its plan starts.
  std::vector<std::optional<History>> learned_histories_;
  bool has_histories_ = false;
  std::shared_ptr<const std::vector<std::optional<learn::LearnedDemand>>> learned_models_;
  std::optional<learn::PortfolioLearner> learner_;
  bool learned_plan_owed_ = false;  // the learning finished, or the stages were built: the search starts next frame
  // The first plan of a large scenario is started over two frames: the stages are built from the
  // scenario in one (gsm_from_scenario), the search is set up on them in the next. Kept with the
  // model revision they were built from; an edit in between makes them useless.
  std::optional<GsmFromScenario> pending_instance_;
  std::uint64_t pending_instance_revision_ = 0;
  bool learn_in_slices(double budget_milliseconds);
  Result<Plan> plan_{Problems{}};
  std::optional<PlanSearch> plan_search_;  // while the current plan is being refined
  std::optional<PlanSearch> finished_search_;  // the last search to finish, lent to the next edit's
  bool solved_in_first_slice_ = true;      // the last search finished within its first slice
  std::uint64_t plan_revision_ = ~std::uint64_t{0};
  double last_plan_milliseconds_ = 0.0;
  StepPhaseTimes step_phase_times_;
  std::uint64_t plan_generation_ = 0;  // increases on every published plan

  std::optional<sim::Simulation> simulation_;
  std::uint64_t simulated_plan_generation_ = ~std::uint64_t{0};
  std::optional<sim::SimEstimates> sim_estimates_;
  std::optional<sim::SimNetwork> sim_network_;  // the network of the run in force
  std::optional<sim::SimNetwork> pending_sim_network_;  // built, its simulation to start next frame
  std::optional<PromiseReport> promise_report_;
  int estimated_replications_ = 0;  // replications behind sim_estimates_
  bool estimates_owed_ = false;     // the run grew enough for new estimates; they come next frame
  int simulation_target_ = 0;
  bool sim_stale_ = false;
  Problems sim_problems_;
  std::uint64_t sim_revision_ = 0;
  Selection series_selection_;  // whose bands sim_estimates_ carries

  void refresh_history_analysis();
  void start_history_risk();
  bool history_risk_pending_ = false;  // rows built; the risk run starts in the next step
  std::uint64_t history_plan_generation_ = ~std::uint64_t{0};
  std::vector<HistoryRow> history_rows_;
  std::optional<HistoryRiskRun> history_risk_;
  Problems history_risk_problems_;
  int selected_risk_item_ = -1;
  std::optional<RiskTimeline> risk_timeline_;
  int selected_learning_row_ = -1;
  std::optional<DemandDetail> learning_detail_;
  std::optional<LoadedReceipts> receipts_;
  std::optional<LeadTimeDetail> lead_time_detail_;
  void refresh_learning_detail();

  ServiceSettings service_settings_;
  Problems service_settings_problems_;
  std::optional<ServiceRun> service_run_;
  std::uint64_t service_scenario_revision_ = ~std::uint64_t{0};
  std::uint64_t service_run_generation_ = 0;
  std::uint64_t service_settings_revision_ = 0;      // increases on every accepted settings edit
  std::uint64_t service_run_settings_revision_ = 0;  // the settings the run in force started with
};

// The built-in default: a store selling 100 units a day (sd 20), supplied in 5 days (sd 1),
// reviewed daily, aiming at a 95% cycle service level.
SafetyStockInput default_single_location_input();

}  // namespace echelon::app
