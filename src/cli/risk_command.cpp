// `risk FILE`: slow-moving and obsolete stock (core/risk/risk_analysis.h).
//
// FILE is a demand history (long-form CSV) or a scenario (JSON) whose demands carry histories.
// For every (item, location) history it prints the signals, the calibrated probability of no
// demand over the horizon, the flag with the rules that fired and, when the stock is known
// (--on-hand CSV: item[, location], on_hand[, on_order][, unit_cost]; see core/risk/stock_csv.h),
// the excess exposure in money and the mitigation actions ranked by expected cash recovered.
// Items are listed by probability of no demand, highest first.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

#include "commands.h"
#include "core/io/history_csv.h"
#include "core/io/scenario_import.h"
#include "core/io/scenario_json.h"
#include "core/risk/risk_analysis.h"
#include "core/risk/stock_csv.h"

namespace echelon::cli {

namespace {

struct RiskArgs {
  std::string file;
  std::string on_hand_file;
  int horizon = 12;
  int top = 0;
  bool flagged_only = false;
  double min_probability = 0.5;
  std::optional<double> max_tsb_probability, max_rate_drop_p, min_age_over_gap, min_cover, max_trend;
  int min_rules = 1;
  risk::ActionAssumptions actions;
  bool no_returns = false;
};

// A number for JSON: infinities and NaN become null.
nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json signals_json(const risk::ItemSignals& s) {
  return {{"observed_periods", s.observed_periods},
          {"demand_periods", s.demand_periods},
          {"total_demand", num(s.total_demand)},
          {"tsb_probability", num(s.tsb_probability)},
          {"tsb_forecast_per_period", num(s.tsb_forecast_per_period)},
          {"tsb_probability_decay", num(s.tsb_probability_decay)},
          {"recent_periods", s.recent_periods},
          {"recent_demand_periods", s.recent_demand_periods},
          {"earlier_periods", s.earlier_periods},
          {"earlier_demand_periods", s.earlier_demand_periods},
          {"recent_rate_per_period", num(s.recent_rate_per_period)},
          {"earlier_rate_per_period", num(s.earlier_rate_per_period)},
          {"rate_ratio", num(s.rate_ratio)},
          {"rate_drop_p_value", num(s.rate_drop_p_value)},
          {"periods_since_demand", s.periods_since_demand},
          {"usual_gap_periods", num(s.usual_gap_periods)},
          {"longest_gap_periods", s.longest_gap_periods},
          {"age_over_usual_gap", num(s.age_over_usual_gap)},
          {"silence_probability", num(s.silence_probability)},
          {"forecast_trend", num(s.forecast_trend)}};
}

nlohmann::json item_json(const risk::ItemRisk& r) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& h : r.flag.fired)
    reasons.push_back({{"rule", std::string(h.rule)}, {"value", num(h.value)}, {"threshold", num(h.threshold)}});
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : r.actions)
    actions.push_back({{"action", std::string(risk::action_name(a.kind))},
                       {"units", num(a.units)},
                       {"cash_recovered", num(a.cash_recovered)}});
  nlohmann::json exposure = nullptr;
  if (r.exposure) {
    exposure = {{"expected_demand_units", num(r.exposure->expected_demand_units)},
                {"cover_ratio", num(r.exposure->cover_ratio)},
                {"excess_units", num(r.exposure->excess_units)},
                {"physical_excess_units", num(r.exposure->physical_excess_units)},
                {"exposure_value", num(r.exposure->exposure_value)},
                {"stock_value", num(r.exposure->stock_value)},
                {"transfer_room_units", num(r.transfer_room_units)}};
  }
  return {{"item", r.item},       {"location", r.location}, {"no_demand_probability", num(r.no_demand_probability)},
          {"flagged", r.flag.flagged}, {"reasons", reasons}, {"exposure", exposure},
          {"actions", actions},   {"signals", signals_json(r.signals)}};
}

