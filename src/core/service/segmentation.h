// Segmentation of a portfolio: ABC by annual value, XYZ by forecast-error variability, the
// Syntetos–Boylan demand classes, customer tiers, and a default fill-rate target per ABC × XYZ cell.
//
// ABC (Pareto): items sorted by annual value v_i = unit cost × annual demand, largest first (ties
// keep input order). With V the total and C_i the cumulative share of the items ranked above i,
//   A  if C_i < a_share          (default 0.80)
//   B  if a_share <= C_i < b_share (default 0.95)
//   C  otherwise.
// The item that crosses a cut-off belongs to the class it starts in, so a single item worth more
// than 80% of the total is A (Silver, Pyke & Thomas, "Inventory and Production Management in
// Supply Chains", 4th ed., 2017, section 2.5 — the distribution-by-value curve).
//
// XYZ: the coefficient of variation of the one-step forecast error, cv_i = sd(error) / mean demand
// per period (what actually drives safety stock, rather than the raw demand spread):
//   X  if cv_i < x_cv (default 0.5),   Y  if cv_i < y_cv (default 1.0),   Z  otherwise.
// An item with no demand (mean 0) or an unknown cv is Z. (Cut-offs are conventions, not theory:
// both are editable.)
//
// Demand classes: learn/demand_class.h (Syntetos, Boylan & Croston 2005; ADI 1.32, CV² 0.49).
//
// Default targets: a 3 × 3 matrix of type-2 fill rates (share of demand met from stock), editable.
// The defaults below are a common starting point (higher service for steady, important items) and
// exist to be overridden; allocation.h computes targets that are cheaper for the same aggregate.
// A customer tier adds a floor: an item sold to a tier with a minimum fill rate gets
//   target_i = max(cell target, tier minimum).
// Tiers share the stock (no rationing), so every tier of one item sees the same fill rate; the
// floor is what makes the strictest tier's promise hold.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/learn/demand_class.h"

namespace echelon::service {

enum class AbcClass { a = 0, b = 1, c = 2 };
enum class XyzClass { x = 0, y = 1, z = 2 };

struct AbcCutoffs {
  double a_share = 0.80;  // cumulative share of annual value
  double b_share = 0.95;
};

struct XyzCutoffs {
  double x_cv = 0.5;  // forecast-error coefficient of variation
  double y_cv = 1.0;
};

// fill_rate[abc][xyz]
struct TargetMatrix {
  std::array<std::array<double, 3>, 3> fill_rate{{{0.98, 0.97, 0.95}, {0.97, 0.95, 0.93}, {0.95, 0.93, 0.90}}};
  double at(AbcClass a, XyzClass x) const { return fill_rate[static_cast<int>(a)][static_cast<int>(x)]; }
};

struct CustomerTier {
  std::string name;
  double min_fill_rate = 0.0;  // floor on the fill rate of every item the tier buys, in [0, 1)
};

struct SegmentationOptions {
  AbcCutoffs abc;
  XyzCutoffs xyz;
  learn::DemandClassCutoffs demand_class;
  TargetMatrix targets;
  std::vector<CustomerTier> tiers;
};

struct SegmentationItem {
  std::string id;
  double annual_value = 0.0;       // unit cost × annual demand, money per year
  double forecast_error_cv = 0.0;  // sd of the one-step forecast error / mean demand per period
  double adi = 0.0;                // average inter-demand interval (0: no demand)
  double cv2 = 0.0;                // squared CV of the non-zero sizes
  std::string tier;                // name of a CustomerTier, or empty
};

struct ItemSegment {
  AbcClass abc = AbcClass::c;
  XyzClass xyz = XyzClass::z;
  learn::DemandClass demand_class = learn::DemandClass::no_demand;
  int value_rank = 0;                 // 0 = largest annual value
  double value_share = 0.0;           // v_i / V
  double cumulative_share_above = 0.0;  // C_i
  double default_fill_rate = 0.0;     // cell target, raised to the tier's floor
};

struct SegmentCell {
  int items = 0;
  double annual_value = 0.0;
};

struct Segmentation {
  std::vector<ItemSegment> items;                       // input order
  std::array<std::array<SegmentCell, 3>, 3> cells{};    // [abc][xyz]
  std::array<int, 5> demand_class_counts{};             // by learn::DemandClass
  double total_annual_value = 0.0;
};

// Problems name the field: cut-offs out of order or outside (0, 1], targets outside (0, 1),
// negative or non-finite values, an unknown tier.
Problems validate(const SegmentationOptions& options);
Result<Segmentation> segment_items(std::span<const SegmentationItem> items, const SegmentationOptions& options = {});

std::string_view abc_name(AbcClass c);  // "A", "B", "C"
std::string_view xyz_name(XyzClass c);  // "X", "Y", "Z"
std::string cell_name(AbcClass a, XyzClass x);  // "AX", ...

}  // namespace echelon::service
