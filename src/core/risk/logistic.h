// Logistic regression fitted by Newton's method (iteratively reweighted least squares), the
// calibration model of the risk score.
//
// Model: P(y = 1 | x) = 1 / (1 + exp(-(b_0 + sum_j b_j z_j))), z_j = (x_j - m_j) / s_j, with m_j
// and s_j the mean and standard deviation of feature j over the training rows (features with
// s_j = 0 get s_j = 1). A prediction first clamps each feature to the range it had in the
// training rows, so a model fitted on short histories does not extrapolate its linear predictor
// to values it never saw (a row with a longer silence than any training row is treated as the
// longest one seen). The coefficients maximise the log-likelihood minus a ridge penalty
// (lambda / 2) sum_{j >= 1} b_j^2 (the intercept is not penalised), a concave problem with one
// optimum. Newton step: b <- b + (X'WX + lambda P)^-1 (X'(y - mu) - lambda P b), W = diag(mu (1 - mu))
// (Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning", 2nd ed., 4.4.1).
// With an intercept, the maximum-likelihood fit reproduces the training base rate exactly
// (sum of mu = sum of y), which is calibration-in-the-large on the training data.
//
// The fit is resumable one Newton step at a time (`LogisticFit::step`), so a caller can spread
// a large fit over several frames; each step costs one pass over the rows.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/base/result.h"

namespace echelon::risk {

struct LogisticOptions {
  double ridge = 1e-3;        // lambda, per training row (the penalty is lambda * rows / 2 * |b|^2)
  int max_iterations = 50;
  double tolerance = 1e-10;   // stop when the largest coefficient change is below this
};

struct LogisticModel {
  std::vector<double> feature_means;
  std::vector<double> feature_scales;
  std::vector<double> feature_lows;   // range of each feature over the training rows
  std::vector<double> feature_highs;
  std::vector<double> coefficients;  // intercept first, then one per feature (standardised units)
  int iterations = 0;
  bool converged = false;
};

// P(y = 1 | x); x has one value per feature.
double logistic_predict(const LogisticModel& model, std::span<const double> x);

// A fit in progress. Rows are stored feature-major in one array: row r is x[r * features, ...].
class LogisticFit {
 public:
  // Problems: no rows, a row length that is not `features`, a non-finite feature, options out of range.
  static Result<LogisticFit> start(std::vector<double> x, std::vector<unsigned char> y, int features,
                                   const LogisticOptions& options = {});
  // One Newton step; returns true once converged or at the iteration limit.
  bool step();
  // Part of a Newton step: accumulates at most `max_rows` more rows (0: all that remain) and
  // takes the step once every row is in. Returns the rows processed. The result does not depend
  // on how a step is cut into parts (the sums run in row order either way).
  std::size_t advance(std::size_t max_rows);
  bool finished() const { return finished_; }
  std::size_t rows() const { return y_.size(); }
  const LogisticModel& model() const { return model_; }

 private:
  std::vector<double> z_;  // standardised features, row-major
  std::vector<unsigned char> y_;
  int features_ = 0;
  LogisticOptions options_;
  LogisticModel model_;
  bool finished_ = false;
  std::size_t cursor_ = 0;          // rows accumulated in the current step
  std::vector<double> hessian_;     // lower triangle used
  std::vector<double> gradient_;
};

// The whole fit at once.
Result<LogisticModel> fit_logistic(std::vector<double> x, std::vector<unsigned char> y, int features,
                                   const LogisticOptions& options = {});

}  // namespace echelon::risk
