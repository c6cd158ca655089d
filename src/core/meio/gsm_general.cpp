// The guaranteed-service model on general networks: branch and bound over spanning-tree
// relaxations (the header has the method and references).
//
// Contents
//   UnionFind, spanning_forest, complement   the relaxation's spanning tree and cut arcs
//   repair                                   a placement made feasible on the full network
//   GsmSearch::State                         open nodes, incumbent, bounds; one step of the search
//   GsmSearch                                start, step (budgeted), phase, solution
//   solve_gsm                                start and run to the end
#include "core/meio/gsm_general.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <memory>
#include <random>
#include <string_view>

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
  int multipliers = -1;  // slot of the parent's final multipliers; -1: the root's best
  // A min-heap on the bound, ties broken by the decision (a strict total order, so every
  // library's heap pops the nodes in the same order).
  bool operator<(const OpenNode& o) const { return bound != o.bound ? bound > o.bound : decision < o.decision; }
};

}  // namespace

// Everything the search carries between slices. Heap-allocated and never moved, because the
// tree DPs keep pointers to the grids.
struct GsmSearch::State {
  enum class Phase { lagrangian, neighbourhood, branch_and_bound, local_search, done };

  GsmNetwork network;
  GsmGeneralOptions options;
  std::vector<GsmDemandBound> bounds;
  std::size_t n = 0;
  std::size_t m = 0;
  double r = 1.0;
  GsmDiscretization disc;
  const GsmGrid& upper() const { return disc.upper; }
  const GsmGrid* lower = nullptr;
  std::vector<double> arc_weight;
  std::vector<int> cut;
  std::unique_ptr<GsmTreeDp> dp_lower;
  std::unique_ptr<GsmTreeDp> dp_upper;  // the same tree on the upper grid (dp_lower when exact)
  GsmTickBounds root_bounds;
  long long dp_calls = 0;
  double work = 0.0;  // DP cells evaluated: the deterministic budget
  double seconds_spent = 0.0;
  Phase phase = Phase::lagrangian;
  // The wall-time limit (GsmGeneralOptions::time_limit_seconds) as a deadline for the DPs of the
  // current step() call; once it passes, the search stops with what it has proven so far.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  bool time_ran_out = false;
  // A DP the deadline interrupted gives no answer: its work is counted and the search stops.
  bool out_of_time(const GsmTickSolution& sol) {
    if (!sol.interrupted) return false;
    work += sol.cells;
    time_ran_out = true;
    return true;
  }

  std::vector<int> best_s, best_si;
  double best_cost = kInf;

  // Lagrangian phase.
  std::vector<double> lambda, best_lambda, alpha, beta, g;
  double lower_bound = 0.0;
  bool closed = false;
  double step_scale = 1.0;
  int stall = 0;
  int iteration = 0;

  // Neighbourhood phase.
  std::mt19937 rng;
  int without_gain = 0;
  double polish_work = 0.0;  // work spent in polish(), bounded by options.polish_share

  // The iterated local search after branch and bound.
  std::unique_ptr<GsmLocalSearch> iterated;
  double iterated_work_before = 0.0;  // work counted by the time it started

  // Branch and bound.
  std::vector<Decision> decisions;
  std::priority_queue<OpenNode> open;
  double settled_bound = kInf;  // least bound of nodes closed without a matching solution
  long long nodes = 0;
  // Multipliers handed from a node to its two children, freed once both have used them.
  std::vector<std::vector<double>> node_lambda;
  std::vector<int> node_lambda_uses;
  std::vector<int> free_slots;

