// The simulation engine behind sim.h: the compiled network, the block state (structure of
// arrays over kBlockReplications replications) and the period loop that runs sim.h's five
// events. Its parts live in their own modules: four-lane arithmetic (lanes.h), draws of demand
// and lead times (sampler.h), shipments in transit (transit.h), debts judged against the quoted
// service time (on_time.h), and the KPIs and their confidence intervals (kpis.h).
//
// Throughput is measured by bench/sim_bench.cpp (stage-periods per second, natively and in wasm);
// bench/sim_fingerprint_bench.cpp prints digests that must be equal on both targets.
//
// Contents
//   ArcC               a compiled arc: ends, units, lead-time sampler, ring, random stream
//   Simulation::Engine
//     compile          network to arrays: topology, arcs, samplers, rings, on-time streams
//     begin_block      block state zeroed, initial stock
//     run_period       one period of one block, stage by stage from downstream:
//       receive        arrivals from the rings, parts matched into sets
//       serve_demand   external demand against stock (backorders or lost sales)
//       place_orders   the policy against the inventory position
//       ship           allocation to children (proportional, priority, ship_due_first)
//       account        end-of-period sums for the KPIs, account_on_time
//       record_series  per-period on hand and owed of the series stages
//       dispatch       a shipment into its ring
//     finish_block     a block's replications into the KPI tally
//   Simulation         start, step (work and time budgets), restart, estimates, series, simulate

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "core/sim/kpis.h"
#include "core/sim/lanes.h"
#include "core/sim/on_time.h"
#include "core/sim/sampler.h"
#include "core/sim/sim.h"
#include "core/sim/transit.h"
#include "core/stats/rng.h"
#include "core/stats/stats.h"

namespace echelon::sim {
namespace {

constexpr int B = kBlockReplications;

struct ArcC {
  int parent = -1;  // -1: outside supplier
  int child = 0;
  double units = 1.0;
  Sampler lead;
  bool crossing = true;
  bool child_assembles = false;  // the child matches parts from several arcs into sets
  int fixed_lead = 0;  // > 0 when the lead time is constant
  int mask = 0;        // ring slots - 1 (a power of two minus one)
  std::size_t pipe_offset = 0;  // the ring's first slot in the TransitStore
  std::uint32_t stream = 0;
  int user_index = -1;  // index in SimNetwork::arcs, -1 for supply arcs
};

}  // namespace

struct Simulation::Engine {
  SimNetwork net;
  int n = 0;
  rng::Key key{};
  std::vector<int> topo;  // upstream first
  std::vector<ArcC> arcs;
  std::vector<std::vector<int>> in_arcs, out_arcs;  // out_arcs in allocation order
  std::vector<Sampler> demand;
  std::vector<double> initial_on_hand;
  std::vector<int> series_stages;
  int series_reps = 0;
  int horizon = 0;  // warm-up + measured periods

  int block_first = 0, block_count = 0, t = 0;
  bool block_active = false;
  // Where a period or a block's finish cut short by the clock goes on: the next stage of period
  // t in `topo` (counted from the most downstream one) and the next lane to tally. On thousands
  // of stages one period of a block, or its tally, takes milliseconds.
  int stages_done_in_period = 0;
  int lanes_finished = 0;
  // Block state, one record per stage and one per arc, so that a stage's events touch a few
  // contiguous stretches of memory: [stage][field or accumulator][lane], [arc][field][lane].
  enum StageField { fOnHand, fBacklog, fOnOrder, fEchelon, fNewInternal, fCycleFlag, fDemandNext, kStageFields };
  enum ArcField { fOwed, fInTransit, fParts, fLastArrival, kArcFields };
  static constexpr std::size_t kStageRecord = (static_cast<std::size_t>(kStageFields) + kAccCount) * B;
  static constexpr std::size_t kArcRecord = static_cast<std::size_t>(kArcFields) * B;
  std::vector<double> stage_state, arc_state;
  TransitStore rings;  // the arcs' rings (transit.h), zeroed in slices before each block
  std::vector<double> net_stockout;  // [lane]
  std::vector<double> net_stockout_periods;  // [lane]: periods in which some customer went short
  std::vector<char> assembles;    // [stage]: several in-arcs, parts matched into sets
  std::vector<char> reads_down;   // [stage]: needs its children's echelon positions
  std::vector<char> keeps_ech;    // [stage]: a parent reads its echelon position
  std::vector<char> stage_down, arc_down, supply_down;
  std::vector<double> surge;
  std::vector<int> quoted;                  // [stage] whole periods of quoted service time
  std::vector<OnTimeStream> external_stream;  // [stage]
  std::vector<OnTimeStream> arc_stream;       // [compiled arc]; untracked for outside suppliers
  std::vector<double> on_time_state;
  std::vector<double> due_scratch, ship_scratch;  // [out-arc][lane], for due-first allocation
  std::vector<double> rest_owed, newer_orders, period_open;  // [out-arc], for ship_rest_oldest_first
  std::size_t on_time_size = 0;

  // Results so far.
  int done = 0;
  KpiTally kpis;
  std::vector<double> block_sums;  // finish_block: one lane's sums, [stage][Acc]
  std::vector<float> series_oh, series_owed;  // [series stage][period][rep]

  double* SF(int field, int stage) {
    return stage_state.data() + static_cast<std::size_t>(stage) * kStageRecord + static_cast<std::size_t>(field) * B;
  }
  double* AF(int field, int arc) {
    return arc_state.data() + static_cast<std::size_t>(arc) * kArcRecord + static_cast<std::size_t>(field) * B;
  }
  double* A(int stage, int which) { return SF(static_cast<int>(kStageFields) + which, stage); }
  TransitRing ring(const ArcC& c) const { return TransitRing{rings.data + c.pipe_offset, c.mask}; }

