#include "file_import.h"

#include <filesystem>
#include <string>

#include "core/history_csv.h"
#include "core/scenario_json.h"
#include "core/validate.h"
#include "core/willems.h"
#include "core/willems_import.h"

namespace echelon::app {

namespace {

std::string_view skip_space_and_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  return text;
}


}  // namespace

FileKind detect_file_kind(std::string_view, std::string_view text) {
  const std::string_view start = skip_space_and_bom(text);
  if (!start.empty() && start.front() == '{') return FileKind::scenario_json;
  if (start.substr(0, 6) == "/chain") return FileKind::willems_csv;
  return FileKind::history_csv;
}

Result<Scenario> scenario_from_file(std::string_view name, std::string_view text) {
  switch (detect_file_kind(name, text)) {
    case FileKind::scenario_json:
      return load_scenario_json(text);
    case FileKind::willems_csv: {
      auto chain = parse_willems_csv(text);
      if (!chain.ok()) return chain.problems();
      auto scenario = import_willems(chain.value(), std::filesystem::path(name).stem().string());
      if (!scenario.ok()) return scenario.problems();
      if (Problems problems = validate_scenario(scenario.value()); !problems.empty()) return problems;
      return scenario;
    }
    case FileKind::history_csv: {
      auto history = parse_history_csv(text);
      if (!history.ok()) return history.problems();
      Scenario scenario = history_to_scenario(history.value(), std::filesystem::path(name).stem().string());
      if (Problems problems = validate_scenario(scenario); !problems.empty()) return problems;
      return scenario;
    }
  }
  return Problem{"file", "unknown file kind"};
}

}  // namespace echelon::app
