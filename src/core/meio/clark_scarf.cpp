#include "core/meio/clark_scarf.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr long long kMaxProducts = 400000000;
constexpr long long kMaxGridPoints = 1000000;
constexpr double kSpread = 12.0;  // sds of a lead-time demand kept in every expectation

// C_j on the grid base + i step, i = first .. 0 (base = S*_j), linear below the first point (C_j
// is linear there) and, as the next stage sees it through min(S*_j, x), constant above base.
struct Table {
  double base = 0.0, step = 1.0;
  long long first = 0;
  std::vector<double> values;  // C_j(base + i step) at index i - first
  double left_derivative[4] = {0.0, 0.0, 0.0, 0.0};  // C_j^(n)(base-), n = 1..3
  double at(long long i) const {
    if (i > 0) i = 0;
    if (i >= first) return values[static_cast<std::size_t>(i - first)];
    return values[0] + static_cast<double>(i - first) * (values[1] - values[0]);
  }
};

// phi^(n)(u) for the normal density with sd s, n = 0..kOrders-1: (-1)^n He_n(u/s) phi(u) / s^n.
constexpr int kOrders = 10;
void density_derivatives(double u, double s, double out[kOrders]) {
  const double z = u / s;
  const double phi = std::exp(-0.5 * z * z) / (s * 2.5066282746310002);
  double he_prev = 1.0, he = z;  // He_0, He_1
  double scale = 1.0;
  out[0] = phi;
  for (int n = 1; n < kOrders; ++n) {
    scale /= -s;
    out[n] = he * phi * scale;
    const double next = z * he - n * he_prev;
    he_prev = he;
    he = next;
  }
}

struct Solver {
  const SerialSystem& sys;
  double p_plus_h = 0.0;
  double step = 1.0;
  bool poisson = false;
  std::vector<Table> tables;       // tables[j + 1] holds C_j (tables[0]: C_{-1}(x) = -(p + H) x)
  std::vector<double> demand_mean, demand_sd;
  long long products = 0;

  double h(int j) const { return sys.stages[static_cast<std::size_t>(j)].echelon_holding_cost_per_unit_period; }
  const Table& below(int j) const { return tables[static_cast<std::size_t>(j)]; }  // C_{j-1}
  bool convolves(int j) const { return demand_sd[static_cast<std::size_t>(j)] > 0.0; }

  // Ct_j at the node S*_{j-1} + m step.
  double ct_node(int j, long long m) const {
    const Table& t = below(j);
    return h(j) * (t.base + static_cast<double>(m) * t.step) + t.at(m);
  }

  // Normal demand: C_j and its first three derivatives at any y (the header's corrected
  // trapezoid rule for a stage with a lead time; Ct_j itself for a stage without).
  void evaluate(int j, double y, double out[4]) {
    if (j < 0) {
      out[0] = -p_plus_h * y;
      out[1] = -p_plus_h;
      out[2] = out[3] = 0.0;
      return;
    }
    const Table& t = below(j);
    if (!convolves(j)) {
      if (y < t.base) {
        evaluate(j - 1, y, out);
      } else {
        out[0] = t.values.back();
        out[1] = out[2] = out[3] = 0.0;
      }
      out[0] += h(j) * y;
      out[1] += h(j);
      return;
    }
    const double mean = demand_mean[static_cast<std::size_t>(j)], sd = demand_sd[static_cast<std::size_t>(j)];
    const double u0 = y - t.base - mean;
    const auto m_lo = static_cast<long long>(std::ceil((u0 - kSpread * sd) / step));
    const auto m_hi = static_cast<long long>(std::floor((u0 + kSpread * sd) / step));
    // phi at u_m = u0 - m step by the recurrence phi_{m+1} = phi_m q_m, q_{m+1} = q_m exp(-step^2/sd^2)
    // (one exponential per evaluation instead of one per node).
    const double inv_var = 1.0 / (sd * sd);
    double u = u0 - static_cast<double>(m_lo) * step;
    double phi = std::exp(-0.5 * u * u * inv_var) / (sd * 2.5066282746310002);
    double q = std::exp((u * step - 0.5 * step * step) * inv_var);
    const double q_factor = std::exp(-step * step * inv_var);
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    for (long long m = m_lo; m <= m_hi; ++m) {
      const double z = u / sd;
      const double w = ct_node(j, m) * phi;
      s0 += w;
      s1 += w * z;
      s2 += w * (z * z - 1.0);
      s3 += w * z * (z * z - 3.0);
      phi *= q;
      q *= q_factor;
      u -= step;
    }
    products += m_hi - m_lo + 1;
    out[0] = step * s0;
    out[1] = -step * s1 / sd;
    out[2] = step * s2 / (sd * sd);
    out[3] = -step * s3 / (sd * sd * sd);
    double d[kOrders];
    density_derivatives(u0, sd, d);
    for (int n = 0; n < 4; ++n) out[n] += euler_maclaurin(t, d, n);
  }

