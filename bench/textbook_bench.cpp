// The exact textbook optimisers, natively and in wasm: how long each takes, and how far the
// heuristics stay from the optimum.
//   (s, S)       Zheng & Federgruen's instances (Poisson demand, K = 64, h = 1, p = 9, L = 0):
//                the exact optimum, the Ehrhardt-Mosier power approximation and the existing
//                heuristic of s_S_policy.h (S - s from the EOQ, s at the cost-optimal service),
//                the latter two priced by the exact c(s, S).
//   (r, Q)       normal and Poisson instances: the exact optimum against the existing heuristic of
//                r_Q_policy.h (Q from the EOQ, r at the cost-optimal service), priced exactly; and
//                a fill-rate target with no backorder cost.
//   Clark-Scarf  Snyder & Shen's Example 6.1 and lines of 2 to 20 stages, normal and Poisson
//                demand, with the change in levels when the grid is made four times finer.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/meio/clark_scarf.h"
#include "core/policy/r_Q_optimal.h"
#include "core/policy/r_Q_policy.h"
#include "core/policy/s_S_optimal.h"
#include "core/policy/s_S_policy.h"
#include "harness.h"

namespace {

using namespace echelon;

SSOptimalInput zheng_federgruen(double mean) {
  SSOptimalInput in;
  in.demand = {DemandKind::poisson, mean, 0.0, {}};
  in.order_cost_per_order = 64.0;
  in.holding_cost_per_unit_period = 1.0;
  in.backorder_cost_per_unit_period = 9.0;
  return in;
}

// The existing heuristic's (s, S) for the same instance.
bool heuristic_s_S(const SSOptimalInput& in, long long& s, long long& S) {
  SSInput h;
  h.buffer.demand.demand = in.demand;
  h.buffer.demand.lead_time = {in.lead_time_periods, 0.0, {}};
  h.buffer.demand.review_period_periods = 1.0;
  h.buffer.target_kind = ServiceTargetKind::cost_optimal;
  h.buffer.holding_cost_per_unit_period = in.holding_cost_per_unit_period;
  h.buffer.backorder_cost_per_unit_period = in.backorder_cost_per_unit_period;
  h.order_cost_per_order = in.order_cost_per_order;
  auto r = compute_s_S(h);
  if (!r.ok()) return false;
  s = std::llround(r->reorder_level);
  S = std::llround(r->order_up_to_level);
  return true;
}

bool heuristic_r_Q(const RQOptimalInput& in, double& r, double& q) {
  RQInput h;
  h.buffer.demand.demand = in.demand;
  h.buffer.demand.lead_time = {in.lead_time_periods, 0.0, {}};
  h.buffer.demand.review_period_periods = 0.0;
  h.buffer.demand.model = in.demand.kind == DemandKind::poisson ? LeadTimeDemandModel::discrete_exact
                                                                 : LeadTimeDemandModel::normal;
  if (in.constraint == RQServiceConstraint::fill_rate) {
    h.buffer.target_kind = ServiceTargetKind::fill_rate;
    h.buffer.target_value = in.service_target;
  } else {
    h.buffer.target_kind = ServiceTargetKind::cost_optimal;
  }
  h.buffer.holding_cost_per_unit_period = in.holding_cost_per_unit_period;
  h.buffer.backorder_cost_per_unit_period = in.backorder_cost_per_unit_period;
  h.order_cost_per_order = in.order_cost_per_order;
  h.lot_size_from_eoq = true;
  auto res = compute_r_Q(h);
  if (!res.ok()) return false;
  r = res->reorder_point;
  q = res->lot_size_units;
  return true;
}

RQOptimalInput rq(DemandKind kind, double mean, double sd, double lead, double k, double h, double b) {
  RQOptimalInput in;
  in.demand = {kind, mean, sd, {}};
  in.lead_time_periods = lead;
  in.order_cost_per_order = k;
  in.holding_cost_per_unit_period = h;
  in.backorder_cost_per_unit_period = b;
  return in;
}

SerialSystem line(int stages, SerialDemandKind kind) {
  SerialSystem sys;
  for (int j = 0; j < stages; ++j) sys.stages.push_back({0.5 + 0.05 * j, 1.0});
  sys.backorder_cost_per_unit_period = 50.0;
  sys.demand_mean_per_period = 16.0;
  sys.demand_sd_per_period = 4.0;
  sys.demand_kind = kind;
  return sys;
}

}  // namespace

