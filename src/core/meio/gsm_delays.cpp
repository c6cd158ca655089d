#include "core/meio/gsm_delays.h"

#include <algorithm>
#include <memory>
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

// Below this skewness (kappa_3 / sigma^3) a stage's demand is taken as normal (of the drawn
// mean and variance): the Cornish-Fisher term that skew adds to a quantile, skewness (z^2 - 1) / 6
// standard deviations, is then below 0.01 of one at the usual targets (z up to 2.33).
constexpr double kMinSkewness = 0.02;

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

// What one period's demand, as the simulation draws it, adds to the moments the plan pools (the
// law's mean and variance) and its third cumulant. The simulation censors normal demand at zero
// (plan_sim.h): with a = m / s, X = max(0, N(m, s^2)) has
//   E X = m Phi(a) + s phi(a),  E X^2 = (m^2 + s^2) Phi(a) + m s phi(a),
//   E X^3 = (m^3 + 3 m s^2) Phi(a) + s (m^2 + 2 s^2) phi(a),
// so its mean and variance differ from m and s^2 and it is skewed. Other laws are drawn as given.
struct MomentCorrection {
  double mean = 0.0;
  double variance = 0.0;
  double third_cumulant = 0.0;
  bool any() const { return mean != 0.0 || variance != 0.0 || third_cumulant != 0.0; }
};
MomentCorrection moment_correction_of(const Distribution& d) {
  MomentCorrection c;
  if (const auto* nd = std::get_if<dist::Normal>(&d)) {
    const double m = nd->mean, sd = nd->sd;
    if (!(sd > 0.0)) return c;
    const double a = m / sd;
    if (a > 8.5) return c;  // censoring below 1e-17 of the mass
    const double big_phi = stats::standard_normal_cdf(a), small_phi = stats::standard_normal_pdf(a);
    const double e1 = m * big_phi + sd * small_phi;
    const double e2 = (m * m + sd * sd) * big_phi + m * sd * small_phi;
    const double e3 = (m * m * m + 3.0 * m * sd * sd) * big_phi + sd * (m * m + 2.0 * sd * sd) * small_phi;
    const double variance = std::max(0.0, e2 - e1 * e1);
    c.mean = e1 - m;
    c.variance = variance - sd * sd;
    c.third_cumulant = e3 - 3.0 * e1 * e2 + 2.0 * e1 * e1 * e1;
    return c;
  }
  c.third_cumulant = third_cumulant_of(d);
  return c;
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

struct GsmTimePass::State {
  bool valid = false;
  std::vector<std::vector<std::size_t>> arcs_in;
  std::vector<PeriodsPmf> wait;
  std::vector<MomentCorrection> correction;
  std::vector<int> order;
  std::size_t next = 0;  // position in `order` of the next stage to size
};

GsmTimePass::GsmTimePass(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                         const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws, const GsmSolution& solution)
    : state_(std::make_unique<State>()) {
  State& S = *state_;
  const std::size_t n = network.stages.size();
  if (solution.stages.size() != n || with_z.size() != n || pooled.size() != n ||
      laws.arc_lead_time.size() != network.arcs.size() || laws.supply_lead_time.size() != n)
    return;
  S.valid = true;
  S.arcs_in.assign(n, {});
  for (std::size_t a = 0; a < network.arcs.size(); ++a) S.arcs_in[static_cast<std::size_t>(network.arcs[a].downstream)].push_back(a);
  S.wait.assign(n, PeriodsPmf{1.0});
  // Per stage, what its customers' demands as drawn add to the pooled moments, and the third
  // cumulant: from the units it supplies per unit of each such customer's demand (summed over
  // every path to it), customers before suppliers.
  std::vector<MomentCorrection>& correction = S.correction;
  correction.assign(n, {});
  S.order = topological_order(n, network.arcs);
  const std::vector<int>& order = S.order;
  {
    std::vector<MomentCorrection> customer(n);
    for (std::size_t j = 0; j < n; ++j)
      if (j < laws.has_demand_law.size() && laws.has_demand_law[j] && j < laws.demand_law.size())
        customer[j] = moment_correction_of(laws.demand_law[j]);
    std::vector<std::vector<std::size_t>> arcs_out(n);
    for (std::size_t a = 0; a < network.arcs.size(); ++a) arcs_out[static_cast<std::size_t>(network.arcs[a].upstream)].push_back(a);
    std::vector<std::vector<std::pair<std::size_t, double>>> units(n);  // (customer, units), by customer
    std::vector<std::pair<std::size_t, double>> merged;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const auto j = static_cast<std::size_t>(*it);
      auto& mine = units[j];
      if (customer[j].any()) mine.emplace_back(j, 1.0);
      for (std::size_t a : arcs_out[j]) {
        const double u = network.arcs[a].units_per_downstream_unit;
        const auto& theirs = units[static_cast<std::size_t>(network.arcs[a].downstream)];
        merged.clear();
        std::size_t x = 0, y = 0;
        while (x < mine.size() || y < theirs.size()) {
          if (y == theirs.size() || (x < mine.size() && mine[x].first < theirs[y].first)) {
            merged.push_back(mine[x]);
            ++x;
          } else if (x == mine.size() || theirs[y].first < mine[x].first) {
            merged.emplace_back(theirs[y].first, u * theirs[y].second);
            ++y;
          } else {
            merged.emplace_back(mine[x].first, mine[x].second + u * theirs[y].second);
            ++x;
            ++y;
          }
        }
        mine.swap(merged);
      }
      for (const auto& [k, u] : mine) {
        correction[j].mean += u * customer[k].mean;
        correction[j].variance += u * u * customer[k].variance;
        correction[j].third_cumulant += u * u * u * customer[k].third_cumulant;
      }
    }
  }
}

