#include "core/meio/gsm_delays.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/policy/demand_over_periods.h"
#include "core/stats/stats.h"

namespace echelon {
namespace {

constexpr double kZ95 = 1.6448536269514722;  // Phi^-1(0.95)

TEST(DemandOverRandomPeriods, ConstantDemandTakesTheTimesQuantile) {
  // 10 a period over 1, 2 or 3 periods with probabilities 0.2, 0.5, 0.3: the levels are 10, 20, 30.
  const PeriodsPmf periods = {0.0, 0.2, 0.5, 0.3};
  const Distribution ten = dist::Constant{10.0};
  EXPECT_NEAR(demand_level_over_random_periods(ten, periods, 0.95), 30.0, 1e-6);
  EXPECT_NEAR(demand_level_over_random_periods(ten, periods, 0.7), 20.0, 1e-6);
  EXPECT_NEAR(demand_level_over_random_periods(ten, periods, 0.1), 10.0, 1e-6);
}

TEST(DemandOverRandomPeriods, NormalMixtureWithAnEmptyBranch) {
  // N = 0 or 2 with 1/2 each: 1/2 + 1/2 Phi((x - 20) / (2 sqrt 2)) = 0.975 at Phi = 0.95, so
  // x = 20 + 1.6448536 * 2 sqrt(2) = 24.6523486.
  const PeriodsPmf periods = {0.5, 0.0, 0.5};
  EXPECT_NEAR(demand_level_over_random_periods(dist::Normal{10.0, 2.0}, periods, 0.975), 24.652348614706696, 1e-6);
  // One certain time: the normal bound n mu + z sigma sqrt(n).
  EXPECT_NEAR(demand_level_over_random_periods(dist::Normal{10.0, 2.0}, {0.0, 0.0, 0.0, 0.0, 1.0}, 0.95),
              40.0 + kZ95 * 4.0, 1e-6);
}

TEST(DemandOverRandomPeriods, GammaAndPoissonSumsStayInTheirFamily) {
  // Exponential of mean 5: one period's 95% quantile -5 ln 0.05; two periods are gamma(2, 5),
  // 1 - e^(-x/5) (1 + x/5) = 0.95 at x = 23.7193226 (solved by hand with bisection).
  const Distribution exponential = dist::Gamma{1.0, 5.0};
  EXPECT_NEAR(demand_level_over_random_periods(exponential, {0.0, 1.0}, 0.95), -5.0 * std::log(0.05), 1e-6);
  EXPECT_NEAR(demand_level_over_random_periods(exponential, {0.0, 0.0, 1.0}, 0.95), 23.71932259195288, 1e-6);
  // Poisson(1) over 2 periods is Poisson(2): P(<= 3) = e^-2 (1 + 2 + 2 + 4/3) = 0.8571235.
  EXPECT_NEAR(demand_cdf_over_whole_periods(dist::Poisson{1.0}, 2, 3.7), 0.857123460498547, 1e-9);
  // Poisson(2): P(<= 4) = 0.947347 < 0.95 <= P(<= 5) = 0.983436: the level is 5.
  EXPECT_NEAR(demand_level_over_random_periods(dist::Poisson{2.0}, {0.0, 1.0}, 0.95), 5.0, 1e-6);
  EXPECT_EQ(demand_cdf_over_whole_periods(dist::Poisson{2.0}, 0, 0.0), 1.0);
}

TEST(GsmDelays, FillWaitOfABaseStockStage) {
  // R = 2, demand 10 a period, level 15: the order always waits one period (D(2) = 20 > 15 and
  // D(1) = 10 <= 15).
  const PeriodsPmf w = fill_wait_pmf({0.0, 0.0, 1.0}, dist::Constant{10.0}, 15.0);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NEAR(w[0], 0.0, 1e-12);
  EXPECT_NEAR(w[1], 1.0, 1e-12);
  // R = 1 or 2 with 1/2 each: P(W > 0) = 1/2 P(10 > 15) + 1/2 P(20 > 15) = 1/2, P(W > 1) = 0.
  const PeriodsPmf half = fill_wait_pmf({0.0, 0.5, 0.5}, dist::Constant{10.0}, 15.0);
  ASSERT_EQ(half.size(), 2u);
  EXPECT_NEAR(half[0], 0.5, 1e-12);
  EXPECT_NEAR(half[1], 0.5, 1e-12);
  // Normal(10, 2), R = 1, level at the 95% bound: ships at once 95% of the time, else a period later.
  const PeriodsPmf n = fill_wait_pmf({0.0, 1.0}, dist::Normal{10.0, 2.0}, 10.0 + kZ95 * 2.0);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_NEAR(n[0], 0.95, 1e-9);
  EXPECT_NEAR(n[1], 0.05, 1e-9);
}

TEST(GsmDelays, SumAndMaximumOfTimes) {
  const PeriodsPmf coin = {0.5, 0.5};
  const PeriodsPmf sum = convolve_periods(coin, {0.0, 1.0});
  ASSERT_EQ(sum.size(), 3u);
  EXPECT_NEAR(sum[1], 0.5, 1e-15);
  EXPECT_NEAR(sum[2], 0.5, 1e-15);
  const PeriodsPmf larger = max_periods(coin, coin);  // P(max = 0) = 1/4
  ASSERT_EQ(larger.size(), 2u);
  EXPECT_NEAR(larger[0], 0.25, 1e-15);
  EXPECT_NEAR(larger[1], 0.75, 1e-15);
}

// Supplier A (1 period from outside, quotes 0) feeds store B (1 period, quotes 0), which sells
// normal(10, 2) at 95%. A holds the 95% bound, so it ships at once with probability 0.95 and a
// period later otherwise; B's replenishment time is 1 or 2 periods with 0.95 and 0.05, and its
// level solves 0.95 Phi((x - 10) / 2) + 0.05 Phi((x - 20) / (2 sqrt 2)) = 0.95, x = 15.5064325
// (bisection by hand), 2.2167252 above the model's 10 + 1.6449 * 2.
TEST(GsmDelays, SupplierDelayIsBufferedByTheMixture) {
  GsmNetwork net;
  GsmStage a;
  a.name = "A";
  a.processing_time_periods = 1.0;
  a.holding_cost_per_unit_period = 1.0;
  GsmStage b;
  b.name = "B";
  b.processing_time_periods = 1.0;
  b.holding_cost_per_unit_period = 2.0;
  b.external_demand_mean_per_period = 10.0;
  b.external_demand_sd_per_period = 2.0;
  net.stages = {a, b};
  net.arcs = {{0, 1, 1.0}};
  auto sol = evaluate_gsm(net, {0.0, 0.0});
  ASSERT_TRUE(sol.ok());
  auto with_z = gsm_demand_bounds(net);
  auto pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(with_z.ok() && pooled.ok());
  GsmTimeLaws laws;
  laws.arc_lead_time = {{0.0, 1.0}};
  laws.supply_lead_time = {{0.0, 1.0}, {0.0, 1.0}};
  GsmSolution sized = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, sized);
  EXPECT_NEAR(sized.stages[0].safety_stock_for_lead_time_shape, 0.0, 1e-6);
  EXPECT_EQ(sized.stages[0].safety_stock_for_supplier_delays, 0.0);
  EXPECT_NEAR(sized.stages[1].safety_stock_for_lead_time_shape, 0.0, 1e-6);
  EXPECT_NEAR(sized.stages[1].safety_stock_for_supplier_delays, 15.50643247457795 - (10.0 + kZ95 * 2.0), 1e-6);
  EXPECT_NEAR(sized.stages[1].base_stock_level, 15.50643247457795, 1e-6);
  EXPECT_NEAR(sized.total_cost - sol->total_cost, 2.0 * (15.50643247457795 - (10.0 + kZ95 * 2.0)), 1e-5);
  EXPECT_NEAR(sized.stages[1].promise_safety_factor, kZ95, 1e-9);
  // Suppliers taken on time: no stock for delays.
  GsmSolution own = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, own, GsmTimeSizing{false});
  EXPECT_EQ(own.stages[1].safety_stock_for_supplier_delays, 0.0);
  // Applied twice, the same answer (the extras replace themselves).
  size_for_random_times(net, *with_z, *pooled, laws, sized);
  EXPECT_NEAR(sized.stages[1].base_stock_level, 15.50643247457795, 1e-6);
}

