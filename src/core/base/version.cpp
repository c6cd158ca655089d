#include "core/base/version.h"

#ifndef ECHELON_VERSION
#define ECHELON_VERSION "unknown"
#endif

namespace echelon {
const char* version_string() { return ECHELON_VERSION; }
}  // namespace echelon
