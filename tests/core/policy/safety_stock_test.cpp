#include "core/policy/safety_stock.h"

#include <gtest/gtest.h>

#include "core/model/model.h"
#include "support/test_support.h"

#include <cmath>
#include <limits>

namespace echelon {
namespace {

SafetyStockInput base_input() {
  SafetyStockInput in;
  in.mean_demand_per_period = 100.0;
  in.sd_demand_per_period = 20.0;
  in.mean_lead_time_periods = 5.0;
  in.sd_lead_time_periods = 1.0;
  in.review_period_periods = 1.0;
  in.cycle_service_level = 0.95;
  return in;
}

// Hand-derived: SS = z * sqrt((E[L] + R) * sd_D^2 + mu_D^2 * sd_L^2)
//   = 1.6448536 * sqrt(6 * 400 + 10000 * 1) = 1.6448536 * 111.3552873 = 183.1631481.
TEST(SafetyStock, DemandAndLeadTimeUncertaintyTogether) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->safety_factor, 1.6448536269514722, 1e-12);
  EXPECT_DOUBLE_EQ(r->protection_interval_periods, 6.0);
  EXPECT_DOUBLE_EQ(r->mean_lead_time_demand, 600.0);
  EXPECT_NEAR(r->sd_lead_time_demand, 111.35528725660043, 1e-10);
  EXPECT_NEAR(r->safety_stock, 183.1631481242422, 1e-9);
  EXPECT_NEAR(r->reorder_point, 783.1631481242422, 1e-9);
}

// The split follows the variance shares 2400 / 12400 and 10000 / 12400.
// 1e308 * 1e308 overflowed to infinity and printed null with "ok": true.
TEST(SafetyStock, MagnitudesBeyondTheScenarioLimitsAreRefused) {
  SafetyStockInput in = base_input();
  in.mean_demand_per_period = 1e308;
  in.sd_lead_time_periods = 1e9;
  in.review_period_periods = 20000.0;
  auto r = compute_safety_stock(in);
  ASSERT_FALSE(r.ok());
  for (const char* path : {"mean_demand_per_period", "sd_lead_time_periods", "review_period_periods"})
    EXPECT_TRUE(fixtures::has_path(r.problems(), path)) << path << "\n" << describe(r.problems());
  in = base_input();
  in.mean_demand_per_period = Limits::max_quantity;
  in.mean_lead_time_periods = Limits::max_time_periods;
  EXPECT_TRUE(compute_safety_stock(in).ok());
}

TEST(SafetyStock, SplitIntoDemandAndLeadTimeParts) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock_from_demand, 35.45093189501462, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_lead_time, 147.71221622922758, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_demand + r->safety_stock_from_lead_time, r->safety_stock, 1e-9);
}

// Constant lead time, continuous review: the textbook z * sd_D * sqrt(L).
// 0.99 -> z = 2.3263479; sd_D = 4, L = 9: SS = 2.3263479 * 12 = 27.9161745.
TEST(SafetyStock, ConstantLeadTimeReducesToSqrtRule) {
  SafetyStockInput in;
  in.mean_demand_per_period = 50.0;
  in.sd_demand_per_period = 4.0;
  in.mean_lead_time_periods = 9.0;
  in.cycle_service_level = 0.99;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock, 27.91617448849009, 1e-9);
  EXPECT_DOUBLE_EQ(r->safety_stock_from_lead_time, 0.0);
}

TEST(SafetyStock, ZeroStandardDeviationsGiveZeroBuffer) {
  SafetyStockInput in = base_input();
  in.sd_demand_per_period = 0.0;
  in.sd_lead_time_periods = 0.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safety_stock, 0.0);
  EXPECT_FALSE(std::signbit(r->safety_stock));
  EXPECT_EQ(r->safety_stock_from_demand, 0.0);
  EXPECT_EQ(r->safety_stock_from_lead_time, 0.0);
  EXPECT_DOUBLE_EQ(r->reorder_point, 600.0);
  EXPECT_FALSE(r->notes.empty());
  EXPECT_TRUE(lead_time_demand_curve(*r, 50).empty());
}

// Only lead-time uncertainty: SS = z * mu_D * sd_L = 1.6448536 * 100 * 1.
TEST(SafetyStock, LeadTimeUncertaintyAlone) {
  SafetyStockInput in = base_input();
  in.sd_demand_per_period = 0.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_stock, 164.48536269514722, 1e-9);
  EXPECT_NEAR(r->safety_stock_from_lead_time, r->safety_stock, 1e-12);
}

