#include "core/risk/logistic.h"

#include <algorithm>
#include <cmath>

namespace echelon::risk {

namespace {

double sigmoid(double eta) {
  // Split by sign so exp never overflows.
  if (eta >= 0.0) return 1.0 / (1.0 + std::exp(-eta));
  const double e = std::exp(eta);
  return e / (1.0 + e);
}

// Solves A x = b for a symmetric positive definite A (n x n, row-major) by Cholesky; false if
// A is not positive definite to working precision.
bool cholesky_solve(std::vector<double> a, std::vector<double>& b, int n) {
  const auto at = [n](int i, int j) { return static_cast<std::size_t>(i * n + j); };
  for (int j = 0; j < n; ++j) {
    double d = a[at(j, j)];
    for (int k = 0; k < j; ++k) d -= a[at(j, k)] * a[at(j, k)];
    if (!(d > 0.0)) return false;
    d = std::sqrt(d);
    a[at(j, j)] = d;
    for (int i = j + 1; i < n; ++i) {
      double v = a[at(i, j)];
      for (int k = 0; k < j; ++k) v -= a[at(i, k)] * a[at(j, k)];
      a[at(i, j)] = v / d;
    }
  }
  for (int i = 0; i < n; ++i) {  // L y = b
    double v = b[static_cast<std::size_t>(i)];
    for (int k = 0; k < i; ++k) v -= a[at(i, k)] * b[static_cast<std::size_t>(k)];
    b[static_cast<std::size_t>(i)] = v / a[at(i, i)];
  }
  for (int i = n - 1; i >= 0; --i) {  // L' x = y
    double v = b[static_cast<std::size_t>(i)];
    for (int k = i + 1; k < n; ++k) v -= a[at(k, i)] * b[static_cast<std::size_t>(k)];
    b[static_cast<std::size_t>(i)] = v / a[at(i, i)];
  }
  return true;
}

}  // namespace

double logistic_predict(const LogisticModel& model, std::span<const double> x) {
  double eta = model.coefficients.empty() ? 0.0 : model.coefficients[0];
  const std::size_t n = std::min(x.size(), model.feature_means.size());
  for (std::size_t j = 0; j < n; ++j) {
    double v = x[j];
    if (j < model.feature_lows.size()) v = std::clamp(v, model.feature_lows[j], model.feature_highs[j]);
    eta += model.coefficients[j + 1] * (v - model.feature_means[j]) / model.feature_scales[j];
  }
  return sigmoid(eta);
}

Result<LogisticFit> LogisticFit::start(std::vector<double> x, std::vector<unsigned char> y, int features,
                                       const LogisticOptions& options) {
  Problems problems;
  if (features < 0) problems.push_back({"features", "must be at least 0"});
  if (y.empty()) problems.push_back({"rows", "there are no training rows"});
  if (features >= 0 && x.size() != y.size() * static_cast<std::size_t>(features))
    problems.push_back({"rows", "every row must have one value per feature"});
  if (!(options.ridge >= 0.0) || !std::isfinite(options.ridge)) problems.push_back({"ridge", "must be at least 0"});
  if (options.max_iterations < 1) problems.push_back({"max_iterations", "must be at least 1"});
  if (!(options.tolerance > 0.0)) problems.push_back({"tolerance", "must be positive"});
  if (!problems.empty()) return problems;
  for (double v : x) {
    if (!std::isfinite(v)) return Problem{"rows", "every feature value must be a finite number"};
  }

  LogisticFit fit;
  fit.features_ = features;
  fit.options_ = options;
  fit.y_ = std::move(y);
  const std::size_t rows = fit.y_.size();
  const auto f = static_cast<std::size_t>(features);
  fit.model_.feature_means.assign(f, 0.0);
  fit.model_.feature_scales.assign(f, 1.0);
  fit.model_.feature_lows.assign(f, 0.0);
  fit.model_.feature_highs.assign(f, 0.0);
  for (std::size_t j = 0; j < f; ++j) {
    double sum = 0.0, low = x[j], high = x[j];
    for (std::size_t r = 0; r < rows; ++r) {
      sum += x[r * f + j];
      low = std::min(low, x[r * f + j]);
      high = std::max(high, x[r * f + j]);
    }
    fit.model_.feature_lows[j] = low;
    fit.model_.feature_highs[j] = high;
    const double mean = sum / static_cast<double>(rows);
    double squares = 0.0;
    for (std::size_t r = 0; r < rows; ++r) squares += (x[r * f + j] - mean) * (x[r * f + j] - mean);
    const double sd = std::sqrt(squares / static_cast<double>(rows));
    fit.model_.feature_means[j] = mean;
    fit.model_.feature_scales[j] = sd > 0.0 ? sd : 1.0;
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < f; ++j)
      x[r * f + j] = (x[r * f + j] - fit.model_.feature_means[j]) / fit.model_.feature_scales[j];
  fit.z_ = std::move(x);
  // Start from the base rate (the intercept-only optimum, clipped away from 0 and 1).
  double positives = 0.0;
  for (unsigned char v : fit.y_) positives += v ? 1.0 : 0.0;
  const double rate = std::clamp(positives / static_cast<double>(rows), 1e-6, 1.0 - 1e-6);
  fit.model_.coefficients.assign(f + 1, 0.0);
  fit.model_.coefficients[0] = std::log(rate / (1.0 - rate));
  return fit;
}

bool LogisticFit::step() {
  while (!finished_) {
    advance(0);
    if (cursor_ == 0) break;  // a step was taken
  }
  return finished_;
}

std::size_t LogisticFit::advance(std::size_t max_rows) {
  if (finished_) return 0;
  const std::size_t f = static_cast<std::size_t>(features_);
  const std::size_t k = f + 1;
  if (cursor_ == 0) {
    hessian_.assign(k * k, 0.0);
    gradient_.assign(k, 0.0);
  }
  const std::size_t end = max_rows == 0 ? y_.size() : std::min(y_.size(), cursor_ + max_rows);
  const std::size_t processed = end - cursor_;
  std::vector<double> row(k, 1.0);
  const std::vector<double>& b = model_.coefficients;
  for (std::size_t r = cursor_; r < end; ++r) {
    double eta = b[0];
    for (std::size_t j = 0; j < f; ++j) {
      row[j + 1] = z_[r * f + j];
      eta += b[j + 1] * row[j + 1];
    }
    const double mu = sigmoid(eta);
    const double w = std::max(mu * (1.0 - mu), 1e-12);
    const double residual = (y_[r] ? 1.0 : 0.0) - mu;
    for (std::size_t i = 0; i < k; ++i) {
      gradient_[i] += row[i] * residual;
      for (std::size_t j = 0; j <= i; ++j) hessian_[i * k + j] += w * row[i] * row[j];
    }
  }
  cursor_ = end;
  if (cursor_ < y_.size()) return processed;

  // Every row is in: take the Newton step.
  cursor_ = 0;
  std::vector<double> hessian = hessian_;
  std::vector<double> gradient = gradient_;
  const double lambda = options_.ridge * static_cast<double>(y_.size());
  for (std::size_t i = 1; i < k; ++i) {
    hessian[i * k + i] += lambda;
    gradient[i] -= lambda * b[i];
  }
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = i + 1; j < k; ++j) hessian[i * k + j] = hessian[j * k + i];
  if (!cholesky_solve(hessian, gradient, static_cast<int>(k))) {
    finished_ = true;  // a singular system (e.g. a constant unpenalised direction): keep the last fit
    return processed;
  }
  double largest = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    model_.coefficients[i] += gradient[i];
    largest = std::max(largest, std::abs(gradient[i]));
  }
  ++model_.iterations;
  if (largest < options_.tolerance) model_.converged = true;
  finished_ = model_.converged || model_.iterations >= options_.max_iterations;
  return processed;
}

Result<LogisticModel> fit_logistic(std::vector<double> x, std::vector<unsigned char> y, int features,
                                   const LogisticOptions& options) {
  auto fit = LogisticFit::start(std::move(x), std::move(y), features, options);
  if (!fit.ok()) return fit.problems();
  LogisticFit& running = fit.value();
  while (!running.step()) {
  }
  return running.model();
}

}  // namespace echelon::risk
