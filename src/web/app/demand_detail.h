// One demand history seen closely, and one learned lead time: what the Learning tab draws
// for the row a person selects. Everything here is computed once per selection (one series, a
// few thousand operations), never while drawing.
//
// Demand. For a scenario demand with a history and its model learned for the plan
// (core/learn/demand_learner.h):
//   history     the quantities with a label per period (from History::start and the scenario's
//               period: ISO dates step by 1 or 7 days or one month, months "YYYY-MM" by one
//               month, whole numbers by one; other labels or none give "start+k" or 1, 2, ...);
//   forecast    the chosen method run with its fitted weights over the data used (the one-step
//               forecast of every period), then the next `future_periods` periods; the band is
//               forecast +- z * sd with sd the one-step error spread the plan sized the buffer
//               with and z the stage's safety factor;
//   histogram   of the observed periods of the data used, one bin per unit for whole numbers
//               spanning at most 40 units, else about 12 bins of a rounded width; the expected
//               count of each bin under the fitted law is n * P(bin), the first bin taking all
//               the mass below it and the last all the mass above, so they sum to n;
//   class       Syntetos-Boylan ADI and CV^2 (core/learn/demand_class.h);
//   law         the family chosen on the hold-out and its score (core/learn/fit.h).
//
// "What would the normal assumption do". At the stage's protection interval tau (its net
// replenishment time) and coverage probability p = Phi(z) (z the stage's safety factor, so p is
// the target the plan buffers for), the base-stock level is the p-quantile of demand over tau
// periods (core/policy/demand_over_periods.h; Zipkin 2000, section 6.2), once for the learned
// law (the family the simulation draws, at the plan's mean and sd) and once for a normal of the
// same mean and sd: S_normal = tau * mu + z * sd * sqrt(tau) for whole tau. The gap
// S_normal - S_learned isolates the shape: negative means the normal would hold fewer units
// than the learned law needs (under-stock), positive more (over-stock).
//
// Lead time. For receipts learned per arc or supplier (core/learn/lead_time.h), the same
// histogram against the learned lead-time law, and what planning with the mean lead time alone
// would do. Periodic review every period, so the protection interval is H = L + 1; with demand
// of mean mu and sd sigma per period and independent lead time of mean E[L] and variance Var[L]
// (Silver, Pyke and Thomas 2017, section 6.7.2; Hadley and Whitin 1963):
//   random lead time  S = mu (E[L] + 1) + z sqrt((E[L] + 1) sigma^2 + mu^2 Var[L])
//   mean lead time    S = mu (E[L] + 1) + z sigma sqrt(E[L] + 1)
// and the gap is the second minus the first (never positive: ignoring the spread under-stocks).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/io/receipts_csv.h"
#include "core/learn/demand_learner.h"
#include "core/learn/lead_time.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "app/history_analysis.h"

namespace echelon::app {

// The label of period `offset` (0 = the first) of a history starting at `start`.
std::string period_label(const std::optional<std::string>& start, int offset, Period period);

struct HistogramBin {
  double low = 0.0;             // the bin holds low <= x < high (whole-number bins: x = low + 0.5)
  double high = 0.0;
  int count = 0;                // observed periods in the bin
  double expected_count = 0.0;  // under the fitted law
};

// Bins as the header says; `law` gives the expected counts (none: zero expected counts).
std::vector<HistogramBin> histogram(const std::vector<double>& values, const Distribution* law);

struct BaseStockGap {
  double periods = 0.0;             // the protection interval
  double probability = 0.0;         // coverage the levels aim at
  double learned_level = 0.0;       // units
  double alternative_level = 0.0;   // units, under the simpler assumption
  double gap_units = 0.0;           // alternative - learned: < 0 under-stocks, > 0 over-stocks
};

// The p-quantile of demand over `periods` under `learned_law` and under a normal with the given
// mean and sd. Problems: as demand_quantile_over_periods.
Result<BaseStockGap> normal_assumption_gap(const Distribution& learned_law, double mean_per_period,
                                           double sd_per_period, double periods, double probability);

// The two levels of the lead-time comparison in the header, at safety factor z.
BaseStockGap mean_lead_time_gap(double demand_mean_per_period, double demand_sd_per_period, double lead_time_mean_periods,
                                double lead_time_sd_periods, double safety_factor);

// "under-stock this item by 3.2 units", "over-stock ...", or "hold the same stock" within 0.005.
std::string stock_gap_phrase(double gap_units);

struct DistributionScore {
  std::string family;
  bool fitted = false;
  double score = 0.0;     // hold-out score (lower is better) when fitted
  std::string reason;     // why not, otherwise
};

struct DemandDetail {
  std::size_t row = 0;            // index into AppSession::history_rows()
  std::string item, node;
  std::vector<double> quantities;            // the whole history (NaN = missing)
  std::vector<std::string> labels;           // one per period, then one per future period
  int first_period_used = 0;                 // the learning used periods from here on
  int change_period = -1;                    // first period after a detected change (-1: none)
  std::vector<double> fitted;                // one-step forecast per history period (NaN: none)
  std::vector<double> future;                // forecast of the next periods
  double band_z = 0.0;                       // z of the band (the stage's safety factor)
  double error_sd_per_period = 0.0;          // the sd the plan sized the buffer with
  std::string forecast_method;               // "SES", ... ("" when not learned)
  std::string method;                        // learn_demand's line
  bool learned = false;
  std::vector<HistogramBin> bins;
  std::string law;                           // the chosen family ("" when not learned)
  std::string law_parameters;                // "mean 4.1, sd 2.3" of the fitted law
  std::string criterion;                     // "log score", "pinball loss"
  double score = 0.0;                        // the chosen family's hold-out score
  int holdout_values = 0;
  std::vector<DistributionScore> candidates;
  double adi = 0.0, cv2 = 0.0;
  std::string demand_class;
  std::optional<BaseStockGap> normal_gap;    // absent without a stage or a learned law
  std::string normal_gap_note;               // why it is absent
};

// The detail of `rows[row]` at `plan`; `learned` the model learned for that demand (or none).
DemandDetail demand_detail(const Scenario& scenario, const Plan& plan, const std::vector<HistoryRow>& rows,
                           std::size_t row, const learn::LearnedDemand* learned, int future_periods = 8);

struct LeadTimeDetail {
  std::string group;                   // "supplier S1", "S1 -> DC1, item A"
  std::string method;
  int receipts = 0;
  double mean_periods = 0.0, sd_periods = 0.0;
  double p90_periods = 0.0;
  std::string law;                     // fitted family or "empirical"
  std::vector<HistogramBin> bins;      // of the lead times in periods
  std::optional<BaseStockGap> mean_gap;  // with the selected demand (absent without one)
  std::string matched;                 // how the group was matched to the selected demand
};

// The receipts of a file, learned per arc when the file names items (else per supplier).
struct LoadedReceipts {
  std::string file_name;
  std::string text;  // as read, so a history import can plan with the same receipts
  double days_per_period = 1.0;
  learn::LeadTimeGrouping grouping = learn::LeadTimeGrouping::supplier;
  std::vector<learn::LearnedLeadTime> lead_times;
};
Result<LoadedReceipts> learn_receipts(std::string_view file_name, std::string_view text, Period period);

// The group that supplies the selected demand: the arc group of its item and location, else the
// supplier group of the node upstream of it (through the scenario's arcs), else none.
// `row` may be null (no selection): the first group, without a gap.
std::optional<LeadTimeDetail> lead_time_detail(const Scenario& scenario, const LoadedReceipts& receipts,
                                               const HistoryRow* row);

}  // namespace echelon::app
