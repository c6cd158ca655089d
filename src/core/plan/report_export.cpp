#include "core/plan/report_export.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace echelon {

namespace {

using nlohmann::json;

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

// Checks that every stage of the plan names a node of the scenario; the report reads the node's
// name and kind from there.
Problems check_plan_matches(const Scenario& scenario, const Plan& plan) {
  Problems problems;
  for (std::size_t j = 0; j < plan.stages.size(); ++j) {
    const PlanStage& s = plan.stages[j];
    if (s.node_index >= scenario.nodes.size() || scenario.nodes[s.node_index].id != s.node) {
      problems.push_back({"plan/stages/" + std::to_string(j),
                          "stage " + s.node + " / " + s.item + " names a node this scenario does not have; "
                          "the plan belongs to another scenario"});
    }
  }
  return problems;
}

Problems check_estimates_match(const Plan& plan, const sim::SimEstimates& estimates) {
  if (estimates.stages.size() == plan.stages.size()) return {};
  return {{"estimates/stages", "the simulation has " + std::to_string(estimates.stages.size()) +
                                   " stages and the plan " + std::to_string(plan.stages.size()) +
                                   "; the figures belong to another plan"}};
}

const Node& node_of(const Scenario& scenario, const PlanStage& s) { return scenario.nodes[s.node_index]; }

json totals_json(const PlanTotals& t) {
  return {{"safety_stock_cost_per_period", number_or_null(t.safety_stock_cost_per_period)},
          {"safety_stock_cost_per_year", number_or_null(t.safety_stock_cost_per_year)},
          {"safety_stock_value", number_or_null(t.safety_stock_value)},
          {"safety_stock_units", number_or_null(t.safety_stock_units)}};
}

json estimate_json(const sim::Estimate& e) {
  const bool interval = std::isfinite(e.mean) && std::isfinite(e.half_width);
  return {{"mean", number_or_null(e.mean)},
          {"half_width_95", number_or_null(e.half_width)},
          {"low_95", interval ? json(e.mean - e.half_width) : json(nullptr)},
          {"high_95", interval ? json(e.mean + e.half_width) : json(nullptr)}};
}

// The KPIs the CSV and JSON report, in column order, with where each lives on a stage and on
// the network (null where it does not apply).
struct KpiColumn {
  const char* name;
  sim::Estimate sim::StageKpis::*of_stage;
  sim::Estimate sim::NetworkKpis::*of_network;
};

using S = sim::StageKpis;
using N = sim::NetworkKpis;
const KpiColumn kKpis[] = {
    {"fill_rate", &S::fill_rate, &N::fill_rate},
    {"cycle_service_level", &S::cycle_service_level, nullptr},
    {"ready_rate", &S::ready_rate, nullptr},
    {"stockout_probability", &S::stockout_probability, &N::stockout_probability},
    {"on_hand", &S::on_hand, &N::on_hand},
    {"backorders", &S::backorders, &N::backorders},
    {"owed_downstream", &S::owed_downstream, nullptr},
    {"on_order", &S::on_order, &N::on_order},
    {"in_transit", &S::in_transit, &N::in_transit},
    {"lost_sales", &S::lost_sales, &N::lost_sales},
    {"inventory_value", &S::inventory_value, &N::inventory_value},
    {"holding_cost", &S::holding_cost, &N::holding_cost},
    {"ordering_cost", &S::ordering_cost, &N::ordering_cost},
    {"shortage_cost", &S::shortage_cost, &N::shortage_cost},
    {"total_cost", &S::total_cost, &N::total_cost},
    {"on_time_period_share", &S::on_time_period_share, nullptr},
    {"on_time_unit_share", &S::on_time_unit_share, nullptr},
};

void append_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i];
  }
  out += '\n';
}

void append_estimate(std::vector<std::string>& row, const sim::Estimate* e) {
  if (e == nullptr) {
    row.insert(row.end(), {"", "", ""});
    return;
  }
  const bool interval = std::isfinite(e->mean) && std::isfinite(e->half_width);
  row.push_back(csv_number(e->mean));
  row.push_back(interval ? csv_number(e->mean - e->half_width) : "");
  row.push_back(interval ? csv_number(e->mean + e->half_width) : "");
}

}  // namespace

