#include "core/service/service_study.h"

#include <algorithm>

namespace echelon::service {

namespace {

long long curve_work(const ServiceRequest& r) { return r.curve.max_points + 48; }

long long allocation_work(const ServiceRequest& r, std::size_t items) {
  return static_cast<long long>(items) * r.curve.max_points / 100 + 1;
}

}  // namespace

Result<ServiceStudy> ServiceStudy::start(std::vector<ServiceItem> items, const ServiceRequest& request) {
  Problems problems;
  if (items.empty()) problems.push_back({"items", "the portfolio has no item"});
  for (std::size_t i = 0; i < items.size(); ++i) {
    Problems p = validate(items[i], "items/" + std::to_string(i));
    problems.insert(problems.end(), p.begin(), p.end());
  }
  const AllocationRequest& a = request.allocation;
  if (a.objective == AllocationObjective::min_investment_for_fill_rate &&
      !(a.target_fill_rate > 0.0 && a.target_fill_rate < 1.0))
    problems.push_back({"target_fill_rate", "must be strictly between 0 and 1 (got " + format_number(a.target_fill_rate) + ")"});
  if (request.curve.max_points < 2)
    problems.push_back({"max_points", "must be at least 2 (got " + std::to_string(request.curve.max_points) + ")"});
  if (request.verify && request.verification.replications < 2)
    problems.push_back({"replications", "must be at least 2 to give an interval"});
  if (request.verify && request.verification.periods < 1) problems.push_back({"periods", "must be at least 1"});
  if (!problems.empty()) return problems;

  ServiceStudy s;
  s.items_ = std::move(items);
  s.request_ = request;
  s.request_.frontier.weighting = request.allocation.weighting;
  s.request_.verification.weighting = request.allocation.weighting;
  const auto n = static_cast<long long>(s.items_.size());
  const auto segments = s.items_.size() * static_cast<std::size_t>(s.request_.curve.max_points - 1);
  s.work_total_ = n * curve_work(s.request_) + 1 + AllocationRun::estimated_work_units(segments, s.items_.size()) +
                  allocation_work(s.request_, s.items_.size()) + n;
  if (s.request_.verify) s.work_total_ += n * verify_work_units(s.request_.verification);
  s.demands_.reserve(s.items_.size());
  return s;
}

void ServiceStudy::finish_allocation() {
  ServiceResults& r = results_;
  const FillRateWeighting w = request_.allocation.weighting;
  double t = 0.0, inv = 0.0;
  if (best_uniform_at(r.curves, w, r.optimized.aggregate_fill_rate, t, inv)) {
    r.uniform_target = t;
    r.uniform = allocation_at(r.curves, std::vector<double>(r.curves.size(), t), w);
    if (r.uniform.investment != 0.0) r.savings_vs_uniform = 1.0 - r.optimized.investment / r.uniform.investment;
  }
  std::vector<double> current;
  bool any = false;
  for (int i : r.item_index) {
    current.push_back(items_[static_cast<std::size_t>(i)].current_fill_rate);
    any |= current.back() > 0.0;
  }
  if (any) {
    r.has_current = true;
    r.current = allocation_at(r.curves, current, w);
  }
  r.frontier = trace_frontier(r.curves, current, request_.frontier);
}

bool ServiceStudy::step(long long max_work) {
  const long long budget = std::max(1LL, max_work);
  long long spent = 0;
  while (!done() && spent < budget) {
    switch (phase_) {
      case Phase::curves: {
        if (next_ == items_.size()) {
          phase_ = Phase::allocate;
          break;
        }
        const std::size_t i = next_++;
        spent += curve_work(request_);
        auto d = protection_demands(items_[i].demand);
        if (!d.ok()) {
          for (Problem p : d.problems()) results_.item_problems.push_back({"items/" + std::to_string(i) + "/demand/" + p.path, p.message});
          demands_.emplace_back();
          break;
        }
        auto c = service_curve(items_[i], *d, request_.curve);
        demands_.push_back(std::move(d).value());
        if (!c.ok() || c->points.empty()) {
          for (Problem p : c.problems()) results_.item_problems.push_back({"items/" + std::to_string(i) + "/" + p.path, p.message});
          break;
        }
        results_.curves.push_back(std::move(c).value());
        results_.item_index.push_back(static_cast<int>(i));
        break;
      }
      case Phase::allocate: {
        // In slices (AllocationRun): on thousands of curves the whole allocation holds a call for
        // longer than a frame.
        if (!allocation_) {
          spent += 1;
          auto run = AllocationRun::start(results_.curves, request_.allocation);
          if (!run.ok()) {
            problems_ = run.problems();
            phase_ = Phase::failed;
            break;
          }
          allocation_.emplace(std::move(run).value());
          break;
        }
        const long long before = allocation_->work_done();
        const bool finished = allocation_->step(results_.curves, budget - spent);
        spent += std::max(1LL, allocation_->work_done() - before);
        if (finished) {
          results_.optimized = std::move(*allocation_).take();
          allocation_.reset();
          phase_ = Phase::frontier;
        }
        break;
      }
      case Phase::frontier: {
        // The frontier, the uniform and the current plans each walk every curve, as the allocation.
        spent += allocation_work(request_, items_.size());
        finish_allocation();
        phase_ = Phase::promise;
        next_ = 0;
        break;
      }
      case Phase::promise: {
        if (next_ == results_.curves.size()) {
          double w_total = 0.0, wf = 0.0;
          for (std::size_t k = 0; k < results_.curves.size(); ++k) {
            const double w = weight_of(results_.curves[k], request_.allocation.weighting);
            w_total += w;
            wf += w * results_.promised_fill_rates[k];
          }
          results_.promised_fill_rate = w_total > 0.0 ? wf / w_total : 0.0;
          next_ = 0;
          phase_ = request_.verify ? Phase::verify : Phase::done;
          break;
        }
        const std::size_t k = next_++;
        const auto i = static_cast<std::size_t>(results_.item_index[k]);
        results_.promised_fill_rates.push_back(fill_rate_at_level(items_[i], demands_[i], results_.optimized.items[k].level));
        spent += 1;
        break;
      }
      case Phase::verify: {
        if (!verifier_ && next_ == results_.curves.size()) {
          std::vector<ServiceItem> simulated;
          for (int i : results_.item_index) simulated.push_back(items_[static_cast<std::size_t>(i)]);
          results_.verification = summarise_verification(simulated, std::move(verified_), request_.verification.weighting);
          results_.verified = true;
          phase_ = Phase::done;
          break;
        }
        const VerifyOptions& o = request_.verification;
        if (!verifier_) {
          const std::size_t k = next_;
          const auto i = static_cast<std::size_t>(results_.item_index[k]);
          verifier_.emplace(items_[i], results_.optimized.items[k].level, results_.promised_fill_rates[k], o, i);
        }
        // As many replications as the budget left pays for (at least one).
        const long long per_replication = verify_replication_work_units(o);
        const long long affordable = std::max(1LL, (budget - spent) / per_replication);
        const int before = verifier_->replications_done();
        verifier_->step(static_cast<int>(std::min<long long>(affordable, o.replications)));
        spent += per_replication * (verifier_->replications_done() - before);
        if (verifier_->done()) {
          // An item that could not be simulated still counts its share, so progress reaches the total.
          spent += per_replication * std::max(0, o.replications - verifier_->replications_done());
          verified_.push_back(verifier_->result());
          verifier_.reset();
          ++next_;
        }
        break;
      }
      default: break;
    }
  }
  work_done_ += spent;
  if (done()) work_done_ = std::max(work_done_, work_total_);
  return done();
}

double ServiceStudy::progress() const {
  if (done()) return 1.0;
  return work_total_ > 0 ? std::min(1.0, static_cast<double>(work_done_) / static_cast<double>(work_total_)) : 0.0;
}

std::string_view ServiceStudy::phase() const {
  switch (phase_) {
    case Phase::curves: return "service curves";
    case Phase::allocate: return "allocation";
    case Phase::frontier: return "frontier";
    case Phase::promise: return "promised fill rates";
    case Phase::verify: return "simulation check";
    case Phase::done: return "done";
    default: return "failed";
  }
}

}  // namespace echelon::service
