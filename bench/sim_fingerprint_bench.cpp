// Prints a digest of every simulated KPI for a fixed seed on a fixed network, so a script can
// check that the native and the wasm builds give bit-identical results.
#include <cinttypes>
#include <cstdio>

#include "core/sim.h"
#include "harness.h"
#include "sim_networks.h"

int main() {
  using namespace echelon;
  auto net = bench::distribution_network(2, 3);
  net.settings.periods = 200;
  net.settings.warm_up_periods = 20;
  net.settings.replications = 50;
  net.settings.seed = 20240607;
  net.settings.series_replications = 50;
  // Exercise every sampler, policy and disruption kind.
  net.stages[2].demand_per_period = {sim::DistributionKind::gamma, 20.0, 8.0, {}, {}};
  net.stages[3].demand_per_period = {sim::DistributionKind::poisson, 20.0, 0.0, {}, {}};
  net.stages[4].demand_per_period = {sim::DistributionKind::discrete, 0.0, 0.0, {10.0, 20.0, 35.0}, {0.3, 0.5, 0.2}};
  net.stages[6].policy.kind = sim::PolicyKind::periodic_review;
  net.stages[6].policy.review_period_periods = 3;
  net.stages[6].policy.order_up_to += 40.0;
  net.stages[7].policy = {sim::PolicyKind::min_max, sim::StockBasis::installation, 60.0, 25.0, 0.0, 1, 0, -1.0};
  net.stages[8].policy = {sim::PolicyKind::reorder_point, sim::StockBasis::installation, 0.0, 30.0, 25.0, 1, 0, -1.0};
  net.arcs[1].lead_time_periods = {sim::DistributionKind::gamma, 1.5, 0.7, {}, {}};
  net.arcs[1].order_crossing = false;
  net.disruptions.push_back({sim::DisruptionKind::stage_down, 1, 50, 5, 1.0});
  net.disruptions.push_back({sim::DisruptionKind::demand_surge, 8, 100, 10, 1.8});
  net.disruptions.push_back({sim::DisruptionKind::supply_down, 0, 150, 4, 1.0});
  for (auto allocation : {sim::Allocation::proportional, sim::Allocation::priority}) {
    net.allocation = allocation;
    auto r = sim::simulate(net);
    if (!r.ok()) {
      std::printf("invalid network: %s\n", describe(r.problems()).c_str());
      return 1;
    }
    std::printf("sim_fingerprint %s %s digest=%016" PRIx64 " total_cost=%.17g fill_rate=%.17g\n",
                bench::target_name(), allocation == sim::Allocation::proportional ? "proportional" : "priority",
                sim::digest(*r), r->network.total_cost.mean, r->network.fill_rate.mean);
  }
  net.shortage = sim::ShortageMode::lost_sales;
  auto r = sim::simulate(net);
  if (r.ok())
    std::printf("sim_fingerprint %s lost_sales digest=%016" PRIx64 " total_cost=%.17g\n", bench::target_name(),
                sim::digest(*r), r->network.total_cost.mean);
  return 0;
}
