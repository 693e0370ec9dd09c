# Compiler settings shared by every tokprof target, as INTERFACE targets that
# each target links PRIVATE (no directory-wide flag edits).

add_library(tokprof_settings INTERFACE)
add_library(tokprof::settings ALIAS tokprof_settings)

target_compile_options(tokprof_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wimplicit-fallthrough)
if(TOKPROF_WERROR)
  # GCC 12 at -O2 reports -Wmaybe-uninitialized inside std::optional and
  # std::variant on paths that cannot happen (GCC PR 105562 and relatives);
  # it stays a warning rather than failing the build. -Wnull-dereference was
  # dropped for the same reason: at -O2 it fires in libstdc++'s unique_ptr.
  target_compile_options(tokprof_settings INTERFACE -Werror -Wno-error=maybe-uninitialized)
endif()

if(TOKPROF_SANITIZE)
  target_compile_options(tokprof_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(tokprof_settings INTERFACE -fsanitize=address,undefined)
endif()

find_package(Threads REQUIRED)
target_link_libraries(tokprof_settings INTERFACE Threads::Threads)
