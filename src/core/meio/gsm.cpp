// The guaranteed-service model on trees (the header has the maths and references).
//
// Contents
//   validate, gsm_demand_bounds       the instance's checks; each stage's demand bound k sigma
//   choose_gsm_resolution, grids      service times on a grid of ticks; the stage cost tables
//   gsm_stage_cost, gsm_tick_cost     cost of one stage / a whole placement on the grid
//   evaluate_gsm                      cost and buffers of given outbound service times
//   add_supplier_delay_buffers        stock for delays passed on by suppliers (header: why)
//   solve_gsm_tree                    the exact dynamic program on a spanning tree
#include "core/meio/gsm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <utility>

#include "core/policy/safety_stock.h"
#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Smallest x[i] + y[i] over i in [lo, hi] and the first index reaching it (-1 when every sum is
// infinite). The inner loop of the tree DP: the minimum is found with four independent running
// minima, which pipeline (min is exact, so their order does not change the value), then a
// second pass finds the first index with that sum, as a single scan would.
// y is read at i + y_offset.
inline double min_plus(const double* x, const double* y, std::ptrdiff_t y_offset, int lo, int hi, int& argmin) {
  argmin = -1;
  if (lo > hi) return kInf;
  const double* yy = y + (y_offset + lo);  // yy[k] = y[lo + k + y_offset]
  const double* xx = x + lo;
  const int count = hi - lo + 1;
  double m0 = kInf, m1 = kInf, m2 = kInf, m3 = kInf;
  int k = 0;
  for (; k + 4 <= count; k += 4) {
    m0 = std::min(m0, xx[k] + yy[k]);
    m1 = std::min(m1, xx[k + 1] + yy[k + 1]);
    m2 = std::min(m2, xx[k + 2] + yy[k + 2]);
    m3 = std::min(m3, xx[k + 3] + yy[k + 3]);
  }
  for (; k < count; ++k) m0 = std::min(m0, xx[k] + yy[k]);
  const double m = std::min(std::min(m0, m1), std::min(m2, m3));
  if (m == kInf) return kInf;
  for (k = 0; k < count; ++k)
    if (xx[k] + yy[k] == m) break;
  argmin = lo + k;
  return m;
}

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
  std::set<std::pair<int, int>> seen;
  bool arcs_ok = true;
  for (std::size_t k = 0; k < network.arcs.size(); ++k) {
    const auto& a = network.arcs[k];
    const std::string path = "arcs/" + std::to_string(k);
    const bool in_range = a.upstream >= 0 && a.downstream >= 0 && static_cast<std::size_t>(a.upstream) < n &&
                          static_cast<std::size_t>(a.downstream) < n;
    if (!in_range) {
      out.push_back({path, "names a stage that does not exist (stages are numbered 0 to " +
                               std::to_string(n == 0 ? 0 : n - 1) + ")"});
      arcs_ok = false;
      continue;
    }
    if (a.upstream == a.downstream) {
      out.push_back({path, "joins a stage to itself"});
      arcs_ok = false;
    }
    if (!seen.insert({a.upstream, a.downstream}).second) {
      out.push_back({path, "repeats an arc already given; put the total units on one arc"});
      arcs_ok = false;
    }
    if (!std::isfinite(a.units_per_downstream_unit) || a.units_per_downstream_unit <= 0.0)
      out.push_back({path + "/units_per_downstream_unit",
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

double choose_gsm_resolution(const GsmNetwork& network, int max_horizon_ticks) {
  const std::vector<int> order = topological(network.stages.size(), network.arcs);
  const double h = horizon_periods(network, order);
  static const double ladder[] = {1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.02, 0.01};
  auto represents = [&](double r) {
    for (const auto& s : network.stages) {
      if (!on_grid(s.processing_time_periods, r) || !on_grid(s.external_inbound_service_time_periods, r)) return false;
      if (!on_grid(stage_max_outbound(s), r)) return false;
    }
    return true;
  };
  const double cap = static_cast<double>(std::max(1, max_horizon_ticks));
  for (double r : ladder)
    if (h / r <= cap && represents(r)) return r;
  for (auto it = std::rbegin(ladder); it != std::rend(ladder); ++it)
    if (h / *it <= cap) return *it;
  return std::ceil(h / cap);
}

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
    }
    g.cost_coefficient[j] = s.holding_cost_per_unit_period * bounds[j].bound_sd;
    g.lead_time_cost[j] = s.holding_cost_per_unit_period * bounds[j].bound_mean * s.processing_time_sd_periods;
    g.min_inbound_ticks[j] = upper || g.exact ? ceil_ticks(s.external_inbound_service_time_periods, r)
                                              : floor_ticks(s.external_inbound_service_time_periods, r);
  }
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

GsmTickBounds default_tick_bounds(const GsmGrid& grid) {
  const std::size_t n = grid.processing_ticks.size();
  GsmTickBounds b;
  b.outbound_lo.assign(n, 0);
  b.outbound_hi = grid.max_outbound_ticks;
  b.inbound_lo = grid.min_inbound_ticks;
  b.inbound_hi = grid.max_inbound_ticks;
  return b;
}

std::shared_ptr<const GsmCostTables> make_gsm_cost_tables(const GsmGrid& grid) {
  auto tables = std::make_shared<GsmCostTables>();
  const std::size_t n = grid.processing_ticks.size();
  tables->start.resize(n + 1);
  std::size_t total = 0;
  for (std::size_t j = 0; j < n; ++j) {
    tables->start[j] = total;
    total += static_cast<std::size_t>(grid.max_inbound_ticks[j] + grid.processing_ticks[j] + 1);
  }
  tables->start[n] = total;
  tables->forward.resize(total);
  tables->reversed.resize(total);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t first = tables->start[j];
    const std::size_t len = tables->start[j + 1] - first;
    for (std::size_t t = 0; t < len; ++t) {
      const double periods = static_cast<double>(t) * grid.resolution + grid.offset_periods[j];
      const double cost = gsm_stage_cost(grid, j, periods);
      tables->forward[first + t] = cost;
      tables->reversed[first + len - 1 - t] = cost;
    }
  }
  return tables;
}

