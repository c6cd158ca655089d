// Scenario <-> JSON: the versioned file format (documented in docs/scenario-format.md and as
// a JSON Schema in assets/scenario.schema.json).
//
// A file is an object with `"format": "echelon-scenario"` and `"version": 1` next to the
// scenario's fields. Writing then reading gives back an equal Scenario (numbers are written
// in the shortest form that reads back to the same double; integral values as integers;
// a missing history value as null).
//
// Reading never throws and never returns a half-read scenario. It reports, all at once and
// each with its JSON path: syntax errors (path "line L, column C"), a wrong format name or
// version, fields of the wrong type, missing required fields, names outside their
// enumeration, every unknown field (nothing is silently dropped) and every duplicate field
// (JSON allows them; a scenario must not, since one of the two would be lost). Documents larger
// than `kMaxScenarioBytes` are refused before parsing; the other counts are capped while parsing,
// before a document exists, so no input costs more than time linear in its size and memory
// bounded by the caps: nesting depth `kMaxScenarioDepth`, `kMaxScenarioObjectFields` fields in
// an object, `kMaxScenarioArrayEntries` entries in an array (the largest record limit of
// `Limits`), `kMaxScenarioValues` values in all. Invalid UTF-8 is a syntax error with its line
// and column. Writing replaces bytes that are not UTF-8 (typed or imported) with U+FFFD.
//
// Versions: a reader for version N upgrades older files step by step (N-1 -> N) before
// reading; a file from a newer version is refused with a message saying so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/model/model.h"
#include "core/base/result.h"

namespace echelon {

inline constexpr const char* kScenarioFormat = "echelon-scenario";
inline constexpr int kScenarioVersion = 1;
inline constexpr std::size_t kMaxScenarioBytes = 64u * 1024u * 1024u;
inline constexpr int kMaxScenarioDepth = 32;
inline constexpr std::size_t kMaxScenarioObjectFields = 1000;
inline constexpr std::size_t kMaxScenarioArrayEntries = 200000;
inline constexpr std::size_t kMaxScenarioValues = 8000000;

// The scenario as JSON text. `indent` < 0 writes one line; otherwise pretty-printed, with
// number arrays (histories, samples) kept on one line each so files stay small and readable.
std::string write_scenario_json(const Scenario& scenario, int indent = 2);

// Structural reading only: types, required fields, names, unknown fields.
Result<Scenario> read_scenario_json(std::string_view text);

// Reading followed by validate_scenario: the scenario is returned only when both pass.
Result<Scenario> load_scenario_json(std::string_view text);

}  // namespace echelon
