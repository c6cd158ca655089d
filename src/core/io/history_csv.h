// The long-form demand history importer (CSV reading itself is core/io/csv.h).
//
// Long form means one row per observation: item, location, period, quantity. The header row
// names the columns; names are matched case-insensitively, with common synonyms:
//   item      item, sku, item_id, part, part_id, product, product_id, article, material
//   location  location, loc, location_id, node, site, store, store_id, warehouse, dc  (optional:
//             without it every row belongs to one location, "all")
//   period    period, date, day, week, month, time
//   quantity  quantity, qty, demand, sales, units
// Other columns are ignored. The separator (comma, semicolon or tab) is taken from the header.
// A period is either a whole number (a period index) or a date: 2024-03-15, 2024/03/15,
// 2024-03 (a month), 2024-W11 (an ISO week), 15.03.2024, or with slashes 15/03/2024 or
// 03/15/2024 (day-first when some first number exceeds 12, else month-first; both at once is
// an error). With full dates the period length is the smallest gap between distinct dates
// (1 day, 7 days, or a month when all dates fall on the same day of the month) unless given.
// An empty quantity (or NA, N/A, null, nan, -) is a missing value, kept as NaN so that "no
// data" differs from "zero demand". A period with no row at all is missing too, unless the
// caller says that absent rows mean zero demand (transaction exports often leave out zero
// rows; panel exports such as the car parts data leave out periods they did not observe). Two rows for
// the same item, location and period are an error (the file is expected to be aggregated).
//
// The text is checked first by csv::check_text (size, UTF-8, NUL bytes); the values a history
// holds are capped by kMaxHistoryCells.
//
// Every error names its line: the path of a Problem is "line N" or "line N, <column>", with
// lines counted from 1 as a text editor shows them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/io/csv.h"

#include "core/model/model.h"

namespace echelon {

// The most values a history may hold (series x periods spanned, missing ones included): memory
// for the table, and for the scenario and JSON made from it, stays bounded (a few hundred MB at
// most), and the scenario written from it stays within the JSON reader's value cap.
inline constexpr std::size_t kMaxHistoryCells = 5000000;

struct HistorySeries {
  std::string item;
  std::string location;
  std::vector<double> quantities;  // one per period of DemandHistory::period_labels; NaN = missing
};

struct DemandHistory {
  Period period = Period::week;
  std::vector<std::string> period_labels;  // ISO dates ("2024-03-04"), months ("2024-03") or indices ("12")
  std::vector<HistorySeries> series;       // in order of first appearance
};

struct HistoryCsvOptions {
  std::optional<Period> period;  // the period length; inferred from the dates when absent
  bool absent_rows_are_zero = false;  // a period without a row: zero demand (true) or missing (false)
  std::string default_location = "all";  // the location of every row when the file has no location column
};

// What a header names: the column roles above (none for any other column).
enum class HistoryColumnRole { none, item, location, period, quantity };
HistoryColumnRole history_column_role(std::string_view header);

// The separator (comma, semicolon or tab) that splits a header line into the most fields, as
// the reader takes it; a table pasted from a spreadsheet is tab-separated.
char detect_separator(std::string_view header_line);

Result<DemandHistory> parse_history_csv(std::string_view text, const HistoryCsvOptions& options = {});

// A scenario holding the histories: one item per item id, one node per location (kind "dc",
// producing its items, i.e. bought from outside the network), one demand with a history per
// series. Unit costs are 0 for the user to fill in.
Scenario history_to_scenario(const DemandHistory& history, const std::string& scenario_name);

}  // namespace echelon
