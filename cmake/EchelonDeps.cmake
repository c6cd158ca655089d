# Third-party dependencies, found the same way for the native and the Emscripten build.
#
# Under Emscripten, `find_package` cannot see the host's packages, and putting /usr/include on an
# emcc include path would let glibc's headers shadow Emscripten's libc. The header-only libraries
# therefore get a private include folder in the build tree that holds symbolic links to just them.

# Boost.Math promotes double to long double by default; in wasm long double is a 128-bit software
# float (quantiles ran about 26x slower). Echelon computes in double everywhere.
add_library(echelon_deps INTERFACE)
target_compile_definitions(echelon_deps INTERFACE
  # Boost.Math promotes double to long double by default; in wasm long double is a 128-bit
  # software float (quantiles ran about 26x slower). Echelon computes in double everywhere.
  # (BOOST_MATH_PROMOTE_FLOAT_POLICY=false as well makes Boost 1.74's default policy collide
  # with its own specialisation; Echelon has no float maths, so it is left alone.)
  BOOST_MATH_PROMOTE_DOUBLE_POLICY=false
  # Echelon does not use exceptions: errors are values (see src/core/result.h). Boost.Math reports
  # bad arguments through errno and a NaN instead of throwing, and a throw inside nlohmann/json
  # aborts, so readers use only its non-throwing calls (the fuzz targets check this).
  BOOST_MATH_DOMAIN_ERROR_POLICY=errno_on_error
  BOOST_MATH_POLE_ERROR_POLICY=errno_on_error
  BOOST_MATH_OVERFLOW_ERROR_POLICY=errno_on_error
  BOOST_MATH_EVALUATION_ERROR_POLICY=errno_on_error
  BOOST_MATH_ROUNDING_ERROR_POLICY=errno_on_error
  JSON_NOEXCEPTION=1)

if(EMSCRIPTEN)
  set(ECHELON_SYSTEM_INCLUDE "/usr/include" CACHE PATH "Where the host's header-only libraries live")
  set(echelon_dep_include "${CMAKE_BINARY_DIR}/dep-include")
  file(MAKE_DIRECTORY "${echelon_dep_include}")
  foreach(dep boost nlohmann)
    if(NOT EXISTS "${echelon_dep_include}/${dep}")
      file(CREATE_LINK "${ECHELON_SYSTEM_INCLUDE}/${dep}" "${echelon_dep_include}/${dep}" SYMBOLIC)
    endif()
  endforeach()
  if(EXISTS "${ECHELON_SYSTEM_INCLUDE}/CLI" AND NOT EXISTS "${echelon_dep_include}/CLI")
    file(CREATE_LINK "${ECHELON_SYSTEM_INCLUDE}/CLI" "${echelon_dep_include}/CLI" SYMBOLIC)
  endif()
  target_include_directories(echelon_deps SYSTEM INTERFACE "${ECHELON_SYSTEM_INCLUDE}/eigen3"
                             "${echelon_dep_include}")
  # Debian's emcc runs acorn with the machine's Node, which does not search Debian's module folder.
  set(echelon_node_env ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_C_COMPILER_LAUNCHER ${echelon_node_env} CACHE STRING "" FORCE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${echelon_node_env} CACHE STRING "" FORCE)
  set(CMAKE_C_LINKER_LAUNCHER ${echelon_node_env} CACHE STRING "" FORCE)
  set(CMAKE_CXX_LINKER_LAUNCHER ${echelon_node_env} CACHE STRING "" FORCE)
  # Node 20 otherwise tries to fetch() the .wasm file and fails on a file path.
  set(ECHELON_NODE node --no-experimental-fetch)
  add_compile_options(-msimd128)
else()
  find_package(Eigen3 3.3 REQUIRED NO_MODULE)
  find_package(Boost 1.74 REQUIRED)
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(echelon_deps INTERFACE Eigen3::Eigen Boost::boost nlohmann_json::nlohmann_json)
endif()

# Dear ImGui, built from source for both targets with 32-bit draw indices.
if(NOT EXISTS "${ECHELON_IMGUI_DIR}/imgui.cpp")
  if(ECHELON_FETCH_IMGUI)
    include(FetchContent)
    FetchContent_Declare(imgui_src GIT_REPOSITORY https://github.com/ocornut/imgui.git GIT_TAG v1.86)
    FetchContent_MakeAvailable(imgui_src)
    set(ECHELON_IMGUI_DIR "${imgui_src_SOURCE_DIR}" CACHE PATH "" FORCE)
  else()
    message(FATAL_ERROR "Dear ImGui 1.86 sources not found in ${ECHELON_IMGUI_DIR}. "
                        "Run scripts/setup.sh, or pass -DECHELON_IMGUI_DIR=..., or -DECHELON_FETCH_IMGUI=ON.")
  endif()
endif()
add_library(imgui STATIC
  ${ECHELON_IMGUI_DIR}/imgui.cpp
  ${ECHELON_IMGUI_DIR}/imgui_draw.cpp
  ${ECHELON_IMGUI_DIR}/imgui_tables.cpp
  ${ECHELON_IMGUI_DIR}/imgui_widgets.cpp
  ${ECHELON_IMGUI_DIR}/imgui_demo.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${ECHELON_IMGUI_DIR})
target_compile_options(imgui PRIVATE -w)  # third-party code keeps its own warnings
# The project's ImGui configuration (32-bit draw indices: large charts overflow 16-bit ones).
target_include_directories(imgui PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src/web/config)
target_compile_definitions(imgui PUBLIC "IMGUI_USER_CONFIG=\"imconfig_echelon.h\"")
