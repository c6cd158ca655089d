#include "core/risk/exposure.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::risk {

namespace {

bool nonnegative(double v) { return v >= 0.0 && std::isfinite(v); }
bool fraction(double v) { return v >= 0.0 && v <= 1.0; }

}  // namespace

Result<Exposure> compute_exposure(const StockPosition& stock, double forecast_per_period, int horizon_periods) {
  Problems problems;
  if (!nonnegative(stock.on_hand_units)) problems.push_back({"on_hand_units", "must be a number of at least 0"});
  if (!nonnegative(stock.on_order_units)) problems.push_back({"on_order_units", "must be a number of at least 0"});
  if (!nonnegative(stock.unit_cost)) problems.push_back({"unit_cost", "must be a number of at least 0"});
  if (!nonnegative(forecast_per_period))
    problems.push_back({"forecast_per_period", "must be a number of at least 0"});
  if (horizon_periods < 1) problems.push_back({"horizon_periods", "must be at least 1"});
  if (!problems.empty()) return problems;
  Exposure e;
  e.expected_demand_units = forecast_per_period * horizon_periods;
  if (e.expected_demand_units > 0.0) e.cover_ratio = stock.on_hand_units / e.expected_demand_units;
  else e.cover_ratio = stock.on_hand_units > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
  e.excess_units = std::max(0.0, stock.on_hand_units + stock.on_order_units - e.expected_demand_units);
  e.physical_excess_units = std::max(0.0, e.excess_units - stock.on_order_units);
  e.exposure_value = e.excess_units * stock.unit_cost;
  e.stock_value = (stock.on_hand_units + stock.on_order_units) * stock.unit_cost;
  return e;
}

std::string_view action_name(ActionKind kind) {
  switch (kind) {
    case ActionKind::stop_replenishment: return "stop_replenishment";
    case ActionKind::transfer: return "transfer";
    case ActionKind::markdown: return "markdown";
    case ActionKind::return_to_supplier: return "return_to_supplier";
  }
  return "stop_replenishment";
}

Result<std::vector<MitigationAction>> rank_actions(const StockPosition& stock, const Exposure& exposure,
                                                    double transfer_room_units, const ActionAssumptions& a) {
  Problems problems;
  if (!fraction(a.markdown_price_fraction)) problems.push_back({"markdown_price_fraction", "must be in [0, 1]"});
  if (!fraction(a.markdown_sell_through)) problems.push_back({"markdown_sell_through", "must be in [0, 1]"});
  if (!fraction(a.return_credit_fraction)) problems.push_back({"return_credit_fraction", "must be in [0, 1]"});
  if (!nonnegative(a.return_fee_per_unit)) problems.push_back({"return_fee_per_unit", "must be at least 0"});
  if (!nonnegative(a.transfer_cost_per_unit)) problems.push_back({"transfer_cost_per_unit", "must be at least 0"});
  if (!nonnegative(transfer_room_units)) problems.push_back({"transfer_room_units", "must be at least 0"});
  if (!problems.empty()) return problems;

  std::vector<MitigationAction> actions;
  const double cancelled = std::min(stock.on_order_units, exposure.excess_units);
  actions.push_back({ActionKind::stop_replenishment, cancelled, cancelled * stock.unit_cost});
  const double excess = exposure.physical_excess_units;
  const double moved = std::min(excess, transfer_room_units);
  const double transfer_cash = moved * std::max(0.0, stock.unit_cost - a.transfer_cost_per_unit);
  if (transfer_cash > 0.0) actions.push_back({ActionKind::transfer, moved, transfer_cash});
  const double sold = excess * a.markdown_sell_through;
  const double markdown_cash = sold * a.markdown_price_fraction * stock.unit_cost;
  if (markdown_cash > 0.0) actions.push_back({ActionKind::markdown, sold, markdown_cash});
  if (a.returns_allowed) {
    const double return_cash = excess * (a.return_credit_fraction * stock.unit_cost - a.return_fee_per_unit);
    if (return_cash > 0.0) actions.push_back({ActionKind::return_to_supplier, excess, return_cash});
  }
  std::stable_sort(actions.begin(), actions.end(), [](const MitigationAction& x, const MitigationAction& y) {
    return x.cash_recovered > y.cash_recovered;
  });
  return actions;
}

}  // namespace echelon::risk
