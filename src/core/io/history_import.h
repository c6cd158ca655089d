// A demand history made into a plannable scenario: what the file cannot say (lead time, unit
// cost, holding rate, service target, the location of a file without one) comes from import
// settings, per file, with per-item overrides from an optional item master.
//
// The scenario built (one supplier outside the network, the locations of the file, the items):
//   supplier   node "supplier" (kind supplier) producing every item; it stands for the vendors,
//              whose stock is not the planner's: holding cost 0 and a quoted service time of 0,
//              so it ships at once and the location's replenishment time is the lead time given
//              (plan.h rounds every stage up to one period; without this the supplier's period
//              would be added to the lead time). Its own buffer covers that period at its
//              target; the small chance that it falls short is buffered at the location (gsm.h,
//              add_supplier_delay_buffers), as the simulation of the plan needs.
//   locations  one node per location (kind dc), holding its items at the holding rate (a
//              fraction of the unit cost per year).
//   arcs       supplier -> location for each (item, location) series, the transit time being
//              the series' lead time in periods (a constant).
//   items      unit cost from the settings or the item master.
//   targets    a cycle-service target per (location, item) when a service target is given.
//   demands    the histories, learned by the plan (core/learn).
// Lead time of a series, first found: the item master's row for (item, location), its row for
// the item (no location), the receipts of the series, the history's lead-time column (one value
// per series; rows may leave it empty), the settings' value. A value is a constant; receipts give
// the empirical distribution of their lead times (each observed lead time with its relative
// frequency), so the plan (gsm.h, stochastic lead times) and the simulation see their spread.
// Receipts (core/io/receipts_csv.h) match a series on the columns the receipts file has: its
// item column against the series' item, its location column against the series' location; a
// file with neither column describes every series. Their lead times are in days for ISO dates,
// converted to the history's periods (7 days a week, 365.25 / 12 a month), else in the
// history's own periods. Unit cost: the item master's value, else the settings'.
// When the history has no location column, every series is at `history.default_location`
// unless the item master names a location for its item.
//
// Item master CSV: a header naming `item` (or a synonym of history_csv.h), and any of
// `unit_cost` (cost, unit_value, price), `lead_time` (lead_time_periods, leadtime) and
// `location` (or a synonym); one row per item, or per (item, location).
//
// Every problem names its place: a settings field by its name ("lead_time_periods",
// "service_target", ...), a line of the history ("line 12, lead_time"), or of the item master
// ("item master, line 3, unit_cost"), or of the receipts ("receipts, line 4, receipt_date").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/io/history_csv.h"
#include "core/model/model.h"

namespace echelon {

struct HistoryImportSettings {
  std::string scenario_name = "imported";
  HistoryCsvOptions history;          // period, absent rows, location of a file without one
  double lead_time_periods = 0.0;     // every series, unless a column or the item master says otherwise
  std::string lead_time_column;       // a column of the history holding each series' lead time ("" = none)
  double unit_cost = 0.0;             // every item, unless the item master says otherwise
  double holding_rate_per_year = 0.25;  // fraction of the unit cost per year
  std::optional<double> service_target;  // cycle service level in (0, 1); none = no target
  std::string item_master_csv;        // text of an item master ("" = none)
  std::string receipts_csv;           // text of receipt records ("" = none)
};

// Every problem of the settings alone, each named by its field.
Problems validate_import_settings(const HistoryImportSettings& settings);

struct ItemMasterRow {
  std::size_t line = 0;
  std::string item;
  std::string location;  // "" = every location of the item
  std::optional<double> unit_cost;
  std::optional<double> lead_time_periods;
};
Result<std::vector<ItemMasterRow>> parse_item_master_csv(std::string_view text);

// The first rows of a table as text, for a preview: its separator, header, each header's role
// and the first `max_rows` data rows (split, trimmed); data_rows counts every non-blank row.
struct TablePreview {
  char separator = ',';
  std::vector<std::string> header;
  std::vector<HistoryColumnRole> roles;
  std::vector<std::vector<std::string>> rows;
  std::size_t data_rows = 0;
};
TablePreview preview_table(std::string_view text, std::size_t max_rows = 8);

// The validated scenario, or every problem (settings, history, item master, scenario).
Result<Scenario> import_history(std::string_view text, const HistoryImportSettings& settings);

}  // namespace echelon
