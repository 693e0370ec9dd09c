#pragma once
// Partial profiles on disk, for `tokprof profile --partial` and
// `tokprof merge` (the format is aggregate/partial.hpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.hpp"
#include "aggregate/partial.hpp"
#include "args.hpp"
#include "pipeline.hpp"

namespace tokprof::cli {

// Returns the settings `args` and `options` give a partial: the tool
// version, --tokenizer, fingerprints of the --registry and --scores files,
// --scorer, and the scoring options. Errors: a --registry or --scores file cannot be read.
[[nodiscard]] Result<aggregate::PartialSettings> partial_settings(const Args& args, const aggregate::Options& options);

// Returns the reading options of `args` (--format, --map, --map-file,
// --task, --alias, --task-attr) as given, by option; repeated values are
// joined with ", ".
[[nodiscard]] std::map<std::string, std::string> reading_options(const Args& args);

// Returns the partial profile of `scanned`: its samples, or, with
// `approx_alpha`, their sums and sketches of that relative accuracy.
[[nodiscard]] Result<aggregate::Partial> make_partial(const ScanResult& scanned, const aggregate::Options& options,
                                                      aggregate::PartialSettings settings,
                                                      std::vector<std::string> inputs,
                                                      std::optional<double> approx_alpha);

// Writes `partial` to `path` atomically ("-": stdout).
[[nodiscard]] Result<void> write_partial(const std::string& path, const aggregate::Partial& partial);

// Reads the partial profile at `path` (gzip or zstd compressed or not).
[[nodiscard]] Result<aggregate::Partial> read_partial(const std::string& path);

}  // namespace tokprof::cli
