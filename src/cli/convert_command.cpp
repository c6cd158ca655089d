#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/io/scenario_import.h"
#include "core/io/scenario_json.h"

namespace echelon::cli {

namespace {

struct ConvertOptions {
  std::string file;
  std::string from;
  std::string name;
  std::string output;
  std::string period;
  bool absent_as_zero = false;
};

int convert(const ConvertOptions& o) {
  const auto text = read_file(o.file);
  if (!text) return kExitInvalidInput;
  const std::string name = o.name.empty() ? std::filesystem::path(o.file).stem().string() : o.name;
  ImportOptions options;
  if (!o.from.empty()) options.format = file_format_from_name(o.from);
  options.scenario_name = name;
  if (!o.period.empty()) options.history.period = parse_period(o.period);
  options.history.absent_rows_are_zero = o.absent_as_zero;
  auto imported = import_scenario(*text, options);  // validated
  if (!imported.ok()) return report_invalid(imported.problems(), o.file);
  const Scenario scenario = std::move(imported).value();
  const std::string json = write_scenario_json(scenario);
  // What convert writes must read back: within the reader's size and count limits, and valid.
  if (auto again = load_scenario_json(json); !again.ok()) {
    Problems problems{{"", "the converted scenario would not read back, so it is not written"}};
    for (const Problem& p : again.problems()) problems.push_back(p);
    return report_invalid(problems, o.file);
  }
  if (o.output.empty()) {
    std::cout << json;
  } else {
    std::ofstream out(o.output, std::ios::binary);
    out << json;
    if (!out) {
      std::cerr << "echelon: cannot write " << o.output << "\n";
      return kExitInvalidInput;
    }
    std::cout << nlohmann::json{{"ok", true}, {"written", o.output}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  std::cerr << "echelon: converted " << o.file << ": " << scenario.items.size() << " items, " << scenario.nodes.size()
            << " nodes, " << scenario.arcs.size() << " arcs, " << scenario.demands.size() << " demands\n";
  return kExitOk;
}

}  // namespace

Command add_convert(CLI::App& app) {
  auto o = std::make_shared<ConvertOptions>();
  auto* cmd = app.add_subcommand("convert", "Import a Willems chain CSV or a long-form demand history CSV as a scenario "
                                            "(the format is detected from the content unless --from names it)");
  cmd->add_option("FILE", o->file, "File to import")->required()->check(CLI::ExistingFile);
  cmd->add_option("--from", o->from, "Input format: willems (Willems 2008 chain CSV) or history-csv "
                                     "(item, location, period/date, quantity); detected when left out")
      ->check(CLI::IsMember({"willems", "history-csv"}));
  cmd->add_option("--name", o->name, "Scenario name (default: the file name)");
  cmd->add_option("-o,--output", o->output, "Write the scenario to this file instead of stdout");
  cmd->add_option("--period", o->period, "history-csv: period length day|week|month (default: from the dates)")
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_flag("--absent-as-zero", o->absent_as_zero,
                "history-csv: a period without a row is zero demand (default: missing)");
  return {cmd, [o] { return convert(*o); }};
}

}  // namespace echelon::cli
