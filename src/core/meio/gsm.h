// The guaranteed-service model (GSM) of safety-stock placement in a multi-echelon network, and its
// exact dynamic program on spanning trees.
//
// Model (Graves & Willems, "Optimizing strategic safety stock placement in supply chains",
// MSOM 2(1), 2000; Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed., ch. 6):
// every stage j quotes an outbound service time S_j to the stages it serves and is quoted the
// inbound service time SI_j = max(external inbound time, S_i over its suppliers i). Its net
// replenishment time is tau_j = SI_j + T_j - S_j >= 0 (T_j = processing time), it holds
//   safety stock  SS_j = k_j sigma_j * sqrt(tau_j)
//   base stock    B_j  = mu_j * tau_j + SS_j
// and the model minimises sum_j h_j * SS_j. Customer-facing stages quote at most their largest
// outbound service time.
//
// Stochastic lead times (Humair, Ruark, Tomlin & Willems, "Incorporating stochastic lead times
// into the guaranteed service model of safety stock optimization", Interfaces 43(5), 2013).
// When T_j is random with mean T_j and standard deviation s_j, stage j covers the demand over a
// random net replenishment time with mean tau_j and variance s_j^2 (its suppliers guarantee
// their service times, so only its own time varies). Demand over a random time has variance
// tau Var[D] + E[D]^2 Var[T] (core/policy/safety_stock.h, the same function the single-location
// buffer uses), and with each demand's safety factor folded in as above
//   SS_j = sqrt( (k_j sigma_j)^2 tau_j + (m_j s_j)^2 ),   m_j = sum_d u_jd z_d mu_d,
// which is z sqrt(tau sigma^2 + mu^2 s^2), the single-location buffer, on one stage. The second
// term stays when tau_j = 0: a stage quoting S_j = SI_j + T_j still needs stock for the times
// its processing runs late. The cost is still concave and increasing in tau_j, so the vertex
// property and both solvers below are unchanged; only the cost of a tau differs. The safety
// stock is split into a demand part and a lead-time part by the two variance shares, as the
// single-location view does.
//
// Demand bound (how the demand a stage serves is aggregated). The units of stage j needed per
// unit of demand stage d are u_jd = sum over directed paths j -> d of the product of the arcs'
// units per downstream unit (u_dd = 1). With independent external demands,
//   mu_j          = sum_d u_jd * mu_d
//   k_j sigma_j   = sqrt( sum_d (u_jd * z_d * sigma_d)^2 )
// so each demand keeps its own safety factor z_d and demands are pooled in variance, while one
// demand reaching j along several paths adds up linearly (it is the same demand). On a tree this
// is the usual "square root of summed variances"; it is also the convention of Humair & Willems
// (2011) for the Willems chains. A stage may instead give the demand it serves directly
// (`served_demand`), for example from its own forecast: then k_j sigma_j = z * sd.
//
// Service times are continuous, and the optimum sits at a vertex of the feasible polyhedron
// (the cost is concave). The constraint matrix is a network matrix (each row S_i - SI_j <= 0,
// S_j - SI_j <= T_j, S_j <= M_j, ... has at most one +1 and one -1), so a vertex is fixed by a
// spanning forest of tight constraints hanging from constant anchors (0, a bound M_j, an external
// inbound time): every S_j and SI_j there equals an anchor plus a signed sum of processing times
// along a path of the network (S_j = SI_j + T_j where the stage holds no stock, SI_j = S_i along
// an arc that sets the inbound time). The solvers therefore work on those values only, the
// "candidate" service times of each stage: the closure of the anchors under
//   X_j (outbound) <- Y_j + T_j,  Y_j (inbound) <- X_j - T_j,  Y_j <- X_i and X_i <- Y_j on arcs,
// each clipped to the variable's range (gsm_candidate_ticks). On the Willems chains this is a
// few to a few hundred values per stage, where a grid of the data's 0.01-day resolution would
// need thousands. Times are held as integer ticks of a resolution r that represents every time
// exactly (the coarsest of 1, 1/2, 1/4, 1/5, 1/10, ..., 1e-6 periods), so sums are exact. Only
// when no such r exists, or the candidates exceed a work bound, are times rounded
// conservatively to a coarser grid (see GsmGrid) and the answer then carries a proven gap.
//
// The tree DP (Graves & Willems 2000, section 4) labels stages so that each has at most one
// neighbour not yet labelled, and computes for each stage either f_j(S) (the least cost of the
// stages labelled before it and connected to it, given S_j = S) or g_j(SI) (given SI_j = SI).
// Over candidate values its cost is sum_j |X_j| |Y_j| ("cells"). General acyclic networks: see
// gsm_general.h.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace echelon {

