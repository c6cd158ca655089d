// Fuzz target: any bytes given to the scenario reader must produce a scenario or problems,
// never a crash, an abort (a throw under JSON_NOEXCEPTION) or a sanitizer report. When a
// scenario reads, writing and reading it again must give the same scenario.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/scenario_json.h"
#include "core/model/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = echelon::read_scenario_json(text);
  if (!read.ok()) {
    if (read.problems().empty()) std::abort();  // a failure must say why
    return 0;
  }
  (void)echelon::validate_scenario(*read);
  const std::string written = echelon::write_scenario_json(*read);
  auto again = echelon::read_scenario_json(written);
  if (!again.ok() || !(*again == *read)) {
    // NaN != NaN: histories may hold missing values, so compare the text instead.
    if (!again.ok() || echelon::write_scenario_json(*again) != written) std::abort();
  }
  return 0;
}
