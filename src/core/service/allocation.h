// Differentiated fill-rate targets for a portfolio: the cheapest investment that reaches an
// aggregate fill rate, or the best aggregate fill rate a budget buys.
//
// With c_i(f) the investment of item i at fill rate f (service_curve.h, convex and piecewise
// linear) and weights w_i (mean demand per period for the demand-weighted fill rate, the share of
// all demand met from stock; 1 for a simple average of item fill rates), the problems are
//   (P1)  minimise  sum_i c_i(f_i)   s.t.  sum_i w_i f_i >= T sum_i w_i,   lo_i <= f_i <= hi_i
//   (P2)  maximise  sum_i w_i f_i / sum_i w_i   s.t.  sum_i c_i(f_i) <= B, lo_i <= f_i <= hi_i.
// Both are convex. Lagrangian of (P1): L(f, lambda) = sum_i [c_i(f_i) - lambda w_i f_i] + lambda T W.
// For a fixed multiplier lambda >= 0 each item separately moves up its curve while the slope
// c_i' / w_i (money per point of weighted fill) is at most lambda; the aggregate is then a
// non-decreasing step function of lambda, and the optimal multiplier is the smallest lambda whose
// aggregate reaches T (Everett 1963, "Generalized Lagrange multiplier method", Operations Research
// 11(3); Fox 1966 for the marginal-analysis form). Because every c_i is piecewise linear, the
// candidate multipliers are the segment slopes: sorting all segments by slope and walking that
// sorted list until the target is met finds the same lambda* as bisection on lambda, with no
// tolerance, and taking the segments in that order is marginal analysis. Exactly one segment is taken in part, so the answer is exact for the
// sampled curves (P2 is the same walk, stopped by the budget).
//
// Certificate (P1): the multiplier lambda*, the primal investment, the dual value
//   g(lambda*) = sum_i min_f [c_i(f) - lambda* w_i f] + lambda* T W <= optimum,
// the gap primal - g (0 up to rounding: strong duality for a convex piecewise-linear program) and the
// KKT residual: the largest distance from lambda* w_i to the subdifferential of c_i at f_i (with
// the bounds' normal cones), relative to lambda*, together with the aggregate's shortfall.
// For (P2) lambda* is the marginal cost of the last point of service bought; 1 / lambda* is the
// budget constraint's multiplier (service per unit of money) while the budget binds. The answer of
// (P2) also solves (P1) for the aggregate it reaches, so the same dual value certifies it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/service/service_curve.h"

