#include "report_output.hpp"

#include <ctime>
#include <filesystem>
#include <map>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "base/file.hpp"
#include "base/strings.hpp"
#include "diagnostics.hpp"

namespace tokprof::cli {

Result<std::vector<report::Format>> parse_reports(const std::vector<std::string>& lists) {
  std::vector<report::Format> formats;
  for (const std::string& list : lists) {
    for (const std::string_view name : split(list, ',')) {
      TOKPROF_TRY_ASSIGN(const report::Format format, report::parse_report_format(trim(name)));
      formats.push_back(format);
    }
  }
  if (formats.empty()) {
    formats.push_back(report::Format::term);
  }
  return formats;
}

std::string now_iso8601() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

void add_skipped(report::ReportData& data, const std::vector<aggregate::SkippedEntry>& skipped) {
  std::map<std::string, std::int64_t> per_file;
  for (const aggregate::SkippedEntry& entry : skipped) {
    data.warnings.push_back(fmt::format("{}: skipped: {}", entry.where, entry.reason));
    ++per_file[entry.file];
  }
  for (const auto& [file, count] : per_file) {
    data.warnings.push_back(
        fmt::format("{}: skipped {} bad record{} (--keep-going)", file, count, count == 1 ? "" : "s"));
    data.skipped_files.push_back({file, count});
  }
}

Result<void> write_reports(const report::ReportData& data, const std::vector<report::Format>& formats,
                           const Args& args) {
  const auto output = args.value("output") ? args.value("output") : args.value("o");
  report::RenderOptions render;
  render.per_sample = args.flag("per-sample");
  render.colour = args.flag("color");
  if (output) {
    std::error_code error;
    std::filesystem::create_directories(*output, error);
    if (error) {
      return make_error_at(ErrorKind::io, fmt::format("cannot create directory: {}", error.message()), *output);
    }
  }
  for (const report::Format format : formats) {
    TOKPROF_TRY_ASSIGN(const std::string text, report::render(format, data, render));
    if (!output) {
      fmt::print("{}", text);
      continue;
    }
    const std::string path =
        (std::filesystem::path(*output) / fmt::format("report.{}", report::format_extension(format))).string();
    TOKPROF_TRY(write_file_atomic(path, text));
    print_note(fmt::format("wrote {}", path));
  }
  return {};
}

}  // namespace tokprof::cli
