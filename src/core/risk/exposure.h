// Excess and obsolete exposure in money, and mitigation actions ranked by the cash they are
// expected to recover.
//
// Over a horizon of H periods an item is expected to sell D = forecast per period * H units
// (the TSB forecast of signals.h, which already decays through a silence). Then
//   cover ratio     = on hand / D                       (infinite when D = 0 and stock > 0),
//   excess units    E = max(0, on hand + on order - D),  the stock the horizon will not use,
//   exposure        = E * unit cost                      (money at risk of write-off).
// Of the excess, on-order units are cancelled first (they have not been paid for), so the
// physical excess is E_phys = max(0, E - on order) = max(0, on hand - max(0, D - on order)).
//
// Actions (each recovers cash from the same excess; they are alternatives for E_phys, not a sum,
// except that stopping replenishment combines with any of the others):
//   stop replenishment   cancel min(on order, E) units: cash = units * unit cost (not spent).
//                        Listed even at zero cash: it prevents the excess from growing.
//   transfer             move min(E_phys, room elsewhere) units to other locations with
//                        expected demand (room = their expected demand over H not covered by
//                        their own stock): cash = units * (unit cost - transfer cost per unit),
//                        the purchases they no longer need.
//   markdown             sell E_phys * sell-through units at price fraction * unit cost.
//   return to supplier   return E_phys units for credit fraction * unit cost - fee per unit.
// The fractions are the user's assumptions (ActionAssumptions); defaults are placeholders to be
// set per business, not industry facts. Ranking: by cash recovered, largest first; ties keep the
// order above. Actions that recover nothing are left out, except stop replenishment.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon::risk {

struct StockPosition {
  double on_hand_units = 0.0;
  double on_order_units = 0.0;
  double unit_cost = 0.0;  // money per unit
};

struct ActionAssumptions {
  double markdown_price_fraction = 0.5;   // markdown price / unit cost
  double markdown_sell_through = 0.6;     // share of the excess that sells at that price within H
  bool returns_allowed = true;
  double return_credit_fraction = 0.7;    // supplier credit per unit / unit cost
  double return_fee_per_unit = 0.0;       // money
  double transfer_cost_per_unit = 0.0;    // money
};

struct Exposure {
  double expected_demand_units = 0.0;  // D over the horizon
  double cover_ratio = 0.0;            // on hand / D (infinity when D = 0 < on hand; 0 when both 0)
  double excess_units = 0.0;           // E
  double physical_excess_units = 0.0;  // E - cancelled on-order units
  double exposure_value = 0.0;         // E * unit cost
  double stock_value = 0.0;            // (on hand + on order) * unit cost
};

// Problems: negative stock, cost, forecast or horizon < 1.
Result<Exposure> compute_exposure(const StockPosition& stock, double forecast_per_period, int horizon_periods);

enum class ActionKind { stop_replenishment, transfer, markdown, return_to_supplier };
std::string_view action_name(ActionKind kind);  // "stop_replenishment", "transfer", ...

struct MitigationAction {
  ActionKind kind = ActionKind::stop_replenishment;
  double units = 0.0;
  double cash_recovered = 0.0;  // money
};

// `transfer_room_units`: expected demand over H at the item's other locations not covered by
// their stock (0 when there is none). Problems: assumptions out of range (fractions in [0, 1],
// fees and costs >= 0), negative room.
Result<std::vector<MitigationAction>> rank_actions(const StockPosition& stock, const Exposure& exposure,
                                                    double transfer_room_units,
                                                    const ActionAssumptions& assumptions = {});

}  // namespace echelon::risk
