// The guaranteed-service model on trees (the header has the maths and references).
//
// Contents
//   validate, gsm_demand_bounds       the instance's checks; each stage's demand bound k sigma
//   grids, candidates, discretize     service times in ticks; the candidate values of each stage
//   GsmTreeDp                         the tree DP over candidate values
//   gsm_stage_cost, gsm_tick_cost     cost of one stage / a whole placement on the grid
//   evaluate_gsm                      cost and buffers of given outbound service times
//   add_supplier_delay_buffers        stock for delays passed on by suppliers (header: why)
//   solve_gsm_tree                    the exact dynamic program on a spanning tree
#include "core/meio/gsm.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <numeric>
#include <utility>

#include "core/policy/safety_stock.h"
#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string stage_path(std::size_t j, const char* field) {
  return "stages/" + std::to_string(j) + "/" + field;
}

bool has_external_demand(const GsmStage& s) {
  return s.external_demand_mean_per_period > 0.0 || s.external_demand_sd_per_period > 0.0;
}

double stage_max_outbound(const GsmStage& s) {
  if (s.max_outbound_service_time_periods) return *s.max_outbound_service_time_periods;
  return has_external_demand(s) ? 0.0 : kInf;
}

void check_nonnegative(Problems& out, double value, std::size_t j, const char* field) {
  if (!std::isfinite(value)) out.push_back({stage_path(j, field), "must be a finite number, got " + format_number(value)});
  else if (value < 0.0) out.push_back({stage_path(j, field), "must not be negative, got " + format_number(value)});
}

// Kahn's algorithm; empty when the arcs have a directed cycle.
std::vector<int> topological(std::size_t n, const std::vector<GsmArc>& arcs) {
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<int>> out(n);
  for (const auto& a : arcs) {
    out[static_cast<std::size_t>(a.upstream)].push_back(a.downstream);
    ++indegree[static_cast<std::size_t>(a.downstream)];
  }
  std::vector<int> order;
  order.reserve(n);
  for (std::size_t j = 0; j < n; ++j)
    if (indegree[j] == 0) order.push_back(static_cast<int>(j));
  for (std::size_t k = 0; k < order.size(); ++k)
    for (int d : out[static_cast<std::size_t>(order[k])])
      if (--indegree[static_cast<std::size_t>(d)] == 0) order.push_back(d);
  if (order.size() != n) order.clear();
  return order;
}

bool on_grid(double value, double resolution) {
  if (!std::isfinite(value)) return true;
  const double ticks = value / resolution;
  return std::fabs(ticks - std::round(ticks)) <= 1e-9 * std::max(1.0, std::fabs(ticks));
}

int floor_ticks(double value, double r) { return static_cast<int>(std::floor(value / r + 1e-9)); }
int ceil_ticks(double value, double r) { return static_cast<int>(std::ceil(value / r - 1e-9)); }

// Longest external-inbound-plus-processing path into any stage, in periods.
double horizon_periods(const GsmNetwork& network, const std::vector<int>& order) {
  const std::size_t n = network.stages.size();
  std::vector<double> reach(n, 0.0);
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : network.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  double h = 0.0;
  for (int jj : order) {
    const auto j = static_cast<std::size_t>(jj);
    double in = network.stages[j].external_inbound_service_time_periods;
    for (int i : preds[j]) in = std::max(in, reach[static_cast<std::size_t>(i)]);
    reach[j] = in + network.stages[j].processing_time_periods;
    h = std::max(h, reach[j]);
  }
  return h;
}

}  // namespace

Problems validate(const GsmNetwork& network) {
  Problems out;
  const std::size_t n = network.stages.size();
  if (n == 0) out.push_back({"stages", "the network needs at least one stage"});
  for (std::size_t j = 0; j < n; ++j) {
    const auto& s = network.stages[j];
    check_nonnegative(out, s.processing_time_periods, j, "processing_time_periods");
    check_nonnegative(out, s.processing_time_sd_periods, j, "processing_time_sd_periods");
    check_nonnegative(out, s.holding_cost_per_unit_period, j, "holding_cost_per_unit_period");
    check_nonnegative(out, s.unit_value, j, "unit_value");
    check_nonnegative(out, s.external_demand_mean_per_period, j, "external_demand_mean_per_period");
    check_nonnegative(out, s.external_demand_sd_per_period, j, "external_demand_sd_per_period");
    check_nonnegative(out, s.safety_factor, j, "safety_factor");
    check_nonnegative(out, s.external_inbound_service_time_periods, j, "external_inbound_service_time_periods");
    if (s.max_outbound_service_time_periods) {
      const double m = *s.max_outbound_service_time_periods;
      if (std::isnan(m) || m < 0.0)
        out.push_back({stage_path(j, "max_outbound_service_time_periods"),
                       "must be zero or more (infinity for no bound), got " + format_number(m)});
    }
    if (s.served_demand) {
      const auto& d = *s.served_demand;
      if (!std::isfinite(d.mean_per_period) || d.mean_per_period < 0.0)
        out.push_back({stage_path(j, "served_demand/mean_per_period"), "must be a finite number of zero or more"});
      if (!std::isfinite(d.sd_per_period) || d.sd_per_period < 0.0)
        out.push_back({stage_path(j, "served_demand/sd_per_period"), "must be a finite number of zero or more"});
      if (!std::isfinite(d.safety_factor) || d.safety_factor < 0.0)
        out.push_back({stage_path(j, "served_demand/safety_factor"), "must be a finite number of zero or more"});
    }
  }
  // An arc repeats an earlier one when an arc of a smaller index joins the same two stages: found
  // by sorting (upstream, downstream, index), so a network of thousands of arcs is checked on
  // every edit without a tree of pairs or a path string per arc.
  const auto in_range = [n](const GsmArc& a) {
    return a.upstream >= 0 && a.downstream >= 0 && static_cast<std::size_t>(a.upstream) < n &&
           static_cast<std::size_t>(a.downstream) < n;
  };
  std::vector<std::pair<std::pair<int, int>, std::size_t>> keyed;
  keyed.reserve(network.arcs.size());
  for (std::size_t k = 0; k < network.arcs.size(); ++k)
    if (in_range(network.arcs[k])) keyed.push_back({{network.arcs[k].upstream, network.arcs[k].downstream}, k});
  std::sort(keyed.begin(), keyed.end());
  std::vector<char> repeats(network.arcs.size(), 0);
  for (std::size_t i = 1; i < keyed.size(); ++i)
    if (keyed[i].first == keyed[i - 1].first) repeats[keyed[i].second] = 1;
  bool arcs_ok = true;
  for (std::size_t k = 0; k < network.arcs.size(); ++k) {
    const auto& a = network.arcs[k];
    const auto path = [k] { return "arcs/" + std::to_string(k); };  // only for problems
    if (!in_range(a)) {
      out.push_back({path(), "names a stage that does not exist (stages are numbered 0 to " +
                                 std::to_string(n == 0 ? 0 : n - 1) + ")"});
      arcs_ok = false;
      continue;
    }
    if (a.upstream == a.downstream) {
      out.push_back({path(), "joins a stage to itself"});
      arcs_ok = false;
    }
    if (repeats[k]) {
      out.push_back({path(), "repeats an arc already given; put the total units on one arc"});
      arcs_ok = false;
    }
    if (!std::isfinite(a.units_per_downstream_unit) || a.units_per_downstream_unit <= 0.0)
      out.push_back({path() + "/units_per_downstream_unit",
                     "must be a positive number, got " + format_number(a.units_per_downstream_unit)});
  }
  if (arcs_ok && n > 0 && topological(n, network.arcs).empty())
    out.push_back({"arcs", "the arcs form a cycle: material must flow one way through the network"});
  return out;
}

