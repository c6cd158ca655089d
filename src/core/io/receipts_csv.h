// Reading receipt records (one row per order received) to learn lead times from.
//
// The header row names the columns, matched case-insensitively, with common synonyms:
//   supplier      supplier, supplier_id, vendor, vendor_id, from, source, origin   (optional)
//   location      location, to, destination, site, dc, warehouse, store, node     (optional)
//   item          item, sku, item_id, part, part_id, product, material             (optional)
//   order date    order_date, ordered, order, po_date, order_day, order_period    (required)
//   receipt date  receipt_date, received, receipt, delivery_date, arrival_date,
//                 receipt_day, receipt_period                                      (required)
// Other columns are ignored; the separator (comma, semicolon or tab) is taken from the header.
// A date is an ISO date (2024-03-15) or a whole number (a day or period index); both date
// columns of a file use the same form. The lead time of a row is receipt minus order, in days
// for ISO dates, else in the file's own unit. A receipt before its order is an error; an empty
// date too (a record without both dates teaches nothing about lead times).
//
// Every error names its line: the path of a Problem is "line N" or "line N, <column>", lines
// counted from 1 as a text editor shows them (as core/io/history_csv.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon {

struct Receipt {
  std::size_t line = 0;        // where it was read
  std::string supplier;        // "" when the file has no supplier column
  std::string location;        // "" when the file has no location column
  std::string item;            // "" when the file has no item column
  std::int64_t ordered = 0;    // day number (days since 1970-01-01) or the file's index
  std::int64_t received = 0;
  double lead_time() const { return static_cast<double>(received - ordered); }
};

struct ReceiptsCsv {
  bool iso_dates = true;  // false: the dates were whole-number indices
  bool has_supplier = false, has_location = false, has_item = false;
  std::vector<Receipt> receipts;  // in file order
};

Result<ReceiptsCsv> parse_receipts_csv(std::string_view text);

}  // namespace echelon
