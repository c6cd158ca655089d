// AppSession (session.h): the edits, and the work sliced across frames.
//
// Contents
//   single location       fields, the safety-stock result and the full single-location plan
//   plan                  learning a new set of histories in slices, then the plan search
//                         (first slice in the frame of the edit, refinement after)
//   step                  per frame: learning, the search, the history risk run and the service
//                         study (a third of the budget each), then the Monte Carlo and the
//                         promise check of its estimates
//   histories             the learned-versus-traditional rows and the risk run; one item's
//                         flag timeline
#include "app/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "core/plan/plan_sim.h"
#include "app/default_scenario.h"
#include "core/io/scenario_import.h"

namespace echelon::app {

namespace {
constexpr std::array<std::string_view, static_cast<size_t>(SingleLocationField::Count)> kFieldNames = {
    "mean_demand_per_period", "sd_demand_per_period", "mean_lead_time_periods",
    "sd_lead_time_periods",   "review_period_periods", "cycle_service_level"};

double& field_ref(SafetyStockInput& in, SingleLocationField field) {
  switch (field) {
    case SingleLocationField::MeanDemand: return in.mean_demand_per_period;
    case SingleLocationField::SdDemand: return in.sd_demand_per_period;
    case SingleLocationField::MeanLeadTime: return in.mean_lead_time_periods;
    case SingleLocationField::SdLeadTime: return in.sd_lead_time_periods;
    case SingleLocationField::ReviewPeriod: return in.review_period_periods;
    case SingleLocationField::CycleServiceLevel:
    case SingleLocationField::Count: break;
  }
  return in.cycle_service_level;
}
}  // namespace

std::string_view field_name(SingleLocationField field) {
  const auto i = static_cast<size_t>(field);
  return i < kFieldNames.size() ? kFieldNames[i] : std::string_view{};
}

std::optional<SingleLocationField> field_from_name(std::string_view name) {
  for (size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<SingleLocationField>(i);
  }
  return std::nullopt;
}

SafetyStockInput default_single_location_input() {
  SafetyStockInput in;
  in.mean_demand_per_period = 100.0;
  in.sd_demand_per_period = 20.0;
  in.mean_lead_time_periods = 5.0;
  in.sd_lead_time_periods = 1.0;
  in.review_period_periods = 1.0;
  in.cycle_service_level = 0.95;
  return in;
}

namespace {
constexpr int kCurvePoints = 161;
}  // namespace

AppSession::AppSession() : input_(default_single_location_input()), editor_(default_scenario()) {
  // The default is valid by construction; a failure here would be a defect caught by the tests.
  auto computed = compute_safety_stock(input_);
  if (computed.ok()) result_ = computed.value();
  curve_ = lead_time_demand_curve(result_, kCurvePoints);
  recompute_single_location_plan();
  start_plan_search();  // the first frame shows the default scenario's plan
}

Result<bool> AppSession::open_file(std::string_view file_name, std::string_view text, const std::string& how) {
  auto scenario = import_scenario_file(file_name, text);
  if (!scenario.ok()) return scenario.problems();
  editor_.replace(std::move(scenario).value(), how + " " + std::string(file_name));
  return true;
}

Result<bool> AppSession::open_history(std::string_view file_name, std::string_view text,
                                      const HistoryImportSettings& settings) {
  auto scenario = import_history(text, settings);
  if (!scenario.ok()) return scenario.problems();
  editor_.replace(std::move(scenario).value(), "import " + std::string(file_name));
  return true;
}

void AppSession::set_choices(const SingleLocationChoices& choices) {
  choices_ = choices;
  recompute_single_location_plan();
  ++revision_;
}

void AppSession::recompute_single_location_plan() {
  SingleLocationInput in;
  in.demand.kind = choices_.demand_kind;
  in.demand.mean_units_per_period = input_.mean_demand_per_period;
  in.demand.sd_units_per_period = input_.sd_demand_per_period;
  in.lead_time.mean_periods = input_.mean_lead_time_periods;
  in.lead_time.sd_periods = input_.sd_lead_time_periods;
  // The engine reviews in whole periods.
  in.review_period_periods = std::round(input_.review_period_periods);
  in.model = choices_.model;
  in.target_kind = choices_.target_kind;
  in.target_value = input_.cycle_service_level;
  in.holding_cost_per_unit_period = 1.0;
  single_location_plan_ = compute_single_location(in);
}

double AppSession::field_value(SingleLocationField field) const {
  SafetyStockInput copy = input_;
  return field_ref(copy, field);
}

bool AppSession::set_field(SingleLocationField field, double value) {
  if (field == SingleLocationField::Count) return false;
  SafetyStockInput candidate = input_;
  field_ref(candidate, field) = value;
  auto computed = compute_safety_stock(candidate);
  auto& problem = problems_[static_cast<size_t>(field)];
  if (!computed.ok()) {
    problem.rejected_value = value;
    problem.message.clear();
    for (const Problem& p : computed.problems()) {
      if (p.path == field_name(field)) problem.message = p.message;
    }
    if (problem.message.empty()) problem.message = describe(computed.problems());
    return false;
  }
  problem = {};
  if (candidate.mean_demand_per_period != input_.mean_demand_per_period ||
      candidate.sd_demand_per_period != input_.sd_demand_per_period ||
      candidate.mean_lead_time_periods != input_.mean_lead_time_periods ||
      candidate.sd_lead_time_periods != input_.sd_lead_time_periods ||
      candidate.review_period_periods != input_.review_period_periods ||
      candidate.cycle_service_level != input_.cycle_service_level) {
    input_ = candidate;
    result_ = std::move(computed).value();
    curve_ = lead_time_demand_curve(result_, kCurvePoints);
    recompute_single_location_plan();
    ++revision_;
  }
  return true;
}

const SingleLocationFieldProblem& AppSession::field_problem(SingleLocationField field) const {
  static const SingleLocationFieldProblem none;
  const auto i = static_cast<size_t>(field);
  return i < problems_.size() ? problems_[i] : none;
}

bool AppSession::has_problems() const {
  for (const auto& p : problems_) {
    if (!p.message.empty()) return true;
  }
  return false;
}

namespace {
// The first slice of a new plan's search runs in the frame of the edit; the rest of the search
// runs in the frames after it, within the frame budget.
constexpr double kFirstPlanSliceMilliseconds = 2.0;
// Scenarios with at least this many demands and arcs get their first plan started over two
// frames (stages, then search): building 2,674 stages takes about 30 ms in the browser, setting
// up their search as long again.
constexpr std::size_t kTwoFramePlanStartSize = 1000;
// The search on networks that are not trees stops on its work budget (DP cells), so the app's
// plan equals the command line's on every machine; the search runs sliced across frames, and the
// time limit is only a guard against a budget far slower than expected.
constexpr double kPlanSearchSeconds = 20.0;
// Quantile-sized stages prepared per call of PlanSearch::prepare (about 0.02 ms each).
constexpr std::size_t kQuantileStagesPerCall = 16;
// Risk work between clock checks: a few thousand history periods, well under a millisecond.
constexpr long long kHistoryRiskSliceWorkUnits = 4000;
// Service-study work between clock checks (portfolio demands, KPI evaluations, simulated periods
// / 1000). A call stops once it has spent this much: 8 units are two replications of an item's
// simulation check (8,400 periods, under a millisecond natively) or one demand of the portfolio;
// a call always finishes at least one curve (112 units).
constexpr long long kServiceSliceWorkUnits = 8;
double milliseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}
}  // namespace

