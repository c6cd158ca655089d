// Has the rate of demand dropped? A one-sided exact test of the recent demand frequency against
// the item's earlier frequency.
//
// The evidence is the number of periods with demand ("hits") in two windows of observed periods:
// the recent window (W periods, a hits) and everything before it (L periods, c hits). If the
// chance of demand per period did not change, then given the K = a + c hits in N = W + L periods
// every placement of the hits is equally likely, and the number in the recent window follows the
// hypergeometric law (population N, K successes, W draws):
//   P(X = x) = C(K, x) C(N - K, W - x) / C(N, W).
// The p-value of "the rate dropped" is the lower tail P(X <= a): Fisher's exact test on the 2x2
// table [[a, W - a], [c, L - c]], one-sided (R. A. Fisher, "The Design of Experiments", 1935,
// ch. II, the lady tasting tea: 3 of 4 right gives 17/70). Conditioning on K removes the unknown
// common rate, so the test holds for any rate, also for small counts where a normal
// approximation fails. Counting periods with demand rather than units keeps one large order
// from masking a collapse in frequency (sizes are lumpy; frequencies are what dies first).
#pragma once

namespace echelon::risk {

struct RateDropCounts {
  int recent_periods = 0;          // W, observed periods in the recent window
  int recent_demand_periods = 0;   // a, of which with demand
  int earlier_periods = 0;         // L, observed periods before the window
  int earlier_demand_periods = 0;  // c, of which with demand
};

// P(X <= a) as above, in [0, 1]. 1 when there is nothing to compare (W = 0, L = 0 or no hit at
// all); NaN when a count is negative or exceeds its window.
double rate_drop_p_value(const RateDropCounts& counts);

// Probability of exactly x recent hits under the hypothesis of an unchanged rate: the
// hypergeometric pmf above (0 outside its support; NaN on invalid counts).
double hypergeometric_pmf(int x, int population, int successes, int draws);

}  // namespace echelon::risk