  void offer(std::vector<int> s) {
    std::vector<int> si;
    const double c = repair(upper(), s, si);
    if (c < best_cost - 1e-12 * std::max(1.0, best_cost)) {
      best_cost = c;
      best_s = std::move(s);
      best_si = std::move(si);
    }
  }
  // A relaxed solution breaks arcs i -> j with S_i > SI_j. Two repairs: raise SI_j (forward
  // pass), or first lower S_i to the least relaxed SI_j of its customers.
  void offer_both(const GsmTickSolution& relaxed) {
    offer(relaxed.outbound);
    std::vector<int> pulled = relaxed.outbound;
    for (std::size_t i = 0; i < n; ++i)
      for (int j : upper().customers[i]) pulled[i] = std::min(pulled[i], relaxed.inbound[static_cast<std::size_t>(j)]);
    offer(std::move(pulled));
  }
  // The Lagrangian heuristic: the relaxed solution's tree, each cut arc i -> j held at a
  // threshold theta between the relaxed S_i and SI_j (S_i <= theta <= SI_j), solved exactly on
  // the upper grid. Every answer is feasible, and it keeps what the relaxation got right.
  void offer_thresholds(const GsmTickSolution& relaxed, int round) {
    const GsmGrid& grid = upper();
    GsmTickBounds b = default_tick_bounds(grid);
    for (int k : cut) {
      const auto& a = network.arcs[static_cast<std::size_t>(k)];
      const auto i = static_cast<std::size_t>(a.upstream), j = static_cast<std::size_t>(a.downstream);
      const int lo = std::min(relaxed.outbound[i], relaxed.inbound[j]);
      const int hi = std::max(relaxed.outbound[i], relaxed.inbound[j]);
      int theta = round % 3 == 0 ? lo : round % 3 == 1 ? hi : lo + (hi - lo) / 2;
      theta = std::clamp(theta, 0, grid.max_inbound_ticks[j]);
      b.outbound_hi[i] = std::min(b.outbound_hi[i], theta);
      b.inbound_lo[j] = std::max(b.inbound_lo[j], theta);
    }
    const std::vector<double> zero(n, 0.0);
    GsmTreeDp& dp = dp_upper ? *dp_upper : *dp_lower;
    const GsmTickSolution sol = dp.solve(b, zero, zero);
    if (out_of_time(sol)) return;
    ++dp_calls;
    work += sol.cells;
    if (sol.feasible) offer(sol.outbound);
  }
  // Descent on the incumbent (gsm_local_search.h) after every new incumbent, within
  // polish_share of the budget in all. Never worse than the incumbent and always feasible.
  void polish() {
    const double left = options.polish_share * options.work_budget_cells - polish_work;
    if (left <= 0.0 || best_s.empty()) return;
    GsmLocalSearch ls(upper(), *disc.upper_values, best_s);
    ls.run(left, false, 0, rng);
    work += ls.work();
    polish_work += ls.work();
    take(ls.best());
  }
  void take(GsmLocalSearchResult found) {
    if (found.cost < best_cost - 1e-12 * std::max(1.0, best_cost)) {
      best_cost = found.cost;
      best_s = std::move(found.outbound);
      best_si = std::move(found.inbound);
    }
  }
  void set_weights(const std::vector<double>& lam) {
    std::fill(alpha.begin(), alpha.end(), 0.0);
    std::fill(beta.begin(), beta.end(), 0.0);
    for (std::size_t e = 0; e < cut.size(); ++e) {
      const auto& a = network.arcs[static_cast<std::size_t>(cut[e])];
      alpha[static_cast<std::size_t>(a.upstream)] += lam[e];
      beta[static_cast<std::size_t>(a.downstream)] -= lam[e];
    }
  }

  // The relaxation's tree and its DP, built by the first step() rather than by start(): an
  // edit's first answer (the incumbent) needs only the bounds and the upper grid.
  bool prepared = false;
  bool tree_network = false;     // no undirected cycle: one DP solves it exactly
  bool warm_start_kept = false;  // the first incumbent came from the warm start
  void prepare() {
    prepared = true;
    lower = &disc.lower_grid();
    arc_weight.resize(m);
    for (std::size_t k = 0; k < m; ++k)
      arc_weight[k] = upper().cost_coefficient[static_cast<std::size_t>(network.arcs[k].upstream)] +
                      upper().cost_coefficient[static_cast<std::size_t>(network.arcs[k].downstream)];
    const std::vector<int> tree = spanning_forest(n, network.arcs, arc_weight);
    cut = complement(m, tree);
    dp_lower = std::make_unique<GsmTreeDp>(*lower, network.arcs, tree, disc.lower_values);
    if (!upper().exact) dp_upper = std::make_unique<GsmTreeDp>(upper(), network.arcs, tree, disc.upper_values);
    root_bounds = default_tick_bounds(*lower);
    lambda.assign(cut.size(), 0.0);
    best_lambda = lambda;
    alpha.assign(n, 0.0);
    beta.assign(n, 0.0);
    g.assign(cut.size(), 0.0);
  }

