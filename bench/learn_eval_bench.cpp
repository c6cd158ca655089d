// Evaluation of learned, dynamic buffers against the static textbook buffer (core/learn/backtest.h).
//
// For every series: a fixed training part, then one-period-ahead planning over the test part
// with a lead time, both methods at the same target fill rate, both simulated against the demand
// that actually happened. Printed per data set: items meeting the target, aggregate fill rate,
// average inventory (sum over items of the mean on-hand units), and the share of items where the
// learned method holds less inventory while meeting the target.
//
// Data sets:
//   carparts   ../shared/data/carparts_long.csv: 2,674 monthly series, 51 months. Training 24
//              months, test 27, lead time 1 month (protection 2 months), missing months as missing.
//   generated  non-stationary series with known parameters (below): 120 weeks, training 48,
//              test 72, lead time 2 weeks. Seeds fixed; the generator is the harness's LCG.
//
// Usage: learn_eval_bench [--items N] [--target 0.95] [--window N] [--relearn-every K]
//                         [--bias-correction] [--no-change-detection] [--demand-spread]
//                         [--level-smoothing W] [--parametric] [--compound] [--continuous-levels]
//                         [--no-level-cap] [--learned-curve] [--dump FILE] [--rate-window N]
//                         [--empirical-blocks] [--every-period] [--occurrence-penalty P]
//                         [--change-penalty P]
//   --items N    only every k-th carparts series so that about N are used (quick look)
//   --dump FILE  one line per item (class, fill rates, inventory, mean levels) plus the demand
//                and the learned levels, to see where the inventory sits
//   --learned-curve  also size the learned method for targets 0.80 .. 0.99 and count the items
//                meeting the stated target: its inventory at equal items, beside the static curve
//   --relearn-on-change  with --relearn-every K > 1: also re-plan when a new change is found
//   The learned method by default: intermittent and lumpy parts sized by a Poisson of their
//   mean demand over the last 12 periods (IntermittentSizing::recent_rate, --rate-window N),
//   slow movers' levels following falls at once and rising when a count CUSUM signals a
//   doubled rate (LevelUpdate::falls_follow, in-control run length 370 periods, --rise-arl A);
//   smooth and erratic demand re-learned every period with its level smoothed.
//   --empirical-blocks  intermittent and lumpy parts sized from overlapping blocks
//                (IntermittentSizing::empirical_blocks) instead
//   --every-period  every item's level re-learned every period (LevelUpdate::every_period)
//   --occurrence-penalty P, --change-penalty P  the change tests' penalties per ln n
//   --compound   intermittent and lumpy parts sized by the compound binomial model (buffer.h)
//   --continuous-levels  empirical and compound levels as the least real level, not whole units
//   the others set the learned method's options (core/learn/demand_learner.h, backtest.h);
//   the learned method's level is smoothed with W = 0.3 unless --level-smoothing says otherwise
#include <algorithm>
#include <cmath>
#include <numbers>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/history_csv.h"
#include "core/learn/backtest.h"
#include "core/learn/demand_class.h"
#include "core/learn/replay.h"
#include "harness.h"

using namespace echelon;

