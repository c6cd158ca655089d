#include "core/meio/gsm_delays.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <variant>
#include <vector>

#include "core/policy/demand_over_periods.h"
#include "core/stats/stats.h"

namespace echelon {

namespace {

constexpr double kNegligible = 1e-12;

// Drops trailing zeros (keeps at least one entry).
void trim(PeriodsPmf& p) {
  while (p.size() > 1 && p.back() <= 0.0) p.pop_back();
  if (p.empty()) p.push_back(1.0);
}

PeriodsPmf point(int periods) {
  PeriodsPmf p(static_cast<std::size_t>(std::max(0, periods)) + 1, 0.0);
  p.back() = 1.0;
  return p;
}

// R - S for a whole S: the mass at r <= S goes to 0.
PeriodsPmf shifted_down(const PeriodsPmf& r, int s) {
  PeriodsPmf out(r.size() > static_cast<std::size_t>(std::max(0, s)) ? r.size() - static_cast<std::size_t>(std::max(0, s)) : 1, 0.0);
  for (std::size_t k = 0; k < r.size(); ++k) {
    const long n = static_cast<long>(k) - s;
    out[n > 0 ? static_cast<std::size_t>(n) : 0] += r[k];
  }
  return out;
}

std::vector<int> topological_order(std::size_t n, const std::vector<GsmArc>& arcs) {
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<int>> out(n);
  for (const auto& a : arcs) {
    out[static_cast<std::size_t>(a.upstream)].push_back(a.downstream);
    ++indegree[static_cast<std::size_t>(a.downstream)];
  }
  std::vector<int> order;
  for (std::size_t j = 0; j < n; ++j)
    if (indegree[j] == 0) order.push_back(static_cast<int>(j));
  for (std::size_t k = 0; k < order.size(); ++k)
    for (int d : out[static_cast<std::size_t>(order[k])])
      if (--indegree[static_cast<std::size_t>(d)] == 0) order.push_back(d);
  if (order.size() != n) order.clear();
  return order;
}

// Whole periods as the simulation counts a quoted time: the nearest, half up.
int whole(double periods) { return static_cast<int>(std::floor(std::max(0.0, periods) + 0.5)); }

// Below this skewness (kappa_3 / sigma^3) a supplying stage's demand stays normal.
constexpr double kMinSkewness = 1e-3;

// kappa_3 = E[(D - mu)^3] of one period's demand.
double third_cumulant_of(const Distribution& d) {
  if (const auto* g = std::get_if<dist::Gamma>(&d)) return 2.0 * g->shape * g->scale * g->scale * g->scale;
  if (const auto* p = std::get_if<dist::Poisson>(&d)) return std::max(0.0, p->mean);
  if (const auto* nb = std::get_if<dist::NegativeBinomial>(&d)) {
    const double v = nb->sd * nb->sd;
    return nb->mean > 0.0 ? v * (2.0 * v / nb->mean - 1.0) : 0.0;
  }
  if (const auto* ln = std::get_if<dist::Lognormal>(&d)) {
    if (!(ln->mean > 0.0)) return 0.0;
    const double spread = std::exp(std::log1p((ln->sd / ln->mean) * (ln->sd / ln->mean)));  // e^(s^2)
    return (spread + 2.0) * std::sqrt(spread - 1.0) * ln->sd * ln->sd * ln->sd;
  }
  auto central = [](const auto& values_and_weights) {
    double total = 0.0, first = 0.0;
    for (const auto& [x, w] : values_and_weights) {
      total += w;
      first += w * x;
    }
    if (!(total > 0.0)) return 0.0;
    const double m = first / total;
    double third = 0.0;
    for (const auto& [x, w] : values_and_weights) third += w * (x - m) * (x - m) * (x - m);
    return third / total;
  };
  if (const auto* dd = std::get_if<dist::Discrete>(&d)) {
    std::vector<std::pair<double, double>> vw;
    for (const auto& o : dd->outcomes) vw.emplace_back(o.value, o.probability);
    return central(vw);
  }
  if (const auto* e = std::get_if<dist::Empirical>(&d)) {
    std::vector<std::pair<double, double>> vw;
    for (double x : e->sample) vw.emplace_back(x, 1.0);
    return central(vw);
  }
  return 0.0;  // constant, normal
}

}  // namespace

PeriodsPmf fill_wait_pmf(const PeriodsPmf& replenishment, const Distribution& demand, double level,
                         double shift_per_period) {
  // tail[w] = P(W > w); W <= the longest replenishment time. The term of r depends on r - w
  // alone, so each P(D(k) > level) is computed once, when first needed.
  const std::size_t longest = replenishment.size();
  std::vector<double> exceeds(longest, -1.0);
  auto exceeds_over = [&](std::size_t k) {
    if (exceeds[k] < 0.0)
      exceeds[k] = 1.0 - demand_cdf_over_whole_periods(demand, static_cast<int>(k), level, shift_per_period);
    return exceeds[k];
  };
  PeriodsPmf pmf;
  double previous_tail = 1.0;
  for (std::size_t w = 0; w < longest; ++w) {
    double tail = 0.0;
    for (std::size_t r = w + 1; r < longest; ++r)
      if (replenishment[r] > 0.0) tail += replenishment[r] * exceeds_over(r - w);
    tail = std::clamp(tail, 0.0, previous_tail);
    if (tail < kNegligible) {
      pmf.push_back(previous_tail);  // the rest of the mass, negligible beyond
      return pmf;
    }
    pmf.push_back(previous_tail - tail);
    previous_tail = tail;
  }
  pmf.push_back(previous_tail);
  trim(pmf);
  return pmf;
}

PeriodsPmf convolve_periods(const PeriodsPmf& a, const PeriodsPmf& b) {
  if (a.empty() || b.empty()) return a.empty() ? b : a;
  PeriodsPmf out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] > 0.0)) continue;
    for (std::size_t k = 0; k < b.size(); ++k) out[i + k] += a[i] * b[k];
  }
  trim(out);
  return out;
}

