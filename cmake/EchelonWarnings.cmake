# Warnings for Echelon's own targets only (third-party sources keep their own flags).
function(echelon_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion)
  if(ECHELON_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
