#pragma once
// Error values for every fallible tokprof function.
//
// Library code never prints and never exits: it returns Result<T>, and only
// the CLI turns an Error into a diagnostic and an exit code. An Error carries
// where it happened (file, line, column) so that messages read
// "traces/a.jsonl:17:5: expected a string at /model".

#include <cstdint>
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace tokprof {

// What kind of failure an Error is; the CLI maps kinds to exit codes.
enum class ErrorKind {
  io,           // a file could not be opened, read or written
  parse,        // input is malformed (JSON, .tiktoken, CSV, ...)
  invalid,      // input is well-formed but a value is wrong or missing
  unsupported,  // a format, component or option tokprof does not handle
  usage,        // the command line is wrong
  interrupted,  // the run was stopped by a signal
};

struct Error {
  ErrorKind kind = ErrorKind::invalid;
  std::string message;
  std::string file;      // empty when the error is not about a file
  std::int64_t line = 0;    // 1-based; 0 when unknown
  std::int64_t column = 0;  // 1-based; 0 when unknown

  // Returns "file:line:col: message", leaving out the parts that are unknown.
  [[nodiscard]] std::string to_string() const;

  // Returns a copy whose location is `file` (and `line`) unless one is set.
  [[nodiscard]] Error at(std::string file, std::int64_t line = 0) const;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Unexpected = tl::unexpected<Error>;

// Returns an unexpected Error of `kind` with `message`.
[[nodiscard]] inline Unexpected make_error(ErrorKind kind, std::string message) {
  return Unexpected(Error{kind, std::move(message), {}, 0, 0});
}

// Returns an unexpected Error located at `file`:`line`.
[[nodiscard]] inline Unexpected make_error_at(ErrorKind kind, std::string message,
                                              std::string file, std::int64_t line = 0,
                                              std::int64_t column = 0) {
  return Unexpected(Error{kind, std::move(message), std::move(file), line, column});
}

}  // namespace tokprof

// Propagates the error of `expr` (a Result) to the caller.
#define TOKPROF_TRY(expr)                                   \
  do {                                                      \
    auto&& tokprof_try_result_ = (expr);                    \
    if (!tokprof_try_result_) {                             \
      return ::tokprof::Unexpected(                         \
          std::move(tokprof_try_result_).error());          \
    }                                                       \
  } while (false)

#define TOKPROF_CONCAT_INNER_(a, b) a##b
#define TOKPROF_CONCAT_(a, b) TOKPROF_CONCAT_INNER_(a, b)

// Assigns the value of `expr` (a Result) to `lhs`, which may be a declaration
// such as `auto x`, or propagates its error.
#define TOKPROF_TRY_ASSIGN(lhs, expr) \
  TOKPROF_TRY_ASSIGN_IMPL_(TOKPROF_CONCAT_(tokprof_try_, __LINE__), lhs, expr)
#define TOKPROF_TRY_ASSIGN_IMPL_(tmp, lhs, expr)                 \
  auto&& tmp = (expr);                                           \
  if (!tmp) {                                                    \
    return ::tokprof::Unexpected(std::move(tmp).error());        \
  }                                                              \
  lhs = std::move(*tmp)
