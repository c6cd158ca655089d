// Reproducible random numbers for the simulator: the same bits natively and in WebAssembly.
//
// Generator: Philox4x32-10, a counter-based generator (J. K. Salmon, M. A. Moraes, R. O. Dror,
// D. E. Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11). Each call maps a 128-bit
// counter and a 64-bit key to 128 random bits with no state, so any draw can be made directly:
//   key     = the run's seed (64 bits),
//   counter = (period, replication, stream, draw),
// where `stream` names a subject and a purpose (stage s's demand, arc a's lead time; see
// `stream_id`) and `draw` numbers repeated draws within one period (rejection sampling).
// Every replication, stage and purpose thus has its own independent stream, and two runs that
// differ only in their decisions (policies, stock levels) see exactly the same demands and lead
// times: common random numbers, with no bookkeeping and in any order of evaluation.
//
// Sampling uses only IEEE-754 +, -, *, / and sqrt (all correctly rounded on every target) and the
// elementary functions below, written here as fixed sequences of those operations, because the
// C libraries of the two targets (glibc, Emscripten's musl) may differ in the last bit of log,
// exp or cos, and std:: distributions differ between libstdc++ and libc++. The functions are
// accurate to a few units in the last place; they are for sampling, not for general use.
// (Fused multiply-add must stay off: the project builds without -march flags, so it is.)
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace echelon::rng {

using Counter = std::array<std::uint32_t, 4>;
using Key = std::array<std::uint32_t, 2>;

// Philox4x32 with 10 rounds; matches the Random123 known-answer vectors. Inline so the
// simulator's loops over a block of replications can be vectorised.
inline Counter philox4x32_10(Counter c, Key k) {
  constexpr std::uint64_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    const std::uint64_t p0 = kM0 * c[0];
    const std::uint64_t p1 = kM1 * c[2];
    c = {static_cast<std::uint32_t>(p1 >> 32) ^ c[1] ^ k[0], static_cast<std::uint32_t>(p1),
         static_cast<std::uint32_t>(p0 >> 32) ^ c[3] ^ k[1], static_cast<std::uint32_t>(p0)};
  }
  return c;
}

