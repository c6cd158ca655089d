#include "core/base/concat.h"
#include "core/io/willems.h"

#include <cmath>
#include <map>
#include <unordered_map>

#include "core/io/csv.h"

namespace echelon {

std::size_t WillemsChain::demand_stage_count() const {
  std::size_t count = 0;
  for (const auto& s : stages) count += s.is_demand_stage ? 1 : 0;
  return count;
}

namespace {

// Where each known column sits in a row (npos when absent from the file).
constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

struct Columns {
  std::size_t from = kAbsent, to = kAbsent;
  std::size_t name = kAbsent, classification = kAbsent, rel_depth = kAbsent;
  std::size_t stage_time = kAbsent, sd_stage_time = kAbsent, stage_cost = kAbsent;
  std::size_t avg_demand = kAbsent, sd_demand = kAbsent, service_level = kAbsent;
  std::size_t max_service_time = kAbsent, x_pos = kAbsent, y_pos = kAbsent;
  // StageTime_k_p and StageTime_k_v by k.
  std::map<int, std::pair<std::size_t, std::size_t>> outcomes;
};

// Joins pieces of text. (Used instead of `"text" + std::string{...}`, which GCC 12 at -O3 flags
// with a false -Wrestrict warning.)
std::string line_path(std::size_t line) { return "line " + std::to_string(line); }
std::string cell_path(std::size_t line, std::string_view column) {
  return line_path(line) + ", " + std::string(column);
}

// Parses "StageTime_<k>_p" / "StageTime_<k>_v"; returns k and the letter, or k = 0.
std::pair<int, char> outcome_column(std::string_view attr) {
  constexpr std::string_view prefix = "stagetime_";
  const std::string low = csv::lower(attr);
  if (low.rfind(prefix, 0) != 0 || low.size() < prefix.size() + 3) return {0, 0};
  const std::string_view rest = std::string_view(low).substr(prefix.size());
  const std::size_t underscore = rest.find('_');
  if (underscore == std::string_view::npos || underscore + 2 != rest.size()) return {0, 0};
  const char letter = rest.back();
  if (letter != 'p' && letter != 'v') return {0, 0};
  int k = 0;
  for (char c : rest.substr(0, underscore)) {
    if (c < '0' || c > '9' || k > 1000) return {0, 0};
    k = k * 10 + (c - '0');
  }
  return {k, letter};
}

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string path(csv::trim(header[i]));
    if (path == "/arcs/arc/@from") c.from = i;
    if (path == "/arcs/arc/@to") c.to = i;
    constexpr std::string_view stage_prefix = "/stages/stage/@";
    if (path.rfind(stage_prefix, 0) != 0) continue;
    const std::string attr = path.substr(stage_prefix.size());
    const std::string low = csv::lower(attr);
    if (low == "stagename") c.name = i;
    else if (low == "stageclassification") c.classification = i;
    else if (low == "reldepth") c.rel_depth = i;
    else if (low == "stagetime") c.stage_time = i;
    else if (low == "stdevstagetime") c.sd_stage_time = i;
    else if (low == "stagecost") c.stage_cost = i;
    else if (low == "avgdemand") c.avg_demand = i;
    else if (low == "stdevdemand") c.sd_demand = i;
    else if (low == "servicelevel") c.service_level = i;
    else if (low == "maxservicetime") c.max_service_time = i;
    else if (low == "xpos") c.x_pos = i;
    else if (low == "ypos") c.y_pos = i;
    else {
      const auto [k, letter] = outcome_column(attr);
      if (k > 0) {
        auto& slot = c.outcomes.try_emplace(k, kAbsent, kAbsent).first->second;
        (letter == 'p' ? slot.first : slot.second) = i;
      }
    }
  }
  return c;
}

// Reads the cells of one row, collecting problems with the row's line number.
class RowReader {
 public:
  RowReader(const std::vector<std::string>& fields, std::size_t line, Problems& problems)
      : fields_(fields), line_(line), problems_(problems) {}

  std::string_view text(std::size_t column) const {
    if (column == kAbsent || column >= fields_.size()) return {};
    return csv::trim(fields_[column]);
  }
  bool filled(std::size_t column) const { return !text(column).empty(); }

