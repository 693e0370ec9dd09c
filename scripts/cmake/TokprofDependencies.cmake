# Every dependency comes from a Debian package through find_package or
# pkg-config; nothing is downloaded (scripts/install-deps.sh installs them).

find_package(fmt 9 CONFIG REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(tl-expected CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# libutf8proc-dev: NFC/NFKC/NFD and case mapping for Hugging Face normalizers.
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(ZLIB REQUIRED)
if(TOKPROF_BUILD_TESTS)
  find_package(doctest CONFIG REQUIRED)
endif()
if(TOKPROF_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()

message(STATUS "tokprof dependencies:")
message(STATUS "  fmt           ${fmt_VERSION}")
message(STATUS "  nlohmann_json ${nlohmann_json_VERSION}")
message(STATUS "  tl-expected   ${tl-expected_VERSION}")
message(STATUS "  simdjson      ${simdjson_VERSION}")
message(STATUS "  pcre2         ${PCRE2_VERSION}")
message(STATUS "  zstd          ${ZSTD_VERSION}")
message(STATUS "  utf8proc      ${UTF8PROC_VERSION}")
message(STATUS "  zlib          ${ZLIB_VERSION_STRING}")
