#include "core/learn/demand_class.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::learn {
namespace {

// Hand-computed: non-zero demands at positions 2 and 5 of 6, sizes 3 and 5.
TEST(DemandClass, IntermittentSeriesByHand) {
  const std::vector<double> d{0, 3, 0, 0, 5, 0};
  const DemandProfile p = demand_profile(d);
  EXPECT_EQ(p.observed_periods, 6);
  EXPECT_EQ(p.nonzero_periods, 2);
  EXPECT_DOUBLE_EQ(p.adi, 2.5);          // 5 / 2
  EXPECT_DOUBLE_EQ(p.mean_size, 4.0);
  EXPECT_DOUBLE_EQ(p.cv2, 2.0 / 16.0);   // sample variance 2, mean 4
  EXPECT_EQ(p.demand_class, DemandClass::intermittent);
}

TEST(DemandClass, SmoothErraticLumpyByHand) {
  const std::vector<double> smooth{10, 12, 8, 10};  // ADI 1, CV² (8/3)/100
  EXPECT_NEAR(demand_profile(smooth).cv2, 8.0 / 300.0, 1e-15);
  EXPECT_EQ(demand_profile(smooth).demand_class, DemandClass::smooth);
  const std::vector<double> erratic{1, 10, 1, 10};  // ADI 1, CV² 27 / 30.25
  EXPECT_NEAR(demand_profile(erratic).cv2, 27.0 / 30.25, 1e-15);
  EXPECT_EQ(demand_profile(erratic).demand_class, DemandClass::erratic);
  const std::vector<double> lumpy{0, 1, 0, 10, 0, 1, 0, 10};  // ADI 2, same CV²
  EXPECT_DOUBLE_EQ(demand_profile(lumpy).adi, 2.0);
  EXPECT_EQ(demand_profile(lumpy).demand_class, DemandClass::lumpy);
}

TEST(DemandClass, MissingPeriodsAreSkipped) {
  const double nan = std::nan("");
  const std::vector<double> d{nan, 0, 3, nan, 0, 0, 5, 0};  // the series above once NaNs are dropped
  const DemandProfile p = demand_profile(d);
  EXPECT_EQ(p.observed_periods, 6);
  EXPECT_DOUBLE_EQ(p.adi, 2.5);
}

TEST(DemandClass, CutoffsAreStrictBelowAndInclusiveAbove) {
  EXPECT_EQ(classify(1.32, 0.1), DemandClass::intermittent);
  EXPECT_EQ(classify(1.3199, 0.49), DemandClass::erratic);
  EXPECT_EQ(classify(1.0, 0.2, {2.0, 0.1}), DemandClass::erratic);
}

TEST(DemandClass, NoDemandHasNoClass) {
  const std::vector<double> d{0, 0, 0};
  EXPECT_EQ(demand_profile(d).demand_class, DemandClass::no_demand);
  EXPECT_EQ(demand_class_name(DemandClass::no_demand), "no demand");
}

}  // namespace
}  // namespace echelon::learn