  // The Euler-Maclaurin correction at the node S*_{j-1}, for the y-derivative n of C_j, from
  // phi^(k)(u0) in d: g^(k)(x0) = (-1)^k phi^(k + n)(u0).
  double euler_maclaurin(const Table& t, const double d[kOrders], int n) const {
    const double j1 = -t.left_derivative[1], j2 = -t.left_derivative[2], j3 = -t.left_derivative[3];
    const double e2 = step * step, e4 = e2 * e2, e6 = e4 * e2, e8 = e4 * e4;
    double g[7];
    for (int k = 0; k < 7; ++k) g[k] = (k % 2 == 0 ? 1.0 : -1.0) * d[n + k];
    return e2 / 12.0 * j1 * g[0] - e4 / 720.0 * (3.0 * j1 * g[2] + 3.0 * j2 * g[1] + j3 * g[0]) +
           e6 / 30240.0 * (5.0 * j1 * g[4] + 10.0 * j2 * g[3] + 10.0 * j3 * g[2]) -
           e8 / 1209600.0 * (7.0 * j1 * g[6] + 21.0 * j2 * g[5] + 35.0 * j3 * g[4]);
  }

  // C_j at S*_j + i step, i = first .. 0, for a stage with a lead time: the grid of C_j is the grid
  // of Ct_j shifted by off = S*_j - S*_{j-1} - E[D_j], so the trapezoid sum is one discrete
  // convolution with the kernel phi(off + n step), computed once.
  void tabulate(int j, double s_star, long long first, std::vector<double>& values) {
    const Table& t = below(j);
    const double mean = demand_mean[static_cast<std::size_t>(j)], sd = demand_sd[static_cast<std::size_t>(j)];
    const double off = s_star - t.base - mean;
    const auto n_lo = static_cast<long long>(std::ceil((-kSpread * sd - off) / step));
    const auto n_hi = static_cast<long long>(std::floor((kSpread * sd - off) / step));
    std::vector<double> kernel;
    for (long long k = n_lo; k <= n_hi; ++k) {
      const double u = off + static_cast<double>(k) * step;
      kernel.push_back(step * std::exp(-0.5 * u * u / (sd * sd)) / (sd * 2.5066282746310002));
    }
    // Ct_j at nodes m = i - n for every i and n used.
    const long long m_lo = first - n_hi, m_hi = -n_lo;
    std::vector<double> ct;
    for (long long m = m_lo; m <= m_hi; ++m) ct.push_back(ct_node(j, m));
    values.assign(static_cast<std::size_t>(-first + 1), 0.0);
    const auto width = static_cast<long long>(kernel.size());
    for (long long i = first; i <= 0; ++i) {
      double s = 0.0;
      const double* c = ct.data() + (i - n_lo - m_lo);  // node m = i - n_lo, going down with n
      for (long long k = 0; k < width; ++k) s += kernel[static_cast<std::size_t>(k)] * c[-k];
      const double u0 = off + static_cast<double>(i) * step;
      if (std::fabs(u0) <= kSpread * sd) {
        double d[kOrders];
        density_derivatives(u0, sd, d);
        s += euler_maclaurin(t, d, 0);
      }
      values[static_cast<std::size_t>(i - first)] = s;
    }
    products += (-first + 1) * width;
  }
};

