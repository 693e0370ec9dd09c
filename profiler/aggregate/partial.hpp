#pragma once
// Partial profiles: what one shard of a run (a file, a byte range of a file,
// a Spark partition) contributes to the final report, without any text.
//
// A partial is exactly the scanned Sample and SummaryRow rows, the warnings
// and skipped records of reading them, and the settings their numbers depend
// on. build_profile sorts rows canonically before any sum, so merging is
// concatenation followed by the same build_profile: the merged report is the
// single-run report, bit for bit, whatever the split and the merge order.
//
// File format "tokprof.partial/1" (one compact JSON document; the CLI reads
// it through open_source, so a partial compressed with gzip or zstd works):
//   {"schema": "tokprof.partial/1",
//    "settings": {"tokprof": "0.1.0", "tokenizer": "auto", "registry": "builtin",
//                 "scores": [fingerprints], "scorer": "", "average": "macro",
//                 "correct_at": 1|null, "tokens": "auto"},
//    "inputs": [paths as given], "models": [...], "tasks": [...], "files": [...],
//    "tokenizers": [...],
//    "sample_columns": [column names, see k_sample_columns in partial.cpp],
//    "samples": [[row], ...],      // model, task, file, tokenizer as indices
//    "summaries": [{model, score, output_tokens, cost_usd, tasks, file, line}],
//    "model_scores": {model: score},   // leaderboard scores (--scores board.csv)
//    "warnings": [...],
//    "skipped": [{"where": "f:12", "reason": "...", "file": "f"}]}
// Absent optional numbers are null. Readers refuse any other schema string;
// a change of meaning bumps the version, new keys do not.
//   "reading": {"--task": "arena", "--alias": "a=b, c=d", ...}: the reading
// options the shard was read with, as given (only those given); merging
// does not compare them (a shard may need its own), reading_differences
// lists them for a note.
//
// An approximate partial (--approx-quantiles, approx.hpp) has the schema
// "tokprof.partial.approx/1", so that a reader that knows only rows refuses
// it, and instead of the tables, "sample_columns" and "samples" it carries
// (partial_approx.hpp): "quantiles": {"sketch": "DDSketch",
// "relative_accuracy": alpha}, "group_columns", "cells" (per model and task:
// exact sums of all and of the scored samples, maxima, sketches) and
// "model_counting" ({model: {tokenizers, tokenizer_exact}}).

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "approx.hpp"
#include "base/error.hpp"
#include "profile.hpp"
#include "sample.hpp"

namespace tokprof::aggregate {

inline constexpr std::string_view k_partial_schema = "tokprof.partial/1";
inline constexpr std::string_view k_approx_partial_schema = "tokprof.partial.approx/1";

// Everything that changes the numbers of a partial. Partials merge only
// when their settings are equal, field by field.
struct PartialSettings {
  std::string tool_version;         // counting may change between versions
  std::string tokenizer = "auto";   // --tokenizer
  std::string registry = "builtin"; // "builtin" or a fingerprint of --registry
  std::vector<std::string> scores;  // fingerprints of the --scores files, in order
  std::string scorer;               // --scorer (empty: each log's first scorer)
  Average average = Average::macro;
  std::optional<double> correct_at;
  TokensMode tokens = TokensMode::automatic;

  bool operator==(const PartialSettings&) const = default;
};

// A record skipped under --keep-going.
struct SkippedEntry {
  std::string where;   // "file:line"
  std::string reason;
  std::string file;    // the trace file it was read from: the per-file summary counts by it
  bool operator==(const SkippedEntry&) const = default;
};

struct Partial {
  PartialSettings settings;
  std::vector<std::string> inputs;  // the trace paths the shard was given
  std::map<std::string, std::string> reading;  // reading options as given, by option ("--task")
  std::vector<Sample> samples;                 // empty in an approximate partial
  std::optional<ApproxSums> approx;            // set in an approximate partial, instead of samples
  std::vector<SummaryRow> summaries;
  std::map<std::string, double> model_scores;
  std::vector<std::string> warnings;
  std::vector<SkippedEntry> skipped;
};

// Returns `partial` as a "tokprof.partial/1" document, or a
// "tokprof.partial.approx/1" one when it has approximate sums. Fails on a
// non-finite score or cost, which JSON cannot hold.
[[nodiscard]] Result<std::string> serialise_partial(const Partial& partial);

// Parses either kind of partial; errors are located at `name`.
[[nodiscard]] Result<Partial> parse_partial(std::string_view text, const std::string& name);

// Returns the first setting in which `a` and `b` differ, as
// "tokenizer: auto vs o200k_base", or std::nullopt when they are equal.
[[nodiscard]] std::optional<std::string> settings_difference(const PartialSettings& a, const PartialSettings& b);

// Returns what makes two warnings one when partials merge; warnings with
// equal keys are kept once, the first. Empty: the text itself.
using WarningKey = std::function<std::string(const std::string&)>;

// Merges `partials` (named by `names`, same size) into one. Fails when the
// settings differ, when one model was counted with different tokenizers, when
// two partials give one model different leaderboard scores, or when the same
// (model, task, sample_id, epoch) comes from two different records; a sample
// that is identical in every field, location included (the same record read
// twice, e.g. the same shard merged twice), is kept once. Inputs, warnings
// and skipped records are concatenated in partial order, duplicates dropped;
// `warning_key` says which warnings are duplicates.
//
// When any partial is approximate, so is the result: approximate sums are
// added (two approximate partials equal in sums and inputs, the same shard
// merged twice, count once; overlapping shards cannot be detected), their
// relative accuracies must be equal, and the samples of the exact partials,
// merged and checked as above, are reduced to sums and sketches of the
// same accuracy, with a warning naming those partials.
[[nodiscard]] Result<Partial> merge_partials(const std::vector<Partial>& partials,
                                             const std::vector<std::string>& names,
                                             const WarningKey& warning_key = {});

// Returns, when the partials were read with different reading options,
// which options differ and how, e.g. `--task: "arena" in a.json, none in
// b.json`; std::nullopt when every partial has the same.
[[nodiscard]] std::optional<std::string> reading_differences(const std::vector<Partial>& partials,
                                                             const std::vector<std::string>& names);

}  // namespace tokprof::aggregate
