// Helpers shared by the core tests: reading reference files, looking for a problem's path, and
// an independent brute-force reference for the guaranteed-service model.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/meio/gsm.h"
#include "core/sim/policy_sim.h"
#include "core/base/result.h"
#include "support/textbook_instances.h"

namespace echelon::fixtures {

// The whole file as text ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline bool has_path(const Problems& problems, const std::string& path) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.path == path; });
}

// u_jd: units of stage `to`'s demand that one unit at stage `from` serves, summed over the directed
// paths from -> to of the product of the arcs' units (1 when from == to).
inline double units_by_paths(const GsmNetwork& net, std::size_t from, std::size_t to) {
  if (from == to) return 1.0;
  double total = 0.0;
  for (const auto& a : net.arcs)
    if (static_cast<std::size_t>(a.upstream) == from)
      total += a.units_per_downstream_unit * units_by_paths(net, static_cast<std::size_t>(a.downstream), to);
  return total;
}

// k_j sigma_j of every stage, computed here from the definition in gsm.h and not with the
// solver's gsm_demand_bounds: u_jd = sum over directed paths j -> d of the product of the arcs'
// units (by recursion over paths), and k_j sigma_j = sqrt(sum_d (u_jd z_d sigma_d)^2), or z sd
// of a stage's own served demand.
inline std::vector<double> gsm_bound_sd_by_paths(const GsmNetwork& net) {
  const std::size_t n = net.stages.size();
  auto units = [&](std::size_t from, std::size_t to) { return units_by_paths(net, from, to); };
  std::vector<double> bound(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    if (net.stages[j].served_demand) {
      bound[j] = net.stages[j].served_demand->safety_factor * net.stages[j].served_demand->sd_per_period;
      continue;
    }
    double squares = 0.0;
    for (std::size_t d = 0; d < n; ++d) {
      const double term = units(j, d) * net.stages[d].safety_factor * net.stages[d].external_demand_sd_per_period;
      squares += term * term;
    }
    bound[j] = std::sqrt(squares);
  }
  return bound;
}

// m_j = sum_d u_jd z_d mu_d of every stage (z mean of a served demand), by the same recursion
// over paths: the safety stock per period of lead-time standard deviation (gsm.h).
inline std::vector<double> gsm_bound_mean_by_paths(const GsmNetwork& net) {
  const std::size_t n = net.stages.size();
  auto units = [&](std::size_t from, std::size_t to) { return units_by_paths(net, from, to); };
  std::vector<double> bound(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    if (net.stages[j].served_demand) {
      bound[j] = net.stages[j].served_demand->safety_factor * net.stages[j].served_demand->mean_per_period;
      continue;
    }
    for (std::size_t d = 0; d < n; ++d)
      bound[j] += units(j, d) * net.stages[d].safety_factor * net.stages[d].external_demand_mean_per_period;
  }
  return bound;
}

// n stages with processing times 0 to 3 and holding costs 1 to 9, safety factor 1, no arcs.
inline GsmNetwork random_gsm_stages(std::mt19937& rng, int n) {
  std::uniform_int_distribution<int> time(0, 3), cost(1, 9);
  GsmNetwork net;
  net.stages.resize(static_cast<std::size_t>(n));
  for (auto& s : net.stages) {
    s.processing_time_periods = time(rng);
    s.holding_cost_per_unit_period = cost(rng);
    s.safety_factor = 1.0;
  }
  return net;
}

// Random test networks: every stage without customers faces demand (sd 1 to 3) and quotes at
// most 0 to 2 periods; the first stage waits 1 period for its own supply.
inline void face_sinks_with_demand(GsmNetwork& net, std::mt19937& rng) {
  const int n = static_cast<int>(net.stages.size());
  std::vector<int> out(static_cast<std::size_t>(n), 0);
  for (const auto& a : net.arcs) ++out[static_cast<std::size_t>(a.upstream)];
  for (int j = 0; j < n; ++j)
    if (out[static_cast<std::size_t>(j)] == 0) {
      auto& s = net.stages[static_cast<std::size_t>(j)];
      s.external_demand_sd_per_period = 1.0 + j % 3;
      s.max_outbound_service_time_periods = static_cast<double>(std::uniform_int_distribution<int>(0, 2)(rng));
    }
  net.stages[0].external_inbound_service_time_periods = 1.0;
}

