#include "ui/format.h"

#include <cmath>
#include <cstdio>

namespace echelon::ui {

std::string money(double value, const std::string& currency) {
  char text[96];
  if (std::abs(value) >= 1e6) std::snprintf(text, sizeof text, "%.2fM %s", value / 1e6, currency.c_str());
  else if (std::abs(value) >= 1e4) std::snprintf(text, sizeof text, "%.1fk %s", value / 1e3, currency.c_str());
  else std::snprintf(text, sizeof text, "%.0f %s", value, currency.c_str());
  return text;
}

std::string percent(double share, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f%%", decimals, 100.0 * share);
  return text;
}

}  // namespace echelon::ui