  void begin_neighbourhood() {
    phase = (!closed && !cut.empty()) ? Phase::neighbourhood : Phase::done;
    if (cut.empty()) closed = upper().exact;
  }
  void begin_branch_and_bound() {
    polish();
    phase = (!closed && !cut.empty()) ? Phase::branch_and_bound : Phase::done;
    if (phase == Phase::branch_and_bound) open.push({lower_bound, -1});
  }
  void finish_branch_and_bound() {
    const double open_bound = std::min(open.empty() ? best_cost : open.top().bound, settled_bound);
    closed = open.empty() && upper().exact;
    lower_bound = std::max(lower_bound, open_bound);
    open = {};
    const bool optimal = closed || best_cost <= lower_bound * (1.0 + 1e-9);
    phase = optimal || options.iterated_search_share <= 0.0 || time_ran_out ? Phase::done : Phase::local_search;
  }
  // Branch and bound leaves this share of the budget to the iterated local search.
  double branch_and_bound_budget() const {
    return options.work_budget_cells * (1.0 - std::clamp(options.iterated_search_share, 0.0, 1.0));
  }
  // 4. A slice of the iterated local search on the incumbent; the bound stays as proven.
  void local_search_step() {
    if (!iterated) {
      iterated = std::make_unique<GsmLocalSearch>(upper(), *disc.upper_values, best_s);
      iterated_work_before = work;
    }
    const long long stall_kicks = 2 * static_cast<long long>(n) + 50;
    const double slice = 2e5;
    const double limit = std::min(iterated->work() + slice, options.work_budget_cells - iterated_work_before);
    const double before = iterated->work();
    const bool finished = iterated->run(limit, true, stall_kicks, rng);
    work += iterated->work() - before;
    take(iterated->best());
    if (finished || iterated->work() >= options.work_budget_cells - iterated_work_before) {
      iterated.reset();
      phase = Phase::done;
    }
  }

