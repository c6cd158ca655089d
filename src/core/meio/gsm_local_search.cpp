#include "core/meio/gsm_local_search.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <memory>
#include <queue>
#include <utility>

namespace echelon {
namespace {

// A feasible placement with each stage's cost, changed by moves that visit only the stages they
// affect, and undone back to a mark.
class Placement {
 public:
  Placement(const GsmGrid& grid, std::vector<int> outbound) : g_(grid), s_(std::move(outbound)) {
    const std::size_t n = s_.size();
    si_.assign(n, 0);
    stage_cost_.assign(n, 0.0);
    position_.assign(n, 0);
    proposed_.assign(n, -1);
    queued_.assign(n, 0);
    for (std::size_t p = 0; p < g_.topological_order.size(); ++p)
      position_[static_cast<std::size_t>(g_.topological_order[p])] = static_cast<int>(p);
    for (int jj : g_.topological_order) {
      const auto j = static_cast<std::size_t>(jj);
      int in = g_.min_inbound_ticks[j];
      for (int i : g_.suppliers[j]) in = std::max(in, s_[static_cast<std::size_t>(i)]);
      si_[j] = in;
      s_[j] = std::clamp(s_[j], 0, top(j, in));
      stage_cost_[j] = cost_of(j);
    }
    total_ = 0.0;
    for (double c : stage_cost_) total_ += c;
    work_ += static_cast<double>(n);
  }

  struct Mark {
    std::size_t log_size;
    double total;
  };
  Mark mark() const { return {log_.size(), total_}; }
  void revert(Mark m) {
    while (log_.size() > m.log_size) {
      const Undo& u = log_.back();
      const auto k = static_cast<std::size_t>(u.stage);
      s_[k] = u.outbound;
      si_[k] = u.inbound;
      stage_cost_[k] = u.cost;
      log_.pop_back();
      work_ += 1.0;
    }
    total_ = m.total;
  }
  // Nothing before this point will be undone.
  void forget() { log_.clear(); }

  // Sets the listed stages' outbound times (clamped to feasibility) and re-makes every stage
  // downstream feasible; `following` keeps stages with a zero net replenishment time at zero.
  void apply(const std::vector<std::pair<int, int>>& moved, bool following) {
    for (const auto& [stage, value] : moved) {
      proposed_[static_cast<std::size_t>(stage)] = value;
      enqueue(static_cast<std::size_t>(stage));
    }
    while (!heap_.empty()) {
      const auto k = static_cast<std::size_t>(g_.topological_order[static_cast<std::size_t>(heap_.top())]);
      heap_.pop();
      queued_[k] = 0;
      work_ += 1.0 + static_cast<double>(g_.suppliers[k].size());
      int in = g_.min_inbound_ticks[k];
      for (int i : g_.suppliers[k]) in = std::max(in, s_[static_cast<std::size_t>(i)]);
      const int limit = top(k, in);
      const int old_s = s_[k], old_si = si_[k];
      int next_s;
      if (proposed_[k] >= 0) {
        next_s = std::clamp(proposed_[k], 0, limit);
        proposed_[k] = -1;
      } else if (following && old_s == top(k, old_si)) {
        next_s = limit;
      } else {
        next_s = std::clamp(old_s, 0, limit);
      }
      if (next_s == old_s && in == old_si) continue;
      log_.push_back({static_cast<int>(k), old_s, old_si, stage_cost_[k]});
      s_[k] = next_s;
      si_[k] = in;
      const double before = stage_cost_[k];
      stage_cost_[k] = cost_of(k);
      total_ += stage_cost_[k] - before;
      if (next_s != old_s) {
        work_ += static_cast<double>(g_.customers[k].size());
        for (int c : g_.customers[k]) enqueue(static_cast<std::size_t>(c));
      }
    }
  }
  // Stages changed since a mark (with repeats).
  template <class F>
  void for_each_changed_since(Mark m, F&& f) const {
    for (std::size_t e = m.log_size; e < log_.size(); ++e) f(log_[e].stage);
  }

  double total() const { return total_; }
  double work() const { return work_; }
  void add_work(double w) { work_ += w; }
  const std::vector<int>& outbound() const { return s_; }
  const std::vector<int>& inbound() const { return si_; }

 private:
  struct Undo {
    int stage;
    int outbound;
    int inbound;
    double cost;
  };
  int top(std::size_t k, int inbound) const {
    return std::min(g_.max_outbound_ticks[k], inbound + g_.processing_ticks[k]);
  }
  double cost_of(std::size_t k) const {
    const double tau = static_cast<double>(si_[k] + g_.processing_ticks[k] - s_[k]) * g_.resolution + g_.offset_periods[k];
    return gsm_stage_cost(g_, k, tau);
  }
  void enqueue(std::size_t k) {
    if (queued_[k]) return;
    queued_[k] = 1;
    heap_.push(position_[k]);
  }

