// A small seeded Monte Carlo of one stocking location under a periodic-review policy, used to
// check the analytic KPIs of policy_kpis.h (it is not the network simulator).
//
// Same timeline as the analytic model: an order placed at the end of period t (a review, every R
// periods) arrives at the start of period t + L + 1; then that period's demand is met from stock
// or backordered; then the period-end accounting. Measured, after a warm-up, per replication:
//   cycle service level  share of reviews t whose period t + L + R ends with no backorder
//                        (L the lead time of that review's order, whether or not it ordered)
//   fill rate            1 - units short / units demanded
//   ready rate           share of period ends with no backorder
//   on hand, backorders  period-end averages
// Each estimate comes with the standard error across independent replications.
//
// Random numbers: a counter-based generator (SplitMix64's finaliser applied to a key made of the
// seed, replication, period, stream and draw index), so every draw is addressed, not sequenced:
// results do not depend on the order of evaluation and are identical natively and in wasm.
// Demand: normal (negative draws cut at zero; keep sd/mean small), gamma (Marsaglia & Tsang
// 2000), Poisson (inversion), negative binomial (gamma-Poisson mixture), empirical (inversion).
// Lead times: constant or a table of whole periods.
#pragma once

#include <cstdint>
#include <vector>

#include "core/policy/lead_time_demand.h"
#include "core/base/result.h"

namespace echelon {

enum class SimPolicy {
  base_stock,  // order up to `level` (S) every review
  r_nQ,        // if position <= level (r): order n lots of `quantity` to lift it above r
  s_S,         // if position <= level (s): order up to level + quantity (S = s + quantity)
};

struct PolicySimInput {
  PeriodDemand demand;
  LeadTimeSpec lead_time;            // constant (sd 0) or points, whole periods
  int review_period_periods = 1;     // R >= 1
  SimPolicy policy = SimPolicy::base_stock;
  double level = 0.0;                // S, r or s
  double quantity = 0.0;             // Q for r_nQ, S - s for s_S
  int periods = 10000;               // per replication, after the warm-up
  int warmup_periods = 200;
  int replications = 20;             // >= 2, for the standard errors
  std::uint64_t seed = 1;
};

struct SimEstimate {
  double mean = 0.0;
  double standard_error = 0.0;
};

struct PolicySimResult {
  SimEstimate cycle_service_level;
  SimEstimate fill_rate;
  SimEstimate ready_rate;
  SimEstimate backorders_units;
  SimEstimate on_hand_units;
  SimEstimate orders_per_period;
};

Result<PolicySimResult> simulate_policy(const PolicySimInput& input);

// The same run in pieces, so a caller with a frame budget can stop between replications. Each
// replication's draws are addressed by (seed, replication, period, ...), so replications
// [a, b) run in one call give exactly the values they give inside a call for all of them; a
// tally keeps one value per replication and measure, in replication order, and
// estimate_policy() of the tallies appended in order is bit for bit simulate_policy()'s result.
struct PolicySimTally {
  int first_replication = 0;
  std::vector<double> cycle_service_level, fill_rate, ready_rate, backorders_units, on_hand_units, orders_per_period;
  int replications() const { return static_cast<int>(fill_rate.size()); }
};

// Replications [first_replication, first_replication + count) of `input` (clipped to its
// replications); the same problems as simulate_policy(), and a range outside [0, replications).
Result<PolicySimTally> simulate_policy_replications(const PolicySimInput& input, int first_replication, int count);
// Appends `later` to `tally`; false (and nothing appended) unless `later` starts where `tally` ends.
bool append_tally(PolicySimTally& tally, const PolicySimTally& later);
// Mean and standard error across the tally's replications (at least 2 for a standard error).
PolicySimResult estimate_policy(const PolicySimTally& tally);

// The generator, exposed for its own test: a uniform in [0, 1) for the given address.
double sim_uniform(std::uint64_t seed, std::uint64_t replication, std::uint64_t period, std::uint64_t stream,
                   std::uint64_t draw);

}  // namespace echelon
