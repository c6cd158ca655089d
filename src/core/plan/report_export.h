// Reports for people and spreadsheets: a plan's per-stage table and the simulated KPIs, as CSV
// and as JSON. The app's "Export" menu and the CLI's `plan` and `simulate` commands both write
// these, so a file downloaded from the browser and the tool's output carry the same fields.
//
// CSV quotes fields as RFC 4180 does: a field is put in double quotes when it holds a comma, a
// quote, a line break or leading/trailing spaces, and a quote inside it is doubled. Lines end
// with "\n" (spreadsheets read both), and the first line names the columns. Numbers are
// written with the fewest digits that read back to the same double (up to 17 significant
// digits); a value that is not finite, or that does not apply to a row, is an empty field.
//
// JSON numbers are exact doubles as nlohmann/json writes them; a value that is not finite is
// written as null.
//
// Units: times in the scenario's periods, stock in units, money in the scenario's currency,
// costs per period unless the name says per year; service measures are fractions in [0, 1].
// Every simulated KPI is a mean over replications with its 95% confidence interval
// (mean -/+ half-width, Student's t over replications, see sim.h).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/base/result.h"
#include "core/sim/sim.h"

namespace echelon {

// One CSV field, quoted only when it must be (see above).
std::string csv_field(std::string_view text);
// A number for a CSV field: shortest text that reads back to the same double; "" when not finite.
std::string csv_number(double value);

// ---- Plan -------------------------------------------------------------------------------------
// One row per planned stage (node, item), in the plan's order:
//   node, node_name, kind, item, service_target, safety_factor, demand_mean_per_period,
//   inbound_service_time, outbound_service_time, net_replenishment_time, safety_stock,
//   base_stock_level, holding_cost_per_period, safety_stock_value,
//   single_echelon_safety_stock, single_echelon_holding_cost_per_period
// (service and replenishment times in periods). `scenario` is the one the plan was made from;
// a plan naming nodes the scenario does not have is refused.
Result<std::string> plan_csv(const Scenario& scenario, const Plan& plan);

// {"method", "proven_optimal", "gap", "multi_echelon": totals, "single_echelon": totals, "notes",
//  "stages": [{"node", "node_name", "kind", "item", "service_target", "safety_factor",
//              "multi_echelon": {...}, "single_echelon": {...},
//              "demand_model": {"source", "method", "mean_per_period", "sd_per_period"}}]}
// ("demand_model" only at stages with external demand: how the demand was modelled, e.g. a
// history learned with its forecast and error spread, see plan.h),
// where a stage result has outbound_service_time, inbound_service_time, net_replenishment_time,
// demand_mean_per_period, demand_bound_sd, safety_stock, safety_stock_from_demand,
// safety_stock_from_lead_time, lead_time_sd_periods, safety_stock_for_supplier_delays,
// safety_stock_for_lead_time_shape, base_stock_level,
// holding_cost_per_period and safety_stock_value, and totals have safety_stock_cost_per_period,
// safety_stock_cost_per_year, safety_stock_value and safety_stock_units.
nlohmann::json stage_result_json(const GsmStageResult& result);
Result<nlohmann::json> plan_report_json(const Scenario& scenario, const Plan& plan);
Result<std::string> plan_json(const Scenario& scenario, const Plan& plan, int indent = 2);

// ---- Simulated KPIs ---------------------------------------------------------------------------
// `estimates` must come from simulating `plan` (one simulated stage per planned stage, same order).
//
// CSV: one row per stage (scope "stage"), then one row for the whole network (scope "network",
// node and item empty). Columns: scope, node, node_name, kind, item, promised_cycle_service_level,
// then for every KPI three columns <kpi>_mean, <kpi>_low_95, <kpi>_high_95 for fill_rate,
// cycle_service_level, ready_rate, stockout_probability, on_hand, backorders, owed_downstream,
// on_order, in_transit, lost_sales, inventory_value, holding_cost, ordering_cost, shortage_cost,
// total_cost, on_time_period_share, on_time_unit_share (served within the quoted service time,
// per stage only); then the risk measures worst_fill_rate, total_cost_median, total_cost_p90,
// total_cost_p95, total_cost_cvar95 (the total-cost quantiles over replications are network-wide,
// so empty on stage rows; cycle_service_level, ready_rate and owed_downstream are per stage, so
// empty on the network row).
Result<std::string> kpis_csv(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates);

// {"replications", "replications_target", "finished",
//  "network": {<kpi>: {"mean", "half_width_95", "low_95", "high_95"}, ..., risk measures},
//  "stages": [{"node", "node_name", "kind", "item", "promised_cycle_service_level",
//              "quoted_service_time", <kpi>: {...},
//              ..., "worst_fill_rate"}]}
Result<nlohmann::json> kpis_report_json(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates);
Result<std::string> kpis_json(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates,
                              int indent = 2);

}  // namespace echelon
