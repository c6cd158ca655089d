#include "core/meio/clark_scarf.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/stats/optimize.h"

namespace echelon {
namespace {

// A function sampled on lo, lo + step, ...; linear in between and beyond the ends.
struct Sampled {
  double lo = 0.0, step = 1.0;
  std::vector<double> y;
  double operator()(double x) const {
    const double u = (x - lo) / step;
    const auto last = static_cast<double>(y.size() - 1);
    const double k = std::clamp(std::floor(u), 0.0, last - 1.0);
    const auto i = static_cast<std::size_t>(k);
    const double t = u - k;
    return y[i] + t * (y[i + 1] - y[i]);
  }
};

struct Discretised {
  std::vector<double> value, weight;
};

Discretised lead_time_demand(double mean, double sd, double periods) {
  Discretised d;
  if (periods <= 0.0) {
    d.value = {0.0};
    d.weight = {1.0};
    return d;
  }
  const double m = mean * periods, s = sd * std::sqrt(periods);
  constexpr int kSteps = 800;
  double total = 0.0;
  for (int k = 0; k <= kSteps; ++k) {
    const double z = -8.0 + 16.0 * k / kSteps;
    // Trapezoid weights of the standard normal density.
    const double w = std::exp(-0.5 * z * z) * ((k == 0 || k == kSteps) ? 0.5 : 1.0);
    d.value.push_back(m + s * z);
    d.weight.push_back(w);
    total += w;
  }
  for (double& w : d.weight) w /= total;
  return d;
}

double expect(const Sampled& f, const Discretised& d, double y) {
  double e = 0.0;
  for (std::size_t k = 0; k < d.value.size(); ++k) e += d.weight[k] * f(y - d.value[k]);
  return e;
}

// E[f(y - D)] for D ~ Normal(m, s), exactly, for the piecewise-linear f (the first and last
// pieces extend to infinity). Used where the discretised expectation is too coarse: the location
// of a minimum, which sits on a flat stretch of the function.
double expect_exact(const Sampled& f, double m, double s, double y) {
  if (s <= 0.0) return f(y - m);
  const double mx = y - m;
  const std::size_t g_count = f.y.size();
  auto cdf = [&](double x) { return 0.5 * std::erfc(-(x - mx) / (s * std::sqrt(2.0))); };
  auto pdf = [&](double x) {
    const double z = (x - mx) / s;
    return std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
  };
  double e = 0.0;
  double prev_cdf = 0.0, prev_pdf = 0.0;  // at -infinity
  for (std::size_t g = 0; g + 1 < g_count; ++g) {
    const double x0 = f.lo + static_cast<double>(g) * f.step;
    const double slope = (f.y[g + 1] - f.y[g]) / f.step;
    const double a = f.y[g] - slope * x0;
    const bool last = g + 2 == g_count;
    const double v = x0 + f.step;
    const double c1 = last ? 1.0 : cdf(v), p1 = last ? 0.0 : pdf(v);
    e += a * (c1 - prev_cdf) + slope * (mx * (c1 - prev_cdf) + s * (prev_pdf - p1));
    prev_cdf = c1;
    prev_pdf = p1;
  }
  return e;
}

}  // namespace

Problems validate(const SerialSystem& system) {
  Problems out;
  if (system.stages.empty()) out.push_back({"stages", "the line needs at least one stage"});
  for (std::size_t j = 0; j < system.stages.size(); ++j) {
    const auto& s = system.stages[j];
    const std::string base = "stages/" + std::to_string(j) + "/";
    if (!std::isfinite(s.echelon_holding_cost_per_unit_period) || s.echelon_holding_cost_per_unit_period < 0.0)
      out.push_back({base + "echelon_holding_cost_per_unit_period", "must be a finite number of zero or more"});
    if (!std::isfinite(s.lead_time_periods) || s.lead_time_periods < 0.0)
      out.push_back({base + "lead_time_periods", "must be a finite number of zero or more"});
  }
  if (!std::isfinite(system.backorder_cost_per_unit_period) || system.backorder_cost_per_unit_period <= 0.0)
    out.push_back({"backorder_cost_per_unit_period", "must be a positive number"});
  if (!std::isfinite(system.demand_mean_per_period) || system.demand_mean_per_period < 0.0)
    out.push_back({"demand_mean_per_period", "must be a finite number of zero or more"});
  if (!std::isfinite(system.demand_sd_per_period) || system.demand_sd_per_period <= 0.0)
    out.push_back({"demand_sd_per_period", "must be a positive number"});
  return out;
}

Result<SerialPolicy> optimize_serial_base_stock(const SerialSystem& system) {
  if (auto p = validate(system); !p.empty()) return p;
  const std::size_t n = system.stages.size();
  double total_lead = 0.0, total_h = 0.0;
  for (const auto& s : system.stages) {
    total_lead += s.lead_time_periods;
    total_h += s.echelon_holding_cost_per_unit_period;
  }
  const double mu = system.demand_mean_per_period, sd = system.demand_sd_per_period;
  const double spread = sd * std::sqrt(std::max(total_lead, 1.0));
  constexpr int kPoints = 4001;
  Sampled ct;  // Ct_j on the grid
  ct.lo = -12.0 * spread - mu;
  const double hi = mu * total_lead + 12.0 * spread + mu;
  ct.step = (hi - ct.lo) / (kPoints - 1);
  ct.y.resize(kPoints);
  auto grid_x = [&](int g) { return ct.lo + g * ct.step; };
  const double p_plus_h = system.backorder_cost_per_unit_period + total_h;
  for (int g = 0; g < kPoints; ++g) {
    const double x = grid_x(g);
    ct.y[static_cast<std::size_t>(g)] = system.stages[0].echelon_holding_cost_per_unit_period * x + p_plus_h * std::max(0.0, -x);
  }
  SerialPolicy policy;
  policy.echelon_base_stock.resize(n);
  double best_value = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const Discretised d = lead_time_demand(mu, sd, system.stages[j].lead_time_periods);
    Sampled c = ct;
    for (int g = 0; g < kPoints; ++g) c.y[static_cast<std::size_t>(g)] = expect(ct, d, grid_x(g));
    const auto it = std::min_element(c.y.begin(), c.y.end());
    const auto g_best = static_cast<int>(it - c.y.begin());
    // Golden-section refinement of the convex C_j around the best grid point, with exact
    // expectations of the interpolated Ct_j.
    const double lt = system.stages[j].lead_time_periods;
    const double dm = mu * lt, ds = sd * std::sqrt(lt);
    auto cj = [&](double y) { return expect_exact(ct, dm, ds, y); };
    const double s_star = golden_section_minimum(cj, grid_x(std::max(0, g_best - 20)),
                                                 grid_x(std::min(kPoints - 1, g_best + 20)), 60, 0.0);
    best_value = cj(s_star);
    policy.echelon_base_stock[j] = s_star;
    if (j + 1 < n) {
      const double h_next = system.stages[j + 1].echelon_holding_cost_per_unit_period;
      for (int g = 0; g < kPoints; ++g) {
        const double x = grid_x(g);
        ct.y[static_cast<std::size_t>(g)] = h_next * x + (x < s_star ? c(x) : best_value);
      }
    }
  }
  policy.expected_cost_per_period = best_value;
  policy.local_base_stock.resize(n);
  for (std::size_t j = 0; j < n; ++j)
    policy.local_base_stock[j] = policy.echelon_base_stock[j] - (j == 0 ? 0.0 : policy.echelon_base_stock[j - 1]);
  return policy;
}

}  // namespace echelon
