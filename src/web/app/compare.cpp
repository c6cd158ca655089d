#include "app/compare.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/io/scenario_json.h"

namespace echelon::app {

ScenarioFigures figures_of(const Scenario& scenario, const Plan& plan, const sim::SimEstimates* estimates) {
  ScenarioFigures f;
  f.name = scenario.name;
  f.safety_stock_cost_per_year = plan.multi_echelon.safety_stock_cost_per_year;
  f.safety_stock_value = plan.multi_echelon.safety_stock_value;
  f.single_echelon_cost_per_year = plan.single_echelon.safety_stock_cost_per_year;
  const bool sim_matches = estimates && estimates->stages.size() == plan.stages.size();
  if (sim_matches) {
    const double per_year = periods_per_year(scenario.period);
    f.fill_rate = estimates->network.fill_rate.mean;
    f.holding_cost_per_year = estimates->network.holding_cost.mean * per_year;
    f.inventory_value = estimates->network.inventory_value.mean;
  }
  for (std::size_t j = 0; j < plan.stages.size(); ++j) {
    const PlanStage& s = plan.stages[j];
    StageFigures st;
    st.node = s.node;
    st.item = s.item;
    st.outbound_service_time = s.multi_echelon.outbound_service_time;
    st.safety_stock_units = s.multi_echelon.safety_stock;
    st.base_stock_units = s.multi_echelon.base_stock_level;
    st.service_target = s.service_target;
    if (sim_matches) {
      st.simulated_fill_rate = estimates->stages[j].fill_rate.mean;
      st.simulated_on_time_share = estimates->stages[j].on_time_period_share.mean;
    }
    f.stages.push_back(st);
  }
  return f;
}

namespace {

std::string short_value(const nlohmann::json& v) {
  std::string text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// The value at a JSON Pointer, or null when it is not there.
nlohmann::json value_at(const nlohmann::json& doc, const std::string& pointer) {
  const nlohmann::json::json_pointer p(pointer);
  return doc.contains(p) ? doc.at(p) : nlohmann::json();
}

bool is_layout(const std::string& path) {
  return path.find("/position") != std::string::npos || path == "/layout" || path.rfind("/layout/", 0) == 0;
}

}  // namespace

Comparison compare_scenarios(const Scenario& a, const ScenarioFigures& fa, const Scenario& b, const ScenarioFigures& fb,
                             std::size_t max_changes) {
  Comparison out;
  const nlohmann::json ja = nlohmann::json::parse(write_scenario_json(a), nullptr, false);
  const nlohmann::json jb = nlohmann::json::parse(write_scenario_json(b), nullptr, false);
  if (!ja.is_discarded() && !jb.is_discarded()) {
    const nlohmann::json patch = nlohmann::json::diff(ja, jb);
    for (const nlohmann::json& op : patch) {
      const std::string path = op.value("path", "");
      if (is_layout(path)) continue;
      ++out.input_change_count;
      if (out.input_changes.size() >= max_changes) continue;
      const std::string kind = op.value("op", "");
      const std::string where = path.empty() ? "the scenario" : path.substr(1);
      if (kind == "replace") {
        out.input_changes.push_back("changed " + where + " from " + short_value(value_at(ja, path)) + " to " +
                                    short_value(op.at("value")));
      } else if (kind == "add") {
        out.input_changes.push_back("added " + where + " = " + short_value(op.at("value")));
      } else if (kind == "remove") {
        out.input_changes.push_back("removed " + where + " (was " + short_value(value_at(ja, path)) + ")");
      }
    }
  }
  out.totals = {
      {"Safety stock cost per year (multi-echelon)", fa.safety_stock_cost_per_year, fb.safety_stock_cost_per_year, b.currency},
      {"Safety stock value", fa.safety_stock_value, fb.safety_stock_value, b.currency},
      {"Safety stock cost per year (single-echelon)", fa.single_echelon_cost_per_year, fb.single_echelon_cost_per_year, b.currency},
      {"Simulated fill rate", fa.fill_rate, fb.fill_rate, "%"},
      {"Simulated holding cost per year", fa.holding_cost_per_year, fb.holding_cost_per_year, b.currency},
      {"Simulated inventory value", fa.inventory_value, fb.inventory_value, b.currency},
  };
  std::map<std::pair<std::string, std::string>, std::size_t> in_b;
  for (std::size_t i = 0; i < fb.stages.size(); ++i) in_b[{fb.stages[i].node, fb.stages[i].item}] = i;
  std::vector<bool> used(fb.stages.size(), false);
  for (const StageFigures& s : fa.stages) {
    StageRow row{s.node, s.item, s, std::nullopt};
    auto it = in_b.find({s.node, s.item});
    if (it != in_b.end()) {
      row.b = fb.stages[it->second];
      used[it->second] = true;
    }
    out.stages.push_back(row);
  }
  for (std::size_t i = 0; i < fb.stages.size(); ++i) {
    if (!used[i]) out.stages.push_back({fb.stages[i].node, fb.stages[i].item, std::nullopt, fb.stages[i]});
  }
  return out;
}

}  // namespace echelon::app
