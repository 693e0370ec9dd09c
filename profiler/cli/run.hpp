#pragma once
// The tokprof command line: subcommand dispatch and exit codes.

namespace tokprof::cli {

// Documented exit codes (README "Exit codes").
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_error = 1,          // bad input, I/O failure: nothing or a partial result was produced
  k_exit_usage = 2,          // the command line is wrong
  k_exit_skipped = 3,        // completed with --keep-going, but some records were skipped
  k_exit_check_failed = 4,   // `tokprof check` found a breach
  k_exit_interrupted = 130,  // SIGINT/SIGTERM: no partial output was left behind
};

// Runs tokprof with `argv`, printing results and diagnostics; returns the
// exit code.
int run(int argc, char** argv);

}  // namespace tokprof::cli
