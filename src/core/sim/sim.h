// Discrete-period Monte Carlo simulation of a multi-echelon inventory network.
//
// What it answers: does a plan (policies and stock levels at every stage) deliver the promised
// service, at what cost and with what risk? Results are means over independent replications
// with 95% confidence intervals, so the uncertainty of the estimate is always shown.
//
// The network: stages (plants, DCs, stores) joined by arcs upstream -> downstream. A stage with
// no upstream arc is supplied by an outside supplier with unlimited stock (its own supply lead
// time). A stage with several upstream arcs assembles: one unit needs `upstream_units_per_unit`
// units from every parent, and it becomes stock only when a full set has arrived (parts that
// wait for their partners are held, and charged, at the parent's holding rate).
//
// Units: quantities are in units of the stage's own item (continuous, not rounded); time in
// periods; costs in money per unit per period (holding, backorders) or per order.
//
// Order of events in period t (t = 0 is the first period of the warm-up):
//   1. Receive: shipments due in t arrive (parts are matched into sets at assembly stages).
//   2. External demand: drawn at every stage that has it (times a surge factor, if any);
//      earlier backorders are served first, then the new demand; what stock cannot cover is
//      backordered, or lost under lost sales. A stage that is down serves nobody.
//   3. Orders: from the most downstream stage up, each stage reviews its inventory position and
//      orders by its policy; the order becomes a backorder owed by each parent (or by the
//      outside supplier). Inventory position (installation stock) = on hand + on order
//      - backorders owed to external customers - units owed to downstream stages. With the
//      echelon basis the stage uses its echelon position: its installation position plus the
//      echelon positions of its children, each times the units per child unit.
//   4. Ship: each stage ships what it owes its children from its on-hand stock (after step 2:
//      external customers come first). When stock is short it is split in proportion to what
//      each child is owed, or by child priority (lower `priority` first), or due debts first
//      (see Allocation). A shipment on an arc
//      leaves in t and arrives at the start of t + L, with L >= 1 drawn per shipment. With order
//      crossing allowed lead times are independent; without it a shipment never arrives before an
//      earlier one on the same arc (arrival = max(t + L, previous arrival)). Arcs that are down,
//      and stages that are down, ship nothing; what they owe waits.
//   5. Account (after the warm-up): on hand, backorders, on order, costs, service counters.
// So with a constant lead time L and a base-stock level S reviewed every period, the net stock
// at the end of a period is S minus the demand of the last L periods: the protection interval
// is L periods for base-stock, (s,S) and (r,Q) stages reviewed every period and L + R - 1 for
// a review every R periods, (R,S) and also (R,s,S) and (R,r,nQ) (the timing of Snyder & Shen,
// "Fundamentals of Supply Chain Theory", ch. 4 and 6, and of the guaranteed-service model's net
// replenishment time).
//
// Costs per period: holding = h_j * (on hand at j + units j shipped still in transit + parts
// from j waiting at an assembly stage); that is, a unit is charged at the rate of the last stage
// that owned it; goods from an outside supplier are not charged until received. Shortage =
// shortage cost * external backorders at the end of the period (backorders), or * units lost
// (lost sales). Units owed to downstream stages carry no shortage cost (their effect shows at
// the customers). Ordering = fixed cost per order placed.
//
// Randomness: Philox streams per (replication, stage or arc, purpose), see rng.h, so two runs
// that differ only in their decisions see the same demands and lead times (common random
// numbers), and results do not depend on how the work is sliced into steps.
//   demand: normal censored at zero (max(0, X): negative draws become zero demand; the mean
//     rises by sd * L(mean / sd), negligible beyond 3 sd), gamma (mean, sd), Poisson (mean),
//     discrete (values with probabilities), or constant. Normal demand of periods 2k and 2k + 1
//     comes from the two variates of one Box-Muller pair drawn at period 2k (half the random
//     bits, logarithms and square roots; the two are independent).
//   lead time: constant, discrete table, or normal / gamma (mean, sd) rounded to the nearest
//     period; any value below 1 becomes 1, and draws are capped at mean + 8 sd.
//
// Replications are simulated in blocks of kBlockReplications side by side, state stored as
// structure of arrays [stage][replication in block], so the inner loops run over a block of
// replications and vectorise (SSE2 natively, or AVX2 where the processor has it, chosen at load
// time on x86-64 Linux; simd128 in wasm). Within a period the five events
// run stage by stage, from the most downstream stage up (a stage's events involve only its own
// state, its in-arcs' shipments and its out-arcs' debts, and its orders need only its
// children's), so each stage's state is touched once per period. Results are bit-identical on
// both targets for the same seed (see rng.h for how).
//
// Progressive use (no threads; each call returns within its time budget):
//   auto sim = Simulation::start(network);      // validates; Result with every problem
//   while (!sim->finished()) { sim->step({.max_milliseconds = 8}); show(sim->estimates()); }
//   sim->restart();                              // cheap: keeps the compiled network
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace echelon::sim {

inline constexpr int kBlockReplications = 16;
// Thresholds on the overdue debt a stage can be measured at (SimStage::overdue_probe_units).
inline constexpr int kOverdueProbes = 4;

enum class DistributionKind { constant, normal, gamma, poisson, discrete };

// A random quantity: demand per period, or a lead time in periods per shipment.
struct Distribution {
  DistributionKind kind = DistributionKind::constant;
  double mean = 0.0;  // constant: the value; normal, gamma, Poisson: the mean
  double sd = 0.0;    // normal, gamma
  std::vector<double> values;         // discrete
  std::vector<double> probabilities;  // discrete, same length, sum 1 (within 1e-9)
};

enum class PolicyKind {
  base_stock,       // every period, order up to S
  periodic_review,  // (R, S): every R periods, order up to S
  min_max,          // (R, s, S): on review, when the position is at or below s, order up to S
  reorder_point,    // (R, r, nQ): on review, when the position is at or below r, order the least n * Q that lifts it above r
};
enum class StockBasis { installation, echelon };

struct Policy {
  PolicyKind kind = PolicyKind::base_stock;
  StockBasis basis = StockBasis::installation;
  double order_up_to = 0.0;     // S (base_stock, periodic_review, min_max)
  double reorder_level = 0.0;   // s or r (min_max, reorder_point)
  double order_quantity = 0.0;  // Q (reorder_point), > 0
  int review_period_periods = 1;   // R (periodic_review, min_max, reorder_point), >= 1
  int review_offset_periods = 0;   // reviews in periods t with t % R == offset
  // Stock on hand at the start of period 0; negative means "derive": the installation
  // order-up-to level (S, or r + Q), or for the echelon basis S minus the children's S.
  double initial_on_hand = -1.0;
};

struct SimStage {
  std::string name;
  double holding_cost_per_unit_period = 0.0;
  double unit_value = 0.0;                 // money per unit, for inventory value (working capital)
  double ordering_cost_per_order = 0.0;
  double shortage_cost_per_unit = 0.0;     // per unit backordered per period, or per unit lost
  Policy policy;
  bool has_external_demand = false;
  Distribution demand_per_period;
  Distribution supply_lead_time_periods;   // used when the stage has no upstream arc
  bool supply_order_crossing = true;
  int priority = 0;                        // for priority allocation by its parents: lower first
  // The outbound service time the stage promises its customers and children (periods; whole
  // periods count, a fraction is rounded to the nearest, half up, as lead times are): what is
  // owed is due this long after it was ordered. The on-time measures of StageKpis and the
  // due-first allocation use it; nothing else does.
  double quoted_service_time_periods = 0.0;
  // More thresholds on the debt overdue at the end of a period (units, increasing; 0: not
  // measured): StageKpis::on_time_period_share_at_probe[k] counts the periods with at most
  // overdue_probe_units[k] overdue. Raising the stage's level by x lowers what it owes by x in
  // every period, so that share is the on-time share the stage would reach with x more stock:
  // the points the cost to close a shortfall is read from (core/plan/promise.h).
  std::array<double, kOverdueProbes> overdue_probe_units{};
};

struct SimArc {
  int upstream = -1;
  int downstream = -1;
  double upstream_units_per_unit = 1.0;    // parent units in one downstream unit
  Distribution lead_time_periods;
  bool order_crossing = true;
};

enum class ShortageMode { backorders, lost_sales };
// due_first: what a child ordered at least the stage's quoted service time ago is shipped
// first (in proportion to those amounts when short), then the other debts oldest order period
// first (in proportion within a period); the order in which the guaranteed-service model serves
// its customers (first ordered, first due). What stays owed is then always the newest orders,
// so a level higher by x leaves exactly x less overdue (SimStage::overdue_probe_units).
enum class Allocation { proportional, priority, due_first };

// stage_down: the stage serves and ships nothing (receipts still arrive); arc_down: nothing is
// shipped on the arc; supply_down: the stage's outside supplier ships nothing; demand_surge:
// the stage's external demand is multiplied. What is owed meanwhile waits.
enum class DisruptionKind { stage_down, arc_down, supply_down, demand_surge };
struct Disruption {
  DisruptionKind kind = DisruptionKind::stage_down;
  int index = 0;                 // arc index for arc_down, else a stage index
  int first_period = 0;          // counted from the first period after the warm-up
  int period_count = 1;
  double demand_multiplier = 1.0;  // demand_surge
};

struct SimSettings {
  int periods = 365;             // measured periods per replication (after the warm-up)
  int warm_up_periods = 50;      // simulated first and discarded
  int replications = 200;        // target; step() stops there
  std::uint64_t seed = 1;
  // Per-period bands (P10/P50/P90 of on hand and owed) are taken over the first
  // `series_replications` replications, for the stages listed (empty: all, if at most 64).
  int series_replications = 100;
  std::vector<int> series_stages;
};

struct SimNetwork {
  std::vector<SimStage> stages;
  std::vector<SimArc> arcs;
  ShortageMode shortage = ShortageMode::backorders;
  Allocation allocation = Allocation::proportional;
  std::vector<Disruption> disruptions;
  SimSettings settings;
};

// Bounds on what one simulation may cost, checked by validate() so that no network exhausts
// time or memory: lead-time parameters (mean, sd, discrete values) at most kMaxLeadTimePeriods;
// demand parameters at most kMaxDemandPerPeriod; the work, stages x (warm-up + measured
// periods) x replications, at most kMaxStagePeriods (deterministic: it counts work, not time;
// a 20,000-stage tree runs about 13 million stage-periods a second on one core, small networks
// several times more, so the bound is at most a minute or two); and the memory of the transit rings and
// per-period bands at most kMaxSimulationBytes. A network over a bound gets a problem at path
// "settings" that says "too large" and why.
inline constexpr double kMaxLeadTimePeriods = 10000.0;
inline constexpr double kMaxDemandPerPeriod = 1e12;
inline constexpr double kMaxStagePeriods = 1e9;
inline constexpr double kMaxSimulationBytes = 512.0 * 1024.0 * 1024.0;

// The longest lead time a shipment can take, in whole periods (at least 1): the value of a
// constant, the largest value of a discrete table, mean + 8 sd (rounded) for normal and gamma.
int lead_time_cap_periods(const Distribution& lead_time);

// Bytes the engine holds for `network` (transit rings and per-period bands), and its work in
// stage-periods; both as doubles so that no size overflows while being checked.
double simulation_bytes(const SimNetwork& network);
double simulation_stage_periods(const SimNetwork& network);

// Every problem with its path ("stages/2/policy/order_up_to", "arcs/0/lead_time_periods/sd").
Problems validate(const SimNetwork& network);

// --- Results ---------------------------------------------------------------------------------

// Mean over replications and the half-width of its 95% confidence interval (Student t with
// n - 1 degrees of freedom; infinite below 2 replications).
struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;
};

