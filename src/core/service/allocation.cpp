#include "core/service/allocation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::service {

double weight_of(const ServiceCurve& c, FillRateWeighting w) {
  return w == FillRateWeighting::simple ? 1.0 : std::max(0.0, c.mean_demand_per_period);
}

namespace {

// Appends curve i's segments (none when its weight is not positive), each with its slope.
void append_segments(const ServiceCurve& c, std::size_t i, FillRateWeighting weighting, std::vector<MarginalStep>& steps) {
  const double w = weight_of(c, weighting);
  if (!(w > 0.0)) return;
  const auto& pts = c.points;
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    MarginalStep s;
    s.item = static_cast<int>(i);
    s.point = static_cast<int>(k);
    s.weighted_fill = w * (pts[k + 1].fill_rate - pts[k].fill_rate);
    s.investment = pts[k + 1].investment - pts[k].investment;
    s.slope = s.investment / s.weighted_fill;
    steps.push_back(s);
  }
}

}  // namespace

std::vector<MarginalStep> marginal_order(std::span<const ServiceCurve> curves, FillRateWeighting weighting) {
  std::vector<MarginalStep> steps;
  for (std::size_t i = 0; i < curves.size(); ++i) append_segments(curves[i], i, weighting, steps);
  std::stable_sort(steps.begin(), steps.end(), [](const MarginalStep& a, const MarginalStep& b) { return a.slope < b.slope; });
  return steps;
}

namespace {

ItemAllocation item_at(const ServiceCurve& c, const CurvePosition& p) {
  ItemAllocation a;
  a.id = c.id;
  a.segment = c.segment;
  const ServiceCurvePoint& left = c.points[static_cast<std::size_t>(p.point)];
  if (p.fraction > 0.0 && static_cast<std::size_t>(p.point) + 1 < c.points.size()) {
    const ServiceCurvePoint& right = c.points[static_cast<std::size_t>(p.point) + 1];
    const double t = p.fraction;
    a.fill_rate = left.fill_rate + t * (right.fill_rate - left.fill_rate);
    a.level = left.level + t * (right.level - left.level);
    a.safety_stock_units = left.safety_stock_units + t * (right.safety_stock_units - left.safety_stock_units);
    a.investment = left.investment + t * (right.investment - left.investment);
  } else {
    a.fill_rate = left.fill_rate;
    a.level = left.level;
    a.safety_stock_units = left.safety_stock_units;
    a.investment = left.investment;
  }
  a.at_lower_bound = p.point == 0 && p.fraction == 0.0;
  a.at_upper_bound = static_cast<std::size_t>(p.point) + 1 == c.points.size();
  return a;
}

void summarise(std::span<const ServiceCurve> curves, FillRateWeighting weighting, Allocation& out) {
  double w_total = 0.0, wf = 0.0;
  out.investment = 0.0;
  out.segments.clear();
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const ItemAllocation& a = out.items[i];
    const double w = weight_of(curves[i], weighting);
    w_total += w;
    wf += w * a.fill_rate;
    out.investment += a.investment;
    auto it = std::find_if(out.segments.begin(), out.segments.end(),
                           [&](const SegmentSummary& s) { return s.segment == a.segment; });
    if (it == out.segments.end()) {
      out.segments.push_back({a.segment});
      it = out.segments.end() - 1;
    }
    ++it->items;
    it->weight += w;
    it->fill_rate += w * a.fill_rate;  // divided below
    it->investment += a.investment;
  }
  for (SegmentSummary& s : out.segments) s.fill_rate = s.weight > 0.0 ? s.fill_rate / s.weight : 0.0;
  out.aggregate_fill_rate = w_total > 0.0 ? wf / w_total : 0.0;
}

// One item's term of the dual g(lambda) = sum_i min_k [c_ik - lambda w_i f_ik] + lambda T W.
double dual_term(const ServiceCurve& c, double w, double lambda) {
  double best = std::numeric_limits<double>::infinity();
  for (const ServiceCurvePoint& p : c.points) best = std::min(best, p.investment - lambda * w * p.fill_rate);
  return best;
}

}  // namespace

