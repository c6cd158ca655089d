#include "result.h"

namespace echelon {

std::string describe(const Problems& problems) {
  std::string text;
  for (const Problem& p : problems) {
    if (!text.empty()) text += '\n';
    text += p.path.empty() ? p.message : p.path + ": " + p.message;
  }
  return text;
}

}  // namespace echelon
