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
  # GCC 12 at -O3 also reports -Wrestrict inside std::string's inlined
  # copies of short literals (GCC bug 105651): warned, not fatal.
  target_compile_options(tokprof_settings INTERFACE -Werror -Wno-error=maybe-uninitialized -Wno-error=restrict)
endif()

if(TOKPROF_SANITIZE)
  target_compile_options(tokprof_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(tokprof_settings INTERFACE -fsanitize=address,undefined)
endif()

# issue 6: with TOKPROF_FUZZ every library gets libFuzzer's coverage
# instrumentation and the sanitizers; the fuzz targets link libFuzzer itself
# (tests/fuzz/CMakeLists.txt).
if(TOKPROF_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TOKPROF_FUZZ needs clang (libFuzzer); configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(tokprof_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  target_link_options(tokprof_settings INTERFACE -fsanitize=address,undefined)
endif()

find_package(Threads REQUIRED)
target_link_libraries(tokprof_settings INTERFACE Threads::Threads)