nlohmann::json stage_result_json(const GsmStageResult& r) {
  return {{"outbound_service_time", number_or_null(r.outbound_service_time)},
          {"inbound_service_time", number_or_null(r.inbound_service_time)},
          {"net_replenishment_time", number_or_null(r.net_replenishment_time)},
          {"demand_mean_per_period", number_or_null(r.demand_mean_per_period)},
          {"demand_bound_sd", number_or_null(r.demand_bound_sd)},
          {"safety_stock", number_or_null(r.safety_stock)},
          {"safety_stock_from_demand", number_or_null(r.safety_stock_from_demand)},
          {"safety_stock_from_lead_time", number_or_null(r.safety_stock_from_lead_time)},
          {"lead_time_sd_periods", number_or_null(r.lead_time_sd_periods)},
          {"safety_stock_for_supplier_delays", number_or_null(r.safety_stock_for_supplier_delays)},
          {"safety_stock_for_lead_time_shape", number_or_null(r.safety_stock_for_lead_time_shape)},
          {"base_stock_level", number_or_null(r.base_stock_level)},
          {"holding_cost_per_period", number_or_null(r.holding_cost)},
          {"safety_stock_value", number_or_null(r.safety_stock_value)}};
}

std::string csv_field(std::string_view text) {
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
  for (const char c : text) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  }
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_number(double value) {
  if (!std::isfinite(value)) return "";
  if (value == 0.0) return "0";  // also -0: a spreadsheet has no use for the sign of zero
  // The shortest of 15, 16 and 17 significant digits that reads back exactly (17 always does).
  char text[40];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

Result<nlohmann::json> plan_report_json(const Scenario& scenario, const Plan& plan) {
  Problems problems = check_plan_matches(scenario, plan);
  if (!problems.empty()) return problems;
  json stages = json::array();
  for (const PlanStage& s : plan.stages) {
    const Node& node = node_of(scenario, s);
    stages.push_back({{"node", s.node},
                      {"node_name", node.name},
                      {"kind", node.kind},
                      {"item", s.item},
                      {"service_target", number_or_null(s.service_target)},
                      {"safety_factor", number_or_null(s.safety_factor)},
                      {"multi_echelon", stage_result_json(s.multi_echelon)},
                      {"single_echelon", stage_result_json(s.single_echelon)}});
    if (!s.demand_model.source.empty()) {
      stages.back()["demand_model"] = {{"source", s.demand_model.source},
                                       {"method", s.demand_model.method},
                                       {"mean_per_period", number_or_null(s.demand_model.mean_per_period)},
                                       {"sd_per_period", number_or_null(s.demand_model.sd_per_period)}};
    }
  }
  return json{{"method", plan.method},
              {"proven_optimal", plan.proven_optimal},
              {"gap", number_or_null(plan.gap)},
              {"multi_echelon", totals_json(plan.multi_echelon)},
              {"single_echelon", totals_json(plan.single_echelon)},
              {"notes", plan.notes},
              {"stages", stages}};
}

Result<std::string> plan_json(const Scenario& scenario, const Plan& plan, int indent) {
  auto report = plan_report_json(scenario, plan);
  if (!report.ok()) return report.problems();
  return report->dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> plan_csv(const Scenario& scenario, const Plan& plan) {
  Problems problems = check_plan_matches(scenario, plan);
  if (!problems.empty()) return problems;
  std::string out;
  append_row(out, {"node", "node_name", "kind", "item", "service_target", "safety_factor", "demand_mean_per_period",
                   "inbound_service_time", "outbound_service_time", "net_replenishment_time", "safety_stock",
                   "base_stock_level", "holding_cost_per_period", "safety_stock_value", "single_echelon_safety_stock",
                   "single_echelon_holding_cost_per_period"});
  for (const PlanStage& s : plan.stages) {
    const Node& node = node_of(scenario, s);
    const GsmStageResult& m = s.multi_echelon;
    append_row(out, {csv_field(s.node), csv_field(node.name), csv_field(node.kind), csv_field(s.item),
                     csv_number(s.service_target), csv_number(s.safety_factor), csv_number(m.demand_mean_per_period),
                     csv_number(m.inbound_service_time), csv_number(m.outbound_service_time),
                     csv_number(m.net_replenishment_time), csv_number(m.safety_stock), csv_number(m.base_stock_level),
                     csv_number(m.holding_cost), csv_number(m.safety_stock_value),
                     csv_number(s.single_echelon.safety_stock), csv_number(s.single_echelon.holding_cost)});
  }
  return out;
}

Result<nlohmann::json> kpis_report_json(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates) {
  Problems problems = check_plan_matches(scenario, plan);
  const Problems mismatch = check_estimates_match(plan, estimates);
  problems.insert(problems.end(), mismatch.begin(), mismatch.end());
  if (!problems.empty()) return problems;

  json stages = json::array();
  for (std::size_t j = 0; j < plan.stages.size(); ++j) {
    const PlanStage& s = plan.stages[j];
    const Node& node = node_of(scenario, s);
    json row{{"node", s.node},
             {"node_name", node.name},
             {"kind", node.kind},
             {"item", s.item},
             {"promised_cycle_service_level", number_or_null(s.service_target)},
             {"quoted_service_time", number_or_null(s.multi_echelon.outbound_service_time)},
             {"worst_fill_rate", number_or_null(estimates.stages[j].worst_fill_rate)}};
    for (const KpiColumn& kpi : kKpis) row[kpi.name] = estimate_json(estimates.stages[j].*kpi.of_stage);
    stages.push_back(std::move(row));
  }
  const sim::NetworkKpis& k = estimates.network;
  json network{{"total_cost_median", number_or_null(k.total_cost_median)},
               {"total_cost_p90", number_or_null(k.total_cost_p90)},
               {"total_cost_p95", number_or_null(k.total_cost_p95)},
               {"total_cost_cvar95", number_or_null(k.total_cost_cvar95)},
               {"worst_fill_rate", number_or_null(k.worst_fill_rate)}};
  for (const KpiColumn& kpi : kKpis) {
    if (kpi.of_network != nullptr) network[kpi.name] = estimate_json(k.*kpi.of_network);
  }
  return json{{"replications", estimates.convergence.replications_done},
              {"replications_target", estimates.convergence.replications_target},
              {"finished", estimates.convergence.finished},
              {"network", network},
              {"stages", stages}};
}

Result<std::string> kpis_json(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates,
                              int indent) {
  auto report = kpis_report_json(scenario, plan, estimates);
  if (!report.ok()) return report.problems();
  return report->dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> kpis_csv(const Scenario& scenario, const Plan& plan, const sim::SimEstimates& estimates) {
  Problems problems = check_plan_matches(scenario, plan);
  const Problems mismatch = check_estimates_match(plan, estimates);
  problems.insert(problems.end(), mismatch.begin(), mismatch.end());
  if (!problems.empty()) return problems;

  std::vector<std::string> header{"scope", "node", "node_name", "kind", "item", "promised_cycle_service_level"};
  for (const KpiColumn& kpi : kKpis) {
    const std::string name = kpi.name;
    header.insert(header.end(), {name + "_mean", name + "_low_95", name + "_high_95"});
  }
  header.insert(header.end(),
                {"worst_fill_rate", "total_cost_median", "total_cost_p90", "total_cost_p95", "total_cost_cvar95"});
  std::string out;
  append_row(out, header);

  for (std::size_t j = 0; j < plan.stages.size(); ++j) {
    const PlanStage& s = plan.stages[j];
    const Node& node = node_of(scenario, s);
    std::vector<std::string> row{"stage", csv_field(s.node), csv_field(node.name), csv_field(node.kind),
                                 csv_field(s.item), csv_number(s.service_target)};
    for (const KpiColumn& kpi : kKpis) append_estimate(row, &(estimates.stages[j].*kpi.of_stage));
    row.insert(row.end(), {csv_number(estimates.stages[j].worst_fill_rate), "", "", "", ""});
    append_row(out, row);
  }
  const sim::NetworkKpis& k = estimates.network;
  std::vector<std::string> row{"network", "", "", "", "", ""};
  for (const KpiColumn& kpi : kKpis) append_estimate(row, kpi.of_network != nullptr ? &(k.*kpi.of_network) : nullptr);
  row.insert(row.end(), {csv_number(k.worst_fill_rate), csv_number(k.total_cost_median), csv_number(k.total_cost_p90),
                         csv_number(k.total_cost_p95), csv_number(k.total_cost_cvar95)});
  append_row(out, row);
  return out;
}

}  // namespace echelon
