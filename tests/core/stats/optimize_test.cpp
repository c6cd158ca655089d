#include "core/stats/optimize.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// (x - 2)^2 + 1 has its minimum at x = 2. Near a smooth minimum, values closer than about
// sqrt(machine epsilon) relative cannot be told apart, so 1e-7 is the accuracy to expect.
TEST(GoldenSection, FindsTheMinimumOfAParabola) {
  const double x = golden_section_minimum([](double v) { return (v - 2.0) * (v - 2.0) + 1.0; }, -10.0, 10.0, 200, 1e-10);
  EXPECT_NEAR(x, 2.0, 1e-7);
}

// |x + 3| is not differentiable at its minimum; the bracket still closes on it.
TEST(GoldenSection, HandlesAKink) {
  EXPECT_NEAR(golden_section_minimum([](double v) { return std::fabs(v + 3.0); }, -7.0, 5.0, 200, 1e-10), -3.0, 1e-8);
}

// Each step shrinks the bracket by 0.618: 10 steps from width 1 leave 0.618^10 = 0.00813.
TEST(GoldenSection, StopsAfterTheIterationLimit) {
  int calls = 0;
  golden_section_minimum([&](double v) { ++calls; return v; }, 0.0, 1.0, 10, 0.0);
  EXPECT_EQ(calls, 12);  // two to start, one per step
  const double x = golden_section_minimum([](double v) { return v; }, 0.0, 1.0, 10, 0.0);
  EXPECT_NEAR(x, 0.5 * std::pow(0.6180339887498949, 10), 1e-12);
}

}  // namespace
}  // namespace echelon
