#include "core/io/scenario_import.h"

#include <filesystem>

#include "core/io/scenario_json.h"
#include "core/io/willems.h"
#include "core/io/willems_import.h"
#include "core/model/validate.h"

namespace echelon {

namespace {

std::string_view skip_space_and_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  return text;
}

Result<Scenario> validated(Scenario scenario) {
  if (Problems problems = validate_scenario(scenario); !problems.empty()) return problems;
  return scenario;
}

}  // namespace

FileFormat detect_file_format(std::string_view text) {
  const std::string_view start = skip_space_and_bom(text);
  if (!start.empty() && start.front() == '{') return FileFormat::scenario_json;
  if (start.substr(0, 6) == "/chain") return FileFormat::willems_csv;
  return FileFormat::history_csv;
}

std::optional<FileFormat> file_format_from_name(std::string_view name) {
  if (name == "scenario" || name == "json") return FileFormat::scenario_json;
  if (name == "willems") return FileFormat::willems_csv;
  if (name == "history-csv" || name == "history") return FileFormat::history_csv;
  return std::nullopt;
}

const char* file_format_name(FileFormat format) {
  switch (format) {
    case FileFormat::scenario_json: return "scenario";
    case FileFormat::willems_csv: return "willems";
    case FileFormat::history_csv: return "history-csv";
  }
  return "unknown";
}

Result<Scenario> import_scenario(std::string_view text, const ImportOptions& options) {
  const std::string name = options.scenario_name.empty() ? std::string("imported") : options.scenario_name;
  switch (options.format.value_or(detect_file_format(text))) {
    case FileFormat::scenario_json:
      return load_scenario_json(text);  // validates
    case FileFormat::willems_csv: {
      auto chain = parse_willems_csv(text);
      if (!chain.ok()) return chain.problems();
      auto scenario = import_willems(chain.value(), name);
      if (!scenario.ok()) return scenario.problems();
      return validated(std::move(scenario).value());
    }
    case FileFormat::history_csv: {
      auto history = parse_history_csv(text, options.history);
      if (!history.ok()) return history.problems();
      return validated(history_to_scenario(history.value(), name));
    }
  }
  return Problem{"", "unknown file format"};
}

Result<Scenario> import_scenario_file(std::string_view file_name, std::string_view text) {
  ImportOptions options;
  options.scenario_name = std::filesystem::path(file_name).stem().string();
  return import_scenario(text, options);
}

}  // namespace echelon
