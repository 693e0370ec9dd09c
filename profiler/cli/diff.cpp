// `tokprof diff OLD.json NEW.json`: what changed between two runs, per model
// and per task, with the changes beyond noise first (aggregate/diff.hpp),
// rendered by report::render_diff. Inputs are JSON reports: profile each
// trace set with --report json first.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "aggregate/diff.hpp"
#include "args.hpp"
#include "base/file.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "report/report.hpp"
#include "run.hpp"
#include "snapshot_file.hpp"

namespace tokprof::cli {
namespace {

const std::vector<OptionSpec> k_options = {
    {"all", false}, {"report", true}, {"output", true}, {"o", true}, {"help", false}};

constexpr std::string_view k_usage = R"(usage: tokprof diff [OPTIONS] OLD.json NEW.json

Compares two JSON reports written by `tokprof profile --report json`: per
model and per task changes in output tokens per sample, score and cost per
sample, each with the 95% interval of the change. A change is beyond noise
(marked !) when that interval, from the two reports' bootstrap intervals,
excludes zero.

options:
  --all            list every task, not only those with a change beyond noise
  --report FORMAT  term (default), md or json (schema tokprof.diff/1)
  -o, --output FILE
                   write to FILE (atomically) instead of standard output
)";

// Writes `text` to the --output file, or to standard output without one.
Result<void> emit(const Args& args, const std::string& text) {
  const auto output = args.value("output") ? args.value("output") : args.value("o");
  if (!output) {
    fmt::print("{}", text);
    return {};
  }
  return write_file_atomic(*output, text);
}

}  // namespace

int diff_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    print_error(args.error());
    return k_exit_usage;
  }
  if (args->flag("help")) {
    fmt::print("{}", k_usage);
    return k_exit_ok;
  }
  if (args->positional().size() != 2) {
    print_error("tokprof diff needs two JSON reports: OLD.json NEW.json (see tokprof diff --help)");
    return k_exit_usage;
  }
  const auto format = report::parse_report_format(args->value("report").value_or("term"));
  if (!format) {
    print_error(format.error());
    return k_exit_usage;
  }
  auto before = read_snapshot_file(args->positional()[0]);
  auto after = before ? read_snapshot_file(args->positional()[1]) : before;
  if (!before || !after) {
    print_error(before ? after.error() : before.error());
    return k_exit_error;
  }
  const report::DiffData data{aggregate::diff_snapshots(*before, *after), before->source, after->source,
                              before->confidence.has_value() && after->confidence.has_value(),
                              args->flag("all")};
  const auto text = report::render_diff(*format, data);
  if (!text) {
    print_error(text.error());
    return k_exit_usage;
  }
  if (const auto written = emit(*args, *text); !written) {
    print_error(written.error());
    return k_exit_error;
  }
  return k_exit_ok;
}

}  // namespace tokprof::cli