// The histories of the file as risk inputs, with unit costs where the file has them.
Result<std::vector<risk::RiskItemInput>> read_inputs(const std::string& text, std::map<std::string, double>& unit_costs) {
  std::vector<risk::RiskItemInput> items;
  const FileFormat format = detect_file_format(text);
  if (format == FileFormat::history_csv) {
    auto history = parse_history_csv(text);
    if (!history.ok()) return history.problems();
    for (const auto& s : history->series) items.push_back({s.item, s.location, s.quantities, std::nullopt});
    return items;
  }
  if (format != FileFormat::scenario_json)
    return Problem{"file", "expected a demand history (CSV) or a scenario (JSON) with histories"};
  auto scenario = load_scenario_json(text);
  if (!scenario.ok()) return scenario.problems();
  for (const auto& item : scenario->items) unit_costs[item.id] = item.unit_cost;
  for (const auto& d : scenario->demands)
    if (d.history) items.push_back({d.item, d.node, d.history->quantities, std::nullopt});
  if (items.empty()) return Problem{"/demands", "no demand in the scenario has a history"};
  return items;
}

int run_risk(const RiskArgs& args) {
  const auto text = read_file(args.file);
  if (!text) return kExitInvalidInput;
  std::map<std::string, double> unit_costs;
  auto inputs = read_inputs(*text, unit_costs);
  if (!inputs.ok()) return report_invalid(inputs.problems(), args.file);
  std::vector<risk::RiskItemInput> items = std::move(inputs).value();

  if (!args.on_hand_file.empty()) {
    const auto stock_text = read_file(args.on_hand_file);
    if (!stock_text) return kExitInvalidInput;
    auto records = risk::parse_stock_csv(*stock_text);
    if (!records.ok()) return report_invalid(records.problems(), args.on_hand_file);
    // Match by (item, location); a record without a location matches the item's only history.
    std::map<std::pair<std::string, std::string>, const risk::StockRecord*> by_key;
    std::map<std::string, int> locations_of;
    for (const auto& it : items) ++locations_of[it.item];
    for (const auto& r : *records) by_key[{r.item, r.location}] = &r;
    Problems unmatched;
    std::size_t matched = 0;
    for (auto& it : items) {
      auto found = by_key.find({it.item, it.location});
      if (found == by_key.end() && locations_of[it.item] == 1) found = by_key.find({it.item, ""});
      if (found == by_key.end()) continue;
      const risk::StockRecord& r = *found->second;
      const double cost = r.unit_cost ? *r.unit_cost : (unit_costs.count(it.item) ? unit_costs[it.item] : 0.0);
      it.stock = risk::StockPosition{r.on_hand_units, r.on_order_units, cost};
      ++matched;
    }
    if (matched < records->size())
      std::cerr << "echelon: " << records->size() - matched << " stock rows match no history and were ignored\n";
  }

  risk::RiskAnalysisOptions options;
  options.score.horizon_periods = args.horizon;
  options.rules.min_no_demand_probability = args.min_probability;
  if (args.min_probability > 1.0) options.rules.min_no_demand_probability.reset();
  options.rules.max_tsb_probability = args.max_tsb_probability;
  options.rules.max_rate_drop_p_value = args.max_rate_drop_p;
  options.rules.min_age_over_usual_gap = args.min_age_over_gap;
  options.rules.min_cover_ratio = args.min_cover;
  options.rules.max_forecast_trend = args.max_trend;
  options.rules.min_rules_fired = args.min_rules;
  options.actions = args.actions;
  options.actions.returns_allowed = !args.no_returns;

  auto run = risk::RiskAnalysis::start(std::move(items), options);
  if (!run.ok()) return report_invalid(run.problems(), args.file);
  risk::RiskAnalysis& analysis = run.value();
  while (!analysis.finished()) analysis.step();

  std::vector<const risk::ItemRisk*> order;
  for (const auto& r : analysis.results()) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const risk::ItemRisk* a, const risk::ItemRisk* b) {
    return a->no_demand_probability > b->no_demand_probability;
  });
  int flagged = 0;
  double exposure = 0.0, exposure_flagged = 0.0, best_cash = 0.0;
  for (const auto* r : order) {
    flagged += r->flag.flagged;
    if (r->exposure) {
      exposure += r->exposure->exposure_value;
      if (r->flag.flagged) exposure_flagged += r->exposure->exposure_value;
    }
    if (!r->actions.empty()) best_cash += r->actions.front().cash_recovered;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto* r : order) {
    if (args.flagged_only && !r->flag.flagged) continue;
    if (args.top > 0 && static_cast<int>(list.size()) >= args.top) break;
    list.push_back(item_json(*r));
  }
  const risk::ScoreModel& model = analysis.model();
  nlohmann::json coefficients = nlohmann::json::object();
  if (model.calibrated) {
    coefficients["intercept"] = model.logistic.coefficients[0];
    for (int j = 0; j < risk::kScoreFeatures; ++j)
      coefficients[std::string(risk::score_feature_name(j))] = model.logistic.coefficients[static_cast<std::size_t>(j + 1)];
  }
  nlohmann::json out{
      {"ok", true},
      {"file", args.file},
      {"horizon_periods", args.horizon},
      {"model",
       {{"calibrated", model.calibrated},
        {"kind", model.calibrated ? "logistic regression on the file's own history" : "TSB (1 - p)^H, uncalibrated"},
        {"training_rows", model.training_rows},
        {"training_silent_rows", model.training_silent_rows},
        {"newton_steps", model.logistic.iterations},
        {"coefficients_standardised", coefficients}}},
      {"summary",
       {{"items", analysis.results().size()},
        {"flagged", flagged},
        {"exposure_value", num(exposure)},
        {"exposure_value_flagged", num(exposure_flagged)},
        {"best_action_cash_recovered", num(best_cash)}}},
      {"items", list}};
  std::cout << json_text(out) << "\n";
  return kExitOk;
}

}  // namespace