// The root of an increasing function f on [lo, hi] (f(lo) < 0 <= f(hi)): Newton steps with its
// slope, kept inside the bracket (bisection when a step leaves it), to the resolution of doubles.
template <typename F>
double increasing_root(double lo, double hi, const F& f) {
  double x = 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    double value = 0.0, slope = 0.0;
    f(x, value, slope);
    if (value < 0.0) lo = x;
    else hi = x;
    double next = slope > 0.0 ? x - value / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::fabs(next - x) <= 1e-15 * std::max(1.0, std::fabs(x)) || !(hi - lo > 4e-16 * std::max(1.0, std::fabs(hi)))) {
      return next;
    }
    x = next;
  }
  return x;
}

Problem too_large(const std::string& field, const std::string& why) {
  return Problem{field, "the serial line is too large to optimise exactly (" + why + ")"};
}

// Lower end of the (truncated) support of Poisson(mean) and its probabilities from there.
struct PoissonTable {
  long long lo = 0;
  std::vector<double> pmf;
};
PoissonTable poisson_table(double mean) {
  PoissonTable t;
  if (mean <= 0.0) {
    t.pmf = {1.0};
    return t;
  }
  const double spread = 15.0 * std::sqrt(mean) + 20.0;
  t.lo = std::max(0LL, static_cast<long long>(std::floor(mean - spread)));
  const auto hi = static_cast<long long>(std::ceil(mean + spread));
  for (long long k = t.lo; k <= hi; ++k) t.pmf.push_back(stats::poisson_pmf(k, mean));
  return t;
}

}  // namespace

Problems validate(const SerialSystem& system) {
  Problems out;
  if (system.stages.empty()) out.push_back({"stages", "the line needs at least one stage"});
  for (std::size_t j = 0; j < system.stages.size(); ++j) {
    const auto& s = system.stages[j];
    const std::string base = "stages/" + std::to_string(j) + "/";
    if (!std::isfinite(s.echelon_holding_cost_per_unit_period) || s.echelon_holding_cost_per_unit_period <= 0.0)
      out.push_back({base + "echelon_holding_cost_per_unit_period", "must be a positive number"});
    if (!std::isfinite(s.lead_time_periods) || s.lead_time_periods < 0.0)
      out.push_back({base + "lead_time_periods", "must be a finite number of zero or more"});
  }
  if (!std::isfinite(system.backorder_cost_per_unit_period) || system.backorder_cost_per_unit_period <= 0.0)
    out.push_back({"backorder_cost_per_unit_period", "must be a positive number"});
  if (system.demand_kind == SerialDemandKind::poisson) {
    if (!std::isfinite(system.demand_mean_per_period) || system.demand_mean_per_period <= 0.0)
      out.push_back({"demand_mean_per_period", "must be a positive number"});
  } else {
    if (!std::isfinite(system.demand_mean_per_period) || system.demand_mean_per_period < 0.0)
      out.push_back({"demand_mean_per_period", "must be a finite number of zero or more"});
    if (!std::isfinite(system.demand_sd_per_period) || system.demand_sd_per_period <= 0.0)
      out.push_back({"demand_sd_per_period", "must be a positive number"});
    if (system.grid_points_per_sd < 2 || system.grid_points_per_sd > 64)
      out.push_back({"grid_points_per_sd", "must be a whole number from 2 to 64"});
  }
  return out;
}

