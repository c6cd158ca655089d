#include "core/sim/policy_sim.h"

#include "core/sim/sim.h"

#include <algorithm>
#include <cmath>
#include <vector>
#include <string>

namespace echelon {

namespace {

std::uint64_t mix(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One period's draws for one stream; `next()` walks the draw index.
class Draws {
 public:
  Draws(std::uint64_t seed, std::uint64_t rep, std::uint64_t period, std::uint64_t stream)
      : seed_(seed), rep_(rep), period_(period), stream_(stream) {}
  double next() { return sim_uniform(seed_, rep_, period_, stream_, draw_++); }
  double normal() {
    // Box-Muller; 1 - u keeps the logarithm finite.
    const double u1 = 1.0 - next(), u2 = next();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double gamma(double shape) {
    if (shape < 1.0) {  // boost to shape + 1, then scale by U^(1/shape)
      const double g = gamma(shape + 1.0);
      return g * std::pow(1.0 - next(), 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double z, v;
      do {
        z = normal();
        v = 1.0 + c * z;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = 1.0 - next();
      if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v;
    }
  }
  double poisson(double mean) {
    if (mean <= 0.0) return 0.0;
    if (mean > 500.0) return std::max(0.0, std::round(mean + std::sqrt(mean) * normal()));
    double p = std::exp(-mean), cumulative = p;
    const double u = next();
    double k = 0.0;
    while (u > cumulative && p > 0.0) {
      k += 1.0;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

 private:
  std::uint64_t seed_, rep_, period_, stream_, draw_ = 0;
};

struct Sampler {
  PeriodDemand demand;
  stats::GammaParameters gamma;
  stats::NegativeBinomialParameters nb;
  std::vector<double> empirical_cdf;
  std::vector<LeadTimePoint> lead;  // probabilities cumulated

  double demand_draw(Draws& r) const {
    switch (demand.kind) {
      case DemandKind::normal:
        return std::max(0.0, demand.mean_units_per_period + demand.sd_units_per_period * r.normal());
      case DemandKind::gamma:
        return demand.sd_units_per_period > 0.0 ? gamma.scale * r.gamma(gamma.shape) : demand.mean_units_per_period;
      case DemandKind::poisson: return r.poisson(demand.mean_units_per_period);
      case DemandKind::negative_binomial:
        return r.poisson(r.gamma(nb.successes) * (1.0 - nb.probability) / nb.probability);
      case DemandKind::empirical: {
        const double u = r.next();
        const auto it = std::upper_bound(empirical_cdf.begin(), empirical_cdf.end(), u);
        return static_cast<double>(std::min<std::ptrdiff_t>(it - empirical_cdf.begin(),
                                                            static_cast<std::ptrdiff_t>(empirical_cdf.size()) - 1));
      }
    }
    return 0.0;
  }
  int lead_draw(Draws& r) const {
    if (lead.size() == 1) return static_cast<int>(std::lround(lead[0].periods));
    const double u = r.next();
    for (const LeadTimePoint& p : lead) {
      if (u < p.probability) return static_cast<int>(std::lround(p.periods));
    }
    return static_cast<int>(std::lround(lead.back().periods));
  }
};

SimEstimate estimate(const std::vector<double>& values) {
  const auto n = static_cast<double>(values.size());
  double mean = 0.0;
  for (double v : values) mean += v / n;
  double ss = 0.0;
  for (double v : values) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1.0) / n)};
}

}  // namespace

double sim_uniform(std::uint64_t seed, std::uint64_t replication, std::uint64_t period, std::uint64_t stream,
                   std::uint64_t draw) {
  std::uint64_t key = mix(seed);
  key = mix(key ^ replication);
  key = mix(key ^ (period * 0x100000001B3ULL));
  key = mix(key ^ (stream << 40) ^ draw);
  return static_cast<double>(key >> 11) * 0x1.0p-53;
}

namespace {

// Checks the input and sets up its sampler (problems as simulate_policy() documents them).
Result<Sampler> prepare(const PolicySimInput& in) {
  LeadTimeDemandInput check;
  check.demand = in.demand;
  check.lead_time = in.lead_time;
  Problems problems = validate(check);
  if (in.review_period_periods < 1 || in.review_period_periods > 10000)
    problems.push_back({"review_period_periods", "must be from 1 to 10000"});
  if (in.periods < 1 || in.warmup_periods < 0) problems.push_back({"periods", "must be positive (warm-up not negative)"});
  if (in.replications < 2) problems.push_back({"replications", "must be at least 2 for a standard error"});
  // The same work bound as the network simulation (sim.h), counted in periods simulated.
  const double work = (static_cast<double>(in.warmup_periods) + in.periods) * static_cast<double>(in.replications);
  if (work > sim::kMaxStagePeriods)
    problems.push_back({"periods", "too large: (warm-up + periods) x replications = " + format_number(work) +
                                       " periods to simulate; the limit is " + format_number(sim::kMaxStagePeriods)});
  if (!std::isfinite(in.level)) problems.push_back({"level", "must be a finite number"});
  if (in.policy != SimPolicy::base_stock && !(in.quantity > 0.0)) {
    problems.push_back({"quantity", "must be positive for this policy"});
  }
  Sampler s;
  s.demand = in.demand;
  if (in.lead_time.points.empty()) {
    if (in.lead_time.sd_periods != 0.0) {
      problems.push_back({"lead_time", "the simulation needs a constant lead time or a table of points"});
    }
    s.lead = {{in.lead_time.mean_periods, 1.0}};
  } else {
    double cumulative = 0.0;
    for (const LeadTimePoint& p : in.lead_time.points) {
      cumulative += p.probability;
      s.lead.push_back({p.periods, cumulative});
    }
  }
  for (const LeadTimePoint& p : s.lead) {
    if (std::fabs(p.periods - std::round(p.periods)) > 1e-9 || p.periods > 10000.0) {
      problems.push_back({"lead_time", "the simulation needs whole lead times of at most 10000 periods"});
      break;
    }
  }
  if (!problems.empty()) return problems;
  if (in.demand.kind == DemandKind::gamma && in.demand.sd_units_per_period > 0.0) {
    s.gamma = stats::gamma_from_moments(in.demand.mean_units_per_period, in.demand.sd_units_per_period);
  }
  if (in.demand.kind == DemandKind::negative_binomial) {
    s.nb = stats::negative_binomial_from_moments(in.demand.mean_units_per_period,
                                                 in.demand.sd_units_per_period * in.demand.sd_units_per_period);
  }
  if (in.demand.kind == DemandKind::empirical) {
    const stats::DiscreteDistribution d = stats::make_discrete(in.demand.probabilities);
    s.empirical_cdf = d.cdf;
  }
  return s;
}

// Replications [first, end) of a checked input, appended to `out` in order.
void run_replications(const PolicySimInput& in, const Sampler& s, int first, int end, PolicySimTally& out) {
  int max_lead = 0;
  for (const LeadTimePoint& p : s.lead) max_lead = std::max(max_lead, static_cast<int>(std::lround(p.periods)));
  const auto ring = static_cast<std::size_t>(max_lead + in.review_period_periods + 2);
  const int review = in.review_period_periods;
  const int total = in.warmup_periods + in.periods;

  for (int rep = first; rep < end; ++rep) {
    std::vector<double> pipeline(ring, 0.0);
    std::vector<int> checks_counted(ring, 0);
    double net = in.policy == SimPolicy::base_stock ? in.level : in.level + in.quantity;
    double outstanding = 0.0;
    double sum_on_hand = 0.0, sum_back = 0.0, sum_demand = 0.0, sum_short = 0.0;
    long long ready_count = 0, check_total = 0, check_ok = 0, order_count = 0;
    for (int t = 0; t < total; ++t) {
      const std::size_t slot = static_cast<std::size_t>(t) % ring;
      net += pipeline[slot];
      outstanding -= pipeline[slot];
      pipeline[slot] = 0.0;
      Draws demand_draws(in.seed, static_cast<std::uint64_t>(rep), static_cast<std::uint64_t>(t), 0);
      const double d = s.demand_draw(demand_draws);
      const double available = std::max(net, 0.0);
      const double short_units = std::max(0.0, d - available);
      net -= d;
      const bool counted = t >= in.warmup_periods;
      if (counted) {
        sum_on_hand += std::max(net, 0.0);
        sum_back += std::max(-net, 0.0);
        sum_demand += d;
        sum_short += short_units;
        if (net >= 0.0) ++ready_count;
      }
      if (checks_counted[slot] > 0) {
        check_total += checks_counted[slot];
        if (net >= 0.0) check_ok += checks_counted[slot];
      }
      checks_counted[slot] = 0;
      if ((t + 1) % review == 0) {
        const double position = net + outstanding;
        double q = 0.0;
        switch (in.policy) {
          case SimPolicy::base_stock: q = std::max(0.0, in.level - position); break;
          case SimPolicy::r_nQ:
            if (position <= in.level) q = in.quantity * (std::floor((in.level - position) / in.quantity) + 1.0);
            break;
          case SimPolicy::s_S:
            if (position <= in.level) q = in.level + in.quantity - position;
            break;
        }
        Draws lead_draws(in.seed, static_cast<std::uint64_t>(rep), static_cast<std::uint64_t>(t), 1);
        const int lead = s.lead_draw(lead_draws);
        if (q > 0.0) {
          pipeline[static_cast<std::size_t>(t + lead + 1) % ring] += q;
          outstanding += q;
          if (counted) ++order_count;
        }
        if (counted && t + lead + review < total) {
          checks_counted[static_cast<std::size_t>(t + lead + review) % ring] += 1;
        }
      }
    }
    const double n = in.periods;
    out.cycle_service_level.push_back(check_total > 0 ? static_cast<double>(check_ok) / static_cast<double>(check_total) : 1.0);
    out.fill_rate.push_back(sum_demand > 0.0 ? 1.0 - sum_short / sum_demand : 1.0);
    out.ready_rate.push_back(static_cast<double>(ready_count) / n);
    out.backorders_units.push_back(sum_back / n);
    out.on_hand_units.push_back(sum_on_hand / n);
    out.orders_per_period.push_back(static_cast<double>(order_count) / n);
  }
}

}  // namespace

Result<PolicySimTally> simulate_policy_replications(const PolicySimInput& in, int first_replication, int count) {
  auto s = prepare(in);
  if (!s.ok()) return s.problems();
  if (first_replication < 0 || first_replication >= in.replications || count < 1)
    return Problem{"replications", "the range starting at " + std::to_string(first_replication) + " (" +
                                       std::to_string(count) + " replications) is outside the run's " +
                                       std::to_string(in.replications)};
  PolicySimTally tally;
  tally.first_replication = first_replication;
  const int end = first_replication + std::min(count, in.replications - first_replication);
  run_replications(in, *s, first_replication, end, tally);
  return tally;
}

bool append_tally(PolicySimTally& tally, const PolicySimTally& later) {
  if (later.first_replication != tally.first_replication + tally.replications()) return false;
  const auto append = [](std::vector<double>& to, const std::vector<double>& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(tally.cycle_service_level, later.cycle_service_level);
  append(tally.fill_rate, later.fill_rate);
  append(tally.ready_rate, later.ready_rate);
  append(tally.backorders_units, later.backorders_units);
  append(tally.on_hand_units, later.on_hand_units);
  append(tally.orders_per_period, later.orders_per_period);
  return true;
}

PolicySimResult estimate_policy(const PolicySimTally& t) {
  PolicySimResult r;
  r.cycle_service_level = estimate(t.cycle_service_level);
  r.fill_rate = estimate(t.fill_rate);
  r.ready_rate = estimate(t.ready_rate);
  r.backorders_units = estimate(t.backorders_units);
  r.on_hand_units = estimate(t.on_hand_units);
  r.orders_per_period = estimate(t.orders_per_period);
  return r;
}

Result<PolicySimResult> simulate_policy(const PolicySimInput& in) {
  auto s = prepare(in);
  if (!s.ok()) return s.problems();
  PolicySimTally tally;
  run_replications(in, *s, 0, in.replications, tally);
  return estimate_policy(tally);
}

}  // namespace echelon
