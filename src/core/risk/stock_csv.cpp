#include "core/risk/stock_csv.h"

#include <set>
#include <utility>

#include "core/io/csv.h"

namespace echelon::risk {

namespace {

enum class Column { none, item, location, on_hand, on_order, unit_cost };

Column column_of(std::string_view header) {
  std::string h = csv::lower(csv::trim(header));
  for (char& c : h)
    if (c == ' ' || c == '-') c = '_';
  static const std::pair<const char*, Column> names[] = {
      {"item", Column::item},         {"sku", Column::item},          {"item_id", Column::item},
      {"part", Column::item},         {"part_id", Column::item},      {"product", Column::item},
      {"product_id", Column::item},   {"location", Column::location}, {"loc", Column::location},
      {"location_id", Column::location}, {"node", Column::location},  {"site", Column::location},
      {"store", Column::location},    {"warehouse", Column::location}, {"dc", Column::location},
      {"on_hand", Column::on_hand},   {"onhand", Column::on_hand},    {"stock", Column::on_hand},
      {"inventory", Column::on_hand}, {"on_order", Column::on_order}, {"onorder", Column::on_order},
      {"open_orders", Column::on_order}, {"unit_cost", Column::unit_cost}, {"cost", Column::unit_cost}};
  for (const auto& [name, column] : names)
    if (h == name) return column;
  return Column::none;
}

char separator_of(std::string_view header) {
  for (char c : {',', ';', '\t'})
    if (header.find(c) != std::string_view::npos) return c;
  return ',';
}

}  // namespace

Result<std::vector<StockRecord>> parse_stock_csv(std::string_view text) {
  if (auto bad = csv::check_text(text)) return *bad;
  const auto lines = csv::split_lines(text);
  std::size_t first = 0;
  while (first < lines.size() && csv::trim(lines[first].text).empty()) ++first;
  if (first == lines.size()) return Problem{"line 1", "the file is empty: expected a header row"};
  const char sep = separator_of(lines[first].text);
  const auto header = csv::split_fields(lines[first].text, sep);
  const std::string head_path = "line " + std::to_string(lines[first].number);
  if (!header.error.empty()) return Problem{head_path, header.error};
  int col[6] = {-1, -1, -1, -1, -1, -1};
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const Column c = column_of(header.fields[i]);
    if (c != Column::none && col[static_cast<int>(c)] < 0) col[static_cast<int>(c)] = static_cast<int>(i);
  }
  Problems problems;
  if (col[static_cast<int>(Column::item)] < 0) problems.push_back({head_path, "no item column (item, sku, part, ...)"});
  if (col[static_cast<int>(Column::on_hand)] < 0)
    problems.push_back({head_path, "no on-hand column (on_hand, stock, inventory)"});
  if (!problems.empty()) return problems;

  std::vector<StockRecord> records;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t l = first + 1; l < lines.size(); ++l) {
    if (csv::trim(lines[l].text).empty()) continue;
    const std::string path = "line " + std::to_string(lines[l].number);
    const auto row = csv::split_fields(lines[l].text, sep);
    if (!row.error.empty()) {
      problems.push_back({path, row.error});
      continue;
    }
    const auto field = [&](Column c) -> std::optional<std::string_view> {
      const int i = col[static_cast<int>(c)];
      if (i < 0 || static_cast<std::size_t>(i) >= row.fields.size()) return std::nullopt;
      return csv::trim(row.fields[static_cast<std::size_t>(i)]);
    };
    const auto number = [&](Column c, const char* name, bool required) -> std::optional<double> {
      const auto f = field(c);
      if (!f || f->empty()) {
        if (required) problems.push_back({path + ", " + name, "is missing"});
        return std::nullopt;
      }
      const auto v = csv::parse_number(*f);
      if (!v || *v < 0.0) {
        problems.push_back({path + ", " + name, "must be a number of at least 0, not '" + std::string(*f) + "'"});
        return std::nullopt;
      }
      return v;
    };
    const std::size_t problems_before = problems.size();
    StockRecord r;
    const auto item = field(Column::item);
    if (!item || item->empty()) {
      problems.push_back({path + ", item", "is missing"});
      continue;
    }
    r.item = std::string(*item);
    if (const auto loc = field(Column::location)) r.location = std::string(*loc);
    const auto on_hand = number(Column::on_hand, "on_hand", true);
    const auto on_order = number(Column::on_order, "on_order", false);
    r.unit_cost = number(Column::unit_cost, "unit_cost", false);
    if (problems.size() > problems_before) continue;  // a row with a problem is not recorded
    r.on_hand_units = on_hand.value_or(0.0);
    r.on_order_units = on_order.value_or(0.0);
    if (!seen.insert({r.item, r.location}).second) {
      problems.push_back({path, "a second row for item '" + r.item + "'" +
                                    (r.location.empty() ? std::string() : " at '" + r.location + "'")});
      continue;
    }
    records.push_back(std::move(r));
  }
  if (!problems.empty()) return problems;
  return records;
}

}  // namespace echelon::risk