Result<std::vector<GsmDemandBound>> gsm_demand_bounds(const GsmNetwork& network) {
  if (auto problems = validate(network); !problems.empty()) return problems;
  const std::size_t n = network.stages.size();
  const std::vector<int> order = topological(n, network.arcs);
  std::vector<std::vector<std::pair<int, double>>> out_arcs(n);
  for (const auto& a : network.arcs)
    out_arcs[static_cast<std::size_t>(a.upstream)].push_back({a.downstream, a.units_per_downstream_unit});
  // units[j]: sparse (demand stage, units of j per unit of its demand), sorted by stage.
  std::vector<std::vector<std::pair<int, double>>> units(n);
  std::vector<GsmDemandBound> bounds(n);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const auto j = static_cast<std::size_t>(*it);
    std::vector<std::pair<int, double>> merged;
    if (has_external_demand(network.stages[j])) merged.push_back({static_cast<int>(j), 1.0});
    for (const auto& [d, q] : out_arcs[j]) {
      std::vector<std::pair<int, double>> next;
      const auto& add = units[static_cast<std::size_t>(d)];
      next.reserve(merged.size() + add.size());
      std::size_t a = 0, b = 0;
      while (a < merged.size() || b < add.size()) {
        if (b == add.size() || (a < merged.size() && merged[a].first < add[b].first)) next.push_back(merged[a++]);
        else if (a == merged.size() || add[b].first < merged[a].first) {
          next.push_back({add[b].first, q * add[b].second});
          ++b;
        } else {
          next.push_back({merged[a].first, merged[a].second + q * add[b].second});
          ++a;
          ++b;
        }
      }
      merged = std::move(next);
    }
    double mean = 0.0, var = 0.0, z_mean = 0.0;
    for (const auto& [d, u] : merged) {
      const auto& sd_stage = network.stages[static_cast<std::size_t>(d)];
      mean += u * sd_stage.external_demand_mean_per_period;
      z_mean += u * sd_stage.safety_factor * sd_stage.external_demand_mean_per_period;
      const double k = u * sd_stage.safety_factor * sd_stage.external_demand_sd_per_period;
      var += k * k;
    }
    bounds[j] = {mean, std::sqrt(var), z_mean};
    if (const auto& given = network.stages[j].served_demand)
      bounds[j] = {given->mean_per_period, given->safety_factor * given->sd_per_period,
                   given->safety_factor * given->mean_per_period};
    units[j] = std::move(merged);
  }
  return bounds;
}

namespace {

// Every time of the network sits on the grid of step r.
bool grid_represents(const GsmNetwork& network, double r) {
  for (const auto& s : network.stages) {
    if (!on_grid(s.processing_time_periods, r) || !on_grid(s.external_inbound_service_time_periods, r)) return false;
    if (!on_grid(stage_max_outbound(s), r)) return false;
  }
  return true;
}

}  // namespace

