// Demand histories with a known death date, for testing the signals and backtesting the rules.
//
// An item is alive with a chance of demand p per period and a demand size of 1 + Poisson(s - 1)
// units (mean s) when demand occurs. From `fade_start` on its chance falls linearly to zero over
// `fade_periods` periods: p_t = p (1 - (t - fade_start + 1) / (fade_periods + 1)), so with
// fade_periods = 0 the item dies abruptly. The death period is fade_start + fade_periods (0-based):
// from it on p_t = 0 and there is no demand at all. An item that never dies has
// fade_start = periods.
// Randomness: Philox4x32-10 (core/stats/rng.h) keyed by the seed, with the counter (period,
// item, 0, draw), so each item's series depends only on (seed, item, spec) and is the same on
// every platform.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace echelon::risk {

struct DyingItemSpec {
  int periods = 60;
  double demand_probability = 0.5;  // p while alive
  double mean_size = 2.0;           // s >= 1
  int fade_start = 60;              // first period (0-based) with a reduced chance
  int fade_periods = 0;
  std::uint32_t item = 0;           // the item's stream
};

// Zero-based period from which there is no demand (fade_start + fade_periods), or nothing for
// an item that stays alive through the series.
std::optional<int> death_period(const DyingItemSpec& spec);

std::vector<double> generate_dying_series(const DyingItemSpec& spec, std::uint64_t seed);

struct GeneratedItem {
  std::string id;
  DyingItemSpec spec;
  std::vector<double> demand;
};

// A portfolio of `count` items over `periods` periods: chance of demand 0.05..0.9 (log-uniform),
// mean size 1..6, and about `dying_share` of them dying at a random period in the middle half of
// the series, half abruptly and half over 1..12 periods. Ids "G0001", "G0002", ...
std::vector<GeneratedItem> generate_portfolio(int count, int periods, double dying_share, std::uint64_t seed);

}  // namespace echelon::risk
