// Fuzz target for the CSV readers (Willems chains and demand history): any bytes give a value
// or line-numbered problems, never a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/history_csv.h"
#include "core/io/willems.h"
#include "core/io/willems_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto chain = echelon::parse_willems_csv(text);
  if (!chain.ok() && chain.problems().empty()) std::abort();
  if (chain.ok()) (void)echelon::import_willems(*chain, "fuzz");
  auto history = echelon::parse_history_csv(text);
  if (!history.ok() && history.problems().empty()) std::abort();
  return 0;
}
