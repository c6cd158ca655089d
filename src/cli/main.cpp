// echelon: the command-line face of the Echelon core.
//
// Every command prints JSON on stdout and human messages on stderr. Exit codes: 0 ok,
// 1 invalid input (the problems are printed, each with the field or path it concerns), 2 usage.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "core/result.h"
#include "core/safety_stock.h"
#include "core/version.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalidInput = 1;
constexpr int kExitUsage = 2;

nlohmann::json problems_json(const echelon::Problems& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : problems) list.push_back({{"path", p.path}, {"message", p.message}});
  return list;
}

int report_invalid(const echelon::Problems& problems) {
  std::cout << nlohmann::json{{"ok", false}, {"problems", problems_json(problems)}}.dump(2) << "\n";
  std::cerr << "echelon: invalid input\n" << echelon::describe(problems) << "\n";
  return kExitInvalidInput;
}

nlohmann::json safety_stock_json(const echelon::SafetyStockInput& in, const echelon::SafetyStockResult& r) {
  return {
      {"ok", true},
      {"input",
       {{"mean_demand_per_period", in.mean_demand_per_period},
        {"sd_demand_per_period", in.sd_demand_per_period},
        {"mean_lead_time_periods", in.mean_lead_time_periods},
        {"sd_lead_time_periods", in.sd_lead_time_periods},
        {"review_period_periods", in.review_period_periods},
        {"cycle_service_level", in.cycle_service_level},
        {"clamp_negative_to_zero", in.clamp_negative_to_zero}}},
      {"result",
       {{"safety_factor", r.safety_factor},
        {"protection_interval_periods", r.protection_interval_periods},
        {"mean_lead_time_demand", r.mean_lead_time_demand},
        {"sd_lead_time_demand", r.sd_lead_time_demand},
        {"safety_stock", r.safety_stock},
        {"safety_stock_from_demand", r.safety_stock_from_demand},
        {"safety_stock_from_lead_time", r.safety_stock_from_lead_time},
        {"reorder_point", r.reorder_point},
        {"clamped", r.clamped},
        {"notes", r.notes}}},
  };
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Echelon: inventory-optimization planning from the command line"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and exit");

  echelon::SafetyStockInput ss;
  auto* ss_cmd = app.add_subcommand(
      "safety-stock",
      "Safety stock for one location with random demand and random lead time (normal approximation)");
  ss_cmd->add_option("--mean-demand", ss.mean_demand_per_period, "Mean demand per period")->required();
  ss_cmd->add_option("--sd-demand", ss.sd_demand_per_period, "Standard deviation of demand per period")
      ->default_val(0.0);
  ss_cmd->add_option("--mean-lead-time", ss.mean_lead_time_periods, "Mean lead time, in periods")->required();
  ss_cmd->add_option("--sd-lead-time", ss.sd_lead_time_periods, "Standard deviation of the lead time, in periods")
      ->default_val(0.0);
  ss_cmd->add_option("--review-period", ss.review_period_periods, "Review period, in periods (0 = continuous)")
      ->default_val(0.0);
  ss_cmd->add_option("--service-level", ss.cycle_service_level,
                     "Target cycle service level: probability of no stockout per cycle, in (0, 1)")
      ->default_val(0.95);
  ss_cmd->add_flag("--clamp-negative", ss.clamp_negative_to_zero,
                   "Set a negative buffer (target below 50%) to zero");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the usage error
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (show_version) {
    std::cout << nlohmann::json{{"name", "echelon"}, {"version", echelon::version_string()}}.dump() << "\n";
    return kExitOk;
  }
  if (ss_cmd->parsed()) {
    auto result = echelon::compute_safety_stock(ss);
    if (!result.ok()) return report_invalid(result.problems());
    std::cout << safety_stock_json(ss, *result).dump(2) << "\n";
    return kExitOk;
  }
  std::cerr << app.help() << "\n";
  return kExitUsage;
}