// Per-period averages over the measured periods; service as fractions in [0, 1].
struct StageKpis {
  Estimate fill_rate;            // demand (external and children's orders) met from stock in its period
  Estimate cycle_service_level;  // replenishment cycles (receipt to receipt) without a stockout
  Estimate ready_rate;           // periods ending with stock on hand > 0
  Estimate stockout_probability; // periods ending with unmet demand (backordered, lost, or owed downstream)
  Estimate on_hand;
  Estimate backorders;           // owed to external customers, end of period
  Estimate owed_downstream;      // owed to downstream stages, end of period
  Estimate on_order;             // ordered and not yet received
  Estimate in_transit;           // shipped by this stage, not yet received downstream
  Estimate lost_sales;           // units per period (lost-sales mode)
  Estimate inventory_value;      // unit value * (on hand + in transit + waiting parts)
  Estimate holding_cost;
  Estimate ordering_cost;
  Estimate shortage_cost;
  Estimate total_cost;
  double worst_fill_rate = 1.0;  // the lowest fill rate of any replication
  // Served within the quoted service time S (SimStage::quoted_service_time_periods), the
  // guaranteed-service model's promise; with S = 0 this is "from stock at once". Debts to
  // customers and to each child are served first in, first out:
  Estimate on_time_period_share;  // periods ending with nothing owed for S periods or longer
  Estimate on_time_unit_share;    // units (external and children's orders placed in measured
                                  // periods, due within the horizon) served within S periods;
                                  // lost sales are never on time
  // Periods ending with at most SimStage::overdue_probe_units[k] overdue (for a probe of 0, the
  // same as on_time_period_share).
  std::array<Estimate, kOverdueProbes> on_time_period_share_at_probe;
};

