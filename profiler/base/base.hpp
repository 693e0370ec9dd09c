#pragma once
// tokprof_base: generic helpers with no knowledge of tokens, traces or
// reports (errors, files, UTF-8, strings). Every other module builds on it.

#include "error.hpp"    // IWYU pragma: export
#include "file.hpp"     // IWYU pragma: export
#include "strings.hpp"  // IWYU pragma: export
#include "utf8.hpp"     // IWYU pragma: export