GsmTreeDp::GsmTreeDp(const GsmGrid& grid, const std::vector<GsmArc>& arcs, const std::vector<int>& tree_arcs)
    : GsmTreeDp(grid, arcs, tree_arcs, make_gsm_cost_tables(grid)) {}

GsmTreeDp::GsmTreeDp(const GsmGrid& grid, const std::vector<GsmArc>& arcs, const std::vector<int>& tree_arcs,
                     std::shared_ptr<const GsmCostTables> tables)
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
  tables_ = std::move(tables);
  f_.assign(n, {});
  arg_.assign(n, {});
  best_at_.assign(n, {});
}

GsmTickSolution GsmTreeDp::solve(const GsmTickBounds& bounds, const std::vector<double>& outbound_weight,
                                 const std::vector<double>& inbound_weight) {
  const GsmGrid& g = *grid_;
  const std::size_t n = g.processing_ticks.size();
  std::vector<double> a_buf, b_buf;
  GsmTickSolution sol;
  sol.outbound.assign(n, 0);
  sol.inbound.assign(n, 0);
  double total = 0.0;
  std::vector<int> root_s(n, -1);
  for (int jj : order_) {
    const auto j = static_cast<std::size_t>(jj);
    const int t = g.processing_ticks[j];
    const int smax = g.max_outbound_ticks[j];
    const int simax = g.max_inbound_ticks[j];
    const int slo = std::max(0, bounds.outbound_lo[j]);
    const int shi = std::min(smax, bounds.outbound_hi[j]);
    const int silo = std::max(0, bounds.inbound_lo[j]);
    const int sihi = std::min(simax, bounds.inbound_hi[j]);
    const double* tab = tables_->forward.data() + tables_->start[j];
    const double* reversed = tables_->reversed.data() + tables_->start[j];
    const std::ptrdiff_t last = static_cast<std::ptrdiff_t>(tables_->start[j + 1] - tables_->start[j]) - 1;
    // A(SI): inbound side; B(S): outbound side.
    a_buf.assign(static_cast<std::size_t>(simax) + 1, kInf);
    b_buf.assign(static_cast<std::size_t>(smax) + 1, kInf);
    for (int si = silo; si <= sihi; ++si) a_buf[static_cast<std::size_t>(si)] = inbound_weight[j] * si;
    for (int s = slo; s <= shi; ++s) b_buf[static_cast<std::size_t>(s)] = outbound_weight[j] * s;
    for (int c : children_[j]) {
      const auto cc = static_cast<std::size_t>(c);
      const auto& fc = f_[cc];
      if (parent_is_downstream_[cc]) {  // c supplies j: min over S_c <= SI_j
        const int cmax = static_cast<int>(fc.size()) - 1;
        for (int si = silo; si <= sihi; ++si) a_buf[static_cast<std::size_t>(si)] += fc[static_cast<std::size_t>(std::min(si, cmax))];
      } else {  // j supplies c: min over SI_c >= S_j
        const int cmax = static_cast<int>(fc.size()) - 1;
        for (int s = slo; s <= shi; ++s)
          b_buf[static_cast<std::size_t>(s)] += s <= cmax ? fc[static_cast<std::size_t>(s)] : kInf;
      }
    }
    auto& f = f_[j];
    auto& arg = arg_[j];
    auto& best = best_at_[j];
    const bool by_inbound = parent_[j] >= 0 && !parent_is_downstream_[j];
    if (!by_inbound) {
      // f(S) = B(S) + min over SI in [max(silo, S - T), sihi] of A(SI) + c sqrt(SI + T - S).
      f.assign(static_cast<std::size_t>(smax) + 1, kInf);
      arg.assign(static_cast<std::size_t>(smax) + 1, -1);
      for (int s = slo; s <= shi; ++s) {
        const double bs = b_buf[static_cast<std::size_t>(s)];
        if (bs == kInf) continue;
        int am = -1;
        // tab[si + t - s]: both operands run forward with si.
        const double m = min_plus(a_buf.data(), tab, t - s, std::max(silo, s - t), sihi, am);
        f[static_cast<std::size_t>(s)] = bs + m;
        arg[static_cast<std::size_t>(s)] = am;
      }
      if (parent_[j] < 0) {
        double m = kInf;
        int am = -1;
        for (int s = 0; s <= smax; ++s)
          if (f[static_cast<std::size_t>(s)] < m) {
            m = f[static_cast<std::size_t>(s)];
            am = s;
          }
        total += m;
        root_s[j] = am;
        if (am < 0) return sol;  // infeasible
      } else {
        best.assign(f.size(), -1);
        double m = kInf;
        int am = -1;
        for (std::size_t s = 0; s < f.size(); ++s) {
          if (f[s] < m) {
            m = f[s];
            am = static_cast<int>(s);
          }
          f[s] = m;
          best[s] = am;
        }
      }
    } else {
      // g(SI) = A(SI) + min over S in [slo, min(shi, SI + T)] of B(S) + c sqrt(SI + T - S).
      f.assign(static_cast<std::size_t>(simax) + 1, kInf);
      arg.assign(static_cast<std::size_t>(simax) + 1, -1);
      for (int si = silo; si <= sihi; ++si) {
        const double as = a_buf[static_cast<std::size_t>(si)];
        if (as == kInf) continue;
        int am = -1;
        // tab[si + t - s] = reversed[last - si - t + s]: both operands run forward with s.
        const double m = min_plus(b_buf.data(), reversed, last - si - t, slo, std::min(shi, si + t), am);
        f[static_cast<std::size_t>(si)] = as + m;
        arg[static_cast<std::size_t>(si)] = am;
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
      sol.outbound[j] = root_s[j];
      sol.inbound[j] = arg_[j][static_cast<std::size_t>(root_s[j])];
    }
    for (int c : children_[j]) {
      const auto cc = static_cast<std::size_t>(c);
      if (parent_is_downstream_[cc]) {
        const int cmax = static_cast<int>(best_at_[cc].size()) - 1;
        const int s = best_at_[cc][static_cast<std::size_t>(std::min(sol.inbound[j], cmax))];
        sol.outbound[cc] = s;
        sol.inbound[cc] = arg_[cc][static_cast<std::size_t>(s)];
      } else {
        const int si = best_at_[cc][static_cast<std::size_t>(sol.outbound[j])];
        sol.inbound[cc] = si;
        sol.outbound[cc] = arg_[cc][static_cast<std::size_t>(si)];
      }
    }
  }
  sol.value = total;
  sol.feasible = std::isfinite(total);
  return sol;
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
    r.net_replenishment_time = std::max(0.0, inbound[j] + s.processing_time_periods - outbound[j]);
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

void add_supplier_delay_buffers(const GsmNetwork& network, GsmSolution& solution) {
  const std::size_t n = network.stages.size();
  if (solution.stages.size() != n) return;
  GsmNetwork unit = network;
  for (GsmStage& st : unit.stages) {
    st.safety_factor = 1.0;
    if (st.served_demand) st.served_demand->safety_factor = 1.0;
  }
  auto with_z = gsm_demand_bounds(network);
  auto pooled = gsm_demand_bounds(unit);
  if (!with_z.ok() || !pooled.ok()) return;
  std::vector<std::vector<int>> preds(n);
  for (const auto& a : network.arcs) preds[static_cast<std::size_t>(a.downstream)].push_back(a.upstream);
  std::vector<double> late_mean(n, 0.0), late_variance(n, 0.0);
  for (int jj : topological(n, network.arcs)) {
    const auto j = static_cast<std::size_t>(jj);
    GsmStageResult& r = solution.stages[j];
    const double sigma = (*pooled)[j].bound_sd, mu = (*pooled)[j].bound_mean;
    const double s = r.lead_time_sd_periods;
    const double sd = std::sqrt(sigma * sigma * r.net_replenishment_time + mu * mu * s * s);
    double z = 0.0;
    if (sd > 0.0) z = r.safety_stock / sd;
    else if (sigma > 0.0) z = (*with_z)[j].bound_sd / sigma;
    else if (mu > 0.0) z = (*with_z)[j].bound_mean / mu;
    r.promise_safety_factor = z;
    double m_y = 0.0, v_y = 0.0;
    for (int ii : preds[j]) {
      const auto i = static_cast<std::size_t>(ii);
      const double mu_i = (*pooled)[i].bound_mean;
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
  const double r = options.time_resolution_periods > 0.0 ? options.time_resolution_periods
                                                         : choose_gsm_resolution(network, options.max_horizon_ticks);
  const GsmGrid upper = build_gsm_grid(network, *bounds, r, true);
  const std::vector<double> zero(n, 0.0);
  GsmTreeDp dp_upper(upper, network.arcs, tree_arcs);
  const GsmTickSolution best = dp_upper.solve(default_tick_bounds(upper), zero, zero);
  double lower_bound = best.value;
  if (!upper.exact) {
    const GsmGrid lower = build_gsm_grid(network, *bounds, r, false);
    GsmTreeDp dp_lower(lower, network.arcs, tree_arcs);
    lower_bound = dp_lower.solve(default_tick_bounds(lower), zero, zero).value;
  }
  std::vector<double> s(n);
  for (std::size_t j = 0; j < n; ++j) s[j] = best.outbound[j] * r;
  GsmSolution sol = make_gsm_solution(network, *bounds, s);
  sol.lower_bound = std::min(lower_bound, sol.total_cost);
  sol.gap = sol.total_cost > 0.0 ? (sol.total_cost - sol.lower_bound) / sol.total_cost : 0.0;
  sol.proven_optimal = upper.exact;
  sol.time_resolution_periods = r;
  sol.method = upper.exact ? "exact dynamic program on a tree (Graves & Willems 2000)"
                           : "dynamic program on a tree, times rounded to the grid (gap proven by a rounded-up bound)";
  sol.nodes = 1;
  return sol;
}

}  // namespace echelon