// A random acyclic network: arcs go from lower to higher index, so it is a DAG, and it has
// undirected cycles (several suppliers sharing several customers).
inline GsmNetwork random_gsm_dag(std::mt19937& rng, int n, int arcs) {
  GsmNetwork net = random_gsm_stages(rng, n);
  std::set<std::pair<int, int>> used;
  for (int j = 1; j < n; ++j) {
    const int p = std::uniform_int_distribution<int>(0, j - 1)(rng);
    used.insert({p, j});
  }
  for (int k = 0; k < arcs; ++k) {
    int a = std::uniform_int_distribution<int>(0, n - 1)(rng), b = std::uniform_int_distribution<int>(0, n - 1)(rng);
    if (a == b) continue;
    used.insert({std::min(a, b), std::max(a, b)});
  }
  for (const auto& [a, b] : used) net.arcs.push_back({a, b, 1.0 + (a + b) % 2});
  face_sinks_with_demand(net, rng);
  return net;
}

// Least cost sum_j h_j * sqrt((k sigma)_j^2 tau_j + (m_j s_j)^2) over all integer outbound
// service times (s_j the processing-time sd; with s_j = 0 this is h_j (k sigma)_j sqrt(tau_j)),
// by enumeration, independently of the solvers (on integer data an optimum is integral: see
// gsm.h). Only for a handful of stages.
inline double gsm_brute_force(const GsmNetwork& net) {
  const std::vector<double> bound_sd = gsm_bound_sd_by_paths(net);
  const std::vector<double> bound_mean = gsm_bound_mean_by_paths(net);
  const std::size_t n = net.stages.size();
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : net.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  double horizon = 0;
  for (const auto& s : net.stages) horizon += s.processing_time_periods + s.external_inbound_service_time_periods;
  const int hmax = static_cast<int>(horizon);
  std::vector<int> s(n, 0);
  double best = std::numeric_limits<double>::infinity();
  std::function<void(std::size_t)> rec = [&](std::size_t j) {
    if (j == n) {
      double cost = 0;
      for (std::size_t k = 0; k < n; ++k) {
        double si = net.stages[k].external_inbound_service_time_periods;
        for (int i : preds[k]) si = std::max(si, static_cast<double>(s[static_cast<std::size_t>(i)]));
        const double tau = si + net.stages[k].processing_time_periods - s[k];
        if (tau < 0) return;
        const double lead = bound_mean[k] * net.stages[k].processing_time_sd_periods;
        cost += net.stages[k].holding_cost_per_unit_period * std::sqrt(bound_sd[k] * bound_sd[k] * tau + lead * lead);
      }
      best = std::min(best, cost);
      return;
    }
    const auto& st = net.stages[j];
    const double bound = st.max_outbound_service_time_periods.value_or(
        st.external_demand_sd_per_period > 0 || st.external_demand_mean_per_period > 0 ? 0.0 : hmax);
    for (int v = 0; v <= std::min(hmax, static_cast<int>(bound)); ++v) {
      s[j] = v;
      rec(j + 1);
    }
  };
  rec(0);
  return best;
}

// A simulated estimate agrees with the analytic value when they differ by at most 4 standard
// errors (a fixed-seed check that fails about once in 16,000 runs of a correct formula).
inline void expect_within_4_se(const SimEstimate& simulated, double analytic, const char* what) {
  EXPECT_NEAR(simulated.mean, analytic, 4.0 * simulated.standard_error) << what;
}

}  // namespace echelon::fixtures
