// A scenario's demands as a portfolio of service items (service_curve.h) with their segmentation.
//
// One item per scenario demand (node, item):
// - demand per period: a history is learned (learn/demand_learner.h: the chosen forecast as the
//   mean, the rolling-origin one-step forecast-error sd as the sd, the Syntetos–Boylan profile);
//   a distribution is used as given. The family is chosen for whole-unit counts as the analytic
//   model needs them: a history of whole numbers with mean below `count_mean_below` becomes a
//   negative binomial (Poisson when the variance does not exceed the mean), otherwise gamma when
//   the coefficient of variation exceeds 0.5 and normal below it (the rule of
//   policy/lead_time_demand.h, applied here so the simulation draws from the same family).
// - lead time: the node's processing time plus the longest mean transit time into it, as whole
//   periods: P(L = k) = F(k + 1/2) - F(k - 1/2) for the distribution F of the processing time
//   (tail below 1e-4 dropped, renormalised), so analysis and simulation share one lead time.
// - review period: the (node, item) policy's, else 1 period; lot size: an (r, Q) policy's Q, else 0.
// - current fill rate: the fill rate of the level the scenario's target sets today (a cycle
//   service target p is the level P(X_{L+R} <= S) = p, whose fill rate is computed; a fill-rate
//   target is taken as is); 0 without a target.
// - segmentation inputs: annual value = unit cost × mean demand × periods per year,
//   forecast-error CV = error sd / mean, ADI and CV² of the history.
// Demands without demand to serve (mean below 1e-6 a period) are left out and listed in `excluded`.
// Count demands too spread out for the exact compound distribution use the gamma lead-time demand
// of the same moments (noted).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/learn/demand_learner.h"
#include "core/model/model.h"
#include "core/service/segmentation.h"
#include "core/service/service_curve.h"

namespace echelon::service {

struct PortfolioOptions {
  double min_fill_rate = 0.50;
  double max_fill_rate = 0.995;
  double count_mean_below = 20.0;
  SegmentationOptions segmentation;
  bool segment_labels_from_segmentation = true;  // item.segment = "AX", ... (else the scenario's label)
  // Replace every lead time by its mean rounded to whole periods. The analytic fill rate treats
  // each order's random lead time as independent and ignores order crossing (policy_kpis.h), which
  // overstates the lead-time spread when orders can overtake each other; a constant lead time
  // makes the promise exact (useful to check the optimizer's promise by simulation).
  bool constant_lead_time = false;
  // Demand learned earlier, one entry per scenario demand (Scenario::demands order), for example
  // by the plan (PlanOptions::history.learned); a missing or empty entry is learned here. Saves
  // learning thousands of histories twice.
  std::shared_ptr<const std::vector<std::optional<learn::LearnedDemand>>> learned;
};

struct Portfolio {
  std::vector<ServiceItem> items;
  std::vector<SegmentationItem> segmentation_inputs;
  Segmentation segmentation;
  std::vector<std::string> locations;   // node id of each item
  std::vector<std::string> excluded;    // "node/item: reason"
  std::vector<std::string> notes;
};

// Problems name scenario paths (a demand with neither a history nor a distribution, an unknown
// node or item, a bad option).
Result<Portfolio> portfolio_from_scenario(const Scenario& scenario, const PortfolioOptions& options = {});

// The same portfolio built a few demands at a time, for an app that must stay responsive (a
// demand costs its lead-time-demand tables and the level of its current target, about 0.2 ms;
// thousands of them would hold one frame for half a second):
//   auto b = PortfolioBuilder::start(scenario, options);   // Result<PortfolioBuilder>
//   while (!b->done()) b->step(4);
//   Result<Portfolio> p = b->finish();                      // equal to portfolio_from_scenario()
// The builder keeps its own copy of the scenario. Work is counted in demands, never in time.
class PortfolioBuilder {
 public:
  // Problems: the options' (as portfolio_from_scenario()).
  static Result<PortfolioBuilder> start(const Scenario& scenario, const PortfolioOptions& options = {});
  // Reads up to `max_demands` more demands (at least one); true once all are read.
  bool step(std::size_t max_demands);
  bool done() const { return next_ >= scenario_.demands.size(); }
  std::size_t demands_done() const { return next_; }
  std::size_t demands_total() const { return scenario_.demands.size(); }
  // Once done(), and once only (the portfolio is moved out): the portfolio, or every problem of
  // the demands and the segmentation.
  Result<Portfolio> finish();

 private:
  friend Result<Portfolio> portfolio_from_scenario(const Scenario&, const PortfolioOptions&);
  struct Partial {
    std::map<std::string, std::size_t> node_index, item_index;   // by id, into the scenario
    Portfolio portfolio;
    std::vector<std::string> labels;   // the scenario's segment label of each item
    int gamma_fallbacks = 0;
    Problems problems;
  };
  static Partial begin(const Scenario& scenario);
  static void add_demand(const Scenario& scenario, const PortfolioOptions& options, std::size_t demand, Partial& partial);
  static Result<Portfolio> complete(const PortfolioOptions& options, Partial partial);

  Scenario scenario_;
  PortfolioOptions options_;
  Partial partial_;
  std::size_t next_ = 0;
};

// Whole-period lead-time points of a distribution (see above).
std::vector<LeadTimePoint> whole_period_points(const Distribution& lead_time);

}  // namespace echelon::service
