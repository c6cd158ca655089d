// Sizing a base-stock level from a forecast, the spread of its errors and a distribution shape.
//
// Periodic review every period with lead time L: the order-up-to level S must cover the demand
// X of the protection interval H = L + 1 periods. X is modelled with
//   mean      E[X] = forecast total over H
//   variance  Var[X] = sd_H^2 + f^2 Var[L]
// where sd_H is the spread of the forecast errors over H periods (rolling origin, forecast.h)
// or, for the textbook method, sqrt(H) times the demand's standard deviation, and Var[L] the
// lead time's variance (0 for a fixed lead time). The shape follows the learned family:
//   normal                         normal
//   gamma, lognormal               gamma with those moments (never negative, right-skewed)
//   poisson, negative_binomial,    counts: a negative binomial with those moments when the
//   empirical (whole numbers)      variance exceeds the mean, else a Poisson of that mean
//   empirical (fractions)          gamma
// built by core/policy/lead_time_demand.h (the per-period demand is given the moments f and
// sd_H^2 / H over a fixed protection interval of H periods, which reproduces E[X] and Var[X]).
//
// When the demand over H is known to stay within [0, M] (M: `max_protection_demand`, say the
// largest total over H periods in the data), Var[X] is capped at E[X] (M - E[X]), the most any
// variable on [0, M] with that mean can have (Bhatia & Davis 2000, "A better bound on the
// variance", AMM 107(4)). Without the cap a tiny forecast with a large error spread becomes a
// two-moment model with an absurd tail (a negative binomial of mean 0.05 and sd 1.5 has size
// 0.002), which a fill-rate rule then chases to hundreds of units.
//
// Targets (the same rule for every method, so comparisons are fair):
//   cycle service level p  S = the p-quantile of X
//   fill rate beta         the least S whose expected units short per period are at most
//                          (1 - beta) f. Units short per period: with `exact_fill_rate` (the
//                          default) E[(X_H - S)^+] - E[(X_{H-1} - S)^+], the backorders at the end
//                          of a period less those already owed from before it (X_k: demand over k
//                          periods; Hadley & Whitin 1963; Silver, Pyke & Thomas 2017, ch. 6, with
//                          R = 1), used when H >= 2; otherwise the classic E[(X_H - S)^+], which
//                          counts a backorder again in every period it stays open and so
//                          overstates shortages for slow movers. Solved by bisection on S (both
//                          decrease in S: their slope is F_{H-1}(S) - F_H(S) <= 0 or -(1 - F_H));
//                          whole units for count models.
// Safety stock = S - E[X]; it may be negative when a skewed X needs less than its mean.
#pragma once

#include <span>
#include <string>

#include "core/base/result.h"
#include "core/learn/fit.h"
#include "core/policy/lead_time_demand.h"

