// The simulation engine behind sim.h: compiled network, block state (structure of arrays over
// kBlockReplications replications) and the per-period event loop.
//
// Throughput is measured by bench/sim_bench.cpp (stage-periods per second, natively and in wasm);
// bench/sim_fingerprint_bench.cpp prints digests that must be equal on both targets.
//
// Contents
//   lane vectors       Lanes and LaneMask (four doubles), load/store/select/min/max helpers
//   normal draws       normal_block, normal_pair_block (AVX2 and baseline clones)
//   Sampler            one distribution's draws for a block, prepared once (tables, censoring)
//   ArcC, Welford,     a compiled arc; running mean and variance per KPI; the order stream
//   OnTimeStream       behind "served within the quoted time"
//   Simulation::Engine
//     compile          network to arrays: topology, arcs, samplers, pipelines
//     run_period       one period of one block: receive, serve demand, place orders, ship,
//                      account (costs, KPIs, on-time shares), series
//     finish_block     a block's replications into the Welford accumulators
//   Simulation         start, step (work and time budgets), restart, estimates, series, simulate

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/stats/rng.h"
#include "core/sim/sim.h"
#include "core/stats/stats.h"

namespace echelon::sim {
namespace {

constexpr int B = kBlockReplications;

// Four lanes of doubles as a GCC/Clang vector-extension type: two SSE2 (or wasm simd128)
// instructions per operation, one with AVX2. The compiler then emits vector instructions for
// every lane loop, rather than deciding loop by loop whether vectorising is safe (GCC 12 kept
// many of them scalar). Only +, -, *, / and comparisons are used, each IEEE-exact on every
// target, so results stay bit-identical. (The helpers pass these by value; they are internal and
// inlined, so the compilers' note that AVX changes how 32-byte vectors pass between functions
// does not apply.)
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
typedef double Lanes __attribute__((vector_size(32)));
typedef std::int64_t LaneMask __attribute__((vector_size(32)));
constexpr int kLanes = static_cast<int>(sizeof(Lanes) / sizeof(double));
static_assert(B % kLanes == 0);

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Lanes v) { std::memcpy(p, &v, sizeof v); }
inline Lanes splat(double x) { return Lanes{x, x, x, x}; }
inline LaneMask mask_of(Lanes v) {
  LaneMask m;
  std::memcpy(&m, &v, sizeof m);
  return m;
}
inline Lanes lanes_of(LaneMask m) {
  Lanes v;
  std::memcpy(&v, &m, sizeof v);
  return v;
}
// m ? a : b per lane (m from a comparison: all bits set or clear).
template <typename Mask>
inline Lanes select(Mask m, Lanes a, Lanes b) {
  static_assert(sizeof(Mask) == sizeof(LaneMask));
  LaneMask k;
  std::memcpy(&k, &m, sizeof k);
  return lanes_of((k & mask_of(a)) | (~k & mask_of(b)));
}
// std::min and std::max exactly: min(a, b) = b < a ? b : a, max(a, b) = a < b ? b : a.
inline Lanes lanes_min(Lanes a, Lanes b) { return select(b < a, b, a); }
inline Lanes lanes_max(Lanes a, Lanes b) { return select(a < b, b, a); }
// 1.0 where m is set, else 0.0.
template <typename Mask>
inline Lanes indicator(Mask m) {
  return select(m, splat(1.0), splat(0.0));
}

// The hottest code (the period loop and the normal draws) is compiled twice on x86-64 Linux with
// GCC, for AVX2 and for the baseline (SSE2), and the loader picks one per machine (function
// multiversioning through glibc's ifunc), so the program still runs on any x86-64. The AVX2 copy
// runs the same IEEE operations lane by lane on wider registers (AVX2 brings no FMA, and
// sim_engine.cpp is built with -ffp-contract=off), so both give the bits of the wasm build.
// `flatten` inlines everything the function calls, so all of it is compiled for AVX2.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#define ECHELON_SIM_CLONES __attribute__((target_clones("avx2", "default"), flatten))
#else
#define ECHELON_SIM_CLONES
#endif

ECHELON_SIM_CLONES void normal_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream,
                                     double* out) {
  rng::standard_normal_lanes<B>(key, period, first_rep, stream, 0, out);
}