Result<SerialPolicy> optimize_serial_base_stock(const SerialSystem& system) {
  if (auto p = validate(system); !p.empty()) return p;
  const int n = static_cast<int>(system.stages.size());
  Solver sv{system, 0.0, 1.0, false, {}, {}, {}, 0};
  sv.poisson = system.demand_kind == SerialDemandKind::poisson;
  double total_h = 0.0;
  for (const auto& s : system.stages) total_h += s.echelon_holding_cost_per_unit_period;
  sv.p_plus_h = system.backorder_cost_per_unit_period + total_h;
  const double mu = system.demand_mean_per_period;
  double smallest_sd = 0.0;
  for (const auto& s : system.stages) {
    const double l = s.lead_time_periods;
    sv.demand_mean.push_back(mu * l);
    const double sd = sv.poisson ? std::sqrt(mu * l) : system.demand_sd_per_period * std::sqrt(l);
    sv.demand_sd.push_back(sd);
    if (sd > 0.0 && (smallest_sd == 0.0 || sd < smallest_sd)) smallest_sd = sd;
  }
  sv.step = sv.poisson || smallest_sd == 0.0 ? 1.0 : smallest_sd / system.grid_points_per_sd;

  // C_{-1}(x) = -(p + H) x, so that Ct_0(x) = h_0 x + C_{-1}(min(0, x)) = h_0 x + (p + H)(-x)^+.
  Table start;
  start.base = 0.0;
  start.step = sv.step;
  start.first = -2;
  start.values = {2.0 * sv.p_plus_h * sv.step, sv.p_plus_h * sv.step, 0.0};
  start.left_derivative[1] = -sv.p_plus_h;
  sv.tables.push_back(start);

  SerialPolicy policy;
  policy.grid_step_units = sv.step;
  double linear_below = 0.0;  // C_j is linear below this level
  for (int j = 0; j < n; ++j) {
    const Table& prev = sv.below(j);
    const std::string field = "stages/" + std::to_string(j) + "/lead_time_periods";
    Table t;
    t.step = sv.step;
    if (sv.poisson) {
      const PoissonTable d = poisson_table(sv.demand_mean[static_cast<std::size_t>(j)]);
      const auto width = static_cast<long long>(d.pmf.size());
      linear_below += static_cast<double>(d.lo);
      // C_j on the integers from where it is linear up to past the point where it must rise
      // (beyond S*_{j-1} + the largest demand, C_j grows with slope h_j).
      const auto y_lo = static_cast<long long>(std::floor(linear_below)) - 2;
      const auto y_hi = static_cast<long long>(prev.base) + d.lo + width + 1;
      if (y_hi - y_lo > kMaxGridPoints) return too_large(field, "more than 10^6 levels");
      if (sv.products + (y_hi - y_lo + 1) * width > kMaxProducts) return too_large(field, "more than 4e8 products");
      std::vector<double> c(static_cast<std::size_t>(y_hi - y_lo + 1));
      const auto base_prev = static_cast<long long>(prev.base);
      for (long long y = y_lo; y <= y_hi; ++y) {
        double e = 0.0;
        for (long long k = 0; k < width; ++k) e += d.pmf[static_cast<std::size_t>(k)] * sv.ct_node(j, y - d.lo - k - base_prev);
        c[static_cast<std::size_t>(y - y_lo)] = e;
      }
      sv.products += (y_hi - y_lo + 1) * width;
      long long best = 0;  // smallest minimiser, as an index into c
      for (std::size_t i = 1; i < c.size(); ++i) {
        if (c[i] < c[static_cast<std::size_t>(best)]) best = static_cast<long long>(i);
      }
      t.base = static_cast<double>(y_lo + best);
      t.first = -best;
      t.values.assign(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(best + 1));
      if (t.values.size() < 2) return too_large(field, "the table of C is too short");
    } else {
      const double mean = sv.demand_mean[static_cast<std::size_t>(j)], sd = sv.demand_sd[static_cast<std::size_t>(j)];
      double out[4];
      double s_star = prev.base;
      if (sd > 0.0) {
        if (2.0 * kSpread * sd / sv.step > 1e6) return too_large(field, "a lead-time demand spans more than 10^6 grid steps");
        linear_below += mean - kSpread * sd;
        // C_j' > 0 once P(D_j > y - S*_{j-1}) < h_j / (p + H) (C_{j-1}' >= -(p + H)).
        const double z = stats::standard_normal_quantile(1.0 - sv.h(j) / sv.p_plus_h);
        double hi = prev.base + mean + sd * (z + 1.0);
        double lo = hi - 2.0 * kSpread * sd;
        for (int it = 0; it < 64; ++it) {
          sv.evaluate(j, lo, out);
          if (out[1] < 0.0) break;
          lo -= 2.0 * (hi - lo);
        }
        s_star = increasing_root(lo, hi, [&](double y, double& f, double& slope) {
          sv.evaluate(j, y, out);
          f = out[1];
          slope = out[2];
        });
      } else if (sv.h(j) + prev.left_derivative[1] < 0.0 && j > 0) {
        // No lead time: minimise h_j y + C_{j-1}(y) below S*_{j-1}, where C_{j-1}' = -h_j.
        double lo = prev.base - 1.0, hi = prev.base;
        for (int it = 0; it < 64; ++it) {
          sv.evaluate(j - 1, lo, out);
          if (sv.h(j) + out[1] < 0.0) break;
          lo -= 2.0 * (hi - lo);
        }
        s_star = increasing_root(lo, hi, [&](double y, double& f, double& slope) {
          sv.evaluate(j - 1, y, out);
          f = sv.h(j) + out[1];
          slope = out[2];
        });
      }
      t.base = s_star;
      const double span = std::max(s_star - std::min(linear_below, s_star), 0.0);
      const long long points = static_cast<long long>(std::ceil(span / sv.step)) + 3;
      if (points > kMaxGridPoints) return too_large(field, "more than 10^6 grid points for one stage");
      const long long width = sd > 0.0 ? static_cast<long long>(2.0 * kSpread * sd / sv.step) + 2 : 1;
      if (sv.products + points * width > kMaxProducts) return too_large(field, "more than 4e8 products");
      t.first = -(points - 1);
      t.values.resize(static_cast<std::size_t>(points));
      if (sd > 0.0) {
        sv.tabulate(j, s_star, t.first, t.values);
      } else {
        for (long long i = t.first; i <= 0; ++i) {
          sv.evaluate(j, s_star + static_cast<double>(i) * sv.step, out);
          t.values[static_cast<std::size_t>(i - t.first)] = out[0];
        }
      }
      // Left derivatives at S*_j (for a stage without lead time at S*_j = S*_{j-1}, those of
      // h_j y + C_{j-1}(y) from the left).
      if (sd > 0.0 || s_star < prev.base) {
        sv.evaluate(j, s_star, out);
        for (int k = 1; k < 4; ++k) t.left_derivative[k] = out[k];
      } else {
        t.left_derivative[1] = sv.h(j) + prev.left_derivative[1];
        t.left_derivative[2] = prev.left_derivative[2];
        t.left_derivative[3] = prev.left_derivative[3];
      }
      if (sd > 0.0) t.left_derivative[1] = 0.0;  // C_j'(S*_j) = 0 at the root
    }
    policy.echelon_base_stock.push_back(t.base);
    policy.echelon_cost.push_back(t.values.back());
    sv.tables.push_back(std::move(t));
  }
  policy.expected_cost_per_period = policy.echelon_cost.back();
  policy.local_base_stock.resize(static_cast<std::size_t>(n));
  for (std::size_t j = 0; j < static_cast<std::size_t>(n); ++j)
    policy.local_base_stock[j] = policy.echelon_base_stock[j] - (j == 0 ? 0.0 : policy.echelon_base_stock[j - 1]);
  policy.work_products = sv.products;
  return policy;
}

}  // namespace echelon
