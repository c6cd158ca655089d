// The scenarios a person can start from: the built-in default, a new minimal network, and the
// sample files served with the site (assets/scenarios), each with one line on what it teaches.
#pragma once

#include <span>
#include <string_view>

#include "core/model/model.h"

namespace echelon::app {

struct Example {
  std::string_view file;     // name under assets/scenarios/; empty for the built-in default
  std::string_view title;    // as the File > Examples menu shows it
  std::string_view teaches;  // one line: what a student sees in it
};

// In menu order; the first is the built-in default network.
std::span<const Example> examples();

// The smallest scenario that plans: one item bought from a supplier and sold at one store
// (normal demand of 10 units a period, sd 3, one-period transit, a 95% cycle-service target).
// File > New starts from it, so every field has a value to edit rather than a blank to fill.
Scenario new_scenario();

}  // namespace echelon::app
