// The service-level study of the scenario, as the app runs it: the scenario's demands become a
// segmented portfolio (core/service/portfolio.h), and a ServiceStudy (core/service/service_study.h)
// computes every item's cost-service curve, the least investment reaching the aggregate fill-rate
// target, the frontier with the uniform and current plans, and the simulation check of the
// promise, in slices counted in work units. The portfolio itself is built in slices first (a
// demand's tables cost about 0.2 ms, and an import has thousands of demands).
//
// The settings (aggregate target, ABC and XYZ cut-offs, the default target of each matrix cell)
// are the person's edits; a change restarts the study. Between a change of the target and the
// study's new answer, the frontier already says what the target costs: it is the least
// investment at every aggregate fill rate (frontier_investment_at), so a drag along it shows
// numbers in the same frame.
#pragma once

#include <memory>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/learn/demand_class.h"
#include "core/model/model.h"
#include "core/service/portfolio.h"
#include "core/service/service_study.h"

namespace echelon::app {

struct ServiceSettings {
  double target_fill_rate = 0.95;  // aggregate, demand-weighted, in (0, 1)
  service::AbcCutoffs abc;
  service::XyzCutoffs xyz;
  service::TargetMatrix targets;   // default fill rate of each ABC x XYZ cell ("current" plan)
  learn::DemandClassCutoffs demand_class;  // Syntetos-Boylan ADI and CV^2 cut-offs
};

// Problems name the setting: "target_fill_rate", "abc.a_share", "targets.AX", ...
Problems validate_service_settings(const ServiceSettings& settings);

class ServiceRun {
 public:
  // Checks the settings and starts building the portfolio (a copy of the scenario is kept); the
  // study starts once the portfolio is built. A scenario without demand gives problems then.
  // `learned`: the demand the plan learned from the scenario's histories (one entry per demand),
  // reused so thousands of histories are not learned a second time.
  static ServiceRun start(const Scenario& scenario, const ServiceSettings& settings,
                          std::shared_ptr<const std::vector<std::optional<learn::LearnedDemand>>> learned = {});

  // Does up to `max_work` units (a demand of the portfolio counts kPortfolioDemandWorkUnits, the
  // study its own units); true once it is done (or failed).
  bool step(long long max_work);
  bool done() const { return !builder_ && (!study_ || study_->done()); }
  // Progress of the current phase, in [0, 1]: demands read while the portfolio is built, then
  // the study's share of work done.
  double progress() const;
  std::string phase() const;
  static constexpr long long kPortfolioDemandWorkUnits = 10;

  // Why there is no study (no portfolio, invalid settings) or why it failed; empty otherwise.
  const Problems& problems() const { return problems_; }
  const ServiceSettings& settings() const { return settings_; }
  const std::optional<service::Portfolio>& portfolio() const { return portfolio_; }
  // The results, once done() and problems() is empty.
  const service::ServiceResults* results() const;

 private:
  void start_study();

  ServiceSettings settings_;
  std::optional<service::PortfolioBuilder> builder_;   // while the portfolio is being built
  std::optional<service::Portfolio> portfolio_;
  std::optional<service::ServiceStudy> study_;
  Problems problems_;
};

// One line per item of the optimized plan: item, location, segment, demand class, the current and
// the optimized fill rate, level, safety stock, investment, promised and simulated fill rate.
std::string service_items_csv(const service::Portfolio& portfolio, const service::ServiceResults& results);

}  // namespace echelon::app