GsmTimePass::GsmTimePass(const GsmTimePass& other) : state_(std::make_unique<State>(*other.state_)) {}
GsmTimePass& GsmTimePass::operator=(const GsmTimePass& other) {
  if (this != &other) state_ = std::make_unique<State>(*other.state_);
  return *this;
}
GsmTimePass::GsmTimePass(GsmTimePass&&) noexcept = default;
GsmTimePass& GsmTimePass::operator=(GsmTimePass&&) noexcept = default;
GsmTimePass::~GsmTimePass() = default;

bool GsmTimePass::finished() const { return !state_->valid || state_->next >= state_->order.size(); }

bool GsmTimePass::step(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                       const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws, GsmSolution& solution,
                       const GsmTimeSizing& options, GsmTimeMemo* memo, std::size_t max_stages) {
  if (finished()) return true;
  State& S = *state_;
  const std::size_t n = network.stages.size();
  if (memo && memo->stages.size() != n) memo->stages.assign(n, {});
  const std::vector<MomentCorrection>& correction = S.correction;
  const std::vector<std::vector<std::size_t>>& arcs_in = S.arcs_in;
  std::vector<PeriodsPmf>& wait = S.wait;
  auto level_of = [](const Distribution& demand, double shift, const WholePeriodSumKey& key, const PeriodsPmf& periods,
                     double p, GsmTimeMemo::Level* kept) {
    if (kept && kept->set && kept->probability == p && kept->demand == key && kept->periods == periods) return kept->level;
    const double level = demand_level_over_random_periods(demand, periods, p, shift);
    if (kept) *kept = {true, key, periods, p, level};
    return level;
  };
  const std::size_t end = S.next + std::min(max_stages, S.order.size() - S.next);
  for (; S.next < end; ++S.next) {
    const auto j = static_cast<std::size_t>(S.order[S.next]);
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
    // The law of one period's demand: a customer-facing stage's own law where the simulation
    // draws it as given; else the shifted gamma of the drawn demand's three cumulants, or the
    // normal of its mean and variance where it is not skewed.
    Distribution demand = own_law ? laws.demand_law[j] : Distribution{dist::Normal{mu, sigma}};
    double shift = 0.0;
    if (!own_law || std::holds_alternative<dist::Normal>(demand)) {
      const double base_mean = own_law ? echelon::mean(demand) : mu;
      const double base_variance = own_law ? echelon::variance(demand) : sigma * sigma;
      const double m = base_mean + correction[j].mean;
      const double variance = std::max(0.0, base_variance + correction[j].variance);
      const double sd_drawn = std::sqrt(variance);
      const double k3 = correction[j].third_cumulant;
      if (sd_drawn > 0.0 && k3 > kMinSkewness * variance * sd_drawn) {
        const double shape = 4.0 * variance * variance * variance / (k3 * k3);
        const double scale = k3 / (2.0 * variance);
        demand = dist::Gamma{shape, scale};
        shift = m - shape * scale;
      } else if (correction[j].any()) {
        demand = dist::Normal{m, sd_drawn};
      }
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
  return finished();
}

void size_for_random_times(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                           const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws,
                           GsmSolution& solution, const GsmTimeSizing& options, GsmTimeMemo* memo) {
  GsmTimePass pass(network, with_z, pooled, laws, solution);
  pass.step(network, with_z, pooled, laws, solution, options, memo, network.stages.size());
}

}  // namespace echelon
