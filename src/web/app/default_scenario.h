// The scenario the app opens on: a plant feeding two DCs that feed six stores, one item, weekly
// periods. Built in code so the first page needs no download beyond the app itself.
#pragma once

#include "core/model/model.h"

namespace echelon::app {

Scenario default_scenario();

}  // namespace echelon::app
