#include "core/base/result.h"

#include <cstdio>

namespace echelon {

std::string describe(const Problems& problems) {
  std::string text;
  for (const Problem& p : problems) {
    if (!text.empty()) text += '\n';
    text += p.path.empty() ? p.message : p.path + ": " + p.message;
  }
  return text;
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace echelon