// The demand a stage serves, given directly instead of aggregated from downstream.
struct GsmServedDemand {
  double mean_per_period = 0.0;
  double sd_per_period = 0.0;
  double safety_factor = 1.6448536269514722;  // z; 1.645 = a 95% cycle-service level
};

struct GsmStage {
  std::string name;
  double processing_time_periods = 0.0;         // T_j >= 0 (its mean when random)
  double processing_time_sd_periods = 0.0;      // s_j >= 0: spread of T_j (0 = deterministic)
  double holding_cost_per_unit_period = 0.0;    // h_j >= 0
  double unit_value = 0.0;                      // value of one unit here (reported, not optimised)
  // External (customer) demand at this stage; sd 0 and mean 0 when it has none.
  double external_demand_mean_per_period = 0.0;
  double external_demand_sd_per_period = 0.0;
  double safety_factor = 1.6448536269514722;    // z_j for this stage's external demand
  // Largest service time this stage may quote. Unset: no bound, except at stages with external
  // demand (mean or sd > 0), which serve customers from stock (bound 0) unless told otherwise.
  std::optional<double> max_outbound_service_time_periods;
  double external_inbound_service_time_periods = 0.0;  // quoted by outside suppliers
  std::optional<GsmServedDemand> served_demand;  // overrides the aggregation above
};

// Stage `upstream` supplies stage `downstream`; each downstream unit needs `units_per_downstream_unit`.
struct GsmArc {
  int upstream = 0;
  int downstream = 0;
  double units_per_downstream_unit = 1.0;
};

struct GsmNetwork {
  std::vector<GsmStage> stages;
  std::vector<GsmArc> arcs;
};

// All problems of the network: field paths "stages/3/processing_time_periods", "arcs/2", ...;
// includes duplicate arcs and cycles.
Problems validate(const GsmNetwork& network);

struct GsmDemandBound {
  double mean_per_period = 0.0;  // mu_j
  double bound_sd = 0.0;         // k_j * sigma_j, the safety stock for one period of exposure
  double bound_mean = 0.0;       // m_j = sum_d u_jd z_d mu_d: safety stock per period of lead-time sd
};
// The aggregated demand each stage serves (see the header comment).
Result<std::vector<GsmDemandBound>> gsm_demand_bounds(const GsmNetwork& network);
// The same with every safety factor (z_d, and a served demand's) taken as 1: the pooled sd
// sigma_j = sqrt(sum_d (u_jd sigma_d)^2) and mean mu_j = sum_d u_jd mu_d that the supplier-delay
// buffers below need. It depends on the network's flows and demands, not on its targets.
Result<std::vector<GsmDemandBound>> gsm_pooled_demand_bounds(const GsmNetwork& network);

// Results per stage, in the network's stage order; times in periods.
struct GsmStageResult {
  double outbound_service_time = 0.0;    // S_j
  double inbound_service_time = 0.0;     // SI_j
  double net_replenishment_time = 0.0;   // tau_j
  double demand_mean_per_period = 0.0;   // mu_j
  double demand_bound_sd = 0.0;          // k_j sigma_j
  double safety_stock = 0.0;             // units
  double safety_stock_from_demand = 0.0;     // the share due to demand variability
  double safety_stock_from_lead_time = 0.0;  // the share due to the variability of T_j
  double lead_time_sd_periods = 0.0;     // s_j used
  // Added by add_supplier_delay_buffers (0 otherwise); included in safety_stock, base_stock_level
  // and the costs above.
  double safety_stock_for_supplier_delays = 0.0;
  // Added by size_for_random_times (gsm_delays.h) for the shape of the demand over a random
  // whole-period replenishment time, a mixture over the times (of the demand's own law where it
  // is known); 0 otherwise; included like the one above.
  double safety_stock_for_lead_time_shape = 0.0;
  // z_j: the safety factor of the stage's promise, the probability Phi(z_j) of ending a period
  // with nothing owed beyond S_j (see add_supplier_delay_buffers).
  double promise_safety_factor = 0.0;
  double base_stock_level = 0.0;         // units
  double holding_cost = 0.0;             // h_j * SS_j per period
  double safety_stock_value = 0.0;       // unit_value * SS_j
};

