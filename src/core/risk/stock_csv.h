// Reading stock positions for the risk analysis from CSV: one row per item (and location).
//
// Columns, matched case-insensitively by the header (other columns are ignored):
//   item      item, sku, item_id, part, part_id, product, product_id       (required)
//   location  location, loc, location_id, node, site, store, warehouse, dc (optional)
//   on hand   on_hand, onhand, stock, inventory                             (required)
//   on order  on_order, onorder, open_orders                                (optional, default 0)
//   unit cost unit_cost, cost                                               (optional)
// The separator (comma, semicolon or tab) is taken from the header. Errors name their line
// ("line N" or "line N, <column>"), counted from 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/risk/exposure.h"

namespace echelon::risk {

struct StockRecord {
  std::string item;
  std::string location;  // "" when the file has no location column
  double on_hand_units = 0.0;
  double on_order_units = 0.0;
  std::optional<double> unit_cost;
};

Result<std::vector<StockRecord>> parse_stock_csv(std::string_view text);

}  // namespace echelon::risk
