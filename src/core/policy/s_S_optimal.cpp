#include "core/policy/s_S_optimal.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr std::int64_t kMaxDifference = 200000;        // S - s
constexpr std::int64_t kMaxCostTerms = 50000000;       // terms summed by the search
constexpr std::int64_t kMaxLevelSteps = 10000000;      // unit steps of s and S

// The instance in tables: one period's demand (for the renewal mass) and X over L + 1 periods.
struct Model {
  std::vector<double> period_pmf;
  stats::DiscreteDistribution protection;
  double order_cost = 0.0, holding = 0.0, backorder = 0.0;
  std::vector<double> renewal;       // m(j), grown on demand
  std::vector<double> renewal_sum;   // M(j + 1) = m(0) + ... + m(j)
  std::int64_t terms = 0;

  double g(std::int64_t y) const {
    const double level = static_cast<double>(y);
    return holding * (level - protection.mean) + (holding + backorder) * stats::discrete_loss(protection, level);
  }

  void grow_renewal(std::int64_t count) {
    const double stay = 1.0 - period_pmf[0];
    while (static_cast<std::int64_t>(renewal.size()) < count) {
      const std::size_t j = renewal.size();
      double m = 0.0;
      if (j == 0) {
        m = 1.0 / stay;
      } else {
        const std::size_t top = std::min(j, period_pmf.size() - 1);
        for (std::size_t k = 1; k <= top; ++k) m += period_pmf[k] * renewal[j - k];
        m /= stay;
      }
      renewal.push_back(m);
      renewal_sum.push_back((j == 0 ? 0.0 : renewal_sum[j - 1]) + m);
    }
  }

  // c(s, S) for s < S.
  double cost(std::int64_t s, std::int64_t S) {
    const std::int64_t n = S - s;
    grow_renewal(n);
    double sum = order_cost;
    for (std::int64_t j = 0; j < n; ++j) sum += renewal[static_cast<std::size_t>(j)] * g(S - j);
    terms += n;
    return sum / renewal_sum[static_cast<std::size_t>(n - 1)];
  }
};

Result<Model> build_model(const SSOptimalInput& input) {
  if (Problems p = validate(input); !p.empty()) return p;
  LeadTimeDemandInput period;
  period.demand = input.demand;
  period.review_period_periods = 1.0;
  period.model = LeadTimeDemandModel::discrete_exact;
  auto one = compute_lead_time_demand(period);
  if (!one.ok()) return one.problems();
  LeadTimeDemandInput over = period;
  over.lead_time.mean_periods = input.lead_time_periods;
  auto x = compute_lead_time_demand(over);
  if (!x.ok()) return x.problems();
  Model m;
  m.period_pmf = one->discrete.pmf;
  if (m.period_pmf.empty() || !(m.period_pmf[0] < 1.0 - 1e-12)) {
    return Problem{"demand", "demand is zero with certainty: no (s, S) policy is needed"};
  }
  m.protection = x->discrete;
  m.order_cost = input.order_cost_per_order;
  m.holding = input.holding_cost_per_unit_period;
  m.backorder = input.backorder_cost_per_unit_period;
  return m;
}

Problem too_large(const std::string& what) {
  return Problem{"demand", "the instance is too large for the exact (s, S) search (" + what +
                               "); scale demand to larger units"};
}

}  // namespace

Problems validate(const SSOptimalInput& input) {
  Problems out;
  const DemandKind kind = input.demand.kind;
  if (kind != DemandKind::poisson && kind != DemandKind::negative_binomial && kind != DemandKind::empirical) {
    out.push_back({"demand/kind", "the exact (s, S) search needs whole-unit demand: poisson, negative_binomial or empirical"});
  }
  const double l = input.lead_time_periods;
  if (!std::isfinite(l) || l < 0.0 || l != std::floor(l) || l > 366.0) {
    out.push_back({"lead_time_periods", "must be a whole number of periods from 0 to 366"});
  }
  if (!std::isfinite(input.order_cost_per_order) || input.order_cost_per_order < 0.0) {
    out.push_back({"order_cost_per_order", "must be a finite number that is not negative"});
  }
  if (!std::isfinite(input.holding_cost_per_unit_period) || input.holding_cost_per_unit_period <= 0.0) {
    out.push_back({"holding_cost_per_unit_period", "must be a positive number"});
  }
  if (!std::isfinite(input.backorder_cost_per_unit_period) || input.backorder_cost_per_unit_period <= 0.0) {
    out.push_back({"backorder_cost_per_unit_period", "must be a positive number"});
  }
  return out;
}

