// Echelon's version, as set in the top-level CMakeLists.txt.
#pragma once

namespace echelon {
const char* version_string();
}  // namespace echelon