struct NetworkKpis {
  Estimate fill_rate;            // external demand met from stock, over all demand stages
  Estimate stockout_probability; // periods in which any demand stage ends with unmet demand
  Estimate on_hand, backorders, on_order, in_transit, lost_sales, inventory_value;
  Estimate holding_cost, ordering_cost, shortage_cost, total_cost;
  // Distribution over replications of the total cost per period.
  double total_cost_median = 0.0, total_cost_p90 = 0.0, total_cost_p95 = 0.0;
  double total_cost_cvar95 = 0.0;  // mean of the costliest 5% of replications (at least one)
  double worst_fill_rate = 1.0;    // the lowest network fill rate of any replication
};

// Bands across replications for one stage, one value per measured period.
struct StageSeries {
  int stage = 0;
  std::vector<float> on_hand_p10, on_hand_p50, on_hand_p90;
  std::vector<float> owed_p10, owed_p50, owed_p90;  // backorders to customers + owed to children
};

struct Convergence {
  int replications_done = 0;
  int replications_target = 0;
  bool finished = false;
  double total_cost_relative_half_width = 0.0;  // half-width / |mean| of the network total cost
  double fill_rate_half_width = 0.0;            // of the network fill rate
};

struct SimEstimates {
  std::vector<StageKpis> stages;
  NetworkKpis network;
  std::vector<StageSeries> series;
  Convergence convergence;
};

