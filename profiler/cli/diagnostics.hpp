#pragma once
// The one place that formats "tokprof: error: …" and "tokprof: warning: …".

#include <string_view>

#include "base/error.hpp"

namespace tokprof::cli {

// Prints `message` as an error to stderr.
void print_error(std::string_view message);
// Prints `error` (with its file:line location) as an error to stderr.
void print_error(const Error& error);
// Prints `message` as a warning to stderr.
void print_warning(std::string_view message);
// Prints `message` as a note to stderr (hints, such as the command that fixes an error).
void print_note(std::string_view message);

}  // namespace tokprof::cli
