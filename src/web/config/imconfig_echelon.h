// Dear ImGui build configuration shared by the native and the WebAssembly build.
#pragma once

// 32-bit draw indices: charts with many points exceed 65,536 vertices per draw list, which
// glitches with 16-bit indices on the WebGL2 backend.
#define ImDrawIdx unsigned int

#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS

// Natively (tests, headless UI runs) ImGui's own checks stay on in optimised builds too, so a
// misuse such as an unbalanced Begin/End fails the tests instead of passing silently. In the
// browser they follow the usual NDEBUG rule.
#ifndef __EMSCRIPTEN__
#include <cstdio>
#include <cstdlib>
#define IM_ASSERT(_EXPR) \
  ((_EXPR) ? (void)0 : (std::fprintf(stderr, "ImGui check failed: %s (%s:%d)\n", #_EXPR, __FILE__, __LINE__), std::abort()))
#endif