namespace echelon::learn {

enum class ServiceGoal { cycle_service_level, fill_rate };

struct BufferSizingInput {
  Family family = Family::normal;       // shape of the protection-interval demand
  bool whole_units = true;              // demand in whole units (counts are possible)
  double forecast_per_period = 0.0;     // f
  double horizon_forecast = 0.0;        // E[X] over the protection interval (f H without a trend)
  double horizon_error_sd = 0.0;        // sd_H
  double protection_periods = 1.0;      // H = L + 1
  double lead_time_variance = 0.0;      // Var[L], periods^2
  double max_protection_demand = 0.0;   // M; 0 or less: no known bound
  bool cap_level_at_max = false;        // S at most M
  ServiceGoal goal = ServiceGoal::fill_rate;
  double target = 0.95;                 // in (0, 1)
  bool exact_fill_rate = true;          // new shortages only (see above); false: the classic rule
};

struct BufferSizing {
  double order_up_to = 0.0;   // S
  double safety_stock = 0.0;  // S - E[X]
  double mean = 0.0;          // E[X]
  double sd = 0.0;            // sd[X] (after any cap)
  bool variance_capped = false;
  bool level_capped = false;  // S was lowered to M
  LeadTimeDemandModel model = LeadTimeDemandModel::normal;
  double expected_fill_rate = 0.0;  // 1 - E[(X - S)^+] / f under the model (1 without demand)
};

// Problems: target outside (0, 1), negative or non-finite moments, H below 1.
Result<BufferSizing> size_buffer(const BufferSizingInput& input);

// The empirical method for slow, intermittent demand (Porras & Dekker 2008, "An inventory
// control system for spare parts at a refinery: an empirical comparison of different re-order
// point methods", EJOR 184(1)): no distribution is assumed; the demand over the protection
// interval is the empirical distribution of the totals of every run of H consecutive observed
// periods of the history (overlapping blocks, so the serial pattern of demand occurrences is
// kept, unlike an independent resampling of single periods), and X_{H-1} likewise with runs of
// H - 1 periods (X_0 = 0). The fill-rate level is the least whole S with
//   mean over blocks of (X_H - S)^+  -  mean over blocks of (X_{H-1} - S)^+  <=  (1 - beta) f,
// f the mean demand per period of the history, scanned upwards from 0 (the left side is 0 at
// the largest block total, so S never exceeds the largest demand over H periods seen). The
// cycle-service goal takes the smallest block total with at least the target share of blocks
// at or below it. Reported: mean = H f, sd = the blocks' standard deviation (divisor n).
// Problems: target outside (0, 1), H below 1, fewer than H + 1 observed periods, values that
// are not whole numbers of at least 0.
//
// `continuous_level` (fill rate, here and below): the least real S instead of the least whole
// one. With whole-unit demand every E[(X - S)^+] is linear in S between whole levels, so G is
// too, and with k the least whole level meeting the target, S = k - 1 + (G(k - 1) - a) /
// (G(k - 1) - G(k)) (a the allowed shortage) meets it exactly; for a plan or simulation that
// holds fractional units, as a normal model's level does.
Result<BufferSizing> size_buffer_empirical(std::span<const double> demand_per_period, int protection_periods,
                                           ServiceGoal goal, double target, bool continuous_level = false);

// Compound binomial demand for intermittent, whole-unit demand (Teunter, Syntetos & Babai 2010,
// "Determining order-up-to levels under periodic review for compound binomial (intermittent)
// demand", EJOR 203(3)): every period independently has a demand with probability p; its size
// is drawn from the empirical distribution of the non-zero demands seen (each observed size with
// weight 1/n, sizes whole numbers of at least 1). One period's law is therefore
//   P(D = 0) = 1 - p,   P(D = s) = p n_s / n   (n_s: how many of the n sizes equal s),
// and X_k, the demand over k periods, is its k-fold convolution (X_0 = 0). The occurrence
// probability comes from the forecast, not from the raw count of demands: p = min(1, f / m),
// f the forecast per period and m the mean size, so the model's mean p m equals the forecast
// (a TSB forecast that decays through a run of zeros lowers p, and the level with it).
// The fill-rate level is the least whole S with expected new units short per period
//   G(S) = E[(X_H - S)^+] - E[(X_{H-1} - S)^+]  <=  (1 - beta) p m,
// the discrete loss function E[(X - S)^+] = sum over x > S of (x - S) P(X = x) of each horizon
// (the same shortage accounting as size_buffer with H >= 2: backorders at the end of the
// period less those owed before it). Unlike overlapping blocks of the history, which with
// two dozen blocks can only express "cover every total seen", the convolution gives a total of
// two coinciding demands its model probability (of order p^2 for H = 2), so two demands that
// once fell in adjacent periods are not covered as if that happened in 1 block of 24. The
// cycle-service goal takes the least S with
// P(X_H <= S) >= target. Reported: mean = H p m, sd = sd of X_H.
// Problems: target outside (0, 1), H below 1, f negative or not finite, sizes empty, below 1 or
// not whole.
Result<BufferSizing> size_buffer_compound_binomial(std::span<const double> sizes, double forecast_per_period,
                                                   int protection_periods, ServiceGoal goal, double target,
                                                   bool continuous_level = false);

std::string_view service_goal_name(ServiceGoal g);  // "cycle service level", "fill rate"

}  // namespace echelon::learn
