// Does the plan keep its promise? For the app's default network, every sample scenario in
// assets/scenarios and every Willems chain in the shared data: plan, simulate the plan, and print
// per stage the promised service, the simulated service on the same measure (periods ending with
// nothing owed beyond the quoted service time) with its 95% half-width, and the verdict
// (core/plan/promise.h). Where a stage is below its promise beyond the interval, the cause and
// the estimated extra safety stock are printed, and the plan is simulated once more with those
// stages' levels raised by the estimate, to check it ("after").
//
//   promise_eval_bench [--all] [--chains 1,3,5] [--replications N]
// --all prints every stage (default: demand stages and stages not keeping their promise, with a
// summary line per scenario). Deterministic: fixed seeds, and the plan search is bounded by
// nodes, not by time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/scenario_json.h"
#include "core/io/willems.h"
#include "core/io/willems_import.h"
#include "core/plan/plan.h"
#include "core/plan/plan_sim.h"
#include "core/plan/promise.h"
#include "core/sim/sim.h"

#ifdef ECHELON_HAVE_APP
#include "app/default_scenario.h"
#endif

namespace {

using namespace echelon;

struct Options {
  bool all = false;
  std::vector<int> chains;
  int replications = 100;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Totals {
  int scenarios = 0, stages = 0, kept = 0, within = 0, below = 0, explained = 0;
};

// Warm-up long enough for the pipeline to fill: twice the longest inbound-plus-processing time.
int warm_up_for(const Plan& plan) {
  double longest = 0.0;
  for (std::size_t j = 0; j < plan.stages.size(); ++j)
    longest = std::max(longest, plan.stages[j].multi_echelon.inbound_service_time +
                                    plan.network.stages[j].processing_time_periods);
  return static_cast<int>(std::ceil(2.0 * longest)) + 10;
}

void evaluate(const std::string& name, Scenario scenario, const Options& o, Totals& totals, bool big) {
  PlanOptions po;
  po.search.time_limit_seconds = 0.0;  // node budget only: reproducible
  po.search.max_nodes = big ? 500 : 20000;
  po.search.local_search_rounds = big ? 10 : 60;
  po.search.lagrangian_iterations = big ? 40 : 120;
  auto plan = make_plan(scenario, po);
  if (!plan.ok()) {
    std::printf("%s: plan failed: %s\n", name.c_str(), describe(plan.problems()).c_str());
    return;
  }
  scenario.settings.replications = std::max(scenario.settings.replications, o.replications);
  scenario.settings.warm_up_periods = std::max(scenario.settings.warm_up_periods, warm_up_for(*plan));
  scenario.settings.horizon_periods = std::max(scenario.settings.horizon_periods, big ? 200 : 365);
  auto net = sim_network_from_plan(scenario, *plan);
  if (!net.ok()) {
    std::printf("%s: simulation input failed: %s\n", name.c_str(), describe(net.problems()).c_str());
    return;
  }
  auto est = sim::simulate(*net);
  if (!est.ok()) {
    std::printf("%s: simulation failed\n", name.c_str());
    return;
  }
  auto report = check_promises(*plan, *net, *est);
  if (!report.ok()) {
    std::printf("%s: %s\n", name.c_str(), describe(report.problems()).c_str());
    return;
  }
  // Check the estimates: raise the levels of the stages below their promise and simulate again.
  std::vector<sim::Estimate> after(plan->stages.size());
  bool raised = false;
  if (report->stages_below > 0) {
    sim::SimNetwork more = *net;
    for (const StagePromise& p : report->stages)
      if (p.verdict == PromiseVerdict::below) {
        more.stages[p.stage].policy.order_up_to += p.extra_safety_stock_units;
        more.stages[p.stage].policy.initial_on_hand = -1.0;
      }
    auto again = sim::simulate(more);
    if (again.ok()) {
      raised = true;
      for (std::size_t j = 0; j < after.size(); ++j) after[j] = again->stages[j].on_time_period_share;
    }
  }
  ++totals.scenarios;
  double extra_cost = 0.0;
  for (const StagePromise& p : report->stages) {
    ++totals.stages;
    if (p.verdict == PromiseVerdict::kept) ++totals.kept;
    if (p.verdict == PromiseVerdict::within_interval) ++totals.within;
    if (p.verdict == PromiseVerdict::below) {
      ++totals.below;
      if (!p.explanation.empty()) ++totals.explained;
      extra_cost += p.extra_holding_cost_per_period;
    }
    const GsmStage& g = plan->network.stages[p.stage];
    const bool demand = g.external_demand_mean_per_period > 0.0 || g.external_demand_sd_per_period > 0.0;
    if (!o.all && !demand && p.verdict == PromiseVerdict::kept) continue;
    std::printf("%s, %s/%s, %.4f, %.4f ± %.4f, S=%g %s, %s", name.c_str(), p.node.c_str(), p.item.c_str(), p.promised,
                p.simulated.mean, p.simulated.half_width, p.quoted_service_time_periods,
                p.quoted_service_time_periods >= 1.0 ? "on time" : "from stock", promise_verdict_name(p.verdict));
    std::printf(" | fill %.4f, units on time %.4f", p.from_stock_at_once.mean, p.units_on_time.mean);
    if (p.verdict == PromiseVerdict::below) {
      std::printf(" | cause: %s; +%.4g units (%.4g/period, %s; probes", shortfall_cause_name(p.cause),
                  p.extra_safety_stock_units, p.extra_holding_cost_per_period,
                  p.extra_from_probe ? "from the probes" : "normal estimate");
      for (std::size_t k = 0; k < sim::kOverdueProbes; ++k)
        std::printf(" +%.3g: %.4f", net->stages[p.stage].overdue_probe_units[k],
                    est->stages[p.stage].on_time_period_share_at_probe[k].mean);
      std::printf(")");
      if (raised) std::printf("; after: %.4f ± %.4f", after[p.stage].mean, after[p.stage].half_width);
      int customers = net->stages[p.stage].has_external_demand ? 1 : 0;
      for (const sim::SimArc& a : net->arcs) customers += static_cast<std::size_t>(a.upstream) == p.stage;
      std::printf(" | customer streams %d", customers);
    }
    std::printf("\n");
  }
  const NetworkFigure* any_short = nullptr;
  for (const NetworkFigure& f : report->network)
    if (f.key == "stockout_probability") any_short = &f;
  char implied[64] = "not implied: some demand stages quote a service time";
  if (any_short && any_short->implied_by_promises)
    std::snprintf(implied, sizeof implied, "promises imply %.4f", *any_short->implied_by_promises);
  std::printf("%s: %zu stages: %d kept, %d within interval, %d below (extra holding %.4g/period); %s %.4f ± %.4f "
              "(%s); %d replications\n",
              name.c_str(), report->stages.size(), report->stages_kept, report->stages_within_interval,
              report->stages_below, extra_cost, any_short ? any_short->label.c_str() : "",
              any_short ? any_short->value.mean : 0.0, any_short ? any_short->value.half_width : 0.0, implied,
              est->convergence.replications_done);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--all") == 0) {
      o.all = true;
    } else if (std::strcmp(argv[i], "--chains") == 0 && i + 1 < argc) {
      std::stringstream ss(argv[++i]);
      std::string part;
      while (std::getline(ss, part, ',')) o.chains.push_back(std::atoi(part.c_str()));
    } else if (std::strcmp(argv[i], "--replications") == 0 && i + 1 < argc) {
      o.replications = std::max(2, std::atoi(argv[++i]));
    }
  }
  std::printf("scenario, stage, promised, simulated ± half-width (95%%), measure, verdict | context\n");
  Totals totals;
#ifdef ECHELON_HAVE_APP
  evaluate("default network (app)", app::default_scenario(), o, totals, false);
#endif
  const std::filesystem::path samples = std::filesystem::path(ECHELON_SOURCE_DIR) / "assets" / "scenarios";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::exists(samples))
    for (const auto& e : std::filesystem::directory_iterator(samples))
      if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = load_scenario_json(read_file(f.string()));
    if (!s.ok()) {
      std::printf("%s: unreadable: %s\n", f.filename().string().c_str(), describe(s.problems()).c_str());
      continue;
    }
    evaluate(f.filename().string(), *s, o, totals, false);
  }
  const std::string data = ECHELON_SHARED_DATA_DIR;
  std::vector<int> chains = o.chains;
  if (chains.empty())
    for (int c = 1; c <= 37; c += 2) chains.push_back(c);
  for (int c : chains) {
    char path[512];
    std::snprintf(path, sizeof path, "%s/willems/willems_%02d.csv", data.c_str(), c);
    if (!std::filesystem::exists(path)) continue;
    auto chain = parse_willems_csv(read_file(path));
    if (!chain.ok()) continue;
    char name[32];
    std::snprintf(name, sizeof name, "willems_%02d", c);
    auto s = import_willems(*chain, name);
    if (!s.ok()) {
      std::printf("%s: import failed: %s\n", name, describe(s.problems()).c_str());
      continue;
    }
    evaluate(name, *s, o, totals, chain->stages.size() > 300);
  }
  std::printf("TOTAL: %d scenarios, %d stages: %d kept, %d within interval, %d below (%d with an explanation)\n",
              totals.scenarios, totals.stages, totals.kept, totals.within, totals.below, totals.explained);
  return 0;
}