struct GsmSolution {
  std::vector<GsmStageResult> stages;
  double total_cost = 0.0;           // sum of holding costs per period
  double total_safety_stock_value = 0.0;
  double lower_bound = 0.0;          // proven: no feasible service times cost less
  double gap = 0.0;                  // (total_cost - lower_bound) / total_cost; 0 when optimal
  bool proven_optimal = false;
  double time_resolution_periods = 1.0;  // grid step used by the solver
  std::string method;                // plain-language name of what produced the answer
  long long nodes = 0;               // search nodes or DP calls spent (diagnostic)
  double work_cells = 0.0;           // DP cells evaluated: the search's deterministic budget
  bool time_limit_reached = false;   // the wall-time limit ended the search (see GsmGeneralOptions)
};

// The cost of given outbound service times (one per stage): SI, tau, safety stock, base stock.
// Problems when a time is negative, above a stage's bound or gives tau < 0.
Result<GsmSolution> evaluate_gsm(const GsmNetwork& network, const std::vector<double>& outbound_service_times);

struct GsmTreeOptions {
  double time_resolution_periods = 0.0;  // 0 = automatic (see the header comment)
  double max_dp_cells = 1e7;             // work bound of one DP: times are rounded beyond it
};

// Exact optimum on a spanning forest (every undirected cycle-free network: serial, assembly,
// distribution, mixed trees). Problems when the network has an undirected cycle.
Result<GsmSolution> solve_gsm_tree(const GsmNetwork& network, const GsmTreeOptions& options = {});

// ---- The integer engine shared by the tree and general solvers ----

// The problem in integer ticks of `resolution` periods. When a time is not a multiple of the
// resolution, two grids are built. The upper grid rounds T down (and the external inbound time
// up) and charges the exact cost c_j sqrt(tau + offset_j), offset = the part of T below the
// grid: its solutions are feasible and costed exactly. The lower grid rounds T up (and the
// external inbound time down) and charges c_j sqrt(max(0, tau + offset_j)) with
// offset_j = T_j - ceil(T_j) - r: rounding every S and SI of any continuous solution down to the
// grid keeps it feasible there (floor is monotone and floor(SI + T) <= floor(SI) + ceil(T)) and
// loses less than r of each tau, so the lower grid's optimum is a lower bound. Its cost is 0 up
// to a tau of kink_ticks and concave beyond, so tau = kink_ticks is one more vertex anchor.
struct GsmGrid {
  double resolution = 1.0;
  bool exact = true;                 // every time sits on the grid: upper == lower
  std::vector<int> processing_ticks;
  std::vector<double> offset_periods;
  std::vector<double> cost_coefficient;  // c_j = h_j * k_j sigma_j
  std::vector<double> lead_time_cost;    // d_j = h_j * m_j * s_j: a stage costs sqrt(c_j^2 tau + d_j^2)
  std::vector<int> kink_ticks;           // lower grid: the largest tau (ticks) costing 0; 0 otherwise
  std::vector<int> min_inbound_ticks;    // external inbound service time, rounded up
  std::vector<int> max_outbound_ticks;   // bound on S_j (after the horizon cut)
  std::vector<int> max_inbound_ticks;    // horizon: SI_j never needs to exceed this
  std::vector<std::vector<int>> suppliers;  // upstream stages of each stage
  std::vector<std::vector<int>> customers;
  std::vector<int> topological_order;
};

// Builds the grid of one kind (upper = false gives the lower grid). Expects a valid network.
GsmGrid build_gsm_grid(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds,
                       double resolution, bool upper);
