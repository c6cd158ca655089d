#include "core/io/receipts_csv.h"

#include <array>
#include <cmath>
#include <optional>

#include "core/io/csv.h"

namespace echelon {

namespace {

enum class Column { supplier, location, item, ordered, received, other };

Column column_of(std::string_view header) {
  const std::string h = csv::lower(csv::trim(header));
  auto is = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (h == n) return true;
    }
    return false;
  };
  if (is({"supplier", "supplier_id", "vendor", "vendor_id", "from", "source", "origin"})) return Column::supplier;
  if (is({"location", "to", "destination", "site", "dc", "warehouse", "store", "node"})) return Column::location;
  if (is({"item", "sku", "item_id", "part", "part_id", "product", "material"})) return Column::item;
  if (is({"order_date", "ordered", "order", "po_date", "order_day", "order_period"})) return Column::ordered;
  if (is({"receipt_date", "received", "receipt", "delivery_date", "arrival_date", "receipt_day", "receipt_period"})) {
    return Column::received;
  }
  return Column::other;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// yyyy-mm-dd, strictly.
std::optional<std::int64_t> iso_day(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  std::int64_t parts[3] = {0, 0, 0};
  const std::array<std::pair<std::size_t, std::size_t>, 3> spans{{{0, 4}, {5, 2}, {8, 2}}};
  for (std::size_t p = 0; p < 3; ++p) {
    for (std::size_t i = spans[p].first; i < spans[p].first + spans[p].second; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (t[i] - '0');
    }
  }
  const std::int64_t y = parts[0], m = parts[1], d = parts[2];
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::optional<std::int64_t> whole_index(std::string_view t) {
  const auto v = csv::parse_number(t);
  if (!v || *v != std::floor(*v) || std::fabs(*v) > 1e15) return std::nullopt;
  return static_cast<std::int64_t>(*v);
}

}  // namespace

Result<ReceiptsCsv> parse_receipts_csv(std::string_view text) {
  if (auto bad = csv::check_text(text)) return *bad;
  const std::vector<csv::Line> lines = csv::split_lines(text);
  std::size_t first = 0;
  while (first < lines.size() && csv::trim(lines[first].text).empty()) ++first;
  if (first == lines.size()) return Problem{"line 1", "the file is empty: expected a header row"};
  const csv::Line& header_line = lines[first];
  char separator = ',';
  for (char c : {';', '\t'}) {
    if (header_line.text.find(c) != std::string_view::npos && header_line.text.find(',') == std::string_view::npos) separator = c;
  }
  const std::string header_path = "line " + std::to_string(header_line.number);
  auto header = csv::split_fields(header_line.text, separator);
  if (!header.error.empty()) return Problem{header_path, header.error};
  std::array<int, 5> index{-1, -1, -1, -1, -1};
  std::array<std::string, 5> names;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const Column c = column_of(header.fields[i]);
    if (c == Column::other) continue;
    const auto k = static_cast<std::size_t>(c);
    if (index[k] >= 0) return Problem{header_path, "two columns mean the same: '" + names[k] + "' and '" + header.fields[i] + "'"};
    index[k] = static_cast<int>(i);
    names[k] = std::string(csv::trim(header.fields[i]));
  }
  Problems problems;
  if (index[3] < 0) problems.push_back({header_path, "no order date column (order_date, ordered, po_date, ...)"});
  if (index[4] < 0) problems.push_back({header_path, "no receipt date column (receipt_date, received, delivery_date, ...)"});
  if (!problems.empty()) return problems;

  ReceiptsCsv out;
  out.has_supplier = index[0] >= 0;
  out.has_location = index[1] >= 0;
  out.has_item = index[2] >= 0;
  std::optional<bool> iso;
  for (std::size_t l = first + 1; l < lines.size() && problems.size() < 100; ++l) {
    const csv::Line& line = lines[l];
    if (csv::trim(line.text).empty()) continue;
    const std::string path = "line " + std::to_string(line.number);
    auto row = csv::split_fields(line.text, separator);
    if (!row.error.empty()) {
      problems.push_back({path, row.error});
      continue;
    }
    auto field = [&](int i) -> std::string_view {
      return i >= 0 && static_cast<std::size_t>(i) < row.fields.size() ? csv::trim(row.fields[static_cast<std::size_t>(i)])
                                                                        : std::string_view{};
    };
    Receipt r;
    r.line = line.number;
    r.supplier = std::string(field(index[0]));
    r.location = std::string(field(index[1]));
    r.item = std::string(field(index[2]));
    bool ok = true;
    std::int64_t days[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      const int column = index[static_cast<std::size_t>(3 + k)];
      const std::string& name = names[static_cast<std::size_t>(3 + k)];
      const std::string_view value = field(column);
      if (value.empty()) {
        problems.push_back({path + ", " + name, "is empty"});
        ok = false;
        continue;
      }
      std::optional<std::int64_t> day = iso_day(value);
      const bool is_iso = day.has_value();
      if (!day) day = whole_index(value);
      if (!day) {
        problems.push_back({path + ", " + name, "'" + std::string(value) + "' is neither a date (2024-03-15) nor a whole number"});
        ok = false;
        continue;
      }
      if (!iso) iso = is_iso;
      if (*iso != is_iso) {
        problems.push_back({path + ", " + name, "mixes dates and period numbers; use one form in the whole file"});
        ok = false;
        continue;
      }
      days[k] = *day;
    }
    if (!ok) continue;
    r.ordered = days[0];
    r.received = days[1];
    if (r.received < r.ordered) {
      problems.push_back({path + ", " + names[4], "is before the order date"});
      continue;
    }
    out.receipts.push_back(std::move(r));
  }
  if (!problems.empty()) return problems;
  if (out.receipts.empty()) return Problem{header_path, "no receipt rows after the header"};
  out.iso_dates = iso.value_or(true);
  return out;
}

}  // namespace echelon
