# Warnings for Echelon's own targets only (third-party sources keep their own flags).
function(echelon_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports impossible overlaps inside libstdc++'s std::string at -O3 (a known false
    # positive of -Wrestrict), which would make -Werror fail on correct code.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(ECHELON_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