// Sets the grid's costs c_j and d_j from the stages' holding costs, lead-time spreads and the
// demand bounds; the rest of a grid (ticks, horizons, arcs) depends on the times alone, so a grid
// of a network with the same times and arcs takes new bounds (other targets) this way.
void cost_gsm_grid(GsmGrid& grid, const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds);
// True when two networks have the same times (processing, external inbound, bounds on S), the
// same stages with external demand and the same arcs (ends): their grids and candidate values
// are then the same at every resolution, whatever their costs and demand bounds.
bool gsm_same_times(const GsmNetwork& a, const GsmNetwork& b);

// The candidate tick values of every stage's outbound (X_j) and inbound (Y_j) service time: the
// closure described in the header comment, sorted. Some optimal solution of the grid's problem
// takes only these values, and so does one of every relaxation the solvers build (a spanning
// tree of the arcs with bounds that are themselves candidates).
struct GsmCandidates {
  std::vector<std::vector<int>> outbound;
  std::vector<std::vector<int>> inbound;
  double cells = 0.0;     // sum_j |X_j| |Y_j|: the pairs one tree DP evaluates
  bool complete = true;   // false: the closure passed max_cells and was abandoned
};
GsmCandidates gsm_candidate_ticks(const GsmGrid& grid, double max_cells);

// The problem in ticks: the resolution, the grids and their candidates.
struct GsmDiscretization {
  double resolution = 1.0;
  GsmGrid upper;  // feasible solutions, costed exactly
  GsmGrid lower;  // only when !upper.exact: its optimum is a lower bound
  std::shared_ptr<const GsmCandidates> upper_values, lower_values;  // lower_values == upper_values when exact
  const GsmGrid& lower_grid() const { return upper.exact ? upper : lower; }
};
// `requested_resolution` 0: automatic (the header comment); otherwise that tick. Problems when
// even the coarsest grid needs more than `max_dp_cells` cells (a very long chain of stages).
Result<GsmDiscretization> discretize_gsm(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds,
                                         double requested_resolution, double max_dp_cells);

// Ticks as periods; ticks / (1 / r) when 1 / r is a whole number, so that 3 ticks of 0.1 give
// the double nearest 0.3, as the input's times are written.
double gsm_ticks_to_periods(int ticks, double resolution);

// Money per period of stage j's safety stock at a net replenishment time of `tau_periods`
// (clipped at 0): sqrt(c_j^2 tau + d_j^2).
double gsm_stage_cost(const GsmGrid& grid, std::size_t stage, double tau_periods);

// Bounds on the tick values of S_j and SI_j (a subproblem of a branch-and-bound, or a
// neighbourhood of a local search).
struct GsmTickBounds {
  std::vector<int> outbound_lo, outbound_hi, inbound_lo, inbound_hi;
};
GsmTickBounds default_tick_bounds(const GsmGrid& grid);

struct GsmTickSolution {
  double value = 0.0;                // objective of the DP (incl. linear terms); +inf if infeasible
  std::vector<int> outbound, inbound;  // ticks
  bool feasible = false;
  double cells = 0.0;                // work spent: (S, SI) pairs evaluated, plus the values passed over
  bool interrupted = false;          // the deadline passed before the DP finished: no answer
};

// Exact DP over the forest given by `tree_arcs` (indices into the network's arcs), minimising
//   sum_j sqrt(c_j^2 tau_j + d_j^2) + outbound_weight_j * S_j + inbound_weight_j * SI_j   (times in ticks)
// over the candidate values within `bounds`. Arcs not in the forest are ignored (the general
// solver relaxes them). Reuses its buffers between calls.
class GsmTreeDp {
 public:
  GsmTreeDp(const GsmGrid& grid, const std::vector<GsmArc>& arcs, const std::vector<int>& tree_arcs,
            std::shared_ptr<const GsmCandidates> values);
  GsmTickSolution solve(const GsmTickBounds& bounds, const std::vector<double>& outbound_weight,
                        const std::vector<double>& inbound_weight);
  // A wall-clock deadline (the search's time limit, an upper bound only): past it, solve() stops
  // between stages and returns `interrupted`. Without one (the default) solve() always finishes,
  // and a deadline that is not reached changes nothing in the answer.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) { deadline_ = deadline; }

