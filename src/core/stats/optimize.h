// One-dimensional minimisation shared by the policy and serial-line modules.
#pragma once

namespace echelon {

// Golden-section search for the minimum of a unimodal function on [lo, hi] (Kiefer 1953):
// each step keeps the part of the bracket that holds the lower of two interior values and
// shrinks it by 0.618, reusing one evaluation. Stops after `max_iterations` steps or when the
// bracket is no wider than `tolerance`; returns the bracket's midpoint. Ties keep the left part.
template <typename F>
double golden_section_minimum(const F& f, double lo, double hi, int max_iterations, double tolerance) {
  constexpr double kRatio = 0.6180339887498949;  // (sqrt 5 - 1) / 2
  double a = lo;
  double b = hi;
  double x1 = b - kRatio * (b - a);
  double x2 = a + kRatio * (b - a);
  double f1 = f(x1);
  double f2 = f(x2);
  for (int i = 0; i < max_iterations && b - a > tolerance; ++i) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - kRatio * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + kRatio * (b - a);
      f2 = f(x2);
    }
  }
  return 0.5 * (a + b);
}

}  // namespace echelon