  // 1. One subgradient step of the Lagrangian relaxation of the arcs left out of the tree.
  void lagrangian_step() {
    set_weights(lambda);
    const GsmTickSolution sol = dp_lower->solve(root_bounds, alpha, beta);
    if (out_of_time(sol)) return;
    ++dp_calls;
    work += sol.cells;
    ++iteration;
    if (!sol.feasible) return begin_neighbourhood();
    if (sol.value > lower_bound + 1e-12 * std::max(1.0, std::fabs(lower_bound))) {
      lower_bound = sol.value;
      best_lambda = lambda;
      stall = 0;
    } else if (++stall >= 8) {
      step_scale *= 0.5;
      stall = 0;
    }
    offer_both(sol);
    offer_thresholds(sol, iteration);
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
      if (std::fabs(slack) < 1e-12 && upper().exact) closed = true;
      return begin_neighbourhood();
    }
    const double gap = best_cost - sol.value;
    if (gap <= 1e-9 * std::max(1.0, best_cost) || step_scale < 1e-6 || iteration >= std::max(1, options.lagrangian_iterations))
      return begin_neighbourhood();
    const double step = step_scale * gap / norm;
    for (std::size_t e = 0; e < cut.size(); ++e) lambda[e] = std::max(0.0, lambda[e] + step * g[e]);
  }

  // 2. One neighbourhood of the large neighbourhood search over random spanning trees.
  void neighbourhood_step() {
    if (without_gain >= options.local_search_rounds) return begin_branch_and_bound();
    // Uniform in [0, 1) from the generator's raw 32 bits, which the standard fixes (a
    // distribution object's algorithm is the library's choice, and the browser build's differs).
    auto noise = [](std::mt19937& gen) { return static_cast<double>(gen()) * (1.0 / 4294967296.0); };
    const std::vector<double> zero(n, 0.0);
    std::vector<double> w(m);
    for (std::size_t k = 0; k < m; ++k) w[k] = (without_gain % 2 == 0 ? arc_weight[k] : 1.0) * (0.2 + noise(rng));
    const std::vector<int> t = spanning_forest(n, network.arcs, w);
    work += 4.0 * static_cast<double>(m + n);  // choosing the tree and setting up its DP
    GsmTreeDp dp(upper(), network.arcs, t, disc.upper_values);
    dp.set_deadline(deadline);
    GsmTickBounds b = default_tick_bounds(upper());
    for (int k : complement(m, t)) {
      const auto& a = network.arcs[static_cast<std::size_t>(k)];
      const auto i = static_cast<std::size_t>(a.upstream), j = static_cast<std::size_t>(a.downstream);
      const int lo = best_s[i], hi = best_si[j];
      const int theta = lo + static_cast<int>(noise(rng) * (hi - lo + 1) * 0.999999);
      b.outbound_hi[i] = std::min(b.outbound_hi[i], theta);
      b.inbound_lo[j] = std::max(b.inbound_lo[j], theta);
    }
    const GsmTickSolution sol = dp.solve(b, zero, zero);
    if (out_of_time(sol)) return;
    ++dp_calls;
    work += sol.cells;
    const double before = best_cost;
    if (sol.feasible) offer(sol.outbound);
    if (best_cost < before - 1e-9 * std::max(1.0, before)) polish();
    without_gain = best_cost < before - 1e-9 * std::max(1.0, before) ? 0 : without_gain + 1;
  }

  int worst_violation(const GsmTickSolution& s) const {
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
  }

  // 3. One node of branch and bound, best bound first, with the best multipliers.
  void branch_and_bound_step() {
    const double before = best_cost;
    node_step();
    if (best_cost < before - 1e-9 * std::max(1.0, before)) polish();
  }
  void node_step() {
    if (open.empty() || nodes >= options.max_nodes || work > branch_and_bound_budget()) return finish_branch_and_bound();
    const OpenNode node = open.top();
    if (node.bound >= best_cost * (1.0 - 1e-9)) {
      open = {};
      return finish_branch_and_bound();
    }
    open.pop();
    ++nodes;
    work += 4.0 * static_cast<double>(n + cut.size());  // the node's bounds and multipliers
    GsmTickBounds b = root_bounds;
    for (int d = node.decision; d >= 0; d = decisions[static_cast<std::size_t>(d)].parent) {
      const Decision& dec = decisions[static_cast<std::size_t>(d)];
      const auto st = static_cast<std::size_t>(dec.stage);
      if (dec.kind == 0) {
        b.outbound_hi[st] = std::min(b.outbound_hi[st], dec.value);
      } else {
        b.outbound_lo[st] = std::max(b.outbound_lo[st], dec.value);
        const auto o = static_cast<std::size_t>(dec.other);
        b.inbound_lo[o] = std::max(b.inbound_lo[o], dec.value);
      }
    }
    // A few subgradient steps from the parent's multipliers: the node's own bounds change
    // which multipliers are best, and a tighter bound prunes more.
    std::vector<double> lam;
    if (node.multipliers >= 0) {
      const auto slot = static_cast<std::size_t>(node.multipliers);
      lam = node_lambda[slot];
      if (--node_lambda_uses[slot] == 0) {
        node_lambda[slot] = {};
        free_slots.push_back(node.multipliers);
      }
    } else {
      lam = best_lambda;
    }
    GsmTickSolution sol;
    double bound = node.bound;
    std::vector<double> lam_at_best = lam;
    const int steps = std::max(1, options.node_subgradient_steps);
    for (int it = 0; it < steps; ++it) {
      set_weights(lam);
      GsmTickSolution trial = dp_lower->solve(b, alpha, beta);
      if (out_of_time(trial)) {  // the node stays unsolved: its bound still limits the proven one
        settled_bound = std::min(settled_bound, node.bound);
        return;
      }
      ++dp_calls;
      work += trial.cells;
      if (!trial.feasible) return;
      if (it == 0 || trial.value > sol.value) {
        lam_at_best = lam;
        sol = std::move(trial);
      }
      bound = std::max(bound, sol.value);
      if (bound >= best_cost * (1.0 - 1e-9) || it + 1 == steps) break;
      double norm = 0.0;
      for (std::size_t e = 0; e < cut.size(); ++e) {
        const auto& a = network.arcs[static_cast<std::size_t>(cut[e])];
        g[e] = static_cast<double>(sol.outbound[static_cast<std::size_t>(a.upstream)] -
                                   sol.inbound[static_cast<std::size_t>(a.downstream)]);
        if (lam[e] <= 0.0 && g[e] < 0.0) g[e] = 0.0;
        norm += g[e] * g[e];
      }
      if (norm == 0.0) break;
      const double step = 0.5 * (best_cost - sol.value) / norm;
      for (std::size_t e = 0; e < cut.size(); ++e) lam[e] = std::max(0.0, lam_at_best[e] + step * g[e]);
    }
    if (bound >= best_cost * (1.0 - 1e-9)) return;
    offer_both(sol);
    int arc = worst_violation(sol);
    if (arc < 0) {
      set_weights(std::vector<double>(cut.size(), 0.0));
      sol = dp_lower->solve(b, alpha, beta);
      if (out_of_time(sol)) {
        settled_bound = std::min(settled_bound, bound);
        return;
      }
      ++dp_calls;
      work += sol.cells;
      if (!sol.feasible) return;
      arc = worst_violation(sol);
      if (arc < 0) {  // the node's relaxation is feasible: the node is solved
        offer(sol.outbound);
        if (!upper().exact) settled_bound = std::min(settled_bound, sol.value);
        return;
      }
    }
    const auto& a = network.arcs[static_cast<std::size_t>(arc)];
    const int si = sol.outbound[static_cast<std::size_t>(a.upstream)];
    const int sj = sol.inbound[static_cast<std::size_t>(a.downstream)];
    // Split S_i's candidates at theta: S_i <= theta, or S_i and SI_j >= the next candidate. A
    // middle candidate in [SI_j, S_i) when there is one; else the last one below S_i. Either way
    // both branches exclude this relaxed solution.
    const std::vector<int>& xs = disc.lower_values->outbound[static_cast<std::size_t>(a.upstream)];
    const auto first = std::lower_bound(xs.begin(), xs.end(), sj);
    const auto past = std::lower_bound(xs.begin(), xs.end(), si);  // xs holds si
    auto at = first < past ? first + (past - first - 1) / 2 : past - 1;
    const int theta = *at;
    const int next = *(at + 1);
    int slot = -1;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
      node_lambda[static_cast<std::size_t>(slot)] = std::move(lam_at_best);
      node_lambda_uses[static_cast<std::size_t>(slot)] = 2;
    } else {
      slot = static_cast<int>(node_lambda.size());
      node_lambda.push_back(std::move(lam_at_best));
      node_lambda_uses.push_back(2);
    }
    decisions.push_back({node.decision, a.upstream, a.downstream, theta, 0});
    open.push({bound, static_cast<int>(decisions.size()) - 1, slot});
    decisions.push_back({node.decision, a.upstream, a.downstream, next, 1});
    open.push({bound, static_cast<int>(decisions.size()) - 1, slot});
  }

  // The time limit ends the search wherever it is; the bound proven so far stands.
  void stop_for_time() {
    if (phase == Phase::branch_and_bound) finish_branch_and_bound();
    phase = Phase::done;
  }
};