PeriodsPmf max_periods(const PeriodsPmf& a, const PeriodsPmf& b) {
  if (a.empty() || b.empty()) return a.empty() ? b : a;
  // P(max <= k) = P(A <= k) P(B <= k).
  const std::size_t n = std::max(a.size(), b.size());
  PeriodsPmf out(n, 0.0);
  double fa = 0.0, fb = 0.0, previous = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k < a.size()) fa += a[k];
    if (k < b.size()) fb += b[k];
    const double f = (k + 1 == n) ? 1.0 : std::min(1.0, fa * fb);
    out[k] = std::max(0.0, f - previous);
    previous = std::max(previous, f);
  }
  trim(out);
  return out;
}

void size_for_random_times(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                           const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws,
                           GsmSolution& solution, const GsmTimeSizing& options, GsmTimeMemo* memo) {
  const std::size_t n = network.stages.size();
  if (solution.stages.size() != n || with_z.size() != n || pooled.size() != n || laws.arc_lead_time.size() != network.arcs.size() ||
      laws.supply_lead_time.size() != n)
    return;
  std::vector<std::vector<std::size_t>> arcs_in(n);
  for (std::size_t a = 0; a < network.arcs.size(); ++a) arcs_in[static_cast<std::size_t>(network.arcs[a].downstream)].push_back(a);
  std::vector<PeriodsPmf> wait(n, PeriodsPmf{1.0});
  if (memo && memo->stages.size() != n) memo->stages.assign(n, {});
  // Third cumulant of one period's demand per stage, customers before suppliers.
  std::vector<double> third_cumulant(n, 0.0);
  const std::vector<int> order = topological_order(n, network.arcs);
  {
    std::vector<std::vector<std::size_t>> arcs_out(n);
    for (std::size_t a = 0; a < network.arcs.size(); ++a) arcs_out[static_cast<std::size_t>(network.arcs[a].upstream)].push_back(a);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const auto j = static_cast<std::size_t>(*it);
      double k3 = 0.0;
      if (j < laws.has_demand_law.size() && laws.has_demand_law[j] && j < laws.demand_law.size())
        k3 += third_cumulant_of(laws.demand_law[j]);
      for (std::size_t a : arcs_out[j]) {
        const double u = network.arcs[a].units_per_downstream_unit;
        k3 += u * u * u * third_cumulant[static_cast<std::size_t>(network.arcs[a].downstream)];
      }
      third_cumulant[j] = k3;
    }
  }
  auto level_of = [](const Distribution& demand, double shift, const WholePeriodSumKey& key, const PeriodsPmf& periods,
                     double p, GsmTimeMemo::Level* kept) {
    if (kept && kept->set && kept->probability == p && kept->demand == key && kept->periods == periods) return kept->level;
    const double level = demand_level_over_random_periods(demand, periods, p, shift);
    if (kept) *kept = {true, key, periods, p, level};
    return level;
  };
  for (int jj : order) {
    const auto j = static_cast<std::size_t>(jj);
    GsmStageResult& r = solution.stages[j];
    const GsmStage& st = network.stages[j];
    // The model's promise (as add_supplier_delay_buffers in gsm.h and core/plan/promise.h).
    const double sigma = pooled[j].bound_sd, mu = pooled[j].mean_per_period;
    const double s = r.lead_time_sd_periods;
    const double sd = std::sqrt(sigma * sigma * r.net_replenishment_time + mu * mu * s * s);
    const double model_stock = r.safety_stock - r.safety_stock_for_supplier_delays - r.safety_stock_for_lead_time_shape;
    double z = 0.0;
    if (sd > 0.0) z = model_stock / sd;
    else if (sigma > 0.0) z = with_z[j].bound_sd / sigma;
    else if (pooled[j].bound_mean > 0.0) z = with_z[j].bound_mean / pooled[j].bound_mean;
    r.promise_safety_factor = z;
    if (!(mu > 0.0) && !(sigma > 0.0)) continue;  // serves nothing: nobody waits on it
    const double p = stats::standard_normal_cdf(z);
    const bool own_law = j < laws.has_demand_law.size() && laws.has_demand_law[j] && j < laws.demand_law.size();
    Distribution demand = own_law ? laws.demand_law[j] : Distribution{dist::Normal{mu, sigma}};
    double shift = 0.0;
    if (!own_law && sigma > 0.0 && third_cumulant[j] > kMinSkewness * sigma * sigma * sigma) {
      const double shape = 4.0 * std::pow(sigma, 6.0) / (third_cumulant[j] * third_cumulant[j]);
      const double scale = third_cumulant[j] / (2.0 * sigma * sigma);
      demand = dist::Gamma{shape, scale};
      shift = mu - shape * scale;
    }

    // Replenishment time with suppliers on time (W_i = S_i) and with their waits.
    PeriodsPmf on_time, actual;
    if (arcs_in[j].empty()) {
      on_time = actual = laws.supply_lead_time[j].empty() ? PeriodsPmf{1.0} : laws.supply_lead_time[j];
    } else {
      for (std::size_t a : arcs_in[j]) {
        const auto i = static_cast<std::size_t>(network.arcs[a].upstream);
        const PeriodsPmf& lead = laws.arc_lead_time[a].empty() ? PeriodsPmf{1.0} : laws.arc_lead_time[a];
        on_time = max_periods(on_time, convolve_periods(point(whole(solution.stages[i].outbound_service_time)), lead));
        actual = max_periods(actual, convolve_periods(wait[i], lead));
      }
    }
    const int quoted = whole(r.outbound_service_time);
    const double model_level = r.base_stock_level - r.safety_stock_for_supplier_delays - r.safety_stock_for_lead_time_shape;
    GsmTimeMemo::Stage* kept = memo ? &memo->stages[j] : nullptr;
    const WholePeriodSumKey demand_key = whole_period_sum_key(demand, shift);
    const double own_level =
        level_of(demand, shift, demand_key, shifted_down(on_time, quoted), p, kept ? &kept->on_time : nullptr);
    // Differences within the levels' search tolerance are none.
    const double tolerance = 1e-7 * (1.0 + std::fabs(model_level));
    auto beyond = [tolerance](double x) { return x > tolerance ? x : 0.0; };
    const double shape_extra = beyond(own_level - model_level);
    double delay_extra = 0.0;
    if (options.supplier_delays) {
      const double full_level =
          level_of(demand, shift, demand_key, shifted_down(actual, quoted), p, kept ? &kept->with_waits : nullptr);
      delay_extra = beyond(full_level - model_level - shape_extra);
    }
    const double old_extra = r.safety_stock_for_supplier_delays + r.safety_stock_for_lead_time_shape;
    const double change = shape_extra + delay_extra - old_extra;
    r.safety_stock_for_lead_time_shape = shape_extra;
    r.safety_stock_for_supplier_delays = delay_extra;
    r.safety_stock += change;
    r.base_stock_level += change;
    r.holding_cost += st.holding_cost_per_unit_period * change;
    r.safety_stock_value += st.unit_value * change;
    solution.total_cost += st.holding_cost_per_unit_period * change;
    solution.total_safety_stock_value += st.unit_value * change;
    if (options.supplier_delays) {
      const double level = std::max(0.0, r.base_stock_level);
      if (kept && kept->wait.set && kept->wait.level == level && kept->wait.demand == demand_key &&
          kept->wait.replenishment == actual) {
        wait[j] = kept->wait.wait;
      } else {
        wait[j] = fill_wait_pmf(actual, demand, level, shift);
        if (kept) kept->wait = {true, demand_key, actual, level, wait[j]};
      }
    }
  }
}

}  // namespace echelon
