// Draws of one distribution (sim.h's demand per period or lead time per shipment) for a block of
// replications, prepared once when the network is compiled.
//
// Every draw is a pure function of (key, period, replication, stream): the counter-based Philox
// streams of rng.h. So a block's draws do not depend on the order in which they are made, two
// runs with the same seed see the same values, and two runs that differ only in their decisions
// see the same demands and lead times (common random numbers).
//
// The kinds, as sim.h states them:
//   constant    the mean, no randomness.
//   normal      mean + sd * Z with Z from Box-Muller (rng.h); demand is censored at zero
//               (max(0, X)). Demand of periods 2k and 2k + 1 uses the two variates of the pair
//               drawn at period 2k (draw_block_pair), half the random bits, logarithms and square
//               roots; the two are independent.
//   gamma       shape k = (mean / sd)^2, scale theta = sd^2 / mean (so mean = k theta and
//               variance = k theta^2); Marsaglia-Tsang in rng.h. With sd = 0 it is the constant.
//   poisson     inversion of a table p_k = e^-m m^k / k!, k = 0 .. ceil(m + 12 sqrt(m) + 12),
//               computed in log space from k = 0 (no underflow of e^-m for large m) and
//               normalised (the tail beyond, over 12 sd and 12 units above the mean, is dropped).
//   discrete    inversion of the cumulative table of (values, probabilities), normalised.
// A uniform u in [0, 1) selects the first table entry whose cumulative probability exceeds u.
//
// Lead times are rounded to the nearest whole period, at least 1 and at most lead_cap (the
// largest value sim.h's lead_time_cap_periods allows).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/sim/sim.h"
#include "core/stats/rng.h"

namespace echelon::sim {

// Standard normals for the lanes of a block: out[r] is the draw of replication first_rep + r.
// normal_pair_block also gives the partner of each Box-Muller pair (rng.h). Compiled for AVX2
// and the baseline (lanes.h's ECHELON_SIM_CLONES); both give the same bits.
void normal_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out);
void normal_pair_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out,
                       double* out_next);

struct Sampler {
  DistributionKind kind = DistributionKind::constant;
  double mean = 0.0, sd = 0.0;
  double shape = 0.0, scale = 0.0;  // gamma
  std::vector<double> cdf, values;  // Poisson, discrete: inversion table
  int lead_cap = 1;                 // lead times: the largest value drawn

  // `lead_time`: the distribution is a lead time, so lead_cap is set for round_lead.
  static Sampler make(const Distribution& d, bool lead_time);

  bool is_constant() const { return kind == DistributionKind::constant; }

  double table_draw(const rng::Counter& block) const {
    const double u = rng::uniform_from(block);
    const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
    return values[std::min<std::size_t>(static_cast<std::size_t>(it - cdf.begin()), values.size() - 1)];
  }

  // One value per lane for replications first_rep .. first_rep + kBlockReplications - 1.
  void draw_block(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out) const {
    switch (kind) {
      case DistributionKind::constant:
        for (int r = 0; r < kBlockReplications; ++r) out[r] = mean;
        break;
      case DistributionKind::normal:
        normal_block(key, period, first_rep, stream, out);
        censor_normal(out);
        break;
      case DistributionKind::gamma:
        for (int r = 0; r < kBlockReplications; ++r)
          out[r] = scale * rng::standard_gamma(key, period, first_rep + static_cast<std::uint32_t>(r), stream, shape);
        break;
      case DistributionKind::poisson:
      case DistributionKind::discrete:
        for (int r = 0; r < kBlockReplications; ++r)
          out[r] = table_draw(rng::block_at(key, period, first_rep + static_cast<std::uint32_t>(r), stream, 0));
        break;
    }
  }

  // Normal demand from standard normals, censored at zero (in place).
  void censor_normal(double* z) const {
    for (int r = 0; r < kBlockReplications; ++r) {
      const double x = mean + sd * z[r];
      z[r] = x > 0.0 ? x : 0.0;
    }
  }

  // Demand of periods `period` (even) and period + 1: normal demand uses both variates of the
  // Box-Muller pairs drawn at `period`; the other kinds draw each period on its own.
  void draw_block_pair(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream, double* out,
                       double* out_next) const {
    if (kind != DistributionKind::normal) {
      draw_block(key, period, first_rep, stream, out);
      draw_block(key, period + 1, first_rep, stream, out_next);
      return;
    }
    normal_pair_block(key, period, first_rep, stream, out, out_next);
    censor_normal(out);
    censor_normal(out_next);
  }

  // One lead time, for replication `rep`.
  int draw_lead(rng::Key key, std::uint32_t period, std::uint32_t rep, std::uint32_t stream) const {
    double x = mean;
    switch (kind) {
      case DistributionKind::constant: break;
      case DistributionKind::normal: x = mean + sd * rng::standard_normal_from(rng::block_at(key, period, rep, stream, 0)); break;
      case DistributionKind::gamma: x = scale * rng::standard_gamma(key, period, rep, stream, shape); break;
      case DistributionKind::poisson:
      case DistributionKind::discrete: x = table_draw(rng::block_at(key, period, rep, stream, 0)); break;
    }
    return round_lead(x);
  }

  // Nearest whole period, at least 1 and at most lead_cap.
  int round_lead(double x) const {
    const double rounded = std::floor(x + 0.5);
    if (!(rounded >= 1.0)) return 1;
    return rounded > lead_cap ? lead_cap : static_cast<int>(rounded);
  }

  // Lead times for the lanes of a block that ship (shipped[r] > 0; the others get 1). Normal
  // lead times are drawn for all lanes at once (vectorised, the same values as draw_lead).
  void draw_leads(rng::Key key, std::uint32_t period, std::uint32_t first_rep, std::uint32_t stream,
                  const double* shipped, int* lead) const {
    if (kind == DistributionKind::normal) {
      double z[kBlockReplications];
      normal_block(key, period, first_rep, stream, z);
      for (int r = 0; r < kBlockReplications; ++r) lead[r] = round_lead(mean + sd * z[r]);
      return;
    }
    for (int r = 0; r < kBlockReplications; ++r)
      lead[r] = shipped[r] > 0.0 ? draw_lead(key, period, first_rep + static_cast<std::uint32_t>(r), stream) : 1;
  }
};

}  // namespace echelon::sim
