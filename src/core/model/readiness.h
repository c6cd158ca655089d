// Is the scenario fit to plan? Flags on each demand (node, item) that would make a plan
// degenerate without anything being invalid: a plan of 0 EUR because no item has a cost, buffers
// for one period because no lead time was given, the default target standing in for a missing
// one, or a forecast error estimated from a handful of periods.
//
// The flags, and why each matters (plan.h explains how the plan uses each input):
//   zero_lead_time   the replenishment time into the stage (processing plus the slowest inbound
//                    transit) is 0: the plan and the simulation round it up to one period, so
//                    the buffers cover one period of demand, whatever the real lead time is.
//   zero_cost        the item's unit cost is 0: every holding cost is 0, so the plan's cost is
//                    0 and the placement between stages is arbitrary.
//   no_target        no (node, item) target and no target for the item's segment: the plan uses
//                    95% (cycle service), which nobody chose.
//   short_history    the history has fewer observed (non-missing) periods than the minimum: the
//                    plan falls back to the sample mean and sd (plan.h: under 12 periods), whose
//                    error over so few periods is large (the standard error of a sample sd from
//                    n normal values is about sd / sqrt(2 (n - 1)): 21% at n = 12).
// Each flag comes with the fix in words, for the plan panel and the portfolio table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace echelon {

enum ReadinessFlag : unsigned {
  kFlagZeroLeadTime = 1u << 0,
  kFlagZeroCost = 1u << 1,
  kFlagNoTarget = 1u << 2,
  kFlagShortHistory = 1u << 3,
};
inline constexpr unsigned kReadinessFlags[] = {kFlagZeroLeadTime, kFlagZeroCost, kFlagNoTarget, kFlagShortHistory};

// The plan learns a history only from this many observed periods on (plan.h).
inline constexpr std::size_t kMinHistoryPeriods = 12;

struct DemandReadiness {
  std::size_t demand = 0;            // index into Scenario::demands
  std::string node;
  std::string item;
  unsigned flags = 0;                // ReadinessFlag bits
  double lead_time_periods = 0.0;    // processing time plus the slowest inbound transit (means)
  std::size_t observed_periods = 0;  // non-missing history values (0 for a distribution)
};

struct ReadinessReport {
  std::vector<DemandReadiness> demands;  // one per scenario demand, in order
  std::size_t count[4] = {0, 0, 0, 0};   // demands with each flag, in the order of kReadinessFlags
  std::size_t flagged = 0;               // demands with any flag
  std::size_t count_of(unsigned flag) const;
};

ReadinessReport check_readiness(const Scenario& scenario, std::size_t min_history_periods = kMinHistoryPeriods);

// A short name ("zero lead time") and the fix in words ("set the lead time ...").
const char* readiness_flag_name(unsigned flag);
const char* readiness_flag_fix(unsigned flag);
// The names of the flags set, joined by ", " ("" when none).
std::string describe_flags(unsigned flags);

}  // namespace echelon