GsmSearch::GsmSearch(std::unique_ptr<State> state) : state_(std::move(state)) {}
GsmSearch::GsmSearch(GsmSearch&&) noexcept = default;
GsmSearch& GsmSearch::operator=(GsmSearch&&) noexcept = default;
GsmSearch::~GsmSearch() = default;

Result<GsmSearch> GsmSearch::start(const GsmNetwork& network, const GsmGeneralOptions& options,
                                   const std::vector<double>& warm_start_outbound, const GsmSearch* earlier) {
  if (!(options.time_resolution_periods >= 0.0) || !std::isfinite(options.time_resolution_periods))
    return Problem{"time_resolution_periods", "must be zero (automatic) or a positive number of periods"};
  auto bounds_r = gsm_demand_bounds(network);
  if (!bounds_r.ok()) return bounds_r.problems();
  auto st = std::make_unique<State>();
  State& S = *st;
  S.network = network;
  S.options = options;
  S.bounds = std::move(bounds_r).value();
  S.n = network.stages.size();
  S.m = network.arcs.size();
  const State* earlier_state = earlier ? earlier->state_.get() : nullptr;
  if (earlier_state && earlier_state->options.time_resolution_periods == options.time_resolution_periods &&
      earlier_state->options.max_dp_cells == options.max_dp_cells && gsm_same_times(earlier_state->network, network)) {
    S.disc = earlier_state->disc;  // the candidate values are shared, the grids copied and costed anew
    cost_gsm_grid(S.disc.upper, network, S.bounds);
    if (!S.disc.upper.exact) cost_gsm_grid(S.disc.lower, network, S.bounds);
  } else {
    auto disc = discretize_gsm(network, S.bounds, options.time_resolution_periods, options.max_dp_cells);
    if (!disc.ok()) return disc.problems();
    S.disc = std::move(disc).value();
  }
  S.r = S.disc.resolution;

  // Incumbent: every stage quotes 0 (always feasible), then the warm start if it is better.
  S.best_s.assign(S.n, 0);
  S.best_cost = repair(S.upper(), S.best_s, S.best_si);
  if (warm_start_outbound.size() == S.n) {
    std::vector<int> ticks(S.n, 0);
    bool usable = true;
    for (std::size_t j = 0; j < S.n; ++j) {
      const double t = warm_start_outbound[j] / S.r;
      if (!std::isfinite(t) || t < 0.0) {
        usable = false;
        break;
      }
      ticks[j] = static_cast<int>(std::min(std::lround(t), 1L << 30));
    }
    if (usable) {
      const double before = S.best_cost;
      S.offer(std::move(ticks));
      S.warm_start_kept = S.best_cost < before;
    }
  }
  {
    UnionFind components(S.n);
    S.tree_network = true;
    for (const GsmArc& a : network.arcs) S.tree_network = components.join(a.upstream, a.downstream) && S.tree_network;
  }

  S.rng.seed(options.seed);
  return GsmSearch(std::move(st));
}

