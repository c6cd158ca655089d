#include "core/policy/policy_kpis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/stats/stats.h"

namespace echelon {
namespace {

ProtectionDemands normal_demands(double mean, double sd, double lead_time, double review) {
  LeadTimeDemandInput in;
  in.demand.kind = DemandKind::normal;
  in.demand.mean_units_per_period = mean;
  in.demand.sd_units_per_period = sd;
  in.lead_time.mean_periods = lead_time;
  in.review_period_periods = review;
  in.model = LeadTimeDemandModel::normal;
  auto d = protection_demands(in);
  EXPECT_TRUE(d.ok());
  return *d;
}

// Lead time 0, review 1: fill(S) = 1 - sigma L((S - mu) / sigma) / mu with L the standard normal
// loss (X_L = 0, X_{L+R} = D). mu 100, sigma 30.
TEST(PolicyKpis, FillRateOfBaseStockByHand) {
  const ProtectionDemands d = normal_demands(100.0, 30.0, 0.0, 1.0);
  for (double z : {-1.0, 0.0, 0.5, 1.5, 2.5}) {
    const PolicyKpis k = evaluate_kpis(d, {}, 100.0 + 30.0 * z);
    EXPECT_NEAR(k.fill_rate, 1.0 - 30.0 * stats::standard_normal_loss(z) / 100.0, 1e-12) << z;
    EXPECT_NEAR(k.cycle_service_level, stats::standard_normal_cdf(z), 1e-12) << z;
  }
}

// Regression: the safeguarded Newton iteration for a fill-rate target with R >= 1 starts at the
// cycle-service quantile, which lies above the answer; Newton on the concave fill rate then lands
// below it and climbs from below. Its last step could stop a hair short of the target, and the
// solver then returned the upper end of its bracket (up to 4 sd above the mean plus the first
// iterate) instead of the answer. The answer is the smallest level reaching the target: the
// target is met there and not a little below it.
TEST(PolicyKpis, SolveFillRateReturnsTheSmallestLevel) {
  int cases = 0;
  for (double mean : {5.0, 40.0, 100.0}) {
    for (double cv : {0.1, 0.3, 0.6}) {
      for (double lead : {0.0, 1.0, 3.0}) {
        for (double review : {1.0, 2.0}) {
          const ProtectionDemands d = normal_demands(mean, cv * mean, lead, review);
          for (double target : {0.6, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999}) {
            auto level = solve_level(d, {}, KpiMeasure::fill_rate, target);
            ASSERT_TRUE(level.ok());
            const double tol = 1e-6 * std::sqrt(d.protection().variance);
            EXPECT_GE(evaluate_kpis(d, {}, *level).fill_rate, target - 1e-12);
            EXPECT_LT(evaluate_kpis(d, {}, *level - tol).fill_rate, target)
                << "mean " << mean << " cv " << cv << " lead " << lead << " review " << review << " target " << target;
            ++cases;
          }
        }
      }
    }
  }
  EXPECT_EQ(cases, 432);
}

// The same for a lot size (position uniform on (r, r + Q]).
TEST(PolicyKpis, SolveFillRateWithLotsReturnsTheSmallestLevel) {
  const ProtectionDemands d = normal_demands(50.0, 20.0, 2.0, 1.0);
  PositionDistribution u;
  u.shape = PositionShape::uniform;
  u.width = 120.0;
  for (double target : {0.9, 0.95, 0.99, 0.999}) {
    auto level = solve_level(d, u, KpiMeasure::fill_rate, target);
    ASSERT_TRUE(level.ok());
    EXPECT_GE(evaluate_kpis(d, u, *level).fill_rate, target - 1e-12);
    EXPECT_LT(evaluate_kpis(d, u, *level - 1e-5).fill_rate, target) << target;
  }
}

}  // namespace
}  // namespace echelon
