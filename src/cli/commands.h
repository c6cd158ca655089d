// The commands of the `echelon` tool. Each command lives in its own .cpp: it adds its
// subcommand and options to the app and returns how to run it once parsed. Adding a command
// means one new file and one line in main.cpp's list.
//
// Conventions shared by every command: JSON on stdout, human messages on stderr, exit codes
// 0 (ok), 1 (invalid input: the problems are printed, each with its path), 2 (usage).
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/base/result.h"

namespace echelon::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int()> run;  // called when the subcommand was given
};

Command add_safety_stock(CLI::App& app);
Command add_validate(CLI::App& app);
Command add_convert(CLI::App& app);
Command add_plan(CLI::App& app);
Command add_simulate(CLI::App& app);
Command add_learn(CLI::App& app);
Command add_risk(CLI::App& app);
Command add_service(CLI::App& app);
Command add_policy(CLI::App& app);

// Shared helpers (common.cpp).
nlohmann::json problems_json(const Problems& problems);
// The JSON text (indent < 0: one line). Strings that are not valid UTF-8 are written with U+FFFD
// in place of each bad byte instead of throwing, which would abort under JSON_NOEXCEPTION.
inline std::string json_text(const nlohmann::json& j, int indent = 2) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}
// Prints {"ok": false, "problems": [...]} on stdout and the problems on stderr; returns 1.
int report_invalid(const Problems& problems, const std::string& file = {});
// The largest input file (the readers' own limit: kMaxScenarioBytes, csv::kMaxBytes).
inline constexpr std::uintmax_t kMaxInputBytes = 64u * 1024u * 1024u;
// The whole file, or nullopt after reporting why (report_invalid: JSON on stdout, message on
// stderr) when it cannot be opened or is larger than kMaxInputBytes.
std::optional<std::string> read_file(const std::string& path);

}  // namespace echelon::cli
