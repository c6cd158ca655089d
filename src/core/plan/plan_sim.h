// Plan -> simulation input: the network of a Scenario, run under the base-stock levels of its
// multi-echelon plan, so the simulator can check what the plan promises.
//
// Mapping (one simulated stage per planned stage, same order):
// - policy: the scenario's policy for the stage's (node, item), with its kind and the levels it
//   gives; levels it leaves out come from the plan. B is the plan's base-stock level (mean
//   demand over the net replenishment time plus the safety stock, at least 0), mu the stage's
//   mean demand per period, R the review period rounded to whole periods (at least 1),
//   B_R = B + mu (R - 1) (a review every R periods lengthens the protection interval by R - 1
//   periods), and the lot Q_E = sqrt(2 K mu / h) the EOQ from the node's fixed order cost K and
//   the stage's holding cost h (0 when K, mu or h is 0):
//     none        installation base-stock, reviewed every period, order up to B (as always);
//     base_stock  order up to S, default B;
//     R_S         every R periods order up to S, default B_R (R = 1 is base-stock);
//     s_S         every R periods, at or below s order up to S: defaults s = B_R, S = s + Q_E
//                 (given S alone: s = min(B_R, S); given s alone: S = s + Q_E);
//     r_Q         every R periods (every period when R = 0, continuous review), at or below r
//                 order the least n Q lifting the position above r: defaults r = B_R, Q = Q_E
//                 (or one period's mean demand when Q_E = 0, or 1 unit);
// - lead time of an arc into stage j: the stage's processing time plus the arc's transit time
//   (the same T_j the plan used), as a normal with their summed variance, or, when both are
//   constant, their sum in whole periods of at least one (a fraction f of a period: the whole
//   period above with probability f, below otherwise, keeping the mean); stages without suppliers get the processing time as supply lead time;
// - external demand: normal, Poisson, gamma and constant as given, except a normal whose
//   censoring at zero (the simulator draws max(0, X)) would raise its mean by more than 5%,
//   sd L(mean / sd) > 0.05 mean (a coefficient of variation above about 0.8), which is drawn
//   as the gamma with the same mean and sd, so the simulation keeps the moments the plan used; discrete and empirical as
//   discrete tables; lognormal and negative binomial as a gamma with the same mean and
//   standard deviation; a learned history as its learned family at the plan's mean and
//   forecast-error sd (PlanStage::demand_model.simulated), converted the same way; a history
//   too short to learn as a normal with its sample moments;
// - allocation at shared stages: due first (sim::Allocation::due_first), so a stage serves what
//   its customers ordered S_j periods ago before newer orders, as the plan assumes;
// - quoted service time: the plan's outbound service time S_j, so the simulation measures
//   service within the promised time (StageKpis::on_time_period_share) next to service from
//   stock at once (fill rate);
// - costs: the plan's holding cost per unit-period, the item's unit cost as value, the node's
//   fixed order cost, and a backorder or stockout cost where the service target is one;
// - settings: horizon, warm-up, replications and seed from the scenario; backorders or lost
//   sales from the scenario's policies (lost sales when any policy says so).
#pragma once

#include "core/meio/gsm_delays.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/plan/promise.h"
#include "core/base/result.h"
#include "core/sim/sim.h"

namespace echelon {

Result<sim::SimNetwork> sim_network_from_plan(const Scenario& scenario, const Plan& plan);

// The law the simulation draws one period's demand from, for a demand distribution of the
// scenario format, as described above (the normal censored past 5% of its mean, lognormal and
// negative binomial drawn as the gamma with the same moments). The plan sizes buffers on it
// where it uses the quantile of the demand itself (PlanStage::quantile_sized_probability).
Distribution demand_drawn_in_simulation(const Distribution& given);

// The law of a lead time in whole periods as the simulation draws it (see "lead time" above and
// sim.h), from the time's mean and variance in periods and whether every part of it is constant:
//   constant:  m = max(1, mean) = floor(m) + f takes floor(m) + 1 with probability f, else floor(m);
//   random:    round(X) (nearest, half up), X normal(max(1, mean), sqrt(variance)), at least 1
//              and at most the cap floor(max(1, mean) + 8 sd + 1/2):
//              P(L = k) = Phi((k + 1/2 - m) / sd) - Phi((k - 1/2 - m) / sd) for 1 < k < cap,
//              P(L = 1) = Phi((3/2 - m) / sd), P(L = cap) = 1 - Phi((cap - 1/2 - m) / sd).
PeriodsPmf simulated_lead_time_pmf(double mean_periods, double variance_periods2, bool constant);

}  // namespace echelon