  void compile(const SimNetwork& network) {
    net = network;
    n = static_cast<int>(net.stages.size());
    key = rng::key_from_seed(net.settings.seed);
    horizon = net.settings.warm_up_periods + net.settings.periods;
    in_arcs.assign(n, {});
    out_arcs.assign(n, {});
    arcs.clear();
    const auto user_arcs = static_cast<int>(net.arcs.size());
    for (int a = 0; a < user_arcs; ++a) {
      const SimArc& u = net.arcs[a];
      ArcC c;
      c.parent = u.upstream;
      c.child = u.downstream;
      c.units = u.upstream_units_per_unit;
      c.lead = Sampler::make(u.lead_time_periods, true);
      c.crossing = u.order_crossing;
      c.user_index = a;
      arcs.push_back(std::move(c));
    }
    std::vector<char> has_parent(static_cast<std::size_t>(n), 0);  // one pass: stages x arcs would be quadratic
    for (const SimArc& u : net.arcs) has_parent[static_cast<std::size_t>(u.downstream)] = 1;
    for (int s = 0; s < n; ++s) {
      if (has_parent[static_cast<std::size_t>(s)]) continue;
      ArcC c;
      c.parent = -1;
      c.child = s;
      c.lead = Sampler::make(net.stages[s].supply_lead_time_periods, true);
      c.crossing = net.stages[s].supply_order_crossing;
      arcs.push_back(std::move(c));
    }
    std::size_t offset = 0;
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      ArcC& c = arcs[a];
      c.stream = rng::stream_id(static_cast<std::uint32_t>(a), rng::Purpose::lead_time);
      if (c.lead.is_constant()) c.fixed_lead = c.lead.lead_cap;
      const int slots = transit_slot_count(c.lead.lead_cap);
      c.mask = slots - 1;
      c.pipe_offset = offset;
      offset += static_cast<std::size_t>(slots) * B;
      in_arcs[c.child].push_back(static_cast<int>(a));
      if (c.parent >= 0) out_arcs[c.parent].push_back(static_cast<int>(a));
    }
    if (net.allocation == Allocation::priority) {
      for (auto& list : out_arcs)
        std::stable_sort(list.begin(), list.end(), [&](int x, int y) {
          return net.stages[arcs[x].child].priority < net.stages[arcs[y].child].priority;
        });
    }
    // Topological order (validate() has ruled out cycles).
    std::vector<int> indeg(n, 0);
    for (const ArcC& c : arcs)
      if (c.parent >= 0) ++indeg[c.child];
    topo.clear();
    for (int s = 0; s < n; ++s)
      if (indeg[s] == 0) topo.push_back(s);
    for (std::size_t k = 0; k < topo.size(); ++k)
      for (int a : out_arcs[topo[k]])
        if (--indeg[arcs[a].child] == 0) topo.push_back(arcs[a].child);
    assembles.assign(n, 0);
    for (int s = 0; s < n; ++s) assembles[s] = in_arcs[s].size() > 1 ? 1 : 0;
    for (ArcC& c : arcs) c.child_assembles = assembles[c.child] != 0;
    // Echelon positions are kept only where an echelon-based stage upstream will read them.
    reads_down.assign(n, 0);
    keeps_ech.assign(n, 0);
    for (int s : topo) {
      for (int a : in_arcs[s])
        if (arcs[a].parent >= 0 && reads_down[arcs[a].parent]) keeps_ech[s] = 1;
      reads_down[s] = (net.stages[s].policy.basis == StockBasis::echelon || keeps_ech[s]) ? 1 : 0;
    }
    demand.clear();
    for (const SimStage& s : net.stages) demand.push_back(Sampler::make(s.demand_per_period, false));
    // Initial stock.
    initial_on_hand.assign(n, 0.0);
    for (int s = 0; s < n; ++s) {
      const Policy& p = net.stages[s].policy;
      double level = p.kind == PolicyKind::reorder_point ? p.reorder_level + p.order_quantity : p.order_up_to;
      if (p.basis == StockBasis::echelon && p.kind != PolicyKind::reorder_point) {
        for (int a : out_arcs[s]) level -= arcs[a].units * net.stages[arcs[a].child].policy.order_up_to;
      }
      initial_on_hand[s] = p.initial_on_hand >= 0.0 ? p.initial_on_hand : std::max(0.0, level);
    }
    series_stages = net.settings.series_stages;
    if (series_stages.empty() && n <= 64)
      for (int s = 0; s < n; ++s) series_stages.push_back(s);
    series_reps = std::min(net.settings.series_replications, net.settings.replications);
    if (series_stages.empty()) series_reps = 0;
    const std::size_t na = arcs.size();
    quoted.assign(n, 0);
    for (int s = 0; s < n; ++s) {
      quoted[s] = quoted_whole_periods(net.stages[s].quoted_service_time_periods);
    }
    external_stream.assign(n, {});
    arc_stream.assign(na, {});
    on_time_size = 0;
    for (int s = 0; s < n; ++s)
      if (net.stages[s].has_external_demand) external_stream[s] = track_on_time(quoted[s], on_time_size);
    for (std::size_t a = 0; a < na; ++a)
      if (arcs[a].parent >= 0) arc_stream[a] = track_on_time(quoted[arcs[a].parent], on_time_size);
    // Block state is grown in slices before the first block (grow_block_state) and zeroed by
    // begin_block.
    rings.size = offset;
    net_stockout.assign(B, 0.0);
    net_stockout_periods.assign(B, 0.0);
    stage_down.assign(n, 0);
    supply_down.assign(n, 0);
    surge.assign(n, 1.0);
    arc_down.assign(na, 0);
    reset_results();
  }

  void reset_results() {
    done = 0;
    block_active = false;
    stages_done_in_period = 0;
    lanes_finished = 0;
    rings.mark_used();  // a block may have been cut short
    kpis.reset(n);
    const std::size_t series_size =
        series_stages.size() * static_cast<std::size_t>(net.settings.periods) * static_cast<std::size_t>(series_reps);
    series_oh.assign(series_size, 0.0f);
    series_owed.assign(series_size, 0.0f);
  }