GsmGrid build_gsm_grid(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds, double resolution,
                       bool upper) {
  const std::size_t n = network.stages.size();
  const double r = resolution;
  GsmGrid g;
  g.resolution = r;
  g.exact = true;
  for (const auto& s : network.stages)
    if (!on_grid(s.processing_time_periods, r) || !on_grid(s.external_inbound_service_time_periods, r) ||
        !on_grid(stage_max_outbound(s), r))
      g.exact = false;
  g.processing_ticks.resize(n);
  g.offset_periods.resize(n);
  g.cost_coefficient.resize(n);
  g.lead_time_cost.resize(n);
  g.kink_ticks.assign(n, 0);
  g.min_inbound_ticks.resize(n);
  g.max_outbound_ticks.resize(n);
  g.max_inbound_ticks.resize(n);
  g.suppliers.assign(n, {});
  g.customers.assign(n, {});
  for (const auto& a : network.arcs) {
    g.suppliers[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
    g.customers[static_cast<std::size_t>(a.upstream)].push_back(a.downstream);
  }
  g.topological_order = topological(n, network.arcs);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& s = network.stages[j];
    const double t = s.processing_time_periods;
    if (g.exact) {
      g.processing_ticks[j] = static_cast<int>(std::lround(t / r));
      g.offset_periods[j] = 0.0;
    } else if (upper) {
      g.processing_ticks[j] = floor_ticks(t, r);
      g.offset_periods[j] = std::max(0.0, t - g.processing_ticks[j] * r);
    } else {
      g.processing_ticks[j] = ceil_ticks(t, r);
      g.offset_periods[j] = t - g.processing_ticks[j] * r - r;
      g.kink_ticks[j] = static_cast<int>(std::floor(-g.offset_periods[j] / r + 1e-9));
    }
    g.min_inbound_ticks[j] = upper || g.exact ? ceil_ticks(s.external_inbound_service_time_periods, r)
                                              : floor_ticks(s.external_inbound_service_time_periods, r);
  }
  cost_gsm_grid(g, network, bounds);
  for (int jj : g.topological_order) {
    const auto j = static_cast<std::size_t>(jj);
    int in = g.min_inbound_ticks[j];
    for (int i : g.suppliers[j]) in = std::max(in, g.max_outbound_ticks[static_cast<std::size_t>(i)]);
    g.max_inbound_ticks[j] = in;
    const double smax = stage_max_outbound(network.stages[j]);
    const int reach = in + g.processing_ticks[j];
    g.max_outbound_ticks[j] = std::isfinite(smax) ? std::min(reach, floor_ticks(smax, r)) : reach;
  }
  return g;
}

void cost_gsm_grid(GsmGrid& g, const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds) {
  const std::size_t n = network.stages.size();
  g.cost_coefficient.resize(n);
  g.lead_time_cost.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& s = network.stages[j];
    g.cost_coefficient[j] = s.holding_cost_per_unit_period * bounds[j].bound_sd;
    g.lead_time_cost[j] = s.holding_cost_per_unit_period * bounds[j].bound_mean * s.processing_time_sd_periods;
  }
}

bool gsm_same_times(const GsmNetwork& a, const GsmNetwork& b) {
  if (a.stages.size() != b.stages.size() || a.arcs.size() != b.arcs.size()) return false;
  for (std::size_t j = 0; j < a.stages.size(); ++j) {
    const GsmStage& x = a.stages[j];
    const GsmStage& y = b.stages[j];
    if (x.processing_time_periods != y.processing_time_periods ||
        x.external_inbound_service_time_periods != y.external_inbound_service_time_periods ||
        x.max_outbound_service_time_periods != y.max_outbound_service_time_periods ||
        has_external_demand(x) != has_external_demand(y))
      return false;
  }
  for (std::size_t k = 0; k < a.arcs.size(); ++k)
    if (a.arcs[k].upstream != b.arcs[k].upstream || a.arcs[k].downstream != b.arcs[k].downstream) return false;
  return true;
}

GsmTickBounds default_tick_bounds(const GsmGrid& grid) {
  const std::size_t n = grid.processing_ticks.size();
  GsmTickBounds b;
  b.outbound_lo.assign(n, 0);
  b.outbound_hi = grid.max_outbound_ticks;
  b.inbound_lo = grid.min_inbound_ticks;
  b.inbound_hi = grid.max_inbound_ticks;
  return b;
}

namespace {

// Adds to the sorted `dst` the values of the sorted `src` shifted by `shift` that lie in
// [lo, hi]; returns how many values were new.
std::size_t merge_shifted(std::vector<int>& dst, const std::vector<int>& src, long long shift, long long lo, long long hi,
                          std::vector<int>& shifted, std::vector<int>& merged) {
  shifted.clear();
  for (int v : src) {
    const long long w = v + shift;
    if (w >= lo && w <= hi) shifted.push_back(static_cast<int>(w));
  }
  if (shifted.empty()) return 0;
  merged.clear();
  std::set_union(dst.begin(), dst.end(), shifted.begin(), shifted.end(), std::back_inserter(merged));
  const std::size_t added = merged.size() - dst.size();
  if (added > 0) dst.swap(merged);
  return added;
}

// Fixed point of the closure, passes forward (suppliers first) and backward until nothing is
// added. Every value added stays in its variable's range, so the sets are bounded by the ranges
// and the loop ends; it is abandoned once the sets alone hold more than `max_cells` values.
void close_candidates(const GsmGrid& g, double max_cells, GsmCandidates& c) {
  const std::size_t n = g.processing_ticks.size();
  std::vector<int> shifted, merged;
  double values = 0.0;
  for (std::size_t j = 0; j < n; ++j) values += static_cast<double>(c.outbound[j].size() + c.inbound[j].size());
  const double value_limit = max_cells + 2.0 * static_cast<double>(n);  // cells >= values - 2n
  // The stage's "times": S_j = SI_j + T_j (no stock), and on the lower grid S_j = SI_j + T_j - kink.
  auto times = [&](std::size_t j, int k) { return static_cast<long long>(g.processing_ticks[j]) - (k == 0 ? 0 : g.kink_ticks[j]); };
  bool changed = true;
  while (changed) {
    changed = false;
    for (int jj : g.topological_order) {
      const auto j = static_cast<std::size_t>(jj);
      std::size_t added = 0;
      for (int i : g.suppliers[j])
        added += merge_shifted(c.inbound[j], c.outbound[static_cast<std::size_t>(i)], 0, g.min_inbound_ticks[j],
                               g.max_inbound_ticks[j], shifted, merged);
      for (int k = 0; k < (g.kink_ticks[j] > 0 ? 2 : 1); ++k)
        added += merge_shifted(c.outbound[j], c.inbound[j], times(j, k), 0, g.max_outbound_ticks[j], shifted, merged);
      values += static_cast<double>(added);
      changed = changed || added > 0;
      if (values > value_limit) {
        c.complete = false;
        return;
      }
    }
    for (auto it = g.topological_order.rbegin(); it != g.topological_order.rend(); ++it) {
      const auto j = static_cast<std::size_t>(*it);
      std::size_t added = 0;
      for (int k = 0; k < (g.kink_ticks[j] > 0 ? 2 : 1); ++k)
        added += merge_shifted(c.inbound[j], c.outbound[j], -times(j, k), g.min_inbound_ticks[j], g.max_inbound_ticks[j],
                               shifted, merged);
      for (int i : g.suppliers[j]) {
        const auto ii = static_cast<std::size_t>(i);
        added += merge_shifted(c.outbound[ii], c.inbound[j], 0, 0, g.max_outbound_ticks[ii], shifted, merged);
      }
      values += static_cast<double>(added);
      changed = changed || added > 0;
      if (values > value_limit) {
        c.complete = false;
        return;
      }
    }
  }
}

}  // namespace

