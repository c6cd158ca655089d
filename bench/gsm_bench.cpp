// Guaranteed-service model: the exact tree DP on random trees, and the general solver on the
// Willems (2008) chains (time, cost, proven lower bound, gap, single-echelon cost), natively and
// in wasm. Usage: gsm_bench [data_dir] [--chains-only | --trees-only].
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/meio/gsm.h"
#include "core/meio/gsm_general.h"
#include "core/meio/gsm_willems.h"
#include "core/meio/single_echelon.h"
#include "harness.h"

namespace {

using namespace echelon;

// A random tree: each new stage attaches to an earlier one as its supplier or its customer,
// integer processing times 1..10, holding costs growing downstream, demand at stages without
// customers (customer quote 0..2 periods).
GsmNetwork random_tree(int n, unsigned seed) {
  std::mt19937 rng(seed);
  GsmNetwork net;
  net.stages.resize(static_cast<std::size_t>(n));
  std::uniform_int_distribution<int> time(1, 10);
  std::uniform_real_distribution<double> cost(0.5, 2.0);
  for (auto& s : net.stages) {
    s.processing_time_periods = time(rng);
    s.holding_cost_per_unit_period = cost(rng);
  }
  for (int j = 1; j < n; ++j) {
    const int p = std::uniform_int_distribution<int>(std::max(0, j - 20), j - 1)(rng);
    if (std::bernoulli_distribution(0.7)(rng)) net.arcs.push_back({p, j, 1.0});
    else net.arcs.push_back({j, p, 1.0});
  }
  std::vector<int> out(static_cast<std::size_t>(n), 0);
  for (const auto& a : net.arcs) ++out[static_cast<std::size_t>(a.upstream)];
  for (int j = 0; j < n; ++j)
    if (out[static_cast<std::size_t>(j)] == 0) {
      auto& s = net.stages[static_cast<std::size_t>(j)];
      s.external_demand_mean_per_period = 100.0;
      s.external_demand_sd_per_period = 10.0 + j % 30;
      s.max_outbound_service_time_periods = static_cast<double>(j % 3);
    }
  return net;
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = ECHELON_SHARED_DATA_DIR;
  bool trees = true, chains = true;
  for (int k = 1; k < argc; ++k) {
    if (std::strcmp(argv[k], "--chains-only") == 0) trees = false;
    else if (std::strcmp(argv[k], "--trees-only") == 0) chains = false;
    else data_dir = argv[k];
  }
  const char* target = bench::target_name();
  if (trees) {
    for (int n : {100, 1000, 10000}) {
      const GsmNetwork net = random_tree(n, 12345u + static_cast<unsigned>(n));
      double cost = 0.0;
      auto m = bench::measure("gsm/tree_dp/" + std::to_string(n) + " stages", [&](long long iters) {
        for (long long i = 0; i < iters; ++i) {
          auto r = solve_gsm_tree(net);
          cost = r.ok() ? r->total_cost : -1.0;
          bench::keep(cost);
        }
      });
      bench::print(m, target);
    }
  }
  if (chains) {
    std::printf("\n%-6s %6s %6s %10s %14s %14s %9s %8s %14s %8s  [%s]\n", "chain", "stages", "arcs", "time",
                "cost", "lower bound", "gap", "grid", "single-ech.", "saving", target);
    for (int c = 1; c <= 37; c += 2) {
      char path[512];
      std::snprintf(path, sizeof path, "%s/willems/willems_%02d.csv", data_dir.c_str(), c);
      std::string text;
      if (!read_file(path, text)) {
        std::printf("%-6d (missing %s)\n", c, path);
        continue;
      }
      auto chain = parse_willems_csv(text);
      if (!chain.ok()) {
        std::printf("%-6d %s\n", c, describe(chain.problems()).c_str());
        continue;
      }
      auto net = gsm_network_from_willems(*chain);
      if (!net.ok()) {
        std::printf("%-6d %s\n", c, describe(net.problems()).c_str());
        continue;
      }
      GsmGeneralOptions options;
      Result<GsmSolution> r = Problem{"", "not run"};
      const auto m = bench::measure("", [&](long long iters) {
        for (long long i = 0; i < iters; ++i) r = solve_gsm(*net, options);
      }, 0.0, 1);
      auto single = solve_single_echelon(*net);
      if (!r.ok() || !single.ok()) {
        std::printf("%-6d %s\n", c, describe(r.problems()).c_str());
        continue;
      }
      std::printf("%-6d %6zu %6zu %10s %14.0f %14.0f %8.3f%% %8g %14.0f %7.1f%%\n", c, net->stages.size(),
                  net->arcs.size(), bench::human_time(m.seconds_per_iteration).c_str(), r->total_cost,
                  r->lower_bound, 100.0 * r->gap, r->time_resolution_periods, single->total_cost,
                  100.0 * (1.0 - r->total_cost / single->total_cost));
      std::fflush(stdout);
    }
  }
  return 0;
}
