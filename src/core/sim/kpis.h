// The simulation's results: what a stage adds up over the measured periods of a replication,
// the KPIs of sim.h computed from those sums, and their running means and 95% confidence
// half-widths over the replications finished so far.
//
// Per replication (T measured periods; sums over them, see Acc):
//   fill rate       (external demand met from stock + children's orders shipped in the period
//                   they were placed) / (external demand + children's orders); 1 without demand.
//   cycle service   1 - (replenishment cycles with a stockout) / cycles, a cycle running from
//                   one receipt to the next; without any receipt 1, or 0 if the stage was ever
//                   short.
//   ready rate, stockout probability, on-time period share: counts of periods / T.
//   on hand, backorders, owed downstream, on order, in transit, lost sales: sums / T.
//   stock charged = on hand + in transit (parts waiting at an assembly stage included);
//   inventory value = unit value * stock / T; holding = h * stock / T; ordering = K * orders / T;
//   shortage = p * (backorders + lost) / T; total = holding + ordering + shortage.
//   on-time unit share: 1 - late units / units due (1 when nothing was due).
// Network: the sums of the stages' per-period KPIs, its fill rate over external demand only
// (a stage's own fill rate also counts its children's orders), and the share of periods in
// which some external customer went short.
//
// Across replications each KPI keeps Welford's running mean and sum of squared deviations
// (B. P. Welford, "Note on a method for calculating corrected sums of squares and products",
// Technometrics 4(3), 1962): mean_n = mean_{n-1} + (x - mean_{n-1}) / n and
// M2_n = M2_{n-1} + (x - mean_{n-1}) (x - mean_n), one pass and no cancellation. The half-width
// is t_{0.975, n-1} * sqrt(M2 / (n - 1) / n) (sim.h's Estimate; infinite below 2 replications).
// The total cost's median, p90 and p95 are sample quantiles of the replications' totals
// (stats.h), and its CVaR 95% the mean of the worst ceil(n / 20) of them.
#pragma once

#include <cstddef>
#include <vector>

#include "core/sim/sim.h"

namespace echelon::sim {

// Sums a stage keeps per lane over the measured periods of a block. A stage adds only what can
// be non-zero for it (no debts downstream at a store, no backorders without external demand),
// which keeps the memory touched per period small.
enum Acc {
  aIntDemand, aIntFilled,  // children's orders, and the part shipped in the period they were placed
  aExtDemand, aExtFilled,  // external demand, and the part met from stock
  aOnHand, aBackorders, aOwedDown, aOnOrder, aInTransit, aLost, aOrders, aStockout, aReady, aCycles, aCycleStockouts,
  aOnTimePeriods, aDueUnits, aLateUnits,  // within the quoted service time
  aProbePeriods,                          // at most each probe overdue (SimStage::overdue_probe_units),
  aProbePeriodsEnd = aProbePeriods + kOverdueProbes,  // kOverdueProbes sums
  kAccCount = aProbePeriodsEnd
};

enum StageKpi {
  kFill, kCsl, kReady, kStockout, kOnHand, kBackorders, kOwedDown, kOnOrder, kInTransit, kLost, kValue, kHold, kOrder,
  kShort, kTotal, kOnTimePeriods, kOnTimeUnits, kOnTimeAtProbe, kStageKpiCount = kOnTimeAtProbe + kOverdueProbes
};
enum NetKpi {
  nFill, nStockout, nOnHand, nBackorders, nOnOrder, nInTransit, nLost, nValue, nHold, nOrder, nShort, nTotal, kNetKpiCount
};

// Running mean and sum of squared deviations of one KPI over replications.
struct Welford {
  double n = 0.0, mean = 0.0, m2 = 0.0;
  void add(double x) {
    n += 1.0;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  Estimate estimate() const;
};

// One replication's KPIs of `stage` (values[StageKpi]) from its sums (sums[Acc]) over `periods`
// measured periods.
void stage_kpi_values(const SimStage& stage, const double* sums, double periods, double* values);

// Every KPI over the replications finished so far.
struct KpiTally {
  int stage_count = 0;
  std::vector<Welford> stage_kpi;         // [stage][StageKpi]
  std::vector<Welford> net_kpi;           // [NetKpi]
  std::vector<double> worst_stage_fill;   // [stage]: the lowest fill rate of any replication
  std::vector<double> rep_total_cost;     // [replication]
  std::vector<double> rep_net_fill;       // [replication]

  void reset(int stages);
  // Adds one replication: sums[stage * kAccCount + Acc], and the number of measured periods in
  // which some external customer went short.
  void add_replication(const std::vector<SimStage>& stages, const double* sums, double net_stockout_periods,
                       double periods);
  // The estimates (without the per-period bands) and how far the run has come.
  SimEstimates estimates(int replications_done, int replications_target) const;
};

}  // namespace echelon::sim