GsmCandidates gsm_candidate_ticks(const GsmGrid& grid, double max_cells) {
  const std::size_t n = grid.processing_ticks.size();
  GsmCandidates c;
  c.outbound.assign(n, {});
  c.inbound.assign(n, {});
  // The anchors: S_j >= 0, S_j <= its bound, SI_j >= the external inbound time.
  for (std::size_t j = 0; j < n; ++j) {
    c.outbound[j].push_back(0);
    if (grid.max_outbound_ticks[j] > 0) c.outbound[j].push_back(grid.max_outbound_ticks[j]);
    c.inbound[j].push_back(grid.min_inbound_ticks[j]);
  }
  close_candidates(grid, max_cells, c);
  if (!c.complete) return c;
  for (std::size_t j = 0; j < n; ++j)
    c.cells += static_cast<double>(c.outbound[j].size()) * static_cast<double>(c.inbound[j].size());
  c.complete = c.cells <= max_cells;
  return c;
}

Result<GsmDiscretization> discretize_gsm(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds,
                                         double requested_resolution, double max_dp_cells) {
  const double h = horizon_periods(network, topological(network.stages.size(), network.arcs));
  // Ticks stay far inside int: sums of two tick values along the DP never overflow.
  constexpr double kMaxTicks = 5e8;
  auto attempt = [&](double r, GsmDiscretization& out) {
    if (!(h / r <= kMaxTicks)) return false;
    out.resolution = r;
    out.upper = build_gsm_grid(network, bounds, r, true);
    auto upper_values = std::make_shared<GsmCandidates>(gsm_candidate_ticks(out.upper, max_dp_cells));
    if (!upper_values->complete) return false;
    out.upper_values = upper_values;
    if (out.upper.exact) {
      out.lower = GsmGrid{};
      out.lower_values = upper_values;
      return true;
    }
    out.lower = build_gsm_grid(network, bounds, r, false);
    auto lower_values = std::make_shared<GsmCandidates>(gsm_candidate_ticks(out.lower, max_dp_cells));
    if (!lower_values->complete) return false;
    out.lower_values = lower_values;
    return true;
  };
  auto too_large = [&](double r) {
    return Problem{"", "too large: the candidate service times of this network (" + std::to_string(network.stages.size()) +
                           " stages, a tick of " + format_number(r) + " periods) need more than " +
                           format_number(max_dp_cells) +
                           " cells per dynamic program (fewer stages in a chain, or times closer to each other)"};
  };
  GsmDiscretization d;
  if (requested_resolution > 0.0) {
    if (attempt(requested_resolution, d)) return d;
    return too_large(requested_resolution);
  }
  // The coarsest tick that holds every time exactly: the candidates are then the exact values.
  static const double exact_ladder[] = {1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.025, 0.02, 0.01, 0.005, 0.004,
                                        0.0025, 0.002, 0.001, 1e-4, 1e-5, 1e-6};
  for (double r : exact_ladder) {
    if (!(h / r <= kMaxTicks)) break;
    if (!grid_represents(network, r)) continue;
    if (attempt(r, d)) return d;
    break;  // exact but too many candidates: a finer exact tick has the same values
  }
  // Otherwise times are rounded: from a coarse tick to finer ones while the candidates stay
  // within the bound (they grow as the tick shrinks).
  std::vector<double> ladder;  // 1-2-5 steps, coarse to fine, from about an eighth of the horizon
  for (double decade = std::pow(10.0, std::ceil(std::log10(std::max(h, 1e-6)))); decade >= 1e-6; decade /= 10.0)
    for (double m : {1.0, 0.5, 0.2})
      if (h / (decade * m) >= 8.0 && h / (decade * m) <= kMaxTicks) ladder.push_back(decade * m);
  double last_r = ladder.empty() ? 1.0 : ladder.front();
  bool found = false;
  GsmDiscretization trial;
  for (double r : ladder) {
    if (!attempt(r, trial)) break;
    d = trial;
    found = true;
    last_r = r;
  }
  if (!found) return too_large(last_r);
  return d;
}