  // The block state's first use touches all of its memory (about 20 MB on 2,674 stages, over
  // 100 ms of page faults on a loaded machine): before the first block it is grown to its size in
  // slices of 2 MB, zeroed, so that begin_block only refills memory already touched. True once
  // every array has its size; the values are begin_block's either way.
  bool grow_block_state() {
    constexpr std::size_t kSlice = std::size_t{1} << 18;
    const std::size_t sizes[3] = {static_cast<std::size_t>(n) * kStageRecord, arcs.size() * kArcRecord, on_time_size};
    std::vector<double>* arrays[3] = {&stage_state, &arc_state, &on_time_state};
    for (int k = 0; k < 3; ++k) {
      std::vector<double>& v = *arrays[k];
      if (v.size() >= sizes[k]) continue;
      v.reserve(sizes[k]);
      v.resize(std::min(sizes[k], v.size() + kSlice), 0.0);
      return k == 2 && v.size() >= sizes[k];
    }
    return true;
  }

  void begin_block() {
    block_first = done;
    block_count = std::min(B, net.settings.replications - done);
    t = 0;
    stage_state.assign(static_cast<std::size_t>(n) * kStageRecord, 0.0);
    arc_state.assign(arcs.size() * kArcRecord, 0.0);
    on_time_state.assign(on_time_size, 0.0);
    std::fill(net_stockout.begin(), net_stockout.end(), 0.0);
    std::fill(net_stockout_periods.begin(), net_stockout_periods.end(), 0.0);
    for (int s = 0; s < n; ++s) std::fill_n(SF(fOnHand, s), B, initial_on_hand[s]);
    block_active = true;
  }

  // Disruption flags for measured period `rel`; without disruptions they keep their defaults.
  void set_disruptions(int rel) {
    if (net.disruptions.empty()) return;
    std::fill(stage_down.begin(), stage_down.end(), 0);
    std::fill(supply_down.begin(), supply_down.end(), 0);
    std::fill(arc_down.begin(), arc_down.end(), 0);
    std::fill(surge.begin(), surge.end(), 1.0);
    for (const Disruption& d : net.disruptions) {
      if (rel < d.first_period || rel >= d.first_period + d.period_count) continue;
      switch (d.kind) {
        case DisruptionKind::stage_down: stage_down[d.index] = 1; break;
        case DisruptionKind::arc_down: arc_down[d.index] = 1; break;
        case DisruptionKind::supply_down: supply_down[d.index] = 1; break;
        case DisruptionKind::demand_surge: surge[d.index] *= d.demand_multiplier; break;
      }
    }
  }

  // One period of the block: the five events of sim.h. A stage's events read and write only its
  // own state, the rings and parts of its in-arcs and the debts of its out-arcs, and its
  // orders need only its children's; so one pass from the most downstream stage up runs all five
  // events stage by stage while that stage's state is in cache. Every lane still sees the same
  // operations in the same order as with five passes over all stages (the draws are
  // counter-based, so their order does not matter either).
  //
  // Lane loops work on Lanes, branch-free: both arms of a choice are computed and then selected
  // (select, lanes_min, lanes_max), and 0/1 indicators come from comparisons (indicator).
  //
  // Runs the next `max_stages` stages of period t (at least one); true when that ends the period.
  // A period run in parts does exactly what one run whole does: the parts only cut the stage loop.
  ECHELON_SIM_CLONES bool run_period_part(int max_stages) {
    const int warm = net.settings.warm_up_periods;
    const bool measured = t >= warm;
    if (stages_done_in_period == 0) {
      set_disruptions(t - warm);
      if (t == warm)
        for (int s = 0; s < n; ++s) std::fill_n(SF(fCycleFlag, s), B, 0.0);
    }
    const int end = std::min(n, stages_done_in_period + std::max(1, max_stages));
    for (int i = stages_done_in_period; i < end; ++i) {
      const int s = topo[static_cast<std::size_t>(n - 1 - i)];
      alignas(16) double lost[B];
      receive(s);
      serve_demand(s, measured, lost);
      place_orders(s, measured);
      ship(s, measured);
      if (measured) {
        account(s, lost);
        account_on_time(s, lost);
      }
    }
    stages_done_in_period = end;
    if (end < n) return false;
    stages_done_in_period = 0;
    if (!measured) return true;
    record_series(static_cast<std::size_t>(t - warm));
    double* __restrict nso = net_stockout_periods.data();
    for (int r = 0; r < B; ++r) {
      nso[r] += net_stockout[r];
      net_stockout[r] = 0.0;
    }
    return true;
  }

