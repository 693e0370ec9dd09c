// `tokprof merge`: partial profiles (tokprof profile --partial) in, the
// report a single run over all their inputs would give out.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "aggregate/aggregate.hpp"
#include "aggregate/approx_profile.hpp"
#include "args.hpp"
#include "base/file.hpp"
#include "base/strings.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "partial_io.hpp"
#include "report_output.hpp"
#include "run.hpp"
#include "stats_options.hpp"
#include "tokenizer_cache.hpp"
#include "version.hpp"

namespace tokprof::cli {
namespace {

const std::vector<OptionSpec> k_options = {
    {"prices", true},  {"baseline", true}, {"report", true, true}, {"output", true}, {"o", true},
    {"per-sample", false}, {"title", true}, {"color", false},      {"help", false},
    // The bootstrap resamples the merged sample rows, so it is a report
    // option here, exactly as in `tokprof profile`.
    {"bootstrap", true},   {"seed", true},  {"confidence", true},  {"pairs", true},
    {"volume", true},      {"threads", true},
};

constexpr std::string_view k_usage = R"(usage: tokprof merge [OPTIONS] PARTIAL...

Merges partial profiles written by `tokprof profile --partial FILE` (on
shards of the same traces: files, byte ranges, cluster partitions) into the
report one `tokprof profile` over all of their inputs gives. The partials
must have been made with the same tokprof version, --tokenizer, --registry,
--scores, --scorer, --average, --correct-at and --tokens; they may be
given in any order, and gzip- or zstd-compressed. The report options below,
the uncertainty options included, are those of `tokprof profile`: the same
options give the same report, intervals included. Approximate partials
(--approx-quantiles) merge to the report of `tokprof profile
--approx-quantiles`, without intervals; exact partials merged with them are
reduced to sketches, with a warning.

options:
  --prices FILE        LiteLLM model_prices_and_context_window.json: adds cost figures
  --baseline MODEL     compare every model with MODEL
  --report LIST        term, md, csv, json, html (comma-separated; default term)
  -o, --output DIR     write DIR/report.<ext> for each report instead of stdout
  --per-sample         add per-sample rows to the JSON report
  --title TEXT         report title
  --color              colour the terminal report
  --threads N          bootstrap threads (default: every core; the intervals
                       do not depend on it)
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
  // Shards may need their own reading options (a --task per file), so a
  // difference is not refused; but a different --alias or --map can split
  // one model in two, so it is pointed out.
  if (const auto differences = aggregate::reading_differences(partials, paths)) {
    print_note(fmt::format("the partials were read with different reading options ({}): check that model and "
                           "task names line up in the report",
                           *differences));
  }
  return aggregate::merge_partials(partials, paths, &warning_merge_key);
}

Result<std::size_t> parse_threads(const Args& args) {
  const auto text = args.value("threads");
  if (!text) {
    return 0;
  }
  const auto value = parse_int(*text);
  if (!value || *value < 1) {
    return make_error(ErrorKind::usage, fmt::format("--threads needs a positive number, not \"{}\"", *text));
  }
  return static_cast<std::size_t>(*value);
}

// Returns the options given to the merge itself; a bad value is refused
// before any partial is read.
Result<aggregate::Options> report_options(const Args& args) {
  aggregate::Options options;
  if (const auto prices = args.value("prices")) {
    TOKPROF_TRY_ASSIGN(const std::string text, read_file(*prices));
    TOKPROF_TRY_ASSIGN(options.prices, aggregate::parse_litellm_prices(text, *prices));
  }
  options.baseline = args.value("baseline");
  TOKPROF_TRY_ASSIGN(const std::size_t threads, parse_threads(args));
  TOKPROF_TRY(apply_stats_options(args, threads, options));
  return options;
}

// Sets the options fixed when the partials were made.
void apply_partial_settings(const aggregate::Partial& merged, aggregate::Options& options) {
  options.average = merged.settings.average;
  options.correct_at = merged.settings.correct_at;
  options.tokens = merged.settings.tokens;
  options.model_scores = merged.model_scores;
}

Result<int> merge(const Args& args) {
  TOKPROF_TRY_ASSIGN(const auto formats, parse_reports(args.values("report")));
  TOKPROF_TRY_ASSIGN(auto options, report_options(args));
  TOKPROF_TRY_ASSIGN(aggregate::Partial merged, read_and_merge(args.positional()));
  apply_partial_settings(merged, options);
  report::ReportData data;
  if (merged.approx) {  // --approx-quantiles partials: sums and sketches instead of samples
    TOKPROF_TRY_ASSIGN(data.profile, aggregate::build_approx_profile(*merged.approx, merged.summaries, options));
  } else {
    // The samples go to a table, compact, and the vector is freed before
    // the rows are built (aggregate/sample_table.hpp).
    aggregate::SampleTable samples(merged.samples);
    merged.samples = {};
    TOKPROF_TRY_ASSIGN(data.profile, aggregate::build_profile(std::move(samples), merged.summaries, options));
  }
  data.run.tool_version = std::string(k_tokprof_version);
  data.run.generated_at = now_iso8601();
  data.run.inputs = merged.inputs;
  data.run.tokenizer_mode = merged.settings.tokenizer;
  data.run.price_file = args.value("prices").value_or("");
  if (const auto title = args.value("title")) {
    data.run.title = *title;
  }
  data.warnings = merged.warnings;
  add_skipped(data, merged.skipped);
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
    fmt::print("{}\n{}", k_usage, k_stats_usage);
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