ECHELON_SIM_CLONES void normal_pair_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep,
                                          std::uint32_t stream, double* out, double* out_next) {
  rng::standard_normal_pair_lanes<B>(key, period, first_rep, stream, 0, out, out_next);
}

// Draws of one distribution, prepared once (tables for Poisson and discrete).
struct Sampler {
  DistributionKind kind = DistributionKind::constant;
  double mean = 0.0, sd = 0.0;
  double shape = 0.0, scale = 0.0;  // gamma
  std::vector<double> cdf, values;  // Poisson, discrete: inversion table
  int lead_cap = 1;                 // lead times: the largest value drawn

  static Sampler make(const Distribution& d, bool lead_time) {
    Sampler s;
    s.kind = d.kind;
    s.mean = d.mean;
    s.sd = d.sd;
    if (d.kind == DistributionKind::gamma) {
      if (d.sd > 0.0) {
        s.shape = (d.mean / d.sd) * (d.mean / d.sd);
        s.scale = d.sd * d.sd / d.mean;
      } else {
        s.kind = DistributionKind::constant;
      }
    }
    if (d.kind == DistributionKind::normal && !(d.sd > 0.0)) s.kind = DistributionKind::constant;
    if (d.kind == DistributionKind::poisson) {
      // p_k in log space from k = 0 (no underflow of e^-mean for large means), normalised.
      const double lam = d.mean;
      const int kmax = static_cast<int>(std::ceil(lam + 12.0 * std::sqrt(lam) + 12.0));
      const double log_lam = lam > 0.0 ? rng::det_log(lam) : 0.0;
      double log_fact = 0.0, total = 0.0;
      for (int k = 0; k <= kmax; ++k) {
        if (k > 0) log_fact += rng::det_log(static_cast<double>(k));
        const double p = lam > 0.0 ? rng::det_exp(k * log_lam - lam - log_fact) : (k == 0 ? 1.0 : 0.0);
        total += p;
        s.cdf.push_back(total);
        s.values.push_back(k);
      }
      for (double& c : s.cdf) c /= total;
      s.cdf.back() = 1.0;
    }
    if (d.kind == DistributionKind::discrete) {
      double total = 0.0;
      for (std::size_t i = 0; i < d.values.size(); ++i) {
        total += d.probabilities[i];
        s.cdf.push_back(total);
        s.values.push_back(d.values[i]);
      }
      for (double& c : s.cdf) c /= total;
      s.cdf.back() = 1.0;
    }
    if (lead_time) s.lead_cap = lead_time_cap_periods(d);
    return s;
  }

  bool is_constant() const { return kind == DistributionKind::constant; }

  double table_draw(const rng::Counter& block) const {
    const double u = rng::uniform_from(block);
    const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
    return values[std::min<std::size_t>(static_cast<std::size_t>(it - cdf.begin()), values.size() - 1)];
  }

