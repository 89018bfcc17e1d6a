# Warnings for uyum's own targets (uy_warnings(target)).
function(uy_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes
    -Wno-unused-parameter)
  if(UY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
