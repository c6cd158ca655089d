// Detecting when demand (or a lead time) changed: in its level, its spread, or both.
//
// Two tests:
//
// CUSUM on the level (Page 1954, "Continuous inspection schemes", Biometrika 41): with the
// values standardised by a reference mean m and sd s, z_t = (y_t - m) / s,
//   S+_t = max(0, S+_{t-1} + z_t - k),   S-_t = max(0, S-_{t-1} - z_t - k),
// and an alarm when either exceeds h. k is half the shift to detect (in sds), h sets the false
// alarm rate. With k = 1/2 and h = 5 the in-control average run length is about 465 periods and
// a shift of one sd is found after about 10.4 on average (Montgomery, "Introduction to
// Statistical Quality Control", 6th ed., chapter 9, the ARL table of the tabular CUSUM;
// Siegmund's approximation gives 469 and 10.3). After an alarm both sums restart at 0.
//
// Likelihood ratio for one change in mean and variance of normal values (Chen & Gupta,
// "Parametric Statistical Change Point Analysis", 2nd ed., 2012, chapter 2): for a split
// after position k (segments y_1..y_k and y_{k+1}..y_n, each with at least `min_segment`
// values),
//   LR(k) = n ln s^2 - k ln s1^2 - (n - k) ln s2^2     (maximum-likelihood variances, divisor n)
// and a change is declared when max_k LR(k) exceeds the Schwarz information criterion's
// penalty 3 ln n (the change model has three more parameters: a mean, a variance and the place;
// Chen & Gupta's SIC rule). Variances are floored at `variance_floor` (default 1/12, the
// variance of rounding to whole units), so a run of zeros does not make the logarithm infinite.
#pragma once

#include <span>
#include <vector>

#include "core/base/result.h"

namespace echelon::learn {

struct CusumOptions {
  double reference_mean = 0.0;
  double reference_sd = 1.0;  // > 0
  double k = 0.5;             // allowance, in sds
  double h = 5.0;             // decision interval, in sds
};

struct CusumResult {
  std::vector<int> alarms;        // 0-based indices of the periods that raised an alarm
  std::vector<bool> upward;       // per alarm: the level rose (S+) or fell (S-)
  std::vector<double> upper, lower;  // S+_t and S-_t per period (after any restart); NaN periods keep them
};

// Problems: reference sd not positive, k negative, h not positive.
Result<CusumResult> cusum(std::span<const double> values, const CusumOptions& options);

// Upper CUSUM for counts (Lucas 1985, "Counted data CUSUM's", Technometrics 27(3)): to detect
// a rise of a Poisson mean from mu0 to mu1 = r mu0 (r > 1),
//   k = (mu1 - mu0) / ln(mu1 / mu0),   S_t = max(0, S_{t-1} + y_t - k),   alarm when S_t >= h,
// which is the CUSUM of the log-likelihood ratios z_t = y_t ln r - (mu1 - mu0) = ln r (y_t - k)
// scaled by 1 / ln r. The decision interval h comes from the in-control average run length A
// by Wald's approximation for a CUSUM of log-likelihood ratios with E0[z] = mu0 (ln r - r + 1) < 0:
//   A = (e^b - b - 1) / |E0[z]|,   b = h ln r,   solved for b by bisection
// (Siegmund 1985, "Sequential Analysis", ch. II). It ignores the overshoot of both boundaries
// and for counts errs towards fewer false alarms: simulated in-control run lengths for a stated
// A = 370 are about 550 at mu0 = 0.05, 990 at mu0 = 1 and 2,500 at mu0 = 4.
struct CountCusum {
  double reference_k = 0.0;   // k, units per period
  double interval_h = 0.0;    // h, units
  double sum = 0.0;           // S_t
  // One period's count; true on an alarm, after which the sum restarts at 0. NaN: no change.
  bool step(double count);
};

// Problems: mu0 not above 0, r not above 1, A not above 1 (all finite).
Result<CountCusum> make_count_cusum(double in_control_mean, double rise_ratio = 2.0, double in_control_arl = 370.0);

struct ChangeTestOptions {
  int min_segment = 6;                  // values on each side of the split
  double penalty_per_log_n = 3.0;       // declare a change when LR > penalty_per_log_n * ln n
  double occurrence_penalty_per_log_n = 2.0;  // the same for occurrence_change (a rate and a place)
  double variance_floor = 1.0 / 12.0;
};

struct ChangeTest {
  bool changed = false;
  int split = -1;        // index in `values` of the first value after the change (-1: none)
  double statistic = 0.0;  // max LR
  double threshold = 0.0;
  double mean_before = 0.0, mean_after = 0.0;
  double sd_before = 0.0, sd_after = 0.0;
};

// One test over the observed values (NaN skipped; segment sizes count observed values).
// Too few values for two segments: no change.
ChangeTest likelihood_ratio_change(std::span<const double> values, const ChangeTestOptions& options = {});

// For intermittent demand, where a run of zeros against one spike would look like a change of
// spread to the normal test: one change in the probability q that a period has demand, each
// period a Bernoulli trial (demand > 0). With k_1 of n_1 periods before and k_2 of n_2 after,
//   LR = 2 [ l(k_1, n_1) + l(k_2, n_2) - l(k_1 + k_2, n) ],  l(k, m) = k ln(k/m) + (m - k) ln(1 - k/m)
// (0 ln 0 = 0), and a change when max LR > occurrence_penalty_per_log_n * ln n (Schwarz's rule
// for one rate and the place). mean_before and mean_after are the two rates; sds are 0.
ChangeTest occurrence_change(std::span<const double> values, const ChangeTestOptions& options = {});

}  // namespace echelon::learn
