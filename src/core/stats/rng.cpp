#include "core/stats/rng.h"

#include <limits>

namespace echelon::rng {

double det_log_checked(double x) {
  // Subnormals would need a renormalisation step; they never arise from the uniforms used here.
  if (!(x >= std::numeric_limits<double>::min()) || x > std::numeric_limits<double>::max()) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return det_log(x);
}

double det_exp(double x) {
  if (x != x) return x;
  if (x > 709.0) return std::numeric_limits<double>::infinity();
  if (x < -708.0) return 0.0;
  constexpr double kLn2Hi = 0.693147180369123816490;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700;
  // floor is exact on every target (no rounding involved).
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= 0.35
  // Taylor series of e^r to r^17 (next term below 1e-24 relative).
  double p = 1.0 / 355687428096000.0;  // 1/17!
  p = p * r + 1.0 / 20922789888000.0;
  p = p * r + 1.0 / 1307674368000.0;
  p = p * r + 1.0 / 87178291200.0;
  p = p * r + 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const auto exponent = static_cast<std::int64_t>(k) + 1023;  // in [1, 2046] for the range above
  return p * from_bits(static_cast<std::uint64_t>(exponent) << 52);
}

void standard_normals(Key key, std::uint32_t period, std::uint32_t first_replication, std::uint32_t stream,
                      std::uint32_t draw, int count, double* out) {
  for (int i = 0; i < count; ++i) {
    const Counter block =
        philox4x32_10({period, first_replication + static_cast<std::uint32_t>(i), stream, draw}, key);
    out[i] = standard_normal_from(block);
  }
}

double standard_gamma(Key key, std::uint32_t period, std::uint32_t replication, std::uint32_t stream,
                      double shape) {
  if (!(shape > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const bool boost = shape < 1.0;
  const double a = boost ? shape + 1.0 : shape;
  const double d = a - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  double value = d;  // returned only if 64 attempts all fail (probability below 1e-80)
  for (std::uint32_t attempt = 0; attempt < 64; ++attempt) {
    const double x = standard_normal_from(block_at(key, period, replication, stream, 2 * attempt));
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = 1.0 - uniform_from(block_at(key, period, replication, stream, 2 * attempt + 1));  // (0, 1]
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2 || det_log(u) < 0.5 * x2 + d * (1.0 - v + det_log(v))) {
      value = d * v;
      break;
    }
  }
  if (boost) {
    const double u = 1.0 - uniform_from(block_at(key, period, replication, stream, 0xFFFFFFFFu));
    value *= det_exp(det_log(u) / shape);
  }
  return value;
}

}  // namespace echelon::rng
