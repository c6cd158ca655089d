// The plan facade: Scenario -> Plan. The app and the CLI call this; it turns the scenario into
// the engines' own inputs and their answers back into per-(node, item) results.
//
// How a scenario becomes a guaranteed-service instance (one GSM stage per (node, item) held):
// - stages: every item a node produces, and every item a node receives along arcs without
//   producing anything (a DC or store passing goods on). A node that produces items consumes
//   what its inbound arcs bring (its bill of materials) and holds only its outputs.
// - arcs: each scenario arc (from, to, item) links the stage (from, item) to every stage at `to`
//   that consumes it, with the arc's quantity per unit.
// - processing time T_j: the mean of the node's processing time plus the largest mean transit
//   time of the arcs into it (the time from an input being shipped to the output being ready),
//   and at least one period: goods move in whole periods, an order placed in a period arriving
//   at the start of the next at the earliest (as in the simulation, sim.h);
//   its spread s_j: the square root of the processing-time variance plus that arc's
//   transit-time variance, plus f (1 - f) when T_j has a fraction f of a period (the time is
//   then the whole period below or above, keeping the mean, as the simulation runs it). The GSM buffers demand over the random replenishment time (gsm.h),
//   and each stage's result splits its safety stock into a demand and a lead-time part.
// - holding cost h_j: the node's holding cost for the item's unit cost, per period.
// - external demand: the demand's distribution (mean, standard deviation) or, for a history,
//   what core/learn/demand_learner.h learns from it (HistoryLearning below): the chosen
//   forecast as the mean per period and the rolling-origin one-step forecast-error standard
//   deviation as the sd per period (the GSM scales it by sqrt of the net replenishment time);
//   a history too short to learn (under 12 observed periods) keeps its sample mean and sd.
//   Each stage names the model it got (PlanStage::demand_model).
// - safety factor z_j: from the (node, item) service target, else the item's segment target,
//   else 95%. A cycle-service target p gives z = Phi^-1(p). The GSM covers demand up to its
//   bound, so a fill-rate target is applied as a cycle-service level of the same value, which
//   never holds less stock; the plan says so in its notes.
// - largest outbound service time: the node's `max_service_time_periods`; stages with demand
//   default to 0 (customers served from stock).
// The multi-echelon answer comes from solve_gsm (exact on trees, with a proven gap otherwise);
// the single-echelon baseline sets every outbound service time to 0, so each stage buffers its
// whole replenishment time. Both then get the buffers for supplier delays of gsm.h
// (PlanOptions::buffer_supplier_delays), which the simulation needs to keep the promises; the
// proven gap concerns the placement (the model's objective) without them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/learn/demand_learner.h"

#include "core/meio/gsm.h"
#include "core/meio/gsm_delays.h"
#include "core/meio/gsm_general.h"
#include "core/model/model.h"
#include "core/base/result.h"

