// Dear ImGui build configuration shared by the native and the WebAssembly build.
#pragma once

// 32-bit draw indices: charts with many points exceed 65,536 vertices per draw list, which
// glitches with 16-bit indices on the WebGL2 backend.
#define ImDrawIdx unsigned int

#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
