// learn FILE: every demand history in FILE (a long-form history CSV, or a scenario whose demands
// carry histories) learned by core/learn/demand_learner.h: class, chosen distribution, chosen
// forecast, the error spread and the buffer it implies, as JSON. With --receipts, lead times are
// learned from receipt records too (core/learn/lead_time.h).
#include <cmath>
#include <iostream>
#include <memory>
#include <type_traits>
#include <variant>

#include "commands.h"
#include "core/io/history_csv.h"
#include "core/io/receipts_csv.h"
#include "core/io/scenario_import.h"
#include "core/learn/lead_time.h"
#include "core/learn/portfolio.h"

namespace echelon::cli {

namespace {

struct LearnArgs {
  std::string file;
  std::string receipts;
  double lead_time = 1.0;
  double lead_time_sd = 0.0;
  double fill_rate = 0.0;
  double service_level = 0.0;
  std::string basis = "forecast-error";
  std::string criterion = "log";
  int window = 0;
  std::string slow_sizing = "recent-rate";
  int rate_window = 12;
  bool no_changes = false;
  bool absent_zero = false;
  double days_per_period = 1.0;
  std::string grouping = "supplier";
};

// A number for JSON: NaN and infinities have no JSON form, so they become null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json distribution_json(const Distribution& d) {
  nlohmann::json out{{"kind", std::string(kind_name(d))}, {"mean", number(mean(d))},
                     {"sd", number(std::sqrt(std::max(0.0, variance(d))))}};
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Gamma>) {
          out["shape"] = x.shape;
          out["scale"] = x.scale;
        } else if constexpr (std::is_same_v<T, dist::Empirical>) {
          out["values"] = x.sample.size();
        }
      },
      d);
  return out;
}

nlohmann::json learned_json(const learn::LearnedDemand& l) {
  nlohmann::json out{
      {"learned", l.learned},
      {"method", l.method},
      {"class", std::string(learn::demand_class_name(l.profile.demand_class))},
      {"adi", number(l.profile.adi)},
      {"cv2", number(l.profile.cv2)},
      {"first_period_used", l.first_period_used},
      {"periods_used", l.periods_used},
      {"mean_per_period", number(l.mean_per_period)},
      {"demand_sd_per_period", number(l.demand_sd_per_period)},
      {"error_sd_per_period", number(l.error_sd_per_period)},
      {"protection_periods", l.protection_periods},
      {"buffer_sd_basis", std::string(learn::spread_basis_name(l.basis))},
      {"protection_sd", number(l.protection_sd)},
      {"safety_stock", number(l.buffer.safety_stock)},
      {"order_up_to", number(l.buffer.order_up_to)},
      {"expected_fill_rate", number(l.buffer.expected_fill_rate)},
      {"demand_per_period", distribution_json(l.demand_per_period)},
  };
  if (l.change) {
    out["change"] = {{"statistic", l.change->statistic},     {"threshold", l.change->threshold},
                     {"mean_before", l.change->mean_before}, {"mean_after", l.change->mean_after},
                     {"sd_before", l.change->sd_before},     {"sd_after", l.change->sd_after}};
  }
  if (l.distribution) {
    nlohmann::json candidates = nlohmann::json::array();
    for (const learn::Candidate& c : l.distribution->candidates) {
      nlohmann::json cj{{"family", std::string(learn::family_name(c.family))}, {"fitted", c.fitted}};
      if (c.fitted) cj["holdout_score"] = number(c.holdout_score);
      else cj["reason"] = c.reason;
      candidates.push_back(std::move(cj));
    }
    out["distribution"] = {{"family", std::string(learn::family_name(l.distribution->chosen.family))},
                           {"criterion", std::string(learn::criterion_name(l.distribution->criterion))},
                           {"fitting_values", l.distribution->fitting_values},
                           {"holdout_values", l.distribution->holdout_values},
                           {"candidates", std::move(candidates)}};
  }
  if (l.forecast) {
    nlohmann::json candidates = nlohmann::json::array();
    for (const learn::MethodScore& m : l.forecast->candidates) {
      candidates.push_back({{"method", std::string(learn::forecast_method_name(m.method))},
                            {"alpha", m.weights.alpha},
                            {"beta", m.weights.beta},
                            {"rolling_origin_mse", number(m.one_step_mse)},
                            {"origins", m.origins}});
    }
    out["forecast"] = {{"method", std::string(learn::forecast_method_name(l.forecast->method))},
                       {"alpha", l.forecast->weights.alpha},
                       {"beta", l.forecast->weights.beta},
                       {"forecast_per_period", number(l.forecast->forecast_per_period)},
                       {"one_step_error_sd", number(l.forecast->one_step_error_sd)},
                       {"horizon_error_sd", number(l.forecast->horizon_error_sd)},
                       {"horizon_error_mean", number(l.forecast->horizon_error_mean)},
                       {"horizon_origins", l.forecast->horizon_origins},
                       {"horizon_from_one_step", l.forecast->horizon_from_one_step},
                       {"candidates", std::move(candidates)}};
  }
  return out;
}

