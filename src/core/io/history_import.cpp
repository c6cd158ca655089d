// History import with settings (the header has the scenario built and the precedence rules).
//
// Contents
//   validate_import_settings   per-field checks of the settings
//   parse_item_master_csv      item, unit_cost, lead_time, location rows
//   preview_table              header, roles and the first rows, for the import dialog
//   empirical_lead_time        observed lead times -> their empirical distribution
//   import_history             history + settings + item master + receipts -> validated scenario
#include "core/io/history_import.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "core/base/concat.h"
#include "core/io/receipts_csv.h"
#include "core/model/validate.h"

namespace echelon {

namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

std::string normalised(std::string_view header) {
  std::string h = csv::lower(csv::trim(header));
  for (char& c : h)
    if (c == ' ' || c == '-') c = '_';
  return h;
}

bool is_one_of(std::string_view header, std::initializer_list<const char*> names) {
  const std::string h = normalised(header);
  for (const char* n : names)
    if (h == n) return true;
  return false;
}

bool blank(std::string_view cell) {
  const std::string low = csv::lower(csv::trim(cell));
  return low.empty() || low == "na" || low == "n/a" || low == "null" || low == "nan" || low == "-";
}

// The first non-blank line, or the line count when there is none.
std::size_t first_line(const std::vector<csv::Line>& lines) {
  std::size_t first = 0;
  while (first < lines.size() && csv::trim(lines[first].text).empty()) ++first;
  return first;
}

// A number within [0, limit] in a cell, or a problem at `where`.
std::optional<double> read_amount(std::string_view cell, double limit, const std::string& where, Problems& problems) {
  const auto v = csv::parse_number(cell);
  if (!v) {
    problems.push_back({where, cat("'", csv::trim(cell).substr(0, 40), "' is not a number")});
    return std::nullopt;
  }
  if (*v < 0.0 || *v > limit) {
    problems.push_back({where, cat("must be between 0 and ", format_number(limit), ", got ", format_number(*v))});
    return std::nullopt;
  }
  return v;
}

std::string unique_id(const std::string& wanted, const std::set<std::string>& taken) {
  std::string id = wanted;
  for (int k = 2; taken.count(id); ++k) id = cat(wanted, " ", std::to_string(k));
  return id;
}

}  // namespace

Problems validate_import_settings(const HistoryImportSettings& s) {
  Problems problems;
  if (!std::isfinite(s.lead_time_periods) || s.lead_time_periods < 0.0 || s.lead_time_periods > Limits::max_time_periods) {
    problems.push_back({"lead_time_periods", cat("must be between 0 and ", format_number(Limits::max_time_periods),
                                                 " periods, got ", format_number(s.lead_time_periods))});
  }
  if (!std::isfinite(s.unit_cost) || s.unit_cost < 0.0 || s.unit_cost > Limits::max_money) {
    problems.push_back({"unit_cost", cat("must be between 0 and ", format_number(Limits::max_money), ", got ",
                                         format_number(s.unit_cost))});
  }
  // Rates above 100% a year happen (perishables, fashion); 10 (1000%) is surely a typo of a percentage.
  if (!std::isfinite(s.holding_rate_per_year) || s.holding_rate_per_year < 0.0 || s.holding_rate_per_year > 10.0) {
    problems.push_back({"holding_rate_per_year", cat("must be a fraction of the unit cost per year between 0 and 10 "
                                                     "(0.25 = 25% a year), got ",
                                                     format_number(s.holding_rate_per_year))});
  }
  if (s.service_target && (!std::isfinite(*s.service_target) || *s.service_target <= 0.0 || *s.service_target >= 1.0)) {
    problems.push_back({"service_target", cat("must be a cycle service level strictly between 0 and 1 (0.95 = 95%), got ",
                                              format_number(*s.service_target))});
  }
  const std::string_view location = csv::trim(s.history.default_location);
  if (location.empty()) problems.push_back({"location", "is blank; name the location of a file without a location column"});
  else if (location.size() > Limits::max_id_length)
    problems.push_back({"location", cat("is longer than ", std::to_string(Limits::max_id_length), " characters")});
  if (s.scenario_name.size() > Limits::max_id_length)
    problems.push_back({"scenario_name", cat("is longer than ", std::to_string(Limits::max_id_length), " characters")});
  return problems;
}