// The 97.5% quantile of Student's t with `dof` degrees of freedom (table to 30, then the
// Cornish-Fisher expansion; within 1e-6 of the exact value).
double student_t_975(int dof);

// A 64-bit FNV-1a digest of every number in the estimates (-0 counted as +0): equal digests
// natively and in wasm show bit-identical results.
std::uint64_t digest(const SimEstimates& estimates);

// --- Progressive simulation ------------------------------------------------------------------

struct StepBudget {
  int max_replications = 0;        // stop once this many more have completed (0: no limit)
  double max_milliseconds = 0.0;   // stop when this much time has passed (0: no limit)
};

struct StepReport {
  int replications_completed = 0;  // in this call
  double elapsed_milliseconds = 0.0;
  bool finished = false;
};

class Simulation {
 public:
  static Result<Simulation> start(const SimNetwork& network);

  // Runs replications (blocks of kBlockReplications at a time, resumable mid-block) until the
  // budget or the target number of replications is reached.
  StepReport step(const StepBudget& budget);

  SimEstimates estimates() const;
  // The same without the per-period bands, which cost a selection per period and replication
  // column; and the bands of chosen stages (those not recorded, see SimSettings, are skipped).
  // An app showing one stage's chart refreshes the KPIs often and that stage's bands only.
  SimEstimates estimates_without_series() const;
  std::vector<StageSeries> series(const std::vector<int>& stages) const;
  bool finished() const;
  int replications_done() const;
  // Share of the run done, in [0, 1]: finished replications plus the periods run of the block
  // under way (on thousands of stages a block of replications takes many frames).
  double progress() const;

  // Drops all progress (same network and seed); cheap.
  void restart();
  // Drops all progress and uses another seed.
  void restart(std::uint64_t seed);

  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;
  ~Simulation();

  struct Engine;  // defined in sim_engine.cpp

 private:
  explicit Simulation(std::unique_ptr<Engine> engine);
  std::unique_ptr<Engine> engine_;
};

// Runs every replication at once (no time slicing).
Result<SimEstimates> simulate(const SimNetwork& network);

}  // namespace echelon::sim