// The histories of a file: a history CSV directly, else a scenario's demands with histories.
Result<std::vector<learn::SeriesToLearn>> histories_of(const std::string& text, bool absent_zero) {
  std::vector<learn::SeriesToLearn> series;
  if (detect_file_format(text) == FileFormat::history_csv) {
    HistoryCsvOptions o;
    o.absent_rows_are_zero = absent_zero;
    auto history = parse_history_csv(text, o);
    if (!history.ok()) return history.problems();
    for (const HistorySeries& s : history->series) series.push_back({s.item, s.location, s.quantities});
    return series;
  }
  auto scenario = import_scenario(text);
  if (!scenario.ok()) return scenario.problems();
  for (const Demand& d : scenario->demands) {
    if (d.history) series.push_back({d.item, d.node, d.history->quantities});
  }
  if (series.empty()) return Problem{"/demands", "no demand in the scenario carries a history to learn from"};
  return series;
}

int run_learn(const LearnArgs& a) {
  const auto text = read_file(a.file);
  if (!text) return kExitInvalidInput;
  learn::DemandLearningOptions o;
  o.lead_time_periods = a.lead_time;
  o.lead_time_variance = a.lead_time_sd * a.lead_time_sd;
  if (a.service_level > 0.0) {
    o.goal = learn::ServiceGoal::cycle_service_level;
    o.target = a.service_level;
  } else {
    o.goal = learn::ServiceGoal::fill_rate;
    o.target = a.fill_rate > 0.0 ? a.fill_rate : 0.95;
  }
  o.basis = a.basis == "demand-spread" ? learn::SpreadBasis::demand_spread : learn::SpreadBasis::forecast_error;
  o.distribution.criterion = a.criterion == "pinball" ? learn::Criterion::pinball : learn::Criterion::log_score;
  o.window_periods = a.window;
  o.detect_changes = !a.no_changes;
  o.rate_window_periods = a.rate_window;
  if (a.slow_sizing == "blocks") o.intermittent_sizing = learn::IntermittentSizing::empirical_blocks;
  else if (a.slow_sizing == "compound") o.intermittent_sizing = learn::IntermittentSizing::compound_binomial;
  else if (a.slow_sizing == "family") o.intermittent_sizing = learn::IntermittentSizing::parametric;
  else o.intermittent_sizing = learn::IntermittentSizing::recent_rate;
  auto series = histories_of(*text, a.absent_zero);
  if (!series.ok()) return report_invalid(series.problems(), a.file);
  learn::PortfolioLearner learner(std::move(series).value(), o);
  learner.step(static_cast<int>(learner.total()));
  nlohmann::json list = nlohmann::json::array();
  int learned = 0;
  for (const learn::LearnedSeries& s : learner.results()) {
    nlohmann::json j{{"item", s.item}, {"location", s.location}};
    if (s.learned) {
      j.update(learned_json(*s.learned));
      learned += s.learned->learned ? 1 : 0;
    } else {
      j["problems"] = problems_json(s.problems);
    }
    list.push_back(std::move(j));
  }
  nlohmann::json out{{"ok", true},
                     {"file", a.file},
                     {"options",
                      {{"lead_time_periods", o.lead_time_periods},
                       {"lead_time_sd_periods", a.lead_time_sd},
                       {"service_goal", std::string(learn::service_goal_name(o.goal))},
                       {"target", o.target},
                       {"buffer_sd_basis", std::string(learn::spread_basis_name(o.basis))},
                       {"distribution_criterion", std::string(learn::criterion_name(o.distribution.criterion))},
                       {"window_periods", o.window_periods},
                       {"detect_changes", o.detect_changes},
                       {"slow_mover_sizing", a.slow_sizing},
                       {"rate_window_periods", o.rate_window_periods}}},
                     {"series_count", learner.total()},
                     {"learned_count", learned},
                     {"series", std::move(list)}};
  if (!a.receipts.empty()) {
    const auto receipts_text = read_file(a.receipts);
    if (!receipts_text) return kExitInvalidInput;
    auto receipts = parse_receipts_csv(*receipts_text);
    if (!receipts.ok()) return report_invalid(receipts.problems(), a.receipts);
    learn::LeadTimeOptions lo;
    lo.grouping = a.grouping == "arc" ? learn::LeadTimeGrouping::arc : learn::LeadTimeGrouping::supplier;
    lo.days_per_period = receipts->iso_dates ? a.days_per_period : 1.0;
    auto lead_times = learn::learn_lead_times(receipts->receipts, lo);
    if (!lead_times.ok()) return report_invalid(lead_times.problems(), a.receipts);
    nlohmann::json lt = nlohmann::json::array();
    for (const learn::LearnedLeadTime& l : *lead_times) {
      lt.push_back({{"supplier", l.supplier},
                    {"location", l.location},
                    {"item", l.item},
                    {"receipts", l.receipts},
                    {"mean_periods", l.mean_periods},
                    {"sd_periods", l.sd_periods},
                    {"min_periods", l.min_periods},
                    {"max_periods", l.max_periods},
                    {"p50_periods", l.p50_periods},
                    {"p90_periods", l.p90_periods},
                    {"p95_periods", l.p95_periods},
                    {"method", l.method},
                    {"distribution", distribution_json(l.distribution)}});
    }
    out["lead_times"] = std::move(lt);
  }
  std::cout << json_text(out) << "\n";
  return kExitOk;
}

}  // namespace