namespace {

struct Totals {
  int items = 0;
  int items_with_demand = 0;
  int static_meets = 0, learned_meets = 0;               // over all items
  int static_meets_demand = 0, learned_meets_demand = 0;  // over items with test demand
  double static_inventory = 0.0, learned_inventory = 0.0;
  double demand = 0.0, static_filled = 0.0, learned_filled = 0.0;
  int learned_less_and_meets = 0;
  int failures = 0;
};

void add(Totals& t, const learn::SeriesBacktest& b) {
  ++t.items;
  const bool has_demand = b.static_method.service.demand > 0.0;
  t.items_with_demand += has_demand;
  t.static_meets += b.static_method.meets_target;
  t.learned_meets += b.learned.meets_target;
  if (has_demand) {
    t.static_meets_demand += b.static_method.meets_target;
    t.learned_meets_demand += b.learned.meets_target;
  }
  t.static_inventory += b.static_method.service.average_on_hand;
  t.learned_inventory += b.learned.service.average_on_hand;
  t.demand += b.static_method.service.demand;
  t.static_filled += b.static_method.service.filled_from_stock;
  t.learned_filled += b.learned.service.filled_from_stock;
  t.learned_less_and_meets +=
      b.learned.meets_target && b.learned.service.average_on_hand < b.static_method.service.average_on_hand;
}

void print(const char* name, const Totals& t, double target) {
  const double reduction = t.static_inventory > 0.0 ? 1.0 - t.learned_inventory / t.static_inventory : 0.0;
  std::printf("\n== %s: %d items (%d with test demand), %d not backtested; target fill rate %.2f\n", name, t.items,
              t.items_with_demand, t.failures, target);
  std::printf("%-34s %14s %14s\n", "", "static (a)", "learned (b)");
  std::printf("%-34s %14d %14d\n", "items meeting target (all)", t.static_meets, t.learned_meets);
  std::printf("%-34s %14d %14d\n", "items meeting target (with demand)", t.static_meets_demand, t.learned_meets_demand);
  std::printf("%-34s %14.4f %14.4f\n", "aggregate fill rate", t.demand > 0 ? t.static_filled / t.demand : 1.0,
              t.demand > 0 ? t.learned_filled / t.demand : 1.0);
  std::printf("%-34s %14.1f %14.1f\n", "average inventory (units)", t.static_inventory, t.learned_inventory);
  std::printf("%-34s %29.1f%%\n", "inventory reduction (b vs a)", 100.0 * reduction);
  std::printf("%-34s %29.1f%%\n", "items: (b) less stock, meets target",
              t.items > 0 ? 100.0 * t.learned_less_and_meets / t.items : 0.0);
  const bool met = t.learned_meets >= t.static_meets && reduction >= 0.15;
  std::printf("target (b meets on >= as many items, >= 15%% less inventory): %s\n", met ? "MET" : "NOT MET");
  std::fflush(stdout);
}

// The static method at higher targets: how much inventory it needs to reach the service the
// learned method achieved at the stated target (same simulation; a fair like-for-like view when
// the static method misses its own target).
void static_curve(const std::vector<const std::vector<double>*>& series, int training, int lead,
                  const Totals& learned) {
  const double learned_fill = learned.demand > 0 ? learned.learned_filled / learned.demand : 1.0;
  std::printf("static method at higher targets (to compare at equal achieved service):\n");
  std::printf("%-10s %14s %14s %14s\n", "target", "items meeting", "fill rate", "inventory");
  const double targets[] = {0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999};
  double previous_fill = 0.0, previous_inventory = 0.0;
  bool found = false;
  for (double target : targets) {
    double demand = 0.0, filled = 0.0, inventory = 0.0;
    int meets = 0;
    for (const std::vector<double>* y : series) {
      auto s = learn::static_order_up_to(*y, training, lead, target);
      if (!s.ok()) continue;
      const std::vector<double> levels(y->size() - static_cast<std::size_t>(training), *s);
      const learn::SimulatedService r = learn::simulate_base_stock(*y, static_cast<std::size_t>(training), levels, lead);
      demand += r.demand;
      filled += r.filled_from_stock;
      inventory += r.average_on_hand;
      meets += r.fill_rate >= 0.95 - 1e-12;
    }
    const double fill = demand > 0 ? filled / demand : 1.0;
    std::printf("%-10.3f %14d %14.4f %14.1f\n", target, meets, fill, inventory);
    if (!found && fill >= learned_fill && target > targets[0]) {
      const double w = fill > previous_fill ? (learned_fill - previous_fill) / (fill - previous_fill) : 1.0;
      const double at = previous_inventory + w * (inventory - previous_inventory);
      std::printf("  -> the static method reaches the learned fill rate %.4f with about %.1f units "
                  "(learned: %.1f, %.1f%% less)\n",
                  learned_fill, at, learned.learned_inventory, 100.0 * (1.0 - learned.learned_inventory / at));
      found = true;
    }
    previous_fill = fill;
    previous_inventory = inventory;
  }
  if (!found) std::printf("  -> the static method does not reach the learned fill rate %.4f at any target above\n", learned_fill);
  std::fflush(stdout);
}

// The learned method sized for other targets, judged against the stated one: its curve of items
// meeting the target against inventory, to set beside the static method's (--learned-curve).
void learned_curve(const std::vector<const std::vector<double>*>& series, const learn::BacktestOptions& base,
                   double judged_at) {
  std::printf("learned method sized for other targets (judged at %.3f):\n", judged_at);
  std::printf("%-10s %14s %14s %14s\n", "target", "items meeting", "fill rate", "inventory");
  for (double target : {0.80, 0.85, 0.90, 0.93, 0.95, 0.97, 0.98, 0.99}) {
    learn::BacktestOptions o = base;
    o.target_fill_rate = target;
    double demand = 0.0, filled = 0.0, inventory = 0.0;
    int meets = 0;
    for (const std::vector<double>* y : series) {
      auto r = learn::backtest_series(*y, o);
      if (!r.ok()) continue;
      demand += r->learned.service.demand;
      filled += r->learned.service.filled_from_stock;
      inventory += r->learned.service.average_on_hand;
      meets += r->learned.service.fill_rate >= judged_at - 1e-12;
    }
    std::printf("%-10.3f %14d %14.4f %14.1f\n", target, meets, demand > 0 ? filled / demand : 1.0, inventory);
  }
  std::fflush(stdout);
}

// One line per item for --dump: where the inventory sits.
void dump_row(std::FILE* out, const char* set, std::size_t index, const std::string& kind, const std::vector<double>& y,
              int training, const learn::SeriesBacktest& b) {
  if (out == nullptr) return;
  const auto first = static_cast<std::size_t>(training);
  const learn::DemandProfile profile = learn::demand_profile(std::span<const double>(y).first(first));
  double mean_a = 0.0, mean_b = 0.0, max_b = 0.0;
  for (double v : b.static_method.order_up_to) mean_a += v;
  for (double v : b.learned.order_up_to) mean_b += v, max_b = std::max(max_b, v);
  mean_a /= static_cast<double>(b.static_method.order_up_to.size());
  mean_b /= static_cast<double>(b.learned.order_up_to.size());
  std::fprintf(out, "%s,%zu,%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f\n", set, index, kind.c_str(),
               std::string(learn::demand_class_name(profile.demand_class)).c_str(), b.static_method.service.demand,
               b.static_method.service.fill_rate, b.learned.service.fill_rate, b.static_method.service.average_on_hand,
               b.learned.service.average_on_hand, mean_a, mean_b, max_b, profile.mean_size);
  std::fprintf(out, "  y:");
  for (double v : y) std::fprintf(out, " %g", v);
  std::fprintf(out, "\n  S:");
  for (double v : b.learned.order_up_to) std::fprintf(out, " %.1f", v);
  std::fprintf(out, "\n");
}

// --- Generated series -------------------------------------------------------------------------

double normal(std::uint64_t& state) {
  const double u1 = 1.0 - bench::unit_random(state);
  const double u2 = bench::unit_random(state);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double poisson(std::uint64_t& state, double mean) {
  // Inversion: fine for the small means used here.
  const double u = bench::unit_random(state);
  double p = std::exp(-mean), cdf = p;
  int k = 0;
  while (u > cdf && k < 10000) {
    ++k;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

struct Generated {
  std::string kind;
  std::vector<double> demand;
};

// Kinds (120 periods; the change falls in the test part, periods 55..95):
//   shift_up      normal mean 20 -> 35, sd 5, rounded, >= 0
//   shift_down    normal mean 30 -> 12, sd 5
//   spread_up     normal mean 25, sd 3 -> 9
//   trend         normal mean 10 + 0.25 t, sd 4
//   intermittent  demand in a period with probability 0.25 -> 0.5, size 1 + Poisson(3)
//   obsolescence  Poisson(4) -> Poisson(0.3)
//   steady        Poisson(8), no change (control)
std::vector<Generated> generate(int per_kind) {
  std::vector<Generated> out;
  const char* kinds[] = {"shift_up", "shift_down", "spread_up", "trend", "intermittent", "obsolescence", "steady"};
  std::uint64_t state = 20240601;
  for (const char* kind : kinds) {
    for (int i = 0; i < per_kind; ++i) {
      Generated g;
      g.kind = kind;
      const int change = 55 + static_cast<int>(40.0 * bench::unit_random(state));
      for (int t = 0; t < 120; ++t) {
        const bool after = t >= change;
        double y = 0.0;
        const std::string k = kind;
        if (k == "shift_up") y = (after ? 35.0 : 20.0) + 5.0 * normal(state);
        else if (k == "shift_down") y = (after ? 12.0 : 30.0) + 5.0 * normal(state);
        else if (k == "spread_up") y = 25.0 + (after ? 9.0 : 3.0) * normal(state);
        else if (k == "trend") y = 10.0 + 0.25 * t + 4.0 * normal(state);
        else if (k == "intermittent") y = bench::unit_random(state) < (after ? 0.5 : 0.25) ? 1.0 + poisson(state, 3.0) : 0.0;
        else if (k == "obsolescence") y = poisson(state, after ? 0.3 : 4.0);
        else y = poisson(state, 8.0);
        g.demand.push_back(std::max(0.0, std::round(y)));
      }
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int wanted_items = 0;
  double target = 0.95;
  learn::DemandLearningOptions learning;
  int relearn_every = 1;
  const char* dump_path = nullptr;
  double smoothing = 0.3;
  bool with_learned_curve = false;
  bool relearn_on_change = false;
  learn::LevelUpdate level_update = learn::LevelUpdate::falls_follow;
  double rise_arl = 370.0;
  learning.intermittent_sizing = learn::IntermittentSizing::recent_rate;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--items") == 0 && has_value) wanted_items = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--target") == 0 && has_value) target = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--window") == 0 && has_value) learning.window_periods = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--relearn-every") == 0 && has_value) relearn_every = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--dump") == 0 && has_value) dump_path = argv[i + 1];
    if (std::strcmp(argv[i], "--level-smoothing") == 0 && has_value) smoothing = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--parametric") == 0) learning.intermittent_sizing = learn::IntermittentSizing::parametric;
    if (std::strcmp(argv[i], "--learned-curve") == 0) with_learned_curve = true;
    if (std::strcmp(argv[i], "--relearn-on-change") == 0) relearn_on_change = true;
    if (std::strcmp(argv[i], "--continuous-levels") == 0) learning.continuous_levels = true;
    if (std::strcmp(argv[i], "--occurrence-penalty") == 0 && has_value) learning.change.occurrence_penalty_per_log_n = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--change-penalty") == 0 && has_value) learning.change.penalty_per_log_n = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--rate-window") == 0 && has_value) learning.rate_window_periods = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--rise-arl") == 0 && has_value) rise_arl = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--every-period") == 0) level_update = learn::LevelUpdate::every_period;
    if (std::strcmp(argv[i], "--empirical-blocks") == 0) learning.intermittent_sizing = learn::IntermittentSizing::empirical_blocks;
    if (std::strcmp(argv[i], "--compound") == 0) learning.intermittent_sizing = learn::IntermittentSizing::compound_binomial;
    if (std::strcmp(argv[i], "--no-level-cap") == 0) learning.cap_level_at_largest = false;
    if (std::strcmp(argv[i], "--bias-correction") == 0) learning.correct_bias = true;
    if (std::strcmp(argv[i], "--no-change-detection") == 0) learning.detect_changes = false;
    if (std::strcmp(argv[i], "--demand-spread") == 0) learning.basis = learn::SpreadBasis::demand_spread;
  }
  std::FILE* dump = dump_path != nullptr ? std::fopen(dump_path, "w") : nullptr;
  if (dump != nullptr) std::fprintf(dump, "set,index,kind,class,test_demand,fill_a,fill_b,inv_a,inv_b,s_a,s_b,max_s_b,size\n");
  std::printf("Learned dynamic buffers vs the static textbook buffer [%s]\n", bench::target_name());
  std::printf("Both: periodic review every period, backorders, one-period-ahead levels from the past only,\n"
              "the same fill-rate rule (E[(X - S)^+] <= (1 - target) x expected demand per period) and the\n"
              "same simulation against the actual demand. (a) normal with the training mean and sd, fixed;\n"
              "(b) learn_demand re-run every period on all periods before it; intermittent and lumpy parts\n"
              "sized %s;\n%s.\n",
              learning.intermittent_sizing == learn::IntermittentSizing::recent_rate
                  ? ("by a Poisson of the mean demand of the last " + std::to_string(learning.rate_window_periods) +
                     " periods").c_str()
                  : "by the learner's intermittent sizing option",
              level_update == learn::LevelUpdate::falls_follow
                  ? "slow movers' levels follow falls at once and rise only when a count CUSUM signals a doubled\n"
                    "rate, the others' levels are smoothed"
                  : "every level smoothed");
  std::printf("Level smoothing weight %.2f; change penalties %.1f ln n (level, spread), %.1f ln n (occurrence);\n"
              "count CUSUM in-control run length %.0f periods.\n",
              smoothing, learning.change.penalty_per_log_n, learning.change.occurrence_penalty_per_log_n, rise_arl);

  // Replays: a demand shock and a lead-time shock, period by period, so the lag shows.
  {
    std::uint64_t state = 77;
    std::vector<double> demand(90), lead(90);
    for (int t = 0; t < 90; ++t) {
      demand[static_cast<std::size_t>(t)] = std::max(0.0, std::round((t < 50 ? 20.0 : 35.0) + 4.0 * normal(state)));
      lead[static_cast<std::size_t>(t)] = t < 60 ? 2.0 : 4.0;
    }
    learn::ReplayOptions ro;
    ro.learning.lead_time_periods = 2.0;
    auto shock = learn::replay_buffers(demand, ro);
    ro.lead_time_observed = lead;
    auto lead_shock = learn::replay_buffers(demand, ro);
    if (shock.ok() && lead_shock.ok()) {
      std::printf("\nReplay: demand steps 20 -> 35 at period 50 (sd 4); lead time 2 -> 4 at period 60 (second run)\n");
      std::printf("%6s %7s | %9s %9s %7s %9s | %9s %9s %9s\n", "period", "demand", "forecast", "buffer", "from",
                  "order-up", "lead time", "buffer", "order-up");
      for (std::size_t i = 0; i < shock->periods.size(); ++i) {
        const learn::ReplayPeriod& p = shock->periods[i];
        const learn::ReplayPeriod& q = lead_shock->periods[i];
        if (p.period < 44 || p.period > 76) continue;
        std::printf("%6d %7.0f | %9.1f %9.1f %7d %9.1f | %9.2f %9.1f %9.1f\n", p.period, demand[static_cast<std::size_t>(p.period)],
                    p.forecast_per_period, p.safety_stock, p.data_from, p.order_up_to, q.lead_time_mean, q.safety_stock,
                    q.order_up_to);
      }
      std::printf("demand change points found at periods:");
      for (int c : shock->demand_changes) std::printf(" %d", c);
      std::printf("; lead-time changes at periods:");
      for (int c : lead_shock->lead_time_changes) std::printf(" %d", c);
      std::printf("\n");
    }
  }

  // Generated series.
  {
    learn::BacktestOptions o;
    o.training_periods = 48;
    o.lead_time_periods = 2;
    o.target_fill_rate = target;
    o.learning = learning;
    o.relearn_every_periods = relearn_every;
    o.relearn_on_change = relearn_on_change;
    o.level_update = level_update;
    o.rise_in_control_arl = rise_arl;
    o.level_smoothing = smoothing;
    const std::vector<Generated> series = generate(30);
    Totals all;
    std::vector<std::string> kinds;
    std::vector<Totals> by_kind;
    for (const Generated& g : series) {
      if (kinds.empty() || kinds.back() != g.kind) kinds.push_back(g.kind), by_kind.emplace_back();
      auto r = learn::backtest_series(g.demand, o);
      if (!r.ok()) {
        ++all.failures;
        ++by_kind.back().failures;
        continue;
      }
      add(all, *r);
      add(by_kind.back(), *r);
      dump_row(dump, "generated", static_cast<std::size_t>(&g - series.data()), g.kind, g.demand, o.training_periods, *r);
    }
    std::printf("\nGenerated: 120 periods, training 48, test 72, lead time 2 (protection 3 periods)\n");
    std::printf("%-14s %6s %9s %9s %9s %9s %12s %12s\n", "kind", "items", "meets(a)", "meets(b)", "fill(a)", "fill(b)",
                "inv(a)", "inv(b)");
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      const Totals& t = by_kind[k];
      std::printf("%-14s %6d %9d %9d %9.4f %9.4f %12.1f %12.1f\n", kinds[k].c_str(), t.items, t.static_meets,
                  t.learned_meets, t.static_filled / t.demand, t.learned_filled / t.demand, t.static_inventory,
                  t.learned_inventory);
    }
    print("generated non-stationary series", all, target);
    std::vector<const std::vector<double>*> pointers;
    for (const Generated& g : series) pointers.push_back(&g.demand);
    static_curve(pointers, o.training_periods, o.lead_time_periods, all);
    if (with_learned_curve) learned_curve(pointers, o, target);
  }

  // Car parts.
  {
    const std::string path = std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::printf("\ncarparts: cannot read %s (skipped)\n", path.c_str());
      return 0;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto history = parse_history_csv(buffer.str());
    if (!history.ok()) {
      std::printf("\ncarparts: %s\n", describe(history.problems()).c_str());
      return 1;
    }
    learn::BacktestOptions o;
    o.training_periods = 24;
    o.lead_time_periods = 1;
    o.target_fill_rate = target;
    o.learning = learning;
    o.relearn_every_periods = relearn_every;
    o.relearn_on_change = relearn_on_change;
    o.level_update = level_update;
    o.rise_in_control_arl = rise_arl;
    o.level_smoothing = smoothing;
    const std::size_t n = history->series.size();
    const std::size_t stride = wanted_items > 0 ? std::max<std::size_t>(1, n / static_cast<std::size_t>(wanted_items)) : 1;
    Totals t;
    std::vector<const std::vector<double>*> pointers;
    for (std::size_t i = 0; i < n; i += stride) {
      pointers.push_back(&history->series[i].quantities);
      auto r = learn::backtest_series(history->series[i].quantities, o);
      if (!r.ok()) {
        ++t.failures;
        continue;
      }
      add(t, *r);
      dump_row(dump, "carparts", i, history->series[i].item, history->series[i].quantities, o.training_periods, *r);
    }
    std::printf("\nCar parts: %zu months, training 24, test %zu, lead time 1 month (protection 2 months)%s\n",
                history->period_labels.size(), history->period_labels.size() - 24,
                stride > 1 ? " [subsample]" : "");
    print("carparts", t, target);
    static_curve(pointers, o.training_periods, o.lead_time_periods, t);
    if (with_learned_curve) learned_curve(pointers, o, target);
  }
  if (dump != nullptr) std::fclose(dump);
  return 0;
}