namespace echelon {

// How a stage's external demand was modelled, for the app and the CLI to show.
struct StageDemandModel {
  std::string source;             // "distribution", "history (learned)", "history (sample moments)"; "" without demand
  std::string method;             // one line naming the method (for learned histories, learn_demand's)
  double mean_per_period = 0.0;   // what the plan used
  double sd_per_period = 0.0;     // what the plan used
  // For learned histories: the learned family at the plan's mean and sd (learn::with_moments),
  // which the simulation draws demand from. Shared, not copied: every plan assembled during a
  // search carries it, and an empirical law holds the whole history.
  std::shared_ptr<const Distribution> simulated;
};

struct PlanStage {
  std::size_t node_index = 0;
  std::string node;
  std::string item;
  GsmStageResult multi_echelon;   // placement by the guaranteed-service model
  GsmStageResult single_echelon;  // every stage buffers its own replenishment time
  double safety_factor = 0.0;     // z used at this stage's own demand (0 when it has none)
  double service_target = 0.0;    // the target value behind z (0 when it has no demand)
  StageDemandModel demand_model;
  // Set when the stage's own buffer (without the stock for supplier delays) is the quantile of
  // its demand over tau_j rather than the normal bound: a customer-facing stage with learned
  // demand that serves no other stage and whose replenishment time is fixed (up to its whole
  // period rounding). Its order-up-to level is the smallest x with P(D over tau_j <= x) >= p for
  // the law the simulation draws (plan_sim.h, policy/demand_over_periods.h), so intermittent
  // and skewed demand gets what it needs; p is the probability it covers, the stage's promise.
  std::optional<double> quantile_sized_probability;
};

struct PlanTotals {
  double safety_stock_cost_per_period = 0.0;  // sum h_j * SS_j
  double safety_stock_cost_per_year = 0.0;
  double safety_stock_value = 0.0;            // sum unit value * SS_j (working capital)
  double safety_stock_units = 0.0;
};

struct Plan {
  std::vector<PlanStage> stages;
  GsmNetwork network;            // the instance that was solved (for simulation and display)
  PlanTotals multi_echelon;
  PlanTotals single_echelon;
  double lower_bound_per_period = 0.0;
  double gap = 0.0;               // proven optimality gap of the multi-echelon answer
  bool proven_optimal = false;
  bool time_limit_reached = false;  // the search's wall-time limit ended it (best found so far)
  std::string method;
  std::vector<std::string> notes;  // plain-language remarks about assumptions applied
};

// How demand histories become demand (see the header comment).
struct HistoryLearning {
  bool learn = true;  // false: the whole history's sample mean and sd
  learn::DemandLearningOptions options;  // the lead time is not used (the GSM sets the interval)
  // Models learned earlier, one entry per scenario demand (Scenario::demands order), e.g. by a
  // learn::PortfolioLearner run in slices; an empty entry (or none) is learned here. The caller
  // keeps them in step with the scenario's histories.
  std::shared_ptr<const std::vector<std::optional<learn::LearnedDemand>>> learned;
};

struct PlanOptions {
  // Search settings. A tree is solved exactly by one DP, which only the wall-time limit
  // (search.time_limit_seconds, an upper bound; 0 = none) can cut short.
  GsmGeneralOptions search;
  // Outbound service times (periods, one per stage) of an earlier plan of the same network, such
  // as the plan before an edit: the search starts from them (see GsmSearch::start).
  std::vector<double> warm_start_outbound;
  HistoryLearning history;
  // Extra stock at each stage for the delays its suppliers pass on when their demand leaves
  // their bound, and for the shape of the demand over its random whole-period replenishment time
  // (size_for_random_times in gsm_delays.h), so that the plan keeps its per-stage promise when
  // simulated; false gives the guaranteed-service model's buffers alone.
  bool buffer_supplier_delays = true;
};

// Builds the GSM instance described above. Problems name scenario paths.
struct GsmFromScenario {
  GsmNetwork network;
  std::vector<std::size_t> stage_node;   // scenario node index of each stage
  std::vector<std::string> stage_item;   // item id of each stage
  std::vector<double> stage_target;      // service target value (0 without demand)
  std::vector<StageDemandModel> stage_demand_model;
  // The whole-period laws of every arc's lead time and every stage's supply lead time, as the
  // simulation of the plan draws them (simulated_lead_time_pmf in plan_sim.h); the plan sizes
  // its buffers for random times and supplier delays on them (size_for_random_times, gsm_delays.h).
  GsmTimeLaws time_laws;
  std::vector<std::string> notes;
};
Result<GsmFromScenario> gsm_from_scenario(const Scenario& scenario, const HistoryLearning& history = {});

// Validates, builds and solves. Never throws; every problem comes back with its path.
Result<Plan> make_plan(const Scenario& scenario, const PlanOptions& options = {});

// The same for a scenario that already passed validate_scenario (the app's editor only ever
// holds valid scenarios), so a drag does not pay for validation twice.
Result<Plan> make_plan_of_valid(const Scenario& scenario, const PlanOptions& options = {});

// Planning in slices, for the app: start() builds the instance and a first answer (the warm
// start, else quoting 0 everywhere); step() refines it within a time budget; plan() assembles
// the best answer so far with its proven gap. make_plan_of_valid is start, one unlimited step
// and plan. The scenario must have passed validate_scenario and is not kept.
class PlanSearch {
 public:
  // `earlier`: the search of the plan before an edit, whose grids and demand bounds are reused
  // where the edit left them unchanged (a service target changes only costs and safety factors);
  // the answers are those of a start without it.
  static Result<PlanSearch> start(const Scenario& scenario, const PlanOptions& options = {},
                                  const PlanSearch* earlier = nullptr);
  // The same in two parts, for a caller that spreads them over two frames (on thousands of
  // stages each takes a frame's worth): `instance` is gsm_from_scenario(scenario, options.history)
  // of this very scenario and options. start() is gsm_from_scenario followed by start_from().
  static Result<PlanSearch> start_from(GsmFromScenario instance, const Scenario& scenario,
                                       const PlanOptions& options = {}, const PlanSearch* earlier = nullptr);