void AppSession::begin_frame() {
  if (!plan_is_current()) start_plan_search();
  refresh_comparison();
}

namespace {
std::vector<std::optional<History>> histories_of(const Scenario& scenario) {
  std::vector<std::optional<History>> out;
  out.reserve(scenario.demands.size());
  for (const Demand& d : scenario.demands) out.push_back(d.history);
  return out;
}
bool same_histories(const std::vector<std::optional<History>>& kept, const Scenario& scenario) {
  if (kept.size() != scenario.demands.size()) return false;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const auto& now = scenario.demands[i].history;
    if (kept[i].has_value() != now.has_value()) return false;
    // NaN marks a missing period, so compare bit patterns rather than values.
    if (kept[i] && (kept[i]->quantities.size() != now->quantities.size() ||
                    std::memcmp(kept[i]->quantities.data(), now->quantities.data(),
                                now->quantities.size() * sizeof(double)) != 0))
      return false;
  }
  return true;
}
}  // namespace

// Learns series one at a time until the budget is spent; true once every series is learned (the
// models are then kept for the plans of this set of histories).
bool AppSession::learn_in_slices(double budget_milliseconds) {
  const auto started = std::chrono::steady_clock::now();
  while (!learner_->finished() && milliseconds_since(started) < budget_milliseconds) learner_->step(1);
  if (!learner_->finished()) return false;
  learned_models_ = std::make_shared<const std::vector<std::optional<learn::LearnedDemand>>>(learner_->take_learned_models());
  learner_.reset();
  return true;
}

