// A small benchmark harness that builds the same way natively and in wasm (Google Benchmark has
// no wasm build here), so the two targets are measured by identical code.
//
// Each case runs its body in growing batches until a batch lasts at least `min_seconds`, repeats
// that batch a few times and reports the best time per iteration (the least disturbed by the OS).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace echelon::bench {

struct Measurement {
  std::string name;
  double seconds_per_iteration = 0.0;
  long long iterations = 0;
};

template <typename T>
inline void keep(T const& value) {
  // An empty asm statement that claims to read `value` stops the optimiser from removing it.
  asm volatile("" : : "r,m"(value) : "memory");
}

inline Measurement measure(const std::string& name, const std::function<void(long long)>& body,
                           double min_seconds = 0.2, int repeats = 5) {
  using clock = std::chrono::steady_clock;
  long long batch = 1;
  double elapsed = 0.0;
  for (;;) {
    const auto t0 = clock::now();
    body(batch);
    elapsed = std::chrono::duration<double>(clock::now() - t0).count();
    if (elapsed >= min_seconds / repeats || batch > (1LL << 40)) break;
    batch *= elapsed > 0.0 ? std::max(2LL, static_cast<long long>(min_seconds / repeats / elapsed)) : 10LL;
  }
  double best = elapsed / static_cast<double>(batch);
  for (int r = 1; r < repeats; ++r) {
    const auto t0 = clock::now();
    body(batch);
    const double t = std::chrono::duration<double>(clock::now() - t0).count() / static_cast<double>(batch);
    if (t < best) best = t;
  }
  return {name, best, batch};
}

// A small deterministic generator (a 64-bit linear congruential step) for benchmark inputs:
// a uniform number in [0, 1) from the upper 53 bits of the state.
inline double unit_random(std::uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return static_cast<double>(state >> 11) * 0x1.0p-53;
}

inline std::string human_time(double seconds) {
  char text[64];
  if (seconds < 1e-6) std::snprintf(text, sizeof text, "%.1f ns", seconds * 1e9);
  else if (seconds < 1e-3) std::snprintf(text, sizeof text, "%.2f us", seconds * 1e6);
  else if (seconds < 1.0) std::snprintf(text, sizeof text, "%.2f ms", seconds * 1e3);
  else std::snprintf(text, sizeof text, "%.3f s", seconds);
  return text;
}

// Prints one line per measurement: name, time per iteration, and a machine-readable tail.
inline void print(const Measurement& m, const char* target) {
  std::printf("%-48s %12s   [%s, %lld iterations per batch]  seconds=%.9g\n", m.name.c_str(),
              human_time(m.seconds_per_iteration).c_str(), target, m.iterations, m.seconds_per_iteration);
  std::fflush(stdout);
}

inline const char* target_name() {
#ifdef __EMSCRIPTEN__
  return "wasm";
#else
  return "native";
#endif
}

}  // namespace echelon::bench
