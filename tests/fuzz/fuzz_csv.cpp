// Fuzz target for the CSV readers (Willems chains, demand history, lead-time receipts, stock on
// hand): any bytes give a value or located problems, never a crash, a hang or a sanitizer
// report. What a reader imports and validation accepts must write as JSON that reads back
// (`convert` never writes what `validate` refuses).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/history_csv.h"
#include "core/io/receipts_csv.h"
#include "core/io/scenario_json.h"
#include "core/io/willems.h"
#include "core/io/willems_import.h"
#include "core/model/validate.h"
#include "core/risk/stock_csv.h"

namespace {

void must_write_and_read_back(const echelon::Scenario& scenario) {
  if (!echelon::validate_scenario(scenario).empty()) return;
  const std::string written = echelon::write_scenario_json(scenario);
  if (!echelon::load_scenario_json(written).ok()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto chain = echelon::parse_willems_csv(text);
  if (!chain.ok() && chain.problems().empty()) std::abort();
  if (chain.ok()) {
    auto scenario = echelon::import_willems(*chain, "fuzz");
    if (scenario.ok()) must_write_and_read_back(*scenario);
  }
  auto history = echelon::parse_history_csv(text);
  if (!history.ok() && history.problems().empty()) std::abort();
  if (history.ok()) must_write_and_read_back(echelon::history_to_scenario(*history, "fuzz"));
  auto receipts = echelon::parse_receipts_csv(text);
  if (!receipts.ok() && receipts.problems().empty()) std::abort();
  auto stock = echelon::risk::parse_stock_csv(text);
  if (!stock.ok() && stock.problems().empty()) std::abort();
  return 0;
}