  // 1. Receive: shipments due now arrive on the in-arcs; an assembly stage matches parts into
  // full sets (parts waiting for their partners stay with the arc). A stage with one in-arc takes
  // what arrives as it is, so its arc never holds parts.
  void receive(int s) {
    const auto& ins = in_arcs[s];
    double* __restrict o = SF(fOnHand, s);
    double* __restrict oo = SF(fOnOrder, s);
    const bool count_cycles = t > net.settings.warm_up_periods;
    double* __restrict cyc = A(s, aCycles);
    double* __restrict cso = A(s, aCycleStockouts);
    double* __restrict flag = SF(fCycleFlag, s);
    alignas(16) double kits[B];
    if (!assembles[s]) {
      const ArcC& c = arcs[ins[0]];
      double* __restrict p = ring(c).slot(t);
      double* __restrict it = AF(fInTransit, ins[0]);
      for (int r = 0; r < B; r += kLanes) {
        const Lanes arriving = load(p + r);
        store(it + r, load(it + r) - arriving);
        store(p + r, splat(0.0));
        store(kits + r, arriving);
      }
    } else {
      for (int a : ins) {
        const ArcC& c = arcs[a];
        double* __restrict p = ring(c).slot(t);
        double* __restrict it = AF(fInTransit, a);
        double* __restrict cp = AF(fParts, a);
        for (int r = 0; r < B; r += kLanes) {
          const Lanes arriving = load(p + r);
          store(it + r, load(it + r) - arriving);
          store(cp + r, load(cp + r) + arriving);
          store(p + r, splat(0.0));
        }
      }
      for (int r = 0; r < B; r += kLanes) {
        Lanes sets = load(AF(fParts, ins[0]) + r);
        for (std::size_t k = 1; k < ins.size(); ++k) sets = lanes_min(sets, load(AF(fParts, ins[k]) + r));
        for (int a : ins) {
          double* ck = AF(fParts, a) + r;
          store(ck, load(ck) - sets);
        }
        store(kits + r, sets);
      }
    }
    for (int r = 0; r < B; r += kLanes) {
      const Lanes received = load(kits + r);
      store(o + r, load(o + r) + received);
      store(oo + r, load(oo + r) - received);
      if (count_cycles) {
        const auto closed_mask = received > splat(0.0);
        const Lanes closed = indicator(closed_mask);
        const Lanes open_flag = load(flag + r);
        store(cyc + r, load(cyc + r) + closed);
        store(cso + r, load(cso + r) + closed * open_flag);
        store(flag + r, select(closed_mask, splat(0.0), open_flag));
      }
    }
  }

  // 2. External demand: backorders first, then the new demand; the rest is backordered or lost.
  void serve_demand(int s, bool measured, double* __restrict lost) {
    if (!net.stages[s].has_external_demand) return;
    // Demand is drawn two periods at a time (see draw_block_pair); the odd period's is kept.
    alignas(16) double d[B];
    double* __restrict next = SF(fDemandNext, s);
    if (t % 2 == 0) {
      demand[s].draw_block_pair(key, static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(block_first),
                                rng::stream_id(static_cast<std::uint32_t>(s), rng::Purpose::demand), d, next);
    } else {
      for (int r = 0; r < B; ++r) d[r] = next[r];
    }
    const Lanes factor = splat(surge[s]);
    const Lanes up = splat(stage_down[s] ? 0.0 : 1.0);
    const bool lost_mode = net.shortage == ShortageMode::lost_sales;
    // Factors of 0 or 1 instead of branches; adding 0 * x leaves sums unchanged.
    const Lanes keep_backlog = splat(lost_mode ? 0.0 : 1.0), lose = splat(lost_mode ? 1.0 : 0.0);
    double* __restrict o = SF(fOnHand, s);
    double* __restrict bo = SF(fBacklog, s);
    double* __restrict acc_s = A(s, 0);
    alignas(16) double placed[B];
    for (int r = 0; r < B; r += kLanes) {
      const Lanes demand_now = load(d + r) * factor;
      store(placed + r, demand_now);
      const Lanes on_hand = load(o + r), backlog_now = load(bo + r);
      const Lanes avail = on_hand * up;
      const Lanes to_backlog = lanes_min(backlog_now, avail);
      const Lanes fill = lanes_min(demand_now, avail - to_backlog);
      const Lanes unmet = demand_now - fill;
      store(o + r, on_hand - (to_backlog + fill));
      store(bo + r, backlog_now + (keep_backlog * unmet - to_backlog));
      store(lost + r, lose * unmet);
      if (measured) {
        store(acc_s + aExtDemand * B + r, load(acc_s + aExtDemand * B + r) + demand_now);
        store(acc_s + aExtFilled * B + r, load(acc_s + aExtFilled * B + r) + fill);
      }
    }
    record_orders(on_time_state.data(), external_stream[s], t, placed);
  }

  // 3. Orders: the inventory position (installation or echelon) against the policy.
  void place_orders(int s, bool measured) {
    const Policy& pol = net.stages[s].policy;
    alignas(16) double pos[B], down_ech[B], q[B];
    const double* __restrict o = SF(fOnHand, s);
    const double* __restrict bo = SF(fBacklog, s);
    double* __restrict oo = SF(fOnOrder, s);
    const bool echelon = pol.basis == StockBasis::echelon;
    const bool with_down = reads_down[s] != 0;
    const auto& outs = out_arcs[s];
    for (int r = 0; r < B; r += kLanes) {
      Lanes ip = load(o + r) + load(oo + r) - load(bo + r);
      Lanes de = splat(0.0);
      for (int a : outs) ip -= splat(arcs[a].units) * load(AF(fOwed, a) + r);
      if (with_down)
        for (int a : outs) de += splat(arcs[a].units) * load(SF(fEchelon, arcs[a].child) + r);
      // pos holds the installation position until the order is known.
      store(pos + r, ip);
      store(down_ech + r, de);
    }
    // The position the policy looks at: installation, or echelon (plus the children's).
    alignas(16) double position[B];
    for (int r = 0; r < B; r += kLanes)
      store(position + r, echelon ? load(pos + r) + load(down_ech + r) : load(pos + r));
    switch (pol.kind) {
      case PolicyKind::base_stock:
      case PolicyKind::periodic_review: {
        const bool review = pol.kind == PolicyKind::base_stock ||
                            (t % pol.review_period_periods) == pol.review_offset_periods;
        const Lanes level = splat(pol.order_up_to);
        for (int r = 0; r < B; r += kLanes) {
          const Lanes x = load(position + r);
          store(q + r, review ? select(x < level, level - x, splat(0.0)) : splat(0.0));
        }
        break;
      }
      case PolicyKind::min_max: {
        // Reviewed in periods t with t % R == offset (every period when R = 1).
        if ((t % pol.review_period_periods) != pol.review_offset_periods) {
          for (int r = 0; r < B; r += kLanes) store(q + r, splat(0.0));
          break;
        }
        const Lanes s_low = splat(pol.reorder_level), level = splat(pol.order_up_to);
        for (int r = 0; r < B; r += kLanes) {
          const Lanes x = load(position + r);
          store(q + r, select(x <= s_low, level - x, splat(0.0)));
        }
        break;
      }
      case PolicyKind::reorder_point: {
        if ((t % pol.review_period_periods) != pol.review_offset_periods) {
          for (int r = 0; r < B; ++r) q[r] = 0.0;
          break;
        }
        // floor has no SSE2 instruction; this policy stays scalar.
        const double rl = pol.reorder_level, qty = pol.order_quantity;
        for (int r = 0; r < B; ++r) {
          const double x = position[r];
          q[r] = x <= rl ? qty * (std::floor((rl - x) / qty) + 1.0) : 0.0;
        }
        break;
      }
    }
    double* __restrict e = SF(fEchelon, s);
    const bool keep = keeps_ech[s] != 0;
    double* __restrict orders = A(s, aOrders);
    const auto& ins = in_arcs[s];
    for (int r = 0; r < B; r += kLanes) {
      const Lanes qr = load(q + r);
      if (keep) store(e + r, load(pos + r) + qr + load(down_ech + r));
      store(oo + r, load(oo + r) + qr);
      for (int a : ins) {
        double* ow = AF(fOwed, a) + r;
        store(ow, load(ow) + qr);
        if (arcs[a].parent >= 0) {
          double* ni = SF(fNewInternal, arcs[a].parent) + r;
          store(ni, load(ni) + splat(arcs[a].units) * qr);
        }
      }
      if (measured) store(orders + r, load(orders + r) + indicator(qr > splat(0.0)));
    }
    for (int a : ins) record_orders(on_time_state.data(), arc_stream[a], t, q);
  }

