// Simulation throughput in stage-periods per second (stages x periods x replications / seconds),
// single-threaded, natively and in wasm: the plant -> 2 DCs -> 6 stores network and a
// 1,000-stage network (plant -> 37 DCs -> 962 stores).
//
// The first figure is wall-clock time (the harness's best batch). On a machine shared with other
// work a process gets only part of a core, so natively the same runs are also timed in thread
// CPU time, which counts only the time this thread actually ran (it still includes slowdowns
// from caches and cores shared with others). Node offers no thread CPU clock to wasm, so wasm
// prints wall-clock time only.
#include <cstdio>
#include <ctime>

#include "core/sim/sim.h"
#include "harness.h"
#include "sim_networks.h"

namespace {

// Seconds of CPU time used by this thread, or a negative number where there is no such clock.
double thread_cpu_seconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__EMSCRIPTEN__)
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
#endif
  return -1.0;
}

void run(const char* name, echelon::sim::SimNetwork net) {
  using namespace echelon;
  net.settings.series_replications = 0;
  const double stage_periods_per_run = static_cast<double>(net.stages.size()) *
                                       (net.settings.periods + net.settings.warm_up_periods) *
                                       net.settings.replications;
  auto body = [&](long long iterations) {
    for (long long i = 0; i < iterations; ++i) {
      auto r = sim::simulate(net);
      bench::keep(r.ok() ? r->network.total_cost.mean : 0.0);
    }
  };
  auto m = bench::measure(name, body, 1.0, 3);
  bench::print(m, bench::target_name());
  std::printf("  %-46s %10.1f million stage-periods/s   stage_periods_per_second=%.6g\n", name,
              stage_periods_per_run / m.seconds_per_iteration / 1e6, stage_periods_per_run / m.seconds_per_iteration);
  if (thread_cpu_seconds() < 0.0) return;
  double best = 0.0;
  for (int repeat = 0; repeat < 3; ++repeat) {
    const double t0 = thread_cpu_seconds();
    body(m.iterations);
    const double per_run = (thread_cpu_seconds() - t0) / static_cast<double>(m.iterations);
    if (repeat == 0 || per_run < best) best = per_run;
  }
  if (best > 0.0)
    std::printf("  %-46s %10.1f million stage-periods per CPU second   stage_periods_per_cpu_second=%.6g\n", name,
                stage_periods_per_run / best / 1e6, stage_periods_per_run / best);
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
