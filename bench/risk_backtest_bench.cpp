// Backtest of the slow-moving and obsolete early warning (core/risk/backtest.h): precision,
// recall and lead time against the baseline "no demand in the last 12 periods", for the
// calibrated score and for each single signal, on the car parts data (monthly, 2,674 series)
// and on generated series with known death dates. Also the score's reliability table.
//
//   build/native-release/bench/risk_backtest_bench [carparts_long.csv]
//
// Two folds (items split by a hash of the id): each fold fits the score and chooses every
// threshold on one half to match the baseline's precision there, and is evaluated on the other
// half; precision, recall, lead times and the reliability table pool both held-out halves.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/io/history_csv.h"
#include "core/risk/backtest.h"
#include "core/risk/generated_series.h"
#include "core/risk/risk_analysis.h"
#include "harness.h"

namespace {

using namespace echelon;

void print_rule(const risk::RuleReport& r) {
  char thresholds[64];
  if (r.fold_thresholds.size() == 2)
    std::snprintf(thresholds, sizeof thresholds, "%.4g | %.4g", r.fold_thresholds[0], r.fold_thresholds[1]);
  else
    std::snprintf(thresholds, sizeof thresholds, "%.4g", r.threshold);
  std::printf("%-22s %2s %-21s %10.4f  %9.4f  %6.3f  %6d  %10d  %11.1f  %9.2f  %7d%s\n", r.name.c_str(),
              r.name == "baseline" ? "" : (r.direction == risk::RuleDirection::at_least ? ">=" : "<="), thresholds,
              r.train_precision, r.precision, r.recall, r.deaths, r.lead_items, r.median_lead_periods,
              r.mean_lead_periods, r.lead_at_least_3, r.precision_target_met ? "" : "  (target precision not met)");
}

void print_report(const char* title, const risk::BacktestReport& rep) {
  std::printf("\n== %s ==\n", title);
  std::printf("items: %d on side A, %d on side B (split by a hash of the id); labelled (item, cut-off) rows: "
              "%d + %d; evaluated out of fold: %d rows, %.1f%% truly obsolete\n",
              rep.train_items, rep.test_items, rep.train_rows, rep.test_rows, rep.evaluated_rows,
              100.0 * rep.test_obsolete_share);
  if (rep.first_evaluated_cutoff > 0)
    std::printf("evaluated from cut-off %d on (the first with a model fitted on outcomes known by then), for every "
                "rule\n",
                rep.first_evaluated_cutoff);
  std::printf("baseline precision on each fold's training side:");
  for (double p : rep.fold_target_precisions) std::printf(" %.4f", p);
  std::printf(" (thresholds aim at these + 0.01)");
  std::printf("\nthresholds: fold 1 (fit on A) | fold 2 (fit on B); precision, recall and lead times pooled over "
              "both folds' held-out sides\n");
  std::printf("%-22s %2s %-21s %10s  %9s  %6s  %6s  %10s  %11s  %9s  %7s\n", "rule", "", "thresholds", "train prec",
              "precision", "recall", "deaths", "lead items", "median lead", "mean lead", "lead>=3");
  print_rule(rep.baseline);
  print_rule(rep.score);
  for (const auto& s : rep.signals) print_rule(s);
  std::printf("score model (fold 1): %s, %d training rows (%d silent), %d Newton steps\n",
              rep.model.calibrated ? "logistic, calibrated" : "uncalibrated TSB fallback", rep.model.training_rows,
              rep.model.training_silent_rows, rep.model.logistic.iterations);
  std::printf("reliability of the out-of-fold score (P(no demand in the next 12 periods)):\n");
  std::printf("  %-11s %7s  %14s  %14s\n", "bin", "rows", "mean predicted", "observed share");
  for (const auto& b : rep.reliability)
    std::printf("  [%.1f, %.1f%s %7d  %14.3f  %14.3f\n", b.lower, b.upper, b.upper >= 1.0 ? "]" : ")", b.rows,
                b.mean_predicted, b.observed_share);
  std::printf("Brier score: %.4f (calibrated score), %.4f (TSB (1 - p)^12 without calibration)\n", rep.brier,
              rep.brier_uncalibrated);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
  std::printf("Lead time: periods from a rule's first flag at or after an item's last demand to the baseline's\n"
              "flag (12 periods after the last demand), over held-out items whose death the data confirm.\n");

  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    HistoryCsvOptions csv;
    csv.period = Period::month;
    auto history = parse_history_csv(text.str(), csv);
    if (!history.ok()) {
      std::printf("cannot read %s:\n%s\n", path.c_str(), describe(history.problems()).c_str());
      return 1;
    }
    std::vector<risk::BacktestSeries> series;
    for (const auto& s : history->series) series.push_back({s.item, s.quantities});
    auto report = risk::run_backtest(series);
    if (!report.ok()) {
      std::printf("backtest failed:\n%s\n", describe(report.problems()).c_str());
      return 1;
    }
    print_report(("car parts, " + path + "; calibration on the other half's items").c_str(), *report);
    risk::BacktestOptions strict;
    strict.calibration = risk::CalibrationData::other_items_before_cutoff;
    auto strict_report = risk::run_backtest(series, strict);
    if (!strict_report.ok()) {
      std::printf("backtest failed:\n%s\n", describe(strict_report.problems()).c_str());
      return 1;
    }
    print_report("car parts; calibration on the other half's items and only on outcomes known at each cut-off",
                 *strict_report);

    // The app's call: the whole portfolio analysed (fit on its own history, score, flag), and the
    // largest step for a budget of 20,000 work units.
    std::vector<risk::RiskItemInput> inputs;
    for (const auto& s : history->series) inputs.push_back({s.item, s.location, s.quantities, std::nullopt});
    std::printf("\n");
    bench::print(bench::measure("risk/analyse car parts (2,674 items x 51 months)", [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = risk::analyse_risk(inputs);
                     bench::keep(r.ok() ? r->size() : 0u);
                   }
                 }, 1.0, 3),
                 bench::target_name());
    auto run = risk::RiskAnalysis::start(inputs);
    double slowest = 0.0;
    int steps = 0;
    while (run.ok() && !run->finished()) {
      const auto m = bench::measure("step", [&](long long) { run.value().step({.max_work_units = 20000}); }, 0.0, 1);
      slowest = std::max(slowest, m.seconds_per_iteration);
      ++steps;
    }
    std::printf("risk/sliced with 20,000 work units per step: %d steps, slowest step %s\n", steps,
                bench::human_time(slowest).c_str());
  } else {
    std::printf("\n(car parts data not found at %s: skipped)\n", path.c_str());
  }

  // Generated: 2,000 items, 60 periods, 40% of them dying.
  const auto generated = risk::generate_portfolio(2000, 60, 0.4, 20240611);
  std::vector<risk::BacktestSeries> series;
  for (const auto& g : generated) series.push_back({g.id, g.demand});
  auto report = risk::run_backtest(series);
  if (!report.ok()) {
    std::printf("backtest failed:\n%s\n", describe(report.problems()).c_str());
    return 1;
  }
  print_report("generated: 2,000 items x 60 periods, 40% dying (seed 20240611)", *report);
  return 0;
}