  // 4. Ship: the outside supplier ships what it owes; the stage ships to its children.
  void ship(int s, bool measured) {
    const auto& ins = in_arcs[s];
    if (arcs[ins[0]].parent < 0) {
      const int a = ins[0];
      const Lanes up = splat(supply_down[s] ? 0.0 : 1.0);
      double* __restrict ow = AF(fOwed, a);
      alignas(16) double sh[B];
      for (int r = 0; r < B; r += kLanes) {
        const Lanes owed_now = load(ow + r);
        const Lanes shipment = owed_now * up;
        store(sh + r, shipment);
        store(ow + r, owed_now - shipment);
      }
      dispatch(a, sh);
    }
    const auto& outs = out_arcs[s];
    if (outs.empty()) return;
    double* __restrict ni = SF(fNewInternal, s);
    double* __restrict o = SF(fOnHand, s);
    alignas(16) double all[B], share[B], shipped[B], sh[B];
    const Lanes up = splat(stage_down[s] ? 0.0 : 1.0);
    const bool proportional = net.allocation == Allocation::proportional;
    for (int r = 0; r < B; r += kLanes) {
      Lanes all_r = splat(0.0), req = splat(0.0);
      for (int a : outs) {
        const Lanes u = splat(arcs[a].units);
        const Lanes open = splat(arc_down[arcs[a].user_index] ? 0.0 : 1.0);
        const Lanes ow = load(AF(fOwed, a) + r);
        all_r += u * ow;
        req += open * u * ow;
      }
      store(all + r, all_r);
      store(shipped + r, splat(0.0));
      const Lanes avail = load(o + r) * up;
      // Proportional: the fraction of each debt shipped; priority: the stock left to allocate.
      // (avail / req is discarded where req <= avail, also where req is 0.)
      store(share + r, proportional ? select(req > avail, avail / req, up) : avail);
    }
    if (net.allocation == Allocation::due_first) {
      ship_due_first(s, o, up[0], shipped);
    } else for (int a : outs) {
      const Lanes u = splat(arcs[a].units);
      const Lanes open = splat(arc_down[arcs[a].user_index] ? 0.0 : 1.0);
      double* __restrict ow = AF(fOwed, a);
      for (int r = 0; r < B; r += kLanes) {
        const Lanes owed_now = load(ow + r);
        Lanes shipment;
        if (proportional) {
          shipment = open * load(share + r) * owed_now;
        } else {
          const Lanes rem = load(share + r);
          shipment = open * lanes_min(owed_now, rem / u);
          store(share + r, lanes_max(splat(0.0), rem - u * shipment));
        }
        store(sh + r, shipment);
        store(ow + r, owed_now - shipment);
        store(shipped + r, load(shipped + r) + u * shipment);
      }
      dispatch(a, sh);
    }
    double* __restrict acc_s = A(s, 0);
    for (int r = 0; r < B; r += kLanes) {
      const Lanes shipped_r = load(shipped + r);
      store(o + r, lanes_max(splat(0.0), load(o + r) - shipped_r));
      if (measured) {
        const Lanes new_orders = load(ni + r);
        const Lanes old = load(all + r) - new_orders;
        const Lanes immediate = lanes_min(new_orders, lanes_max(splat(0.0), shipped_r - old));
        store(acc_s + aIntDemand * B + r, load(acc_s + aIntDemand * B + r) + new_orders);
        store(acc_s + aIntFilled * B + r, load(acc_s + aIntFilled * B + r) + immediate);
      }
      // The children of s have all ordered before s (downstream first); start the next sum.
      store(ni + r, splat(0.0));
    }
  }