  // One value per lane for replications first_rep .. first_rep + B - 1.
  void draw_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out) const {
    switch (kind) {
      case DistributionKind::constant:
        for (int r = 0; r < B; ++r) out[r] = mean;
        break;
      case DistributionKind::normal:
        normal_block(key, period, first_rep, stream, out);
        censor_normal(out);
        break;
      case DistributionKind::gamma:
        for (int r = 0; r < B; ++r)
          out[r] = scale * rng::standard_gamma(key, period, first_rep + static_cast<std::uint32_t>(r), stream, shape);
        break;
      case DistributionKind::poisson:
      case DistributionKind::discrete:
        for (int r = 0; r < B; ++r)
          out[r] = table_draw(rng::block_at(key, period, first_rep + static_cast<std::uint32_t>(r), stream, 0));
        break;
    }
  }

  // Normal demand from standard normals, censored at zero (in place).
  void censor_normal(double* z) const {
    for (int r = 0; r < B; ++r) {
      const double x = mean + sd * z[r];
      z[r] = x > 0.0 ? x : 0.0;
    }
  }

  // Demand of periods `period` (even) and period + 1: normal demand uses both variates of the
  // Box-Muller pairs drawn at `period` (half the random bits, logarithms and square roots of a
  // draw per period); the other kinds draw each period on its own.
  void draw_block_pair(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out,
                       double* out_next) const {
    if (kind != DistributionKind::normal) {
      draw_block(key, period, first_rep, stream, out);
      draw_block(key, period + 1, first_rep, stream, out_next);
      return;
    }
    normal_pair_block(key, period, first_rep, stream, out, out_next);
    censor_normal(out);
    censor_normal(out_next);
  }

  int draw_lead(rng::Key key, std::uint32_t period, std::uint32_t rep, std::uint32_t stream) const {
    double x = mean;
    switch (kind) {
      case DistributionKind::constant: break;
      case DistributionKind::normal: x = mean + sd * rng::standard_normal_from(rng::block_at(key, period, rep, stream, 0)); break;
      case DistributionKind::gamma: x = scale * rng::standard_gamma(key, period, rep, stream, shape); break;
      case DistributionKind::poisson:
      case DistributionKind::discrete: x = table_draw(rng::block_at(key, period, rep, stream, 0)); break;
    }
    return round_lead(x);
  }

  // Nearest whole period, at least 1 and at most lead_cap.
  int round_lead(double x) const {
    const double rounded = std::floor(x + 0.5);
    if (!(rounded >= 1.0)) return 1;
    return rounded > lead_cap ? lead_cap : static_cast<int>(rounded);
  }

  // Lead times for the lanes of a block that ship (shipped[r] > 0; the others get 1). Normal
  // lead times are drawn for all lanes at once (vectorised, the same values as draw_lead).
  void draw_leads(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream,
                  const double* shipped, int* lead) const {
    if (kind == DistributionKind::normal) {
      double z[B];
      normal_block(key, period, first_rep, stream, z);
      for (int r = 0; r < B; ++r) lead[r] = round_lead(mean + sd * z[r]);
      return;
    }
    for (int r = 0; r < B; ++r)
      lead[r] = shipped[r] > 0.0 ? draw_lead(key, period, first_rep + static_cast<std::uint32_t>(r), stream) : 1;
  }
};

struct ArcC {
  int parent = -1;  // -1: outside supplier
  int child = 0;
  double units = 1.0;
  Sampler lead;
  bool crossing = true;
  bool child_assembles = false;  // the child matches parts from several arcs into sets
  int fixed_lead = 0;  // > 0 when the lead time is constant
  int mask = 0;        // pipeline slots - 1 (a power of two minus one)
  std::size_t pipe_offset = 0;
  std::uint32_t stream = 0;
  int user_index = -1;  // index in SimNetwork::arcs, -1 for supply arcs
};

struct Welford {
  double n = 0.0, mean = 0.0, m2 = 0.0;
  void add(double x) {
    n += 1.0;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  Estimate estimate() const {
    Estimate e;
    e.mean = mean;
    if (n < 2.0) {
      e.half_width = std::numeric_limits<double>::infinity();
    } else {
      e.half_width = student_t_975(static_cast<int>(n) - 1) * std::sqrt(m2 / (n - 1.0) / n);
    }
    return e;
  }
};

enum StageKpi {
  kFill, kCsl, kReady, kStockout, kOnHand, kBackorders, kOwedDown, kOnOrder, kInTransit, kLost, kValue, kHold, kOrder,
  kShort, kTotal, kOnTimePeriods, kOnTimeUnits, kStageKpiCount
};
enum NetKpi {
  nFill, nStockout, nOnHand, nBackorders, nOnOrder, nInTransit, nLost, nValue, nHold, nOrder, nShort, nTotal, kNetKpiCount
};

// Per-lane accumulators of one stage over the measured periods of a block. Costs and values are
// derived from them at the end of the block (holding = h * (on hand + in transit), ...), and a
// stage adds only what can be non-zero for it (no debts downstream at a store, no backorders
// without external demand), which keeps the memory touched per period small.
enum Acc {
  aIntDemand, aIntFilled,  // children's orders, and the part shipped in the period they were placed
  aExtDemand, aExtFilled,  // external demand, and the part met from stock
  aOnHand, aBackorders, aOwedDown, aOnOrder, aInTransit, aLost, aOrders, aStockout, aReady, aCycles, aCycleStockouts,
  aOnTimePeriods, aDueUnits, aLateUnits,  // within the quoted service time (see OnTimeStream)
  kAccCount
};

// What a stage owes one customer stream (its external customers, or one child's arc), for the
// on-time measures: the orders of the last S + 1 periods (S = the stage's quoted service time,
// whole periods) in a ring of S + 1 slots of B lanes, followed by B lanes of their running sum.
// Debts are served first in, first out, so in period t the part of the debt placed at t - S or
// earlier that is still open is  late = max(0, owed(t) - (orders of t - S + 1 .. t)),  and the
// part of period t - S's orders not served on time is min(q(t - S), late).
struct OnTimeStream {
  int span = 0;  // S + 1; 0 = not tracked
  std::size_t offset = 0;
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
  std::size_t pipe_lanes = 0;  // size of the pipelines

