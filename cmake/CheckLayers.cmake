# Layering check: every `#include "core/<layer>/..."` in src/core/<layer>/ must name the file's
# own layer or a lower one, and the core never includes the app (`web/`, `app/`, `ui/`, ImGui).
# In src/web, `app/` (plain C++) includes no `ui/` or `browser/` file and `ui/` no `browser/`.
#
# Used two ways: included from src/core/CMakeLists.txt (fails the configure step), and run as a
# script by the test `core_layers`:
#   cmake -DECHELON_SOURCE_DIR=<repo> -P cmake/CheckLayers.cmake

set(ECHELON_CHECK_CORE_LAYERS base stats model io policy meio sim learn service risk plan)
set(ECHELON_CHECK_WEB_LAYERS app ui browser)

# Appends to `out_var` one line per include of `file` that points from `own` to a higher layer
# of `order` (a list, lowest first). `prefix` is the include prefix ("core/" or "").
function(echelon_upward_includes file own order prefix out_var)
  set(problems ${${out_var}})
  list(FIND order "${own}" own_rank)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
  foreach(line ${lines})
    if(line MATCHES "#[ \t]*include[ \t]*([\"<])([^\">]+)[\">]")
      set(delimiter "${CMAKE_MATCH_1}")
      set(target "${CMAKE_MATCH_2}")
      if(prefix STREQUAL "core/" AND target MATCHES "^(imgui|GLFW|emscripten/|web/|app/|ui/|browser/)")
        list(APPEND problems "${file}: the core includes the app or the UI (${target})")
      elseif(target MATCHES "^${prefix}([a-z_]+)/")
        list(FIND order "${CMAKE_MATCH_1}" target_rank)
        if(target_rank GREATER own_rank)
          list(APPEND problems "${file}: layer '${own}' includes from higher layer '${CMAKE_MATCH_1}' (${target})")
        endif()
      elseif(prefix STREQUAL "core/" AND delimiter STREQUAL "\"" AND target MATCHES "^[a-z_A-Z]+\\.h$")
        list(APPEND problems "${file}: include core headers by their layer path, not '${target}'")
      endif()
    endif()
  endforeach()
  set(${out_var} ${problems} PARENT_SCOPE)
endfunction()

function(echelon_check_layers)
  if(DEFINED ECHELON_SOURCE_DIR)
    set(root "${ECHELON_SOURCE_DIR}")
  else()
    set(root "${PROJECT_SOURCE_DIR}")
  endif()
  set(problems)
  foreach(layer ${ECHELON_CHECK_CORE_LAYERS})
    file(GLOB files "${root}/src/core/${layer}/*.h" "${root}/src/core/${layer}/*.cpp")
    foreach(f ${files})
      echelon_upward_includes("${f}" "${layer}" "${ECHELON_CHECK_CORE_LAYERS}" "core/" problems)
    endforeach()
  endforeach()
  foreach(layer ${ECHELON_CHECK_WEB_LAYERS})
    file(GLOB_RECURSE files "${root}/src/web/${layer}/*.h" "${root}/src/web/${layer}/*.cpp")
    foreach(f ${files})
      echelon_upward_includes("${f}" "${layer}" "${ECHELON_CHECK_WEB_LAYERS}" "" problems)
    endforeach()
  endforeach()
  if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Layering check failed:\n  ${text}")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  echelon_check_layers()
  message(STATUS "Layering check: every include points to its own layer or a lower one")
endif()