namespace {

// The inner loop of the tree DP: the least w[k] + cost_j(tau_k), tau_k = shift + sign * v[k]
// ticks, over k < count, and the first k reaching it (-1 when all are infinite). The sums are
// written out first so that the costs vectorise, then a second pass finds the first minimum, as
// a single scan would.
double stage_min_plus(const double* w, const int* v, int shift, int sign, int count, const GsmGrid& g, std::size_t j,
                      int& argmin) {
  argmin = -1;
  if (count <= 0) return kInf;
  static thread_local std::vector<double> sums;
  if (sums.size() < static_cast<std::size_t>(count)) sums.resize(static_cast<std::size_t>(count));
  double* out = sums.data();
  const double r = g.resolution, offset = g.offset_periods[j];
  const double c = g.cost_coefficient[j], d = g.lead_time_cost[j];
  if (d == 0.0) {  // the deterministic case, bit for bit as gsm_stage_cost
    for (int k = 0; k < count; ++k) {
      const double tau = static_cast<double>(shift + sign * v[k]) * r + offset;
      out[k] = w[k] + c * std::sqrt(std::max(0.0, tau));
    }
  } else {
    for (int k = 0; k < count; ++k) {
      const double tau = static_cast<double>(shift + sign * v[k]) * r + offset;
      out[k] = w[k] + std::sqrt(c * c * std::max(0.0, tau) + d * d);
    }
  }
  double m0 = kInf, m1 = kInf, m2 = kInf, m3 = kInf;
  int k = 0;
  for (; k + 4 <= count; k += 4) {
    m0 = std::min(m0, out[k]);
    m1 = std::min(m1, out[k + 1]);
    m2 = std::min(m2, out[k + 2]);
    m3 = std::min(m3, out[k + 3]);
  }
  for (; k < count; ++k) m0 = std::min(m0, out[k]);
  const double m = std::min(std::min(m0, m1), std::min(m2, m3));
  if (m == kInf) return kInf;
  for (k = 0; k < count; ++k)
    if (out[k] == m) break;
  argmin = k;
  return m;
}

}  // namespace

GsmTreeDp::GsmTreeDp(const GsmGrid& grid, const std::vector<GsmArc>& arcs, const std::vector<int>& tree_arcs,
                     std::shared_ptr<const GsmCandidates> values)
    : grid_(&grid) {
  const std::size_t n = grid.processing_ticks.size();
  std::vector<std::vector<std::pair<int, bool>>> adj(n);  // (neighbour, neighbour is downstream)
  for (int k : tree_arcs) {
    const auto& a = arcs[static_cast<std::size_t>(k)];
    adj[static_cast<std::size_t>(a.upstream)].push_back({a.downstream, true});
    adj[static_cast<std::size_t>(a.downstream)].push_back({a.upstream, false});
  }
  parent_.assign(n, -1);
  parent_is_downstream_.assign(n, false);
  children_.assign(n, {});
  std::vector<bool> seen(n, false);
  std::vector<int> bfs;
  bfs.reserve(n);
  for (std::size_t root = 0; root < n; ++root) {
    if (seen[root]) continue;
    seen[root] = true;
    const std::size_t start = bfs.size();
    bfs.push_back(static_cast<int>(root));
    for (std::size_t k = start; k < bfs.size(); ++k) {
      const auto j = static_cast<std::size_t>(bfs[k]);
      for (const auto& [nb, nb_down] : adj[j]) {
        const auto m = static_cast<std::size_t>(nb);
        if (seen[m]) continue;
        seen[m] = true;
        parent_[m] = static_cast<int>(j);
        parent_is_downstream_[m] = !nb_down;  // m -> j when j is downstream of m
        children_[j].push_back(nb);
        bfs.push_back(nb);
      }
    }
  }
  order_.assign(bfs.rbegin(), bfs.rend());
  values_ = std::move(values);
  f_.assign(n, {});
  arg_.assign(n, {});
  best_at_.assign(n, {});
}