  const GsmGrid& g_;
  std::vector<int> s_, si_;
  std::vector<double> stage_cost_;
  double total_ = 0.0;
  double work_ = 0.0;
  std::vector<int> position_;
  std::vector<int> proposed_;
  std::vector<char> queued_;
  std::priority_queue<int, std::vector<int>, std::greater<int>> heap_;
  std::vector<Undo> log_;
};

bool cheaper(double candidate, double incumbent) {
  return candidate < incumbent - 1e-9 * std::max(1.0, std::fabs(incumbent));
}

class Search {
 public:
  Search(const GsmGrid& grid, const GsmCandidates& candidates, std::vector<int> outbound)
      : g_(grid), x_(candidates), p_(grid, std::move(outbound)) {}

  void set_work_limit(double limit) { limit_ = limit; }

  bool out_of_work() const { return p_.work() >= limit_; }

  // Tries stage j's moves, first improvement; keeps the first one that lowers the cost. The
  // work limit is looked at only between stages, so every slice of work makes progress.
  bool improve_stage(std::size_t j) {
    const double start = p_.total();
    auto attempt = [&](const std::vector<std::pair<int, int>>& moved) {
      for (const bool following : {true, false}) {
        const Placement::Mark m = p_.mark();
        p_.apply(moved, following);
        if (cheaper(p_.total(), start)) return true;
        p_.revert(m);
      }
      return false;
    };
    const int s = p_.outbound()[j];
    for (int x : x_.outbound[j]) {
      if (x == s || x > g_.max_outbound_ticks[j]) continue;
      moved_.assign(1, {static_cast<int>(j), x});
      if (attempt(moved_)) return true;
    }
    const int si = p_.inbound()[j];
    for (int y : x_.inbound[j]) {
      if (y >= si) break;
      if (y < g_.min_inbound_ticks[j]) continue;
      moved_.clear();
      for (int i : g_.suppliers[j])
        if (p_.outbound()[static_cast<std::size_t>(i)] > y) moved_.push_back({i, y});
      if (moved_.empty()) continue;
      if (attempt(moved_)) return true;
      if (cap_upstream(j, y) && attempt(moved_)) return true;
    }
    return false;
  }

  // The caps of an inbound move carried upstream through pass-through stages: a capped supplier
  // whose net replenishment time is 0 keeps it at 0 by capping its own suppliers at
  // y - T_i, and so on. Fills moved_; false when no supplier is pass-through (nothing new).
  bool cap_upstream(std::size_t j, int y) {
    moved_.clear();
    stack_.clear();
    bool deeper = false;
    for (int i : g_.suppliers[j]) stack_.push_back({i, y});
    while (!stack_.empty()) {
      const auto [stage, cap] = stack_.back();
      stack_.pop_back();
      const auto i = static_cast<std::size_t>(stage);
      const int s = p_.outbound()[i];
      if (s <= cap) continue;
      moved_.push_back({stage, cap});
      p_.add_work(1.0);
      const bool pass_through = s == std::min(g_.max_outbound_ticks[i], p_.inbound()[i] + g_.processing_ticks[i]);
      const int below = cap - g_.processing_ticks[i];
      if (!pass_through || below < g_.min_inbound_ticks[i] || below < 0) continue;
      for (int k : g_.suppliers[i]) {
        if (p_.outbound()[static_cast<std::size_t>(k)] > below) {
          stack_.push_back({k, below});
          deeper = true;
        }
      }
    }
    return deeper;
  }

  // Full passes in topological order until one gains nothing; resumes where it stopped.
  // Returns true when finished.
  bool descend() {
    const std::size_t n = g_.topological_order.size();
    while (!out_of_work()) {
      if (pass_at_ == n) {
        if (!pass_improved_) return true;
        pass_at_ = 0;
        pass_improved_ = false;
      }
      const auto j = static_cast<std::size_t>(g_.topological_order[pass_at_]);
      if (improve_stage(j)) {
        pass_improved_ = true;
        p_.forget();
      } else {
        ++pass_at_;
      }
    }
    return false;
  }

  // Descent over a work list: the stages a change touched and their neighbours.
  void descend_locally(Placement::Mark since) {
    std::vector<int> list;
    std::vector<char>& listed = listed_;
    listed.assign(p_.outbound().size(), 0);
    auto add_around = [&](int stage) {
      const auto k = static_cast<std::size_t>(stage);
      auto add = [&](int v) {
        if (!listed[static_cast<std::size_t>(v)]) {
          listed[static_cast<std::size_t>(v)] = 1;
          list.push_back(v);
        }
      };
      add(stage);
      for (int i : g_.suppliers[k]) add(i);
      for (int c : g_.customers[k]) add(c);
    };
    p_.for_each_changed_since(since, add_around);
    for (std::size_t at = 0; at < list.size() && !out_of_work(); ++at) {
      const auto j = static_cast<std::size_t>(list[at]);
      listed[j] = 0;
      p_.add_work(1.0);
      const Placement::Mark m = p_.mark();
      if (improve_stage(j)) {
        p_.for_each_changed_since(m, add_around);
        if (!listed[j]) {
          listed[j] = 1;
          list.push_back(static_cast<int>(j));
        }
      }
    }
  }

