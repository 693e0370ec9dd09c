#pragma once
// tokprof_report façade: ReportData in, the bytes of one report out. Writers
// only format what the Profile holds; they never parse traces and never
// recompute a statistic. Output is deterministic: the same ReportData gives
// the same bytes, and everything that changes from run to run (the time, the
// tool version) is in RunInfo so that golden tests can fix it.

#include <string>
#include <string_view>
#include <vector>

#include "aggregate/diff.hpp"
#include "aggregate/profile.hpp"
#include "base/error.hpp"

namespace tokprof::report {

enum class Format { term, md, csv, json, html };

// Facts about the run that are not figures.
struct RunInfo {
  std::string title = "Token efficiency report";
  std::string tool_version;    // "0.1.0"
  std::string generated_at;    // ISO 8601 time; fixed by golden tests
  std::vector<std::string> inputs;  // trace files and directories, as given
  std::string tokenizer_mode;  // "auto" or the one encoding used for all
  std::string price_file;      // as given; empty without prices
};

// Bad records skipped under --keep-going (issue 6), per file.
struct SkippedFile {
  std::string file;
  std::int64_t records = 0;
};

// Everything every writer receives.
struct ReportData {
  aggregate::Profile profile;
  RunInfo run;
  std::vector<std::string> warnings;  // from reading and counting; shown before the profile's
  // issue 6: --keep-going; the JSON report lists these under "skipped" (only
  // when there are some, so reports of clean runs do not change).
  std::vector<SkippedFile> skipped_files;
};

struct RenderOptions {
  bool colour = false;      // ANSI colour in the terminal report
  bool per_sample = false;  // per-sample rows in the JSON report
};

// Parses "term", "md", "csv", "json" or "html" (also "txt", "terminal",
// "markdown"); anything else is a usage error listing the valid names.
[[nodiscard]] Result<Format> parse_report_format(std::string_view name);

// Returns the file extension of `format` without the dot ("txt" for term).
[[nodiscard]] std::string_view format_extension(Format format);

// Renders `data` as `format` under `options`. Fails only on a broken
// embedded template.
[[nodiscard]] Result<std::string> render(Format format, const ReportData& data,
                                         const RenderOptions& options = {});

// `tokprof diff`: two runs compared (aggregate::diff_snapshots).
struct DiffData {
  aggregate::Diff diff;
  std::string before_source;  // the two inputs, as given
  std::string after_source;
  bool intervals = false;  // both runs carry bootstrap intervals
  bool all_tasks = false;  // list every task, not only those with a change beyond noise
};

// Renders `data` as a table (term, md) or JSON (schema tokprof.diff/1);
// csv and html are usage errors.
[[nodiscard]] Result<std::string> render_diff(Format format, const DiffData& data);

}  // namespace tokprof::report
