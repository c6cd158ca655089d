#include "gsm_general.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <random>

namespace echelon {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct UnionFind {
  std::vector<int> up;
  explicit UnionFind(std::size_t n) : up(n) { std::iota(up.begin(), up.end(), 0); }
  int find(int x) {
    while (up[static_cast<std::size_t>(x)] != x) {
      up[static_cast<std::size_t>(x)] = up[static_cast<std::size_t>(up[static_cast<std::size_t>(x)])];
      x = up[static_cast<std::size_t>(x)];
    }
    return x;
  }
  bool join(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    up[static_cast<std::size_t>(a)] = b;
    return true;
  }
};

// Arcs of a spanning forest chosen greedily by decreasing weight.
std::vector<int> spanning_forest(std::size_t n, const std::vector<GsmArc>& arcs, const std::vector<double>& weight) {
  std::vector<int> idx(arcs.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) {
    return weight[static_cast<std::size_t>(a)] > weight[static_cast<std::size_t>(b)];
  });
  UnionFind uf(n);
  std::vector<int> tree;
  for (int k : idx)
    if (uf.join(arcs[static_cast<std::size_t>(k)].upstream, arcs[static_cast<std::size_t>(k)].downstream)) tree.push_back(k);
  std::sort(tree.begin(), tree.end());
  return tree;
}

std::vector<int> complement(std::size_t m, const std::vector<int>& tree) {
  std::vector<bool> in(m, false);
  for (int k : tree) in[static_cast<std::size_t>(k)] = true;
  std::vector<int> rest;
  for (std::size_t k = 0; k < m; ++k)
    if (!in[k]) rest.push_back(static_cast<int>(k));
  return rest;
}

// Feasible tick values from any outbound ticks (see make_gsm_solution); returns the cost.
double repair(const GsmGrid& g, std::vector<int>& outbound, std::vector<int>& inbound) {
  inbound.assign(outbound.size(), 0);
  for (int jj : g.topological_order) {
    const auto j = static_cast<std::size_t>(jj);
    int in = g.min_inbound_ticks[j];
    for (int i : g.suppliers[j]) in = std::max(in, outbound[static_cast<std::size_t>(i)]);
    inbound[j] = in;
    outbound[j] = std::clamp(outbound[j], 0, std::min(g.max_outbound_ticks[j], in + g.processing_ticks[j]));
  }
  return gsm_tick_cost(g, outbound, inbound);
}

struct Decision {
  int parent = -1;  // index of the parent node's decision, -1 at the root
  int stage = 0;    // S_stage <= value (kind 0) or S_stage >= value and SI_other >= value (kind 1)
  int other = 0;
  int value = 0;
  int kind = 0;
};

struct OpenNode {
  double bound;
  int decision;  // -1: root
  bool operator<(const OpenNode& o) const { return bound > o.bound; }  // min-heap
};

}  // namespace

