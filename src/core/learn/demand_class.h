// Demand classification by the Syntetos–Boylan scheme: smooth, erratic, intermittent, lumpy.
//
// Two statistics of a demand series (one value per period; NaN = not observed, skipped):
//   ADI  average inter-demand interval: the mean number of periods from one non-zero demand to
//        the next, the first interval counted from the start of the series. With nonzero
//        demands at (1-based) positions t_1 < ... < t_n among the observed periods,
//        ADI = t_n / n. A series with demand every period has ADI = 1.
//   CV²  squared coefficient of variation of the non-zero demand sizes, with the sample
//        standard deviation (divisor n - 1): CV² = (s / mean)². Zero with fewer than two sizes.
// Cut-offs (Syntetos, Boylan & Croston 2005, "On the categorization of demand patterns", JORS
// 56(5)): ADI 1.32 and CV² 0.49.
//   ADI < 1.32, CV² < 0.49   smooth        (exponential smoothing is fine)
//   ADI < 1.32, CV² >= 0.49  erratic
//   ADI >= 1.32, CV² < 0.49  intermittent  (Croston / SBA / TSB)
//   ADI >= 1.32, CV² >= 0.49 lumpy
// A series with no non-zero demand has no class ("no demand").
#pragma once

#include <span>
#include <string_view>

namespace echelon::learn {

enum class DemandClass { smooth, erratic, intermittent, lumpy, no_demand };

struct DemandClassCutoffs {
  double adi = 1.32;
  double cv2 = 0.49;
};

struct DemandProfile {
  int observed_periods = 0;   // periods with a value (not NaN)
  int nonzero_periods = 0;    // periods with demand > 0
  double adi = 0.0;           // 0 when there is no demand
  double cv2 = 0.0;           // of the non-zero sizes
  double mean_size = 0.0;     // mean of the non-zero sizes
  DemandClass demand_class = DemandClass::no_demand;
};

DemandProfile demand_profile(std::span<const double> demand, const DemandClassCutoffs& cutoffs = {});
DemandClass classify(double adi, double cv2, const DemandClassCutoffs& cutoffs = {});
std::string_view demand_class_name(DemandClass c);  // "smooth", ..., "no demand"

}  // namespace echelon::learn