bool GsmSearch::step(double max_milliseconds) {
  using clock = std::chrono::steady_clock;
  State& S = *state_;
  const auto started = clock::now();
  const double spent_before = S.seconds_spent;
  auto slice_seconds = [&] { return std::chrono::duration<double>(clock::now() - started).count(); };
  const bool limit_total = S.options.time_limit_seconds > 0.0;
  const bool limit_slice = max_milliseconds > 0.0;
  if (!S.prepared) S.prepare();
  S.deadline.reset();
  if (limit_total)
    S.deadline = started + std::chrono::duration_cast<clock::duration>(
                               std::chrono::duration<double>(std::max(0.0, S.options.time_limit_seconds - spent_before)));
  S.dp_lower->set_deadline(S.deadline);
  if (S.dp_upper) S.dp_upper->set_deadline(S.deadline);
  // Each pass does one DP; the first pass of the search always runs to the time limit, so every
  // call progresses unless the limit has passed.
  while (S.phase != State::Phase::done) {
    switch (S.phase) {
      case State::Phase::lagrangian: S.lagrangian_step(); break;
      case State::Phase::neighbourhood: S.neighbourhood_step(); break;
      case State::Phase::branch_and_bound: S.branch_and_bound_step(); break;
      case State::Phase::local_search: S.local_search_step(); break;
      case State::Phase::done: break;
    }
    const double slice = slice_seconds();
    S.seconds_spent = spent_before + slice;
    // The work budget lets the Lagrangian bound be computed at least once; the time limit can
    // end even the first DP (then the bound stays 0 and the answer is the first incumbent).
    const bool over_time = S.time_ran_out || (limit_total && S.seconds_spent > S.options.time_limit_seconds);
    const bool over_work = S.work > S.options.work_budget_cells && S.iteration > 0;
    if (S.phase != State::Phase::done && (over_time || over_work)) {
      S.time_ran_out = S.time_ran_out || over_time;
      S.stop_for_time();
      break;
    }
    if (limit_slice && slice * 1000.0 >= max_milliseconds) break;
  }
  return S.phase == State::Phase::done;
}