  // Due-first allocation (sim.h): what each child ordered S or more periods ago (S = the stage's
  // quoted service time) is shipped first, in proportion to those amounts when stock is short;
  // the stock left then goes to the rest of the debts in proportion to them. Adds each lane's
  // shipped units (stage units) to `shipped`.
  void ship_due_first(int s, const double* __restrict on_hand, double up, double* __restrict shipped) {
    const auto& outs = out_arcs[s];
    const std::size_t m = outs.size();
    due_scratch.assign(m * B, 0.0);
    ship_scratch.assign(m * B, 0.0);
    for (std::size_t k = 0; k < m; ++k) {
      const int a = outs[k];
      const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
      overdue_debt(on_time_state.data(), arc_stream[a], t, AF(fOwed, a), open, due_scratch.data() + k * B);
    }
    for (int r = 0; r < B; ++r) {
      const double avail = on_hand[r] * up;
      double due_total = 0.0;
      for (std::size_t k = 0; k < m; ++k) due_total += arcs[outs[k]].units * due_scratch[k * B + r];
      const double f1 = due_total > avail ? avail / due_total : 1.0;
      double used = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        ship_scratch[k * B + r] = f1 * due_scratch[k * B + r];
        used += arcs[outs[k]].units * ship_scratch[k * B + r];
      }
      double rest_stock = std::max(0.0, avail - used);
      double rest_total = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const int a = outs[k];
        const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
        rest_total += arcs[a].units * open * (AF(fOwed, a)[r] - ship_scratch[k * B + r]);
      }
      if (rest_total <= rest_stock || m == 1) {
        const double f2 = rest_total > rest_stock ? rest_stock / rest_total : 1.0;
        for (std::size_t k = 0; k < m; ++k) {
          const int a = outs[k];
          const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
          const double owed_now = AF(fOwed, a)[r];
          ship_scratch[k * B + r] += f2 * open * (owed_now - ship_scratch[k * B + r]);
        }
        continue;
      }
      // Short of the debts not yet due, with several children: the oldest go first, the orders of
      // period t - S + 1, then t - S + 2, ... (in proportion within a period), as the model's
      // first-ordered, first-served. So whatever is still owed at the end of the period is the
      // newest orders, and a level higher by x leaves exactly x less overdue (the on-time probes,
      // sim.h). Each child's open debt is its newest orders (first in, first out within a child):
      // the part of period p's order still open is what it owes beyond the orders after p.
      ship_rest_oldest_first(s, r, rest_stock);
    }
    alignas(16) double sh[B];
    for (std::size_t k = 0; k < m; ++k) {
      const int a = outs[k];
      double* __restrict ow = AF(fOwed, a);
      for (int r = 0; r < B; ++r) {
        sh[r] = ship_scratch[k * B + r];
        ow[r] -= sh[r];
        shipped[r] += arcs[a].units * sh[r];
      }
      dispatch(a, sh);
    }
  }

  // The stock left after the overdue debts of lane r, to the children's open debts oldest period
  // first (ship_due_first); adds to ship_scratch. A child's open debt is its newest orders, so
  // its part of the order of `back` periods ago still open is what it owes beyond the orders
  // after that one. The walk starts at the oldest period not yet due, with the sum of the
  // newer orders from the stream's running sum, and stops when the stock is gone.
  void ship_rest_oldest_first(int s, int r, double stock) {
    const auto& outs = out_arcs[s];
    const std::size_t m = outs.size();
    const int quoted_periods = quoted[s];
    rest_owed.assign(m, 0.0);
    newer_orders.assign(m, 0.0);
    period_open.assign(m, 0.0);
    for (std::size_t k = 0; k < m; ++k) {
      const int a = outs[k];
      if (arc_down[arcs[a].user_index]) continue;
      rest_owed[k] = std::max(0.0, AF(fOwed, a)[r] - ship_scratch[k * B + r]);
      // The orders of the last S periods: the running sum of the last S + 1 less the oldest.
      const OnTimeStream& stream = arc_stream[a];
      const double* base = on_time_state.data() + stream.offset;
      const double sum = base[static_cast<std::size_t>(stream.span) * B + r];
      const double oldest = base[static_cast<std::size_t>((t + 1) % stream.span) * B + r];
      newer_orders[k] = sum - oldest;
    }
    for (int back = quoted_periods - 1; back >= 0 && stock > 0.0; --back) {
      if (back > t) continue;  // before the first period: no orders
      double period_total = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const int a = outs[k];
        if (arc_down[arcs[a].user_index]) continue;
        const double q = orders_of_period(on_time_state.data(), arc_stream[a], t - back)[r];
        newer_orders[k] -= q;
        period_open[k] = std::clamp(rest_owed[k] - std::max(0.0, newer_orders[k]), 0.0, q);
        period_total += arcs[a].units * period_open[k];
      }
      if (period_total <= 0.0) continue;
      const double f = period_total > stock ? stock / period_total : 1.0;
      for (std::size_t k = 0; k < m; ++k) {
        const double sent = f * period_open[k];
        ship_scratch[k * B + r] += sent;
        rest_owed[k] -= sent;
      }
      stock -= f * period_total;
    }
  }

  // 5. Account: end-of-period stock and debts of stage s (costs follow from them in finish_block).
  void account(int s, const double* __restrict lost) {
    const bool customers = net.stages[s].has_external_demand;
    const bool lost_mode = net.shortage == ShortageMode::lost_sales;
    const double* __restrict o = SF(fOnHand, s);
    const double* __restrict bo = SF(fBacklog, s);
    const double* __restrict oo = SF(fOnOrder, s);
    double* __restrict flag = SF(fCycleFlag, s);
    double* __restrict nso = net_stockout.data();
    double* __restrict acc_s = A(s, 0);
    const auto& outs = out_arcs[s];
    auto add = [&](int which, int r, Lanes x) {
      double* p = acc_s + which * B + r;
      store(p, load(p) + x);
    };
    for (int r = 0; r < B; r += kLanes) {
      Lanes owed_down = splat(0.0);
      if (!outs.empty()) {
        Lanes transit = splat(0.0);
        for (int a : outs) {
          const Lanes u = splat(arcs[a].units);
          owed_down += u * load(AF(fOwed, a) + r);
          const Lanes moving = load(AF(fInTransit, a) + r);
          transit += u * (arcs[a].child_assembles ? moving + load(AF(fParts, a) + r) : moving);
        }
        add(aOwedDown, r, owed_down);
        add(aInTransit, r, transit);
      }
      const Lanes on_hand = load(o + r);
      add(aOnHand, r, on_hand);
      add(aOnOrder, r, load(oo + r));
      add(aReady, r, indicator(on_hand > splat(0.0)));
      Lanes short_now = splat(0.0);
      if (customers) {
        const Lanes backlog_now = load(bo + r), lost_now = load(lost + r);
        add(aBackorders, r, backlog_now);
        if (lost_mode) add(aLost, r, lost_now);
        short_now = backlog_now + lost_now;
        // "or" of 0/1 values, in arithmetic.
        const Lanes customer_short = indicator(short_now > splat(0.0));
        const Lanes ns = load(nso + r);
        store(nso + r, ns + customer_short - ns * customer_short);
      }
      const Lanes out = indicator(short_now + owed_down > splat(0.0));
      add(aStockout, r, out);
      const Lanes f = load(flag + r);
      store(flag + r, f + out - f * out);
    }
  }

  // Per-period bands: on hand and owed of the series stages, for the first series_reps replications.
  void record_series(std::size_t series_period) {
    if (series_reps <= block_first) return;
    const int lanes = std::min(block_count, series_reps - block_first);
    for (std::size_t k = 0; k < series_stages.size(); ++k) {
      const int s = series_stages[k];
      const double* o = SF(fOnHand, s);
      const double* bo = SF(fBacklog, s);
      const std::size_t base = (k * static_cast<std::size_t>(net.settings.periods) + series_period) *
                                   static_cast<std::size_t>(series_reps) + static_cast<std::size_t>(block_first);
      for (int r = 0; r < lanes; ++r) {
        double od = 0.0;
        for (int a : out_arcs[s]) od += arcs[a].units * AF(fOwed, a)[r];
        series_oh[base + r] = static_cast<float>(o[r]);
        series_owed[base + r] = static_cast<float>(bo[r] + od);
      }
    }
  }

  // Puts the shipment of arc a (per lane, in child units) into its ring (transit.h).
  void dispatch(int a, const double* __restrict sh) {
    const ArcC& c = arcs[a];
    double* __restrict it = AF(fInTransit, a);
    for (int r = 0; r < B; ++r) it[r] += sh[r];
    if (c.fixed_lead > 0) {
      put_in_transit(ring(c), t + c.fixed_lead, sh);
      return;
    }
    int lead[B];
    c.lead.draw_leads(key, static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(block_first), c.stream, sh, lead);
    put_in_transit(ring(c), t, lead, c.crossing, AF(fLastArrival, a), sh);
  }

  // Served within the quoted service time, for stage s at the end of period t (measured).
  void account_on_time(int s, const double* __restrict lost) {
    alignas(16) double late[B] = {}, due[B] = {}, late_units[B] = {};
    const bool judged = t - quoted[s] >= net.settings.warm_up_periods;  // period t - S was measured
    const OnTimeStream& ext = external_stream[s];
    if (ext.span > 0) {
      if (net.shortage == ShortageMode::lost_sales) {
        // Lost sales are met at once or never: this period's lost units are late whatever S is.
        const double* q = orders_of_period(on_time_state.data(), ext, t);
        for (int r = 0; r < B; ++r) {
          late[r] += lost[r];
          due[r] += q[r];
          late_units[r] += std::min(q[r], lost[r]);
        }
      } else {
        add_overdue(on_time_state.data(), ext, t, quoted[s], judged, SF(fBacklog, s), 1.0, late, due, late_units);
      }
    }
    for (int a : out_arcs[s])
      add_overdue(on_time_state.data(), arc_stream[a], t, quoted[s], judged, AF(fOwed, a), arcs[a].units, late, due,
                  late_units);
    double* __restrict periods = A(s, aOnTimePeriods);
    double* __restrict due_acc = A(s, aDueUnits);
    double* __restrict late_acc = A(s, aLateUnits);
    for (int r = 0; r < B; ++r) {
      periods[r] += late[r] > 0.0 ? 0.0 : 1.0;
      due_acc[r] += due[r];
      late_acc[r] += late_units[r];
    }
    for (int k = 0; k < kOverdueProbes; ++k) {
      const double probe = net.stages[s].overdue_probe_units[static_cast<std::size_t>(k)];
      if (!(probe > 0.0)) continue;
      double* __restrict probe_periods = A(s, aProbePeriods + k);
      for (int r = 0; r < B; ++r) probe_periods[r] += late[r] > probe ? 0.0 : 1.0;
    }
  }

  // The block's replications into the KPI tally (kpis.h), one lane at a time: the next
  // `max_lanes` of them (at least one); true once the block is tallied.
  bool finish_block_part(int max_lanes) {
    if (lanes_finished == 0) rings.mark_used();  // shipments still in transit at the horizon are left in the rings
    const double periods = net.settings.periods;
    block_sums.resize(static_cast<std::size_t>(n) * kAccCount);
    const int end = std::min(block_count, lanes_finished + std::max(1, max_lanes));
    for (int r = lanes_finished; r < end; ++r) {
      for (int s = 0; s < n; ++s)
        for (int k = 0; k < kAccCount; ++k) block_sums[static_cast<std::size_t>(s) * kAccCount + k] = A(s, k)[r];
      kpis.add_replication(net.stages, block_sums.data(), net_stockout_periods[r], periods);
    }
    lanes_finished = end;
    if (end < block_count) return false;
    lanes_finished = 0;
    done += block_count;
    block_active = false;
    return true;
  }
};

