#include "stats.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

namespace echelon::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInvSqrt2Pi = 0.39894228040143267794;
}  // namespace

double standard_normal_pdf(double z) { return kInvSqrt2Pi * std::exp(-0.5 * z * z); }

double standard_normal_cdf(double z) {
  if (std::isnan(z)) return kNaN;
  // erfc keeps full relative accuracy in the far lower tail, unlike 1 - erf.
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double standard_normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) return kNaN;
  return boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), p);
}

double standard_normal_loss(double z) {
  if (std::isnan(z)) return kNaN;
  return standard_normal_pdf(z) - z * standard_normal_cdf(-z);
}

double normal_pdf(double x, double mean, double sd) {
  if (!(sd > 0.0)) return kNaN;
  return standard_normal_pdf((x - mean) / sd) / sd;
}

double normal_cdf(double x, double mean, double sd) {
  if (!(sd > 0.0)) return kNaN;
  return standard_normal_cdf((x - mean) / sd);
}

}  // namespace echelon::stats
