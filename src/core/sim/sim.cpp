#include "core/sim/sim.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "core/sim/transit.h"
#include "core/stats/rng.h"

namespace echelon::sim {
namespace {


void validate_distribution(const Distribution& d, const std::string& path, bool lead_time, Problems& out) {
  const double limit = lead_time ? kMaxLeadTimePeriods : kMaxDemandPerPeriod;
  auto bad = [&](double x) { return !std::isfinite(x) || x > limit; };
  switch (d.kind) {
    case DistributionKind::constant:
      if (bad(d.mean) || d.mean < 0.0) out.push_back({path + "/mean", "must be a number from 0 to " + format_number(limit)});
      break;
    case DistributionKind::normal:
    case DistributionKind::gamma:
      if (bad(d.mean) || d.mean < 0.0) out.push_back({path + "/mean", "must be a number from 0 to " + format_number(limit)});
      if (bad(d.sd) || d.sd < 0.0) out.push_back({path + "/sd", "must be a number from 0 to " + format_number(limit)});
      if (d.kind == DistributionKind::gamma && !(d.mean > 0.0))
        out.push_back({path + "/mean", "a gamma distribution needs a mean above 0"});
      break;
    case DistributionKind::poisson:
      if (bad(d.mean) || d.mean < 0.0 || d.mean > 1e6)
        out.push_back({path + "/mean", "a Poisson mean must be between 0 and 1e6"});
      if (lead_time) out.push_back({path + "/kind", "lead times can be constant, discrete, normal or gamma"});
      break;
    case DistributionKind::discrete: {
      if (d.values.empty() || d.values.size() != d.probabilities.size()) {
        out.push_back({path + "/probabilities", "needs one probability per value, and at least one value"});
        break;
      }
      double total = 0.0;
      for (std::size_t i = 0; i < d.values.size(); ++i) {
        if (bad(d.values[i]) || d.values[i] < 0.0)
          out.push_back({path + "/values/" + std::to_string(i), "must be from 0 to " + format_number(limit)});
        if (!std::isfinite(d.probabilities[i]) || d.probabilities[i] < 0.0)
          out.push_back({path + "/probabilities/" + std::to_string(i), "must be at least 0"});
        else total += d.probabilities[i];
      }
      if (std::fabs(total - 1.0) > 1e-9)
        out.push_back({path + "/probabilities", "must add up to 1 (they add up to " + format_number(total) + ")"});
      break;
    }
  }
}

}  // namespace

int lead_time_cap_periods(const Distribution& d) {
  double hi = d.mean;
  if (d.kind == DistributionKind::normal || d.kind == DistributionKind::gamma) hi = d.mean + 8.0 * d.sd;
  if (d.kind == DistributionKind::discrete && !d.values.empty()) hi = *std::max_element(d.values.begin(), d.values.end());
  // validate() bounds the parameters; the clamp keeps the conversion defined for any input.
  hi = std::clamp(std::isfinite(hi) ? hi : 1.0, 0.0, 1e9);
  return std::max(1, static_cast<int>(std::floor(hi + 0.5)));
}

double simulation_stage_periods(const SimNetwork& net) {
  const SimSettings& st = net.settings;
  return static_cast<double>(net.stages.size()) * (static_cast<double>(st.warm_up_periods) + st.periods) *
         static_cast<double>(st.replications);
}

double simulation_bytes(const SimNetwork& net) {
  // Transit rings: per arc (and per outside supplier) a power of two above the longest lead
  // time, one double per replication of a block (as the engine lays them out).
  const std::size_t n = net.stages.size();
  std::vector<char> has_parent(n, 0);
  double slots = 0.0;
  const auto ring = [](const Distribution& lead) {
    return static_cast<double>(transit_slot_count(lead_time_cap_periods(lead)));
  };
  for (const SimArc& a : net.arcs) {
    if (a.downstream >= 0 && static_cast<std::size_t>(a.downstream) < n) has_parent[static_cast<std::size_t>(a.downstream)] = 1;
    slots += ring(a.lead_time_periods);
  }
  for (std::size_t s = 0; s < n; ++s)
    if (!has_parent[s]) slots += ring(net.stages[s].supply_lead_time_periods);
  const double rings = slots * kBlockReplications * sizeof(double);
  // Per-period bands: two floats per recorded stage, measured period and recorded replication.
  const SimSettings& st = net.settings;
  const double recorded_stages = !st.series_stages.empty() ? static_cast<double>(st.series_stages.size())
                                 : n <= 64                 ? static_cast<double>(n)
                                                           : 0.0;
  const double bands = recorded_stages * std::max(0, st.periods) *
                       std::max(0, std::min(st.series_replications, st.replications)) * 2.0 * sizeof(float);
  // Per-replication totals and the stage records are small beside these.
  return rings + bands + static_cast<double>(std::max(0, st.replications)) * 2.0 * sizeof(double);
}

Problems validate(const SimNetwork& net) {
  Problems out;
  const auto n = net.stages.size();
  if (n == 0) out.push_back({"stages", "the network needs at least one stage"});
  for (std::size_t i = 0; i < n; ++i) {
    const SimStage& s = net.stages[i];
    const std::string p = "stages/" + std::to_string(i);
    auto nonneg = [&](double x, const char* field) {
      if (!std::isfinite(x) || x < 0.0) out.push_back({p + "/" + field, "must be a number of at least 0"});
    };
    nonneg(s.holding_cost_per_unit_period, "holding_cost_per_unit_period");
    nonneg(s.unit_value, "unit_value");
    nonneg(s.ordering_cost_per_order, "ordering_cost_per_order");
    nonneg(s.shortage_cost_per_unit, "shortage_cost_per_unit");
    nonneg(s.quoted_service_time_periods, "quoted_service_time_periods");
    for (std::size_t k = 0; k < s.overdue_probe_units.size(); ++k)
      nonneg(s.overdue_probe_units[k], ("overdue_probe_units/" + std::to_string(k)).c_str());
    const Policy& pol = s.policy;
    if (!std::isfinite(pol.order_up_to)) out.push_back({p + "/policy/order_up_to", "must be a number"});
    if (!std::isfinite(pol.reorder_level)) out.push_back({p + "/policy/reorder_level", "must be a number"});
    if (!std::isfinite(pol.initial_on_hand)) out.push_back({p + "/policy/initial_on_hand", "must be a number"});
    if (pol.kind == PolicyKind::reorder_point && !(pol.order_quantity > 0.0 && std::isfinite(pol.order_quantity)))
      out.push_back({p + "/policy/order_quantity", "must be above 0"});
    if (pol.kind == PolicyKind::min_max && pol.reorder_level > pol.order_up_to)
      out.push_back({p + "/policy/reorder_level", "s must not exceed S (" + format_number(pol.order_up_to) + ")"});
    if (pol.kind == PolicyKind::periodic_review || pol.kind == PolicyKind::min_max || pol.kind == PolicyKind::reorder_point) {
      if (pol.review_period_periods < 1) out.push_back({p + "/policy/review_period_periods", "must be at least 1"});
      else if (pol.review_offset_periods < 0 || pol.review_offset_periods >= pol.review_period_periods)
        out.push_back({p + "/policy/review_offset_periods", "must be from 0 to the review period minus 1"});
    }
    if (s.has_external_demand) validate_distribution(s.demand_per_period, p + "/demand_per_period", false, out);
    validate_distribution(s.supply_lead_time_periods, p + "/supply_lead_time_periods", true, out);
  }
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<int>> children(n);
  for (std::size_t a = 0; a < net.arcs.size(); ++a) {
    const SimArc& arc = net.arcs[a];
    const std::string p = "arcs/" + std::to_string(a);
    const bool ends_ok = arc.upstream >= 0 && static_cast<std::size_t>(arc.upstream) < n && arc.downstream >= 0 &&
                         static_cast<std::size_t>(arc.downstream) < n && arc.upstream != arc.downstream;
    if (!ends_ok) {
      out.push_back({p, "must join two different existing stages"});
      continue;
    }
    if (!(arc.upstream_units_per_unit > 0.0) || !std::isfinite(arc.upstream_units_per_unit))
      out.push_back({p + "/upstream_units_per_unit", "must be above 0"});
    validate_distribution(arc.lead_time_periods, p + "/lead_time_periods", true, out);
    ++indegree[arc.downstream];
    children[arc.upstream].push_back(arc.downstream);
  }
  // Kahn's algorithm: anything left over lies on a cycle.
  std::vector<int> queue;
  for (std::size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) queue.push_back(static_cast<int>(i));
  std::size_t seen = 0;
  while (seen < queue.size()) {
    for (int c : children[queue[seen]])
      if (--indegree[c] == 0) queue.push_back(c);
    ++seen;
  }
  if (seen < n) out.push_back({"arcs", "the arcs form a cycle; material must flow one way"});
  for (std::size_t d = 0; d < net.disruptions.size(); ++d) {
    const Disruption& x = net.disruptions[d];
    const std::string p = "disruptions/" + std::to_string(d);
    const std::size_t limit = x.kind == DisruptionKind::arc_down ? net.arcs.size() : n;
    if (x.index < 0 || static_cast<std::size_t>(x.index) >= limit) out.push_back({p + "/index", "names no existing " + std::string(x.kind == DisruptionKind::arc_down ? "arc" : "stage")});
    if (x.first_period < 0) out.push_back({p + "/first_period", "must be at least 0"});
    if (x.period_count < 1) out.push_back({p + "/period_count", "must be at least 1"});
    if (x.kind == DisruptionKind::demand_surge && !(x.demand_multiplier >= 0.0 && std::isfinite(x.demand_multiplier)))
      out.push_back({p + "/demand_multiplier", "must be a number of at least 0"});
  }
  const SimSettings& st = net.settings;
  if (st.periods < 1 || st.periods > 100000) out.push_back({"settings/periods", "must be from 1 to 100000"});
  if (st.warm_up_periods < 0 || st.warm_up_periods > 100000)
    out.push_back({"settings/warm_up_periods", "must be from 0 to 100000"});
  if (st.replications < 1 || st.replications > 10000000)
    out.push_back({"settings/replications", "must be from 1 to 10000000"});
  if (st.series_replications < 0) out.push_back({"settings/series_replications", "must be at least 0"});
  for (std::size_t k = 0; k < st.series_stages.size(); ++k)
    if (st.series_stages[k] < 0 || static_cast<std::size_t>(st.series_stages[k]) >= n)
      out.push_back({"settings/series_stages/" + std::to_string(k), "names no existing stage"});
  if (!out.empty()) return out;  // the sizes below assume valid lead times and settings
  const double work = simulation_stage_periods(net);
  if (work > kMaxStagePeriods)
    out.push_back({"settings", "too large: " + std::to_string(n) + " stages x " +
                                   std::to_string(st.warm_up_periods + st.periods) + " periods x " +
                                   std::to_string(st.replications) + " replications = " + format_number(work) +
                                   " stage-periods; the limit is " + format_number(kMaxStagePeriods) +
                                   " (fewer replications or a shorter horizon)"});
  const double bytes = simulation_bytes(net);
  if (bytes > kMaxSimulationBytes)
    out.push_back({"settings", "too large: the simulation would hold " + format_number(std::ceil(bytes / 1048576.0)) +
                                   " MiB of transit pipelines and per-period bands; the limit is " +
                                   format_number(kMaxSimulationBytes / 1048576.0) +
                                   " MiB (shorter lead times, fewer arcs, or fewer periods)"});
  return out;
}

double student_t_975(int dof) {
  static constexpr double kTable[31] = {
      std::numeric_limits<double>::infinity(),
      12.706204736174698, 4.302652729749464, 3.182446305284263, 2.776445105197793, 2.570581835636314,
      2.446911851144969,  2.364624251592785, 2.306004135204166, 2.262157162798205, 2.228138851986274,
      2.200985160091640,  2.178812829667228, 2.160368656462793, 2.144786687917804, 2.131449545559774,
      2.119905299221255,  2.109815577833317, 2.100922040241037, 2.093024054408309, 2.085963447265863,
      2.079613844727662,  2.073873067904015, 2.068657610419041, 2.063898561628021, 2.059538552753294,
      2.055529438642871,  2.051830516480283, 2.048407141795244, 2.045229642132703, 2.042272456301238};
  if (dof < 1) return std::numeric_limits<double>::infinity();
  if (dof <= 30) return kTable[dof];
  // Cornish-Fisher expansion of t in powers of 1/dof around z (Abramowitz & Stegun 26.7.5).
  const double z = 1.959963984540054, z2 = z * z;
  const double v = dof;
  const double g1 = (z2 * z + z) / 4.0;
  const double g2 = (5.0 * z2 * z2 * z + 16.0 * z2 * z + 3.0 * z) / 96.0;
  const double g3 = (3.0 * z2 * z2 * z2 * z + 19.0 * z2 * z2 * z + 17.0 * z2 * z - 15.0 * z) / 384.0;
  const double g4 = (79.0 * z2 * z2 * z2 * z2 * z + 776.0 * z2 * z2 * z2 * z + 1482.0 * z2 * z2 * z -
                     1920.0 * z2 * z - 945.0 * z) / 92160.0;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

std::uint64_t digest(const SimEstimates& e) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto add = [&](double x) {
    const std::uint64_t bits = rng::to_bits(x + 0.0);  // -0 + 0 = +0
    for (int i = 0; i < 8; ++i) {
      h ^= (bits >> (8 * i)) & 0xFFu;
      h *= 0x100000001b3ull;
    }
  };
  auto est = [&](const Estimate& x) { add(x.mean); add(x.half_width); };
  for (const StageKpis& s : e.stages) {
    for (const Estimate* x : {&s.fill_rate, &s.cycle_service_level, &s.ready_rate, &s.stockout_probability, &s.on_hand,
                              &s.backorders, &s.owed_downstream, &s.on_order, &s.in_transit, &s.lost_sales,
                              &s.inventory_value, &s.holding_cost, &s.ordering_cost, &s.shortage_cost, &s.total_cost})
      est(*x);
    add(s.worst_fill_rate);
  }
  const NetworkKpis& n = e.network;
  for (const Estimate* x : {&n.fill_rate, &n.stockout_probability, &n.on_hand, &n.backorders, &n.on_order, &n.in_transit,
                            &n.lost_sales, &n.inventory_value, &n.holding_cost, &n.ordering_cost, &n.shortage_cost,
                            &n.total_cost})
    est(*x);
  for (double x : {n.total_cost_median, n.total_cost_p90, n.total_cost_p95, n.total_cost_cvar95, n.worst_fill_rate}) add(x);
  for (const StageSeries& s : e.series)
    for (const std::vector<float>* v : {&s.on_hand_p10, &s.on_hand_p50, &s.on_hand_p90, &s.owed_p10, &s.owed_p50, &s.owed_p90})
      for (float f : *v) add(static_cast<double>(f));
  add(e.convergence.replications_done);
  return h;
}

}  // namespace echelon::sim
