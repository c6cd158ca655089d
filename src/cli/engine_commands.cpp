// `plan` and `simulate`.
//
// plan FILE: a scenario (JSON) is planned by the multi-echelon guaranteed-service model through
// the plan facade (core/plan.h), next to the single-echelon baseline. A Willems chain (CSV) is
// planned under the convention of Humair & Willems (2011) that the published optimal costs use
// (core/gsm_willems.h), so its cost compares with the literature.
// simulate FILE: the scenario's plan run through the Monte Carlo simulator (core/plan_sim.h);
// every KPI with its 95% confidence interval.
#include <chrono>
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/gsm_general.h"
#include "core/gsm_willems.h"
#include "core/plan.h"
#include "core/plan_sim.h"
#include "core/scenario_json.h"
#include "core/single_echelon.h"
#include "core/willems.h"

namespace echelon::cli {

namespace {

bool is_willems(const std::string& text) {
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  return text.compare(i, 6, "/chain") == 0;
}

nlohmann::json stage_json(const GsmStageResult& r) {
  return {{"outbound_service_time", r.outbound_service_time},
          {"inbound_service_time", r.inbound_service_time},
          {"net_replenishment_time", r.net_replenishment_time},
          {"demand_mean_per_period", r.demand_mean_per_period},
          {"demand_bound_sd", r.demand_bound_sd},
          {"safety_stock", r.safety_stock},
          {"base_stock_level", r.base_stock_level},
          {"holding_cost_per_period", r.holding_cost},
          {"safety_stock_value", r.safety_stock_value}};
}

int plan_willems(const std::string& text, const std::string& file, double time_limit) {
  auto chain = parse_willems_csv(text);
  if (!chain.ok()) return report_invalid(chain.problems(), file);
  auto network = gsm_network_from_willems(chain.value());
  if (!network.ok()) return report_invalid(network.problems(), file);
  GsmGeneralOptions options;
  options.time_limit_seconds = time_limit;
  const auto started = std::chrono::steady_clock::now();
  auto multi = solve_gsm(network.value(), options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!multi.ok()) return report_invalid(multi.problems(), file);
  auto single = solve_single_echelon(network.value());
  if (!single.ok()) return report_invalid(single.problems(), file);
  auto comparison = compare_placements(single.value(), multi.value());
  if (!comparison.ok()) return report_invalid(comparison.problems(), file);
  nlohmann::json stages = nlohmann::json::array();
  for (std::size_t j = 0; j < multi->stages.size(); ++j) {
    nlohmann::json s = stage_json(multi->stages[j]);
    s["stage"] = network->stages[j].name;
    s["single_echelon_safety_stock"] = single->stages[j].safety_stock;
    stages.push_back(std::move(s));
  }
  std::cout << nlohmann::json{{"ok", true},
                              {"kind", "willems-chain"},
                              {"convention", "Humair & Willems (2011): cost = 0.35 * sum of unit value x safety stock"},
                              {"stages_count", network->stages.size()},
                              {"arcs_count", network->arcs.size()},
                              {"method", multi->method},
                              {"cost", multi->total_cost},
                              {"lower_bound", multi->lower_bound},
                              {"gap", multi->gap},
                              {"proven_optimal", multi->proven_optimal},
                              {"seconds", seconds},
                              {"single_echelon_cost", comparison->single_echelon_cost},
                              {"cost_saving_fraction", comparison->cost_saving_fraction},
                              {"stages_holding_stock_multi", comparison->stages_holding_multi},
                              {"stages_holding_stock_single", comparison->stages_holding_single},
                              {"stages", stages}}
                   .dump(2)
            << "\n";
  return kExitOk;
}

int plan_scenario(const std::string& text, const std::string& file, double time_limit) {
  auto scenario = load_scenario_json(text);
  if (!scenario.ok()) return report_invalid(scenario.problems(), file);
  PlanOptions options;
  options.search.time_limit_seconds = time_limit;
  auto plan = make_plan(scenario.value(), options);
  if (!plan.ok()) return report_invalid(plan.problems(), file);
  auto totals = [](const PlanTotals& t) {
    return nlohmann::json{{"safety_stock_cost_per_period", t.safety_stock_cost_per_period},
                          {"safety_stock_cost_per_year", t.safety_stock_cost_per_year},
                          {"safety_stock_value", t.safety_stock_value},
                          {"safety_stock_units", t.safety_stock_units}};
  };
  nlohmann::json stages = nlohmann::json::array();
  for (const PlanStage& s : plan->stages) {
    stages.push_back({{"node", s.node},
                      {"item", s.item},
                      {"service_target", s.service_target},
                      {"safety_factor", s.safety_factor},
                      {"multi_echelon", stage_json(s.multi_echelon)},
                      {"single_echelon", stage_json(s.single_echelon)}});
  }
  std::cout << nlohmann::json{{"ok", true},
                              {"kind", "scenario"},
                              {"method", plan->method},
                              {"proven_optimal", plan->proven_optimal},
                              {"gap", plan->gap},
                              {"multi_echelon", totals(plan->multi_echelon)},
                              {"single_echelon", totals(plan->single_echelon)},
                              {"notes", plan->notes},
                              {"stages", stages}}
                   .dump(2)
            << "\n";
  return kExitOk;
}

nlohmann::json estimate(const sim::Estimate& e) { return {{"mean", e.mean}, {"half_width_95", e.half_width}}; }

int simulate_scenario(const std::string& text, const std::string& file) {
  auto scenario = load_scenario_json(text);
  if (!scenario.ok()) return report_invalid(scenario.problems(), file);
  auto plan = make_plan(scenario.value());
  if (!plan.ok()) return report_invalid(plan.problems(), file);
  auto network = sim_network_from_plan(scenario.value(), plan.value());
  if (!network.ok()) return report_invalid(network.problems(), file);
  auto result = sim::simulate(network.value());
  if (!result.ok()) return report_invalid(result.problems(), file);
  const sim::NetworkKpis& k = result->network;
  nlohmann::json stages = nlohmann::json::array();
  for (std::size_t j = 0; j < result->stages.size(); ++j) {
    const sim::StageKpis& s = result->stages[j];
    stages.push_back({{"node", plan->stages[j].node},
                      {"item", plan->stages[j].item},
                      {"promised_cycle_service_level", plan->stages[j].service_target},
                      {"fill_rate", estimate(s.fill_rate)},
                      {"cycle_service_level", estimate(s.cycle_service_level)},
                      {"ready_rate", estimate(s.ready_rate)},
                      {"stockout_probability", estimate(s.stockout_probability)},
                      {"on_hand", estimate(s.on_hand)},
                      {"backorders", estimate(s.backorders)},
                      {"on_order", estimate(s.on_order)},
                      {"inventory_value", estimate(s.inventory_value)},
                      {"holding_cost", estimate(s.holding_cost)},
                      {"ordering_cost", estimate(s.ordering_cost)},
                      {"shortage_cost", estimate(s.shortage_cost)},
                      {"worst_fill_rate", s.worst_fill_rate}});
  }
  std::cout << nlohmann::json{{"ok", true},
                              {"replications", result->convergence.replications_done},
                              {"periods", network->settings.periods},
                              {"network",
                               {{"fill_rate", estimate(k.fill_rate)},
                                {"stockout_probability", estimate(k.stockout_probability)},
                                {"on_hand", estimate(k.on_hand)},
                                {"backorders", estimate(k.backorders)},
                                {"inventory_value", estimate(k.inventory_value)},
                                {"holding_cost", estimate(k.holding_cost)},
                                {"ordering_cost", estimate(k.ordering_cost)},
                                {"shortage_cost", estimate(k.shortage_cost)},
                                {"total_cost", estimate(k.total_cost)},
                                {"total_cost_median", k.total_cost_median},
                                {"total_cost_p90", k.total_cost_p90},
                                {"total_cost_p95", k.total_cost_p95},
                                {"total_cost_cvar95", k.total_cost_cvar95},
                                {"worst_fill_rate", k.worst_fill_rate}}},
                              {"stages", stages}}
                   .dump(2)
            << "\n";
  return kExitOk;
}

}  // namespace

Command add_plan(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto time_limit = std::make_shared<double>(1.0);
  auto* cmd = app.add_subcommand(
      "plan", "Place safety stock across the network (guaranteed-service model) and compare with single-echelon");
  cmd->add_option("FILE", *file, "Scenario file (echelon-scenario JSON) or a Willems chain (CSV)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--time-limit", *time_limit, "Seconds of search on networks that are not trees")->default_val(1.0);
  return {cmd, [file, time_limit] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            return is_willems(*text) ? plan_willems(*text, *file, *time_limit) : plan_scenario(*text, *file, *time_limit);
          }};
}

Command add_simulate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("simulate", "Simulate a scenario under its multi-echelon plan (Monte Carlo, 95% intervals)");
  cmd->add_option("FILE", *file, "Scenario file (echelon-scenario JSON)")->required()->check(CLI::ExistingFile);
  return {cmd, [file] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            return simulate_scenario(*text, *file);
          }};
}

}  // namespace echelon::cli