Simulation::Simulation(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;
Simulation::~Simulation() = default;

Result<Simulation> Simulation::start(const SimNetwork& network) {
  Problems problems = validate(network);
  if (!problems.empty()) return problems;
  auto engine = std::make_unique<Engine>();
  engine->compile(network);
  return Simulation(std::move(engine));
}

StepReport Simulation::step(const StepBudget& budget) {
  using clock = std::chrono::steady_clock;
  Engine& e = *engine_;
  const auto t0 = clock::now();
  const int done_before = e.done;
  const int target = e.net.settings.replications;
  // Look at the clock about every 4,000 stage-replication-periods (a few microseconds of work):
  // after a few periods of a small network, after a part of a period of a large one.
  constexpr int kWorkBetweenChecks = 4096;
  const int stage_chunk = std::max(1, std::min(e.n, kWorkBetweenChecks / B));
  // A block's tally costs about a period's work per lane: a few lanes between looks.
  const int lane_chunk = std::max(1, std::min(B, kWorkBetweenChecks / std::max(1, e.n)));
  const bool timed = budget.max_milliseconds > 0.0;
  auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(clock::now() - t0).count(); };
  bool out_of_time = false;
  int since_check = 0;
  while (e.done < target && !out_of_time) {
    if (budget.max_replications > 0 && e.done - done_before >= budget.max_replications) break;
    if (!e.block_active) {
      bool ready = e.rings.zero_slice();
      while (!ready && !(timed && elapsed_ms() >= budget.max_milliseconds)) ready = e.rings.zero_slice();
      if (!ready) break;  // out of time: the next step goes on zeroing
      ready = e.grow_block_state();
      while (!ready && !(timed && elapsed_ms() >= budget.max_milliseconds)) ready = e.grow_block_state();
      if (!ready) break;  // out of time: the next step goes on growing
      e.begin_block();
      // On thousands of stages setting up a block and running one period each take milliseconds:
      // the clock is read between them too, so one step never does both past its budget.
      if (timed && elapsed_ms() >= budget.max_milliseconds) break;
    }
    while (e.t < e.horizon) {
      const int stages_before = e.stages_done_in_period;
      const bool period_ended = e.run_period_part(stage_chunk);
      since_check += ((period_ended ? e.n : e.stages_done_in_period) - stages_before) * B;
      if (period_ended) ++e.t;
      if (timed && since_check >= kWorkBetweenChecks) {
        since_check = 0;
        if (elapsed_ms() >= budget.max_milliseconds) {
          out_of_time = true;
          break;
        }
      }
    }
    if (out_of_time) break;  // the next step goes on with this period or block
    while (!e.finish_block_part(lane_chunk)) {
      if (timed && elapsed_ms() >= budget.max_milliseconds) {
        out_of_time = true;
        break;
      }
    }
    if (out_of_time) break;  // the next step finishes the tally first
    if (timed && elapsed_ms() >= budget.max_milliseconds) break;
  }
  StepReport report;
  report.replications_completed = e.done - done_before;
  report.elapsed_milliseconds = elapsed_ms();
  report.finished = e.done >= target;
  return report;
}

