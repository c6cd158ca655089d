// Simulation throughput in stage-periods per second (stages x periods x replications / seconds),
// single-threaded, natively and in wasm: the plant -> 2 DCs -> 6 stores network and a
// 1,000-stage network (plant -> 37 DCs -> 962 stores).
#include <cstdio>

#include "core/sim.h"
#include "harness.h"
#include "sim_networks.h"

namespace {

void run(const char* name, echelon::sim::SimNetwork net) {
  using namespace echelon;
  net.settings.series_replications = 0;
  const double stage_periods_per_run = static_cast<double>(net.stages.size()) *
                                       (net.settings.periods + net.settings.warm_up_periods) *
                                       net.settings.replications;
  auto m = bench::measure(name, [&](long long iterations) {
    for (long long i = 0; i < iterations; ++i) {
      auto r = sim::simulate(net);
      bench::keep(r.ok() ? r->network.total_cost.mean : 0.0);
    }
  }, 1.0, 3);
  bench::print(m, bench::target_name());
  std::printf("  %-46s %10.1f million stage-periods/s   stage_periods_per_second=%.6g\n", name,
              stage_periods_per_run / m.seconds_per_iteration / 1e6, stage_periods_per_run / m.seconds_per_iteration);
}

}  // namespace

int main() {
  using namespace echelon;
  auto small = bench::distribution_network(2, 3);
  small.settings.periods = 365;
  small.settings.warm_up_periods = 35;
  small.settings.replications = 128;
  run("sim/plant-2dc-6stores (9 stages, 400 periods, 128 reps)", small);

  auto big = bench::distribution_network(37, 26);
  big.settings.periods = 90;
  big.settings.warm_up_periods = 10;
  big.settings.replications = 32;
  std::printf("  (1,000-stage network: %zu stages)\n", big.stages.size());
  run("sim/1000-stage (100 periods, 32 reps)", big);
  return 0;
}
