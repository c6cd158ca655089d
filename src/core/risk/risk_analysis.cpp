#include "core/risk/risk_analysis.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace echelon::risk {

const char* risk_phase_name(RiskPhase phase) {
  switch (phase) {
    case RiskPhase::training: return "training";
    case RiskPhase::fitting: return "fitting";
    case RiskPhase::scoring: return "scoring";
    case RiskPhase::actions: return "actions";
    case RiskPhase::done: return "done";
  }
  return "done";
}

Result<RiskAnalysis> RiskAnalysis::start(std::vector<RiskItemInput> items, const RiskAnalysisOptions& options) {
  Problems problems;
  if (options.score.horizon_periods < 1) problems.push_back({"score.horizon_periods", "must be at least 1"});
  if (options.score.min_history_periods < 1) problems.push_back({"score.min_history_periods", "must be at least 1"});
  {
    // The option checks of the other modules, on a harmless input.
    auto signal_check = compute_signals({}, options.score.signals);
    for (const Problem& p : signal_check.problems()) problems.push_back({"score.signals." + p.path, p.message});
    auto action_check = rank_actions({}, {}, 0.0, options.actions);
    for (const Problem& p : action_check.problems()) problems.push_back({"actions." + p.path, p.message});
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string base = "items/" + std::to_string(i);
    const auto& demand = items[i].demand;
    for (std::size_t t = 0; t < demand.size(); ++t) {
      if (std::isnan(demand[t])) continue;
      if (demand[t] < 0.0 || std::isinf(demand[t])) {
        problems.push_back({base + "/demand/" + std::to_string(t), "must be a finite number of at least 0"});
        break;
      }
    }
    if (items[i].stock) {
      auto check = compute_exposure(*items[i].stock, 0.0, 1);
      for (const Problem& p : check.problems()) problems.push_back({base + "/stock/" + p.path, p.message});
    }
  }
  if (!problems.empty()) return problems;
  RiskAnalysis run;
  run.items_ = std::move(items);
  run.options_ = options;
  run.model_ = uncalibrated_score_model(options.score.horizon_periods);
  run.results_.resize(run.items_.size());
  return run;
}

RiskProgress RiskAnalysis::progress() const {
  RiskProgress p;
  p.phase = phase_;
  p.finished = phase_ == RiskPhase::done;
  if (phase_ == RiskPhase::fitting) {
    p.items_done = fit_ ? fit_->model().iterations : 0;
    p.items_total = options_.score.logistic.max_iterations;
  } else {
    p.items_done = static_cast<int>(next_);
    p.items_total = static_cast<int>(items_.size());
  }
  return p;
}

RiskProgress RiskAnalysis::step(const RiskWorkBudget& budget) {
  long long work = 0;
  const auto has_budget = [&] { return budget.max_work_units <= 0 || work < budget.max_work_units; };
  const int horizon = options_.score.horizon_periods;
  while (phase_ != RiskPhase::done && has_budget()) {
    switch (phase_) {
      case RiskPhase::training: {
        if (next_ == items_.size()) {
          phase_ = RiskPhase::fitting;
          next_ = 0;
          break;
        }
        // Demand was validated in start(), so this cannot fail.
        (void)append_training_rows(items_[next_].demand, options_.score, training_);
        work += static_cast<long long>(items_[next_].demand.size());
        ++next_;
        break;
      }
      case RiskPhase::fitting: {
        if (!fit_) {
          const int rows = static_cast<int>(training_.rows());
          int silent = 0;
          for (unsigned char v : training_.y) silent += v ? 1 : 0;
          model_ = uncalibrated_score_model(horizon);
          model_.training_rows = rows;
          model_.training_silent_rows = silent;
          auto started = enough_to_fit(training_, options_.score) ? LogisticFit::start(training_.x, training_.y, kScoreFeatures, options_.score.logistic)
                                : Result<LogisticFit>(Problem{"rows", "too few"});
          if (!started.ok()) {
            phase_ = RiskPhase::scoring;  // keep the uncalibrated fallback
            break;
          }
          fit_ = std::move(started).value();
          break;
        }
        const long long left = budget.max_work_units > 0 ? std::max(1LL, budget.max_work_units - work) : 0;
        work += static_cast<long long>(fit_->advance(static_cast<std::size_t>(left)));
        if (fit_->finished()) {
          model_.logistic = fit_->model();
          model_.calibrated = true;
          fit_.reset();
          training_ = {};
          phase_ = RiskPhase::scoring;
        }
        break;
      }
      case RiskPhase::scoring: {
        if (next_ == items_.size()) {
          phase_ = RiskPhase::actions;
          next_ = 0;
          break;
        }
        const RiskItemInput& in = items_[next_];
        ItemRisk& out = results_[next_];
        out.item = in.item;
        out.location = in.location;
        out.signals = compute_signals(in.demand, options_.score.signals).value();
        out.no_demand_probability = no_demand_probability(model_, out.signals);
        if (in.stock) out.exposure = compute_exposure(*in.stock, out.signals.tsb_forecast_per_period, horizon).value();
        ++work;
        ++next_;
        break;
      }
      case RiskPhase::actions: {
        if (next_ == 0) {
          // Room at each location: expected demand over H not covered by its own stock.
          std::map<std::string, double> room_by_item;
          for (std::size_t i = 0; i < items_.size(); ++i) {
            const ItemRisk& r = results_[i];
            const double demand = r.signals.tsb_forecast_per_period * horizon;
            const double stock = items_[i].stock ? items_[i].stock->on_hand_units + items_[i].stock->on_order_units : 0.0;
            room_by_item[r.item] += std::max(0.0, demand - stock);
          }
          for (std::size_t i = 0; i < items_.size(); ++i) {
            ItemRisk& r = results_[i];
            const double demand = r.signals.tsb_forecast_per_period * horizon;
            const double stock = items_[i].stock ? items_[i].stock->on_hand_units + items_[i].stock->on_order_units : 0.0;
            r.transfer_room_units = room_by_item[r.item] - std::max(0.0, demand - stock);  // others only
            if (r.transfer_room_units < 1e-9) r.transfer_room_units = 0.0;
          }
        }
        if (next_ == items_.size()) {
          phase_ = RiskPhase::done;
          break;
        }
        ItemRisk& r = results_[next_];
        const std::optional<double> cover = r.exposure ? std::optional<double>(r.exposure->cover_ratio) : std::nullopt;
        r.flag = apply_rules(options_.rules, r.signals, r.no_demand_probability, cover);
        if (r.flag.flagged && r.exposure && items_[next_].stock)
          r.actions = rank_actions(*items_[next_].stock, *r.exposure, r.transfer_room_units, options_.actions).value();
        ++work;
        ++next_;
        break;
      }
      case RiskPhase::done: break;
    }
  }
  RiskProgress p = progress();
  p.work_done = work;
  return p;
}

Result<std::vector<ItemRisk>> analyse_risk(std::vector<RiskItemInput> items, const RiskAnalysisOptions& options) {
  auto run = RiskAnalysis::start(std::move(items), options);
  if (!run.ok()) return run.problems();
  RiskAnalysis& r = run.value();
  while (!r.finished()) r.step();
  return r.results();
}

}  // namespace echelon::risk