Result<std::vector<ItemMasterRow>> parse_item_master_csv(std::string_view text) {
  const std::string where = "item master";
  if (auto bad = csv::check_text(text)) return Problem{cat(where, ", ", bad->path), bad->message};
  const std::vector<csv::Line> lines = csv::split_lines(text);
  const std::size_t first = first_line(lines);
  if (first == lines.size()) return Problem{cat(where, ", line 1"), "is empty; expected a header such as item,unit_cost,lead_time"};
  const char separator = detect_separator(lines[first].text);
  const auto header = csv::split_fields(lines[first].text, separator);
  const std::string header_path = cat(where, ", line ", std::to_string(lines[first].number));
  if (!header.error.empty()) return Problem{header_path, header.error};
  std::size_t col_item = kAbsent, col_location = kAbsent, col_cost = kAbsent, col_lead = kAbsent;
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string_view h = header.fields[c];
    std::size_t* slot = nullptr;
    if (history_column_role(h) == HistoryColumnRole::item) slot = &col_item;
    else if (history_column_role(h) == HistoryColumnRole::location) slot = &col_location;
    else if (is_one_of(h, {"unit_cost", "cost", "unit_value", "price", "value"})) slot = &col_cost;
    else if (is_one_of(h, {"lead_time", "lead_time_periods", "leadtime", "lead"})) slot = &col_lead;
    if (!slot) continue;
    if (*slot != kAbsent)
      return Problem{header_path, cat("columns '", header.fields[*slot], "' and '", h, "' mean the same thing; keep one")};
    *slot = c;
  }
  if (col_item == kAbsent) return Problem{header_path, "no item column (item, sku, part_id, product, ...)"};
  if (col_cost == kAbsent && col_lead == kAbsent && col_location == kAbsent)
    return Problem{header_path, "no unit_cost, lead_time or location column: nothing to override"};

  std::vector<ItemMasterRow> rows;
  Problems problems;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t li = first + 1; li < lines.size() && problems.size() < 100; ++li) {
    const csv::Line& line = lines[li];
    if (csv::trim(line.text).empty()) continue;
    const std::string at = cat(where, ", line ", std::to_string(line.number));
    const auto split = csv::split_fields(line.text, separator);
    if (!split.error.empty()) {
      problems.push_back({at, split.error});
      continue;
    }
    auto cell = [&](std::size_t c) { return c < split.fields.size() ? csv::trim(split.fields[c]) : std::string_view(); };
    ItemMasterRow row;
    row.line = line.number;
    row.item = std::string(cell(col_item));
    if (row.item.empty()) {
      problems.push_back({cat(at, ", ", header.fields[col_item]), "the item is blank"});
      continue;
    }
    if (col_location != kAbsent) row.location = std::string(cell(col_location));
    if (col_cost != kAbsent && !blank(cell(col_cost)))
      row.unit_cost = read_amount(cell(col_cost), Limits::max_money, cat(at, ", ", header.fields[col_cost]), problems);
    if (col_lead != kAbsent && !blank(cell(col_lead)))
      row.lead_time_periods =
          read_amount(cell(col_lead), Limits::max_time_periods, cat(at, ", ", header.fields[col_lead]), problems);
    auto [it, inserted] = seen.emplace(std::make_pair(row.item, row.location), line.number);
    if (!inserted) {
      problems.push_back({at, cat("a second row for item '", row.item, "'",
                                  row.location.empty() ? std::string() : cat(" at '", row.location, "'"),
                                  " (first on line ", std::to_string(it->second), ")")});
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!problems.empty()) return problems;
  return rows;
}

TablePreview preview_table(std::string_view text, std::size_t max_rows) {
  TablePreview out;
  const std::vector<csv::Line> lines = csv::split_lines(text);
  const std::size_t first = first_line(lines);
  if (first == lines.size()) return out;
  out.separator = detect_separator(lines[first].text);
  const auto header = csv::split_fields(lines[first].text, out.separator);
  for (const std::string& h : header.fields) {
    out.header.emplace_back(csv::trim(h));
    out.roles.push_back(history_column_role(h));
  }
  for (std::size_t li = first + 1; li < lines.size(); ++li) {
    if (csv::trim(lines[li].text).empty()) continue;
    ++out.data_rows;
    if (out.rows.size() >= max_rows) continue;
    auto split = csv::split_fields(lines[li].text, out.separator);
    std::vector<std::string> row;
    for (const std::string& f : split.fields) row.emplace_back(csv::trim(f));
    out.rows.push_back(std::move(row));
  }
  return out;
}

