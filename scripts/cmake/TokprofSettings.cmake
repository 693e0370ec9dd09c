# Compiler settings shared by every tokprof target, as INTERFACE targets that
# each target links PRIVATE (no directory-wide flag edits).

add_library(tokprof_settings INTERFACE)
add_library(tokprof::settings ALIAS tokprof_settings)

target_compile_options(tokprof_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference
  -Wimplicit-fallthrough)
if(TOKPROF_WERROR)
  target_compile_options(tokprof_settings INTERFACE -Werror)
endif()

if(TOKPROF_SANITIZE)
  target_compile_options(tokprof_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(tokprof_settings INTERFACE -fsanitize=address,undefined)
endif()

find_package(Threads REQUIRED)
target_link_libraries(tokprof_settings INTERFACE Threads::Threads)
