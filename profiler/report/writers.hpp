#pragma once
// One writer per format (one .cpp each); render() in report.cpp dispatches.

#include <string>

#include "report.hpp"

namespace tokprof::report {

// Returns the terminal report of `data`, with ANSI colour if `colour`.
[[nodiscard]] std::string write_terminal(const ReportData& data, bool colour);
// Returns the Markdown report of `data`.
[[nodiscard]] std::string write_markdown(const ReportData& data);
// Returns the CSV report of `data`: one row per model and per model × task.
[[nodiscard]] std::string write_csv(const ReportData& data);
// Returns the JSON report of `data`, with per-sample rows if `per_sample`.
[[nodiscard]] std::string write_json(const ReportData& data, bool per_sample);
// Returns the self-contained HTML report of `data`.
[[nodiscard]] Result<std::string> write_html(const ReportData& data);

}  // namespace tokprof::report
