// Opening a file as a scenario: a scenario (JSON), a Willems chain (CSV whose first line is
// "/chain") or a demand history (long-form CSV, core/io/history_csv.h).
//
// The format is recognised from the content, never trusted from the file name, unless the
// caller names it. The CLI (`convert`, `plan`, `simulate`) and the app open files through this
// one function, so a file that opens in one opens the same way in the other. The result is
// validated (core/model/validate.h): either a scenario the planner accepts, or every problem
// with its place in the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/io/history_csv.h"
#include "core/model/model.h"

namespace echelon {

enum class FileFormat { scenario_json, willems_csv, history_csv };

// From the first non-blank characters (after a UTF-8 byte-order mark): '{' is a scenario,
// "/chain" a Willems chain, anything else a demand history.
FileFormat detect_file_format(std::string_view text);

// "scenario" / "json", "willems", "history-csv"; nothing for an unknown name.
std::optional<FileFormat> file_format_from_name(std::string_view name);
const char* file_format_name(FileFormat format);

struct ImportOptions {
  std::optional<FileFormat> format;  // detected from the content when absent
  std::string scenario_name;         // for CSV imports (a scenario file carries its own name)
  HistoryCsvOptions history;         // for demand histories
};

Result<Scenario> import_scenario(std::string_view text, const ImportOptions& options = {});

// The same, named after the file ("data/willems_17.csv" gives "willems_17").
Result<Scenario> import_scenario_file(std::string_view file_name, std::string_view text);

}  // namespace echelon
