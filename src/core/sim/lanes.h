// Four replications side by side: the vector type the simulation's inner loops compute with.
//
// The engine keeps a block of kBlockReplications replications as structure of arrays, one
// double per replication ("lane"). Lanes is four of those lanes as a GCC/Clang vector-extension
// type: two SSE2 (or wasm simd128) instructions per operation, one with AVX2. The compiler then
// emits vector instructions for every lane loop, rather than deciding loop by loop whether
// vectorising is safe (GCC 12 kept many of them scalar).
//
// Bit-identical results: only +, -, *, / and comparisons are used, each IEEE-exact on every
// target, and the simulation files are compiled with -ffp-contract=off (src/core/CMakeLists.txt)
// so that no multiply and add are fused into one rounding. Choices are branch-free: both arms
// are computed and one is selected per lane by a comparison's mask (all bits set or clear), and
// lanes_min / lanes_max give exactly what std::min / std::max give for each lane, including
// which of two equal values (+0 and -0) and which operand of a NaN comparison is returned.
//
// ECHELON_SIM_CLONES marks the hottest functions (the period loop, the normal draws) for two
// builds on x86-64 Linux with GCC, AVX2 and the SSE2 baseline, of which the loader picks one per
// machine (function multiversioning through glibc's ifunc), so the program still runs on any
// x86-64. The AVX2 copy runs the same IEEE operations lane by lane on wider registers (AVX2
// brings no FMA), so both give the bits of the wasm build. `flatten` inlines everything the
// function calls, so all of it is compiled for AVX2.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/sim/sim.h"

// The helpers pass Lanes by value; they are inline and internal to the simulation, so GCC's note
// that AVX changes how 32-byte vectors are passed between functions never applies. (Left on for
// the including file, which is a simulation source or its test.)
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
#define ECHELON_SIM_CLONES __attribute__((target_clones("avx2", "default"), flatten))
#else
#define ECHELON_SIM_CLONES
#endif

namespace echelon::sim {

typedef double Lanes __attribute__((vector_size(32)));
typedef std::int64_t LaneMask __attribute__((vector_size(32)));
inline constexpr int kLanes = static_cast<int>(sizeof(Lanes) / sizeof(double));
static_assert(kBlockReplications % kLanes == 0, "a block is a whole number of Lanes");

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Lanes v) { std::memcpy(p, &v, sizeof v); }
inline Lanes splat(double x) { return Lanes{x, x, x, x}; }
inline LaneMask mask_of(Lanes v) {
  LaneMask m;
  std::memcpy(&m, &v, sizeof m);
  return m;
}
inline Lanes lanes_of(LaneMask m) {
  Lanes v;
  std::memcpy(&v, &m, sizeof v);
  return v;
}
// m ? a : b per lane (m from a comparison: all bits set or clear).
template <typename Mask>
inline Lanes select(Mask m, Lanes a, Lanes b) {
  static_assert(sizeof(Mask) == sizeof(LaneMask));
  LaneMask k;
  std::memcpy(&k, &m, sizeof k);
  return lanes_of((k & mask_of(a)) | (~k & mask_of(b)));
}
// std::min and std::max exactly: min(a, b) = b < a ? b : a, max(a, b) = a < b ? b : a.
inline Lanes lanes_min(Lanes a, Lanes b) { return select(b < a, b, a); }
inline Lanes lanes_max(Lanes a, Lanes b) { return select(a < b, b, a); }
// 1.0 where m is set, else 0.0.
template <typename Mask>
inline Lanes indicator(Mask m) {
  return select(m, splat(1.0), splat(0.0));
}

}  // namespace echelon::sim
