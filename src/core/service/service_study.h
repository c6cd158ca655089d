// A service-level study in slices, for an app that must stay responsive:
//
//   auto study = ServiceStudy::start(portfolio.items, request);   // Result<ServiceStudy>
//   while (!study->done()) { study->step(2000); draw(study->progress()); }
//   const ServiceResults& r = study->results();
//
// Phases, in order: the service curve of every item (service_curve.h), the optimal allocation
// (allocation.h), the frontier with the uniform and current plans (frontier.h), the analytic
// promise at the planned levels, and (if asked) the simulation check (verify.h). Work is counted
// in work units, never in time: a curve costs its KPI evaluations, the allocation the units of
// its AllocationRun (about a unit per hundred curve segments and merge pass, allocation.h), the
// frontier one unit per hundred curve segments, the promise one unit per item, the simulation (warm-up + periods) / 1000
// per replication (an item's check stops between replications when the budget is spent, so one
// call does not run a whole item's 42,000 periods). So a study gives the same results however it
// is sliced, and progress() is the
// share of the (known in advance, up to the curves' exact cost) work done.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/service/allocation.h"
#include "core/service/frontier.h"
#include "core/service/service_curve.h"
#include "core/service/verify.h"

namespace echelon::service {

struct ServiceRequest {
  AllocationRequest allocation;
  ServiceCurveOptions curve;
  FrontierOptions frontier;   // its weighting is replaced by the allocation's
  bool verify = true;
  VerifyOptions verification; // its weighting is replaced by the allocation's
};

struct ServiceResults {
  std::vector<ServiceCurve> curves;       // one per item (empty points where the item failed)
  Problems item_problems;                 // items left out: "items/i/..." and why
  std::vector<int> item_index;            // curve -> index in the study's items
  Allocation optimized;
  double uniform_target = 0.0;            // the uniform target reaching the optimized aggregate
  Allocation uniform;                     // every item at that target
  double savings_vs_uniform = 0.0;        // 1 - optimized / uniform investment
  bool has_current = false;
  Allocation current;                     // every item at its current target
  Frontier frontier;
  std::vector<double> promised_fill_rates;  // analytic, at the optimized levels
  double promised_fill_rate = 0.0;          // their aggregate
  bool verified = false;
  Verification verification;
};

class ServiceStudy {
 public:
  // Problems: invalid items (path items/i/field) or request fields. The items are copied.
  static Result<ServiceStudy> start(std::vector<ServiceItem> items, const ServiceRequest& request);

  // Does up to about `max_work` units (at least one step of progress); true once done.
  bool step(long long max_work);
  bool done() const { return phase_ == Phase::done || phase_ == Phase::failed; }
  bool failed() const { return phase_ == Phase::failed; }
  const Problems& problems() const { return problems_; }  // why it failed
  double progress() const;                                  // in [0, 1]
  long long work_done() const { return work_done_; }
  long long work_total() const { return work_total_; }
  std::string_view phase() const;
  const ServiceResults& results() const { return results_; }
  const std::vector<ServiceItem>& items() const { return items_; }

 private:
  // The allocation (in slices) and the frontier (with the uniform and current plans, one call
  // costing one unit per hundred curve segments) are phases of their own.
  enum class Phase { curves, allocate, frontier, promise, verify, done, failed };
  ServiceStudy() = default;
  void finish_allocation();

  std::vector<ServiceItem> items_;
  std::vector<ProtectionDemands> demands_;
  ServiceRequest request_;
  ServiceResults results_;
  std::vector<ItemVerification> verified_;
  std::optional<AllocationRun> allocation_;  // while the allocation is being computed
  std::optional<ItemVerifier> verifier_;   // the item being simulated (index next_)
  Phase phase_ = Phase::curves;
  std::size_t next_ = 0;
  long long work_done_ = 0;
  long long work_total_ = 0;
  Problems problems_;
};

}  // namespace echelon::service