GsmTickSolution GsmTreeDp::solve(const GsmTickBounds& bounds, const std::vector<double>& outbound_weight,
                                 const std::vector<double>& inbound_weight) {
  const GsmGrid& g = *grid_;
  const GsmCandidates& v = *values_;
  const std::size_t n = g.processing_ticks.size();
  GsmTickSolution sol;
  sol.outbound.assign(n, 0);
  sol.inbound.assign(n, 0);
  sol.value = kInf;
  double total = 0.0;
  double cells = 0.0;
  std::vector<int> root_s(n, -1);
  auto index_range = [](const std::vector<int>& values, int lo, int hi, int& first, int& last) {
    first = static_cast<int>(std::lower_bound(values.begin(), values.end(), lo) - values.begin());
    last = static_cast<int>(std::upper_bound(values.begin(), values.end(), hi) - values.begin()) - 1;
  };
  for (int jj : order_) {
    if (deadline_ && std::chrono::steady_clock::now() > *deadline_) {
      sol.interrupted = true;
      sol.cells = cells;
      return sol;
    }
    const auto j = static_cast<std::size_t>(jj);
    const std::vector<int>& xs = v.outbound[j];
    const std::vector<int>& ys = v.inbound[j];
    const int t = g.processing_ticks[j];
    int xlo = 0, xhi = -1, ylo = 0, yhi = -1;
    index_range(xs, std::max(0, bounds.outbound_lo[j]), std::min(g.max_outbound_ticks[j], bounds.outbound_hi[j]), xlo, xhi);
    index_range(ys, std::max(0, bounds.inbound_lo[j]), std::min(g.max_inbound_ticks[j], bounds.inbound_hi[j]), ylo, yhi);
    // Work: the pairs below, plus the stage's own pass over its values and its children's.
    cells += static_cast<double>(xs.size() + ys.size() + 2);
    // A(SI): inbound side; B(S): outbound side.
    a_buf_.assign(ys.size(), kInf);
    b_buf_.assign(xs.size(), kInf);
    for (int l = ylo; l <= yhi; ++l) a_buf_[static_cast<std::size_t>(l)] = inbound_weight[j] * ys[static_cast<std::size_t>(l)];
    for (int k = xlo; k <= xhi; ++k) b_buf_[static_cast<std::size_t>(k)] = outbound_weight[j] * xs[static_cast<std::size_t>(k)];
    for (int c : children_[j]) {
      const auto cc = static_cast<std::size_t>(c);
      const auto& fc = f_[cc];
      if (parent_is_downstream_[cc]) {  // c supplies j: the least f_c over S_c <= SI_j (prefix minima)
        const std::vector<int>& xc = v.outbound[cc];
        std::ptrdiff_t p = -1;
        for (int l = ylo; l <= yhi; ++l) {
          const int y = ys[static_cast<std::size_t>(l)];
          while (p + 1 < static_cast<std::ptrdiff_t>(xc.size()) && xc[static_cast<std::size_t>(p + 1)] <= y) ++p;
          a_buf_[static_cast<std::size_t>(l)] += p >= 0 ? fc[static_cast<std::size_t>(p)] : kInf;
        }
      } else {  // j supplies c: the least g_c over SI_c >= S_j (suffix minima)
        const std::vector<int>& yc = v.inbound[cc];
        std::size_t q = 0;
        for (int k = xlo; k <= xhi; ++k) {
          const int x = xs[static_cast<std::size_t>(k)];
          while (q < yc.size() && yc[q] < x) ++q;
          b_buf_[static_cast<std::size_t>(k)] += q < yc.size() ? fc[q] : kInf;
        }
      }
    }
    auto& f = f_[j];
    auto& arg = arg_[j];
    auto& best = best_at_[j];
    const bool by_inbound = parent_[j] >= 0 && !parent_is_downstream_[j];
    if (!by_inbound) {
      // f(S) = B(S) + min over SI >= S - T of A(SI) + cost(SI + T - S).
      f.assign(xs.size(), kInf);
      arg.assign(xs.size(), -1);
      int start = ylo;
      for (int k = xlo; k <= xhi; ++k) {
        const double bs = b_buf_[static_cast<std::size_t>(k)];
        const int x = xs[static_cast<std::size_t>(k)];
        while (start <= yhi && ys[static_cast<std::size_t>(start)] + t < x) ++start;
        if (bs == kInf) continue;
        int am = -1;
        const double m = stage_min_plus(a_buf_.data() + start, ys.data() + start, t - x, 1, yhi - start + 1, g, j, am);
        if (am >= 0) am += start;
        cells += static_cast<double>(std::max(0, yhi - start + 1));
        f[static_cast<std::size_t>(k)] = bs + m;
        arg[static_cast<std::size_t>(k)] = am;
      }
      if (parent_[j] < 0) {
        double m = kInf;
        int am = -1;
        for (std::size_t k = 0; k < f.size(); ++k)
          if (f[k] < m) {
            m = f[k];
            am = static_cast<int>(k);
          }
        total += m;
        root_s[j] = am;
        if (am < 0) {
          sol.cells = cells;
          return sol;  // infeasible
        }
      } else {
        best.assign(f.size(), -1);
        double m = kInf;
        int am = -1;
        for (std::size_t k = 0; k < f.size(); ++k) {
          if (f[k] < m) {
            m = f[k];
            am = static_cast<int>(k);
          }
          f[k] = m;
          best[k] = am;
        }
      }
    } else {
      // g(SI) = A(SI) + min over S <= SI + T of B(S) + cost(SI + T - S).
      f.assign(ys.size(), kInf);
      arg.assign(ys.size(), -1);
      int end = xlo - 1;
      for (int l = ylo; l <= yhi; ++l) {
        const double as = a_buf_[static_cast<std::size_t>(l)];
        const int y = ys[static_cast<std::size_t>(l)];
        while (end + 1 <= xhi && xs[static_cast<std::size_t>(end + 1)] <= y + t) ++end;
        if (as == kInf) continue;
        int am = -1;
        const double m = stage_min_plus(b_buf_.data() + xlo, xs.data() + xlo, y + t, -1, end - xlo + 1, g, j, am);
        if (am >= 0) am += xlo;
        cells += static_cast<double>(std::max(0, end - xlo + 1));
        f[static_cast<std::size_t>(l)] = as + m;
        arg[static_cast<std::size_t>(l)] = am;
      }
      best.assign(f.size(), -1);
      double m = kInf;
      int am = -1;
      for (std::size_t k = f.size(); k-- > 0;) {
        if (f[k] < m) {
          m = f[k];
          am = static_cast<int>(k);
        }
        f[k] = m;
        best[k] = am;
      }
    }
  }
  // Recover the decisions, parents before children.
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    const auto j = static_cast<std::size_t>(*it);
    if (parent_[j] < 0) {
      const auto k = static_cast<std::size_t>(root_s[j]);
      sol.outbound[j] = v.outbound[j][k];
      sol.inbound[j] = v.inbound[j][static_cast<std::size_t>(arg_[j][k])];
    }
    for (int c : children_[j]) {
      const auto cc = static_cast<std::size_t>(c);
      const std::vector<int>& xc = v.outbound[cc];
      const std::vector<int>& yc = v.inbound[cc];
      if (parent_is_downstream_[cc]) {
        const auto p = static_cast<std::size_t>(std::upper_bound(xc.begin(), xc.end(), sol.inbound[j]) - xc.begin()) - 1;
        const auto k = static_cast<std::size_t>(best_at_[cc][p]);
        sol.outbound[cc] = xc[k];
        sol.inbound[cc] = yc[static_cast<std::size_t>(arg_[cc][k])];
      } else {
        const auto q = static_cast<std::size_t>(std::lower_bound(yc.begin(), yc.end(), sol.outbound[j]) - yc.begin());
        const auto l = static_cast<std::size_t>(best_at_[cc][q]);
        sol.inbound[cc] = yc[l];
        sol.outbound[cc] = xc[static_cast<std::size_t>(arg_[cc][l])];
      }
    }
  }
  sol.value = total;
  sol.feasible = std::isfinite(total);
  sol.cells = cells;
  return sol;
}