Result<GsmSolution> solve_gsm(const GsmNetwork& network, const GsmGeneralOptions& options) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };
  if (!(options.time_resolution_periods >= 0.0) || !std::isfinite(options.time_resolution_periods))
    return Problem{"time_resolution_periods", "must be zero (automatic) or a positive number of periods"};
  auto bounds_r = gsm_demand_bounds(network);
  if (!bounds_r.ok()) return bounds_r.problems();
  const auto& bounds = *bounds_r;
  const std::size_t n = network.stages.size();
  const std::size_t m = network.arcs.size();
  const int tick_cap = static_cast<int>(std::min<double>(
      options.max_horizon_ticks, std::sqrt(std::max(1.0, options.dp_work_budget) / static_cast<double>(std::max<std::size_t>(n, 1)))));
  const double r = options.time_resolution_periods > 0.0 ? options.time_resolution_periods
                                                         : choose_gsm_resolution(network, std::max(16, tick_cap));
  const GsmGrid upper = build_gsm_grid(network, bounds, r, true);
  const GsmGrid lower_storage = upper.exact ? GsmGrid{} : build_gsm_grid(network, bounds, r, false);
  const GsmGrid& lower = upper.exact ? upper : lower_storage;
  const bool limit_time = options.time_limit_seconds > 0.0;
  auto out_of_time = [&] { return limit_time && elapsed() > options.time_limit_seconds; };
  long long dp_calls = 0;

  std::vector<double> arc_weight(m);
  for (std::size_t k = 0; k < m; ++k)
    arc_weight[k] = upper.cost_coefficient[static_cast<std::size_t>(network.arcs[k].upstream)] +
                    upper.cost_coefficient[static_cast<std::size_t>(network.arcs[k].downstream)];
  const std::vector<int> tree = spanning_forest(n, network.arcs, arc_weight);
  const std::vector<int> cut = complement(m, tree);
  GsmTreeDp dp_lower(lower, network.arcs, tree);
  const GsmTickBounds root_bounds = default_tick_bounds(lower);

  // Incumbent: every stage quotes 0 (always feasible), then improved.
  std::vector<int> best_s(n, 0), best_si;
  double best_cost = repair(upper, best_s, best_si);
  // A relaxed solution breaks arcs i -> j with S_i > SI_j. Two repairs: raise SI_j (forward
  // pass), or first lower S_i to the least relaxed SI_j of its customers.
  auto offer_both = [&](const GsmTickSolution& relaxed, auto&& offer_one) {
    offer_one(relaxed.outbound);
    std::vector<int> pulled = relaxed.outbound;
    for (std::size_t i = 0; i < n; ++i)
      for (int j : upper.customers[i]) pulled[i] = std::min(pulled[i], relaxed.inbound[static_cast<std::size_t>(j)]);
    offer_one(std::move(pulled));
  };
  auto offer = [&](std::vector<int> s) {
    std::vector<int> si;
    const double c = repair(upper, s, si);
    if (c < best_cost - 1e-12 * std::max(1.0, best_cost)) {
      best_cost = c;
      best_s = std::move(s);
      best_si = std::move(si);
    }
  };

  // 1. Lagrangian relaxation of the arcs left out of the tree.
  std::vector<double> lambda(cut.size(), 0.0), best_lambda = lambda;
  std::vector<double> alpha(n, 0.0), beta(n, 0.0);
  auto set_weights = [&](const std::vector<double>& lam) {
    std::fill(alpha.begin(), alpha.end(), 0.0);
    std::fill(beta.begin(), beta.end(), 0.0);
    for (std::size_t e = 0; e < cut.size(); ++e) {
      const auto& a = network.arcs[static_cast<std::size_t>(cut[e])];
      alpha[static_cast<std::size_t>(a.upstream)] += lam[e];
      beta[static_cast<std::size_t>(a.downstream)] -= lam[e];
    }
  };
  double lower_bound = 0.0;
  bool closed = false;
  {
    double step_scale = 1.0;
    int stall = 0;
    std::vector<double> g(cut.size());
    for (int it = 0; it < std::max(1, options.lagrangian_iterations); ++it) {
      set_weights(lambda);
      const GsmTickSolution sol = dp_lower.solve(root_bounds, alpha, beta);
      ++dp_calls;
      if (!sol.feasible) break;
      if (sol.value > lower_bound + 1e-12 * std::max(1.0, std::fabs(lower_bound))) {
        lower_bound = sol.value;
        best_lambda = lambda;
        stall = 0;
      } else if (++stall >= 8) {
        step_scale *= 0.5;
        stall = 0;
      }
      offer_both(sol, offer);
      double norm = 0.0, slack = 0.0;
      for (std::size_t e = 0; e < cut.size(); ++e) {
        const auto& a = network.arcs[static_cast<std::size_t>(cut[e])];
        g[e] = static_cast<double>(sol.outbound[static_cast<std::size_t>(a.upstream)] -
                                   sol.inbound[static_cast<std::size_t>(a.downstream)]);
        if (lambda[e] <= 0.0 && g[e] < 0.0) g[e] = 0.0;
        norm += g[e] * g[e];
        slack += lambda[e] * g[e];
      }
      if (norm == 0.0) {  // the relaxed solution is feasible and complementary: optimal
        if (std::fabs(slack) < 1e-12 && upper.exact) closed = true;
        break;
      }
      const double gap = best_cost - sol.value;
      if (gap <= 1e-9 * std::max(1.0, best_cost) || step_scale < 1e-6 || out_of_time()) break;
      const double step = step_scale * gap / norm;
      for (std::size_t e = 0; e < cut.size(); ++e) lambda[e] = std::max(0.0, lambda[e] + step * g[e]);
    }
  }
  if (cut.empty()) closed = upper.exact;

  // 2. Large neighbourhood search over random spanning trees.
  std::mt19937 rng(options.seed);
  if (!closed && !cut.empty()) {
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    const std::vector<double> zero(n, 0.0);
    int without_gain = 0;
    while (without_gain < options.local_search_rounds && !out_of_time()) {
      std::vector<double> w(m);
      for (std::size_t k = 0; k < m; ++k) w[k] = (without_gain % 2 == 0 ? arc_weight[k] : 1.0) * (0.2 + noise(rng));
      const std::vector<int> t = spanning_forest(n, network.arcs, w);
      GsmTreeDp dp(upper, network.arcs, t);
      GsmTickBounds b = default_tick_bounds(upper);
      for (int k : complement(m, t)) {
        const auto& a = network.arcs[static_cast<std::size_t>(k)];
        const auto i = static_cast<std::size_t>(a.upstream), j = static_cast<std::size_t>(a.downstream);
        const int lo = best_s[i], hi = best_si[j];
        const int theta = lo + static_cast<int>(noise(rng) * (hi - lo + 1) * 0.999999);
        b.outbound_hi[i] = std::min(b.outbound_hi[i], theta);
        b.inbound_lo[j] = std::max(b.inbound_lo[j], theta);
      }
      const GsmTickSolution sol = dp.solve(b, zero, zero);
      ++dp_calls;
      const double before = best_cost;
      if (sol.feasible) offer(sol.outbound);
      without_gain = best_cost < before - 1e-9 * std::max(1.0, before) ? 0 : without_gain + 1;
    }
  }

  // 3. Branch and bound with the best multipliers.
  long long nodes = 0;
  double open_bound = lower_bound;
  if (!closed && !cut.empty()) {
    std::vector<Decision> decisions;
    std::priority_queue<OpenNode> open;
    open.push({lower_bound, -1});
    double settled_bound = kInf;  // least bound of nodes closed without a matching solution
    const std::vector<double> zero(n, 0.0);
    GsmTickBounds b;
    while (!open.empty()) {
      if (nodes >= options.max_nodes || out_of_time()) break;
      const OpenNode node = open.top();
      if (node.bound >= best_cost * (1.0 - 1e-9)) {
        open = {};
        break;
      }
      open.pop();
      ++nodes;
      b = root_bounds;
      for (int d = node.decision; d >= 0; d = decisions[static_cast<std::size_t>(d)].parent) {
        const Decision& dec = decisions[static_cast<std::size_t>(d)];
        const auto s = static_cast<std::size_t>(dec.stage);
        if (dec.kind == 0) {
          b.outbound_hi[s] = std::min(b.outbound_hi[s], dec.value);
        } else {
          b.outbound_lo[s] = std::max(b.outbound_lo[s], dec.value);
          const auto o = static_cast<std::size_t>(dec.other);
          b.inbound_lo[o] = std::max(b.inbound_lo[o], dec.value);
        }
      }
      set_weights(best_lambda);
      GsmTickSolution sol = dp_lower.solve(b, alpha, beta);
      ++dp_calls;
      if (!sol.feasible) continue;
      const double bound = std::max(node.bound, sol.value);
      if (bound >= best_cost * (1.0 - 1e-9)) continue;
      offer_both(sol, offer);
      auto worst_violation = [&](const GsmTickSolution& s) {
        int arc = -1, worst = 0;
        for (int k : cut) {
          const auto& a = network.arcs[static_cast<std::size_t>(k)];
          const int v = s.outbound[static_cast<std::size_t>(a.upstream)] - s.inbound[static_cast<std::size_t>(a.downstream)];
          if (v > worst) {
            worst = v;
            arc = k;
          }
        }
        return arc;
      };
      int arc = worst_violation(sol);
      if (arc < 0) {
        set_weights(std::vector<double>(cut.size(), 0.0));
        sol = dp_lower.solve(b, alpha, beta);
        ++dp_calls;
        if (!sol.feasible) continue;
        arc = worst_violation(sol);
        if (arc < 0) {  // the node's relaxation is feasible: the node is solved
          offer(sol.outbound);
          if (!upper.exact) settled_bound = std::min(settled_bound, sol.value);
          continue;
        }
      }
      const auto& a = network.arcs[static_cast<std::size_t>(arc)];
      const int si = sol.outbound[static_cast<std::size_t>(a.upstream)];
      const int sj = sol.inbound[static_cast<std::size_t>(a.downstream)];
      const int theta = sj + (si - sj - 1) / 2;  // si > theta >= sj
      decisions.push_back({node.decision, a.upstream, a.downstream, theta, 0});
      open.push({bound, static_cast<int>(decisions.size()) - 1});
      decisions.push_back({node.decision, a.upstream, a.downstream, theta + 1, 1});
      open.push({bound, static_cast<int>(decisions.size()) - 1});
    }
    open_bound = std::min(open.empty() ? best_cost : open.top().bound, settled_bound);
    closed = open.empty() && upper.exact;
  }
  lower_bound = std::max(lower_bound, open_bound);

  std::vector<double> s(n);
  for (std::size_t j = 0; j < n; ++j) s[j] = best_s[j] * r;
  GsmSolution sol = make_gsm_solution(network, bounds, s);
  if (closed) lower_bound = sol.total_cost;
  sol.lower_bound = std::min(lower_bound, sol.total_cost);
  sol.gap = sol.total_cost > 0.0 ? (sol.total_cost - sol.lower_bound) / sol.total_cost : 0.0;
  sol.proven_optimal = sol.gap <= 1e-9;
  sol.time_resolution_periods = r;
  sol.nodes = dp_calls;
  sol.method = cut.empty() ? "exact dynamic program on a tree (Graves & Willems 2000)"
                           : "spanning-tree Lagrangian bound, tree neighbourhood search and branch and bound";
  return sol;
}

}  // namespace echelon