  int block_first = 0, block_count = 0, t = 0;
  bool block_active = false;
  // Block state, one record per stage and one per arc, so that a stage's events touch a few
  // contiguous stretches of memory: [stage][field or accumulator][lane], [arc][field][lane].
  enum StageField { fOnHand, fBacklog, fOnOrder, fEchelon, fNewInternal, fCycleFlag, fDemandNext, kStageFields };
  enum ArcField { fOwed, fInTransit, fParts, fLastArrival, kArcFields };
  static constexpr std::size_t kStageRecord = (static_cast<std::size_t>(kStageFields) + kAccCount) * B;
  static constexpr std::size_t kArcRecord = static_cast<std::size_t>(kArcFields) * B;
  std::vector<double> stage_state, arc_state;
  // Shipments in transit: one ring of slots per arc, B lanes per slot. Large networks with random
  // lead times need tens of megabytes, so the ring is allocated without being touched and zeroed
  // in slices by begin_block (see zero_pipe_slice), not all at once.
  std::unique_ptr<double[]> pipe_storage;
  double* pipe_data = nullptr;
  std::size_t pipe_zeroed = 0;  // leading entries zeroed for the next block
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
  std::size_t on_time_size = 0;

  // Results so far.
  int done = 0;
  std::vector<Welford> stage_kpi;  // [stage][StageKpi]
  std::vector<Welford> net_kpi;    // [NetKpi]
  std::vector<double> worst_stage_fill;
  std::vector<double> rep_total_cost, rep_net_fill;
  std::vector<float> series_oh, series_owed;  // [series stage][period][rep]

