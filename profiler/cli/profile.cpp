// `tokprof profile`: traces in, a token-efficiency report out.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "aggregate/aggregate.hpp"
#include "aggregate/approx_profile.hpp"
#include "args.hpp"
#include "base/file.hpp"
#include "base/parallel.hpp"
#include "base/strings.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "pipeline.hpp"
#include "partial_io.hpp"
#include "byte_range.hpp"
#include "report/report.hpp"
#include "report_output.hpp"
#include "run.hpp"
#include "signals.hpp"
#include "stats_options.hpp"
#include "version.hpp"

namespace tokprof::cli {
namespace {

const std::vector<OptionSpec> k_options = {
    {"format", true},      {"map", true, true},   {"map-file", true},  {"scores", true, true},
    {"tokenizer", true},   {"tokenizer-dir", true}, {"registry", true}, {"tokens", true},
    {"average", true},     {"correct-at", true},  {"prices", true},    {"baseline", true},
    {"report", true, true}, {"output", true},     {"o", true},         {"per-sample", false},
    {"keep-going", false}, {"threads", true},     {"title", true},     {"color", false},
    {"help", false},
    {"partial", true},     {"byte-range", true},  // issue 8: scaling out (partial_io.hpp, byte_range.hpp)
    {"bootstrap", true},   {"seed", true},  {"confidence", true},  {"pairs", true},
    {"volume", true},  // issue 9: uncertainty (stats_options.hpp)
    {"scorer", true},  {"task-attr", true},  // issue 7: eval-framework logs (trace/eval_logs.hpp)
    {"alias", true, true}, {"task", true},
    {"approx-quantiles", true, false, true},  // issue 8: --approx-quantiles[=ALPHA] (approx.hpp)
};

constexpr std::string_view k_usage = R"(usage: tokprof profile [OPTIONS] PATH...

Reads model output traces (files or directories), counts output tokens with
each model's tokenizer, and reports what every model spends for its score,
with the score-per-token (and score-per-dollar) Pareto frontier.

input:
  --format NAME        force a trace format: auto (default), mapped, openai,
                       anthropic, arena-hard, inspect, lm-eval, otel, gemini,
                       openrouter, summary (see traces/README.md)
  --map SPEC           field mapping for any JSON/JSONL, e.g.
                       model=/generator,output=/output,id=/instruction,score=/preference,task=/dataset
                       (JSON pointers; a constant as model==gpt-4o)
  --map-file FILE      the same mapping kept in a JSON file
  --scorer NAME        Inspect AI scorer / lm-eval metric giving the score
                       (default: the first one the log lists)
  --task-attr KEY      OpenTelemetry span or resource attribute naming the task
  --scores FILE        join per-sample scores by (model, sample id), or
                       per-model scores from a leaderboard CSV (repeatable)
  --task NAME          the task of records whose trace names none (vendor API
                       responses), whatever their format
  --alias FROM=TO      read model FROM as TO (repeatable), so that one model's
                       traces in several formats meet: openai/gpt-4.1-mini=gpt-4.1-mini
  --keep-going         skip bad records (listed in the summary) instead of stopping

counting:
  --tokenizer NAME|auto  count every model with NAME, or each with its own
                       tokenizer where known (auto, the default)
  --tokenizer-dir DIR  where Hugging Face tokenizers are installed
  --registry FILE      extra model -> tokenizer entries (see `tokprof tokenizers`)
  --tokens MODE        output tokens for the figures: auto (reported where every
                       sample of a model has usage, else counted), reported, counted
  --threads N          counting threads (default: every core)

aggregation:
  --average macro|micro  model score = mean of task means (macro, default) or of samples
  --correct-at X       a sample is correct when its score >= X (default 1)
  --prices FILE        LiteLLM model_prices_and_context_window.json: adds cost figures
  --baseline MODEL     compare every model with MODEL

output:
  --report LIST        term, md, csv, json, html (comma-separated; default term)
  -o, --output DIR     write DIR/report.<ext> for each report instead of stdout
  --per-sample         add per-sample rows to the JSON report
  --title TEXT         report title
  --color              colour the terminal report

scaling out (see docs/scaling.md):
  --partial FILE       write a partial profile (numbers only, no texts) to FILE
                       for `tokprof merge`; reports only with --report or -o
  --byte-range S:E     profile only the records of the one JSONL PATH that start
                       in bytes [S, E) (E may be left out)
  --approx-quantiles[=ALPHA]
                       keep sums and quantile sketches of relative accuracy ALPHA
                       (default 0.01) instead of per-sample rows: a partial's size
                       no longer grows with its samples; the median and p90 are
                       approximate, and there is no common-sample alignment and
                       no bootstrap (its options are refused). Without --partial:
                       the report such partials merge to
)";

Result<aggregate::Average> parse_average(const std::string& text) {
  if (text == "macro") {
    return aggregate::Average::macro;
  }
  if (text == "micro") {
    return aggregate::Average::micro;
  }
  return make_error(ErrorKind::usage, fmt::format("--average must be macro or micro, not \"{}\"", text));
}

Result<aggregate::TokensMode> parse_tokens_mode(const std::string& text) {
  if (text == "auto") {
    return aggregate::TokensMode::automatic;
  }
  if (text == "reported") {
    return aggregate::TokensMode::reported;
  }
  if (text == "counted") {
    return aggregate::TokensMode::counted;
  }
  return make_error(ErrorKind::usage, fmt::format("--tokens must be auto, reported or counted, not \"{}\"", text));
}

Result<trace::ReadOptions> read_options(const Args& args) {
  trace::ReadOptions options;
  if (const auto format = args.value("format")) {
    TOKPROF_TRY_ASSIGN(options.format, trace::parse_format(*format));
  }
  if (const auto file = args.value("map-file")) {
    TOKPROF_TRY_ASSIGN(options.mapping, trace::read_field_mapping(*file));
  }
  const auto specs = args.values("map");
  if (!specs.empty()) {
    std::string joined;
    for (const std::string& spec : specs) {
      joined += (joined.empty() ? "" : ",") + spec;
    }
    TOKPROF_TRY_ASSIGN(auto mapping, trace::parse_field_mapping(joined));
    if (options.mapping) {
      for (auto& source : mapping.sources) {
        options.mapping->sources.push_back(std::move(source));
      }
    } else {
      options.mapping = std::move(mapping);
    }
  }
  options.scorer = args.value("scorer").value_or(std::string());        // issue 7
  options.task_attr = args.value("task-attr").value_or(std::string());  // issue 7
  return options;
}

Result<aggregate::Options> aggregate_options(const Args& args) {
  aggregate::Options options;
  if (const auto average = args.value("average")) {
    TOKPROF_TRY_ASSIGN(options.average, parse_average(*average));
  }
  if (const auto tokens = args.value("tokens")) {
    TOKPROF_TRY_ASSIGN(options.tokens, parse_tokens_mode(*tokens));
  }
  if (const auto correct_at = args.value("correct-at")) {
    auto value = parse_double(*correct_at);
    if (!value) {
      return make_error(ErrorKind::usage, fmt::format("--correct-at: {}", value.error().message));
    }
    options.correct_at = *value;
  }
  if (const auto prices = args.value("prices")) {
    TOKPROF_TRY_ASSIGN(const std::string text, read_file(*prices));
    TOKPROF_TRY_ASSIGN(options.prices, aggregate::parse_litellm_prices(text, *prices));
  }
  options.baseline = args.value("baseline");
  return options;
}

// Narrows `files` (one uncompressed JSONL file) to the records starting in
// the --byte-range `text`; an empty slice leaves nothing to scan.
// Parses the --alias FROM=TO values.
Result<std::map<std::string, std::string>> parse_aliases(const std::vector<std::string>& values) {
  std::map<std::string, std::string> aliases;
  for (const std::string& value : values) {
    const std::size_t equals = value.find('=');
    if (equals == 0 || equals == std::string::npos || equals + 1 == value.size()) {
      return make_error(ErrorKind::usage,
                        fmt::format("--alias needs FROM=TO (two model names), not \"{}\"", value));
    }
    aliases[value.substr(0, equals)] = value.substr(equals + 1);
  }
  return aliases;
}

Result<void> open_byte_range(const std::string& text, std::vector<std::string>& files, RangeFile& range) {
  if (files.size() != 1) {
    return make_error(ErrorKind::usage, "--byte-range needs exactly one trace file");
  }
  TOKPROF_TRY_ASSIGN(const ByteRange bytes, parse_byte_range(text));
  TOKPROF_TRY(range.open(files.front(), bytes));
  files = range.empty() ? std::vector<std::string>{} : std::vector<std::string>{range.temporary_path()};
  return {};
}

// Fails when an option of the bootstrap is given with --approx-quantiles,
// which keeps no rows to resample: silently ignoring it would let a user
// believe the report has intervals it does not have. (--bootstrap 0 asks
// for none, which is what happens anyway.)
Result<void> refuse_bootstrap_options(const Args& args) {
  for (const char* name : {"bootstrap", "pairs", "seed", "confidence"}) {
    const auto value = args.value(name);
    if (!value || (std::string_view(name) == "bootstrap" && *value == "0")) {
      continue;
    }
    return make_error(ErrorKind::usage,
                      fmt::format("--{} configures the bootstrap, which --approx-quantiles does not run (it keeps "
                                  "no per-sample rows to resample); drop one of the two",
                                  name));
  }
  return {};
}

// Returns the relative accuracy of --approx-quantiles[=ALPHA], if given.
Result<std::optional<double>> approx_quantiles(const Args& args) {
  if (args.flag("approx-quantiles")) {
    return aggregate::k_default_quantile_accuracy;
  }
  const auto text = args.value("approx-quantiles");
  if (!text) {
    return std::nullopt;
  }
  const auto value = parse_double(*text);
  if (!value || !(*value > 0 && *value < 1)) {
    return make_error(ErrorKind::usage,
                      fmt::format("--approx-quantiles needs a relative accuracy between 0 and 1 (e.g. 0.01), not \"{}\"",
                                  *text));
  }
  return *value;
}

// Returns the models read from traces (not summary tables), each once.
std::set<std::string> sample_models(const ScanResult& scanned) {
  std::set<std::string> models;
  models.insert(scanned.samples.models().begin(), scanned.samples.models().end());
  if (scanned.approx) {
    for (const auto& [model, counting] : scanned.approx->models) {
      models.insert(model);
    }
  }
  return models;
}

// Checks the shard as a single run would (duplicates, bad values): an
// approximate shard or partial keeps no keys to check later. (With
// --approx-quantiles the scan checked each sample as it went: SampleKeys.)
Result<void> check_shard(const ScanResult& scanned, const aggregate::Options& options) {
  if (scanned.approx) {
    return {};
  }
  aggregate::Options check = options;
  check.baseline.reset();
  check.bootstrap.reset();
  check.volume_per_month.reset();
  TOKPROF_TRY(aggregate::build_profile(scanned.samples, scanned.summaries, check));
  return {};
}

// Checks the shard and writes its partial profile.
Result<void> write_partial_for(const std::string& path, const Args& args, const ScanResult& scanned,
                               const aggregate::Options& options, std::optional<double> approx_alpha) {
  TOKPROF_TRY(check_shard(scanned, options));
  TOKPROF_TRY_ASSIGN(auto settings, partial_settings(args, options));
  TOKPROF_TRY_ASSIGN(auto partial,
                     make_partial(scanned, options, std::move(settings), args.positional(), approx_alpha));
  partial.reading = reading_options(args);
  return write_partial(path, partial);
}

// The profile of the report: exact, or with --approx-quantiles the one built
// from the sums the scan reduced its samples to (the sums its partials would
// merge to, so the same figures).
// The samples are handed over: nothing needs them after the report's
// profile is built, and freeing them before its bootstrap lowers the peak.
Result<aggregate::Profile> report_profile(ScanResult& scanned, const aggregate::Options& options) {
  if (scanned.approx) {
    return aggregate::build_approx_profile(*scanned.approx, scanned.summaries, options);
  }
  return aggregate::build_profile(std::move(scanned.samples), scanned.summaries, options);
}

int fail(const Error& error) {
  print_error(error);
  if (error.kind == ErrorKind::interrupted) {  // issue 6
    return k_exit_interrupted;
  }
  return error.kind == ErrorKind::usage ? k_exit_usage : k_exit_error;
}

}  // namespace