Result<SSPolicyCost> s_S_policy_cost(const SSOptimalInput& input, std::int64_t reorder_level,
                                     std::int64_t order_up_to_level) {
  if (!(order_up_to_level > reorder_level)) {
    return Problem{"order_up_to_level", "must be above the reorder level"};
  }
  if (order_up_to_level - reorder_level > kMaxDifference) return too_large("S - s above 200000");
  auto model = build_model(input);
  if (!model.ok()) return model.problems();
  Model& m = model.value();
  SSPolicyCost out;
  out.reorder_level = reorder_level;
  out.order_up_to_level = order_up_to_level;
  out.cost_per_period = m.cost(reorder_level, order_up_to_level);
  out.orders_per_period = 1.0 / m.renewal_sum[static_cast<std::size_t>(order_up_to_level - reorder_level - 1)];
  return out;
}

Result<SSOptimalResult> optimize_s_S(const SSOptimalInput& input) {
  auto model = build_model(input);
  if (!model.ok()) return model.problems();
  Model& m = model.value();

  // y*: G is convex on the integers; walk from the rounded mean of X to the smallest minimiser.
  std::int64_t y = static_cast<std::int64_t>(std::floor(m.protection.mean));
  std::int64_t steps = 0;
  while (m.g(y + 1) < m.g(y) && steps++ < kMaxLevelSteps) ++y;
  while (m.g(y - 1) <= m.g(y) && steps++ < kMaxLevelSteps) --y;
  if (steps >= kMaxLevelSteps) return too_large("the minimiser of G is out of reach");
  const std::int64_t y_star = y;

  // Step 1: the best s for S = y*.
  // c(s, y*) gains one term m(n) G(y* - n) each time s goes down by one: kept as a running sum.
  std::int64_t s = y_star - 1;
  m.grow_renewal(1);
  double running = m.order_cost + m.renewal[0] * m.g(y_star);
  while (running / m.renewal_sum[static_cast<std::size_t>(y_star - s - 1)] > m.g(s)) {
    --s;
    const std::int64_t n = y_star - s;
    if (n > kMaxDifference) return too_large("S - s above 200000");
    m.grow_renewal(n);
    running += m.renewal[static_cast<std::size_t>(n - 1)] * m.g(y_star - n + 1);
    ++m.terms;
  }
  std::int64_t best_S = y_star;
  double best = m.cost(s, best_S);
  // Step 2: raise S while G(S) <= c*.
  for (std::int64_t S = best_S + 1; m.g(S) <= best; ++S) {
    if (S - s > kMaxDifference) return too_large("S - s above 200000");
    if (m.terms > kMaxCostTerms) return too_large("more than 5e7 cost terms");
    if (m.cost(s, S) < best) {
      best_S = S;
      while (s + 1 < y_star && m.cost(s, best_S) <= m.g(s + 1)) ++s;
      best = m.cost(s, best_S);
    }
  }
  SSOptimalResult out;
  out.optimal.reorder_level = s;
  out.optimal.order_up_to_level = best_S;
  out.optimal.cost_per_period = best;
  m.grow_renewal(best_S - s);
  out.optimal.orders_per_period = 1.0 / m.renewal_sum[static_cast<std::size_t>(best_S - s - 1)];
  out.myopic_level = y_star;
  out.myopic_cost_per_period = m.g(y_star);
  out.cost_evaluations = m.terms;
  return out;
}

Result<SSPowerApproximation> power_approximation_s_S(const SSOptimalInput& input) {
  auto model = build_model(input);
  if (!model.ok()) return model.problems();
  const Model& m = model.value();
  double mu = 0.0;
  for (std::size_t k = 0; k < m.period_pmf.size(); ++k) mu += static_cast<double>(k) * m.period_pmf[k];
  const double mu_l = m.protection.mean;
  const double sigma_l = std::sqrt(m.protection.variance);
  const double h = m.holding, p = m.backorder, k = m.order_cost;
  if (!(k > 0.0) || !(sigma_l > 0.0)) {
    return Problem{"order_cost_per_order", "the power approximation needs a positive order cost and random demand"};
  }
  const double q = 1.30 * std::pow(mu, 0.494) * std::pow(k / h, 0.506) * std::pow(1.0 + sigma_l * sigma_l / (mu * mu), 0.116);
  const double z = std::sqrt(q * h / (sigma_l * p));
  const double s_p = 0.973 * mu_l + sigma_l * (0.183 / z + 1.063 - 2.192 * z);
  SSPowerApproximation out;
  if (q / mu > 1.5) {
    out.reorder_level_real = s_p;
    out.order_up_to_level_real = s_p + q;
  } else {
    const double s0 = mu_l + sigma_l * stats::standard_normal_quantile(p / (p + h));
    out.reorder_level_real = std::min(s_p, s0);
    out.order_up_to_level_real = std::min(s_p + q, s0);
  }
  auto s = static_cast<std::int64_t>(std::llround(out.reorder_level_real));
  auto S = static_cast<std::int64_t>(std::llround(out.order_up_to_level_real));
  if (S <= s) S = s + 1;  // the rounded levels must still differ
  auto c = s_S_policy_cost(input, s, S);
  if (!c.ok()) return c.problems();
  out.policy = *c;
  return out;
}

}  // namespace echelon