// A stage whose time is 1 period with probability 0.9 and 11 with 0.1 (mean 2, sd 3), normal(10, 2)
// demand at 95%: the model holds 20 + 1.6449 sqrt(2 * 4 + 100 * 9) = 69.57; the mixture
// 0.9 Phi((x - 10) / 2) + 0.1 Phi((x - 110) / (2 sqrt 11)) reaches 0.95 at x = 110 (the first
// term is 0.9 there to 1e-100, the second 0.1 * 1/2).
TEST(GsmDelays, LeadTimeShapeIsBufferedByTheMixture) {
  GsmNetwork net;
  GsmStage s;
  s.name = "S";
  s.processing_time_periods = 2.0;
  s.processing_time_sd_periods = 3.0;
  s.holding_cost_per_unit_period = 1.0;
  s.external_demand_mean_per_period = 10.0;
  s.external_demand_sd_per_period = 2.0;
  net.stages = {s};
  auto sol = evaluate_gsm(net, {0.0});
  ASSERT_TRUE(sol.ok());
  const double model = 20.0 + kZ95 * std::sqrt(908.0);
  EXPECT_NEAR(sol->stages[0].base_stock_level, model, 1e-9);
  auto with_z = gsm_demand_bounds(net);
  auto pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(with_z.ok() && pooled.ok());
  GsmTimeLaws laws;
  PeriodsPmf lead(12, 0.0);
  lead[1] = 0.9;
  lead[11] = 0.1;
  laws.supply_lead_time = {lead};
  GsmSolution sized = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, sized);
  EXPECT_NEAR(sized.stages[0].base_stock_level, 110.0, 1e-6);
  EXPECT_NEAR(sized.stages[0].safety_stock_for_lead_time_shape, 110.0 - model, 1e-6);
  EXPECT_EQ(sized.stages[0].safety_stock_for_supplier_delays, 0.0);
  EXPECT_NEAR(sized.total_cost, 110.0 - 20.0, 1e-6);
}

