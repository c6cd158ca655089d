#include "app/portfolio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/learn/demand_class.h"

namespace echelon::app {

namespace {

// Totals of rows grouped by a label (location or category), in order of first appearance. Fill is
// demand-weighted over the rows that have a simulated fill; complete only when every row has one.
struct Groups {
  std::map<std::string, std::size_t, std::less<>> index;
  std::vector<PortfolioLocationTotal> totals;
  std::vector<double> filled_units;  // sum of mean x fill
  std::vector<bool> fill_complete;
};

void add_to_group(Groups& g, const std::string& label, const PortfolioRow& row) {
  auto [it, inserted] = g.index.try_emplace(label, g.totals.size());
  if (inserted) {
    g.totals.push_back({label, 0, 0, 0.0, 0.0, std::nullopt, 0});
    g.filled_units.push_back(0.0);
    g.fill_complete.push_back(true);
  }
  const std::size_t k = it->second;
  PortfolioLocationTotal& total = g.totals[k];
  ++total.items;
  total.flagged += row.flags ? 1 : 0;
  total.safety_stock_value += row.value;
  total.mean_demand_per_period += row.mean_per_period;
  if (row.simulated_fill) {
    g.filled_units[k] += row.mean_per_period * *row.simulated_fill;
    total.meeting_promise += row.verdict && *row.verdict != PromiseVerdict::below ? 1 : 0;
  } else {
    g.fill_complete[k] = false;
  }
}

std::vector<PortfolioLocationTotal> finish_groups(Groups& g) {
  for (std::size_t k = 0; k < g.totals.size(); ++k) {
    if (g.fill_complete[k] && g.totals[k].mean_demand_per_period > 0.0)
      g.totals[k].demand_weighted_fill = g.filled_units[k] / g.totals[k].mean_demand_per_period;
  }
  return std::move(g.totals);
}

}  // namespace

Portfolio build_portfolio(const Scenario& scenario, const Plan* plan, const PromiseReport* promises) {
  return build_portfolio(scenario, plan, promises, check_readiness(scenario));
}

Portfolio build_portfolio(const Scenario& scenario, const Plan* plan, const PromiseReport* promises, ReadinessReport readiness) {
  Portfolio out;
  out.readiness = std::move(readiness);
  out.has_plan = plan != nullptr;
  if (promises && plan && promises->stages.size() != plan->stages.size()) promises = nullptr;
  out.has_simulation = promises != nullptr;

  // Indexes by id without copying the ids (rebuilt with every plan, so on every frame of a drag).
  std::unordered_map<std::string_view, std::size_t> node_index, item_index;
  node_index.reserve(scenario.nodes.size());
  item_index.reserve(scenario.items.size());
  for (std::size_t n = 0; n < scenario.nodes.size(); ++n) node_index.emplace(scenario.nodes[n].id, n);
  for (std::size_t i = 0; i < scenario.items.size(); ++i) item_index.emplace(scenario.items[i].id, i);
  // (node id, item id) -> first plan stage; the ids are joined with a byte no id holds (ids
  // have no control characters, core/model/validate.h).
  const auto pair_key = [](std::string_view node, std::string_view item) {
    std::string key;
    key.reserve(node.size() + item.size() + 1);
    key.append(node).push_back('\x1f');
    key.append(item);
    return key;
  };
  std::unordered_map<std::string, int> stage_of;
  if (plan) {
    stage_of.reserve(plan->stages.size());
    for (std::size_t j = 0; j < plan->stages.size(); ++j) stage_of.emplace(pair_key(plan->stages[j].node, plan->stages[j].item), static_cast<int>(j));
  }

  out.rows.reserve(scenario.demands.size());
  Groups locations, categories;
  for (std::size_t d = 0; d < scenario.demands.size(); ++d) {
    const Demand& demand = scenario.demands[d];
    PortfolioRow row;
    row.demand = d;
    row.item = demand.item;
    row.location = demand.node;
    if (auto n = node_index.find(demand.node); n != node_index.end()) row.node = n->second;
    row.flags = out.readiness.demands[d].flags;
    row.lead_time_periods = out.readiness.demands[d].lead_time_periods;
    if (demand.history) {
      row.demand_class = std::string(learn::demand_class_name(learn::demand_profile(demand.history->quantities).demand_class));
    } else {
      row.demand_class = "given";
    }
    if (demand.per_period) {
      row.mean_per_period = mean(*demand.per_period);
      row.cv = row.mean_per_period > 0.0 ? std::sqrt(std::max(0.0, variance(*demand.per_period))) / row.mean_per_period : 0.0;
    }
    const auto stage = stage_of.find(pair_key(demand.node, demand.item));
    if (stage != stage_of.end()) {
      const PlanStage& st = plan->stages[static_cast<std::size_t>(stage->second)];
      row.stage = stage->second;
      row.mean_per_period = st.demand_model.mean_per_period;
      row.cv = st.demand_model.mean_per_period > 0.0 ? st.demand_model.sd_per_period / st.demand_model.mean_per_period : 0.0;
      row.safety_stock = st.multi_echelon.safety_stock;
      row.base_stock = st.multi_echelon.base_stock_level;
      row.promised = st.service_target;
      if (promises && static_cast<std::size_t>(stage->second) < promises->stages.size()) {
        const StagePromise& promise = promises->stages[static_cast<std::size_t>(stage->second)];
        row.promised = promise.promised;
        row.simulated_service = promise.simulated.mean;
        row.verdict = promise.verdict;
        row.simulated_fill = promise.from_stock_at_once.mean;
      }
    }
    if (auto it = item_index.find(demand.item); it != item_index.end()) {
      row.value = scenario.items[it->second].unit_cost * row.safety_stock;
      row.category = scenario.items[it->second].category.value_or("");
    }
    out.safety_stock_value += row.value;

    add_to_group(locations, row.location, row);
    add_to_group(categories, row.category, row);
    out.rows.push_back(std::move(row));
  }
  out.locations = finish_groups(locations);
  out.categories = finish_groups(categories);
  return out;
}

namespace {

std::string quoted(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

}  // namespace

std::string portfolio_csv(const Portfolio& p, const std::vector<int>& order) {
  std::string out =
      "item,location,demand_class,mean_per_period,cv,lead_time_periods,safety_stock,base_stock,value,promised,"
      "simulated,verdict,simulated_fill,flags\n";
  auto line = [&](const PortfolioRow& r) {
    out += quoted(r.item) + "," + quoted(r.location) + "," + quoted(r.demand_class) + "," + number(r.mean_per_period) + "," +
           number(r.cv) + "," + number(r.lead_time_periods) + "," + number(r.safety_stock) + "," + number(r.base_stock) + "," +
           number(r.value) + "," + number(r.promised) + "," +
           (r.simulated_service ? number(*r.simulated_service) : std::string()) + "," +
           (r.verdict ? std::string(promise_verdict_name(*r.verdict)) : std::string()) + "," + (r.simulated_fill ? number(*r.simulated_fill) : std::string()) +
           "," + quoted(describe_flags(r.flags)) + "\n";
  };
  if (!order.empty()) {
    for (int i : order)
      if (i >= 0 && static_cast<std::size_t>(i) < p.rows.size()) line(p.rows[static_cast<std::size_t>(i)]);
  } else {
    for (const PortfolioRow& r : p.rows) line(r);
  }
  return out;
}

}  // namespace echelon::app
