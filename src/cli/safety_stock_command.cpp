#include <iostream>
#include <memory>

#include "commands.h"
#include "core/policy/safety_stock.h"

namespace echelon::cli {

namespace {

nlohmann::json safety_stock_json(const SafetyStockInput& in, const SafetyStockResult& r) {
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

Command add_safety_stock(CLI::App& app) {
  auto ss = std::make_shared<SafetyStockInput>();
  auto* cmd = app.add_subcommand(
      "safety-stock", "Safety stock for one location with random demand and random lead time (normal approximation)");
  cmd->add_option("--mean-demand", ss->mean_demand_per_period, "Mean demand per period")->required();
  cmd->add_option("--sd-demand", ss->sd_demand_per_period, "Standard deviation of demand per period")->default_val(0.0);
  cmd->add_option("--mean-lead-time", ss->mean_lead_time_periods, "Mean lead time, in periods")->required();
  cmd->add_option("--sd-lead-time", ss->sd_lead_time_periods, "Standard deviation of the lead time, in periods")
      ->default_val(0.0);
  cmd->add_option("--review-period", ss->review_period_periods, "Review period, in periods (0 = continuous)")
      ->default_val(0.0);
  cmd->add_option("--service-level", ss->cycle_service_level,
                  "Target cycle service level: probability of no stockout per cycle, in (0, 1)")
      ->default_val(0.95);
  cmd->add_flag("--clamp-negative", ss->clamp_negative_to_zero, "Set a negative buffer (target below 50%) to zero");
  return {cmd, [ss] {
            auto result = compute_safety_stock(*ss);
            if (!result.ok()) return report_invalid(result.problems());
            std::cout << json_text(safety_stock_json(*ss, *result)) << "\n";
            return kExitOk;
          }};
}

}  // namespace echelon::cli
