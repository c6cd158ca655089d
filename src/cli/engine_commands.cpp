// `plan` and `simulate`.
//
// plan FILE: a scenario (JSON) is planned by the multi-echelon guaranteed-service model through
// the plan facade (core/plan.h), next to the single-echelon baseline. A Willems chain (CSV) is
// planned under the convention of Humair & Willems (2011) that the published optimal costs use
// (core/gsm_willems.h), so its cost compares with the literature.
// simulate FILE: the scenario's plan run through the Monte Carlo simulator (core/plan_sim.h);
// every KPI with its 95% confidence interval. Both reports are core/report_export.h's JSON, the
// same the app's export menu writes, plus "ok" (and "kind" or "periods").
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/meio/gsm_general.h"
#include "core/meio/gsm_willems.h"
#include "core/plan/plan.h"
#include "core/plan/plan_sim.h"
#include "core/plan/report_export.h"
#include "core/io/scenario_json.h"
#include "core/meio/single_echelon.h"
#include "core/io/willems.h"
#include "core/io/scenario_import.h"
#include "core/io/willems_import.h"

namespace echelon::cli {

namespace {

bool is_willems(const std::string& text) { return detect_file_format(text) == FileFormat::willems_csv; }

int plan_willems(const std::string& text, const std::string& file, double time_limit) {
  auto chain = parse_willems_csv(text);
  if (!chain.ok()) return report_invalid(chain.problems(), file);
  // The chain is planned as it stands (the published convention), but it must pass the same
  // checks as the scenario `convert` makes of it: what validate refuses is not planned either.
  ImportOptions import;
  import.format = FileFormat::willems_csv;
  import.scenario_name = "chain";
  if (auto scenario = import_scenario(text, import); !scenario.ok()) return report_invalid(scenario.problems(), file);
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
    nlohmann::json s = stage_result_json(multi->stages[j]);
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
                              {"time_limit_reached", multi->time_limit_reached},
                              {"seconds", seconds},
                              {"single_echelon_cost", comparison->single_echelon_cost},
                              {"cost_saving_fraction", comparison->cost_saving_fraction},
                              {"stages_holding_stock_multi", comparison->stages_holding_multi},
                              {"stages_holding_stock_single", comparison->stages_holding_single},
                              {"stages", stages}}
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
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
  auto report = plan_report_json(scenario.value(), plan.value());
  if (!report.ok()) return report_invalid(report.problems(), file);
  nlohmann::json out = std::move(report).value();
  out["ok"] = true;
  out["kind"] = "scenario";
  out["time_limit_reached"] = plan->time_limit_reached;
  std::cout << json_text(out) << "\n";
  return kExitOk;
}

// Any file the importer opens (a Willems chain is simulated as the scenario `convert` makes of it).
Result<Scenario> scenario_of(const std::string& text, const std::string& file) {
  return import_scenario_file(file, text);
}

int simulate_scenario(const std::string& text, const std::string& file) {
  auto scenario = scenario_of(text, file);
  if (!scenario.ok()) return report_invalid(scenario.problems(), file);
  auto plan = make_plan(scenario.value());
  if (!plan.ok()) return report_invalid(plan.problems(), file);
  auto network = sim_network_from_plan(scenario.value(), plan.value());
  if (!network.ok()) return report_invalid(network.problems(), file);
  auto result = sim::simulate(network.value());
  if (!result.ok()) return report_invalid(result.problems(), file);
  auto report = kpis_report_json(scenario.value(), plan.value(), result.value());
  if (!report.ok()) return report_invalid(report.problems(), file);
  nlohmann::json out = std::move(report).value();
  out["ok"] = true;
  out["periods"] = network->settings.periods;
  std::cout << json_text(out) << "\n";
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
  cmd->add_option("--time-limit", *time_limit,
                  "Seconds of search at most, on every network (0: no limit). The answer is the same on every run "
                  "unless the limit is reached; then it is the best found so far, with \"time_limit_reached\": true "
                  "and its proven gap")
      ->default_val(1.0)
      ->check(CLI::Range(0.0, 86400.0));
  return {cmd, [file, time_limit] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            return is_willems(*text) ? plan_willems(*text, *file, *time_limit) : plan_scenario(*text, *file, *time_limit);
          }};
}

Command add_simulate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("simulate", "Simulate a scenario under its multi-echelon plan (Monte Carlo, 95% intervals)");
  cmd->add_option("FILE", *file, "Scenario file (echelon-scenario JSON) or a Willems chain (CSV)")
      ->required()
      ->check(CLI::ExistingFile);
  return {cmd, [file] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            return simulate_scenario(*text, *file);
          }};
}

}  // namespace echelon::cli