// 0.30 -> z = -0.5244005; sd[X] = 5 * sqrt(4) = 10: SS = -5.244005, reported as negative.
TEST(SafetyStock, ServiceBelowHalfGivesNegativeFactorAndBuffer) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 5.0;
  in.mean_lead_time_periods = 4.0;
  in.cycle_service_level = 0.30;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->safety_factor, -0.5244005127080407, 1e-12);
  EXPECT_NEAR(r->safety_stock, -5.244005127080406, 1e-9);
  EXPECT_NEAR(r->reorder_point, 40.0 - 5.244005127080406, 1e-9);
  EXPECT_FALSE(r->clamped);
  EXPECT_FALSE(r->notes.empty());
}

TEST(SafetyStock, ServiceBelowHalfClampedOnlyWhenAsked) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 5.0;
  in.mean_lead_time_periods = 4.0;
  in.cycle_service_level = 0.30;
  in.clamp_negative_to_zero = true;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safety_stock, 0.0);
  EXPECT_TRUE(r->clamped);
  EXPECT_DOUBLE_EQ(r->reorder_point, 40.0);
}

TEST(SafetyStock, HigherServiceNeedsMoreStock) {
  SafetyStockInput in = base_input();
  double previous = -std::numeric_limits<double>::infinity();
  for (double p : {0.6, 0.8, 0.9, 0.95, 0.99, 0.999}) {
    in.cycle_service_level = p;
    auto r = compute_safety_stock(in);
    ASSERT_TRUE(r.ok());
    EXPECT_GT(r->safety_stock, previous) << "at p = " << p;
    previous = r->safety_stock;
  }
}

TEST(SafetyStock, EveryInvalidFieldIsNamed) {
  SafetyStockInput in;
  in.mean_demand_per_period = -1.0;
  in.sd_demand_per_period = std::numeric_limits<double>::quiet_NaN();
  in.mean_lead_time_periods = std::numeric_limits<double>::infinity();
  in.sd_lead_time_periods = -0.5;
  in.review_period_periods = -2.0;
  in.cycle_service_level = 1.0;
  auto r = compute_safety_stock(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 6u);
  EXPECT_EQ(r.problems()[0].path, "mean_demand_per_period");
  EXPECT_EQ(r.problems()[1].path, "sd_demand_per_period");
  EXPECT_EQ(r.problems()[2].path, "mean_lead_time_periods");
  EXPECT_EQ(r.problems()[3].path, "sd_lead_time_periods");
  EXPECT_EQ(r.problems()[4].path, "review_period_periods");
  EXPECT_EQ(r.problems()[5].path, "cycle_service_level");
}

TEST(SafetyStock, ServiceLevelZeroIsRejected) {
  SafetyStockInput in = base_input();
  in.cycle_service_level = 0.0;
  EXPECT_FALSE(compute_safety_stock(in).ok());
}

TEST(LeadTimeDemandCurve, SpansFourStandardDeviationsAndPeaksAtMean) {
  auto r = compute_safety_stock(base_input());
  ASSERT_TRUE(r.ok());
  auto curve = lead_time_demand_curve(*r, 81);
  ASSERT_EQ(curve.size(), 81u);
  EXPECT_NEAR(curve.front().x, 600.0 - 4.0 * r->sd_lead_time_demand, 1e-9);
  EXPECT_NEAR(curve.back().x, 600.0 + 4.0 * r->sd_lead_time_demand, 1e-9);
  EXPECT_NEAR(curve[40].x, 600.0, 1e-9);
  EXPECT_NEAR(curve[40].density, 0.3989422804014327 / r->sd_lead_time_demand, 1e-15);
}

}  // namespace
}  // namespace echelon

namespace echelon {
namespace {

// Mean 40, sd 30: mean - 4 sd < 0, so the curve starts at zero demand.
TEST(LeadTimeDemandCurve, StartsAtZeroWhenTheNormalTailGoesNegative) {
  SafetyStockInput in;
  in.mean_demand_per_period = 10.0;
  in.sd_demand_per_period = 15.0;
  in.mean_lead_time_periods = 4.0;
  auto r = compute_safety_stock(in);
  ASSERT_TRUE(r.ok());
  ASSERT_LT(r->mean_lead_time_demand - 4.0 * r->sd_lead_time_demand, 0.0);
  auto curve = lead_time_demand_curve(*r, 11);
  ASSERT_EQ(curve.size(), 11u);
  EXPECT_DOUBLE_EQ(curve.front().x, 0.0);
  EXPECT_NEAR(curve.back().x, 40.0 + 4.0 * 30.0, 1e-9);
}

}  // namespace
}  // namespace echelon