// A supplier A (2 periods) of stores B and C (1 period each), each with demand mean 10, sd 10.
GsmNetwork supplier_of_two_stores() {
  GsmNetwork net;
  GsmStage a;
  a.name = "A";
  a.processing_time_periods = 2.0;
  a.holding_cost_per_unit_period = 1.0;
  GsmStage store;
  store.name = "B";
  store.processing_time_periods = 1.0;
  store.holding_cost_per_unit_period = 2.0;
  store.external_demand_mean_per_period = 10.0;
  store.external_demand_sd_per_period = 10.0;
  GsmStage other = store;
  other.name = "C";
  net.stages = {a, store, other};
  net.arcs = {{0, 1, 1.0}, {0, 2, 1.0}};
  return net;
}

// A supplier A (2 periods, on time) of two stores whose one-period demands are exponential with
// mean 10 (gamma shape 1, scale 10), both at 95%. A's demand over its 2 periods is the sum of four
// such periods, gamma(4, 10) exactly (equal scales), which the three-cumulant gamma reproduces:
// its 95% level is 10 x chi-square(8 degrees of freedom) 95% / 2 = 10 x 15.5073 / 2 = 77.537
// (chi-square table), where the normal of the same moments gives 40 + 1.6449 x 20 = 72.90.
// With normal store demands far from zero, A stays at the normal level, 40 + 1.6449 x 4.
TEST(GsmDelays, ASupplierOfSkewedDemandsIsSizedByTheirSumsSkew) {
  GsmNetwork net = supplier_of_two_stores();
  auto sol = evaluate_gsm(net, {0.0, 0.0, 0.0});
  ASSERT_TRUE(sol.ok());
  EXPECT_NEAR(sol->stages[0].base_stock_level, 40.0 + kZ95 * 20.0, 1e-9);
  auto with_z = gsm_demand_bounds(net);
  auto pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(with_z.ok() && pooled.ok());
  GsmTimeLaws laws;
  laws.arc_lead_time = {{0.0, 1.0}, {0.0, 1.0}};
  laws.supply_lead_time = {{0.0, 0.0, 1.0}, {0.0, 1.0}, {0.0, 1.0}};
  laws.has_demand_law = {0, 1, 1};
  laws.demand_law = {dist::Constant{0.0}, dist::Gamma{1.0, 10.0}, dist::Gamma{1.0, 10.0}};
  GsmSolution sized = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, sized, GsmTimeSizing{false});
  EXPECT_NEAR(sized.stages[0].promise_safety_factor, kZ95, 1e-9);
  EXPECT_NEAR(sized.stages[0].base_stock_level, 77.537, 2e-3);
  // Each store: one period of exponential demand, 95% at 10 ln 20 = 29.957.
  EXPECT_NEAR(sized.stages[1].base_stock_level, 10.0 * std::log(20.0), 1e-6);

  net.stages[1].external_demand_sd_per_period = 2.0;
  net.stages[2].external_demand_sd_per_period = 2.0;
  auto narrow = evaluate_gsm(net, {0.0, 0.0, 0.0});
  auto narrow_with_z = gsm_demand_bounds(net);
  auto narrow_pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(narrow.ok() && narrow_with_z.ok() && narrow_pooled.ok());
  laws.demand_law = {dist::Constant{0.0}, dist::Normal{10.0, 2.0}, dist::Normal{10.0, 2.0}};
  GsmSolution normal = *narrow;
  size_for_random_times(net, *narrow_with_z, *narrow_pooled, laws, normal, GsmTimeSizing{false});
  EXPECT_NEAR(normal.stages[0].base_stock_level, 40.0 + kZ95 * 4.0, 1e-5);
  EXPECT_NEAR(normal.stages[0].safety_stock_for_lead_time_shape, 0.0, 1e-5);
}

