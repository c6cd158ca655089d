#include "core/risk/generated_series.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/stats/rng.h"

namespace echelon::risk {

namespace {

double uniform(std::uint64_t seed, std::uint32_t period, std::uint32_t item, std::uint32_t draw) {
  return rng::uniform_from(rng::philox4x32_10({period, item, 0u, draw}, rng::key_from_seed(seed)));
}

// Poisson(mean) by inversion of one uniform (mean is small here).
int poisson(double mean, double u) {
  double p = std::exp(-mean), cumulative = p;
  int k = 0;
  while (u > cumulative && k < 1000) {
    ++k;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

}  // namespace

std::optional<int> death_period(const DyingItemSpec& spec) {
  const int death = spec.fade_start + spec.fade_periods;
  if (death >= spec.periods) return std::nullopt;
  return death;
}

std::vector<double> generate_dying_series(const DyingItemSpec& spec, std::uint64_t seed) {
  std::vector<double> demand(static_cast<std::size_t>(std::max(0, spec.periods)), 0.0);
  for (int t = 0; t < spec.periods; ++t) {
    double p = spec.demand_probability;
    if (t >= spec.fade_start) p *= std::max(0.0, 1.0 - (t - spec.fade_start + 1.0) / (spec.fade_periods + 1.0));
    const auto period = static_cast<std::uint32_t>(t);
    if (uniform(seed, period, spec.item, 0) >= p) continue;
    demand[static_cast<std::size_t>(t)] =
        1.0 + poisson(std::max(0.0, spec.mean_size - 1.0), uniform(seed, period, spec.item, 1));
  }
  return demand;
}

std::vector<GeneratedItem> generate_portfolio(int count, int periods, double dying_share, std::uint64_t seed) {
  std::vector<GeneratedItem> items;
  for (int i = 0; i < count; ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    // Item attributes from the stream's period 0xFFFFFFFF (never a demand period).
    const auto u = [&](std::uint32_t draw) { return uniform(seed, 0xFFFFFFFFu, id, draw); };
    GeneratedItem g;
    char name[16];
    std::snprintf(name, sizeof name, "G%04d", i + 1);
    g.id = name;
    g.spec.periods = periods;
    g.spec.item = id;
    g.spec.demand_probability = 0.05 * std::pow(0.9 / 0.05, u(0));
    g.spec.mean_size = 1.0 + 5.0 * u(1);
    if (u(2) < dying_share) {
      g.spec.fade_start = periods / 4 + static_cast<int>(u(3) * (periods / 2));
      g.spec.fade_periods = u(4) < 0.5 ? 0 : 1 + static_cast<int>(u(5) * 12.0);
    } else {
      g.spec.fade_start = periods;
      g.spec.fade_periods = 0;
    }
    g.demand = generate_dying_series(g.spec, seed);
    items.push_back(std::move(g));
  }
  return items;
}

}  // namespace echelon::risk
