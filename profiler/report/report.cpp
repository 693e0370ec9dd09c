#include "report.hpp"

#include <fmt/format.h>

#include "writers.hpp"

namespace tokprof::report {

Result<Format> parse_report_format(std::string_view name) {
  if (name == "term" || name == "terminal" || name == "txt") {
    return Format::term;
  }
  if (name == "md" || name == "markdown") {
    return Format::md;
  }
  if (name == "csv") {
    return Format::csv;
  }
  if (name == "json") {
    return Format::json;
  }
  if (name == "html") {
    return Format::html;
  }
  return make_error(ErrorKind::usage,
                    fmt::format("unknown report format \"{}\" (expected term, md, csv, json or "
                                "html)",
                                name));
}

std::string_view format_extension(Format format) {
  switch (format) {
    case Format::term:
      return "txt";
    case Format::md:
      return "md";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
    case Format::html:
      return "html";
  }
  return "txt";
}

Result<std::string> render(Format format, const ReportData& data, const RenderOptions& options) {
  switch (format) {
    case Format::term:
      return write_terminal(data, options.colour);
    case Format::md:
      return write_markdown(data);
    case Format::csv:
      return write_csv(data);
    case Format::json:
      return write_json(data, options.per_sample);
    case Format::html:
      return write_html(data);
  }
  return make_error(ErrorKind::unsupported, "unknown report format");
}

}  // namespace tokprof::report
