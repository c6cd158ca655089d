#include "core/policy/s_S_policy.h"

#include <algorithm>
#include <cmath>

#include "core/policy/eoq.h"

namespace echelon {

namespace {
constexpr int kGridCells = 400;  // grid of the review-period demand for the continuous models
}  // namespace

SSPosition s_S_position(const LeadTimeDemand& x, double difference) {
  SSPosition out;
  if (!(difference > 0.0)) return out;  // a point at S = s
  std::vector<double> p;                // review-period demand in cells of `cell` units
  double cell = 1.0;
  int cells = 0;
  if (integer_lattice(x)) {
    cells = static_cast<int>(std::lround(difference));
    p.assign(static_cast<std::size_t>(cells), 0.0);
    for (int k = 0; k < cells && static_cast<std::size_t>(k) < x.discrete.pmf.size(); ++k) {
      p[static_cast<std::size_t>(k)] = x.discrete.pmf[static_cast<std::size_t>(k)];
    }
  } else {
    // Cell k holds demand in [(k - 1/2) h, (k + 1/2) h): rounding to the nearest cell is
    // unbiased, and h = (S - s) / (n - 1/2) puts the order threshold W >= S - s on a cell edge.
    cells = kGridCells;
    cell = difference / (cells - 0.5);
    p.assign(static_cast<std::size_t>(cells), 0.0);
    double below = 0.0;
    for (int k = 0; k < cells; ++k) {
      const double upper = cdf(x, (k + 0.5) * cell);
      p[static_cast<std::size_t>(k)] = std::max(upper - below, 0.0);
      below = upper;
    }
  }
  // Renewal mass: m(0) = 1 / (1 - p0), m(w) = sum_{k=1..w} p_k m(w - k) / (1 - p0).
  const double stay = 1.0 - p[0];
  if (!(stay > 1e-12)) return out;  // no demand: the position never moves
  std::vector<double> m(static_cast<std::size_t>(cells), 0.0);
  m[0] = 1.0 / stay;
  double total = m[0];
  for (int w = 1; w < cells; ++w) {
    double sum = 0.0;
    for (int k = 1; k <= w; ++k) sum += p[static_cast<std::size_t>(k)] * m[static_cast<std::size_t>(w - k)];
    m[static_cast<std::size_t>(w)] = sum / stay;
    total += m[static_cast<std::size_t>(w)];
  }
  out.position.shape = PositionShape::table;
  out.position.offsets.resize(static_cast<std::size_t>(cells));
  out.position.weights.resize(static_cast<std::size_t>(cells));
  for (int w = 0; w < cells; ++w) {
    out.position.offsets[static_cast<std::size_t>(w)] = difference - w * cell;
    out.position.weights[static_cast<std::size_t>(w)] = m[static_cast<std::size_t>(w)] / total;
  }
  out.reviews_per_cycle = total;
  return out;
}

Result<SSResult> compute_s_S(const SSInput& input) {
  BufferInput buffer = input.buffer;
  Problems problems = validate_policy_input(buffer, input.order_cost_per_order);
  if (!(buffer.demand.review_period_periods >= 1.0)) {
    problems.push_back({"review_period_periods", "an (s, S) policy reviews every R >= 1 periods"});
  }
  if (!problems.empty()) return problems;
  auto demands = protection_demands(buffer.demand);
  if (!demands.ok()) return demands.problems();
  const bool lattice = integer_lattice(demands->protection());
  const double mu = demands->mean_demand_per_period;

  double difference = buffer.lot_size_units;
  if (!(difference > 0.0)) {
    auto eoq = compute_eoq({input.order_cost_per_order, buffer.holding_cost_per_unit_period, mu});
    if (!eoq.ok()) {
      return Problem{"lot_size_units", "give S - s, or an order cost and a holding cost for the EOQ"};
    }
    difference = eoq->order_quantity_units;
  }
  if (lattice) difference = std::max(1.0, std::round(difference));

  LeadTimeDemandInput per_review = buffer.demand;
  per_review.lead_time = {};
  per_review.model = demands->protection().model;
  auto review_demand = compute_lead_time_demand(per_review);
  if (!review_demand.ok()) return review_demand.problems();
  const SSPosition position = s_S_position(*review_demand, difference);

  auto b = compute_buffer(buffer, *demands, position.position);
  if (!b.ok()) return b.problems();
  SSResult r;
  r.reorder_level = b->level;
  r.order_up_to_level = b->level + difference;
  r.orders_per_period = 1.0 / (position.reviews_per_cycle * demands->review_period_periods);
  r.buffer = std::move(b).value();
  r.expected_cost_per_period =
      input.order_cost_per_order * r.orders_per_period + r.buffer.holding_and_shortage_cost_per_period;
  return r;
}

}  // namespace echelon
