#include "core/service/verify.h"

#include <algorithm>
#include <cmath>

namespace echelon::service {

Result<PolicySimInput> simulation_input(const ServiceItem& item, double level, const VerifyOptions& o, std::size_t index) {
  const double r = item.demand.review_period_periods;
  if (!(r >= 1.0)) return Problem{"demand/review_period_periods", "the simulation needs a review period of at least 1"};
  PolicySimInput in;
  in.demand = item.demand.demand;
  in.lead_time = item.demand.lead_time;
  in.review_period_periods = static_cast<int>(std::lround(r));
  if (item.lot_size_units > 0.0) {
    in.policy = SimPolicy::r_nQ;
    in.quantity = item.lot_size_units;
  }
  in.level = level;
  in.periods = o.periods;
  in.warmup_periods = o.warmup_periods;
  in.replications = o.replications;
  // Distinct, reproducible streams per item (SplitMix64's increment spreads the indices).
  in.seed = o.seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(index) + 1);
  return in;
}

ItemVerifier::ItemVerifier(const ServiceItem& item, double level, double promised, const VerifyOptions& o,
                           std::size_t index) {
  verification_.id = item.id;
  verification_.level = level;
  verification_.promised_fill_rate = promised;
  auto in = simulation_input(item, level, o, index);
  if (!in.ok()) {
    verification_.skipped_reason = describe(in.problems());
    done_ = true;
    return;
  }
  input_ = std::move(in).value();
}

bool ItemVerifier::step(int replications) {
  if (done_) return true;
  auto more = simulate_policy_replications(input_, tally_.replications(), std::max(1, replications));
  if (!more.ok()) {
    verification_.skipped_reason = describe(more.problems());
    done_ = true;
    return true;
  }
  append_tally(tally_, *more);  // starts where the tally ends, by construction
  if (tally_.replications() >= input_.replications) {
    verification_.simulated = true;
    verification_.simulated_fill_rate = estimate_policy(tally_).fill_rate;
    done_ = true;
  }
  return done_;
}

ItemVerification verify_item(const ServiceItem& item, double level, double promised, const VerifyOptions& o,
                             std::size_t index) {
  ItemVerifier v(item, level, promised, o, index);
  v.step(o.replications);
  return v.result();
}

Verification summarise_verification(std::span<const ServiceItem> items, std::vector<ItemVerification> verified,
                                    FillRateWeighting weighting) {
  Verification out;
  double w_total = 0.0, promised = 0.0, simulated = 0.0;
  for (std::size_t i = 0; i < verified.size() && i < items.size(); ++i) {
    const ItemVerification& v = verified[i];
    if (!v.simulated) {
      ++out.skipped;
      continue;
    }
    const double w = weighting == FillRateWeighting::simple ? 1.0 : demand_mean(items[i].demand.demand);
    w_total += w;
    promised += w * v.promised_fill_rate;
    simulated += w * v.simulated_fill_rate.mean;
  }
  double variance = 0.0;
  if (w_total > 0.0) {
    for (std::size_t i = 0; i < verified.size() && i < items.size(); ++i) {
      const ItemVerification& v = verified[i];
      if (!v.simulated) continue;
      const double w = (weighting == FillRateWeighting::simple ? 1.0 : demand_mean(items[i].demand.demand)) / w_total;
      variance += w * w * v.simulated_fill_rate.standard_error * v.simulated_fill_rate.standard_error;
    }
    out.promised_fill_rate = promised / w_total;
    out.simulated_fill_rate = simulated / w_total;
  }
  out.standard_error = std::sqrt(variance);
  out.half_width_95 = 1.96 * out.standard_error;
  out.met = out.promised_fill_rate <= out.simulated_fill_rate + out.half_width_95;
  out.consistent = std::fabs(out.promised_fill_rate - out.simulated_fill_rate) <= out.half_width_95;
  out.items = std::move(verified);
  return out;
}

int verify_replication_work_units(const VerifyOptions& o) {
  const long long periods = static_cast<long long>(o.periods) + o.warmup_periods;
  return static_cast<int>(std::max(1LL, (periods + 500) / 1000));
}

int verify_work_units(const VerifyOptions& o) { return verify_replication_work_units(o) * std::max(1, o.replications); }

}  // namespace echelon::service
