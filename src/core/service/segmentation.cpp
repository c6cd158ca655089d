#include "core/service/segmentation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace echelon::service {

namespace {

bool in_open_unit(double v) { return v > 0.0 && v < 1.0; }

}  // namespace

Problems validate(const SegmentationOptions& o) {
  Problems p;
  if (!(o.abc.a_share > 0.0 && o.abc.a_share <= 1.0))
    p.push_back({"abc.a_share", "must be in (0, 1] (got " + format_number(o.abc.a_share) + ")"});
  if (!(o.abc.b_share >= o.abc.a_share && o.abc.b_share <= 1.0))
    p.push_back({"abc.b_share", "must be in [a_share, 1] (got " + format_number(o.abc.b_share) + ")"});
  if (!(o.xyz.x_cv > 0.0 && std::isfinite(o.xyz.x_cv)))
    p.push_back({"xyz.x_cv", "must be positive (got " + format_number(o.xyz.x_cv) + ")"});
  if (!(o.xyz.y_cv >= o.xyz.x_cv && std::isfinite(o.xyz.y_cv)))
    p.push_back({"xyz.y_cv", "must be at least x_cv (got " + format_number(o.xyz.y_cv) + ")"});
  if (!(o.demand_class.adi > 0.0) || !(o.demand_class.cv2 >= 0.0))
    p.push_back({"demand_class", "cut-offs must be ADI > 0 and CV² >= 0"});
  for (int a = 0; a < 3; ++a)
    for (int x = 0; x < 3; ++x)
      if (!in_open_unit(o.targets.fill_rate[a][x]))
        p.push_back({"targets." + cell_name(static_cast<AbcClass>(a), static_cast<XyzClass>(x)),
                     "fill rate must be strictly between 0 and 1 (got " + format_number(o.targets.fill_rate[a][x]) + ")"});
  for (std::size_t i = 0; i < o.tiers.size(); ++i)
    if (!(o.tiers[i].min_fill_rate >= 0.0 && o.tiers[i].min_fill_rate < 1.0))
      p.push_back({"tiers/" + std::to_string(i) + "/min_fill_rate",
                   "must be in [0, 1) (got " + format_number(o.tiers[i].min_fill_rate) + ")"});
  return p;
}

Result<Segmentation> segment_items(std::span<const SegmentationItem> items, const SegmentationOptions& o) {
  Problems problems = validate(o);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const SegmentationItem& it = items[i];
    const std::string at = "items/" + std::to_string(i);
    if (!(it.annual_value >= 0.0 && std::isfinite(it.annual_value)))
      problems.push_back({at + "/annual_value", "must be finite and not negative (got " + format_number(it.annual_value) + ")"});
    if (std::isnan(it.forecast_error_cv) == false && it.forecast_error_cv < 0.0)
      problems.push_back({at + "/forecast_error_cv", "must not be negative"});
    if (!it.tier.empty() &&
        std::none_of(o.tiers.begin(), o.tiers.end(), [&](const CustomerTier& t) { return t.name == it.tier; }))
      problems.push_back({at + "/tier", "names no customer tier (\"" + it.tier + "\")"});
  }
  if (!problems.empty()) return problems;

  Segmentation s;
  s.items.resize(items.size());
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].annual_value > items[b].annual_value; });
  for (const auto& it : items) s.total_annual_value += it.annual_value;

  double above = 0.0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const std::size_t i = order[rank];
    ItemSegment& seg = s.items[i];
    seg.value_rank = static_cast<int>(rank);
    seg.value_share = s.total_annual_value > 0.0 ? items[i].annual_value / s.total_annual_value : 0.0;
    seg.cumulative_share_above = s.total_annual_value > 0.0 ? above / s.total_annual_value : 0.0;
    // Without any value every item is C: there is nothing to rank.
    if (s.total_annual_value > 0.0 && seg.cumulative_share_above < o.abc.a_share) seg.abc = AbcClass::a;
    else if (s.total_annual_value > 0.0 && seg.cumulative_share_above < o.abc.b_share) seg.abc = AbcClass::b;
    else seg.abc = AbcClass::c;
    above += items[i].annual_value;
  }

  for (std::size_t i = 0; i < items.size(); ++i) {
    const SegmentationItem& it = items[i];
    ItemSegment& seg = s.items[i];
    const double cv = it.forecast_error_cv;
    if (std::isfinite(cv) && cv < o.xyz.x_cv) seg.xyz = XyzClass::x;
    else if (std::isfinite(cv) && cv < o.xyz.y_cv) seg.xyz = XyzClass::y;
    else seg.xyz = XyzClass::z;
    seg.demand_class = it.adi > 0.0 ? learn::classify(it.adi, it.cv2, o.demand_class) : learn::DemandClass::no_demand;
    double target = o.targets.at(seg.abc, seg.xyz);
    for (const CustomerTier& t : o.tiers)
      if (t.name == it.tier) target = std::max(target, t.min_fill_rate);
    seg.default_fill_rate = target;
    SegmentCell& cell = s.cells[static_cast<int>(seg.abc)][static_cast<int>(seg.xyz)];
    ++cell.items;
    cell.annual_value += it.annual_value;
    ++s.demand_class_counts[static_cast<std::size_t>(seg.demand_class)];
  }
  return s;
}

std::string_view abc_name(AbcClass c) {
  switch (c) {
    case AbcClass::a: return "A";
    case AbcClass::b: return "B";
    default: return "C";
  }
}

std::string_view xyz_name(XyzClass c) {
  switch (c) {
    case XyzClass::x: return "X";
    case XyzClass::y: return "Y";
    default: return "Z";
  }
}

std::string cell_name(AbcClass a, XyzClass x) { return std::string(abc_name(a)) + std::string(xyz_name(x)); }

}  // namespace echelon::service