Command add_risk(CLI::App& app) {
  auto args = std::make_shared<RiskArgs>();
  auto* cmd = app.add_subcommand("risk", "Slow-moving and obsolete stock: signals, risk score, flags, exposure and "
                                         "mitigation actions per item, from demand histories");
  cmd->add_option("file", args->file, "Demand history (long-form CSV) or scenario (JSON) with histories")->required();
  cmd->add_option("--horizon", args->horizon, "Horizon H in periods: the score is P(no demand in the next H)")
      ->default_val(12);
  cmd->add_option("--on-hand", args->on_hand_file,
                  "Stock CSV: item[, location], on_hand[, on_order][, unit_cost] (gives cover, exposure, actions)");
  cmd->add_option("--min-probability", args->min_probability,
                  "Flag when P(no demand in H) is at least this (above 1: rule off)")
      ->default_val(0.5);
  cmd->add_option("--max-tsb-probability", args->max_tsb_probability, "Flag when TSB's demand probability is at most this");
  cmd->add_option("--max-rate-drop-p", args->max_rate_drop_p, "Flag when the rate-drop p-value is at most this");
  cmd->add_option("--min-age-over-gap", args->min_age_over_gap, "Flag when silent for at least this many usual gaps");
  cmd->add_option("--min-cover", args->min_cover, "Flag when on hand covers at least this many horizons of demand");
  cmd->add_option("--max-trend", args->max_trend, "Flag when the forecast trend is at most this (e.g. -0.5)");
  cmd->add_option("--min-rules", args->min_rules, "Flag when at least this many rules fire")->default_val(1);
  cmd->add_option("--markdown-price", args->actions.markdown_price_fraction, "Markdown price as a fraction of unit cost")
      ->default_val(0.5);
  cmd->add_option("--markdown-sell-through", args->actions.markdown_sell_through,
                  "Share of the excess a markdown sells within the horizon")
      ->default_val(0.6);
  cmd->add_option("--return-credit", args->actions.return_credit_fraction,
                  "Supplier credit per returned unit as a fraction of unit cost")
      ->default_val(0.7);
  cmd->add_option("--return-fee", args->actions.return_fee_per_unit, "Return fee per unit")->default_val(0.0);
  cmd->add_option("--transfer-cost", args->actions.transfer_cost_per_unit, "Transfer cost per unit")->default_val(0.0);
  cmd->add_flag("--no-returns", args->no_returns, "The supplier takes no returns");
  cmd->add_flag("--flagged-only", args->flagged_only, "List only flagged items");
  cmd->add_option("--top", args->top, "List at most this many items (0: all)")->default_val(0);
  return {cmd, [args] { return run_risk(*args); }};
}

}  // namespace echelon::cli
