#include "core/policy/quantity_discount.h"

#include <cmath>
#include <limits>
#include <string>

namespace echelon {

namespace {
// The range j with b_j <= q < b_{j+1}.
std::size_t range_of(const QuantityDiscountInput& in, double q) {
  std::size_t j = 0;
  while (j + 1 < in.breaks.size() && q >= in.breaks[j + 1].min_quantity_units) ++j;
  return j;
}

// R_j: the purchase cost of b_j units under the incremental scheme.
double cumulative_cost_at_break(const QuantityDiscountInput& in, std::size_t j) {
  double total = 0.0;
  for (std::size_t k = 0; k < j; ++k) {
    total += in.breaks[k].unit_price * (in.breaks[k + 1].min_quantity_units - in.breaks[k].min_quantity_units);
  }
  return total;
}
}  // namespace

Problems validate(const QuantityDiscountInput& in) {
  Problems problems;
  auto finite_at_least_zero = [&](const std::string& field, double v) {
    if (!std::isfinite(v) || v < 0.0 || v > 1e12) {
      problems.push_back({field, "must be a number from 0 to 1e12 (got " + format_number(v) + ")"});
    }
  };
  finite_at_least_zero("order_cost_per_order", in.order_cost_per_order);
  if (!std::isfinite(in.demand_units_per_period) || !(in.demand_units_per_period > 0.0) || in.demand_units_per_period > 1e12) {
    problems.push_back({"demand_units_per_period", "must be a positive number up to 1e12 (got " + format_number(in.demand_units_per_period) + ")"});
  }
  finite_at_least_zero("holding_cost_per_unit_period", in.holding_cost_per_unit_period);
  finite_at_least_zero("holding_rate_per_period", in.holding_rate_per_period);
  if (std::isfinite(in.holding_cost_per_unit_period) && std::isfinite(in.holding_rate_per_period) &&
      !(in.holding_cost_per_unit_period > 0.0) && !(in.holding_rate_per_period > 0.0)) {
    problems.push_back({"holding_rate_per_period", "holding_cost_per_unit_period or holding_rate_per_period must be positive"});
  }
  if (in.breaks.empty()) {
    problems.push_back({"breaks", "must list at least one price break"});
    return problems;
  }
  if (in.breaks.size() > kMaxPriceBreaks) {
    problems.push_back({"breaks", "too large: at most " + std::to_string(kMaxPriceBreaks) + " price breaks (got " +
                                      std::to_string(in.breaks.size()) + ")"});
    return problems;
  }
  for (std::size_t j = 0; j < in.breaks.size(); ++j) {
    const std::string at = "breaks/" + std::to_string(j);
    const PriceBreak& br = in.breaks[j];
    if (!std::isfinite(br.unit_price) || !(br.unit_price > 0.0) || br.unit_price > 1e12) {
      problems.push_back({at + "/unit_price", "must be a positive number up to 1e12 (got " + format_number(br.unit_price) + ")"});
    }
    if (!std::isfinite(br.min_quantity_units) || std::fabs(br.min_quantity_units) > 1e12) {
      problems.push_back({at + "/min_quantity_units", "must be a number up to 1e12 (got " + format_number(br.min_quantity_units) + ")"});
      continue;
    }
    if (j == 0) {
      if (br.min_quantity_units != 0.0) {
        problems.push_back({at + "/min_quantity_units", "the first price break must start at 0 (got " + format_number(br.min_quantity_units) + ")"});
      }
      continue;
    }
    const PriceBreak& prev = in.breaks[j - 1];
    if (!(br.min_quantity_units > prev.min_quantity_units)) {
      problems.push_back({at + "/min_quantity_units", "must exceed the previous break's (got " + format_number(br.min_quantity_units) + " after " +
                                                          format_number(prev.min_quantity_units) + ")"});
    }
    if (!(br.unit_price < prev.unit_price)) {
      problems.push_back({at + "/unit_price", "must be below the previous break's price (got " + format_number(br.unit_price) + " after " +
                                                  format_number(prev.unit_price) + ")"});
    }
  }
  return problems;
}

double purchase_cost_of_order(const QuantityDiscountInput& in, double q) {
  if (!(q > 0.0) || in.breaks.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t j = range_of(in, q);
  const PriceBreak& br = in.breaks[j];
  if (in.scheme == DiscountScheme::all_units) return br.unit_price * q;
  return cumulative_cost_at_break(in, j) + br.unit_price * (q - br.min_quantity_units);
}

double quantity_discount_cost(const QuantityDiscountInput& in, double q) {
  const double c = purchase_cost_of_order(in, q);
  if (!std::isfinite(c)) return std::numeric_limits<double>::quiet_NaN();
  const double lambda = in.demand_units_per_period;
  return lambda * c / q + in.order_cost_per_order * lambda / q + in.holding_cost_per_unit_period * q / 2.0 +
         in.holding_rate_per_period * c / 2.0;
}

Result<QuantityDiscountResult> compute_quantity_discount(const QuantityDiscountInput& in) {
  if (Problems problems = validate(in); !problems.empty()) return problems;
  const double k = in.order_cost_per_order, lambda = in.demand_units_per_period;
  const double h = in.holding_cost_per_unit_period, i = in.holding_rate_per_period;
  const std::size_t m = in.breaks.size();
  QuantityDiscountResult r;
  double best_cost = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < m; ++j) {
    const double lo = in.breaks[j].min_quantity_units;
    const double hi = j + 1 < m ? in.breaks[j + 1].min_quantity_units : std::numeric_limits<double>::infinity();
    const double c = in.breaks[j].unit_price;
    DiscountCandidate cand;
    if (in.scheme == DiscountScheme::all_units) {
      cand.unconstrained_quantity_units = std::sqrt(2.0 * k * lambda / (h + i * c));
      cand.in_range = cand.unconstrained_quantity_units >= lo && cand.unconstrained_quantity_units < hi;
      cand.considered = cand.unconstrained_quantity_units < hi;
      cand.quantity_units = cand.considered ? std::max(cand.unconstrained_quantity_units, lo) : 0.0;
    } else {
      const double fixed_part = cumulative_cost_at_break(in, j) - c * lo;  // A_j
      cand.unconstrained_quantity_units = std::sqrt(2.0 * lambda * (k + fixed_part) / (h + i * c));
      cand.in_range = cand.unconstrained_quantity_units >= lo && cand.unconstrained_quantity_units < hi;
      cand.considered = true;
      // Clamped into [lo, hi]: the top end b_{j+1} costs the same under either range's formula.
      cand.quantity_units = std::min(std::max(cand.unconstrained_quantity_units, lo), hi);
    }
    if (!std::isfinite(cand.unconstrained_quantity_units)) {
      return Problem{"holding_cost_per_unit_period", "too small against the order cost and demand: the answer overflows"};
    }
    // K = 0 with b_0 = 0 gives Q_0 = 0, where G is not defined; no order can be of size 0.
    if (cand.considered && !(cand.quantity_units > 0.0)) cand.considered = false;
    if (cand.considered) {
      cand.cost_per_period = quantity_discount_cost(in, cand.quantity_units);
      if (cand.cost_per_period < best_cost) {
        best_cost = cand.cost_per_period;
        r.order_quantity_units = cand.quantity_units;
      }
    }
    r.candidates.push_back(cand);
  }
  bool any_considered = false;
  for (const DiscountCandidate& c : r.candidates) any_considered = any_considered || c.considered;
  if (any_considered && !std::isfinite(best_cost)) {
    return Problem{"holding_cost_per_unit_period", "too small against the order cost and demand: the answer overflows"};
  }
  if (!std::isfinite(best_cost)) {
    return Problem{"order_cost_per_order", "with no fixed cost and no price range above 0 there is no best order size: "
                                           "any smaller order costs less"};
  }
  const double q = r.order_quantity_units;
  const double c_of_q = purchase_cost_of_order(in, q);
  r.price_break_index = range_of(in, q);
  r.average_unit_price = c_of_q / q;
  r.cost_per_period = best_cost;
  r.purchase_cost_per_period = lambda * c_of_q / q;
  r.ordering_cost_per_period = k * lambda / q;
  r.holding_cost_per_period = h * q / 2.0 + i * c_of_q / 2.0;
  return r;
}

}  // namespace echelon
