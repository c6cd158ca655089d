// `plan` and `simulate`: they check the scenario, then say plainly that the engine is not
// available from the command line yet, rather than printing numbers.
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/scenario_json.h"

namespace echelon::cli {

namespace {

Command not_wired(CLI::App& app, const char* name, const char* description, const char* what) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(name, description);
  cmd->add_option("FILE", *file, "Scenario file (echelon-scenario JSON)")->required()->check(CLI::ExistingFile);
  return {cmd, [file, name, what] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            const auto scenario = load_scenario_json(*text);
            if (!scenario.ok()) return report_invalid(scenario.problems(), *file);
            const std::string message = std::string("`echelon ") + name + "` is not available yet: the " + what +
                                        " is not wired to the command line. The scenario is valid; nothing was computed.";
            std::cout << nlohmann::json{{"ok", false}, {"available", false}, {"message", message}}.dump(2) << "\n";
            std::cerr << "echelon: " << message << "\n";
            return kExitInvalidInput;
          }};
}

}  // namespace

Command add_plan(CLI::App& app) {
  return not_wired(app, "plan", "Plan buffers and policy parameters for a scenario (not available yet)",
                   "planning engine");
}

Command add_simulate(CLI::App& app) {
  return not_wired(app, "simulate", "Simulate a scenario under its policies (not available yet)", "simulation engine");
}

}  // namespace echelon::cli