Result<AllocationRun> AllocationRun::start(std::span<const ServiceCurve> curves, const AllocationRequest& r) {
  if (curves.empty()) return Problem{"items", "the portfolio has no item"};
  for (std::size_t i = 0; i < curves.size(); ++i)
    if (curves[i].points.empty()) return Problem{"items/" + std::to_string(i), "has an empty service curve"};
  const bool by_budget = r.objective == AllocationObjective::max_fill_rate_for_budget;
  if (!by_budget && !(r.target_fill_rate > 0.0 && r.target_fill_rate < 1.0))
    return Problem{"target_fill_rate", "must be strictly between 0 and 1 (got " + format_number(r.target_fill_rate) + ")"};
  if (by_budget && !std::isfinite(r.budget))
    return Problem{"budget", "must be a finite amount of money (got " + format_number(r.budget) + ")"};

  double w_total = 0.0, wf_low = 0.0, wf_high = 0.0, cost_low = 0.0;
  for (const ServiceCurve& c : curves) {
    const double w = weight_of(c, r.weighting);
    w_total += w;
    wf_low += w * c.points.front().fill_rate;
    wf_high += w * c.points.back().fill_rate;
    cost_low += c.points.front().investment;
  }
  if (!(w_total > 0.0)) return Problem{"items", "no item has demand, so there is no fill rate to aggregate"};
  if (!by_budget && r.target_fill_rate * w_total > wf_high * (1.0 + 1e-12))
    return Problem{"target_fill_rate", "cannot be reached within the items' upper bounds: the most the portfolio reaches is " +
                                           format_number(wf_high / w_total)};
  if (by_budget && r.budget < cost_low * (1.0 - 1e-12) - 1e-12)
    return Problem{"budget", "is below the investment of every item at its lower bound (" + format_number(cost_low) + ")"};

  AllocationRun run;
  run.request_ = r;
  run.by_budget_ = by_budget;
  run.w_total_ = w_total;
  run.target_ = r.target_fill_rate;
  run.need_ = r.target_fill_rate * w_total - wf_low;
  run.left_ = r.budget - cost_low;
  run.pos_.resize(curves.size());
  run.out_.items.reserve(curves.size());
  return run;
}

long long AllocationRun::estimated_work_units(std::size_t segments, std::size_t curves) {
  // Listing, sorting the runs, the merge passes, the walk (at most every segment), the items and
  // the certificate (every point: about a segment each).
  long long passes = 0;
  for (std::size_t width = kSortRunSegments; width < segments; width *= 2) ++passes;
  const auto s = static_cast<long long>(segments), n = static_cast<long long>(curves);
  return ((3 + passes) * s + 2 * n * kCurveOperations + s + n) / kOperationsPerWorkUnit + 1;
}

// Takes `operations` from the budget left; false (and nothing taken) once it is spent.
bool AllocationRun::spend(long long& left, long long operations) {
  if (left <= 0) return false;
  charge(left, operations);
  return true;
}

// Work that is done whatever is left (a summary of every curve is one step).
void AllocationRun::charge(long long& left, long long operations) {
  left -= operations;
  operations_ += operations;
}

void AllocationRun::list_curve(const ServiceCurve& c, std::size_t i) { append_segments(c, i, request_.weighting, steps_); }

