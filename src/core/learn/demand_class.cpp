#include "core/learn/demand_class.h"

#include <cmath>

namespace echelon::learn {

DemandClass classify(double adi, double cv2, const DemandClassCutoffs& cutoffs) {
  const bool frequent = adi < cutoffs.adi;
  const bool steady = cv2 < cutoffs.cv2;
  if (frequent) return steady ? DemandClass::smooth : DemandClass::erratic;
  return steady ? DemandClass::intermittent : DemandClass::lumpy;
}

DemandProfile demand_profile(std::span<const double> demand, const DemandClassCutoffs& cutoffs) {
  DemandProfile p;
  int last_position = 0;
  double sum = 0.0;
  for (double d : demand) {
    if (std::isnan(d)) continue;
    ++p.observed_periods;
    if (d > 0.0) {
      ++p.nonzero_periods;
      last_position = p.observed_periods;
      sum += d;
    }
  }
  if (p.nonzero_periods == 0) return p;
  p.adi = static_cast<double>(last_position) / p.nonzero_periods;
  p.mean_size = sum / p.nonzero_periods;
  if (p.nonzero_periods >= 2) {
    double squares = 0.0;
    for (double d : demand) {
      if (!std::isnan(d) && d > 0.0) squares += (d - p.mean_size) * (d - p.mean_size);
    }
    const double variance = squares / (p.nonzero_periods - 1);
    p.cv2 = variance / (p.mean_size * p.mean_size);
  }
  p.demand_class = classify(p.adi, p.cv2, cutoffs);
  return p;
}

std::string_view demand_class_name(DemandClass c) {
  switch (c) {
    case DemandClass::smooth: return "smooth";
    case DemandClass::erratic: return "erratic";
    case DemandClass::intermittent: return "intermittent";
    case DemandClass::lumpy: return "lumpy";
    case DemandClass::no_demand: return "no demand";
  }
  return "no demand";
}

}  // namespace echelon::learn