int main() {
  const char* target = bench::target_name();

  // --- (s, S) ----------------------------------------------------------------------------------
  std::printf("(s, S): Poisson demand, K = 64, h = 1, p = 9, L = 0 (Zheng & Federgruen 1991)\n");
  std::printf("%6s  %14s %10s  %14s %10s %8s  %14s %10s %8s\n", "mean", "optimal s,S", "cost", "power s,S",
              "cost", "gap", "heuristic s,S", "cost", "gap");
  double worst_power = 0.0, worst_heuristic = 0.0;
  for (double mean : {5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 64.0}) {
    const SSOptimalInput in = zheng_federgruen(mean);
    auto opt = optimize_s_S(in);
    auto pow = power_approximation_s_S(in);
    long long hs = 0, hS = 0;
    if (!opt.ok() || !pow.ok() || !heuristic_s_S(in, hs, hS)) {
      std::printf("%6.0f  failed\n", mean);
      continue;
    }
    auto heur = s_S_policy_cost(in, hs, hS);
    const double c = opt->optimal.cost_per_period;
    const double pg = pow->policy.cost_per_period / c - 1.0, hg = heur.ok() ? heur->cost_per_period / c - 1.0 : NAN;
    worst_power = std::max(worst_power, pg);
    worst_heuristic = std::max(worst_heuristic, hg);
    std::printf("%6.0f  %6lld,%-7lld %10.4f  %6lld,%-7lld %10.4f %7.2f%%  %6lld,%-7lld %10.4f %7.2f%%\n", mean,
                static_cast<long long>(opt->optimal.reorder_level), static_cast<long long>(opt->optimal.order_up_to_level), c,
                static_cast<long long>(pow->policy.reorder_level), static_cast<long long>(pow->policy.order_up_to_level),
                pow->policy.cost_per_period, 100.0 * pg, hs, hS, heur.ok() ? heur->cost_per_period : NAN, 100.0 * hg);
  }
  std::printf("worst gap: power approximation %.2f%%, existing heuristic %.2f%%\n\n", 100.0 * worst_power,
              100.0 * worst_heuristic);
  for (double mean : {10.0, 64.0}) {
    const SSOptimalInput in = zheng_federgruen(mean);
    char name[96];
    std::snprintf(name, sizeof name, "textbook/(s,S) Zheng-Federgruen exact, mean %.0f", mean);
    bench::print(bench::measure(name, [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = optimize_s_S(in);
                     bench::keep(r.ok() ? r->optimal.cost_per_period : 0.0);
                   }
                 }),
                 target);
  }

  // --- (r, Q) ----------------------------------------------------------------------------------
  std::printf("\n(r, Q), continuous review, exact cost: optimum against the existing heuristic (EOQ lot, "
              "cost-optimal r)\n");
  std::printf("%-44s %9s %9s %10s  %9s %9s %10s %8s\n", "instance", "r*", "Q*", "cost*", "r heur", "Q heur",
              "cost", "gap");
  struct Case {
    const char* name;
    RQOptimalInput in;
  };
  std::vector<Case> cases = {
      {"normal N(10,3^2), L=2, K=50, h=1, b=10", rq(DemandKind::normal, 10.0, 3.0, 2.0, 50.0, 1.0, 10.0)},
      {"normal N(100,30^2), L=4, K=100, h=1, b=20", rq(DemandKind::normal, 100.0, 30.0, 4.0, 100.0, 1.0, 20.0)},
      {"normal N(1300,100^2), L=0.1, K=8, h=.225, b=5", rq(DemandKind::normal, 1300.0, 100.0, 0.1, 8.0, 0.225, 5.0)},
      {"normal N(5,4^2), L=1, K=200, h=1, b=4", rq(DemandKind::normal, 5.0, 4.0, 1.0, 200.0, 1.0, 4.0)},
      {"Poisson 2/period, L=3, K=20, h=1, b=9", rq(DemandKind::poisson, 2.0, 0.0, 3.0, 20.0, 1.0, 9.0)},
      {"Poisson 0.5/period, L=4, K=10, h=1, b=20", rq(DemandKind::poisson, 0.5, 0.0, 4.0, 10.0, 1.0, 20.0)},
      {"Poisson 10/period, L=1, K=64, h=1, b=9", rq(DemandKind::poisson, 10.0, 0.0, 1.0, 64.0, 1.0, 9.0)},
  };
  RQOptimalInput fill = rq(DemandKind::normal, 100.0, 30.0, 4.0, 100.0, 1.0, 0.0);
  fill.constraint = RQServiceConstraint::fill_rate;
  fill.service_target = 0.98;
  cases.push_back({"normal N(100,30^2), fill rate 0.98, b=0", fill});
  RQOptimalInput fill_p = rq(DemandKind::poisson, 2.0, 0.0, 3.0, 20.0, 1.0, 0.0);
  fill_p.constraint = RQServiceConstraint::fill_rate;
  fill_p.service_target = 0.98;
  cases.push_back({"Poisson 2/period, fill rate 0.98, b=0", fill_p});
  double worst_rq = 0.0;
  for (const Case& c : cases) {
    auto opt = optimize_r_Q(c.in);
    double hr = 0.0, hq = 0.0;
    if (!opt.ok() || !heuristic_r_Q(c.in, hr, hq)) {
      std::printf("%-44s failed\n", c.name);
      continue;
    }
    auto heur = r_Q_policy_cost(c.in, hr, hq);
    const double gap = heur.ok() ? heur->cost_per_period / opt->optimal.cost_per_period - 1.0 : NAN;
    worst_rq = std::max(worst_rq, gap);
    std::printf("%-44s %9.3f %9.3f %10.4f  %9.3f %9.3f %10.4f %7.2f%%\n", c.name, opt->optimal.reorder_point,
                opt->optimal.lot_size_units, opt->optimal.cost_per_period, hr, hq,
                heur.ok() ? heur->cost_per_period : NAN, 100.0 * gap);
  }
  std::printf("worst gap of the existing (r, Q) heuristic: %.2f%%\n\n", 100.0 * worst_rq);
  for (const Case& c : {cases[1], cases[6], cases[7]}) {
    char name[96];
    std::snprintf(name, sizeof name, "textbook/(r,Q) exact: %s", c.name);
    bench::print(bench::measure(name, [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = optimize_r_Q(c.in);
                     bench::keep(r.ok() ? r->optimal.cost_per_period : 0.0);
                   }
                 }),
                 target);
  }

  // --- Clark-Scarf -----------------------------------------------------------------------------
  SerialSystem ss;
  ss.stages = {{3.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}};
  ss.backorder_cost_per_unit_period = 37.12;
  ss.demand_mean_per_period = 5.0;
  ss.demand_sd_per_period = 1.0;
  auto example = optimize_serial_base_stock(ss);
  if (example.ok()) {
    std::printf("\nClark-Scarf, Snyder & Shen Example 6.1 (published 6.49, 12.02, 22.71; cost 47.66): "
                "%.6f, %.6f, %.6f; cost %.6f\n",
                example->echelon_base_stock[0], example->echelon_base_stock[1], example->echelon_base_stock[2],
                example->expected_cost_per_period);
  }
  std::printf("Clark-Scarf lines (h_j = 0.5 + 0.05 j, L_j = 1, p = 50, demand 16 per period, sd 4 when normal):\n");
  for (SerialDemandKind kind : {SerialDemandKind::normal, SerialDemandKind::poisson}) {
    for (int stages : {2, 6, 20}) {
      const SerialSystem sys = line(stages, kind);
      auto r = optimize_serial_base_stock(sys);
      if (!r.ok()) continue;
      double change = 0.0;  // largest relative change of a level on a grid four times finer
      if (kind == SerialDemandKind::normal) {
        SerialSystem fine = sys;
        fine.grid_points_per_sd = 24;
        auto f = optimize_serial_base_stock(fine);
        if (f.ok()) {
          for (int j = 0; j < stages; ++j) {
            const double a = r->echelon_base_stock[static_cast<std::size_t>(j)];
            change = std::max(change, std::fabs(f->echelon_base_stock[static_cast<std::size_t>(j)] - a) / std::fabs(a));
          }
          change = std::max(change, std::fabs(f->expected_cost_per_period / r->expected_cost_per_period - 1.0));
        }
      }
      char accuracy[64];
      if (kind == SerialDemandKind::normal) std::snprintf(accuracy, sizeof accuracy, "change on a 4x finer grid %.1e", change);
      else std::snprintf(accuracy, sizeof accuracy, "exact on the integers");
      std::printf("  %-7s %2d stages: cost %.6f, top level %.4f, %lld products, %s\n",
                  kind == SerialDemandKind::normal ? "normal" : "Poisson", stages, r->expected_cost_per_period,
                  r->echelon_base_stock.back(), r->work_products, accuracy);
    }
  }
  bench::print(bench::measure("textbook/Clark-Scarf Snyder-Shen 6.1 (3 stages)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = optimize_serial_base_stock(ss);
                   bench::keep(r.ok() ? r->expected_cost_per_period : 0.0);
                 }
               }),
               target);
  for (SerialDemandKind kind : {SerialDemandKind::normal, SerialDemandKind::poisson}) {
    for (int stages : {2, 6, 20}) {
      const SerialSystem sys = line(stages, kind);
      char name[96];
      std::snprintf(name, sizeof name, "textbook/Clark-Scarf %s, %d stages",
                    kind == SerialDemandKind::normal ? "normal" : "Poisson", stages);
      bench::print(bench::measure(name, [&](long long n) {
                     for (long long i = 0; i < n; ++i) {
                       auto r = optimize_serial_base_stock(sys);
                       bench::keep(r.ok() ? r->expected_cost_per_period : 0.0);
                     }
                   }),
                   target);
    }
  }
  return 0;
}
