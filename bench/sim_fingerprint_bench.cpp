// Prints a digest of every simulated KPI for a fixed seed on a fixed network, so a script can
// check that the native and the wasm builds give bit-identical results.
#include <cinttypes>
#include <cstdio>

#include "core/sim/sim.h"
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

  // Assembly and echelon positions: parts A (random lead time to the plant) and B -> plant, which
  // needs 2 A and 1 B per unit -> 2 stores; the plant and part A review echelon positions.
  sim::SimNetwork asm_net;
  auto add_stage = [&](const char* name, double h, double level) {
    sim::SimStage st;
    st.name = name;
    st.holding_cost_per_unit_period = h;
    st.unit_value = 10.0 * h;
    st.shortage_cost_per_unit = 5.0;
    st.policy.order_up_to = level;
    st.supply_lead_time_periods = {sim::DistributionKind::constant, 2.0, 0.0, {}, {}};
    asm_net.stages.push_back(st);
  };
  add_stage("part_a", 0.2, 420.0);
  add_stage("part_b", 0.3, 95.0);
  add_stage("plant", 0.6, 140.0);
  add_stage("store_0", 1.0, 40.0);
  add_stage("store_1", 1.0, 40.0);
  asm_net.stages[0].policy.basis = sim::StockBasis::echelon;
  asm_net.stages[2].policy.basis = sim::StockBasis::echelon;
  for (int s : {3, 4}) {
    asm_net.stages[s].has_external_demand = true;
    asm_net.stages[s].demand_per_period = {sim::DistributionKind::normal, 15.0, 5.0, {}, {}};
  }
  asm_net.arcs.push_back({0, 2, 2.0, {sim::DistributionKind::normal, 2.0, 0.8, {}, {}}, false});
  asm_net.arcs.push_back({1, 2, 1.0, {sim::DistributionKind::constant, 1.0, 0.0, {}, {}}, true});
  asm_net.arcs.push_back({2, 3, 1.0, {sim::DistributionKind::constant, 1.0, 0.0, {}, {}}, true});
  asm_net.arcs.push_back({2, 4, 1.0, {sim::DistributionKind::discrete, 0.0, 0.0, {1.0, 2.0}, {0.7, 0.3}}, true});
  asm_net.settings.periods = 150;
  asm_net.settings.warm_up_periods = 15;
  asm_net.settings.replications = 40;
  asm_net.settings.seed = 77;
  auto a = sim::simulate(asm_net);
  if (!a.ok()) {
    std::printf("invalid network: %s\n", describe(a.problems()).c_str());
    return 1;
  }
  std::printf("sim_fingerprint %s assembly_echelon digest=%016" PRIx64 " total_cost=%.17g fill_rate=%.17g\n",
              bench::target_name(), sim::digest(*a), a->network.total_cost.mean, a->network.fill_rate.mean);
  return 0;
}
