#include "core/plan/promise.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/stats/stats.h"

namespace echelon {

const char* promise_verdict_name(PromiseVerdict v) {
  switch (v) {
    case PromiseVerdict::kept: return "kept";
    case PromiseVerdict::within_interval: return "within interval";
    case PromiseVerdict::below: return "below";
  }
  return "";
}

const char* shortfall_cause_name(ShortfallCause c) {
  switch (c) {
    case ShortfallCause::none: return "";
    case ShortfallCause::late_suppliers: return "late suppliers";
    case ShortfallCause::whole_period_lead_time: return "whole-period lead time";
    case ShortfallCause::lead_time_shape: return "lead-time shape";
    case ShortfallCause::demand_shape: return "demand shape";
  }
  return "";
}

namespace {

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * x);
  return buf;
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

std::string measure_text(double quoted) {
  const double whole = std::floor(quoted + 1e-9);
  if (whole <= 0.0) return "periods ending with every order served from stock (nothing owed)";
  return "periods ending with nothing owed for " + number(whole) + "+ periods (quoted service time " + number(quoted) +
         ")";
}

// Largest mean lead time the simulation gives the stage's supply (its in-arcs, or its outside
// supplier).
// The mean of a simulated lead time as the simulation draws it: whole periods, at least one
// (normal and gamma draws are rounded to the nearest period; their mean is kept approximately).
double whole_period_mean(const sim::Distribution& d) {
  auto whole = [](double v) { return std::max(1.0, std::floor(v + 0.5)); };
  switch (d.kind) {
    case sim::DistributionKind::constant: return whole(d.mean);
    case sim::DistributionKind::discrete: {
      double m = 0.0;
      for (std::size_t k = 0; k < d.values.size() && k < d.probabilities.size(); ++k) m += d.probabilities[k] * whole(d.values[k]);
      return m;
    }
    default: return std::max(1.0, d.mean);
  }
}

double simulated_lead_time_mean(const sim::SimNetwork& net, std::size_t j) {
  double lead = -1.0;
  for (const sim::SimArc& a : net.arcs)
    if (static_cast<std::size_t>(a.downstream) == j) lead = std::max(lead, whole_period_mean(a.lead_time_periods));
  if (lead < 0.0) lead = whole_period_mean(net.stages[j].supply_lead_time_periods);
  return lead;
}

// sigma_j and mu_j: the demand bounds with every safety factor 1.
Result<std::vector<GsmDemandBound>> unit_demand_bounds(const Plan& plan) {
  GsmNetwork unit = plan.network;
  for (GsmStage& st : unit.stages) {
    st.safety_factor = 1.0;
    if (st.served_demand) st.served_demand->safety_factor = 1.0;
  }
  return gsm_demand_bounds(unit);
}

double exposure_sd(const GsmDemandBound& bound, const GsmStageResult& r) {
  const double sigma = bound.bound_sd, mu = bound.bound_mean, s = r.lead_time_sd_periods;
  return std::sqrt(sigma * sigma * std::max(r.net_replenishment_time, 1.0) + mu * mu * s * s);
}

// The extra stock that lifts the share of on-time periods to `target`, from the shares measured
// at the probes (the header's rule); nullopt when the probes show no gain.
struct ProbeReading {
  double extra = 0.0;
  std::size_t probe = 0;     // the probe read
  bool extrapolated = false;  // beyond the last probe
};
std::optional<ProbeReading> read_probes(double reached, const std::array<double, sim::kOverdueProbes>& probes,
                                        const std::array<sim::Estimate, sim::kOverdueProbes>& shares, double target) {
  for (std::size_t k = 0; k < probes.size(); ++k)
    if (probes[k] > 0.0 && shares[k].mean >= target) return ProbeReading{probes[k], k, false};
  const std::size_t last = probes.size() - 1;
  if (!(probes[last] > 0.0)) return std::nullopt;
  const double x1 = last > 0 ? probes[last - 1] : 0.0, p1 = last > 0 ? shares[last - 1].mean : reached;
  const double x2 = probes[last], p2 = shares[last].mean;
  if (!(p2 > p1 + 1e-9) || !(x2 > x1) || p2 >= 1.0) return std::nullopt;
  const double theta = (x2 - x1) / std::log((1.0 - p1) / (1.0 - p2));
  return ProbeReading{x2 + theta * std::log((1.0 - p2) / (1.0 - target)), last, true};
}

}  // namespace