// The supplier A above (2 periods) of two stores whose normal(10, 10) demands the simulation draws
// censored at zero, max(0, X). With a = m / s = 1, Phi(1) = 0.841345, phi(1) = 0.241971:
//   E = m Phi + s phi = 10.833155,  Var = (m^2 + s^2) Phi + m s phi - E^2 = 75.108781,
//   kappa_3 = E X^3 - 3 E X E X^2 + 2 (E X)^3 = 378.946885 (E X^3 = (m^3 + 3 m s^2) Phi + s (m^2 + 2 s^2) phi).
// A's demand over 2 periods sums four of them: the shifted gamma with 4 times these cumulants has
// shape 4 (4 Var)^3 / (4 kappa_3)^2 = 47.210156, scale kappa_3 / (2 Var) = 2.522654 and shift
// 4 E - shape x scale = -75.762255; its 95% point is A's level. The normal model says 72.90.
// The pass in slices of one stage (a step may be given a copy of the inputs: they are not kept)
// gives the solution of one whole pass, supplier delays included; a pass of mismatched inputs is
// finished at once and changes nothing.
TEST(GsmDelays, APassInSlicesEqualsOneWholePass) {
  const GsmNetwork net = supplier_of_two_stores();
  auto sol = evaluate_gsm(net, {1.0, 0.0, 0.0});
  ASSERT_TRUE(sol.ok());
  auto with_z = gsm_demand_bounds(net);
  auto pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(with_z.ok() && pooled.ok());
  GsmTimeLaws laws;
  laws.arc_lead_time = {{0.0, 0.5, 0.5}, {0.0, 1.0}};
  laws.supply_lead_time = {{0.0, 0.0, 1.0}, {0.0, 1.0}, {0.0, 1.0}};
  GsmSolution whole = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, whole);
  ASSERT_GT(whole.stages[1].safety_stock_for_supplier_delays + whole.stages[1].safety_stock_for_lead_time_shape, 0.0);
  GsmSolution sliced = *sol;
  GsmTimePass pass(net, *with_z, *pooled, laws, sliced);
  int steps = 0;
  while (!pass.finished()) {
    const GsmNetwork copy = net;
    pass.step(copy, *with_z, *pooled, laws, sliced, {}, nullptr, 1);
    ++steps;
  }
  EXPECT_EQ(steps, 3);
  for (std::size_t j = 0; j < net.stages.size(); ++j) {
    EXPECT_EQ(sliced.stages[j].base_stock_level, whole.stages[j].base_stock_level) << "stage " << j;
    EXPECT_EQ(sliced.stages[j].safety_stock_for_supplier_delays, whole.stages[j].safety_stock_for_supplier_delays);
  }
  EXPECT_EQ(sliced.total_cost, whole.total_cost);
  GsmSolution untouched = *sol;
  GsmTimeLaws short_laws = laws;
  short_laws.supply_lead_time.pop_back();
  GsmTimePass refused(net, *with_z, *pooled, short_laws, untouched);
  EXPECT_TRUE(refused.finished());
  EXPECT_TRUE(refused.step(net, *with_z, *pooled, short_laws, untouched, {}, nullptr, 10));
  EXPECT_EQ(untouched.total_cost, sol->total_cost);
}

TEST(GsmDelays, NormalDemandCensoredAtZeroIsSizedByItsCumulants) {
  GsmNetwork net = supplier_of_two_stores();
  auto sol = evaluate_gsm(net, {0.0, 0.0, 0.0});
  auto with_z = gsm_demand_bounds(net);
  auto pooled = gsm_pooled_demand_bounds(net);
  ASSERT_TRUE(sol.ok() && with_z.ok() && pooled.ok());
  GsmTimeLaws laws;
  laws.arc_lead_time = {{0.0, 1.0}, {0.0, 1.0}};
  laws.supply_lead_time = {{0.0, 0.0, 1.0}, {0.0, 1.0}, {0.0, 1.0}};
  laws.has_demand_law = {0, 1, 1};
  laws.demand_law = {dist::Constant{0.0}, dist::Normal{10.0, 10.0}, dist::Normal{10.0, 10.0}};
  GsmSolution sized = *sol;
  size_for_random_times(net, *with_z, *pooled, laws, sized, GsmTimeSizing{false});
  const double expected = stats::gamma_quantile(0.95, 47.210156, 2.522654) - 75.762255;
  EXPECT_GT(expected, 40.0 + kZ95 * 20.0);
  EXPECT_NEAR(sized.stages[0].base_stock_level, expected, 1e-3);
  EXPECT_NEAR(sized.stages[0].safety_stock_for_lead_time_shape, expected - (40.0 + kZ95 * 20.0), 1e-3);
}

}  // namespace
}  // namespace echelon