Command add_learn(CLI::App& app) {
  auto a = std::make_shared<LearnArgs>();
  auto* cmd = app.add_subcommand(
      "learn", "Learn demand per series from a history CSV or a scenario with histories: class, distribution, "
               "forecast, error spread and the buffer it implies");
  cmd->add_option("file", a->file, "History CSV (long form) or scenario JSON")->required();
  cmd->add_option("--lead-time", a->lead_time, "Mean lead time in periods (protection interval = lead time + 1)")
      ->default_val(1.0);
  cmd->add_option("--lead-time-sd", a->lead_time_sd, "Standard deviation of the lead time in periods")->default_val(0.0);
  cmd->add_option("--fill-rate", a->fill_rate, "Target fill rate in (0, 1) (default 0.95)");
  cmd->add_option("--service-level", a->service_level, "Target cycle service level in (0, 1) instead of a fill rate");
  cmd->add_option("--basis", a->basis, "What sizes the buffer: forecast-error (default) or demand-spread")
      ->check(CLI::IsMember({"forecast-error", "demand-spread"}));
  cmd->add_option("--criterion", a->criterion, "Distribution choice on the hold-out: log (default) or pinball")
      ->check(CLI::IsMember({"log", "pinball"}));
  cmd->add_option("--window", a->window, "Learn from the last N periods only (0 = all)")->default_val(0);
  cmd->add_flag("--no-change-detection", a->no_changes, "Use the whole window even after a detected change");
  cmd->add_option("--slow-sizing", a->slow_sizing,
                  "Buffer of intermittent and lumpy whole-unit demand: recent-rate (a Poisson of the mean demand of "
                  "the last --rate-window periods, default), blocks (empirical demand over the protection interval), "
                  "compound (compound binomial) or family (the fitted family)")
      ->check(CLI::IsMember({"recent-rate", "blocks", "compound", "family"}));
  cmd->add_option("--rate-window", a->rate_window, "Periods of the recent rate (recent-rate sizing)")
      ->default_val(12)
      ->check(CLI::Range(1, 1000000));
  cmd->add_flag("--absent-zero", a->absent_zero, "History CSV: a period without a row is zero demand");
  cmd->add_option("--receipts", a->receipts, "Receipts CSV (order date, receipt date) to learn lead times from");
  cmd->add_option("--days-per-period", a->days_per_period, "Days in one period, for dated receipts (7 for weeks)")
      ->default_val(1.0);
  cmd->add_option("--group-by", a->grouping, "Lead times per supplier (default) or per arc")
      ->check(CLI::IsMember({"supplier", "arc"}));
  return {cmd, [a] { return run_learn(*a); }};
}

}  // namespace echelon::cli