std::array<double, sim::kOverdueProbes> overdue_probes(double exposure_sd) {
  std::array<double, sim::kOverdueProbes> probes{};
  if (!std::isfinite(exposure_sd) || !(exposure_sd > 0.0)) return probes;
  double x = exposure_sd;
  for (std::size_t k = probes.size(); k-- > 0; x /= 2.0) probes[k] = x;
  return probes;
}

Result<std::vector<double>> shortfall_exposure_sd(const Plan& plan) {
  if (plan.network.stages.size() != plan.stages.size()) return Problem{"plan", "the plan does not match its network"};
  auto pooled = unit_demand_bounds(plan);
  if (!pooled.ok()) return pooled.problems();
  std::vector<double> out(plan.stages.size());
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = exposure_sd((*pooled)[j], plan.stages[j].multi_echelon);
  return out;
}

Result<PromiseReport> check_promises(const Plan& plan, const sim::SimNetwork& network, const sim::SimEstimates& estimates) {
  const std::size_t n = plan.stages.size();
  if (plan.network.stages.size() != n || network.stages.size() != n || estimates.stages.size() != n)
    return Problem{"estimates", "must come from simulating the plan: one simulated stage per planned stage"};
  auto pooled = unit_demand_bounds(plan);
  if (!pooled.ok()) return pooled.problems();

  std::vector<std::vector<std::size_t>> suppliers(n);
  for (const GsmArc& a : plan.network.arcs)
    suppliers[static_cast<std::size_t>(a.downstream)].push_back(static_cast<std::size_t>(a.upstream));

  PromiseReport report;
  report.stages.reserve(n);
  for (std::size_t j = 0; j < n; ++j) {
    const PlanStage& ps = plan.stages[j];
    const GsmStageResult& r = ps.multi_echelon;
    const sim::StageKpis& k = estimates.stages[j];
    StagePromise p;
    p.stage = j;
    p.node = ps.node;
    p.item = ps.item;
    p.quoted_service_time_periods = r.outbound_service_time;
    const double sigma = (*pooled)[j].bound_sd, mu = (*pooled)[j].bound_mean;
    const double s = r.lead_time_sd_periods;
    p.exposure_sd = std::sqrt(sigma * sigma * r.net_replenishment_time + mu * mu * s * s);
    // The model's own buffer over its exposure; with no exposure, the level of the demand bound.
    const double model_stock = r.safety_stock - r.safety_stock_for_supplier_delays - r.safety_stock_for_lead_time_shape;
    if (p.exposure_sd > 0.0) p.safety_factor = model_stock / p.exposure_sd;
    else if (sigma > 0.0) p.safety_factor = r.demand_bound_sd / sigma;
    else p.safety_factor = 0.0;
    p.promised = p.exposure_sd > 0.0 || sigma > 0.0 ? stats::standard_normal_cdf(p.safety_factor) : 1.0;
    if (ps.quantile_sized_probability) {  // sized by the quantile of the demand: it promises that probability
      p.promised = *ps.quantile_sized_probability;
      p.safety_factor = stats::standard_normal_quantile(p.promised);
    }
    p.measure = measure_text(p.quoted_service_time_periods);
    p.simulated = k.on_time_period_share;
    p.units_on_time = k.on_time_unit_share;
    p.from_stock_at_once = k.fill_rate;
    const double hw = std::isfinite(p.simulated.half_width) ? p.simulated.half_width : 1.0;
    if (p.simulated.mean >= p.promised - 1e-12) p.verdict = PromiseVerdict::kept;
    else if (p.simulated.mean + hw >= p.promised) p.verdict = PromiseVerdict::within_interval;
    else p.verdict = PromiseVerdict::below;

    switch (p.verdict) {
      case PromiseVerdict::kept: ++report.stages_kept; break;
      case PromiseVerdict::within_interval: ++report.stages_within_interval; break;
      case PromiseVerdict::below: ++report.stages_below; break;
    }
    report.stages.push_back(std::move(p));
  }

  // Causes and costs of the shortfalls, once every stage's verdict is known.
  for (std::size_t j = 0; j < n; ++j) {
    StagePromise& p = report.stages[j];
    if (p.verdict != PromiseVerdict::below) continue;
    const GsmStageResult& r = plan.stages[j].multi_echelon;
    const double s = r.lead_time_sd_periods;
    // Suppliers late at all, and suppliers late beyond their own promises (see the header).
    std::string late;
    bool beyond_promise = false;
    for (std::size_t i : suppliers[j]) {
      const sim::Estimate& on_time = estimates.stages[i].on_time_period_share;
      if (on_time.mean < 1.0 - 1e-12) {
        if (!late.empty()) late += ", ";
        late += plan.stages[i].node + " (on time in " + percent(on_time.mean) + " of periods)";
      }
      if (report.stages[i].verdict == PromiseVerdict::below) beyond_promise = true;
    }
    const double sim_lead = simulated_lead_time_mean(network, j);
    const double plan_lead = plan.network.stages[j].processing_time_periods;
    const std::string late_text =
        "Its suppliers were late on their own quoted times: " + late +
        ". The guaranteed-service model assumes demand stays within each stage's bound, so a supplier always keeps "
        "its quoted time; the plan adds stock for their delays with a normal approximation, which falls short here.";
    if (sim_lead > plan_lead + 1e-6) {
      p.cause = ShortfallCause::whole_period_lead_time;
      p.explanation = "The simulation moves goods in whole periods of at least one: this stage's replenishment takes " +
                      number(sim_lead) + " periods there against " + number(plan_lead) + " in the plan.";
    } else if (!late.empty() && (beyond_promise || s == 0.0)) {
      p.cause = ShortfallCause::late_suppliers;
      p.explanation = late_text;
    } else if (s > 0.0) {
      p.cause = ShortfallCause::lead_time_shape;
      p.explanation = "Its replenishment time is random (sd " + number(s) +
                      " periods): the demand over it is a mixture over the possible times, with a heavier tail than "
                      "the normal approximation the plan uses" +
                      (late.empty() ? std::string(".") : "; its suppliers, on time within their promises, add to it.");
    } else {
      p.cause = ShortfallCause::demand_shape;
      p.explanation = "The plan sizes the buffer with a normal model of the demand over the replenishment time; the "
                      "simulated demand has a heavier tail at this stage (skewed or intermittent demand).";
    }
    const double target = std::min(p.promised, 0.999);
    const double reached = std::clamp(p.simulated.mean, 0.001, 0.999);
    const auto& probes = network.stages[j].overdue_probe_units;
    const auto& shares = estimates.stages[j].on_time_period_share_at_probe;
    const std::optional<ProbeReading> reading = read_probes(reached, probes, shares, target);
    std::string how;
    if (reading) {
      p.extra_safety_stock_units = reading->extra;
      p.extra_from_probe = true;
      const std::string measured = "with " + number(probes[reading->probe]) + " more units it would have been on time in " +
                                   percent(shares[reading->probe].mean) + " of periods";
      how = reading->extrapolated ? " (extrapolated from the simulation, which found that " + measured + ")"
                                  : " (the simulation found that " + measured + ")";
    } else {
      const double exposure = exposure_sd((*pooled)[j], r);
      const double z_gap = std::max(0.0, stats::standard_normal_quantile(target) - stats::standard_normal_quantile(reached));
      p.extra_safety_stock_units = std::max(z_gap * exposure, exposure);
      how = " (a normal approximation, at least one spread of its demand: more stock showed no gain in the simulation)";
    }
    p.extra_holding_cost_per_period = plan.network.stages[j].holding_cost_per_unit_period * p.extra_safety_stock_units;
    p.explanation += " To close the gap: about " + number(p.extra_safety_stock_units) +
                     " more units of safety stock here, " + number(p.extra_holding_cost_per_period) +
                     " holding cost per period" + how + ".";
  }

  // Network-level figures and what they measure.
  int demand_stages = 0, quoting_later = 0;
  double all_kept = 1.0;
  for (std::size_t j = 0; j < n; ++j) {
    const GsmStage& st = plan.network.stages[j];
    if (st.external_demand_mean_per_period > 0.0 || st.external_demand_sd_per_period > 0.0) {
      ++demand_stages;
      all_kept *= report.stages[j].promised;
      if (report.stages[j].quoted_service_time_periods >= 0.5) ++quoting_later;
    }
  }
  double weight_sum = 0.0, weighted_promised = 0.0, weighted_simulated = 0.0, weighted_half_width = 0.0;
  DemandWeightedService& dw = report.demand_weighted;
  for (std::size_t j = 0; j < n; ++j) {
    const GsmStage& st = plan.network.stages[j];
    if (st.external_demand_mean_per_period <= 0.0 && st.external_demand_sd_per_period <= 0.0) continue;
    const StagePromise& p = report.stages[j];
    ++dw.demand_stages;
    if (p.verdict != PromiseVerdict::below) ++dw.demand_stages_meeting;
    // A stage with zero mean demand still counts as a stage, but carries no weight.
    const double w = std::max(st.external_demand_mean_per_period, 0.0);
    weight_sum += w;
    weighted_promised += w * p.promised;
    weighted_simulated += w * p.simulated.mean;
    weighted_half_width += w * (std::isfinite(p.simulated.half_width) ? p.simulated.half_width : 1.0);
  }
  if (weight_sum > 0.0) {
    dw.promised = weighted_promised / weight_sum;
    dw.simulated = {weighted_simulated / weight_sum, weighted_half_width / weight_sum};
  }
  const std::string count = std::to_string(demand_stages) + " demand stage" + (demand_stages == 1 ? "" : "s");
  const sim::NetworkKpis& nk = estimates.network;
  const std::string later =
      quoting_later == 0 ? std::string()
                         : " " + std::to_string(quoting_later) + " of them quote a service time above 0, so their "
                           "customers are promised delivery later, not from stock: this figure counts those waits as "
                           "shortfalls although the promise allows them.";
  report.network.push_back({"fill_rate", "Customer demand met from stock at once, all " + count, "share of units",
                            "The demand-weighted average of the demand stages' fill rates; the plan promises a "
                            "cycle-service level at each stage, not this figure." + later,
                            nk.fill_rate, std::nullopt});
  std::optional<double> implied;
  if (quoting_later == 0) implied = 1.0 - all_kept;
  report.network.push_back({"stockout_probability",
                            "Periods in which any of " + count + " ends with customers owed (not served at once)",
                            "share of periods",
                            "Not a per-stage promise: even when every stage keeps its promise, some stage is short in "
                            "more periods than any one of them (were they independent, 1 - the product of their "
                            "promises)." + later,
                            nk.stockout_probability, implied});
  if (weight_sum > 0.0)
    report.network.push_back({"demand_weighted_service",
                              "Service on each stage's promised measure, weighted by demand, all " + count,
                              "share of periods",
                              "The demand-weighted average of the per-stage figures the plan promises (periods "
                              "with nothing owed for longer than the quoted service time); compare it with the "
                              "demand-weighted promise. The interval is the weighted average of the stages' "
                              "intervals, an upper bound on its own.",
                              dw.simulated, dw.promised});
  report.network.push_back({"backorders", "Units owed to customers at period end, all " + count, "units",
                            "A sum over the demand stages.", nk.backorders, std::nullopt});
  report.network.push_back({"lost_sales", "Units of customer demand lost per period, all " + count, "units",
                            "A sum over the demand stages (lost-sales mode only).", nk.lost_sales, std::nullopt});
  report.network.push_back({"inventory_value", "Value of stock on hand and in transit, whole network",
                            "money", "Includes cycle and pipeline stock, not only the plan's safety stock.",
                            nk.inventory_value, std::nullopt});
  report.network.push_back({"total_cost", "Holding, ordering and shortage cost per period, whole network",
                            "money per period", "Includes costs the plan does not optimise (ordering, shortage).",
                            nk.total_cost, std::nullopt});
  return report;
}

}  // namespace echelon
