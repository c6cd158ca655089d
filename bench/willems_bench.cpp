// The general-network guaranteed-service search on every Willems (2008) chain of the reference
// data, natively and in wasm: per chain the stages and arcs, the time, the cost found, its proven
// lower bound and gap, the single-echelon cost (every stage quoting 0), the published optimal
// cost where one is reliable (Humair & Willems 2011, Operations Research 59(3), 3 significant
// figures; see the reference-data notes), the search's work in DP cells and DP calls, and whether
// a second run gave the identical answer (the budget counts work, not time).
// Usage: willems_bench [data_dir] [--stochastic] [--budget CELLS] [--chain N] [--node-steps K]
//                      [--lagrangian ITERATIONS] [--rounds R] [--no-polish] [--polish-share F] [--iterated-share F] [--seed N]
//                      (GsmGeneralOptions)
//   --stochastic  stage-time variability as random processing times (gsm.h, Humair et al. 2013)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "core/meio/gsm.h"
#include "core/meio/gsm_general.h"
#include "core/meio/gsm_willems.h"
#include "core/meio/single_echelon.h"
#include "harness.h"

namespace {

using namespace echelon;

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  text = s.str();
  return true;
}

// Published optimal costs (Humair & Willems 2011) of the odd chains without stage-time
// variability; 0 where none is published or the published figure is not reliable (chain 19
// looks shifted by a factor of 10, chain 27 lies above a feasible solution).
double published_cost(int chain) {
  switch (chain) {
    case 13: return 6.09e6;
    case 17: return 1.09e6;
    case 23: return 4.26e5;
    case 25: return 1.14e6;
    case 35: return 1.79e6;
    default: return 0.0;
  }
}

bool same_answer(const GsmSolution& a, const GsmSolution& b) {
  if (a.total_cost != b.total_cost || a.lower_bound != b.lower_bound || a.stages.size() != b.stages.size()) return false;
  for (std::size_t j = 0; j < a.stages.size(); ++j)
    if (a.stages[j].outbound_service_time != b.stages[j].outbound_service_time) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = ECHELON_SHARED_DATA_DIR;
  WillemsGsmOptions convention;
  GsmGeneralOptions options;
  int only_chain = 0;
  for (int k = 1; k < argc; ++k) {
    if (std::strcmp(argv[k], "--stochastic") == 0) convention.stochastic_stage_times = true;
    else if (std::strcmp(argv[k], "--budget") == 0 && k + 1 < argc) options.work_budget_cells = std::atof(argv[++k]);
    else if (std::strcmp(argv[k], "--chain") == 0 && k + 1 < argc) only_chain = std::atoi(argv[++k]);
    else if (std::strcmp(argv[k], "--node-steps") == 0 && k + 1 < argc) options.node_subgradient_steps = std::atoi(argv[++k]);
    else if (std::strcmp(argv[k], "--lagrangian") == 0 && k + 1 < argc) options.lagrangian_iterations = std::atoi(argv[++k]);
    else if (std::strcmp(argv[k], "--no-polish") == 0) options.polish_share = 0.0;
    else if (std::strcmp(argv[k], "--polish-share") == 0 && k + 1 < argc) options.polish_share = std::atof(argv[++k]);
    else if (std::strcmp(argv[k], "--iterated-share") == 0 && k + 1 < argc) options.iterated_search_share = std::atof(argv[++k]);
    else if (std::strcmp(argv[k], "--seed") == 0 && k + 1 < argc) options.seed = static_cast<unsigned>(std::atoi(argv[++k]));
    else if (std::strcmp(argv[k], "--rounds") == 0 && k + 1 < argc) options.local_search_rounds = std::atoi(argv[++k]);
    else data_dir = argv[k];
  }
  const char* target = bench::target_name();
  std::printf("Willems chains, %s stage times, work budget %.3g DP cells  [%s]\n",
              convention.stochastic_stage_times ? "random" : "mean", options.work_budget_cells, target);
  std::printf("%-5s %6s %6s %10s %13s %13s %8s %13s %11s %8s %9s %7s %5s\n", "chain", "stages", "arcs", "time", "cost",
              "lower bound", "gap", "single-ech.", "published", "vs pub.", "cells", "DPs", "same");
  int solved = 0, within_one_percent = 0, identical = 0;
  double total_seconds = 0.0, worst_seconds = 0.0;
  for (int c = 1; c <= 37; c += 2) {
    if (only_chain != 0 && c != only_chain) continue;
    char path[512];
    std::snprintf(path, sizeof path, "%s/willems/willems_%02d.csv", data_dir.c_str(), c);
    std::string text;
    if (!read_file(path, text)) {
      std::printf("%-5d (missing %s)\n", c, path);
      continue;
    }
    auto chain = parse_willems_csv(text);
    if (!chain.ok()) {
      std::printf("%-5d %s\n", c, describe(chain.problems()).c_str());
      continue;
    }
    auto net = gsm_network_from_willems(*chain, convention);
    if (!net.ok()) {
      std::printf("%-5d %s\n", c, describe(net.problems()).c_str());
      continue;
    }
    Result<GsmSolution> first = Problem{"", "not run"};
    const auto m = bench::measure("", [&](long long iters) {
      for (long long i = 0; i < iters; ++i) first = solve_gsm(*net, options);
    }, 0.0, 1);
    const Result<GsmSolution> second = solve_gsm(*net, options);
    auto single = solve_single_echelon(*net);
    if (!first.ok() || !second.ok() || !single.ok()) {
      std::printf("%-5d %s\n", c, describe(first.ok() ? single.problems() : first.problems()).c_str());
      continue;
    }
    const GsmSolution& r = first.value();
    const bool same = same_answer(r, second.value());
    const double published = convention.stochastic_stage_times ? 0.0 : published_cost(c);
    char versus[32] = "";
    char pub[32] = "";
    if (published > 0.0) {
      std::snprintf(pub, sizeof pub, "%.0f", published);
      std::snprintf(versus, sizeof versus, "%+.2f%%", 100.0 * (r.total_cost / published - 1.0));
    }
    std::printf("%-5d %6zu %6zu %10s %13.0f %13.0f %7.3f%% %13.0f %11s %8s %9.3g %7lld %5s\n", c, net->stages.size(),
                net->arcs.size(), bench::human_time(m.seconds_per_iteration).c_str(), r.total_cost, r.lower_bound,
                100.0 * r.gap, single->total_cost, pub, versus, r.work_cells, r.nodes, same ? "yes" : "NO");
    std::fflush(stdout);
    ++solved;
    within_one_percent += r.gap <= 0.01 ? 1 : 0;
    identical += same ? 1 : 0;
    total_seconds += m.seconds_per_iteration;
    worst_seconds = std::max(worst_seconds, m.seconds_per_iteration);
  }
  std::printf("%d chains: proven gap <= 1%% on %d, identical on a second run %d, total %s, slowest %s  [%s]\n", solved,
              within_one_percent, identical, bench::human_time(total_seconds).c_str(),
              bench::human_time(worst_seconds).c_str(), target);
  return 0;
}