  double* SF(int field, int stage) {
    return stage_state.data() + static_cast<std::size_t>(stage) * kStageRecord + static_cast<std::size_t>(field) * B;
  }
  double* AF(int field, int arc) {
    return arc_state.data() + static_cast<std::size_t>(arc) * kArcRecord + static_cast<std::size_t>(field) * B;
  }
  double* A(int stage, int which) { return SF(static_cast<int>(kStageFields) + which, stage); }

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
      int slots = 1;
      while (slots < c.lead.lead_cap + 1) slots *= 2;
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
      const double q = net.stages[s].quoted_service_time_periods;
      quoted[s] = static_cast<int>(std::min(1e6, std::floor(std::max(0.0, q) + 0.5)));
    }
    external_stream.assign(n, {});
    arc_stream.assign(na, {});
    on_time_size = 0;
    auto track = [&](OnTimeStream& stream, int s) {
      stream.span = quoted[s] + 1;
      stream.offset = on_time_size;
      on_time_size += static_cast<std::size_t>(stream.span + 1) * B;
    };
    for (int s = 0; s < n; ++s)
      if (net.stages[s].has_external_demand) track(external_stream[s], s);
    for (std::size_t a = 0; a < na; ++a)
      if (arcs[a].parent >= 0) track(arc_stream[a], arcs[a].parent);
    // Block state is sized (and zeroed) by begin_block, so it is written once, not twice.
    pipe_lanes = offset;
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
    pipe_zeroed = 0;  // a block may have been cut short
    stage_kpi.assign(static_cast<std::size_t>(n) * kStageKpiCount, Welford{});
    net_kpi.assign(kNetKpiCount, Welford{});
    worst_stage_fill.assign(n, 1.0);
    rep_total_cost.clear();
    rep_net_fill.clear();
    const std::size_t series_size =
        series_stages.size() * static_cast<std::size_t>(net.settings.periods) * static_cast<std::size_t>(series_reps);
    series_oh.assign(series_size, 0.0f);
    series_owed.assign(series_size, 0.0f);
  }

  // Zeroes the next part of the transit rings; true once they are all zero. A slice is about
  // 2 MB, a fraction of a millisecond, so a step can stop between slices within its budget.
  bool zero_pipe_slice() {
    if (!pipe_storage && pipe_lanes > 0) {
      pipe_storage.reset(new double[pipe_lanes]);
      pipe_data = pipe_storage.get();
      pipe_zeroed = 0;
    }
    constexpr std::size_t kSlice = std::size_t{1} << 18;
    const std::size_t end = std::min(pipe_lanes, pipe_zeroed + kSlice);
    std::fill(pipe_data + pipe_zeroed, pipe_data + end, 0.0);
    pipe_zeroed = end;
    return pipe_zeroed >= pipe_lanes;
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
  // own state, the pipelines and parts of its in-arcs and the debts of its out-arcs, and its
  // orders need only its children's; so one pass from the most downstream stage up runs all five
  // events stage by stage while that stage's state is in cache. Every lane still sees the same
  // operations in the same order as with five passes over all stages (the draws are
  // counter-based, so their order does not matter either).
  //
  // Lane loops work on Lanes, branch-free: both arms of a choice are computed and then selected
  // (select, lanes_min, lanes_max), and 0/1 indicators come from comparisons (indicator).
  ECHELON_SIM_CLONES void run_period() {
    const int warm = net.settings.warm_up_periods;
    const bool measured = t >= warm;
    set_disruptions(t - warm);
    if (t == warm)
      for (int s = 0; s < n; ++s) std::fill_n(SF(fCycleFlag, s), B, 0.0);
    for (auto it_s = topo.rbegin(); it_s != topo.rend(); ++it_s) {
      const int s = *it_s;
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
    if (!measured) return;
    record_series(static_cast<std::size_t>(t - warm));
    double* __restrict nso = net_stockout_periods.data();
    for (int r = 0; r < B; ++r) {
      nso[r] += net_stockout[r];
      net_stockout[r] = 0.0;
    }
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
      double* __restrict p = pipe_data + c.pipe_offset + static_cast<std::size_t>(t & c.mask) * B;
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
        double* __restrict p = pipe_data + c.pipe_offset + static_cast<std::size_t>(t & c.mask) * B;
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
    record_orders(external_stream[s], placed);
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
    for (int a : ins) record_orders(arc_stream[a], q);
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
      const OnTimeStream& stream = arc_stream[a];
      const double* base = on_time_state.data() + stream.offset;
      const double* oldest = base + static_cast<std::size_t>((t + 1) % stream.span) * B;
      const double* sum = base + static_cast<std::size_t>(stream.span) * B;
      const double* ow = AF(fOwed, a);
      const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
      for (int r = 0; r < B; ++r) {
        const double recent = stream.span == 1 ? 0.0 : sum[r] - oldest[r];
        due_scratch[k * B + r] = open * std::min(ow[r], std::max(0.0, ow[r] - recent));
      }
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
      const double rest_stock = std::max(0.0, avail - used);
      double rest_total = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const int a = outs[k];
        const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
        rest_total += arcs[a].units * open * (AF(fOwed, a)[r] - ship_scratch[k * B + r]);
      }
      const double f2 = rest_total > rest_stock ? rest_stock / rest_total : 1.0;
      for (std::size_t k = 0; k < m; ++k) {
        const int a = outs[k];
        const double open = arc_down[arcs[a].user_index] ? 0.0 : 1.0;
        const double owed_now = AF(fOwed, a)[r];
        ship_scratch[k * B + r] += f2 * open * (owed_now - ship_scratch[k * B + r]);
      }
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

  // Puts the shipment of arc a (per lane, in child units) into its pipeline.
  void dispatch(int a, const double* __restrict sh) {
    ArcC& c = arcs[a];
    double* __restrict it = AF(fInTransit, a);
    for (int r = 0; r < B; ++r) it[r] += sh[r];
    double* __restrict base = pipe_data + c.pipe_offset;
    if (c.fixed_lead > 0) {
      double* __restrict slot = base + static_cast<std::size_t>((t + c.fixed_lead) & c.mask) * B;
      for (int r = 0; r < B; ++r) slot[r] += sh[r];
      return;
    }
    int lead[B];
    c.lead.draw_leads(key, static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(block_first), c.stream, sh, lead);
    double* __restrict last = AF(fLastArrival, a);
    for (int r = 0; r < B; ++r) {
      if (!(sh[r] > 0.0)) continue;
      double arrival = static_cast<double>(t + lead[r]);
      if (!c.crossing) arrival = std::max(arrival, last[r]);
      last[r] = arrival;
      base[static_cast<std::size_t>(static_cast<int>(arrival) & c.mask) * B + static_cast<std::size_t>(r)] += sh[r];
    }
  }

  // Puts this period's orders (per lane) into a stream's ring.
  void record_orders(const OnTimeStream& stream, const double* __restrict q) {
    if (stream.span == 0) return;
    double* __restrict base = on_time_state.data() + stream.offset;
    double* __restrict slot = base + static_cast<std::size_t>(t % stream.span) * B;
    double* __restrict sum = base + static_cast<std::size_t>(stream.span) * B;
    for (int r = 0; r < B; ++r) {
      sum[r] += q[r] - slot[r];
      slot[r] = q[r];
    }
  }

  // Adds one stream's overdue debt to `late` and its judged and late units (the orders of period
  // t - S, in the stage's units) to `due` and `late_units`. `owed` is in the stream's units; `u`
  // converts to the stage's. A stage quoting 0 counts any debt as late, as the stockout
  // indicator does; above 0 a relative 1e-9 absorbs the rounding of the running sum.
  void on_time_stream(const OnTimeStream& stream, int s, const double* __restrict owed, double u, double* __restrict late,
                      double* __restrict due, double* __restrict late_units) {
    const double* base = on_time_state.data() + stream.offset;
    const double* oldest = base + static_cast<std::size_t>((t + 1) % stream.span) * B;  // q(t - S)
    const double* sum = base + static_cast<std::size_t>(stream.span) * B;
    const bool judged = t - quoted[s] >= net.settings.warm_up_periods;
    for (int r = 0; r < B; ++r) {
      const double recent = stream.span == 1 ? 0.0 : sum[r] - oldest[r];
      const double over = std::max(0.0, owed[r] - recent);
      const double tolerance = quoted[s] == 0 ? 0.0 : 1e-9 * (1.0 + std::fabs(sum[r]));
      const double overdue = over > tolerance ? over : 0.0;
      late[r] += u * overdue;
      if (judged) {
        due[r] += u * oldest[r];
        late_units[r] += u * std::min(oldest[r], overdue);
      }
    }
  }

  // Served within the quoted service time, for stage s at the end of period t (measured).
  void account_on_time(int s, const double* __restrict lost) {
    alignas(16) double late[B] = {}, due[B] = {}, late_units[B] = {};
    const OnTimeStream& ext = external_stream[s];
    if (ext.span > 0) {
      if (net.shortage == ShortageMode::lost_sales) {
        // Lost sales are met at once or never: this period's lost units are late whatever S is.
        const double* q = on_time_state.data() + ext.offset + static_cast<std::size_t>(t % ext.span) * B;
        for (int r = 0; r < B; ++r) {
          late[r] += lost[r];
          due[r] += q[r];
          late_units[r] += std::min(q[r], lost[r]);
        }
      } else {
        on_time_stream(ext, s, SF(fBacklog, s), 1.0, late, due, late_units);
      }
    }
    for (int a : out_arcs[s]) on_time_stream(arc_stream[a], s, AF(fOwed, a), arcs[a].units, late, due, late_units);
    double* __restrict periods = A(s, aOnTimePeriods);
    double* __restrict due_acc = A(s, aDueUnits);
    double* __restrict late_acc = A(s, aLateUnits);
    for (int r = 0; r < B; ++r) {
      periods[r] += late[r] > 0.0 ? 0.0 : 1.0;
      due_acc[r] += due[r];
      late_acc[r] += late_units[r];
    }
  }

  void finish_block() {
    pipe_zeroed = 0;  // shipments still in transit at the horizon are left in the rings
    const double periods = net.settings.periods;
    for (int r = 0; r < block_count; ++r) {
      double net_demand = 0.0, net_filled = 0.0;
      double totals[kNetKpiCount] = {};
      for (int s = 0; s < n; ++s) {
        auto get = [&](int which) { return A(s, which)[r]; };
        const SimStage& st = net.stages[s];
        // A stage's demand: external plus its children's orders (a stage rarely has both, and
        // then one of the two sums is exactly zero).
        const double dem = get(aExtDemand) + get(aIntDemand);
        const double fill = dem > 0.0 ? (get(aExtFilled) + get(aIntFilled)) / dem : 1.0;
        const double cycles = get(aCycles);
        const double csl = cycles > 0.0 ? 1.0 - get(aCycleStockouts) / cycles : (get(aStockout) > 0.0 ? 0.0 : 1.0);
        // Stock the stage pays for: on hand plus shipped and not yet part of a full set downstream.
        const double stock = get(aOnHand) + get(aInTransit);
        double values[kStageKpiCount];
        values[kFill] = fill;
        values[kCsl] = csl;
        values[kReady] = get(aReady) / periods;
        values[kStockout] = get(aStockout) / periods;
        values[kOnHand] = get(aOnHand) / periods;
        values[kBackorders] = get(aBackorders) / periods;
        values[kOwedDown] = get(aOwedDown) / periods;
        values[kOnOrder] = get(aOnOrder) / periods;
        values[kInTransit] = get(aInTransit) / periods;
        values[kLost] = get(aLost) / periods;
        values[kValue] = st.unit_value * stock / periods;
        values[kHold] = st.holding_cost_per_unit_period * stock / periods;
        values[kOrder] = st.ordering_cost_per_order * get(aOrders) / periods;
        values[kShort] = st.shortage_cost_per_unit * (get(aBackorders) + get(aLost)) / periods;
        values[kTotal] = values[kHold] + values[kOrder] + values[kShort];
        values[kOnTimePeriods] = get(aOnTimePeriods) / periods;
        values[kOnTimeUnits] = get(aDueUnits) > 0.0 ? 1.0 - get(aLateUnits) / get(aDueUnits) : 1.0;
        for (int k = 0; k < kStageKpiCount; ++k) stage_kpi[static_cast<std::size_t>(s) * kStageKpiCount + k].add(values[k]);
        worst_stage_fill[s] = std::min(worst_stage_fill[s], fill);
        net_demand += get(aExtDemand);
        net_filled += get(aExtFilled);
        totals[nOnHand] += values[kOnHand];
        totals[nBackorders] += values[kBackorders];
        totals[nOnOrder] += values[kOnOrder];
        totals[nInTransit] += values[kInTransit];
        totals[nLost] += values[kLost];
        totals[nValue] += values[kValue];
        totals[nHold] += values[kHold];
        totals[nOrder] += values[kOrder];
        totals[nShort] += values[kShort];
        totals[nTotal] += values[kTotal];
      }
      // Network fill rate: external demand only (a stage's own fill rate also counts children).
      totals[nFill] = net_demand > 0.0 ? net_filled / net_demand : 1.0;
      totals[nStockout] = net_stockout_periods[r] / periods;
      for (int k = 0; k < kNetKpiCount; ++k) net_kpi[k].add(totals[k]);
      rep_total_cost.push_back(totals[nTotal]);
      rep_net_fill.push_back(totals[nFill]);
    }
    done += block_count;
    block_active = false;
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
  // Look at the clock about every 4,000 stage-replication-periods (a few microseconds of work).
  const int stride = std::max(1, 4096 / (e.n * B));
  const bool timed = budget.max_milliseconds > 0.0;
  auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(clock::now() - t0).count(); };
  bool out_of_time = false;
  int since_check = 0;
  while (e.done < target && !out_of_time) {
    if (budget.max_replications > 0 && e.done - done_before >= budget.max_replications) break;
    if (!e.block_active) {
      bool ready = e.zero_pipe_slice();
      while (!ready && !(timed && elapsed_ms() >= budget.max_milliseconds)) ready = e.zero_pipe_slice();
      if (!ready) break;  // out of time: the next step goes on zeroing
      e.begin_block();
    }
    while (e.t < e.horizon) {
      e.run_period();
      ++e.t;
      if (timed && ++since_check >= stride) {
        since_check = 0;
        if (elapsed_ms() >= budget.max_milliseconds) {
          out_of_time = true;
          break;
        }
      }
    }
    if (e.t >= e.horizon) e.finish_block();
  }
  StepReport report;
  report.replications_completed = e.done - done_before;
  report.elapsed_milliseconds = elapsed_ms();
  report.finished = e.done >= target;
  return report;
}

bool Simulation::finished() const { return engine_->done >= engine_->net.settings.replications; }
int Simulation::replications_done() const { return engine_->done; }

void Simulation::restart() { engine_->reset_results(); }

void Simulation::restart(std::uint64_t seed) {
  engine_->net.settings.seed = seed;
  engine_->key = rng::key_from_seed(seed);
  engine_->reset_results();
}

SimEstimates Simulation::estimates_without_series() const {
  const Engine& e = *engine_;
  SimEstimates out;
  out.stages.resize(e.n);
  for (int s = 0; s < e.n; ++s) {
    auto k = [&](int which) { return e.stage_kpi[static_cast<std::size_t>(s) * kStageKpiCount + which].estimate(); };
    StageKpis& x = out.stages[s];
    x.fill_rate = k(kFill);
    x.cycle_service_level = k(kCsl);
    x.ready_rate = k(kReady);
    x.stockout_probability = k(kStockout);
    x.on_hand = k(kOnHand);
    x.backorders = k(kBackorders);
    x.owed_downstream = k(kOwedDown);
    x.on_order = k(kOnOrder);
    x.in_transit = k(kInTransit);
    x.lost_sales = k(kLost);
    x.inventory_value = k(kValue);
    x.holding_cost = k(kHold);
    x.ordering_cost = k(kOrder);
    x.shortage_cost = k(kShort);
    x.total_cost = k(kTotal);
    x.worst_fill_rate = e.worst_stage_fill[s];
    x.on_time_period_share = k(kOnTimePeriods);
    x.on_time_unit_share = k(kOnTimeUnits);
  }
  NetworkKpis& nk = out.network;
  nk.fill_rate = e.net_kpi[nFill].estimate();
  nk.stockout_probability = e.net_kpi[nStockout].estimate();
  nk.on_hand = e.net_kpi[nOnHand].estimate();
  nk.backorders = e.net_kpi[nBackorders].estimate();
  nk.on_order = e.net_kpi[nOnOrder].estimate();
  nk.in_transit = e.net_kpi[nInTransit].estimate();
  nk.lost_sales = e.net_kpi[nLost].estimate();
  nk.inventory_value = e.net_kpi[nValue].estimate();
  nk.holding_cost = e.net_kpi[nHold].estimate();
  nk.ordering_cost = e.net_kpi[nOrder].estimate();
  nk.shortage_cost = e.net_kpi[nShort].estimate();
  nk.total_cost = e.net_kpi[nTotal].estimate();
  std::vector<double> costs = e.rep_total_cost;
  std::sort(costs.begin(), costs.end());
  nk.total_cost_median = stats::sample_quantile_sorted(costs, 0.5);
  nk.total_cost_p90 = stats::sample_quantile_sorted(costs, 0.9);
  nk.total_cost_p95 = stats::sample_quantile_sorted(costs, 0.95);
  if (!costs.empty()) {
    const std::size_t tail = (costs.size() + 19) / 20;
    double sum = 0.0;
    for (std::size_t i = costs.size() - tail; i < costs.size(); ++i) sum += costs[i];
    nk.total_cost_cvar95 = sum / static_cast<double>(tail);
  }
  nk.worst_fill_rate = e.rep_net_fill.empty() ? 1.0 : *std::min_element(e.rep_net_fill.begin(), e.rep_net_fill.end());

  Convergence& c = out.convergence;
  c.replications_done = e.done;
  c.replications_target = e.net.settings.replications;
  c.finished = e.done >= c.replications_target;
  c.total_cost_relative_half_width =
      nk.total_cost.mean != 0.0 ? nk.total_cost.half_width / std::fabs(nk.total_cost.mean) : nk.total_cost.half_width;
  c.fill_rate_half_width = nk.fill_rate.half_width;
  return out;
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
