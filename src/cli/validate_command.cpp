#include <iostream>
#include <memory>

#include "commands.h"
#include "core/io/scenario_json.h"

namespace echelon::cli {

Command add_validate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("validate", "Check a scenario file and list every problem with its JSON path");
  cmd->add_option("FILE", *file, "Scenario file (echelon-scenario JSON)")->required()->check(CLI::ExistingFile);
  return {cmd, [file] {
            const auto text = read_file(*file);
            if (!text) return kExitInvalidInput;
            const auto scenario = load_scenario_json(*text);
            if (!scenario.ok()) return report_invalid(scenario.problems(), *file);
            const Scenario& s = *scenario;
            std::cout << nlohmann::json{{"ok", true},
                                        {"file", *file},
                                        {"name", s.name},
                                        {"items", s.items.size()},
                                        {"nodes", s.nodes.size()},
                                        {"arcs", s.arcs.size()},
                                        {"demands", s.demands.size()},
                                        {"service_targets", s.service_targets.size()},
                                        {"policies", s.policies.size()}}
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << "\n";
            std::cerr << "echelon: " << *file << " is a valid scenario\n";
            return kExitOk;
          }};
}

}  // namespace echelon::cli