// Bottom-up merge passes over steps_ (runs of width_ already sorted), resumable mid-pair.
bool AllocationRun::merge(long long& left) {
  const std::size_t n = steps_.size();
  while (width_ < n) {
    while (lo_ < n) {
      const std::size_t mid = std::min(lo_ + width_, n), hi = std::min(lo_ + 2 * width_, n);
      if (!pair_open_) {
        i_ = lo_;
        j_ = mid;
        k_ = lo_;
        pair_open_ = true;
      }
      while (k_ < hi) {
        if (!spend(left, 1)) return false;
        // Ties go to the left run: the merge keeps the order of equal slopes (stable).
        if (j_ < hi && (i_ >= mid || steps_[j_].slope < steps_[i_].slope)) merged_[k_++] = steps_[j_++];
        else merged_[k_++] = steps_[i_++];
      }
      pair_open_ = false;
      lo_ = hi;
    }
    steps_.swap(merged_);
    width_ *= 2;
    lo_ = 0;
  }
  return true;
}

bool AllocationRun::step(std::span<const ServiceCurve> curves, long long max_work) {
  long long left = std::max(1LL, max_work) * kOperationsPerWorkUnit;
  const FillRateWeighting weighting = request_.weighting;
  while (phase_ != Phase::done) {
    switch (phase_) {
      case Phase::list: {
        if (next_ == curves.size()) {
          phase_ = Phase::sort_runs;
          next_ = 0;
          break;
        }
        if (!spend(left, static_cast<long long>(curves[next_].points.size()))) return false;
        list_curve(curves[next_], next_);
        ++next_;
        break;
      }
      case Phase::sort_runs: {
        if (next_ >= steps_.size()) {
          phase_ = Phase::merge;
          width_ = kSortRunSegments;
          lo_ = 0;
          merged_.resize(steps_.size());
          break;
        }
        const std::size_t end = std::min(steps_.size(), next_ + kSortRunSegments);
        if (!spend(left, static_cast<long long>(end - next_))) return false;
        std::stable_sort(steps_.begin() + static_cast<std::ptrdiff_t>(next_), steps_.begin() + static_cast<std::ptrdiff_t>(end),
                         [](const MarginalStep& a, const MarginalStep& b) { return a.slope < b.slope; });
        next_ = end;
        break;
      }
      case Phase::merge: {
        if (!merge(left)) return false;
        merged_ = {};
        phase_ = Phase::walk;
        next_ = 0;
        break;
      }
      case Phase::walk: {
        // The walk of allocate(): cheapest segments first until the target (or the budget) is met.
        bool stop = next_ >= steps_.size() || (!by_budget_ && !(need_ > 0.0));
        if (!stop) {
          if (!spend(left, 1)) return false;
          const MarginalStep& s = steps_[next_++];
          CurvePosition& p = pos_[static_cast<std::size_t>(s.item)];
          if (!by_budget_) {
            lambda_ = s.slope;
            if (s.weighted_fill >= need_) {
              p.fraction = need_ / s.weighted_fill;
              if (p.fraction >= 1.0) {
                p.point = s.point + 1;
                p.fraction = 0.0;
              }
              need_ = 0.0;
              stop = true;
            } else {
              p.point = s.point + 1;
              need_ -= s.weighted_fill;
            }
          } else if (s.investment > left_) {
            p.fraction = s.investment > 0.0 ? left_ / s.investment : 0.0;
            lambda_ = s.slope;
            binding_ = true;
            stop = true;
          } else {
            p.point = s.point + 1;
            left_ -= s.investment;
            lambda_ = s.slope;
          }
        }
        if (stop) {
          steps_ = {};
          phase_ = Phase::items;
          next_ = 0;
        }
        break;
      }
      case Phase::items: {
        if (next_ == curves.size()) {
          summarise(curves, weighting, out_);
          charge(left, static_cast<long long>(curves.size()) * kCurveOperations);
          if (by_budget_) target_ = out_.aggregate_fill_rate;
          phase_ = Phase::certify;
          next_ = 0;
          break;
        }
        if (!spend(left, 1)) return false;
        out_.items.push_back(item_at(curves[next_], pos_[next_]));
        ++next_;
        break;
      }
      case Phase::certify: {
        if (next_ == curves.size()) {
          AllocationCertificate& cert = out_.certificate;
          cert.multiplier = lambda_;
          cert.binding = by_budget_ ? binding_ : lambda_ > 0.0;
          cert.primal_investment = out_.investment;
          cert.dual_value = dual_sum_ + lambda_ * target_ * dual_weight_;
          cert.duality_gap = cert.primal_investment - cert.dual_value;
          const double shortfall = std::max(0.0, target_ - out_.aggregate_fill_rate);
          cert.kkt_residual = std::max(lambda_ > 0.0 ? stationarity_ / lambda_ : stationarity_, shortfall);
          summarise(curves, weighting, out_);
          charge(left, static_cast<long long>(curves.size()) * kCurveOperations);
          cert.realized_investment = realized_;
          cert.realized_fill_rate = realized_wf_ / w_total_;
          phase_ = Phase::done;
          break;
        }
        const ServiceCurve& c = curves[next_];
        if (!spend(left, static_cast<long long>(c.points.size()))) return false;
        const double w = weight_of(c, weighting);
        const CurvePosition& at = pos_[next_];
        // The dual's term (all items), the KKT residual's (items with demand and a segment), and
        // the realized answer: whole-unit items cannot sit between two levels, so the one taken
        // in part steps up.
        dual_sum_ += dual_term(c, w, lambda_);
        dual_weight_ += w;
        const auto& pts = c.points;
        if (w > 0.0 && pts.size() >= 2) {
          auto slope = [&](std::size_t k) {
            return (pts[k + 1].investment - pts[k].investment) / (w * (pts[k + 1].fill_rate - pts[k].fill_rate));
          };
          const auto k = static_cast<std::size_t>(at.point);
          double lo_slope = -std::numeric_limits<double>::infinity(), hi_slope = std::numeric_limits<double>::infinity();
          if (at.fraction > 0.0) {
            lo_slope = hi_slope = slope(k);
          } else {
            if (k > 0) lo_slope = slope(k - 1);
            if (k + 1 < pts.size()) hi_slope = slope(k);
          }
          stationarity_ = std::max({stationarity_, lo_slope - lambda_, lambda_ - hi_slope});
        }
        CurvePosition p = at;
        if (c.whole_units && p.fraction > 0.0) {
          p.point += 1;
          p.fraction = 0.0;
        }
        const ItemAllocation a = item_at(c, p);
        realized_ += a.investment;
        realized_wf_ += w * a.fill_rate;
        if (c.whole_units) out_.items[next_] = a;
        ++next_;
        break;
      }
      case Phase::done: break;
    }
  }
  return true;
}