inline Key key_from_seed(std::uint64_t seed) {
  return {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
}

// What a stream is for. A stream id is subject * kPurposeCount + purpose, where the subject is
// a stage index (demand) or an arc index (lead time).
enum class Purpose : std::uint32_t { demand = 0, lead_time = 1, spare = 2, test = 3 };
inline constexpr std::uint32_t kPurposeCount = 4;
inline constexpr std::uint32_t stream_id(std::uint32_t subject, Purpose purpose) {
  return subject * kPurposeCount + static_cast<std::uint32_t>(purpose);
}

// --- Elementary functions with the same bits on every target ---------------------------------

// The bits of a double and back (std::bit_cast is missing from Emscripten 3.1.6's libc++).
inline std::uint64_t to_bits(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
inline double from_bits(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// A double in [1, 2) whose 52 fraction bits are the low 52 bits of `bits` (exact, no rounding).
inline double one_to_two(std::uint64_t bits) {
  return from_bits((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
}

namespace detail {
// 1 + s2/3 + s2^2/5 + ... + s2^10/21 (Horner).
inline double log_series(double s2) {
  double series = 1.0 / 21.0;
  series = series * s2 + 1.0 / 19.0;
  series = series * s2 + 1.0 / 17.0;
  series = series * s2 + 1.0 / 15.0;
  series = series * s2 + 1.0 / 13.0;
  series = series * s2 + 1.0 / 11.0;
  series = series * s2 + 1.0 / 9.0;
  series = series * s2 + 1.0 / 7.0;
  series = series * s2 + 1.0 / 5.0;
  series = series * s2 + 1.0 / 3.0;
  return series * s2 + 1.0;
}
// IEEE square root (correctly rounded on every target) for x >= 0. The builtin tells GCC no
// errno path is needed, so loops over it vectorise.
inline double sqrt_nonnegative(double x) { return std::sqrt(x); }
// x[i] = sqrt(x[i]) for i < n (n even), with explicit SIMD because the C library's errno
// contract keeps compilers from vectorising std::sqrt. Both instructions are IEEE sqrt.
inline void sqrt_in_place(double* x, int n) {
#if defined(__SSE2__)
  for (int i = 0; i + 1 < n; i += 2) _mm_storeu_pd(x + i, _mm_sqrt_pd(_mm_loadu_pd(x + i)));
#elif defined(__wasm_simd128__)
  for (int i = 0; i + 1 < n; i += 2) wasm_v128_store(x + i, wasm_f64x2_sqrt(wasm_v128_load(x + i)));
#else
  for (int i = 0; i + 1 < n; i += 2) {
    x[i] = std::sqrt(x[i]);
    x[i + 1] = std::sqrt(x[i + 1]);
  }
#endif
  if (n % 2 != 0) x[n - 1] = std::sqrt(x[n - 1]);
}
}  // namespace detail

// Natural logarithm for finite x > 0 (no checks: the simulator only passes such x; see
// det_log_checked). x = 2^e * m with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(s) with
// s = (m - 1) / (m + 1), |s| <= 0.1716, summed to s^21 (next term below 3e-17 relative).
inline double det_log(double x) {
  const std::uint64_t bits = to_bits(x);
  std::int64_t e = static_cast<std::int64_t>(bits >> 52) - 1023;
  double m = from_bits((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
  const bool big = m > 1.4142135623730951;
  m = big ? m * 0.5 : m;
  e += big ? 1 : 0;
  const double s = (m - 1.0) / (m + 1.0);
  const double series = detail::log_series(s * s);
  // e as a double without an int64 -> double conversion (which SSE2 cannot vectorise).
  const double ed = from_bits(0x4330000000000000ull + static_cast<std::uint64_t>(e + 2048)) -
                    (4503599627370496.0 + 2048.0);
  constexpr double kLn2Hi = 0.693147180369123816490;  // high bits of ln 2 (exact times small ints)
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  return ed * kLn2Hi + (2.0 * s * series + ed * kLn2Lo);
}
// det_log with a domain check: NaN for x <= 0, NaN or infinity in, and subnormals.
double det_log_checked(double x);

// cos(x) for x in [0, pi/2]: Taylor series in x^2 to x^22 (next term below 1e-19).
inline double det_cos_quadrant(double x) {
  const double x2 = x * x;
  double c = -1.0 / 1124000727777607680000.0;  // -1/22!
  c = c * x2 + 1.0 / 2432902008176640000.0;    // 1/20!
  c = c * x2 - 1.0 / 6402373705728000.0;       // 1/18!
  c = c * x2 + 1.0 / 20922789888000.0;         // 1/16!
  c = c * x2 - 1.0 / 87178291200.0;            // 1/14!
  c = c * x2 + 1.0 / 479001600.0;              // 1/12!
  c = c * x2 - 1.0 / 3628800.0;                // 1/10!
  c = c * x2 + 1.0 / 40320.0;                  // 1/8!
  c = c * x2 - 1.0 / 720.0;                    // 1/6!
  c = c * x2 + 1.0 / 24.0;                     // 1/4!
  c = c * x2 - 0.5;
  return c * x2 + 1.0;
}

// e^x; 0 below -708, +infinity above 709, NaN for NaN.
double det_exp(double x);

// --- Turning random bits into numbers -------------------------------------------------------

// Uniform in [0, 1) with 52 random bits, from words w0, w1 of a Philox block.
inline double uniform_from(const Counter& b) {
  return one_to_two((static_cast<std::uint64_t>(b[0]) << 20) ^ (b[1] >> 12)) - 1.0;
}
// A standard normal variate from one Philox block by Box-Muller (G. E. P. Box, M. E. Muller,
// 1958): radius from u1 in (0, 1] (w0, w1), angle uniform in [0, pi/2) (w2, w3) and a random
// sign (lowest bit of w1); a uniform angle on the quarter circle with a random sign gives the
// same law as cos of a uniform angle on the full circle.
inline double standard_normal_from(const Counter& b) {
  const double u1 = 2.0 - one_to_two((static_cast<std::uint64_t>(b[0]) << 20) ^ (b[1] >> 12));
  const double u2 = one_to_two((static_cast<std::uint64_t>(b[2]) << 20) ^ (b[3] >> 12)) - 1.0;
  const double radius = detail::sqrt_nonnegative(-2.0 * det_log(u1));
  const double z = radius * det_cos_quadrant(u2 * 1.5707963267948966);
  const std::uint64_t sign = static_cast<std::uint64_t>(b[1] & 1u) << 63;
  return from_bits(to_bits(z) ^ sign);
}

// Convenience: one draw of the stream at (period, replication, stream, draw).
inline Counter block_at(Key key, std::uint32_t period, std::uint32_t replication, std::uint32_t stream,
                        std::uint32_t draw) {
  return philox4x32_10({period, replication, stream, draw}, key);
}

// The same draws as standard_normal_from(block_at(key, period, first_replication + i, stream,
// draw)) for i < N, computed lane by lane in structure-of-arrays form so the compiler
// vectorises every step (Philox rounds with 32x32->64-bit multiplies, the bit tricks, log, sqrt
// and the cosine polynomial).
template <int N>
struct PhiloxLanes {
  std::uint32_t w[4][N];
};

template <int N>
inline void philox_round_lanes(const PhiloxLanes<N>& __restrict in, PhiloxLanes<N>& __restrict out, std::uint32_t k0,
                               std::uint32_t k1) {
  for (int r = 0; r < N; ++r) {
    const std::uint64_t p0 = static_cast<std::uint64_t>(in.w[0][r]) * 0xD2511F53u;
    const std::uint64_t p1 = static_cast<std::uint64_t>(in.w[2][r]) * 0xCD9E8D57u;
    out.w[0][r] = static_cast<std::uint32_t>(p1 >> 32) ^ in.w[1][r] ^ k0;
    out.w[1][r] = static_cast<std::uint32_t>(p1);
    out.w[2][r] = static_cast<std::uint32_t>(p0 >> 32) ^ in.w[3][r] ^ k1;
    out.w[3][r] = static_cast<std::uint32_t>(p0);
  }
}

namespace detail {
// Four doubles (or 64-bit integers) as a GCC/Clang vector-extension type: two SSE2 or simd128
// registers, one AVX register.
typedef double F64x4 __attribute__((vector_size(32)));
typedef std::uint64_t U64x4 __attribute__((vector_size(32)));
}  // namespace detail

namespace detail {
// Box-Muller over N lanes: out[i] as standard_normal_from(block of lane i); when `partner` is not
// null, partner[i] is the other variate of the same pair, R sin(theta), with its own random sign
// (lowest bit of w3, which the angle does not use). sin(theta) is computed as cos(pi/2 - theta),
// the complementary angle (1 - u2) * pi/2 being exact, so one polynomial serves both.
template <int N>
inline void box_muller_lanes(Key key, std::uint32_t period, std::uint32_t first_replication, std::uint32_t stream,
                             std::uint32_t draw, double* __restrict out, double* __restrict partner) {
  PhiloxLanes<N> a, b;
  for (int r = 0; r < N; ++r) {
    a.w[0][r] = period;
    a.w[1][r] = first_replication + static_cast<std::uint32_t>(r);
    a.w[2][r] = stream;
    a.w[3][r] = draw;
  }
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  const std::uint32_t k0 = key[0], k1 = key[1];
#if defined(__wasm_simd128__)
  // wasm: four lanes per vector with the widening multiply (extmul), which Clang's vectoriser
  // does not use for a 32 x 32 -> 64-bit product (it emits i64x2.mul, several instructions each
  // in V8). The same integer operations, so the same bits.
  // Clang 14 emits extmul only when neither factor is a constant it can widen ahead of time (it
  // then falls back to i64x2.mul), so the multipliers pass through an empty asm statement each
  // round, which hides their value from the optimiser at no cost.
  static_assert(N % 4 == 0);
  (void)b;
  auto opaque = [](v128_t v) {
    __asm__ volatile("" : "+r"(v));
    return v;
  };
  const v128_t mul0_value = wasm_u32x4_splat(0xD2511F53u), mul1_value = wasm_u32x4_splat(0xCD9E8D57u);
  for (int r = 0; r < N; r += 4) {
    v128_t c0 = wasm_v128_load(&a.w[0][r]), c1 = wasm_v128_load(&a.w[1][r]);
    v128_t c2 = wasm_v128_load(&a.w[2][r]), c3 = wasm_v128_load(&a.w[3][r]);
    std::uint32_t ka = k0, kb = k1;
    for (int round = 0; round < 10; ++round) {
      const v128_t mul0 = opaque(mul0_value), mul1 = opaque(mul1_value);
      const v128_t p0_low = wasm_u64x2_extmul_low_u32x4(c0, mul0), p0_high = wasm_u64x2_extmul_high_u32x4(c0, mul0);
      const v128_t p1_low = wasm_u64x2_extmul_low_u32x4(c2, mul1), p1_high = wasm_u64x2_extmul_high_u32x4(c2, mul1);
      const v128_t lo0 = wasm_i32x4_shuffle(p0_low, p0_high, 0, 2, 4, 6);
      const v128_t hi0 = wasm_i32x4_shuffle(p0_low, p0_high, 1, 3, 5, 7);
      const v128_t lo1 = wasm_i32x4_shuffle(p1_low, p1_high, 0, 2, 4, 6);
      const v128_t hi1 = wasm_i32x4_shuffle(p1_low, p1_high, 1, 3, 5, 7);
      c0 = wasm_v128_xor(wasm_v128_xor(hi1, c1), wasm_u32x4_splat(ka));
      c1 = lo1;
      c2 = wasm_v128_xor(wasm_v128_xor(hi0, c3), wasm_u32x4_splat(kb));
      c3 = lo0;
      ka += kW0;
      kb += kW1;
    }
    wasm_v128_store(&a.w[0][r], c0);
    wasm_v128_store(&a.w[1][r], c1);
    wasm_v128_store(&a.w[2][r], c2);
    wasm_v128_store(&a.w[3][r], c3);
  }
#else
  // Ten rounds spelled out: the vectoriser needs to see that a and b never alias.
  philox_round_lanes(a, b, k0, k1);
  philox_round_lanes(b, a, k0 + kW0, k1 + kW1);
  philox_round_lanes(a, b, k0 + 2 * kW0, k1 + 2 * kW1);
  philox_round_lanes(b, a, k0 + 3 * kW0, k1 + 3 * kW1);
  philox_round_lanes(a, b, k0 + 4 * kW0, k1 + 4 * kW1);
  philox_round_lanes(b, a, k0 + 5 * kW0, k1 + 5 * kW1);
  philox_round_lanes(a, b, k0 + 6 * kW0, k1 + 6 * kW1);
  philox_round_lanes(b, a, k0 + 7 * kW0, k1 + 7 * kW1);
  philox_round_lanes(a, b, k0 + 8 * kW0, k1 + 8 * kW1);
  philox_round_lanes(b, a, k0 + 9 * kW0, k1 + 9 * kW1);
#endif
  double u1[N], u2[N];
  std::uint64_t sign[N], partner_sign[N];
  for (int r = 0; r < N; ++r) {
    const std::uint64_t m1 = (static_cast<std::uint64_t>(a.w[0][r]) << 20) ^ (a.w[1][r] >> 12);
    const std::uint64_t m2 = (static_cast<std::uint64_t>(a.w[2][r]) << 20) ^ (a.w[3][r] >> 12);
    u1[r] = 2.0 - from_bits((m1 & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
    u2[r] = from_bits((m2 & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull) - 1.0;
    sign[r] = static_cast<std::uint64_t>(a.w[1][r] & 1u) << 63;
    partner_sign[r] = static_cast<std::uint64_t>(a.w[3][r] & 1u) << 63;
  }
  // det_log(u1), sqrt and det_cos_quadrant two lanes at a time as vector-extension types (the
  // same operations in the same order as the scalar functions, so the same bits): compilers left
  // the loop with the logarithm's select scalar, a long chain of dependent multiply-adds per lane.
  // Four lanes per step; the vector code is written out here, with no function taking or
  // returning a four-lane value (compilers warn that such calls pass AVX values differently).
  // Casts between vector types of one size reinterpret the bits.
  static_assert(N % 4 == 0);
  double radius[N];
  for (int r = 0; r < N; r += 4) {
    U64x4 bits;
    std::memcpy(&bits, u1 + r, sizeof bits);
    const F64x4 ed = (F64x4)(0x4330000000000000ull + (bits >> 52)) - (4503599627370496.0 + 1023.0);
    const F64x4 m = (F64x4)((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
    const U64x4 big = (U64x4)(m > 1.4142135623730951);
    const F64x4 mm = (F64x4)((big & (U64x4)(m * 0.5)) | (~big & (U64x4)m));
    const F64x4 e = (F64x4)((big & (U64x4)(ed + 1.0)) | (~big & (U64x4)ed));
    const F64x4 sv = (mm - 1.0) / (mm + 1.0);
    const F64x4 s2 = sv * sv;
    // log_series, term for term.
    F64x4 series = s2 * (1.0 / 21.0) + 1.0 / 19.0;
    series = series * s2 + 1.0 / 17.0;
    series = series * s2 + 1.0 / 15.0;
    series = series * s2 + 1.0 / 13.0;
    series = series * s2 + 1.0 / 11.0;
    series = series * s2 + 1.0 / 9.0;
    series = series * s2 + 1.0 / 7.0;
    series = series * s2 + 1.0 / 5.0;
    series = series * s2 + 1.0 / 3.0;
    series = series * s2 + 1.0;
    const F64x4 log_u1 = e * 0.693147180369123816490 + (2.0 * sv * series + e * 1.90821492927058770002e-10);
    const F64x4 minus_two_log = -2.0 * log_u1;
    std::memcpy(radius + r, &minus_two_log, sizeof minus_two_log);
  }
  sqrt_in_place(radius, N);
  // The first variate at the angle u2 * pi/2, the partner at the complementary angle.
  for (int variate = 0; variate < (partner == nullptr ? 1 : 2); ++variate) {
    double* __restrict target = variate == 0 ? out : partner;
    const std::uint64_t* signs = variate == 0 ? sign : partner_sign;
    for (int r = 0; r < N; r += 4) {
      F64x4 u, rad;
      U64x4 sign_bits;
      std::memcpy(&u, u2 + r, sizeof u);
      std::memcpy(&rad, radius + r, sizeof rad);
      std::memcpy(&sign_bits, signs + r, sizeof sign_bits);
      const F64x4 x = (variate == 0 ? u : 1.0 - u) * 1.5707963267948966;
      // det_cos_quadrant, term for term.
      const F64x4 x2 = x * x;
      F64x4 c = x2 * (-1.0 / 1124000727777607680000.0) + 1.0 / 2432902008176640000.0;
      c = c * x2 - 1.0 / 6402373705728000.0;
      c = c * x2 + 1.0 / 20922789888000.0;
      c = c * x2 - 1.0 / 87178291200.0;
      c = c * x2 + 1.0 / 479001600.0;
      c = c * x2 - 1.0 / 3628800.0;
      c = c * x2 + 1.0 / 40320.0;
      c = c * x2 - 1.0 / 720.0;
      c = c * x2 + 1.0 / 24.0;
      c = c * x2 - 0.5;
      c = c * x2 + 1.0;
      const F64x4 z = (F64x4)((U64x4)(rad * c) ^ sign_bits);
      std::memcpy(target + r, &z, sizeof z);
    }
  }
}
}  // namespace detail

template <int N>
inline void standard_normal_lanes(Key key, std::uint32_t period, std::uint32_t first_replication, std::uint32_t stream,
                                  std::uint32_t draw, double* __restrict out) {
  detail::box_muller_lanes<N>(key, period, first_replication, stream, draw, out, nullptr);
}

// Both variates of each lane's Box-Muller pair: first[i] is the draw of standard_normal_lanes,
// second[i] = R sin(theta) with an independent sign, so one Philox block, one logarithm and one
// square root give two independent standard normals (Box & Muller, 1958).
template <int N>
inline void standard_normal_pair_lanes(Key key, std::uint32_t period, std::uint32_t first_replication,
                                       std::uint32_t stream, std::uint32_t draw, double* __restrict first,
                                       double* __restrict second) {
  detail::box_muller_lanes<N>(key, period, first_replication, stream, draw, first, second);
}

// Fills out[i] with the standard normal draw of replication first_replication + i, for
// i < count, all at the same (period, stream, draw). Written for auto-vectorisation.
void standard_normals(Key key, std::uint32_t period, std::uint32_t first_replication, std::uint32_t stream,
                      std::uint32_t draw, int count, double* out);

// Gamma(shape, scale = 1) by Marsaglia & Tsang, "A simple method for generating gamma
// variables", ACM TOMS 26(3), 2000; shape < 1 via Gamma(shape + 1) * U^(1/shape). Attempts use
// draws 0, 1, 2, ... of the stream, so the result is still a pure function of
// the counter. shape > 0.
double standard_gamma(Key key, std::uint32_t period, std::uint32_t replication, std::uint32_t stream,
                      double shape);

}  // namespace echelon::rng