double gsm_ticks_to_periods(int ticks, double resolution) {
  const double per_period = std::round(1.0 / resolution);
  if (per_period >= 1.0 && std::fabs(per_period * resolution - 1.0) < 1e-12) return ticks / per_period;
  return ticks * resolution;
}

double gsm_stage_cost(const GsmGrid& grid, std::size_t stage, double tau_periods) {
  const double c = grid.cost_coefficient[stage];
  const double d = grid.lead_time_cost[stage];
  if (d == 0.0) return c * std::sqrt(std::max(0.0, tau_periods));  // the deterministic case, bit for bit
  return std::sqrt(c * c * std::max(0.0, tau_periods) + d * d);
}

double gsm_tick_cost(const GsmGrid& grid, const std::vector<int>& outbound, const std::vector<int>& inbound) {
  double cost = 0.0;
  for (std::size_t j = 0; j < outbound.size(); ++j) {
    const double tau = static_cast<double>(inbound[j] + grid.processing_ticks[j] - outbound[j]) * grid.resolution +
                       grid.offset_periods[j];
    cost += gsm_stage_cost(grid, j, tau);
  }
  return cost;
}

GsmSolution make_gsm_solution(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds,
                              std::vector<double> outbound) {
  const std::size_t n = network.stages.size();
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : network.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  std::vector<double> inbound(n, 0.0);
  for (int jj : topological(n, network.arcs)) {
    const auto j = static_cast<std::size_t>(jj);
    const auto& s = network.stages[j];
    double in = s.external_inbound_service_time_periods;
    for (int i : preds[j]) in = std::max(in, outbound[static_cast<std::size_t>(i)]);
    inbound[j] = in;
    outbound[j] = std::clamp(outbound[j], 0.0, std::min(stage_max_outbound(s), in + s.processing_time_periods));
  }
  GsmSolution sol;
  sol.stages.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& s = network.stages[j];
    auto& r = sol.stages[j];
    r.outbound_service_time = outbound[j];
    r.inbound_service_time = inbound[j];
    // A tau that is zero in ticks can come out as 1e-16 in periods (0.3 + 0.7 - 1.0), and the
    // square root would magnify it to 1e-8: differences far below the times' own rounding are 0.
    double tau = inbound[j] + s.processing_time_periods - outbound[j];
    if (std::fabs(tau) <= 1e-12 * (std::fabs(inbound[j]) + s.processing_time_periods + std::fabs(outbound[j]))) tau = 0.0;
    r.net_replenishment_time = std::max(0.0, tau);
    r.demand_mean_per_period = bounds[j].mean_per_period;
    r.demand_bound_sd = bounds[j].bound_sd;
    // The single-location formula with the safety factors folded into the moments (header).
    const RandomTimeDemandVariance split =
        demand_over_random_time_variance(r.net_replenishment_time, s.processing_time_sd_periods * s.processing_time_sd_periods,
                                         bounds[j].bound_mean, bounds[j].bound_sd * bounds[j].bound_sd);
    r.lead_time_sd_periods = s.processing_time_sd_periods;
    r.safety_stock = split.from_lead_time == 0.0 ? bounds[j].bound_sd * std::sqrt(r.net_replenishment_time)
                                                 : std::sqrt(split.total());
    if (split.total() > 0.0) {
      r.safety_stock_from_demand = r.safety_stock * split.from_demand / split.total();
      r.safety_stock_from_lead_time = r.safety_stock * split.from_lead_time / split.total();
    }
    r.base_stock_level = r.demand_mean_per_period * r.net_replenishment_time + r.safety_stock;
    r.holding_cost = s.holding_cost_per_unit_period * r.safety_stock;
    r.safety_stock_value = s.unit_value * r.safety_stock;
    sol.total_cost += r.holding_cost;
    sol.total_safety_stock_value += r.safety_stock_value;
  }
  return sol;
}

Result<GsmSolution> evaluate_gsm(const GsmNetwork& network, const std::vector<double>& outbound_service_times) {
  auto bounds = gsm_demand_bounds(network);
  if (!bounds.ok()) return bounds.problems();
  const std::size_t n = network.stages.size();
  if (outbound_service_times.size() != n)
    return Problem{"outbound_service_times", "needs one time per stage (" + std::to_string(n) + "), got " +
                                                 std::to_string(outbound_service_times.size())};
  std::vector<double> inbound(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) inbound[j] = network.stages[j].external_inbound_service_time_periods;
  for (const auto& a : network.arcs)
    inbound[static_cast<std::size_t>(a.downstream)] =
        std::max(inbound[static_cast<std::size_t>(a.downstream)], outbound_service_times[static_cast<std::size_t>(a.upstream)]);
  Problems problems;
  constexpr double kTol = 1e-9;
  for (std::size_t j = 0; j < n; ++j) {
    const double s = outbound_service_times[j];
    auto path = [j] { return "outbound_service_times/" + std::to_string(j); };  // only for problems
    if (!std::isfinite(s) || s < 0.0) problems.push_back({path(), "must be a finite number of zero or more"});
    else if (s > stage_max_outbound(network.stages[j]) + kTol)
      problems.push_back({path(), "exceeds the stage's largest outbound service time " +
                                      format_number(stage_max_outbound(network.stages[j]))});
    else if (inbound[j] + network.stages[j].processing_time_periods - s < -kTol)
      problems.push_back({path(), "is longer than the stage's inbound service time plus processing time (" +
                                      format_number(inbound[j] + network.stages[j].processing_time_periods) + ")"});
  }
  if (!problems.empty()) return problems;
  GsmSolution sol = make_gsm_solution(network, *bounds, outbound_service_times);
  sol.method = "evaluation of given service times";
  return sol;
}

