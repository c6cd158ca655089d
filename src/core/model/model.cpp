#include "core/model/model.h"

namespace echelon {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(std::string_view name, const char* (*to_name)(Enum), const Enum (&all)[N]) {
  for (Enum e : all)
    if (name == to_name(e)) return e;
  return std::nullopt;
}

}  // namespace

const char* period_name(Period p) {
  switch (p) {
    case Period::day: return "day";
    case Period::week: return "week";
    case Period::month: return "month";
  }
  return "week";
}

const char* holding_cost_basis_name(HoldingCostBasis b) {
  switch (b) {
    case HoldingCostBasis::annual_rate_of_value: return "annual_rate_of_value";
    case HoldingCostBasis::per_unit_period: return "per_unit_period";
  }
  return "annual_rate_of_value";
}

const char* service_measure_name(ServiceMeasure m) {
  switch (m) {
    case ServiceMeasure::cycle_service_level: return "cycle_service_level";
    case ServiceMeasure::fill_rate: return "fill_rate";
    case ServiceMeasure::backorder_cost_per_unit_period: return "backorder_cost_per_unit_period";
    case ServiceMeasure::stockout_cost_per_unit: return "stockout_cost_per_unit";
  }
  return "cycle_service_level";
}

const char* policy_kind_name(PolicyKind k) {
  switch (k) {
    case PolicyKind::base_stock: return "base_stock";
    case PolicyKind::r_s: return "R_S";
    case PolicyKind::s_s: return "s_S";
    case PolicyKind::r_q: return "r_Q";
  }
  return "base_stock";
}

const char* shortage_rule_name(ShortageRule r) {
  switch (r) {
    case ShortageRule::backorders: return "backorders";
    case ShortageRule::lost_sales: return "lost_sales";
  }
  return "backorders";
}

std::optional<Period> parse_period(std::string_view name) {
  constexpr Period all[] = {Period::day, Period::week, Period::month};
  return parse_name(name, period_name, all);
}
std::optional<HoldingCostBasis> parse_holding_cost_basis(std::string_view name) {
  constexpr HoldingCostBasis all[] = {HoldingCostBasis::annual_rate_of_value, HoldingCostBasis::per_unit_period};
  return parse_name(name, holding_cost_basis_name, all);
}
std::optional<ServiceMeasure> parse_service_measure(std::string_view name) {
  constexpr ServiceMeasure all[] = {ServiceMeasure::cycle_service_level, ServiceMeasure::fill_rate,
                                    ServiceMeasure::backorder_cost_per_unit_period,
                                    ServiceMeasure::stockout_cost_per_unit};
  return parse_name(name, service_measure_name, all);
}
std::optional<PolicyKind> parse_policy_kind(std::string_view name) {
  constexpr PolicyKind all[] = {PolicyKind::base_stock, PolicyKind::r_s, PolicyKind::s_s, PolicyKind::r_q};
  return parse_name(name, policy_kind_name, all);
}
std::optional<ShortageRule> parse_shortage_rule(std::string_view name) {
  constexpr ShortageRule all[] = {ShortageRule::backorders, ShortageRule::lost_sales};
  return parse_name(name, shortage_rule_name, all);
}

double periods_per_year(Period p) {
  switch (p) {
    case Period::day: return 365.0;
    case Period::week: return 52.0;
    case Period::month: return 12.0;
  }
  return 52.0;
}

double holding_cost_per_unit_period(const HoldingCost& cost, double unit_value, Period period) {
  if (cost.basis == HoldingCostBasis::per_unit_period) return cost.value;
  return cost.value * unit_value / periods_per_year(period);
}

std::optional<std::size_t> find_item(const Scenario& s, std::string_view id) {
  for (std::size_t i = 0; i < s.items.size(); ++i)
    if (s.items[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> find_node(const Scenario& s, std::string_view id) {
  for (std::size_t i = 0; i < s.nodes.size(); ++i)
    if (s.nodes[i].id == id) return i;
  return std::nullopt;
}

}  // namespace echelon
