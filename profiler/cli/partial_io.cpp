#include "partial_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/file.hpp"
#include "base/strings.hpp"
#include "version.hpp"

namespace tokprof::cli {
namespace {

// FNV-1a, 64 bits: enough to tell two settings files apart, which is all a
// fingerprint is for (it is not a security check).
std::string fingerprint(std::string_view bytes) { return fmt::format("fnv1a64:{:016x}", fnv1a64(bytes)); }

Result<std::string> file_fingerprint(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string bytes, read_file(path));
  return fingerprint(bytes);
}

}  // namespace

Result<aggregate::PartialSettings> partial_settings(const Args& args, const aggregate::Options& options) {
  aggregate::PartialSettings settings;
  settings.tool_version = std::string(k_tokprof_version);
  settings.tokenizer = args.value("tokenizer").value_or("auto");
  if (const auto registry = args.value("registry")) {
    TOKPROF_TRY_ASSIGN(settings.registry, file_fingerprint(*registry));
  }
  for (const std::string& path : args.values("scores")) {
    TOKPROF_TRY_ASSIGN(auto print, file_fingerprint(path));
    settings.scores.push_back(std::move(print));
  }
  settings.scorer = args.value("scorer").value_or("");
  settings.average = options.average;
  settings.correct_at = options.correct_at;
  settings.tokens = options.tokens;
  return settings;
}

std::map<std::string, std::string> reading_options(const Args& args) {
  std::map<std::string, std::string> reading;
  for (const char* option : {"format", "map", "map-file", "task", "alias", "task-attr"}) {
    const auto values = args.values(option);
    if (!values.empty()) {
      reading[fmt::format("--{}", option)] = fmt::format("{}", fmt::join(values, ", "));
    }
  }
  return reading;
}

Result<aggregate::Partial> make_partial(const ScanResult& scanned, const aggregate::Options& options,
                                        aggregate::PartialSettings settings, std::vector<std::string> inputs,
                                        std::optional<double> approx_alpha) {
  aggregate::Partial partial;
  partial.settings = std::move(settings);
  partial.inputs = std::move(inputs);
  if (scanned.approx) {
    partial.approx = scanned.approx;  // the scan reduced its samples as it went
  } else if (approx_alpha) {
    TOKPROF_TRY_ASSIGN(partial.approx,
                       aggregate::approx_sums(scanned.samples.samples(), *approx_alpha, options.correct_at.value_or(1.0)));
  } else {
    partial.samples = scanned.samples.samples();
  }
  partial.summaries = scanned.summaries;
  partial.model_scores = options.model_scores;
  partial.warnings = scanned.warnings;
  partial.skipped = scanned.skipped;
  return partial;
}

Result<void> write_partial(const std::string& path, const aggregate::Partial& partial) {
  TOKPROF_TRY_ASSIGN(const std::string text, aggregate::serialise_partial(partial));
  if (path == "-") {  // for pipes: Spark's RDD.pipe, Ray tasks
    fmt::print("{}", text);
    return {};
  }
  return write_file_atomic(path, text);
}

Result<aggregate::Partial> read_partial(const std::string& path) {
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  std::string text;
  std::string buffer(1 << 20, '\0');
  while (true) {
    TOKPROF_TRY_ASSIGN(const std::size_t got, source->read(buffer.data(), buffer.size()));
    if (got == 0) {
      break;
    }
    text.append(buffer.data(), got);
  }
  return aggregate::parse_partial(text, path);
}

}  // namespace tokprof::cli
