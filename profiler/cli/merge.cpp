// `tokprof merge`: partial profiles (tokprof profile --partial) in, the
// report a single run over all their inputs would give out.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "aggregate/aggregate.hpp"
#include "args.hpp"
#include "base/file.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "partial_io.hpp"
#include "report_output.hpp"
#include "run.hpp"
#include "version.hpp"

namespace tokprof::cli {
namespace {

const std::vector<OptionSpec> k_options = {
    {"prices", true},  {"baseline", true}, {"report", true, true}, {"output", true}, {"o", true},
    {"per-sample", false}, {"title", true}, {"color", false},      {"help", false},
};

constexpr std::string_view k_usage = R"(usage: tokprof merge [OPTIONS] PARTIAL...

Merges partial profiles written by `tokprof profile --partial FILE` (on
shards of the same traces: files, byte ranges, cluster partitions) into the
report one `tokprof profile` over all of their inputs gives. The partials
must have been made with the same tokprof version, --tokenizer, --registry,
--scores, --average, --correct-at and --tokens; they may be given in any
order, and gzip- or zstd-compressed.

options:
  --prices FILE        LiteLLM model_prices_and_context_window.json: adds cost figures
  --baseline MODEL     compare every model with MODEL
  --report LIST        term, md, csv, json, html (comma-separated; default term)
  -o, --output DIR     write DIR/report.<ext> for each report instead of stdout
  --per-sample         add per-sample rows to the JSON report
  --title TEXT         report title
  --color              colour the terminal report
)";

int fail(const Error& error) {
  print_error(error);
  return error.kind == ErrorKind::usage ? k_exit_usage : k_exit_error;
}

Result<aggregate::Partial> read_and_merge(const std::vector<std::string>& paths) {
  std::vector<aggregate::Partial> partials;
  for (const std::string& path : paths) {
    TOKPROF_TRY_ASSIGN(auto partial, read_partial(path));
    partials.push_back(std::move(partial));
  }
  return aggregate::merge_partials(partials, paths);
}

Result<aggregate::Options> merge_options(const Args& args, const aggregate::Partial& merged) {
  aggregate::Options options;
  options.average = merged.settings.average;
  options.correct_at = merged.settings.correct_at;
  options.tokens = merged.settings.tokens;
  options.model_scores = merged.model_scores;
  if (const auto prices = args.value("prices")) {
    TOKPROF_TRY_ASSIGN(const std::string text, read_file(*prices));
    TOKPROF_TRY_ASSIGN(options.prices, aggregate::parse_litellm_prices(text, *prices));
  }
  options.baseline = args.value("baseline");
  return options;
}

Result<int> merge(const Args& args) {
  TOKPROF_TRY_ASSIGN(const auto formats, parse_reports(args.values("report")));
  TOKPROF_TRY_ASSIGN(const aggregate::Partial merged, read_and_merge(args.positional()));
  TOKPROF_TRY_ASSIGN(const auto options, merge_options(args, merged));
  report::ReportData data;
  TOKPROF_TRY_ASSIGN(data.profile, aggregate::build_profile(merged.samples, merged.summaries, options));
  data.run.tool_version = std::string(k_tokprof_version);
  data.run.generated_at = now_iso8601();
  data.run.inputs = merged.inputs;
  data.run.tokenizer_mode = merged.settings.tokenizer;
  data.run.price_file = args.value("prices").value_or("");
  if (const auto title = args.value("title")) {
    data.run.title = *title;
  }
  data.warnings = merged.warnings;
  for (const aggregate::SkippedEntry& skipped : merged.skipped) {
    data.warnings.push_back(fmt::format("{}: skipped: {}", skipped.where, skipped.reason));
  }
  for (const std::string& warning : data.warnings) {
    print_warning(warning);
  }
  TOKPROF_TRY(write_reports(data, formats, args));
  return merged.skipped.empty() ? k_exit_ok : k_exit_skipped;
}

}  // namespace

int merge_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    return fail(args.error());
  }
  if (args->flag("help")) {
    fmt::print("{}", k_usage);
    return k_exit_ok;
  }
  if (args->positional().empty()) {
    print_error("tokprof merge needs at least one partial profile (see tokprof merge --help)");
    return k_exit_usage;
  }
  auto result = merge(*args);
  if (!result) {
    return fail(result.error());
  }
  return *result;
}

}  // namespace tokprof::cli