// ---------------------------------------------------------------------------------------------
// compute_buffer: any target, any lead-time-demand model.
// ---------------------------------------------------------------------------------------------
namespace echelon {
namespace {

BufferInput one_period_normal(ServiceTargetKind kind, double target) {
  BufferInput in;
  in.demand.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.demand.review_period_periods = 1.0;  // L = 0, R = 1: one period of demand per cycle
  in.target_kind = kind;
  in.target_value = target;
  return in;
}

// The old answer for the old input: with a cycle-service target and the normal model the new
// function reproduces compute_safety_stock, split included.
TEST(Buffer, ReproducesTheNormalCycleServiceFormula) {
  BufferInput in;
  in.demand.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.demand.lead_time = {5.0, 1.0, {}};
  in.demand.review_period_periods = 1.0;
  in.target_value = 0.95;
  auto r = compute_buffer(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->safety_stock, 183.1631481242422, 1e-8);
  EXPECT_NEAR(r->safety_stock_from_demand, 35.45093189501462, 1e-8);
  EXPECT_NEAR(r->safety_stock_from_lead_time, 147.71221622922758, 1e-8);
  EXPECT_NEAR(r->level, 783.1631481242422, 1e-8);
  // Lead time causes 10,000 / 12,400 of the variance: the warning says so.
  bool named = false;
  for (const auto& w : r->warnings) named = named || w.find("80.6%") != std::string::npos;
  EXPECT_TRUE(named);
}

// Fill rate 98% with one period of normal(100, 20) demand per cycle: 1 - 20 G(k) / 100 = 0.98,
// G(k) = 0.1, k = 0.9023 (Silver, Pyke & Thomas, 4th ed., 7.x and table II.1: G(0.90) = 0.1004).
// Bisection by hand: k = 0.9023463475100324, S = 118.04692695020066. The cycle service level at
// that S is only Phi(k) = 0.8166: a fill-rate target is not a cycle-service target.
TEST(Buffer, FillRateThroughTheLossFunction) {
  auto r = compute_buffer(one_period_normal(ServiceTargetKind::fill_rate, 0.98));
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->safety_factor, 0.9023463475100324, 1e-8);
  EXPECT_NEAR(r->level, 118.04692695020066, 1e-6);
  EXPECT_NEAR(r->achieved.fill_rate, 0.98, 1e-10);
  EXPECT_NEAR(r->achieved.cycle_service_level, 0.8165635438074246, 1e-7);
}

// Exponential demand (gamma, mean 10, sd 10), one period per cycle: fill = 1 - G1(S) / 10 =
// 1 - e^{-S/10}, so fill 0.95 needs S = -10 ln 0.05 = 29.957322735539908 (by hand).
TEST(Buffer, FillRateGamma) {
  BufferInput in;
  in.demand.demand = {DemandKind::gamma, 10.0, 10.0, {}};
  in.demand.review_period_periods = 1.0;
  in.target_kind = ServiceTargetKind::fill_rate;
  in.target_value = 0.95;
  auto r = compute_buffer(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->lead_time_demand.model, LeadTimeDemandModel::gamma);
  EXPECT_NEAR(r->level, 29.957322735539908, 1e-7);
}

// Poisson(3), one period per cycle: fill(S) = 1 - G1(S) / 3; by hand fill(4) = 0.8935 and
// fill(5) = 0.9551, so a 90% target needs S = 5 (whole units).
TEST(Buffer, FillRatePoissonInWholeUnits) {
  BufferInput in;
  in.demand.demand = {DemandKind::poisson, 3.0, 0.0, {}};
  in.demand.review_period_periods = 1.0;
  in.target_kind = ServiceTargetKind::fill_rate;
  in.target_value = 0.90;
  auto r = compute_buffer(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->level, 5.0);
  EXPECT_NEAR(r->achieved.fill_rate, 0.9551264812426111, 1e-10);
}

// Extra stock per point at 95% cycle service: sd (z(0.96) - z(0.95)) / 1 point
// = 20 (1.7506860712521692 - 1.6448536269514722) = 2.11664888601394 units.
TEST(Buffer, ExtraStockPerPointOfService) {
  auto r = compute_buffer(one_period_normal(ServiceTargetKind::cycle_service_level, 0.95));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->extra_stock_per_point, 2.11664888601394, 1e-8);
}

