// A Willems (2008) chain as a guaranteed-service model instance.
//
// The convention reproduces the optimal costs Humair & Willems (Operations Research 59(3),
// 2011) published for these chains (see the project's reference-data notes):
// - unit value v_j = stageCost_j + sum of v_i over the stages i feeding j (one unit per arc);
// - holding cost h_j = holding_rate * v_j (0.35 by default), so the cost is 0.35 sum v_j SS_j;
// - z_d = Phi^-1(serviceLevel_d) at demand stages (0.95 -> 1.6449);
// - the demand bound pools every demand a stage serves, counting the paths that reach it:
//   k_j sigma_j = sqrt(sum_d (npaths(j, d) z_d sd_d)^2) (this is gsm.h's aggregation with one
//   unit per arc);
// - T_j is the MEAN stage time (the stage-time distribution is not used: the chains with
//   stage-time variability were solved by a stochastic lead-time model that this does not
//   reproduce);
// - demand stages quote at most maxServiceTime (0 when blank); other stages have no bound;
//   external suppliers quote 0.
#pragma once

#include "core/meio/gsm.h"
#include "core/io/willems.h"

namespace echelon {

struct WillemsGsmOptions {
  double holding_rate = 0.35;  // holding cost per unit of value per period
  // true: each stage's stDevStageTime (or the spread of its discrete stage-time table) enters its
  // safety stock as a random processing time (gsm.h, Humair et al. 2013). Off by default, so the
  // published costs of the chains without stage-time variability are reproduced as above.
  bool stochastic_stage_times = false;
};

// The standard deviation of a stage's time: from its discrete table when it has one, else
// stDevStageTime (0 when blank).
double willems_stage_time_sd(const WillemsStage& w);

// Problems: a service level of 1 (no finite safety factor), a non-positive holding rate.
Result<GsmNetwork> gsm_network_from_willems(const WillemsChain& chain, const WillemsGsmOptions& options = {});

}  // namespace echelon
