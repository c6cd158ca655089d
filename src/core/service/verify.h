// Checking a plan's promise by simulation: every item is run at its planned level in the seeded
// single-location Monte Carlo of sim/policy_sim.h (same timeline as the analytic fill rate), and
// the simulated aggregate fill rate is compared with the promised one.
//
// With independent items, simulated fill rates f^_i with standard errors se_i (across
// replications) and weights w_i (W = sum w_i), the aggregate and its standard error are
//   F^ = sum_i w_i f^_i / W,    se(F^) = sqrt( sum_i (w_i / W)^2 se_i^2 ),
// and the 95% interval is F^ ± 1.96 se(F^) (normal approximation across replications; Law,
// "Simulation Modeling and Analysis", 5th ed., 2015, ch. 9). The promise is met when the promised
// aggregate is at most the interval's upper end, and it is consistent when it lies inside it.
// Seeds are derived from the options' seed and the item's index, so results do not depend on how
// the work is sliced: an item's check may also run a few replications at a time (ItemVerifier),
// and gives exactly what one call gives, since each replication's draws are addressed by
// (seed, replication, period) and the estimates are taken over the replications in order.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/service/allocation.h"
#include "core/service/service_curve.h"
#include "core/sim/policy_sim.h"

namespace echelon::service {

struct VerifyOptions {
  int periods = 4000;        // per replication, after the warm-up
  int warmup_periods = 200;
  int replications = 10;     // >= 2
  std::uint64_t seed = 1;
  FillRateWeighting weighting = FillRateWeighting::demand;
};

struct ItemVerification {
  std::string id;
  double level = 0.0;
  double promised_fill_rate = 0.0;
  SimEstimate simulated_fill_rate;
  bool simulated = false;   // false: the item could not be simulated (see `skipped_reason`)
  std::string skipped_reason;
};

struct Verification {
  std::vector<ItemVerification> items;
  double promised_fill_rate = 0.0;   // aggregate over the simulated items
  double simulated_fill_rate = 0.0;
  double standard_error = 0.0;
  double half_width_95 = 0.0;        // 1.96 × standard error
  bool met = false;                  // promised <= simulated + half width
  bool consistent = false;           // |promised - simulated| <= half width
  int skipped = 0;
};

// The simulation input for one item at a level (problem: continuous review, a lead time that is
// not whole periods).
Result<PolicySimInput> simulation_input(const ServiceItem& item, double level, const VerifyOptions& options,
                                        std::size_t index);

// One item: its simulated fill rate at `level`, promised `promised_fill_rate`.
ItemVerification verify_item(const ServiceItem& item, double level, double promised_fill_rate,
                             const VerifyOptions& options, std::size_t index);

// The same check a few replications at a time, for a caller that must stop within a frame:
//   ItemVerifier v(item, level, promised, options, index);
//   while (!v.done()) v.step(2);
//   ItemVerification r = v.result();   // equal to verify_item(...), bit for bit
class ItemVerifier {
 public:
  ItemVerifier(const ServiceItem& item, double level, double promised_fill_rate, const VerifyOptions& options,
               std::size_t index);
  // Runs up to `replications` more (at least one); true once done. An item that cannot be
  // simulated is done at once, with its reason.
  bool step(int replications);
  bool done() const { return done_; }
  int replications_done() const { return tally_.replications(); }
  // The item's verification, once done().
  const ItemVerification& result() const { return verification_; }

 private:
  ItemVerification verification_;
  PolicySimInput input_;
  PolicySimTally tally_;
  bool done_ = false;
};

// Aggregates items already verified (weights from the items' mean demand, or 1 each).
Verification summarise_verification(std::span<const ServiceItem> items, std::vector<ItemVerification> verified,
                                    FillRateWeighting weighting);

// Work units of one replication of an item's simulation ((warm-up + periods) / 1000, rounded,
// at least 1), and of the whole item (that × replications).
int verify_replication_work_units(const VerifyOptions& options);
int verify_work_units(const VerifyOptions& options);

}  // namespace echelon::service
