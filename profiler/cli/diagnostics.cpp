#include "diagnostics.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace tokprof::cli {
namespace {

// Colour only for a person at a terminal, and never when NO_COLOR is set.
bool use_colour() {
  static const bool enabled = ::isatty(STDERR_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
  return enabled;
}

void print(std::string_view label, std::string_view colour, std::string_view message) {
  if (use_colour()) {
    fmt::print(stderr, "tokprof: \x1b[{}m{}:\x1b[0m {}\n", colour, label, message);
  } else {
    fmt::print(stderr, "tokprof: {}: {}\n", label, message);
  }
}

}  // namespace

void print_error(std::string_view message) { print("error", "1;31", message); }
void print_error(const Error& error) { print_error(error.to_string()); }
void print_warning(std::string_view message) { print("warning", "1;35", message); }
void print_note(std::string_view message) { print("note", "1;36", message); }

}  // namespace tokprof::cli