 private:
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  const GsmGrid* grid_;
  std::vector<int> order_;        // children before parents
  std::vector<int> parent_;       // -1 at roots
  std::vector<bool> parent_is_downstream_;  // arc stage -> parent
  std::vector<std::vector<int>> children_;
  std::shared_ptr<const GsmCandidates> values_;
  // Work arrays, one per stage, indexed like its candidate values.
  std::vector<std::vector<double>> f_;     // f_j(S) or g_j(SI), then prefix / suffix minima
  std::vector<std::vector<int>> arg_;      // index of the argmin of the other variable
  std::vector<std::vector<int>> best_at_;  // index of the argmin of the prefix / suffix minima
  std::vector<double> a_buf_, b_buf_;
};

// Cost in money per period of tick values (exact on the upper grid).
double gsm_tick_cost(const GsmGrid& grid, const std::vector<int>& outbound, const std::vector<int>& inbound);

// Turns outbound service times (periods) into the per-stage report after making them feasible:
// in topological order SI_j = max(external, S_i of suppliers) and S_j is clipped to
// [0, min(bound, SI_j + T_j)]. Clipping never raises the cost (tau_j drops to 0 and the
// customers' inbound times can only fall).
GsmSolution make_gsm_solution(const GsmNetwork& network, const std::vector<GsmDemandBound>& bounds,
                              std::vector<double> outbound);

// ---- Supplier delays: the bounded-demand assumption, buffered ----
//
// The model assumes demand stays within each stage's bound, so every supplier always meets its
// quoted time. Real demand leaves the bound in about 1 - Phi(z) of periods; the supplier is then
// late, and its customers receive late what they planned to receive on time. Following the
// stochastic-service view of Ettl, Feigin, Lin & Yao ("A supply network model with base-stock
// control and service requirements", Operations Research 48(2), 2000), where a stage's actual
// replenishment time is its nominal time plus a random delay caused by its suppliers'
// stockouts, each stage is given extra stock for those delays, suppliers first:
//  - stage j's own exposure: sd_j = sqrt(sigma_j^2 tau_j + mu_j^2 s_j^2) (sigma_j, mu_j pooled
//    with every safety factor 1), its promise factor z_j = SS_j / sd_j, or, with no exposure
//    (tau_j = 0, s_j = 0), the factor of its demand bound k_j sigma_j / sigma_j;
//  - what a supplier i owes late at a period end, X_i, has mean m_Xi and variance v_Xi (below);
//    stage j's share of it, in its own units, is Y_ij = (mu_j / mu_i) X_i (debts are served in
//    proportion to the flow, first due first); Y_j = sum over suppliers, taken independent:
//    mean m_Yj = sum (mu_j/mu_i) m_Xi, variance v_Yj = sum (mu_j/mu_i)^2 v_Xi;
//  - stage j's uncovered demand W_j = (demand over tau_j - its mean) + Y_j is taken normal with
//    mean m_Yj and variance sd_j^2 + v_Yj; keeping P(W_j <= SS'_j) = Phi(z_j) needs
//      SS'_j = m_Yj + z_j sqrt(sd_j^2 + v_Yj),  extra_j = max(0, SS'_j - SS_j);
//  - then what j owes late is X_j = (W_j - SS'_j)^+ with, for sd_W = sqrt(sd_j^2 + v_Yj) and
//    the normal loss functions L, L2 at z_j: m_Xj = sd_W L(z_j), E[X_j^2] = 2 sd_W^2 L2(z_j).
// A stage with no late suppliers gets nothing extra. The placement (service times) is the
// model's optimum without these buffers; their cost is reported with the plan's.
// Updates safety_stock, base_stock_level, holding_cost, safety_stock_value and the totals of
// `solution` (which must be a solution of `network`), and sets promise_safety_factor.
// The plan (core/plan) now sizes these delays, and the shape of the demand over random times,
// by the mixtures of gsm_delays.h (size_for_random_times) instead; this normal approximation is
// kept as a reference.
void add_supplier_delay_buffers(const GsmNetwork& network, GsmSolution& solution);
// The same with the network's demand bounds computed before (gsm_demand_bounds as `with_z`,
// gsm_pooled_demand_bounds as `pooled`), for a caller that buffers many solutions of one network.
void add_supplier_delay_buffers(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                                const std::vector<GsmDemandBound>& pooled, GsmSolution& solution);

}  // namespace echelon