namespace {

// The lead-time column of the history: one value per (item, location) series.
Result<std::map<std::pair<std::string, std::string>, double>> read_lead_time_column(std::string_view text,
                                                                                     const HistoryImportSettings& s) {
  std::map<std::pair<std::string, std::string>, double> out;
  std::map<std::pair<std::string, std::string>, std::size_t> first_seen;
  const std::vector<csv::Line> lines = csv::split_lines(text);
  const std::size_t first = first_line(lines);
  if (first == lines.size()) return out;
  const char separator = detect_separator(lines[first].text);
  const auto header = csv::split_fields(lines[first].text, separator);
  std::size_t col_lead = kAbsent, col_item = kAbsent, col_location = kAbsent;
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    if (normalised(header.fields[c]) == normalised(s.lead_time_column)) col_lead = c;
    const HistoryColumnRole role = history_column_role(header.fields[c]);
    if (role == HistoryColumnRole::item) col_item = c;
    if (role == HistoryColumnRole::location) col_location = c;
  }
  if (col_lead == kAbsent) {
    std::string names;
    for (const std::string& h : header.fields) names += cat(names.empty() ? "" : ", ", csv::trim(h));
    return Problem{"lead_time_column", cat("the history has no column '", s.lead_time_column, "' (its columns: ", names, ")")};
  }
  if (col_item == kAbsent) return out;  // parse_history_csv reports the missing item column
  Problems problems;
  for (std::size_t li = first + 1; li < lines.size() && problems.size() < 100; ++li) {
    if (csv::trim(lines[li].text).empty()) continue;
    const auto split = csv::split_fields(lines[li].text, separator);
    if (!split.error.empty()) continue;  // parse_history_csv reports it
    auto cell = [&](std::size_t c) { return c < split.fields.size() ? csv::trim(split.fields[c]) : std::string_view(); };
    if (blank(cell(col_lead))) continue;
    const std::string at = cat("line ", std::to_string(lines[li].number), ", ", csv::trim(header.fields[col_lead]));
    const auto v = read_amount(cell(col_lead), Limits::max_time_periods, at, problems);
    if (!v) continue;
    const auto key = std::make_pair(std::string(cell(col_item)),
                                    col_location == kAbsent ? s.history.default_location : std::string(cell(col_location)));
    auto [it, inserted] = out.emplace(key, *v);
    if (inserted) {
      first_seen[key] = lines[li].number;
    } else if (it->second != *v) {
      problems.push_back({at, cat("lead time ", format_number(*v), " for item '", key.first, "' differs from ",
                                  format_number(it->second), " on line ", std::to_string(first_seen[key]),
                                  "; give one lead time per item and location")});
    }
  }
  if (!problems.empty()) return problems;
  return out;
}

// Each observed lead time with its relative frequency; a single value is a constant.
Distribution empirical_lead_time(std::vector<double> observed) {
  std::sort(observed.begin(), observed.end());
  dist::Discrete d;
  for (std::size_t i = 0; i < observed.size();) {
    std::size_t j = i;
    while (j < observed.size() && observed[j] == observed[i]) ++j;
    d.outcomes.push_back({observed[i], static_cast<double>(j - i) / static_cast<double>(observed.size())});
    i = j;
  }
  if (d.outcomes.size() == 1) return dist::Constant{d.outcomes[0].value};
  return d;
}

}  // namespace