// Another scenario is in force (a file, a sample, a link, or undo across one): the figures on
// screen belong to the old one, so they go at once rather than stay marked as stale.
void AppSession::forget_figures_of_another_scenario() {
  figures_identity_ = editor_.scenario_identity();
  plan_ = Problems{};
  plan_search_.reset();
  finished_search_.reset();
  simulation_.reset();
  sim_estimates_.reset();
  sim_network_.reset();
  pending_sim_network_.reset();
  promise_report_.reset();
  sim_problems_.clear();
  sim_stale_ = false;
  estimated_replications_ = 0;
  estimates_owed_ = false;
  history_rows_.clear();
  history_risk_.reset();
  history_risk_pending_ = false;
  history_risk_problems_.clear();
  selected_risk_item_ = -1;
  risk_timeline_.reset();
  selected_learning_row_ = -1;
  learning_detail_.reset();
  refresh_learning_detail();
  service_run_.reset();
}

// The finished search is kept, not freed: the next edit's search takes its grids, pooled bounds
// and random-time memos where the edit left them as they were (PlanSearch::start), so the first
// frame after a settled plan is as quick as the frames of a drag.
void AppSession::keep_finished_search() {
  finished_search_ = std::move(plan_search_);
  plan_search_.reset();
}

void AppSession::start_plan_search() {
  const auto started = std::chrono::steady_clock::now();
  learned_plan_owed_ = false;
  if (figures_identity_ != editor_.scenario_identity()) forget_figures_of_another_scenario();
  const Scenario& scenario = editor_.scenario();
  if (!same_histories(learned_histories_, scenario)) {
    learned_histories_ = histories_of(scenario);
    learned_models_.reset();
    learner_.reset();
    has_histories_ = std::any_of(scenario.demands.begin(), scenario.demands.end(),
                                 [](const Demand& d) { return d.history.has_value(); });
    if (has_histories_) learner_.emplace(learn::PortfolioLearner::for_plan(scenario, PlanOptions{}.history.options));
  }
  if (learner_ && !learn_in_slices(kFirstPlanSliceMilliseconds)) {
    // The plan waits for the learned demand; panels show the learning's progress meanwhile.
    plan_revision_ = editor_.model_revision();
    ++plan_generation_;
    plan_search_.reset();
    plan_ = Problem{"/demands", "learning demand from the histories"};
    last_plan_milliseconds_ = milliseconds_since(started);
    return;
  }
  PlanOptions options;
  options.history.learned = learned_models_;
  options.search.time_limit_seconds = kPlanSearchSeconds;
  if (plan_.ok()) {
    // Same stage count: most likely the same network before this edit; the search repairs the
    // times to feasibility and keeps them only if they beat its own first answer.
    options.warm_start_outbound.reserve(plan_->stages.size());
    for (const PlanStage& stage : plan_->stages) options.warm_start_outbound.push_back(stage.multi_echelon.outbound_service_time);
  }
  // The first plan of a large scenario: its stages are built in this frame and its search set up
  // in the next (each takes tens of milliseconds in the browser on thousands of stages).
  const bool large = scenario.demands.size() + scenario.arcs.size() >= kTwoFramePlanStartSize;
  const bool split_start = large && !plan_.ok() && !editor_.merging_model_edit();
  if (pending_instance_ && pending_instance_revision_ != editor_.model_revision()) pending_instance_.reset();
  if (split_start && !pending_instance_) {
    auto built = gsm_from_scenario(scenario, options.history);
    plan_revision_ = editor_.model_revision();
    ++plan_generation_;
    plan_search_.reset();
    if (!built.ok()) {
      plan_ = built.problems();
    } else {
      pending_instance_ = std::move(built).value();
      pending_instance_revision_ = editor_.model_revision();
      learned_plan_owed_ = true;
      plan_ = Problem{"/nodes", "building the network's stages"};
    }
    last_plan_milliseconds_ = milliseconds_since(started);
    return;
  }
  plan_revision_ = editor_.model_revision();
  ++plan_generation_;
  // The search in progress (a drag's previous frame) lends its grids and bounds where the edit
  // left them as they were; the answers are the same as without it.
  std::optional<PlanSearch> earlier = plan_search_ ? std::move(plan_search_) : std::move(finished_search_);
  plan_search_.reset();
  finished_search_.reset();
  // The editor holds only valid scenarios.
  auto search = pending_instance_
                    ? PlanSearch::start_from(std::move(*pending_instance_), scenario, options, earlier ? &*earlier : nullptr)
                    : PlanSearch::start(scenario, options, earlier ? &*earlier : nullptr);
  pending_instance_.reset();
  earlier.reset();
  if (!search.ok()) {
    plan_ = search.problems();
    last_plan_milliseconds_ = milliseconds_since(started);
    return;
  }
  plan_search_.emplace(std::move(search).value());
  // With no plan on screen yet (the first after opening a file or an import's learning), the
  // single-echelon buffers for random times and those sized by the quantiles of learned demand
  // are computed in slices first, as the learning was: thousands of them hold a frame for tens
  // of milliseconds. The plan then appears once they are done.
  if (!plan_.ok() && !editor_.merging_model_edit()) {
    while (!plan_search_->prepared() && milliseconds_since(started) < kFirstPlanSliceMilliseconds)
      plan_search_->prepare(kQuantileStagesPerCall);
    if (!plan_search_->prepared()) {
      plan_ = Problem{"/demands", "sizing the single-echelon buffers for random times and learned demand"};
      last_plan_milliseconds_ = milliseconds_since(started);
      return;
    }
  }
  // Small networks are solved within the first slice. On large ones setting up the search takes
  // most of the slice, and the first answer is the placement before the edit, re-costed. During a
  // drag the search only gets its slice where it finished within it last time: elsewhere one
  // step (building the relaxation and one DP) would overrun every frame of the drag.
  const double slice_left = kFirstPlanSliceMilliseconds - milliseconds_since(started);
  if (slice_left > 0.0 && (!editor_.merging_model_edit() || solved_in_first_slice_)) plan_search_->step(slice_left);
  solved_in_first_slice_ = plan_search_->finished();
  plan_ = plan_search_->plan();
  if (plan_search_->finished()) keep_finished_search();
  last_plan_milliseconds_ = milliseconds_since(started);
}

