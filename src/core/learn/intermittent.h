// Forecasts for intermittent demand: Croston, SBA and TSB.
//
// Croston (1972, "Forecasting and stock control for intermittent demands", ORQ 23(3)) smooths
// the non-zero demand size z and the interval x between demands, both only in periods with
// demand, and forecasts the demand rate per period as z / x:
//   on demand d_t > 0:  z <- z + a (d_t - z),  x <- x + a (q_t - x)   (q_t: periods since the
//   last demand, counting this one); otherwise nothing changes.
// SBA (Syntetos & Boylan 2005, IJF 21(2)) removes Croston's bias: (1 - a/2) z / x, with a the
// interval's smoothing weight.
// TSB (Teunter, Syntetos & Babai 2011, EJOR 214(3)) smooths the probability of demand p in every
// period and the size z only on demand, and forecasts p z:
//   p <- p + b (1[d_t > 0] - p) every period;  z <- z + a (d_t - z) on demand.
// Unlike Croston's, TSB's forecast decays through a run of zeros, which is what makes it an
// obsolescence signal.
//
// Conventions here: a NaN (not observed) period changes nothing. Initial values: z_0 = the
// first non-zero demand, x_0 = its 1-based position (Croston, SBA); p_0 = the share of observed
// periods with demand in the whole series (TSB), unless given. Forecasts are one step ahead:
// forecast[t] uses periods before t only; before the first demand Croston and SBA have none
// (NaN), while TSB forecasts p_0 z_0 from the start.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon::learn {

enum class IntermittentMethod { croston, sba, tsb };
std::string_view intermittent_method_name(IntermittentMethod m);  // "Croston", "SBA", "TSB"

struct IntermittentOptions {
  double alpha_size = 0.1;          // a: size (all methods)
  double alpha_interval = 0.1;      // a for the interval (Croston, SBA)
  double beta_probability = 0.1;    // b: demand probability (TSB)
  std::optional<double> initial_probability;  // TSB p_0; default: share of periods with demand
};

struct IntermittentPath {
  // One entry per period of the input (one step ahead: from the periods before it).
  std::vector<double> forecast;     // demand per period; NaN where none exists yet
  std::vector<double> probability;  // chance of demand in the period: TSB's p, or 1 / x
  std::vector<double> size;         // expected size when demand occurs: z
  // After the last period: the forecast for every future period.
  double next_forecast = 0.0;
  double next_probability = 0.0;
  double next_size = 0.0;
};

// Problems: weights outside (0, 1], negative demand, an initial probability outside [0, 1].
Result<IntermittentPath> intermittent_forecast(std::span<const double> demand, IntermittentMethod method,
                                               const IntermittentOptions& options = {});

}  // namespace echelon::learn
