#include "core/sim/sampler.h"

#include "core/sim/lanes.h"

namespace echelon::sim {

ECHELON_SIM_CLONES void normal_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream,
                                     double* out) {
  rng::standard_normal_lanes<kBlockReplications>(key, period, first_rep, stream, 0, out);
}

ECHELON_SIM_CLONES void normal_pair_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep,
                                          std::uint32_t stream, double* out, double* out_next) {
  rng::standard_normal_pair_lanes<kBlockReplications>(key, period, first_rep, stream, 0, out, out_next);
}

Sampler Sampler::make(const Distribution& d, bool lead_time) {
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

}  // namespace echelon::sim
