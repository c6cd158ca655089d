// The plan's promise, measured: for every stage, the service the guaranteed-service plan
// promises and the simulation of that same plan measures *on the same measure*, a verdict, and,
// where the simulation falls short beyond its 95% interval, why and what closing the gap costs.
//
// What a stage promises. The guaranteed-service model (core/meio/gsm.h) sizes stage j's safety
// stock as z_j times the standard deviation of the demand it serves over its (random) net
// replenishment time tau_j:
//   sd_j = sqrt( sigma_j^2 tau_j + mu_j^2 s_j^2 ),   sigma_j^2 = sum_d (u_jd sigma_d)^2,
// so, with normal demand and suppliers that always keep their quoted times, the stage ends a
// period with nothing owed for longer than its quoted outbound service time S_j with
// probability Phi(z_j), z_j = SS_j / sd_j. At a customer-facing stage z_j is the target's safety
// factor (promise = the cycle-service target; with S_j = 0 "nothing owed" means every customer
// served from stock at once); inside the network z_j is the pooled factor the plan implies. A
// stage without exposure (tau_j = 0 and s_j = 0) holds no stock of the model's own and ships
// S_j after an order when its suppliers are on time; it promises the level its demand bound
// covers, Phi(k_j sigma_j / sigma_j). Stock added for supplier delays and for the shape of the
// demand over random times (gsm_delays.h, size_for_random_times) serves the promise and does
// not raise it.
//
// What the simulation measures: sim::StageKpis::on_time_period_share, the share of periods
// ending with nothing owed for S_j periods or longer (FIFO debts), with the simulation being
// run with each stage's S_j (plan_sim.h). It is shown next to the fill rate (from stock at once)
// and the share of units served within S_j.
//
// Verdicts: kept (mean at or above the promise), within_interval (below, but the promise lies
// inside the 95% interval), below (the whole interval is below the promise).
//
// Causes of a shortfall, checked in this order:
//  1. whole_period_lead_time: the simulation moves goods in whole periods of at least one, and
//     the stage's simulated replenishment time is longer than the plan's T_j.
//  2. late_suppliers: a supplier of the stage was late more often than it promised (below its
//     own promise), or the stage's own time is fixed and some supplier was late at all. The
//     guaranteed-service model assumes demand stays within each stage's bound, so a supplier
//     always meets its quoted time (Graves & Willems 2000, section 2; Snyder & Shen,
//     "Fundamentals of Supply Chain Theory", 2nd ed., 6.2.4); in a simulation demand exceeds the
//     bound in about 1 - Phi(z) of periods, and the supplier's lateness then reaches this stage.
//     (The plan buffers these delays, size_for_random_times in gsm_delays.h, by the mixture of
//     demand over the replenishment time plus the suppliers' waits; what remains is the
//     correlation and approximation that sizing leaves out.)
//  3. lead_time_shape: the stage's own time is random: demand over a random time is a mixture
//     (over the times) that a two-point or skewed time makes far from normal; the plan sizes it
//     by that mixture (gsm_delays.h), so a shortfall left here is beyond that sizing.
//  4. demand_shape: none of the above; the normal approximation of the demand misses the tail
//     of the simulated demand (intermittent or skewed demand).
// Cost to close a gap, read from the simulation. A stage whose level is raised by x owes x less
// at the end of every period, so it would have been on time in the periods that ended with at
// most x overdue. The simulation counts those at four probes (sim::SimStage::overdue_probe_units,
// set by sim_network_from_plan), x_k = e_j / 8, e_j / 4, e_j / 2 and e_j, with
//   e_j = sqrt( sigma_j^2 max(tau_j, 1) + mu_j^2 s_j^2 )
// (at least one period of exposure: a stage with tau_j = 0 buffers its suppliers' delays), giving
// the on-time share p^(x_k) the stage would have had with x_k more units. The extra is the
// smallest probe whose share reaches the promise p: measured, and at most twice what is needed
// (the shares move in steps where demand or lead times come in lumps, so no point between two
// probes is taken on trust). Beyond the last probe the share of late periods is taken to fall
// exponentially, as the tail of a backlog does, fitted to the last two probes:
//   1 - p^(x) = (1 - p^(x_3)) exp(-(x - x_3) / theta),  theta = (x_3 - x_2) / ln((1 - p^(x_2)) / (1 - p^(x_3))).
// Where the probes show no gain, the first-order normal estimate (Phi^-1(p) - Phi^-1(p^)) e_j,
// at least e_j, stands, and the text says so. The cost is h_j per unit and period.
// bench/promise_eval_bench.cpp checks the extras by simulating the raised levels.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/plan/plan.h"
#include "core/sim/sim.h"