void AppSession::step(double budget_milliseconds) {
  const auto step_started = std::chrono::steady_clock::now();
  step_phase_times_ = {};
  StepPhaseTimes& times = step_phase_times_;
  // An edit made while drawing this frame: its plan gets its first slice now and is drawn next.
  if (!plan_is_current() || learned_plan_owed_) start_plan_search();
  budget_milliseconds = std::max(0.0, budget_milliseconds - milliseconds_since(step_started));
  times.plan_milliseconds = milliseconds_since(step_started);
  if (pending_instance_) return;  // the stages were built this frame; the search starts next frame
  const Result<Plan>& current = plan_;
  // During a drag every frame starts a new search from the last placement; the search and the
  // Monte Carlo continue once the drag ends, on the plan it settles on.
  if (editor_.merging_model_edit()) return;
  if (learner_) {
    // The search starts next frame: on thousands of series its set-up takes a frame's worth, and
    // sharing a frame with the learning's last slice would double that frame.
    if (learn_in_slices(budget_milliseconds)) learned_plan_owed_ = true;
    times.plan_milliseconds = milliseconds_since(step_started);
    return;
  }
  if (plan_search_) {
    const auto started = std::chrono::steady_clock::now();
    if (!plan_search_->prepared()) {
      // The first plan's quantile-sized buffers, in slices (start_plan_search); its first answer
      // is published once they are done, and the search goes on next frame.
      while (!plan_search_->prepared() && milliseconds_since(started) < budget_milliseconds)
        plan_search_->prepare(kQuantileStagesPerCall);
      if (plan_search_->prepared()) plan_ = plan_search_->plan();
      last_plan_milliseconds_ += milliseconds_since(started);
      times.plan_milliseconds = milliseconds_since(step_started);
      return;
    }
    const bool finished = plan_search_->step(budget_milliseconds);
    if (finished) {
      plan_ = plan_search_->plan();
      keep_finished_search();
      ++plan_generation_;
    }
    last_plan_milliseconds_ += milliseconds_since(started);
    times.plan_milliseconds = milliseconds_since(step_started);
    return;  // the Monte Carlo starts next frame, on the final plan
  }
  // The history analysis shares the frame with the Monte Carlo: at most a third of what is left.
  // The old plan's run goes at once, even when its successor starts only next frame: its
  // replications are not the new plan's.
  if (simulated_plan_generation_ != plan_generation_) {
    simulation_.reset();
    estimates_owed_ = false;
  }
  if (history_plan_generation_ != plan_generation_) {
    const auto started = std::chrono::steady_clock::now();
    refresh_history_analysis();
    times.history_start_milliseconds = milliseconds_since(started);
    // On thousands of series the rows and the risk run's start take a frame's worth: the service
    // study and the simulation then start next frame (the work is the same, only later).
    budget_milliseconds -= times.history_start_milliseconds;
    if (budget_milliseconds <= 0.0) return;
  } else if (history_risk_pending_) {
    const auto started = std::chrono::steady_clock::now();
    start_history_risk();
    times.history_start_milliseconds = milliseconds_since(started);
    budget_milliseconds -= times.history_start_milliseconds;
    if (budget_milliseconds <= 0.0) return;
  }
  // A run set up last frame starts first, before the studies' slices: on thousands of stages
  // its start takes a frame's worth, which must not come on top of theirs. (One of an earlier
  // plan goes below, unstarted.)
  if (pending_sim_network_ && simulated_plan_generation_ == plan_generation_) {
    const auto setting_up = std::chrono::steady_clock::now();
    sim::SimNetwork network = std::move(*pending_sim_network_);
    pending_sim_network_.reset();
    auto started = sim::Simulation::start(network);
    times.sim_start_milliseconds = milliseconds_since(setting_up);
    if (!started.ok()) {
      sim_problems_ = started.problems();
      return;
    }
    simulation_.emplace(std::move(started).value());
    estimated_replications_ = 0;
    simulation_target_ = network.settings.replications;
    // The old estimates stay on screen, marked as such, until the new run has something to
    // show; estimates of another network (other stages) would mean nothing, so they go.
    if (sim_estimates_ && sim_estimates_->stages.size() != network.stages.size()) {
      sim_estimates_.reset();
      promise_report_.reset();
    }
    sim_stale_ = sim_estimates_.has_value();
    sim_network_ = std::move(network);
    // Setting up a large network can take a frame's worth; the run then starts next frame.
    budget_milliseconds -= milliseconds_since(setting_up);
    if (budget_milliseconds <= 0.0) return;
  }
  if (history_risk_ && !history_risk_->finished()) {
    const auto started = std::chrono::steady_clock::now();
    const double share = budget_milliseconds / 3.0;
    do {
      history_risk_->step(kHistoryRiskSliceWorkUnits);
    } while (!history_risk_->finished() && milliseconds_since(started) < share);
    times.history_risk_milliseconds = milliseconds_since(started);
    budget_milliseconds = std::max(0.0, budget_milliseconds - milliseconds_since(started));
  }
  // The service study: another third of what is left; restarted on a scenario or settings edit.
  if (service_scenario_revision_ != editor_.model_revision() || service_run_settings_revision_ != service_settings_revision_) {
    service_scenario_revision_ = editor_.model_revision();
    service_run_settings_revision_ = service_settings_revision_;
    const auto started = std::chrono::steady_clock::now();
    service_run_.emplace(ServiceRun::start(editor_.scenario(), service_settings_, learned_models_));
    ++service_run_generation_;
    times.service_start_milliseconds = milliseconds_since(started);
    // Each set-up below can take a frame's worth on thousands of items: one per frame.
    budget_milliseconds -= times.service_start_milliseconds;
    if (budget_milliseconds <= 0.0) return;
  }
  if (service_run_ && !service_run_->done()) {
    const auto started = std::chrono::steady_clock::now();
    const double share = budget_milliseconds / 3.0;
    do {
      service_run_->step(kServiceSliceWorkUnits);
    } while (!service_run_->done() && milliseconds_since(started) < share);
    times.service_milliseconds = milliseconds_since(started);
    budget_milliseconds = std::max(0.0, budget_milliseconds - milliseconds_since(started));
  }
  if (simulated_plan_generation_ != plan_generation_) {
    const auto setting_up = std::chrono::steady_clock::now();
    simulated_plan_generation_ = plan_generation_;
    simulation_.reset();
    pending_sim_network_.reset();
    sim_problems_.clear();
    if (!current.ok()) {
      sim_estimates_.reset();
      promise_report_.reset();
      return;
    }
    auto network = sim_network_from_plan(editor_.scenario(), current.value());
    times.sim_network_milliseconds = milliseconds_since(setting_up);
    if (!network.ok()) {
      sim_problems_ = network.problems();
      return;
    }
    pending_sim_network_ = std::move(network).value();
    // On thousands of stages building the network takes a frame's worth: the simulation's own
    // setup then waits for the next frame.
    budget_milliseconds -= times.sim_network_milliseconds;
    if (budget_milliseconds <= 0.0) return;
  }
  // The chart shows the selected stage's bands; a new selection gets its bands at once.
  if (simulation_ && sim_estimates_ && !sim_stale_ && editor_.selection() != series_selection_) attach_selected_series();
  // Estimates left over from last frame, whose slice of the Monte Carlo used the whole budget:
  // on thousands of stages they and the promise checks take a frame's worth of their own.
  if (estimates_owed_) {
    const auto started = std::chrono::steady_clock::now();
    refresh_estimates(times);
    budget_milliseconds -= milliseconds_since(started);
    if (budget_milliseconds <= 0.0) return;
  }
  if (!simulation_ || simulation_->finished()) return;
  sim::StepBudget budget;
  // A budget of 0 means "no limit" to the simulator: when the studies above used up the frame,
  // the Monte Carlo still gets a short timed slice rather than running to the end in this frame.
  budget.max_milliseconds = std::max(budget_milliseconds, 0.01);
  const sim::StepReport report = simulation_->step(budget);
  times.sim_milliseconds = report.elapsed_milliseconds;
  // Estimates cost grows with the replications kept (percentile bands), so they are refreshed
  // when the run has grown by a quarter (at least one block) or has finished, not every frame.
  const int done = simulation_->replications_done();
  const int due = std::max(sim::kBlockReplications, estimated_replications_ + estimated_replications_ / 4);
  if (report.finished || (done >= due && report.replications_completed > 0) || !sim_estimates_) {
    if (done > 0 || report.finished) {
      estimates_owed_ = true;
      if (report.elapsed_milliseconds < budget_milliseconds) refresh_estimates(times);
    }
  }
}

