// Learning lead times from receipt records: per supplier, or per arc (supplier, location, item).
//
// Each receipt gives one lead time: receipt date minus order date (core/io/receipts_csv.h), in
// days for dated records, divided by `days_per_period` to give periods. Per group:
//   - the empirical distribution: the observed lead times, each equally likely, with its mean,
//     sd (divisor n - 1), and quantiles (smallest observed value with at least p of them at or
//     below it: what a planner reads as "90% arrive within");
//   - a fitted distribution when the group has at least `min_receipts_to_fit` receipts: every
//     family fitted by maximum likelihood to the earlier orders and chosen on the later ones
//     (core/learn/fit.h, in order-date order so the hold-out is the recent past), refitted to
//     all. With fewer receipts the empirical one is used, and `method` says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/io/receipts_csv.h"
#include "core/learn/fit.h"
#include "core/model/distribution.h"

namespace echelon::learn {

enum class LeadTimeGrouping {
  supplier,  // one lead time per supplier
  arc,       // one per (supplier, location, item), with the columns the file has
};

struct LeadTimeOptions {
  LeadTimeGrouping grouping = LeadTimeGrouping::supplier;
  double days_per_period = 1.0;  // 7 for weeks, 365.25 / 12 for months; 1 keeps the file's unit
  int min_receipts_to_fit = 10;
  SelectionOptions selection;
};

struct LearnedLeadTime {
  std::string supplier, location, item;  // the group (location and item empty per supplier)
  int receipts = 0;
  std::vector<double> sample_periods;    // lead times in order-date order
  double mean_periods = 0.0;
  double sd_periods = 0.0;
  double min_periods = 0.0, max_periods = 0.0;
  double p50_periods = 0.0, p90_periods = 0.0, p95_periods = 0.0;
  std::optional<Selection> fitted;
  Distribution distribution;  // the fitted family when there is one, else the empirical sample
  std::string method;
};

// Groups in order of first appearance. Problems: no receipts, days_per_period not positive.
Result<std::vector<LearnedLeadTime>> learn_lead_times(const std::vector<Receipt>& receipts,
                                                      const LeadTimeOptions& options = {});

}  // namespace echelon::learn
