// Reading CSV text, and the long-form demand history importer.
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
// Every error names its line: the path of a Problem is "line N" or "line N, <column>", with
// lines counted from 1 as a text editor shows them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"

namespace echelon::csv {

struct Line {
  std::size_t number = 0;  // 1-based, as an editor shows it
  std::string_view text;   // without the line ending
};

// Splits text into lines on LF or CRLF; a leading UTF-8 byte-order mark is dropped. A final
// empty line after the last line ending is not returned.
std::vector<Line> split_lines(std::string_view text);

// Splits one line into fields separated by `separator`. Quoted fields ("a, b", "say ""hi""")
// follow RFC 4180 within one line; a quote left open is an error (message only, no path).
// Unquoted fields are returned as is (no trimming).
struct FieldsOrError {
  std::vector<std::string> fields;
  std::string error;  // empty when the line was well formed
};
FieldsOrError split_fields(std::string_view line, char separator = ',');

// Leading and trailing spaces and tabs removed.
std::string_view trim(std::string_view text);

// A finite decimal number written the usual way ("12", "-0.5", "1e3", " 7 "). Empty text,
// trailing garbage, NaN, infinities and hexadecimal are refused.
std::optional<double> parse_number(std::string_view text);

// Lower-case ASCII copy, for case-insensitive header matching.
std::string lower(std::string_view text);

}  // namespace echelon::csv

#include "model.h"

namespace echelon {

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
};

Result<DemandHistory> parse_history_csv(std::string_view text, const HistoryCsvOptions& options = {});

// A scenario holding the histories: one item per item id, one node per location (kind "dc",
// producing its items, i.e. bought from outside the network), one demand with a history per
// series. Unit costs are 0 for the user to fill in.
Scenario history_to_scenario(const DemandHistory& history, const std::string& scenario_name);

}  // namespace echelon