namespace echelon {

enum class PromiseVerdict { kept, within_interval, below };
const char* promise_verdict_name(PromiseVerdict v);  // "kept", "within interval", "below"

enum class ShortfallCause { none, late_suppliers, whole_period_lead_time, lead_time_shape, demand_shape };
const char* shortfall_cause_name(ShortfallCause c);  // "", "late suppliers", ...

struct StagePromise {
  std::size_t stage = 0;  // index in Plan::stages
  std::string node;
  std::string item;
  double quoted_service_time_periods = 0.0;  // S_j
  double safety_factor = 0.0;                // z_j (implied inside the network)
  double exposure_sd = 0.0;                  // sd_j, units
  double promised = 1.0;                     // Phi(z_j)
  std::string measure;                       // plain language, e.g. "periods with nothing owed 2+ periods"
  sim::Estimate simulated;                   // on_time_period_share (the promised measure)
  sim::Estimate units_on_time;               // on_time_unit_share
  sim::Estimate from_stock_at_once;          // fill_rate
  PromiseVerdict verdict = PromiseVerdict::kept;
  ShortfallCause cause = ShortfallCause::none;
  std::string explanation;                   // for the app; empty when kept
  double extra_safety_stock_units = 0.0;     // estimated, to reach the promise (0 when kept)
  bool extra_from_probe = false;             // read from the simulated probes (else the normal estimate)
  double extra_holding_cost_per_period = 0.0;
};

// A network-level figure of the simulation with what it measures, so that it is not read as a
// per-stage promise.
struct NetworkFigure {
  std::string key;       // the NetworkKpis field: "fill_rate", "stockout_probability", ...
  std::string label;     // e.g. "Periods with any of 6 demand stages short"
  std::string measure;   // "share of units", "share of periods", "money per period", "units"
  std::string relation;  // how it relates to the per-stage promises
  sim::Estimate value;
  // What the per-stage promises imply for this figure, where they do (for the stockout share:
  // 1 - prod_d p_d over the demand stages, were they independent, when every demand stage quotes
  // 0); unset otherwise.
  std::optional<double> implied_by_promises;
};

// Figures that stay meaningful on networks with many demand stages (where "any stage short" is
// near 100% whatever the plan): over the stages with external demand d, weighted by their mean
// demand mu_d,
//   simulated  = sum_d mu_d p^_d / sum_d mu_d   (p^_d: the promised measure, simulated)
//   promised   = sum_d mu_d p_d  / sum_d mu_d
//   half_width = sum_d mu_d h_d  / sum_d mu_d   (h_d: each stage's 95% half-width; an upper bound
//                                                 on the weighted mean's, exact when the stages'
//                                                 errors move together)
// and the number of demand stages whose verdict is kept or within_interval.
struct DemandWeightedService {
  int demand_stages = 0;
  int demand_stages_meeting = 0;  // kept or within interval
  double promised = 0.0;
  sim::Estimate simulated;
};

struct PromiseReport {
  std::vector<StagePromise> stages;     // in Plan::stages order
  std::vector<NetworkFigure> network;
  int stages_kept = 0;
  int stages_within_interval = 0;
  int stages_below = 0;
  DemandWeightedService demand_weighted;
};

// e_j above for every stage of the plan (units): the spread the cost to close a gap is counted in.
Result<std::vector<double>> shortfall_exposure_sd(const Plan& plan);
// The probes x_k for a stage of spread e_j (all 0 when e_j is 0 or not finite).
std::array<double, sim::kOverdueProbes> overdue_probes(double exposure_sd);

// `network` and `estimates` must come from simulating `plan` (sim_network_from_plan).
Result<PromiseReport> check_promises(const Plan& plan, const sim::SimNetwork& network, const sim::SimEstimates& estimates);

}  // namespace echelon