bool Simulation::finished() const { return engine_->done >= engine_->net.settings.replications; }
int Simulation::replications_done() const { return engine_->done; }

double Simulation::progress() const {
  const Engine& e = *engine_;
  const int target = e.net.settings.replications;
  if (target <= 0) return 1.0;
  double done = e.done;
  if (e.block_active && e.horizon > 0)
    done += static_cast<double>(e.block_count) * (static_cast<double>(e.t) + static_cast<double>(e.stages_done_in_period) / std::max(1, e.n)) /
            static_cast<double>(e.horizon);
  return std::clamp(done / target, 0.0, 1.0);
}

void Simulation::restart() { engine_->reset_results(); }

void Simulation::restart(std::uint64_t seed) {
  engine_->net.settings.seed = seed;
  engine_->key = rng::key_from_seed(seed);
  engine_->reset_results();
}

SimEstimates Simulation::estimates_without_series() const {
  return engine_->kpis.estimates(engine_->done, engine_->net.settings.replications);
}

SimEstimates Simulation::estimates() const {
  SimEstimates out = estimates_without_series();
  out.series = series(engine_->series_stages);
  return out;
}

std::vector<StageSeries> Simulation::series(const std::vector<int>& stages) const {
  const Engine& e = *engine_;
  std::vector<StageSeries> out;
  const int reps = std::min(e.done, e.series_reps);
  if (reps <= 0) return out;
  const auto periods = static_cast<std::size_t>(e.net.settings.periods);
  std::vector<double> column(static_cast<std::size_t>(reps));
  for (int stage : stages) {
    const auto recorded = std::find(e.series_stages.begin(), e.series_stages.end(), stage);
    if (recorded == e.series_stages.end()) continue;
    const auto k = static_cast<std::size_t>(recorded - e.series_stages.begin());
    StageSeries series;
    series.stage = stage;
    auto band = [&](const std::vector<float>& data, std::vector<float>& p10, std::vector<float>& p50,
                    std::vector<float>& p90) {
      p10.resize(periods);
      p50.resize(periods);
      p90.resize(periods);
      for (std::size_t p = 0; p < periods; ++p) {
        const std::size_t base = (k * periods + p) * static_cast<std::size_t>(e.series_reps);
        for (int r = 0; r < reps; ++r) column[static_cast<std::size_t>(r)] = data[base + static_cast<std::size_t>(r)];
        const stats::SampleBand q = stats::sample_p10_p50_p90(column);
        p10[p] = static_cast<float>(q.p10);
        p50[p] = static_cast<float>(q.p50);
        p90[p] = static_cast<float>(q.p90);
      }
    };
    band(e.series_oh, series.on_hand_p10, series.on_hand_p50, series.on_hand_p90);
    band(e.series_owed, series.owed_p10, series.owed_p50, series.owed_p90);
    out.push_back(std::move(series));
  }
  return out;
}

Result<SimEstimates> simulate(const SimNetwork& network) {
  auto sim = Simulation::start(network);
  if (!sim.ok()) return sim.problems();
  sim.value().step({});
  return sim.value().estimates();
}

}  // namespace echelon::sim