Result<std::vector<GsmDemandBound>> gsm_pooled_demand_bounds(const GsmNetwork& network) {
  GsmNetwork unit = network;
  for (GsmStage& st : unit.stages) {
    st.safety_factor = 1.0;
    if (st.served_demand) st.served_demand->safety_factor = 1.0;
  }
  return gsm_demand_bounds(unit);
}

void add_supplier_delay_buffers(const GsmNetwork& network, GsmSolution& solution) {
  if (solution.stages.size() != network.stages.size()) return;
  auto with_z = gsm_demand_bounds(network);
  auto pooled = gsm_pooled_demand_bounds(network);
  if (!with_z.ok() || !pooled.ok()) return;
  add_supplier_delay_buffers(network, *with_z, *pooled, solution);
}

void add_supplier_delay_buffers(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                                const std::vector<GsmDemandBound>& pooled, GsmSolution& solution) {
  const std::size_t n = network.stages.size();
  if (solution.stages.size() != n || with_z.size() != n || pooled.size() != n) return;
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : network.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  std::vector<double> late_mean(n, 0.0), late_variance(n, 0.0);
  for (int jj : topological(n, network.arcs)) {
    const auto j = static_cast<std::size_t>(jj);
    GsmStageResult& r = solution.stages[j];
    const double sigma = pooled[j].bound_sd, mu = pooled[j].bound_mean;
    const double s = r.lead_time_sd_periods;
    const double sd = std::sqrt(sigma * sigma * r.net_replenishment_time + mu * mu * s * s);
    double z = 0.0;
    if (sd > 0.0) z = r.safety_stock / sd;
    else if (sigma > 0.0) z = with_z[j].bound_sd / sigma;
    else if (mu > 0.0) z = with_z[j].bound_mean / mu;
    r.promise_safety_factor = z;
    double m_y = 0.0, v_y = 0.0;
    for (int ii : preds[j]) {
      const auto i = static_cast<std::size_t>(ii);
      const double mu_i = pooled[i].bound_mean;
      if (!(mu_i > 0.0)) continue;
      const double share = mu / mu_i;
      m_y += share * late_mean[i];
      v_y += share * share * late_variance[i];
    }
    const double sd_w = std::sqrt(sd * sd + v_y);
    if (m_y > 0.0 || v_y > 0.0) {
      const double wanted = m_y + z * sd_w;
      const double extra = std::max(0.0, wanted - r.safety_stock);
      const GsmStage& st = network.stages[j];
      r.safety_stock_for_supplier_delays = extra;
      r.safety_stock += extra;
      r.base_stock_level += extra;
      r.holding_cost += st.holding_cost_per_unit_period * extra;
      r.safety_stock_value += st.unit_value * extra;
      solution.total_cost += st.holding_cost_per_unit_period * extra;
      solution.total_safety_stock_value += st.unit_value * extra;
    }
    if (sd_w > 0.0) {
      const double m_x = sd_w * stats::standard_normal_loss(z);
      const double second = 2.0 * sd_w * sd_w * stats::standard_normal_loss2(z);
      late_mean[j] = m_x;
      late_variance[j] = std::max(0.0, second - m_x * m_x);
    }
  }
}

Result<GsmSolution> solve_gsm_tree(const GsmNetwork& network, const GsmTreeOptions& options) {
  auto bounds = gsm_demand_bounds(network);
  if (!bounds.ok()) return bounds.problems();
  const std::size_t n = network.stages.size();
  // Union-find: every arc must join two different components.
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[static_cast<std::size_t>(x)] != x) x = parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    return x;
  };
  std::vector<int> tree_arcs;
  for (std::size_t k = 0; k < network.arcs.size(); ++k) {
    const int a = find(network.arcs[k].upstream), b = find(network.arcs[k].downstream);
    if (a == b)
      return Problem{"arcs/" + std::to_string(k),
                     "closes an undirected cycle, so the network is not a tree; use the general solver"};
    parent[static_cast<std::size_t>(a)] = b;
    tree_arcs.push_back(static_cast<int>(k));
  }
  if (!(options.time_resolution_periods >= 0.0) || !std::isfinite(options.time_resolution_periods))
    return Problem{"time_resolution_periods", "must be zero (automatic) or a positive number of periods"};
  auto disc = discretize_gsm(network, *bounds, options.time_resolution_periods, options.max_dp_cells);
  if (!disc.ok()) return disc.problems();
  const GsmDiscretization& d = disc.value();
  const double r = d.resolution;
  const GsmGrid& upper = d.upper;
  const std::vector<double> zero(n, 0.0);
  GsmTreeDp dp_upper(upper, network.arcs, tree_arcs, d.upper_values);
  const GsmTickSolution best = dp_upper.solve(default_tick_bounds(upper), zero, zero);
  double lower_bound = best.value;
  if (!upper.exact) {
    GsmTreeDp dp_lower(d.lower, network.arcs, tree_arcs, d.lower_values);
    lower_bound = dp_lower.solve(default_tick_bounds(d.lower), zero, zero).value;
  }
  std::vector<double> s(n);
  for (std::size_t j = 0; j < n; ++j) s[j] = gsm_ticks_to_periods(best.outbound[j], r);
  GsmSolution sol = make_gsm_solution(network, *bounds, s);
  sol.lower_bound = std::min(lower_bound, sol.total_cost);
  sol.gap = sol.total_cost > 0.0 ? (sol.total_cost - sol.lower_bound) / sol.total_cost : 0.0;
  sol.proven_optimal = upper.exact;
  sol.time_resolution_periods = r;
  sol.method = upper.exact ? "exact dynamic program on a tree (Graves & Willems 2000)"
                           : "dynamic program on a tree, times rounded to the grid (gap proven by a rounded-up bound)";
  sol.nodes = 1;
  sol.work_cells = best.cells;
  return sol;
}

}  // namespace echelon
