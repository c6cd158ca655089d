// Speed of the textbook single-location models (core/policy/), natively and in wasm:
// the EOQ family (backorders, EPQ, quantity discounts with 50 price breaks), Wagner-Whitin for
// 52, 520 and 5,000 periods (the O(T^2) recursion, and with the planning-horizon search), the finite-horizon (s, S) dynamic program
// for 52 weeks of Poisson demand with a mean of 20, and the newsvendor for lognormal, Poisson
// and a 1,000-outcome discrete table.
#include <cstdint>
#include <vector>

#include "core/policy/eoq_backorders.h"
#include "core/policy/epq.h"
#include "core/policy/finite_horizon_s_S.h"
#include "core/policy/newsvendor_distribution.h"
#include "core/policy/quantity_discount.h"
#include "core/policy/wagner_whitin.h"
#include "core/stats/stats.h"
#include "harness.h"

int main() {
  using namespace echelon;
  const char* target = bench::target_name();

  bench::print(bench::measure("textbook/eoq with backorders", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_eoq_backorders({8.0, 0.225, 5.0 + static_cast<double>(i % 7), 1300.0});
                   bench::keep(r.ok() ? r->order_quantity_units : 0.0);
                 }
               }),
               target);
  bench::print(bench::measure("textbook/epq", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_epq({100.0, 2.0, 1000.0 + static_cast<double>(i % 7), 4000.0});
                   bench::keep(r.ok() ? r->batch_quantity_units : 0.0);
                 }
               }),
               target);

  QuantityDiscountInput discounts;
  discounts.scheme = DiscountScheme::incremental;
  discounts.order_cost_per_order = 50.0;
  discounts.demand_units_per_period = 5000.0;
  discounts.holding_rate_per_period = 0.2;
  for (int j = 0; j < 50; ++j) discounts.breaks.push_back({100.0 * j, 10.0 - 0.1 * j});
  bench::print(bench::measure("textbook/incremental discounts, 50 breaks", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_quantity_discount(discounts);
                   bench::keep(r.ok() ? r->order_quantity_units : 0.0);
                 }
               }),
               target);

  for (std::size_t periods : {std::size_t{52}, std::size_t{520}, std::size_t{5000}}) {
    WagnerWhitinInput ww;
    std::uint64_t state = 7;
    for (std::size_t t = 0; t < periods; ++t) ww.demand_units.push_back(200.0 * bench::unit_random(state));
    ww.order_cost_per_order = {500.0};
    ww.holding_cost_per_unit_period = {1.0};
    bench::print(bench::measure("textbook/wagner-whitin " + std::to_string(periods) + " periods", [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = compute_wagner_whitin(ww);
                     bench::keep(r.ok() ? r->total_cost : 0.0);
                   }
                 }),
                 target);
    ww.use_planning_horizons = true;
    bench::print(bench::measure("textbook/wagner-whitin " + std::to_string(periods) + " periods, horizons", [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = compute_wagner_whitin(ww);
                     bench::keep(r.ok() ? r->total_cost : 0.0);
                   }
                 }),
                 target);
  }

  FiniteHorizonInput dp;
  for (int t = 0; t < 52; ++t) dp.demand_probabilities.push_back(stats::poisson_distribution(20.0).pmf);
  dp.fixed_order_cost = 100.0;
  dp.unit_cost = 1.0;
  dp.holding_cost_per_unit_period = 1.0;
  dp.backorder_cost_per_unit_period = 9.0;
  dp.discount_factor = 0.99;
  dp.lowest_start_level = -50;
  bench::print(bench::measure(
                   "textbook/finite-horizon (s,S) DP, 52 periods",
                   [&](long long n) {
                     for (long long i = 0; i < n; ++i) {
                       auto r = compute_finite_horizon_s_S(dp);
                       bench::keep(r.ok() ? r->expected_cost : 0.0);
                     }
                   },
                   0.5, 3),
               target);

  GeneralNewsvendorInput lognormal;
  lognormal.demand = dist::Lognormal{100.0, 50.0};
  lognormal.form = NewsvendorForm::prices;
  lognormal.selling_price = 10.0;
  lognormal.unit_cost = 4.0;
  lognormal.salvage_value = 1.0;
  bench::print(bench::measure("textbook/newsvendor lognormal", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_general_newsvendor(lognormal);
                   bench::keep(r.ok() ? r->order_quantity : 0.0);
                 }
               }),
               target);
  GeneralNewsvendorInput poisson = lognormal;
  poisson.demand = dist::Poisson{200.0};
  bench::print(bench::measure("textbook/newsvendor poisson mean 200", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_general_newsvendor(poisson);
                   bench::keep(r.ok() ? r->order_quantity : 0.0);
                 }
               }),
               target);
  GeneralNewsvendorInput table = lognormal;
  dist::Discrete outcomes;
  for (int k = 0; k < 1000; ++k) outcomes.outcomes.push_back({static_cast<double>((k * 37) % 1000), 0.001});
  table.demand = outcomes;
  bench::print(bench::measure("textbook/newsvendor discrete, 1,000 outcomes", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = compute_general_newsvendor(table);
                   bench::keep(r.ok() ? r->order_quantity : 0.0);
                 }
               }),
               target);
  return 0;
}
