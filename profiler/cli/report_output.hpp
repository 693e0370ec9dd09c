#pragma once
// Report output shared by `tokprof profile` and `tokprof merge`: both end in
// the same ReportData, so they parse --report and write reports the same way.

#include <string>
#include <vector>

#include "aggregate/partial.hpp"
#include "args.hpp"
#include "base/error.hpp"
#include "report/report.hpp"

namespace tokprof::cli {

// Parses the comma-separated `lists` of --report values; term when empty.
[[nodiscard]] Result<std::vector<report::Format>> parse_reports(const std::vector<std::string>& lists);

// Returns the current UTC time as "2025-01-31T12:00:00Z".
[[nodiscard]] std::string now_iso8601();

// Adds the records --keep-going skipped to `data`: one warning each, then
// one per file with its count, and the per-file counts (sorted by file) for
// the JSON report. Shared so that a merge reports them as the single run.
void add_skipped(report::ReportData& data, const std::vector<aggregate::SkippedEntry>& skipped);

// Renders `data` in every format of `formats` to stdout, or to
// DIR/report.<ext> with --output/-o DIR, honouring --per-sample and --color
// in `args`.
[[nodiscard]] Result<void> write_reports(const report::ReportData& data, const std::vector<report::Format>& formats,
                                         const Args& args);

}  // namespace tokprof::cli
