#pragma once
// SIGINT and SIGTERM: stop a run cleanly, leaving the previous report or
// none, never a partial one (issue 6).
//
// The handler only sets a flag (the one thing a handler may safely do); the
// pipeline polls it between records and stops with an ErrorKind::interrupted
// Error, so destructors run, temporary files are removed, no report is
// written, and the command exits 130. Reports are renamed into place
// (write_file_atomic), so a signal while they are written leaves each one
// old or new. A second signal means "now": the handler unlinks the
// registered temporary files (unlink(2) and _exit(2) are async-signal-safe)
// and exits 130 at once.

#include <csignal>
#include <string>

#include "base/error.hpp"

namespace tokprof::cli {

// Installs the SIGINT and SIGTERM handlers for this process.
void install_signal_handlers();

// Returns the signal that interrupted the run (SIGINT or SIGTERM), or 0.
[[nodiscard]] int interrupting_signal();

// Returns an ErrorKind::interrupted Error naming the signal when one has
// arrived, else success.
[[nodiscard]] Result<void> check_interrupted();

// Registers `path` (a temporary file this process owns) for removal if a
// second signal ends the process; unregisters it when destroyed. At most a
// few are live at once; more are simply not registered.
class TemporaryFileGuard {
 public:
  explicit TemporaryFileGuard(const std::string& path);
  TemporaryFileGuard(const TemporaryFileGuard&) = delete;
  TemporaryFileGuard& operator=(const TemporaryFileGuard&) = delete;
  ~TemporaryFileGuard();

 private:
  int m_slot = -1;
};

}  // namespace tokprof::cli
