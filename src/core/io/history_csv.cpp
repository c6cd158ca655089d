// Demand histories from CSV: long (item, location, period, quantity) or wide (a column per
// series), with dates, weeks or months as periods (the header has the formats and limits).
//
// Contents
//   column roles            header names to item, location, period and quantity
//   calendar helpers        civil days, ISO weeks and months, period parsing
//   parse_history_csv       size, UTF-8 and NUL checks; rows to series on one period grid;
//                           missing periods as NaN; the series x span limit
//   history_to_scenario     one DC holding every series as a demand
#include "core/base/concat.h"
#include "core/io/history_csv.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <map>
#include <unordered_map>

namespace echelon {

namespace {

std::string line_path(std::size_t line) { return cat("line ", std::to_string(line)); }

using Role = HistoryColumnRole;

Role role_of(std::string_view header) {
  std::string h = csv::lower(csv::trim(header));
  for (char& c : h)
    if (c == ' ' || c == '-') c = '_';
  static const std::pair<const char*, Role> names[] = {
      {"item", Role::item},         {"sku", Role::item},           {"item_id", Role::item},
      {"part", Role::item},         {"part_id", Role::item},       {"product", Role::item},
      {"product_id", Role::item},   {"article", Role::item},       {"material", Role::item},
      {"location", Role::location}, {"loc", Role::location},       {"location_id", Role::location},
      {"node", Role::location},     {"site", Role::location},      {"store", Role::location},
      {"store_id", Role::location}, {"warehouse", Role::location}, {"dc", Role::location},
      {"period", Role::period},     {"date", Role::period},        {"day", Role::period},
      {"week", Role::period},       {"month", Role::period},       {"time", Role::period},
      {"quantity", Role::quantity}, {"qty", Role::quantity},       {"demand", Role::quantity},
      {"sales", Role::quantity},    {"units", Role::quantity}};
  for (const auto& [name, role] : names)
    if (h == name) return role;
  return Role::none;
}

// Days since 1970-01-01 of a proleptic Gregorian date (the era-based method described by
// H. Hinnant, "chrono-compatible low-level date algorithms").
long days_from_civil(long y, long m, long d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, long& y, long& m, long& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

bool leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
long days_in_month(long y, long m) {
  static const long days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Splits "a<sep>b<sep>c" into whole numbers; false unless every part is 1..max_digits digits.
bool numbers_split(std::string_view text, char sep, std::vector<long>& parts, std::vector<std::size_t>& widths,
                   std::size_t max_digits = 4) {
  parts.clear();
  widths.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    const std::string_view part = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part.empty() || part.size() > max_digits) return false;
    long v = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    parts.push_back(v);
    widths.push_back(part.size());
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// A period value as written in the file.
struct PeriodValue {
  enum Kind { index, date, month, week, slash_date } kind = index;
  long a = 0, b = 0, c = 0;  // index: a; date: y m d; month: y m; week: y w; slash: first second year
};

std::optional<PeriodValue> parse_period_value(std::string_view text) {
  text = csv::trim(text);
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::vector<long> p;
  std::vector<std::size_t> w;
  PeriodValue v;
  if (numbers_split(text, '-', p, w, 9) && p.size() == 1) {
    v.kind = PeriodValue::index;
    v.a = p[0];
    return v;
  }
  if (numbers_split(text, '-', p, w) || numbers_split(text, '/', p, w) || numbers_split(text, '.', p, w)) {
    const char sep = text.find('-') != std::string_view::npos ? '-' : text.find('/') != std::string_view::npos ? '/' : '.';
    if (p.size() == 1) {
      v.kind = PeriodValue::index;
      v.a = p[0];
      return v;
    }
    if (p.size() == 2 && w[0] == 4 && sep == '-') {
      v.kind = PeriodValue::month;
      v.a = p[0];
      v.b = p[1];
      return v;
    }
    if (p.size() == 3 && w[0] == 4) {
      v.kind = PeriodValue::date;
      v.a = p[0];
      v.b = p[1];
      v.c = p[2];
      return v;
    }
    if (p.size() == 3 && w[2] == 4 && sep == '.') {
      v.kind = PeriodValue::date;
      v.a = p[2];
      v.b = p[1];
      v.c = p[0];
      return v;
    }
    if (p.size() == 3 && w[2] == 4 && sep == '/') {
      v.kind = PeriodValue::slash_date;
      v.a = p[0];
      v.b = p[1];
      v.c = p[2];
      return v;
    }
    return std::nullopt;
  }
  // 2024-W11
  if (text.size() >= 7 && text.size() <= 8 && text[4] == '-' && (text[5] == 'W' || text[5] == 'w') &&
      numbers_split(text.substr(0, 4), '-', p, w) && w[0] == 4) {
    const long year = p[0];
    if (!numbers_split(text.substr(6), '-', p, w)) return std::nullopt;
    v.kind = PeriodValue::week;
    v.a = year;
    v.b = p[0];
    return v;
  }
  return std::nullopt;
}

bool valid_date(long y, long m, long d) { return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

std::string iso_date(long day_number) {
  long y = 0, m = 0, d = 0;
  civil_from_days(day_number, y, m, d);
  char text[64];
  std::snprintf(text, sizeof text, "%04ld-%02ld-%02ld", y, m, d);
  return text;
}

std::string iso_month(long month_number) {
  char text[64];
  std::snprintf(text, sizeof text, "%04ld-%02ld", month_number / 12, month_number % 12 + 1);
  return text;
}

bool is_missing(std::string_view q) {
  const std::string low = csv::lower(csv::trim(q));
  return low.empty() || low == "na" || low == "n/a" || low == "null" || low == "nan" || low == "-";
}

struct Row {
  std::size_t line = 0;
  std::size_t series = 0;
  PeriodValue period;
  double quantity = 0.0;
};

}  // namespace

HistoryColumnRole history_column_role(std::string_view header) { return role_of(header); }

char detect_separator(std::string_view header_line) {
  char separator = ',';
  std::size_t most = 0;
  for (char sep : {',', ';', '\t'}) {
    const auto f = csv::split_fields(header_line, sep);
    if (f.error.empty() && f.fields.size() > most) {
      most = f.fields.size();
      separator = sep;
    }
  }
  return separator;
}

Result<DemandHistory> parse_history_csv(std::string_view text, const HistoryCsvOptions& options) {
  if (auto bad = csv::check_text(text)) return *bad;
  const std::vector<csv::Line> lines = csv::split_lines(text);
  std::size_t first = 0;
  while (first < lines.size() && csv::trim(lines[first].text).empty()) ++first;
  if (first == lines.size()) return Problem{"line 1", "the file is empty; expected a header such as item,location,date,quantity"};

  const char separator = detect_separator(lines[first].text);
  const auto header = csv::split_fields(lines[first].text, separator);
  const std::string header_path = line_path(lines[first].number);
  if (!header.error.empty()) return Problem{header_path, header.error};
  constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  std::size_t col_item = kAbsent, col_location = kAbsent, col_period = kAbsent, col_quantity = kAbsent;
  Problems problems;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::size_t* slot = nullptr;
    switch (role_of(header.fields[i])) {
      case Role::item: slot = &col_item; break;
      case Role::location: slot = &col_location; break;
      case Role::period: slot = &col_period; break;
      case Role::quantity: slot = &col_quantity; break;
      case Role::none: break;
    }
    if (!slot) continue;
    if (*slot != kAbsent) {
      problems.push_back({header_path, cat("columns '", header.fields[*slot], "' and '", header.fields[i],
                                           "' mean the same thing; keep one")});
    }
    *slot = i;
  }
  if (col_item == kAbsent) problems.push_back({header_path, "no item column (item, sku, part_id, product, ...)"});
  if (col_period == kAbsent) problems.push_back({header_path, "no period column (period, date, week, month, ...)"});
  if (col_quantity == kAbsent) problems.push_back({header_path, "no quantity column (quantity, qty, demand, sales, ...)"});
  if (!problems.empty()) return problems;
  const std::string item_name = std::string(csv::trim(header.fields[col_item]));
  const std::string period_name_text = std::string(csv::trim(header.fields[col_period]));
  const std::string quantity_name = std::string(csv::trim(header.fields[col_quantity]));

  DemandHistory out;
  std::unordered_map<std::string, std::size_t> series_index;  // item + '\n' + location
  std::vector<Row> rows;
  bool day_first_seen = false, month_first_seen = false;
  std::size_t day_first_line = 0, month_first_line = 0;
  std::optional<PeriodValue::Kind> kind_seen;
  for (std::size_t li = first + 1; li < lines.size(); ++li) {
    const csv::Line& line = lines[li];
    if (csv::trim(line.text).empty()) continue;
    if (problems.size() >= 100) {
      problems.push_back({line_path(line.number), "stopped after 100 problems"});
      break;
    }
    const auto split = csv::split_fields(line.text, separator);
    if (!split.error.empty()) {
      problems.push_back({line_path(line.number), split.error});
      continue;
    }
    auto cell = [&](std::size_t c) { return c < split.fields.size() ? csv::trim(split.fields[c]) : std::string_view(); };
    const std::string item(cell(col_item));
    const std::string location = col_location == kAbsent ? options.default_location : std::string(cell(col_location));
    if (item.empty()) problems.push_back({cat(line_path(line.number), ", ", item_name), "the item is blank"});
    if (col_location != kAbsent && location.empty())
      problems.push_back({cat(line_path(line.number), ", ", header.fields[col_location]), "the location is blank"});
    Row row;
    row.line = line.number;
    const auto period = parse_period_value(cell(col_period));
    if (!period) {
      problems.push_back({cat(line_path(line.number), ", ", period_name_text),
                          cat("'", cell(col_period).substr(0, 40),
                              "' is not a period number or a date (2024-03-15, 2024-03, 2024-W11, 15.03.2024, 15/03/2024)")});
    } else {
      row.period = *period;
      const PeriodValue::Kind k = period->kind == PeriodValue::slash_date ? PeriodValue::date : period->kind;
      if (kind_seen && *kind_seen != k) {
        problems.push_back({cat(line_path(line.number), ", ", period_name_text),
                            "mixes period styles (numbers, dates, months, weeks) within one file"});
      }
      kind_seen = k;
      if (period->kind == PeriodValue::slash_date) {
        if (period->a > 12 && !day_first_seen) {
          day_first_seen = true;
          day_first_line = line.number;
        }
        if (period->b > 12 && !month_first_seen) {
          month_first_seen = true;
          month_first_line = line.number;
        }
      }
    }
    const std::string_view q = cell(col_quantity);
    if (is_missing(q)) {
      row.quantity = std::numeric_limits<double>::quiet_NaN();
    } else if (auto v = csv::parse_number(q)) {
      if (*v < 0.0) {
        problems.push_back({cat(line_path(line.number), ", ", quantity_name),
                            cat("demand must not be negative, got ", format_number(*v))});
      }
      row.quantity = *v;
    } else {
      problems.push_back({cat(line_path(line.number), ", ", quantity_name),
                          cat("'", q.substr(0, 40), "' is not a number (leave it empty when the value is missing)")});
    }
    if (item.empty() || location.empty()) continue;
    const std::string key = cat(item, "\n", location);
    auto [it, inserted] = series_index.emplace(key, out.series.size());
    if (inserted) {
      if (out.series.size() >= Limits::max_demands) {
        problems.push_back({line_path(line.number), "too many series (item, location pairs)"});
        break;
      }
      out.series.push_back({item, location, {}});
    }
    row.series = it->second;
    rows.push_back(row);
  }
  if (day_first_seen && month_first_seen) {
    problems.push_back({cat(line_path(month_first_line), ", ", period_name_text),
                        cat("reads as month-first (MM/DD/YYYY) but line ", std::to_string(day_first_line),
                            " reads as day-first (DD/MM/YYYY); use one style, or ISO dates (YYYY-MM-DD)")});
  }
  if (!problems.empty()) return problems;
  if (rows.empty()) return Problem{line_path(lines.back().number), "the file has a header but no data rows"};

  // Period numbers on one grid.
  const PeriodValue::Kind kind = *kind_seen;
  std::vector<long> number(rows.size(), 0);  // a day number, a month number, or an index
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const PeriodValue& p = rows[r].period;
    const std::string where = cat(line_path(rows[r].line), ", ", period_name_text);
    switch (p.kind) {
      case PeriodValue::index: number[r] = p.a; break;
      case PeriodValue::month:
        if (p.b < 1 || p.b > 12 || p.a < 1) problems.push_back({where, "is not a valid month"});
        number[r] = p.a * 12 + (p.b - 1);
        break;
      case PeriodValue::week:
        if (p.b < 1 || p.b > 53 || p.a < 1) problems.push_back({where, "is not a valid ISO week"});
        else {
          // Monday of ISO week 1 is the Monday on or before 4 January.
          const long jan4 = days_from_civil(p.a, 1, 4);
          const long weekday = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
          number[r] = jan4 - weekday + (p.b - 1) * 7;
        }
        break;
      case PeriodValue::date:
      case PeriodValue::slash_date: {
        long y = p.a, m = p.b, d = p.c;
        if (p.kind == PeriodValue::slash_date) {
          y = p.c;
          m = day_first_seen ? p.b : p.a;
          d = day_first_seen ? p.a : p.b;
        }
        if (!valid_date(y, m, d)) problems.push_back({where, "is not a valid calendar date"});
        else number[r] = days_from_civil(y, m, d);
        break;
      }
    }
  }
  if (!problems.empty()) return problems;

  // Period length and each row's index on the grid.
  Period period = options.period.value_or(Period::week);
  std::vector<long> index(rows.size(), 0);
  const long first_number = *std::min_element(number.begin(), number.end());
  if (kind == PeriodValue::index) {
    if (!options.period) period = Period::week;
    for (std::size_t r = 0; r < rows.size(); ++r) index[r] = number[r] - first_number;
  } else if (kind == PeriodValue::month) {
    period = Period::month;
    for (std::size_t r = 0; r < rows.size(); ++r) index[r] = number[r] - first_number;
  } else {
    if (kind == PeriodValue::week && !options.period) period = Period::week;
    if (kind == PeriodValue::date && !options.period) {
      std::vector<long> distinct(number.begin(), number.end());
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      long gap = std::numeric_limits<long>::max();
      for (std::size_t k = 1; k < distinct.size(); ++k) gap = std::min(gap, distinct[k] - distinct[k - 1]);
      bool same_day_of_month = true;
      long y0 = 0, m0 = 0, d0 = 0;
      civil_from_days(distinct.front(), y0, m0, d0);
      for (long dn : distinct) {
        long y = 0, m = 0, d = 0;
        civil_from_days(dn, y, m, d);
        same_day_of_month = same_day_of_month && d == d0;
      }
      if (distinct.size() > 1 && same_day_of_month && gap >= 28) period = Period::month;
      else if (gap % 7 == 0 && distinct.size() > 1) period = Period::week;
      else if (distinct.size() > 1) period = Period::day;
      else period = Period::week;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const long delta = number[r] - first_number;
      if (period == Period::day) {
        index[r] = delta;
      } else if (period == Period::week) {
        if (delta % 7 != 0) {
          problems.push_back({cat(line_path(rows[r].line), ", ", period_name_text),
                              cat("is not a whole number of weeks after the first date ", iso_date(first_number))});
        }
        index[r] = delta / 7;
      } else {
        long y = 0, m = 0, d = 0, y0 = 0, m0 = 0, d0 = 0;
        civil_from_days(number[r], y, m, d);
        civil_from_days(first_number, y0, m0, d0);
        index[r] = (y * 12 + m) - (y0 * 12 + m0);
      }
    }
    if (!problems.empty()) return problems;
  }
  const long span = *std::max_element(index.begin(), index.end()) + 1;
  if (span > static_cast<long>(Limits::max_history_periods)) {
    return Problem{line_path(lines[first].number),
                   cat("the history spans ", std::to_string(span), " periods; the limit is ",
                       std::to_string(Limits::max_history_periods))};
  }
  const std::size_t cells = out.series.size() * static_cast<std::size_t>(span);
  if (cells > kMaxHistoryCells) {
    return Problem{line_path(lines[first].number),
                   cat(std::to_string(out.series.size()), " series over ", std::to_string(span), " periods make ",
                       std::to_string(cells), " values; the limit is ", std::to_string(kMaxHistoryCells),
                       " (fewer series, a shorter span, or a longer period)")};
  }
  out.period = period;
  for (long k = 0; k < span; ++k) {
    if (kind == PeriodValue::index) {
      out.period_labels.push_back(std::to_string(first_number + k));
    } else if (kind == PeriodValue::month || period == Period::month) {
      long month_number = first_number + k;
      if (kind != PeriodValue::month) {
        long y = 0, m = 0, d = 0;
        civil_from_days(first_number, y, m, d);
        month_number = y * 12 + (m - 1) + k;
      }
      out.period_labels.push_back(iso_month(month_number));
    } else {
      out.period_labels.push_back(iso_date(first_number + k * (period == Period::week ? 7 : 1)));
    }
  }
  const double absent = options.absent_rows_are_zero ? 0.0 : std::numeric_limits<double>::quiet_NaN();
  for (auto& s : out.series) s.quantities.assign(static_cast<std::size_t>(span), absent);
  std::vector<std::vector<std::size_t>> seen_line(out.series.size());
  for (auto& v : seen_line) v.assign(static_cast<std::size_t>(span), 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto k = static_cast<std::size_t>(index[r]);
    std::size_t& first_line = seen_line[rows[r].series][k];
    if (first_line != 0) {
      problems.push_back({line_path(rows[r].line),
                          cat("a second row for item '", out.series[rows[r].series].item, "' at '",
                              out.series[rows[r].series].location, "' in period ", out.period_labels[k],
                              " (first on line ", std::to_string(first_line), ")")});
      continue;
    }
    first_line = rows[r].line;
    out.series[rows[r].series].quantities[k] = rows[r].quantity;
  }
  if (!problems.empty()) return problems;
  return out;
}

Scenario history_to_scenario(const DemandHistory& history, const std::string& scenario_name) {
  Scenario s;
  s.name = scenario_name;
  s.description = "Imported from a long-form demand history.";
  s.period = history.period;
  std::map<std::string, std::size_t> location_index;
  std::set<std::string> item_seen;  // a set, not find_item: thousands of items must not take quadratic time
  for (const HistorySeries& series : history.series) {
    if (item_seen.insert(series.item).second) s.items.push_back({series.item, series.item, 0.0, {}, {}, {}});
    auto [it, inserted] = location_index.emplace(series.location, s.nodes.size());
    if (inserted) {
      Node node;
      node.id = series.location;
      node.name = series.location;
      node.kind = "dc";
      node.position = {0.0, 100.0 * static_cast<double>(it->second)};
      s.nodes.push_back(std::move(node));
    }
    s.nodes[it->second].produces.push_back(series.item);
    Demand d;
    d.node = series.location;
    d.item = series.item;
    History h;
    if (!history.period_labels.empty()) h.start = history.period_labels.front();
    h.quantities = series.quantities;
    d.history = std::move(h);
    s.demands.push_back(std::move(d));
  }
  return s;
}

}  // namespace echelon
