// Helpers shared by the core tests: reading reference files, looking for a problem's path, and
// an independent brute-force reference for the guaranteed-service model.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/meio/gsm.h"
#include "core/sim/policy_sim.h"
#include "core/base/result.h"

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

// Least cost sum_j h_j * (k sigma)_j * sqrt(tau_j) over all integer outbound service times,
// by enumeration, independently of the solvers (on integer data an optimum is integral: see
// gsm.h). Only for a handful of stages.
inline double gsm_brute_force(const GsmNetwork& net) {
  const auto bounds = gsm_demand_bounds(net);
  if (!bounds.ok()) return std::numeric_limits<double>::quiet_NaN();
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
        cost += net.stages[k].holding_cost_per_unit_period * (*bounds)[k].bound_sd * std::sqrt(tau);
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

// Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 6.5 (the instance is
// also `example_6_5` in stockpyl, whose README prints the optimum): stages 1 -> 3 -> {2, 4}
// with T = 2, 1, 1, 1; h = 1, 3, 2, 3; z = 1; demand sd 1 at stages 2 and 4; stage 1 waits
// 1 period for its supplier; stage 2 must quote 0, stage 4 may quote 1. Optimal service times
// {1: 0, 2: 0, 3: 0, 4: 1}, cost 8.277916867529369. Stage k of the book is index k - 1; unit
// values are 10 h so that values and costs are easy to relate.
inline GsmNetwork snyder_shen_example_6_5() {
  GsmNetwork net;
  net.stages.resize(4);
  const double t[] = {2, 1, 1, 1}, h[] = {1, 3, 2, 3};
  for (std::size_t j = 0; j < 4; ++j) {
    net.stages[j].name = "stage " + std::to_string(j + 1);
    net.stages[j].processing_time_periods = t[j];
    net.stages[j].holding_cost_per_unit_period = h[j];
    net.stages[j].unit_value = 10.0 * h[j];
    net.stages[j].safety_factor = 1.0;
  }
  net.stages[0].external_inbound_service_time_periods = 1.0;
  net.stages[1].external_demand_sd_per_period = 1.0;
  net.stages[1].max_outbound_service_time_periods = 0.0;
  net.stages[3].external_demand_sd_per_period = 1.0;
  net.stages[3].max_outbound_service_time_periods = 1.0;
  net.arcs = {{0, 2, 1.0}, {2, 1, 1.0}, {2, 3, 1.0}};
  return net;
}

// A simulated estimate agrees with the analytic value when they differ by at most 4 standard
// errors (a fixed-seed check that fails about once in 16,000 runs of a correct formula).
inline void expect_within_4_se(const SimEstimate& simulated, double analytic, const char* what) {
  EXPECT_NEAR(simulated.mean, analytic, 4.0 * simulated.standard_error) << what;
}

}  // namespace echelon::fixtures