  // Sizing the single-echelon answer for its random times (gsm_delays.h) and its quantile-sized
  // stages (the quantile of each stage's learned demand over its replenishment time,
  // demand_over_periods.h: a few hundred gamma cdfs and a convolution each) is left to
  // prepare(), so thousands of stages can be sized over several calls: each call sizes up to
  // `max_stages` more of them (at least one: first the random-time pass over every stage, then
  // the stages sized by a quantile); true once all are. step() and plan() prepare whatever is left
  // first, so the answers are the same however the preparation was sliced, or whether it was.
  bool prepare(std::size_t max_stages);
  bool prepared() const { return prepared_; }
  // Searches for about `max_milliseconds` (0: until finished); true once finished.
  bool step(double max_milliseconds) {
    while (!prepared_) prepare(baseline_.stages.size());
    return search_.step(max_milliseconds);
  }
  bool finished() const { return search_.finished(); }
  std::string_view phase() const { return search_.phase(); }
  double seconds_spent() const { return search_.seconds_spent(); }
  // The best plan so far. Costs a pass over the network (linear in its size).
  Plan plan() const;

 private:
  PlanSearch(GsmFromScenario instance, GsmSearch search, GsmSolution baseline, Period period,
             std::vector<std::string> node_ids, bool buffer_supplier_delays, const PlanSearch* earlier);
  GsmFromScenario instance_;
  GsmSearch search_;
  GsmSolution baseline_;  // single-echelon: every outbound service time 0
  Period period_;
  std::vector<std::string> node_ids_;  // of the stages' nodes, by scenario node index
  bool buffer_supplier_delays_ = true;
  // The network's demand bounds with every safety factor 1 (gsm_pooled_demand_bounds), for the
  // supplier-delay buffers of every answer; empty when those buffers are not wanted.
  std::vector<GsmDemandBound> pooled_bounds_;
  // What the random-time passes over the baseline and over the answers computed per stage, kept
  // (and taken from the search before an edit) so a pass recomputes only the stages that changed.
  std::shared_ptr<GsmTimeMemo> baseline_time_memo_;
  std::shared_ptr<GsmTimeMemo> answer_time_memo_;
  bool seed_answer_memo_ = false;  // the answers' memo is new: seeded from the baseline's
  // The baseline's random-time pass while prepare() has not finished it.
  std::unique_ptr<GsmTimePass> baseline_pass_;
  std::vector<char> quantile_sized_;  // per stage: sized by the quantile of its demand
  mutable std::vector<std::pair<double, double>> quantile_cache_;  // per stage: (tau, level) last computed
  std::size_t next_to_prepare_ = 0;  // stages before it have the baseline's level in the cache
  bool prepared_ = false;            // baseline_ holds its quantile-sized buffers
};

}  // namespace echelon
