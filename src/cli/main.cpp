// echelon: the command-line face of the Echelon core.
//
// Every command prints JSON on stdout and human messages on stderr. Exit codes: 0 ok,
// 1 invalid input (the problems are printed, each with the field or path it concerns), 2 usage.
// The commands themselves are in one file each (see commands.h).
#include <iostream>
#include <vector>

#include "commands.h"
#include "core/base/version.h"

int main(int argc, char** argv) {
  using namespace echelon::cli;
  CLI::App app{"Echelon: inventory-optimization planning from the command line"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and exit");

  const std::vector<Command> commands = {add_safety_stock(app), add_validate(app), add_convert(app), add_plan(app),
                                         add_simulate(app), add_learn(app), add_risk(app), add_service(app),
                                         add_policy(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the usage error
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (show_version) {
    std::cout << nlohmann::json{{"name", "echelon"}, {"version", echelon::version_string()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  for (const Command& c : commands) {
    if (c.subcommand->parsed()) return c.run();
  }
  std::cerr << app.help() << "\n";
  return kExitUsage;
}