// Lost sales with L = 0 and R = 1 is the newsvendor: normal(50, 8), h = 0.18, pi = 0.70 gives
// the critical ratio 0.70 / 0.88 and S* = 56.6040 (the newsvendor known answer of Snyder & Shen).
TEST(Buffer, LostSalesCriticalRatioIsTheNewsvendor) {
  BufferInput in;
  in.demand.demand = {DemandKind::normal, 50.0, 8.0, {}};
  in.demand.review_period_periods = 1.0;
  in.target_kind = ServiceTargetKind::cost_optimal;
  in.holding_cost_per_unit_period = 0.18;
  in.lost_sale_cost_per_unit = 0.70;
  auto r = compute_buffer(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->critical_ratio, 0.70 / 0.88, 1e-15);
  EXPECT_NEAR(r->level, 56.6040, 5e-5);
}

// A cost per unit short is minimised numerically; the result is a minimum of the cost.
TEST(Buffer, ShortageCostIsMinimised) {
  BufferInput in;
  in.demand.demand = {DemandKind::normal, 100.0, 20.0, {}};
  in.demand.lead_time = {2.0, 0.0, {}};
  in.demand.review_period_periods = 1.0;
  in.target_kind = ServiceTargetKind::cost_optimal;
  in.holding_cost_per_unit_period = 1.0;
  in.shortage_cost_per_unit = 25.0;
  auto r = compute_buffer(in);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  auto d = protection_demands(in.demand);
  ASSERT_TRUE(d.ok());
  const ShortageCosts costs{1.0, 0.0, 25.0};
  for (double delta : {-1.0, 1.0}) {
    EXPECT_GT(holding_and_shortage_cost(*d, evaluate_kpis(*d, {}, r->level + delta), costs),
              r->holding_and_shortage_cost_per_period);
  }
}

bool has_warning(const BufferResult& r, const char* text) {
  for (const auto& w : r.warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Buffer, EdgeCaseWarnings) {
  BufferInput in = one_period_normal(ServiceTargetKind::cycle_service_level, 0.9995);
  in.demand.lead_time = {1.0, 0.0, {}};
  in.demand.review_period_periods = 4.0;
  auto high = compute_buffer(in);
  ASSERT_TRUE(high.ok());
  EXPECT_TRUE(has_warning(*high, "99.9%"));
  EXPECT_TRUE(has_warning(*high, "review period"));

  in.target_value = 0.5;
  auto half = compute_buffer(in);
  ASSERT_TRUE(half.ok());
  EXPECT_NEAR(half->safety_factor, 0.0, 1e-12);
  EXPECT_TRUE(has_warning(*half, "near 50%"));

  // Below 50%: a negative factor and buffer, clamped only when asked.
  in.target_value = 0.3;
  auto low = compute_buffer(in);
  ASSERT_TRUE(low.ok());
  EXPECT_NEAR(low->safety_factor, -0.5244005127080407, 1e-9);
  EXPECT_LT(low->safety_stock, 0.0);
  EXPECT_TRUE(has_warning(*low, "negative"));
  in.clamp_negative_to_zero = true;
  auto clamped = compute_buffer(in);
  ASSERT_TRUE(clamped.ok());
  EXPECT_TRUE(clamped->clamped);
  EXPECT_EQ(clamped->safety_stock, 0.0);

  // No variability at all: zero buffer for a cycle-service target, said plainly.
  BufferInput flat = one_period_normal(ServiceTargetKind::cycle_service_level, 0.99);
  flat.demand.demand.sd_units_per_period = 0.0;
  auto none = compute_buffer(flat);
  ASSERT_TRUE(none.ok()) << describe(none.problems());
  EXPECT_EQ(none->safety_stock, 0.0);
  EXPECT_TRUE(has_warning(*none, "No demand or lead-time uncertainty"));
  // A 99% fill rate of a certain 100 units per cycle is met one unit short (by hand: 99 / 100).
  flat.target_kind = ServiceTargetKind::fill_rate;
  auto short_one = compute_buffer(flat);
  ASSERT_TRUE(short_one.ok());
  EXPECT_NEAR(short_one->safety_stock, -1.0, 1e-6);
}

TEST(Buffer, InvalidInputIsNamed) {
  BufferInput in = one_period_normal(ServiceTargetKind::cost_optimal, 0.0);
  in.lot_size_units = -1.0;
  auto r = compute_buffer(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.problems()[0].path, "lot_size_units");
  EXPECT_EQ(r.problems()[1].path, "holding_cost_per_unit_period");
  EXPECT_EQ(r.problems()[2].path, "backorder_cost_per_unit_period");
  BufferInput fractional = one_period_normal(ServiceTargetKind::fill_rate, 0.9);
  fractional.demand.review_period_periods = 1.5;
  EXPECT_FALSE(compute_buffer(fractional).ok());
}

}  // namespace
}  // namespace echelon