void AppSession::refresh_estimates(StepPhaseTimes& times) {
  estimates_owed_ = false;
  if (!simulation_) return;
  const Result<Plan>& current = plan_;
  auto started = std::chrono::steady_clock::now();
  sim_estimates_ = simulation_->estimates_without_series();
  times.estimates_milliseconds = milliseconds_since(started);
  sim_stale_ = false;
  promise_report_.reset();
  started = std::chrono::steady_clock::now();
  if (sim_network_ && current.ok()) {
    auto promises = check_promises(current.value(), *sim_network_, *sim_estimates_);
    if (promises.ok()) promise_report_ = std::move(promises).value();
  }
  times.promises_milliseconds = milliseconds_since(started);
  started = std::chrono::steady_clock::now();
  attach_selected_series();
  times.series_milliseconds = milliseconds_since(started);
  estimated_replications_ = simulation_->replications_done();
  ++sim_revision_;
}

bool AppSession::pin_as_a() {
  if (!plan_.ok() || plan_search_ || !plan_is_current()) return false;
  const sim::SimEstimates* estimates = sim_estimates_ && !simulation_is_stale() ? &*sim_estimates_ : nullptr;
  pinned_ = Pinned{editor_.scenario(), figures_of(editor_.scenario(), plan_.value(), estimates)};
  compared_plan_generation_ = ~std::uint64_t{0};
  refresh_comparison();
  return true;
}