bool GsmSearch::finished() const { return state_->phase == State::Phase::done; }

GsmSolution GsmSearch::evaluate(const std::vector<double>& outbound_service_times) const {
  GsmSolution sol = make_gsm_solution(state_->network, state_->bounds, outbound_service_times);
  sol.method = "evaluation of given service times";
  return sol;
}
const std::vector<GsmDemandBound>& GsmSearch::demand_bounds() const { return state_->bounds; }
double GsmSearch::seconds_spent() const { return state_->seconds_spent; }

std::string_view GsmSearch::phase() const {
  switch (state_->phase) {
    case State::Phase::lagrangian: return "bounding";
    case State::Phase::neighbourhood: return "neighbourhood search";
    case State::Phase::branch_and_bound: return "branch and bound";
    case State::Phase::local_search: return "local search";
    case State::Phase::done: break;
  }
  return "done";
}

GsmSolution GsmSearch::solution() const {
  const State& S = *state_;
  std::vector<double> s(S.n);
  for (std::size_t j = 0; j < S.n; ++j) s[j] = gsm_ticks_to_periods(S.best_s[j], S.r);
  GsmSolution sol = make_gsm_solution(S.network, S.bounds, s);
  // Before the search closes, the bound is what has been proven so far: the best Lagrangian
  // value, or, during branch and bound, the least bound still open.
  double lower_bound = S.lower_bound;
  if (S.phase == State::Phase::branch_and_bound && !S.open.empty())
    lower_bound = std::max(lower_bound, std::min(S.open.top().bound, S.settled_bound));
  if (S.phase == State::Phase::done && S.closed) lower_bound = sol.total_cost;
  sol.lower_bound = std::min(lower_bound, sol.total_cost);
  sol.gap = sol.total_cost > 0.0 ? (sol.total_cost - sol.lower_bound) / sol.total_cost : 0.0;
  sol.proven_optimal = S.phase == State::Phase::done && sol.gap <= 1e-9;
  sol.time_resolution_periods = S.r;
  sol.nodes = S.dp_calls;
  sol.work_cells = S.work;
  sol.time_limit_reached = S.time_ran_out;
  if (S.time_ran_out && S.dp_calls == 0) {
    sol.method = S.warm_start_kept ? "the placement before the edit, re-costed: the time limit ended the search before its first dynamic program finished"
                                   : "every stage quoting 0: the time limit ended the search before its first dynamic program finished";
  } else if (!S.prepared) {
    sol.method = S.warm_start_kept ? "the placement before the edit, re-costed; the search has not started"
                                   : "every stage quoting 0; the search has not started";
  } else {
    sol.method = S.tree_network ? "exact dynamic program on a tree (Graves & Willems 2000)"
                                : "spanning-tree Lagrangian bound, tree neighbourhood search and branch and bound";
  }
  return sol;
}

Result<GsmSolution> solve_gsm(const GsmNetwork& network, const GsmGeneralOptions& options) {
  auto search = GsmSearch::start(network, options);
  if (!search.ok()) return search.problems();
  search.value().step(0.0);
  return search->solution();
}

}  // namespace echelon
