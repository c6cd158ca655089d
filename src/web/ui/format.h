// Number formatting shared by the panels.
#pragma once

#include <string>

namespace echelon::ui {

// "1.23M EUR", "45.6k EUR", "789 EUR": three significant figures or so, for cards and tables.
std::string money(double value, const std::string& currency);

// "12.3%" from a share in [0, 1].
std::string percent(double share, int decimals = 1);

}  // namespace echelon::ui
