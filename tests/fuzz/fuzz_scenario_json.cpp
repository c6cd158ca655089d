// Fuzz target: any bytes given to the scenario reader must produce a scenario or problems,
// never a crash, an abort (a throw under JSON_NOEXCEPTION), a hang or a sanitizer report. When
// a scenario reads, writing and reading it again must give the same scenario; when it also
// validates, it is planned and simulated under a small deterministic budget (a few stages'
// worth of search, 4 replications of 30 periods), which must succeed or say why.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/scenario_json.h"
#include "core/model/validate.h"
#include "core/plan/plan.h"
#include "core/plan/plan_sim.h"
#include "core/plan/report_export.h"
#include "core/sim/sim.h"

namespace {

void plan_and_simulate(echelon::Scenario scenario) {
  scenario.settings.horizon_periods = std::min(scenario.settings.horizon_periods, 30);
  scenario.settings.warm_up_periods = std::min(scenario.settings.warm_up_periods, 5);
  scenario.settings.replications = std::min(scenario.settings.replications, 4);
  echelon::PlanOptions options;
  options.search.time_limit_seconds = 0.0;  // deterministic: bounded by nodes and DP work only
  options.search.max_nodes = 50;
  options.search.max_dp_cells = 2e5;
  options.search.work_budget_cells = 2e6;
  auto plan = echelon::make_plan(scenario, options);
  if (!plan.ok()) {
    if (plan.problems().empty()) std::abort();
    return;
  }
  auto report = echelon::plan_report_json(scenario, *plan);
  if (!report.ok() && report.problems().empty()) std::abort();
  auto network = echelon::sim_network_from_plan(scenario, *plan);
  if (!network.ok()) {
    if (network.problems().empty()) std::abort();
    return;
  }
  if (echelon::sim::simulation_stage_periods(*network) > 2e6) return;  // keep each input fast
  auto estimates = echelon::sim::simulate(*network);
  if (!estimates.ok() && estimates.problems().empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = echelon::read_scenario_json(text);
  if (!read.ok()) {
    if (read.problems().empty()) std::abort();  // a failure must say why
    return 0;
  }
  const bool valid = echelon::validate_scenario(*read).empty();
  const std::string written = echelon::write_scenario_json(*read);
  auto again = echelon::read_scenario_json(written);
  if (!again.ok() || !(*again == *read)) {
    // NaN != NaN: histories may hold missing values, so compare the text instead.
    if (!again.ok() || echelon::write_scenario_json(*again) != written) std::abort();
  }
  if (valid) plan_and_simulate(std::move(read).value());
  return 0;
}
