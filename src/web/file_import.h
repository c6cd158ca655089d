// Opening a file the user picked: a scenario (JSON), a Willems chain (CSV whose first line is
// "/chain") or a demand history (long-form CSV). The format is recognised from the content,
// not trusted from the name.
#pragma once

#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace echelon::app {

enum class FileKind { scenario_json, willems_csv, history_csv };

FileKind detect_file_kind(std::string_view name, std::string_view text);

// The scenario the file describes, validated; or every problem, each with its path or line.
Result<Scenario> scenario_from_file(std::string_view name, std::string_view text);

}  // namespace echelon::app