  // A number; nullopt when blank (no problem) or not a number (problem reported).
  std::optional<double> number(std::size_t column, std::string_view name) {
    const std::string_view t = text(column);
    if (t.empty()) return std::nullopt;
    auto value = csv::parse_number(t);
    if (!value) {
      problems_.push_back({cell_path(line_, name), cat("'", t.substr(0, 40), "' is not a finite decimal number")});
    }
    return value;
  }
  double required(std::size_t column, std::string_view name) {
    if (!filled(column)) {
      problems_.push_back({cell_path(line_, name), "is required for a stage but is blank"});
      return 0.0;
    }
    return number(column, name).value_or(0.0);
  }
  double non_negative(double value, std::string_view name) {
    if (value < 0.0) {
      problems_.push_back({cell_path(line_, name), "must not be negative, got " + format_number(value)});
      return 0.0;
    }
    return value;
  }

 private:
  const std::vector<std::string>& fields_;
  std::size_t line_;
  Problems& problems_;
};

struct PendingArc {
  std::string from, to;
  std::size_t line = 0;
};

}  // namespace

Result<WillemsChain> parse_willems_csv(std::string_view text) {
  if (auto bad = csv::check_text(text)) return *bad;
  const std::vector<csv::Line> lines = csv::split_lines(text);
  if (lines.empty()) return Problem{"line 1", "the file is empty; a Willems chain starts with the row /chain"};
  {
    const auto first = csv::split_fields(lines[0].text);
    if (!first.error.empty() || first.fields.empty() || csv::trim(first.fields[0]) != "/chain") {
      return Problem{"line 1", "the first row must start with /chain (the Willems chain CSV export)"};
    }
  }
  if (lines.size() < 2) return Problem{"line 2", "the row of column paths is missing"};
  const auto header = csv::split_fields(lines[1].text);
  if (!header.error.empty()) return Problem{"line 2", header.error};
  const Columns col = find_columns(header.fields);

  Problems problems;
  const std::pair<std::size_t, const char*> required_columns[] = {
      {col.from, "/arcs/arc/@from"},         {col.to, "/arcs/arc/@to"},
      {col.name, "/stages/stage/@stageName"}, {col.stage_time, "/stages/stage/@stageTime"}};
  for (const auto& [index, name] : required_columns) {
    if (index == kAbsent) problems.push_back({"line 2", cat("the column ", name, " is missing")});
  }
  for (const auto& [k, pv] : col.outcomes) {
    if (pv.first == kAbsent || pv.second == kAbsent) {
      problems.push_back({"line 2", cat("StageTime_", std::to_string(k), " needs both a _p (probability) and a _v (value) column")});
    }
  }
  if (!problems.empty()) return problems;

  WillemsChain chain;
  std::vector<PendingArc> pending;
  std::unordered_map<std::string, std::size_t> index_of;
  std::vector<std::size_t> stage_line;

  for (std::size_t li = 2; li < lines.size(); ++li) {
    const csv::Line& line = lines[li];
    if (csv::trim(line.text).empty()) continue;
    const auto split = csv::split_fields(line.text);
    if (!split.error.empty()) {
      problems.push_back({line_path(line.number), split.error});
      continue;
    }
    if (split.fields.size() > header.fields.size()) {
      problems.push_back({line_path(line.number), "has " + std::to_string(split.fields.size()) +
                                                      " fields but the header has " +
                                                      std::to_string(header.fields.size())});
      continue;
    }
    RowReader row(split.fields, line.number, problems);
    const bool is_arc = row.filled(col.from) || row.filled(col.to);
    const bool is_stage = row.filled(col.name);
    if (is_arc && is_stage) {
      problems.push_back({line_path(line.number), "fills both arc and stage columns; a row is one or the other"});
      continue;
    }
    if (is_arc) {
      if (!row.filled(col.from) || !row.filled(col.to)) {
        problems.push_back({cell_path(line.number, row.filled(col.from) ? "to" : "from"),
                            "an arc needs both its from and to stage"});
        continue;
      }
      pending.push_back({std::string(row.text(col.from)), std::string(row.text(col.to)), line.number});
      continue;
    }
    if (!is_stage) continue;  // rows with neither (company data only) carry nothing for us

    WillemsStage s;
    s.name = std::string(row.text(col.name));
    s.classification = std::string(row.text(col.classification));
    s.rel_depth = row.number(col.rel_depth, "relDepth").value_or(0.0);
    s.stage_time_mean_days = row.non_negative(row.required(col.stage_time, "stageTime"), "stageTime");
    s.stage_time_sd_days = row.non_negative(row.number(col.sd_stage_time, "stDevStageTime").value_or(0.0),
                                            "stDevStageTime");
    s.stage_cost = row.non_negative(row.number(col.stage_cost, "stageCost").value_or(0.0), "stageCost");
    s.x_pos = row.number(col.x_pos, "xPos").value_or(0.0);
    s.y_pos = row.number(col.y_pos, "yPos").value_or(0.0);
    if (row.filled(col.max_service_time)) {
      if (auto v = row.number(col.max_service_time, "maxServiceTime")) {
        s.max_service_time_days = row.non_negative(*v, "maxServiceTime");
      }
    }
    if (row.filled(col.avg_demand)) {
      s.is_demand_stage = true;
      s.avg_demand_per_day = row.non_negative(row.number(col.avg_demand, "avgDemand").value_or(0.0), "avgDemand");
      s.sd_demand_per_day =
          row.non_negative(row.required(col.sd_demand, "stDevDemand"), "stDevDemand");
      s.service_level = row.required(col.service_level, "serviceLevel");
      if (!(s.service_level > 0.0 && s.service_level <= 1.0)) {
        problems.push_back({cell_path(line.number, "serviceLevel"),
                            "must be in (0, 1], got " + format_number(s.service_level)});
      }
    } else if (row.filled(col.sd_demand) || row.filled(col.service_level)) {
      problems.push_back({cell_path(line.number, "avgDemand"),
                          "is blank but stDevDemand or serviceLevel is filled; a demand stage needs all three"});
    }
    double probability_sum = 0.0;
    for (const auto& [k, pv] : col.outcomes) {
      const std::string pname = cat("StageTime_", std::to_string(k), "_p");
      const std::string vname = cat("StageTime_", std::to_string(k), "_v");
      if (!row.filled(pv.first) && !row.filled(pv.second)) continue;
      if (!row.filled(pv.first) || !row.filled(pv.second)) {
        problems.push_back({cell_path(line.number, row.filled(pv.first) ? vname : pname),
                            "a stage-time outcome needs both its probability and its value"});
        continue;
      }
      const auto p = row.number(pv.first, pname);
      const auto v = row.number(pv.second, vname);
      if (!p || !v) continue;
      if (*p < 0.0 || *p > 1.0) {
        problems.push_back({cell_path(line.number, pname), "a probability must be in [0, 1], got " + format_number(*p)});
      }
      s.stage_time_distribution.push_back({*p, row.non_negative(*v, vname)});
      probability_sum += *p;
    }
    if (!s.stage_time_distribution.empty() && std::abs(probability_sum - 1.0) > 1e-6) {
      problems.push_back({cell_path(line.number, "StageTime_1_p"),
                          "the stage-time probabilities sum to " + format_number(probability_sum) + ", not 1"});
    }
    const auto [it, inserted] = index_of.emplace(s.name, chain.stages.size());
    if (!inserted) {
      problems.push_back({cell_path(line.number, "stageName"),
                          "stage '" + s.name + "' is already defined on line " +
                              std::to_string(stage_line[it->second])});
      continue;
    }
    stage_line.push_back(line.number);
    chain.stages.push_back(std::move(s));
  }

  for (const PendingArc& a : pending) {
    const auto from = index_of.find(a.from);
    const auto to = index_of.find(a.to);
    if (from == index_of.end()) {
      problems.push_back({cell_path(a.line, "from"), "no stage is named '" + a.from + "'"});
    }
    if (to == index_of.end()) {
      problems.push_back({cell_path(a.line, "to"), "no stage is named '" + a.to + "'"});
    }
    if (from == index_of.end() || to == index_of.end()) continue;
    if (from->second == to->second) {
      problems.push_back({line_path(a.line), "an arc joins stage '" + a.from + "' to itself"});
      continue;
    }
    chain.arcs.push_back({from->second, to->second});
  }
  if (chain.stages.empty() && problems.empty()) {
    problems.push_back({line_path(lines.back().number), "the file has no stage rows"});
  }
  if (!problems.empty()) return problems;
  return chain;
}

}  // namespace echelon