Allocation AllocationRun::take() && { return std::move(out_); }

Result<Allocation> allocate(std::span<const ServiceCurve> curves, const AllocationRequest& r) {
  auto run = AllocationRun::start(curves, r);
  if (!run.ok()) return run.problems();
  while (!run.value().step(curves, 1'000'000'000LL)) {
  }
  return std::move(run.value()).take();
}

Allocation allocation_at(std::span<const ServiceCurve> curves, std::span<const double> fill_rates,
                         FillRateWeighting weighting) {
  Allocation out;
  for (std::size_t i = 0; i < curves.size(); ++i) {
    const ServiceCurvePoint p = point_at_fill_rate(curves[i], i < fill_rates.size() ? fill_rates[i] : 0.0);
    ItemAllocation a;
    a.id = curves[i].id;
    a.segment = curves[i].segment;
    a.fill_rate = p.fill_rate;
    a.level = p.level;
    a.safety_stock_units = p.safety_stock_units;
    a.investment = p.investment;
    a.at_lower_bound = !curves[i].points.empty() && p.fill_rate <= curves[i].points.front().fill_rate;
    a.at_upper_bound = !curves[i].points.empty() && p.fill_rate >= curves[i].points.back().fill_rate;
    out.items.push_back(a);
  }
  summarise(curves, weighting, out);
  out.certificate.primal_investment = out.certificate.realized_investment = out.investment;
  out.certificate.realized_fill_rate = out.aggregate_fill_rate;
  return out;
}

}  // namespace echelon::service