bool AppSession::open_pinned() {
  if (!pinned_) return false;
  return editor_.replace(pinned_->scenario, "open A (" + pinned_->scenario.name + ")").accepted;
}

void AppSession::refresh_comparison() {
  if (!pinned_) return;
  if (compared_plan_generation_ == plan_generation_ && compared_sim_revision_ == sim_revision_) return;
  compared_plan_generation_ = plan_generation_;
  compared_sim_revision_ = sim_revision_;
  comparison_.reset();
  if (!plan_.ok() || plan_search_) return;
  const sim::SimEstimates* estimates = sim_estimates_ && !simulation_is_stale() ? &*sim_estimates_ : nullptr;
  comparison_ = compare_scenarios(pinned_->scenario, pinned_->figures, editor_.scenario(),
                                  figures_of(editor_.scenario(), plan_.value(), estimates));
}

bool AppSession::set_service_settings(const ServiceSettings& settings) {
  Problems problems = validate_service_settings(settings);
  if (!problems.empty()) {
    service_settings_problems_ = std::move(problems);
    return false;
  }
  service_settings_problems_.clear();
  service_settings_ = settings;
  ++service_settings_revision_;
  return true;
}

void AppSession::select_risk_item(int index) {
  selected_risk_item_ = -1;
  risk_timeline_.reset();
  if (!history_risk_ || !history_risk_->finished() || !history_risk_->model()) return;
  if (index < 0 || static_cast<std::size_t>(index) >= history_rows_.size()) return;
  const Demand& demand = editor_.scenario().demands[history_rows_[static_cast<std::size_t>(index)].demand_index];
  if (!demand.history) return;
  selected_risk_item_ = index;
  risk_timeline_ = risk_timeline(demand.history->quantities, *history_risk_->model(), history_risk_->options());
}