Result<Scenario> import_history(std::string_view text, const HistoryImportSettings& settings) {
  Problems problems = validate_import_settings(settings);
  if (!problems.empty()) return problems;
  HistoryImportSettings s = settings;
  s.history.default_location = std::string(csv::trim(s.history.default_location));

  auto history = parse_history_csv(text, s.history);
  if (!history.ok()) return history.problems();
  DemandHistory h = std::move(history).value();

  std::map<std::pair<std::string, std::string>, double> column_lead;
  if (!csv::trim(s.lead_time_column).empty()) {
    auto read = read_lead_time_column(text, s);
    if (!read.ok()) return read.problems();
    column_lead = std::move(read).value();
  }
  std::map<std::string, double> master_cost;
  std::map<std::pair<std::string, std::string>, double> master_lead;  // (item, "") = every location
  std::map<std::string, std::string> master_location;
  if (!csv::trim(s.item_master_csv).empty()) {
    auto master = parse_item_master_csv(s.item_master_csv);
    if (!master.ok()) return master.problems();
    for (const ItemMasterRow& row : master.value()) {
      if (row.unit_cost) master_cost[row.item] = *row.unit_cost;
      if (row.lead_time_periods) master_lead[{row.item, row.location}] = *row.lead_time_periods;
      if (!row.location.empty() && !master_location.count(row.item)) master_location[row.item] = row.location;
    }
  }
  // Receipts: each series' observed lead times, in the history's periods.
  std::optional<ReceiptsCsv> receipts;
  std::map<std::pair<std::string, std::string>, std::vector<double>> receipt_leads;  // (item, location); "" = any
  if (!csv::trim(s.receipts_csv).empty()) {
    auto read = parse_receipts_csv(s.receipts_csv);
    if (!read.ok()) {
      Problems prefixed = read.problems();
      for (Problem& p : prefixed) p.path = "receipts, " + p.path;
      return prefixed;
    }
    receipts = std::move(read).value();
    const double days = !receipts->iso_dates ? 1.0 : h.period == Period::week ? 7.0 : h.period == Period::month ? 365.25 / 12.0 : 1.0;
    for (const Receipt& r : receipts->receipts) {
      const double periods = r.lead_time() / days;
      if (!(periods <= Limits::max_time_periods))
        return Problem{cat("receipts, line ", std::to_string(r.line)), cat("a lead time of ", format_number(periods), " periods is over the limit of ",
                                                           format_number(Limits::max_time_periods))};
      receipt_leads[{receipts->has_item ? r.item : std::string(), receipts->has_location ? r.location : std::string()}].push_back(periods);
    }
  }
  // A file without a location column: the item master may place each item.
  const TablePreview header = preview_table(text, 0);
  bool has_location_column = false;
  for (HistoryColumnRole role : header.roles) has_location_column = has_location_column || role == HistoryColumnRole::location;
  if (!has_location_column) {
    for (HistorySeries& series : h.series) {
      if (auto it = master_location.find(series.item); it != master_location.end()) {
        // The lead-time column was keyed by the default location; follow the series.
        if (auto lead = column_lead.find({series.item, series.location}); lead != column_lead.end()) {
          const double v = lead->second;
          column_lead.erase(lead);
          column_lead[{series.item, it->second}] = v;
        }
        series.location = it->second;
      }
    }
  }

  Scenario out;
  out.name = s.scenario_name.empty() ? std::string("imported") : s.scenario_name;
  out.description = "Imported from a demand history with import settings (lead time, unit cost, holding rate, "
                    "service target).";
  out.period = h.period;
  std::map<std::string, std::size_t> location_index;
  std::set<std::string> taken;
  for (const HistorySeries& series : h.series) taken.insert(series.location);
  const std::string supplier_id = unique_id("supplier", taken);
  {
    Node supplier;
    supplier.id = supplier_id;
    supplier.name = "Supplier";
    supplier.kind = "supplier";
    // One period, the least any stage takes (plan.h), said outright so no note calls it rounded.
    supplier.processing_time = dist::Constant{1.0};
    supplier.holding_cost = {HoldingCostBasis::per_unit_period, 0.0};
    supplier.max_service_time_periods = 0.0;
    out.nodes.push_back(std::move(supplier));
  }
  std::set<std::string> item_seen;
  for (const HistorySeries& series : h.series) {
    if (item_seen.insert(series.item).second) {
      Item item;
      item.id = series.item;
      item.name = series.item;
      const auto cost = master_cost.find(series.item);
      item.unit_cost = cost != master_cost.end() ? cost->second : s.unit_cost;
      out.items.push_back(std::move(item));
      out.nodes[0].produces.push_back(series.item);
    }
    auto [it, inserted] = location_index.emplace(series.location, out.nodes.size());
    if (inserted) {
      Node node;
      node.id = series.location;
      node.name = series.location;
      node.kind = "dc";
      node.holding_cost = {HoldingCostBasis::annual_rate_of_value, s.holding_rate_per_year};
      node.position = {300.0, 100.0 * static_cast<double>(location_index.size() - 1)};
      out.nodes.push_back(std::move(node));
    }
    Distribution lead = dist::Constant{s.lead_time_periods};
    const std::vector<double>* observed = nullptr;
    if (receipts) {
      auto r = receipt_leads.find({receipts->has_item ? series.item : std::string(), receipts->has_location ? series.location : std::string()});
      if (r != receipt_leads.end()) observed = &r->second;
    }
    if (auto m = master_lead.find({series.item, series.location}); m != master_lead.end()) lead = dist::Constant{m->second};
    else if (auto a = master_lead.find({series.item, std::string()}); a != master_lead.end()) lead = dist::Constant{a->second};
    else if (observed) lead = empirical_lead_time(*observed);
    else if (auto c = column_lead.find({series.item, series.location}); c != column_lead.end()) lead = dist::Constant{c->second};
    Arc arc;
    arc.from = supplier_id;
    arc.to = series.location;
    arc.item = series.item;
    arc.transit_time = std::move(lead);
    out.arcs.push_back(std::move(arc));
    Demand d;
    d.node = series.location;
    d.item = series.item;
    History hist;
    if (!h.period_labels.empty()) hist.start = h.period_labels.front();
    hist.quantities = series.quantities;
    d.history = std::move(hist);
    out.demands.push_back(std::move(d));
    if (s.service_target) {
      ServiceTarget t;
      t.node = series.location;
      t.item = series.item;
      t.measure = ServiceMeasure::cycle_service_level;
      t.value = *s.service_target;
      out.service_targets.push_back(std::move(t));
    }
  }
  // The supplier in the middle of its locations on the drawing.
  out.nodes[0].position = {0.0, 50.0 * static_cast<double>(location_index.size() - 1)};
  if (Problems invalid = validate_scenario(out); !invalid.empty()) return invalid;
  return out;
}

}  // namespace echelon