namespace echelon::service {

enum class AllocationObjective { min_investment_for_fill_rate, max_fill_rate_for_budget };
enum class FillRateWeighting { demand, simple };

struct AllocationRequest {
  AllocationObjective objective = AllocationObjective::min_investment_for_fill_rate;
  double target_fill_rate = 0.95;  // (P1): the aggregate fill rate to reach, in (0, 1)
  double budget = 0.0;             // (P2): the investment allowed, money
  FillRateWeighting weighting = FillRateWeighting::demand;
};

struct ItemAllocation {
  std::string id;
  std::string segment;
  double fill_rate = 0.0;   // on the curve's chords
  double level = 0.0;       // order-up-to level / reorder point (interpolated, or a whole unit)
  double safety_stock_units = 0.0;
  double investment = 0.0;
  bool at_lower_bound = false;
  bool at_upper_bound = false;
};

struct SegmentSummary {
  std::string segment;
  int items = 0;
  double weight = 0.0;      // sum of w_i
  double fill_rate = 0.0;   // weighted within the segment
  double investment = 0.0;
};

struct AllocationCertificate {
  double multiplier = 0.0;         // lambda*: money per unit of weighted fill (per point: / 100)
  double primal_investment = 0.0;  // sum c_i(f_i) of the relaxed (chord) answer
  double dual_value = 0.0;         // g(lambda*), a lower bound on (P1)'s optimum
  double duality_gap = 0.0;        // primal - dual
  double kkt_residual = 0.0;       // see above; 0 at an exact optimum
  bool binding = true;             // false: (P1) target already met at the lower bounds, or (P2)
                                   // budget enough for every upper bound
  double realized_investment = 0.0;  // after whole-unit items step up to a whole level
  double realized_fill_rate = 0.0;
};

// Items and totals are the realized answer: items on whole units that the relaxed answer left
// between two levels step up to the next one (so the aggregate can exceed the target slightly).
struct Allocation {
  std::vector<ItemAllocation> items;     // curve order
  std::vector<SegmentSummary> segments;  // by first appearance
  double aggregate_fill_rate = 0.0;
  double investment = 0.0;
  AllocationCertificate certificate;
};

// One segment of one item's curve: the step marginal analysis takes.
struct MarginalStep {
  int item = 0;
  int point = 0;              // from points[point] to points[point + 1]
  double weighted_fill = 0.0; // w_i (f_{k+1} - f_k)
  double investment = 0.0;    // c_{k+1} - c_k
  double slope = 0.0;         // investment / weighted_fill
};

double weight_of(const ServiceCurve& curve, FillRateWeighting weighting);

// Every item's segments, cheapest slope first (ties: item, then point order). Items of zero
// weight contribute none (they stay at their lower bound).
std::vector<MarginalStep> marginal_order(std::span<const ServiceCurve> curves, FillRateWeighting weighting);

// Problems: no curve, an empty curve, a target or budget that cannot be met (with the reachable
// range in the message), a bad request field.
Result<Allocation> allocate(std::span<const ServiceCurve> curves, const AllocationRequest& request);

// Where an item stands on its curve: at points[point], plus `fraction` of the segment to the next.
struct CurvePosition {
  int point = 0;
  double fraction = 0.0;
};

// allocate() in slices, for an app that must stay responsive (thousands of curves hold one call
// for a frame's worth or more):
//   auto run = AllocationRun::start(curves, request);   // Result<AllocationRun>: allocate()'s problems
//   while (!run->step(curves, 20)) draw();
//   Allocation a = std::move(*run).take();              // bit for bit allocate()'s answer
// The walk is the one described above. The sort of the segments by slope is a bottom-up merge
// sort (sorted runs of kSortRunSegments, then merge passes that take the left run's segment on a
// tie): it is stable like std::stable_sort, and a stable sort's order is unique, so the order is
// marginal_order()'s. Work is counted in operations, never in time (kOperationsPerWorkUnit per
// unit): a segment listed, sorted or merged in a pass, walked, and a curve point certified each
// count one, a curve summarised kCurveOperations. allocate() is this run stepped to the end.
class AllocationRun {
 public:
  static constexpr long long kOperationsPerWorkUnit = 100;
  static constexpr std::size_t kSortRunSegments = 512;
  static constexpr long long kCurveOperations = 8;

  // The problems of allocate() (none can arise later). `curves` is read again by every step():
  // the caller passes the same curves, unchanged, to each.
  static Result<AllocationRun> start(std::span<const ServiceCurve> curves, const AllocationRequest& request);
  // Does up to `max_work` units (at least one operation); true once done.
  bool step(std::span<const ServiceCurve> curves, long long max_work);
  bool done() const { return phase_ == Phase::done; }
  long long work_done() const { return (operations_ + kOperationsPerWorkUnit - 1) / kOperationsPerWorkUnit; }
  // Once done(), and once only: the allocation.
  Allocation take() &&;
  // The work of a run over `segments` curve segments of `curves` curves, about (for progress bars).
  static long long estimated_work_units(std::size_t segments, std::size_t curves);

 private:
  enum class Phase { list, sort_runs, merge, walk, items, certify, done };
  AllocationRun() = default;
  bool spend(long long& left, long long operations);
  void charge(long long& left, long long operations);
  void list_curve(const ServiceCurve& curve, std::size_t index);
  bool merge(long long& left);
  void walk_step(const MarginalStep& step);

  AllocationRequest request_;
  bool by_budget_ = false;
  double w_total_ = 0.0;
  Phase phase_ = Phase::list;
  std::size_t next_ = 0;  // curve, run start or segment the phase goes on from
  long long operations_ = 0;
  std::vector<MarginalStep> steps_, merged_;
  std::size_t width_ = 0, lo_ = 0, i_ = 0, j_ = 0, k_ = 0;  // merge pass: run width, pair, cursors
  bool pair_open_ = false;
  std::vector<CurvePosition> pos_;
  double need_ = 0.0, left_ = 0.0, lambda_ = 0.0, target_ = 0.0;
  bool binding_ = false;
  Allocation out_;
  double dual_sum_ = 0.0, dual_weight_ = 0.0, stationarity_ = 0.0, realized_ = 0.0, realized_wf_ = 0.0;
};

// The same answer summarised from given per-item fill rates (e.g. a uniform target): each item at
// point_at_fill_rate of its curve. No certificate beyond the totals.
Allocation allocation_at(std::span<const ServiceCurve> curves, std::span<const double> fill_rates,
                         FillRateWeighting weighting);

}  // namespace echelon::service