  // Descent first (resumed where the last call stopped), then, with `iterate`, kicks: each one
  // kept when it lowers the best cost, undone otherwise. Returns true when there is nothing
  // left to do: the descent ended without `iterate`, or `stall_kicks` kicks in a row gained
  // nothing.
  bool run(bool iterate, long long stall_kicks, std::mt19937& rng) {
    if (!descended_) {
      if (!descend()) return false;
      descended_ = true;
      save_best();
      p_.forget();
    }
    if (!iterate) return true;
    const std::size_t n = best_s_.size();
    if (n == 0) return true;
    while (!out_of_work()) {
      if (kicks_since_gain_ >= stall_kicks) return true;
      ++kicks_;
      ++kicks_since_gain_;
      const Placement::Mark start = p_.mark();
      const int kicked = 1 + static_cast<int>(rng() % 3u);
      for (int k = 0; k < kicked; ++k) {
        const std::size_t j = rng() % n;
        const std::vector<int>& xs = x_.outbound[j];
        if (xs.empty()) continue;
        const int x = xs[rng() % xs.size()];
        if (x == p_.outbound()[j] || x > g_.max_outbound_ticks[j]) continue;
        moved_.assign(1, {static_cast<int>(j), x});
        p_.apply(moved_, (rng() & 1u) != 0);
      }
      descend_locally(start);
      if (cheaper(p_.total(), best_total_)) {
        ++kicks_improving_;
        kicks_since_gain_ = 0;
        save_best();
        p_.forget();
      } else {
        p_.revert(start);
      }
    }
    return false;
  }

  // The best placement seen (the current one until the descent has ended).
  const std::vector<int>& best_outbound() const { return descended_ ? best_s_ : p_.outbound(); }
  const std::vector<int>& best_inbound() const { return descended_ ? best_si_ : p_.inbound(); }
  double work() const { return p_.work(); }
  long long kicks() const { return kicks_; }
  long long kicks_improving() const { return kicks_improving_; }

  void save_best() {
    best_s_ = p_.outbound();
    best_si_ = p_.inbound();
    best_total_ = p_.total();
    p_.add_work(static_cast<double>(best_s_.size()));
  }

 private:
  const GsmGrid& g_;
  const GsmCandidates& x_;
  Placement p_;
  double limit_ = 0.0;
  bool descended_ = false;
  std::size_t pass_at_ = 0;      // the descent's position in its current pass
  bool pass_improved_ = false;
  long long kicks_ = 0, kicks_improving_ = 0, kicks_since_gain_ = 0;
  std::vector<std::pair<int, int>> moved_, stack_;
  std::vector<char> listed_;
  std::vector<int> best_s_, best_si_;
  double best_total_ = 0.0;
};

}  // namespace

struct GsmLocalSearch::Impl {
  Impl(const GsmGrid& grid, const GsmCandidates& candidates, std::vector<int> outbound)
      : search(grid, candidates, std::move(outbound)) {}
  Search search;
};

GsmLocalSearch::GsmLocalSearch(const GsmGrid& grid, const GsmCandidates& candidates, std::vector<int> outbound)
    : grid_(&grid), impl_(std::make_unique<Impl>(grid, candidates, std::move(outbound))) {}
GsmLocalSearch::GsmLocalSearch(GsmLocalSearch&&) noexcept = default;
GsmLocalSearch& GsmLocalSearch::operator=(GsmLocalSearch&&) noexcept = default;
GsmLocalSearch::~GsmLocalSearch() = default;

bool GsmLocalSearch::run(double work_limit, bool iterate, long long stall_kicks, std::mt19937& rng) {
  impl_->search.set_work_limit(work_limit);
  return impl_->search.run(iterate, stall_kicks, rng);
}

GsmLocalSearchResult GsmLocalSearch::best() const {
  GsmLocalSearchResult result;
  result.outbound = impl_->search.best_outbound();
  result.inbound = impl_->search.best_inbound();
  result.cost = gsm_tick_cost(*grid_, result.outbound, result.inbound);
  result.work = impl_->search.work();
  result.kicks = impl_->search.kicks();
  result.kicks_improving = impl_->search.kicks_improving();
  return result;
}

double GsmLocalSearch::work() const { return impl_->search.work(); }

GsmLocalSearchResult gsm_local_search(const GsmGrid& grid, const GsmCandidates& candidates,
                                      std::vector<int> outbound, const GsmLocalSearchOptions& options,
                                      std::mt19937& rng) {
  GsmLocalSearch search(grid, candidates, std::move(outbound));
  search.run(options.work_limit, options.iterate, options.stall_kicks, rng);
  return search.best();
}

}  // namespace echelon
