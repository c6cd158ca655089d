// Joins pieces of text (strings, views, literals) into one string, for messages built from parts.
#pragma once

#include <string>
#include <string_view>

namespace echelon {

template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

}  // namespace echelon