void AppSession::refresh_history_analysis() {
  history_plan_generation_ = plan_generation_;
  selected_risk_item_ = -1;
  risk_timeline_.reset();
  history_rows_.clear();
  history_risk_.reset();
  history_risk_pending_ = false;
  history_risk_problems_.clear();
  if (!plan_.ok()) {
    refresh_learning_detail();
    return;
  }
  const Scenario& scenario = editor_.scenario();
  history_rows_ = app::history_rows(scenario, plan_.value());
  refresh_learning_detail();
  // The risk run starts in the next step: on thousands of series the rows and its start each
  // take a frame's worth.
  history_risk_pending_ = !history_rows_.empty();
}

void AppSession::start_history_risk() {
  history_risk_pending_ = false;
  if (!plan_.ok()) return;
  auto run = HistoryRiskRun::start(editor_.scenario(), plan_.value());
  if (!run.ok()) {
    history_risk_problems_ = run.problems();
    return;
  }
  history_risk_.emplace(std::move(run).value());
}

void AppSession::select_learning_row(int row) {
  selected_learning_row_ = row >= 0 && static_cast<std::size_t>(row) < history_rows_.size() ? row : -1;
  refresh_learning_detail();
}

// The selected row's detail at the plan in force; a selection past the rows of a new plan goes.
void AppSession::refresh_learning_detail() {
  learning_detail_.reset();
  lead_time_detail_.reset();
  // While a plan is awaited there are no rows: the selection waits for them.
  if (!history_rows_.empty() && selected_learning_row_ >= 0 &&
      static_cast<std::size_t>(selected_learning_row_) >= history_rows_.size())
    selected_learning_row_ = -1;
  const HistoryRow* row = nullptr;
  if (selected_learning_row_ >= 0 && static_cast<std::size_t>(selected_learning_row_) < history_rows_.size() &&
      plan_.ok()) {
    const auto index = static_cast<std::size_t>(selected_learning_row_);
    row = &history_rows_[index];
    const learn::LearnedDemand* learned = nullptr;
    if (learned_models_ && row->demand_index < learned_models_->size() && (*learned_models_)[row->demand_index])
      learned = &*(*learned_models_)[row->demand_index];
    learning_detail_ = demand_detail(editor_.scenario(), plan_.value(), history_rows_, index, learned);
  }
  if (receipts_) lead_time_detail_ = app::lead_time_detail(editor_.scenario(), *receipts_, row);
}

Result<bool> AppSession::open_receipts(std::string_view file_name, std::string_view text) {
  auto loaded = learn_receipts(file_name, text, editor_.scenario().period);
  if (!loaded.ok()) return loaded.problems();
  receipts_ = std::move(loaded).value();
  refresh_learning_detail();
  return true;
}

// Per-period bands cost a selection per period and replication column, so only the stages of the
// selected node (the one the chart shows) get them.
void AppSession::attach_selected_series() {
  series_selection_ = editor_.selection();
  if (!simulation_ || !sim_estimates_) return;
  std::vector<int> stages;
  if (series_selection_.kind == SelectionKind::node && plan_.ok()) {
    for (std::size_t j = 0; j < plan_->stages.size(); ++j)
      if (plan_->stages[j].node_index == series_selection_.index) stages.push_back(static_cast<int>(j));
  }
  sim_estimates_->series = simulation_->series(stages);
}

}  // namespace echelon::app