int profile_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    return fail(args.error());
  }
  if (args->flag("help")) {
    fmt::print("{}\n{}", k_usage, k_stats_usage);
    return k_exit_ok;
  }
  if (args->positional().empty()) {
    print_error("tokprof profile needs at least one trace file or directory (see tokprof profile --help)");
    return k_exit_usage;
  }
  install_signal_handlers();  // issue 6: an interrupted run leaves no partial report
  auto run = [&]() -> Result<int> {
    ScanOptions scan;
    TOKPROF_TRY_ASSIGN(scan.read, read_options(*args));
    for (const std::string& path : args->values("scores")) {
      TOKPROF_TRY_ASSIGN(auto table, trace::read_scores(path));
      scan.scores.push_back(std::move(table));
    }
    if (const auto threads = args->value("threads")) {
      auto value = parse_int(*threads);
      if (!value || *value < 1) {
        return make_error(ErrorKind::usage, fmt::format("--threads needs a positive number, not \"{}\"", *threads));
      }
      scan.threads = static_cast<std::size_t>(*value);
    }
    scan.keep_going = args->flag("keep-going");
    TOKPROF_TRY_ASSIGN(scan.model_aliases, parse_aliases(args->values("alias")));
    scan.default_task = args->value("task").value_or("");
    TOKPROF_TRY_ASSIGN(auto options, aggregate_options(*args));
    TOKPROF_TRY(apply_stats_options(*args, scan.threads, options));
    TOKPROF_TRY_ASSIGN(const auto approx_alpha, approx_quantiles(*args));
    if (approx_alpha) {
      TOKPROF_TRY(refuse_bootstrap_options(*args));
    }
    scan.approx_alpha = approx_alpha;
    scan.correct_at = options.correct_at.value_or(1.0);
    TOKPROF_TRY_ASSIGN(const auto formats, parse_reports(args->values("report")));
    tokenizer::Registry registry = tokenizer::Registry::builtin();
    if (const auto file = args->value("registry")) {
      TOKPROF_TRY_ASSIGN(registry, tokenizer::Registry::with_overrides(*file));
    }
    TokenizerCache tokenizers(args->value("tokenizer").value_or("auto"), std::move(registry),
                              args->value("tokenizer-dir").value_or(""));
    TOKPROF_TRY_ASSIGN(auto files, trace::expand_inputs(args->positional()));
    RangeFile range;  // issue 8: --byte-range scans a slice of the one file
    if (const auto text = args->value("byte-range")) {
      TOKPROF_TRY(open_byte_range(*text, files, range));
    }
    TOKPROF_TRY_ASSIGN(ScanResult scanned, scan_traces(files, scan, tokenizers));
    range.relocate(scanned);
    for (const std::string& model : sample_models(scanned)) {
      for (const trace::ScoreTable& table : scan.scores) {
        if (const auto score = table.model_score(model)) {
          options.model_scores[model] = *score;
        }
      }
    }
    if (const auto partial = args->value("partial")) {  // issue 8: shard output for `tokprof merge`
      TOKPROF_TRY(write_partial_for(*partial, *args, scanned, options, approx_alpha));
      if (args->values("report").empty() && !args->value("output") && !args->value("o")) {
        return scanned.skipped.empty() ? k_exit_ok : k_exit_skipped;
      }
    }
    report::ReportData data;
    TOKPROF_TRY_ASSIGN(data.profile, report_profile(scanned, options));
    data.run.tool_version = std::string(k_tokprof_version);
    data.run.generated_at = now_iso8601();
    data.run.inputs = args->positional();
    data.run.tokenizer_mode = args->value("tokenizer").value_or("auto");
    data.run.price_file = args->value("prices").value_or("");
    if (const auto title = args->value("title")) {
      data.run.title = *title;
    }
    data.warnings = scanned.warnings;
    add_skipped(data, scanned.skipped);  // issue 6: --keep-going summary
    for (const std::string& warning : data.warnings) {
      print_warning(warning);
    }
    TOKPROF_TRY(check_interrupted());
    TOKPROF_TRY(write_reports(data, formats, *args));
    return scanned.skipped.empty() ? k_exit_ok : k_exit_skipped;
  };
  auto result = run();
  if (!result) {
    return fail(result.error());
  }
  return *result;
}

}  // namespace tokprof::cli
